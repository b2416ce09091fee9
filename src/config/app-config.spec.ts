import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig, PUBLISHED_JWT_SECRETS } from './app-config';

/** Made for each run: a secret written here would be one more published secret. */
const PRODUCTION_SECRET = randomBytes(32).toString('base64');

describe('loadConfig', () => {
  it('starts a fresh clone with defaults and the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      jwtSecret: DEVELOPMENT_JWT_SECRET,
      host: '127.0.0.1',
      embeddedPostgresDir: resolve('.data', 'postgres'),
      embeddedPostgresPort: 54329,
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
      JWT_SECRET: PRODUCTION_SECRET,
      SMTP_URL: 'smtp://mail:1025',
      MAIL_FROM: 'Clinic <desk@clinic.example>',
      REDIS_URL: 'redis://cache:6379',
      LOG_LEVEL: 'warn',
      SNAPSHOT_EVERY: '20',
    });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', smtpUrl: 'smtp://mail:1025', snapshotEvery: 20, production: true });
  });

  describe('secrets published in the repository', () => {
    it.each(PUBLISHED_JWT_SECRETS.map((secret) => [secret]))('refuses %s in production, naming JWT_SECRET', (secret) => {
      expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret })).toThrow(/JWT_SECRET is a value published in this repository/);
    });

    it('accepts them outside production, where the API listens on the loopback address only', () => {
      for (const secret of PUBLISHED_JWT_SECRETS) expect(loadConfig({ JWT_SECRET: secret })).toMatchObject({ jwtSecret: secret, host: '127.0.0.1' });
    });

    it('refuses a production secret with too few different characters', () => {
      expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) })).toThrow(/JWT_SECRET is too easy to guess/);
      expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'ab'.repeat(20) })).toThrow(/JWT_SECRET is too easy to guess/);
    });
  });

  describe('HOST', () => {
    it('defaults to the loopback address outside production and to every interface in production', () => {
      expect(loadConfig({}).host).toBe('127.0.0.1');
      expect(loadConfig({ NODE_ENV: 'development' }).host).toBe('127.0.0.1');
      expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: PRODUCTION_SECRET }).host).toBe('0.0.0.0');
    });

    it.each(['0.0.0.0', '::', '::1', '10.1.2.3', 'localhost', 'app.internal'])('accepts %s', (host) => {
      expect(loadConfig({ HOST: host }).host).toBe(host);
      expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: PRODUCTION_SECRET, HOST: host }).host).toBe(host);
    });

    it.each(['http://0.0.0.0', '0.0.0.0:3000', 'host name', '-app', 'a..b'])('refuses %s, naming HOST', (host) => {
      expect(() => loadConfig({ HOST: host })).toThrow(/HOST must be an IP address or a host name/);
    });
  });

  it('places the embedded PostgreSQL where EMBEDDED_POSTGRES_DIR and EMBEDDED_POSTGRES_PORT say', () => {
    expect(loadConfig({ EMBEDDED_POSTGRES_DIR: '/srv/clinic-pg', EMBEDDED_POSTGRES_PORT: '6543' })).toMatchObject({
      embeddedPostgresDir: '/srv/clinic-pg',
      embeddedPostgresPort: 6543,
    });
    expect(() => loadConfig({ EMBEDDED_POSTGRES_PORT: '70000' })).toThrow(/EMBEDDED_POSTGRES_PORT/);
  });
  describe('signing in with an identity provider', () => {
    const issuer = { AUTH_ISSUER_URL: 'https://id.clinic.example/realms/clinic', AUTH_AUDIENCE: 'clinic-api' };

    it('uses the development tokens without AUTH_ISSUER_URL, with the default claim names', () => {
      expect(loadConfig({})).toMatchObject({
        authIssuerUrl: undefined,
        authAudience: undefined,
        authRolesClaim: 'roles',
        authDoctorIdClaim: 'doctorId',
        authPatientIdClaim: 'patientId',
        authClockToleranceSeconds: 30,
        authDashboardClientId: 'front-desk',
        authDashboardScope: 'openid profile',
      });
    });

    it('takes an https issuer with its audience, claim paths, tolerance and dashboard client', () => {
      const config = loadConfig({
        ...issuer,
        AUTH_ROLES_CLAIM: 'realm_access.roles',
        AUTH_DOCTOR_ID_CLAIM: 'clinic.doctor_id',
        AUTH_PATIENT_ID_CLAIM: 'patient_id',
        AUTH_CLOCK_TOLERANCE_SECONDS: '5',
        AUTH_DASHBOARD_CLIENT_ID: 'desk',
        AUTH_DASHBOARD_SCOPE: ' openid   profile email ',
      });
      expect(config).toMatchObject({
        authIssuerUrl: 'https://id.clinic.example/realms/clinic',
        authAudience: 'clinic-api',
        authRolesClaim: 'realm_access.roles',
        authDoctorIdClaim: 'clinic.doctor_id',
        authPatientIdClaim: 'patient_id',
        authClockToleranceSeconds: 5,
        authDashboardClientId: 'desk',
        authDashboardScope: 'openid profile email',
      });
    });

    it.each(['http://127.0.0.1:8080/', 'http://localhost:9000/realms/dev', 'http://[::1]:4000'])('accepts http: on the loopback address %s', (url) => {
      expect(loadConfig({ ...issuer, AUTH_ISSUER_URL: url }).authIssuerUrl).toBe(url);
    });

    it.each(['http://id.clinic.example', 'http://10.0.0.5:8080', 'http://127.0.0.1.example.com'])('refuses http: off the loopback address (%s)', (url) => {
      expect(() => loadConfig({ ...issuer, AUTH_ISSUER_URL: url })).toThrow(/AUTH_ISSUER_URL must use https:/);
    });

    it('refuses an issuer that is not a plain https URL', () => {
      expect(() => loadConfig({ ...issuer, AUTH_ISSUER_URL: 'id.clinic.example' })).toThrow(/AUTH_ISSUER_URL is not a valid URL/);
      expect(() => loadConfig({ ...issuer, AUTH_ISSUER_URL: 'ftp://id.clinic.example' })).toThrow(/AUTH_ISSUER_URL must use https:/);
      expect(() => loadConfig({ ...issuer, AUTH_ISSUER_URL: 'https://user:pw@id.clinic.example' })).toThrow(/without credentials, query or fragment/);
      expect(() => loadConfig({ ...issuer, AUTH_ISSUER_URL: 'https://id.clinic.example/?realm=x' })).toThrow(/without credentials, query or fragment/);
    });

    it('requires the audience with an issuer, and an issuer with an audience', () => {
      expect(() => loadConfig({ AUTH_ISSUER_URL: issuer.AUTH_ISSUER_URL })).toThrow(/AUTH_AUDIENCE is required with AUTH_ISSUER_URL/);
      expect(() => loadConfig({ AUTH_AUDIENCE: 'clinic-api' })).toThrow(/AUTH_AUDIENCE is set without AUTH_ISSUER_URL/);
    });

    it('names bad claim paths, tolerances, client ids and scopes', () => {
      const attempt = () =>
        loadConfig({
          ...issuer,
          AUTH_ROLES_CLAIM: 'realm_access..roles',
          AUTH_DOCTOR_ID_CLAIM: '.doctorId',
          AUTH_PATIENT_ID_CLAIM: 'patient id',
          AUTH_CLOCK_TOLERANCE_SECONDS: '3600',
          AUTH_DASHBOARD_CLIENT_ID: 'front desk',
          AUTH_DASHBOARD_SCOPE: 'openid "profile"',
        });
      expect(attempt).toThrow(ConfigError);
      const message = (() => {
        try {
          attempt();
        } catch (error) {
          return (error as Error).message;
        }
      })();
      for (const name of ['AUTH_ROLES_CLAIM', 'AUTH_DOCTOR_ID_CLAIM', 'AUTH_PATIENT_ID_CLAIM', 'AUTH_CLOCK_TOLERANCE_SECONDS', 'AUTH_DASHBOARD_CLIENT_ID', 'AUTH_DASHBOARD_SCOPE']) {
        expect(message).toContain(name);
      }
    });

    it('needs no JWT_SECRET in production with an issuer, and does not judge one it does not use', () => {
      expect(loadConfig({ NODE_ENV: 'production', ...issuer })).toMatchObject({ production: true, authIssuerUrl: issuer.AUTH_ISSUER_URL });
      expect(loadConfig({ NODE_ENV: 'production', ...issuer, JWT_SECRET: PUBLISHED_JWT_SECRETS[0] }).production).toBe(true);
    });
  });

  describe('processes and replicas', () => {
    it('serves the API and runs the subscriptions by default, reads from the primary only', () => {
      expect(loadConfig({})).toMatchObject({ runHttp: true, runSubscriptions: true, databaseReplicaUrl: undefined, databaseReplicaMaxLagMs: 2000 });
    });

    it('makes a worker with RUN_HTTP=false and an API-only instance with RUN_SUBSCRIPTIONS=false', () => {
      expect(loadConfig({ RUN_HTTP: 'false' })).toMatchObject({ runHttp: false, runSubscriptions: true });
      expect(loadConfig({ RUN_SUBSCRIPTIONS: 'false' })).toMatchObject({ runHttp: true, runSubscriptions: false });
    });

    it('refuses an instance that would do nothing, naming both variables', () => {
      expect(() => loadConfig({ RUN_HTTP: 'false', RUN_SUBSCRIPTIONS: 'false' })).toThrow(/RUN_HTTP and RUN_SUBSCRIPTIONS are both false/);
      expect(() => loadConfig({ RUN_HTTP: 'no' })).toThrow(/RUN_HTTP must be true or false/);
    });

    it('takes a replica URL and a lag bound, validated like DATABASE_URL', () => {
      expect(loadConfig({ DATABASE_URL: 'postgres://app@db/clinic', DATABASE_REPLICA_URL: 'postgres://app@replica/clinic', DATABASE_REPLICA_MAX_LAG_MS: '500' })).toMatchObject({
        databaseReplicaUrl: 'postgres://app@replica/clinic',
        databaseReplicaMaxLagMs: 500,
      });
      expect(() => loadConfig({ DATABASE_REPLICA_URL: 'mysql://replica/clinic' })).toThrow(/DATABASE_REPLICA_URL must use one of postgres:, postgresql:/);
      expect(() => loadConfig({ DATABASE_REPLICA_URL: 'not a url' })).toThrow(/DATABASE_REPLICA_URL is not a valid URL/);
      expect(() => loadConfig({ DATABASE_REPLICA_MAX_LAG_MS: '-1' })).toThrow(/DATABASE_REPLICA_MAX_LAG_MS must be an integer/);
    });
  });
});
