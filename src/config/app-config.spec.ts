import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('starts a fresh clone with defaults and the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      jwtSecret: DEVELOPMENT_JWT_SECRET,
      logLevel: 'info',
      snapshotEvery: 50,
      seedDemoData: true,
    });
  });

  it('names every bad variable at once', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', JWT_SECRET: 'short' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'JWT_SECRET']) expect(message).toContain(name);
    }
  });

  it('requires a real JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      DATABASE_URL: 'postgres://app@db:5432/clinic',
      JWT_SECRET: 'x'.repeat(40),
      SMTP_URL: 'smtp://mail:1025',
      MAIL_FROM: 'Clinic <desk@clinic.example>',
      REDIS_URL: 'redis://cache:6379',
      LOG_LEVEL: 'warn',
      SNAPSHOT_EVERY: '20',
    });
    expect(config).toMatchObject({ port: 8080, smtpUrl: 'smtp://mail:1025', snapshotEvery: 20, production: true });
  });
});
