import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { IANAZone } from 'luxon';

/**
 * The application's configuration, read once from the environment and validated as a whole:
 * a bad value stops the start-up with a message naming every offending variable.
 */
export interface AppConfig {
  port: number;
  /**
   * The address the HTTP server listens on. Outside production it is the loopback address by
   * default, since the development JWT secret is public and anyone reaching the port could mint
   * a token; production listens on every interface.
   */
  host: string;
  /** Unset: an embedded PostgreSQL is started with its data under `.data/`. */
  databaseUrl: string | undefined;
  /**
   * A streaming replica of the database (optional): queries of the read tables are served from
   * it while it is at most `databaseReplicaMaxLagMs` behind the primary, from the primary otherwise.
   */
  databaseReplicaUrl: string | undefined;
  /** The replica's lag (how long ago the primary had written the last WAL it replayed) past which reads go to the primary. */
  databaseReplicaMaxLagMs: number;
  /** Data directory of the embedded PostgreSQL (used when DATABASE_URL is unset). */
  embeddedPostgresDir: string;
  /** Port of the embedded PostgreSQL, on 127.0.0.1. */
  embeddedPostgresPort: number;
  /**
   * The HS256 secret of the embedded development tokens (`npm run token`), used only without
   * `authIssuerUrl`.
   */
  jwtSecret: string;
  /**
   * The OpenID Connect issuer whose access tokens the API accepts (verified against its
   * discovery document and JWKS); unset: the embedded HS256 development tokens.
   */
  authIssuerUrl: string | undefined;
  /** The `aud` an issuer's access token must carry for this API; set exactly when `authIssuerUrl` is. */
  authAudience: string | undefined;
  /**
   * Where an issuer's token carries the role: a claim name or a dotted path into nested claims
   * (`realm_access.roles`), holding a string or an array of strings.
   */
  authRolesClaim: string;
  /** The claim (name or dotted path) holding a doctor's doctorId. */
  authDoctorIdClaim: string;
  /** The claim (name or dotted path) holding a patient's patientId. */
  authPatientIdClaim: string;
  /** Seconds of clock difference with the issuer allowed on `exp` and `nbf`. */
  authClockToleranceSeconds: number;
  /** The public client (authorization code with PKCE) the dashboard signs in with. */
  authDashboardClientId: string;
  /** The scopes the dashboard asks the issuer for. */
  authDashboardScope: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  redisUrl: string | undefined;
  /** NATS with JetStream: when set, the integration events are also published there. */
  natsUrl: string | undefined;
  /** The JetStream stream of the integration events (subjects `appointment.>`). */
  natsStream: string;
  logLevel: LogLevel;
  /** How log lines are written; unset: pretty on a terminal outside production, JSON otherwise. */
  logFormat: LogFormat | undefined;
  /**
   * The clinic's IANA time zone, in which "today" is the front desk's day (the dashboard's
   * default day); unset: the zone most of the clinic's doctors work in.
   */
  clinicTimezone: string | undefined;
  /** A snapshot of an appointment is stored every this many events of its stream. */
  snapshotEvery: number;
  /** Load the demo clinic when the reference tables are empty. */
  seedDemoData: boolean;
  /** Requests per minute allowed to one user (or one address, for anonymous calls). */
  rateLimitPerMinute: number;
  /** Origins allowed to call the API from a browser; empty: same origin only. */
  corsOrigins: string[];
  /** Future booked appointments one patient may hold at once. */
  patientMaxFutureBookings: number;
  /** Connections of this instance's pool (subscriptions hold a few more of their own). */
  databasePoolSize: number;
  /** Run the durable subscriptions (projections, notifications) in this instance. */
  runSubscriptions: boolean;
  /**
   * Serve the API in this instance. false: a worker, which runs the subscriptions and answers
   * only /health and /metrics on its port.
   */
  runHttp: boolean;
  /** Fallback poll of the subscriptions, for commits whose notification was missed. */
  subscriptionPollMs: number;
  /** Under load, a subscription gathers the events of this many milliseconds into one batch. */
  subscriptionBatchWindowMs: number;
  /** Attempts at one event before a subscription stops (projections) or parks it. */
  subscriptionMaxAttempts: number;
  /** First retry delay of a failing event; doubles with each attempt. */
  subscriptionRetryBaseMs: number;
  /** A subscription further behind than this makes the instance unready. */
  subscriptionLagThresholdSeconds: number;
  /** Longest wait of a query for `minPosition` before it answers 503. */
  readWaitMs: number;
  /** How long before the start a reminder email goes out. */
  reminderLeadHours: number;
  /** Attempts at an email the SMTP server refuses permanently (5xx) before it is parked. */
  emailMaxAttempts: number;
  /** First retry delay of an email that failed; doubles with each attempt. */
  emailRetryBaseMs: number;
  /** Where emails are written as .eml files when SMTP_URL is unset. */
  mailDir: string;
  /** How often due reminders are looked for. */
  reminderCheckMs: number;
  /** How long a slot hold (POST /holds) keeps its slot before its timer releases it. */
  holdTtlSeconds: number;
  /** How long a waitlist offer's hold waits for the patient's answer. */
  offerTtlSeconds: number;
  /** How often the durable timers of holds are looked at for holds due to expire. */
  holdExpiryCheckMs: number;
  production: boolean;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `json`: one JSON object a line, for machines; `pretty`: short coloured lines, for people. */
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** Used only outside production so that a fresh clone starts without any set-up. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-do-not-use-in-production';

/**
 * Every JWT secret written down in this repository: the development default, the placeholder
 * of `.env.example` and the default of `docker-compose.yml`. Anyone can read them, so anyone
 * could sign a token with them: production refuses each. A test compares this list with the
 * values in those files, so a new one cannot be committed without being listed here.
 */
export const PUBLISHED_JWT_SECRETS: readonly string[] = [
  DEVELOPMENT_JWT_SECRET,
  'change-me-to-a-long-random-secret-of-32-chars-or-more',
  'compose-demo-secret-change-me-0123456789',
];

/** A production secret needs at least this many different characters (refuses `xxxx…`, `abab…`). */
const MIN_DISTINCT_SECRET_CHARACTERS = 10;

/** The embedded PostgreSQL's defaults: its data under `.data/` of the working directory. */
export const DEFAULT_EMBEDDED_POSTGRES_DIR = join('.data', 'postgres');
export const DEFAULT_EMBEDDED_POSTGRES_PORT = 54329;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** A claim name, or names joined by dots into nested claims; no empty name, no white space. */
const CLAIM_PATH = /^[^.\s]+(\.[^.\s]+)*$/;
/** An OAuth client id or scope token (RFC 6749 appendix A): printable ASCII without space, `"` or `\`. */
const OAUTH_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** A host name that names this machine: `localhost`, 127.0.0.0/8 or ::1. */
export function isLoopback(hostname: string): boolean {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare.endsWith('.localhost') || bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

/** A DNS host name (RFC 1123 labels), such as `localhost` or `app.internal`. */
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function loadConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  };
  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must use one of ${protocols.join(', ')}, got "${parsed.protocol}"`);
      }
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return raw;
  };
  const boolean = (name: string, fallback: boolean): boolean => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  };

  const production = read('NODE_ENV') === 'production';
  const port = integer('PORT', 3000, 0, 65535);
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const databaseReplicaUrl = url('DATABASE_REPLICA_URL', ['postgres:', 'postgresql:']);
  const smtpUrl = url('SMTP_URL', ['smtp:', 'smtps:']);
  const redisUrl = url('REDIS_URL', ['redis:', 'rediss:']);
  const natsUrl = url('NATS_URL', ['nats:', 'tls:']);
  const natsStream = read('NATS_STREAM') ?? 'APPOINTMENT_EVENTS';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(natsStream)) problems.push(`NATS_STREAM must be 1 to 64 letters, digits, _ or -, got "${natsStream}"`);

  const host = read('HOST') ?? (production ? '0.0.0.0' : '127.0.0.1');
  if (!isIP(host) && !HOSTNAME.test(host)) problems.push(`HOST must be an IP address or a host name, got "${host}"`);

  const authIssuerUrl = read('AUTH_ISSUER_URL');
  if (authIssuerUrl !== undefined) {
    let issuer: URL | undefined;
    try {
      issuer = new URL(authIssuerUrl);
    } catch {
      problems.push(`AUTH_ISSUER_URL is not a valid URL, got "${authIssuerUrl}"`);
    }
    if (issuer && issuer.protocol === 'http:' && !isLoopback(issuer.hostname)) {
      problems.push(`AUTH_ISSUER_URL must use https: (http: only on a loopback address such as 127.0.0.1), got "${authIssuerUrl}"`);
    } else if (issuer && issuer.protocol !== 'http:' && issuer.protocol !== 'https:') {
      problems.push(`AUTH_ISSUER_URL must use https:, got "${issuer.protocol}"`);
    } else if (issuer && (issuer.search !== '' || issuer.hash !== '' || issuer.username !== '' || issuer.password !== '')) {
      problems.push('AUTH_ISSUER_URL must be the issuer itself, without credentials, query or fragment');
    }
  }
  const authAudience = read('AUTH_AUDIENCE');
  if (authIssuerUrl !== undefined && authAudience === undefined) problems.push('AUTH_AUDIENCE is required with AUTH_ISSUER_URL: the audience (aud) of the access tokens meant for this API');
  if (authIssuerUrl === undefined && authAudience !== undefined) problems.push('AUTH_AUDIENCE is set without AUTH_ISSUER_URL: set the issuer too, or unset both for the development tokens');
  const claimPath = (name: string, fallback: string): string => {
    const value = read(name) ?? fallback;
    if (!CLAIM_PATH.test(value)) problems.push(`${name} must be a claim name or a dotted path such as realm_access.roles, got "${value}"`);
    return value;
  };
  const authDashboardClientId = read('AUTH_DASHBOARD_CLIENT_ID') ?? 'front-desk';
  if (!OAUTH_TOKEN.test(authDashboardClientId)) problems.push(`AUTH_DASHBOARD_CLIENT_ID must be printable ASCII without spaces, got "${authDashboardClientId}"`);
  const authDashboardScope = (read('AUTH_DASHBOARD_SCOPE') ?? 'openid profile').split(/\s+/).join(' ');
  if (!authDashboardScope.split(' ').every((scope) => OAUTH_TOKEN.test(scope))) {
    problems.push(`AUTH_DASHBOARD_SCOPE must be scopes separated by spaces, got "${authDashboardScope}"`);
  }

  // With an issuer the secret verifies nothing: only the development tokens are signed with it.
  const developmentTokens = authIssuerUrl === undefined;
  let jwtSecret = read('JWT_SECRET');
  if (jwtSecret === undefined) {
    if (production && developmentTokens) problems.push('JWT_SECRET is required when NODE_ENV=production (or AUTH_ISSUER_URL, to sign in with the clinic\'s identity provider)');
    jwtSecret = DEVELOPMENT_JWT_SECRET;
  } else if (jwtSecret.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters long');
  } else if (production && developmentTokens && PUBLISHED_JWT_SECRETS.includes(jwtSecret)) {
    problems.push('JWT_SECRET is a value published in this repository, so anyone can sign tokens with it: set a random secret (e.g. openssl rand -base64 48)');
  } else if (production && developmentTokens && new Set(jwtSecret).size < MIN_DISTINCT_SECRET_CHARACTERS) {
    problems.push(`JWT_SECRET is too easy to guess (fewer than ${MIN_DISTINCT_SECRET_CHARACTERS} different characters): set a random secret (e.g. openssl rand -base64 48)`);
  }

  const mailFrom = read('MAIL_FROM') ?? 'Clinic <no-reply@clinic.example>';
  if (!/^[^<>]*<?[^\s@<>]+@[^\s@<>]+>?$/.test(mailFrom)) {
    problems.push(`MAIL_FROM must be an email address, optionally with a name, got "${mailFrom}"`);
  }

  const rawLogLevel = read('LOG_LEVEL') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(rawLogLevel)) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${rawLogLevel}"`);
  }
  const logFormat = read('LOG_FORMAT');
  if (logFormat !== undefined && !(LOG_FORMATS as readonly string[]).includes(logFormat)) {
    problems.push(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, got "${logFormat}"`);
  }
  const clinicTimezone = read('CLINIC_TIMEZONE');
  if (clinicTimezone !== undefined && !IANAZone.isValidZone(clinicTimezone)) {
    problems.push(`CLINIC_TIMEZONE must be an IANA time zone such as Europe/Berlin, got "${clinicTimezone}"`);
  }

  const config: AppConfig = {
    port,
    host,
    databaseUrl,
    databaseReplicaUrl,
    databaseReplicaMaxLagMs: integer('DATABASE_REPLICA_MAX_LAG_MS', 2000, 0, 600_000),
    embeddedPostgresDir: resolve(read('EMBEDDED_POSTGRES_DIR') ?? DEFAULT_EMBEDDED_POSTGRES_DIR),
    embeddedPostgresPort: integer('EMBEDDED_POSTGRES_PORT', DEFAULT_EMBEDDED_POSTGRES_PORT, 1, 65535),
    jwtSecret,
    authIssuerUrl,
    authAudience,
    authRolesClaim: claimPath('AUTH_ROLES_CLAIM', 'roles'),
    authDoctorIdClaim: claimPath('AUTH_DOCTOR_ID_CLAIM', 'doctorId'),
    authPatientIdClaim: claimPath('AUTH_PATIENT_ID_CLAIM', 'patientId'),
    authClockToleranceSeconds: integer('AUTH_CLOCK_TOLERANCE_SECONDS', 30, 0, 300),
    authDashboardClientId,
    authDashboardScope,
    smtpUrl,
    mailFrom,
    redisUrl,
    natsUrl,
    natsStream,
    logLevel: rawLogLevel as LogLevel,
    logFormat: logFormat as LogFormat | undefined,
    clinicTimezone,
    snapshotEvery: integer('SNAPSHOT_EVERY', 50, 2, 100000),
    seedDemoData: boolean('SEED_DEMO_DATA', true),
    rateLimitPerMinute: integer('RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    corsOrigins: (read('CORS_ORIGINS') ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    patientMaxFutureBookings: integer('PATIENT_MAX_FUTURE_BOOKINGS', 5, 1, 1000),
    databasePoolSize: integer('DATABASE_POOL_SIZE', 20, 2, 500),
    runSubscriptions: boolean('RUN_SUBSCRIPTIONS', true),
    runHttp: boolean('RUN_HTTP', true),
    subscriptionPollMs: integer('SUBSCRIPTION_POLL_MS', 1000, 10, 600_000),
    subscriptionBatchWindowMs: integer('SUBSCRIPTION_BATCH_WINDOW_MS', 10, 0, 1000),
    subscriptionMaxAttempts: integer('SUBSCRIPTION_MAX_ATTEMPTS', 5, 1, 100),
    subscriptionRetryBaseMs: integer('SUBSCRIPTION_RETRY_BASE_MS', 200, 1, 600_000),
    subscriptionLagThresholdSeconds: integer('SUBSCRIPTION_LAG_THRESHOLD_SECONDS', 60, 1, 86_400),
    readWaitMs: integer('READ_WAIT_MS', 5000, 0, 60_000),
    reminderLeadHours: integer('REMINDER_LEAD_HOURS', 24, 1, 24 * 14),
    emailMaxAttempts: integer('EMAIL_MAX_ATTEMPTS', 5, 1, 100),
    emailRetryBaseMs: integer('EMAIL_RETRY_BASE_MS', 1000, 1, 600_000),
    mailDir: read('MAIL_DIR') ?? '.data/mail',
    reminderCheckMs: integer('REMINDER_CHECK_MS', 30_000, 10, 3_600_000),
    holdTtlSeconds: integer('HOLD_TTL_SECONDS', 600, 1, 86_400),
    offerTtlSeconds: integer('OFFER_TTL_SECONDS', 900, 1, 7 * 86_400),
    holdExpiryCheckMs: integer('HOLD_EXPIRY_CHECK_MS', 1000, 10, 600_000),
    production,
  };
  if (!config.runHttp && !config.runSubscriptions) {
    problems.push('RUN_HTTP and RUN_SUBSCRIPTIONS are both false: such an instance would do nothing (set one of them to true)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
