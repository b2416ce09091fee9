import { randomUUID } from 'node:crypto';
import { signAccessToken } from '../shared/auth/access-token';
import { Actor, ROLES, Role } from '../shared/auth/actor';
import { textProblem } from '../shared/http/text-policy';
import { commandConfig, runCommand, UsageError } from './command';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_EXPIRY_SECONDS = 8 * 3600;
const MAX_EXPIRY_SECONDS = 366 * 24 * 3600;
const MAX_NAME_LENGTH = 200;

const USAGE = `Usage: npm run -s token -- --role <role> [--doctor-id ID] [--patient-id ID] [--sub USER] [--name NAME] [--expires-in SECONDS]

Prints an HS256 development access token signed with JWT_SECRET (the development secret when
unset). With AUTH_ISSUER_URL set the API accepts only the issuer's tokens, so none is printed.

Options:
  --role <role>          ${ROLES.join(', ')} (required)
  --doctor-id <uuid>     the doctor a doctor token acts as (required for --role doctor)
  --patient-id <uuid>    the patient a patient token acts as (required for --role patient)
  --sub <user>           the token's subject (default: <role>-<random uuid>)
  --name <name>          the person's display name, shown in the history (default: none)
  --expires-in <seconds> lifetime, 1 to ${MAX_EXPIRY_SECONDS} (default ${DEFAULT_EXPIRY_SECONDS})
  -h, --help             this text`;

const OPTIONS = {
  role: { type: 'string' },
  'patient-id': { type: 'string' },
  'doctor-id': { type: 'string' },
  sub: { type: 'string' },
  name: { type: 'string' },
  'expires-in': { type: 'string' },
} as const;

runCommand({ usage: USAGE, options: OPTIONS, positionals: { min: 0, max: 0 } }, ({ values }) => {
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (role === 'doctor' && !values['doctor-id']) throw new UsageError('--doctor-id is required for the doctor role');
  if (role === 'patient' && !values['patient-id']) throw new UsageError('--patient-id is required for the patient role');
  for (const option of ['doctor-id', 'patient-id'] as const) {
    const value = values[option];
    if (value !== undefined && !UUID.test(value)) throw new UsageError(`--${option} must be a UUID, got "${value}"`);
  }
  if (values.sub !== undefined && values.sub.trim() === '') throw new UsageError('--sub must not be empty');
  const name = values.name?.trim();
  if (name !== undefined) {
    const problem = name === '' ? 'must not be empty' : name.length > MAX_NAME_LENGTH ? `must be at most ${MAX_NAME_LENGTH} characters` : textProblem(name, 'single-line');
    if (problem) throw new UsageError(`--name ${problem}`);
  }
  const expiresIn = Number(values['expires-in'] ?? DEFAULT_EXPIRY_SECONDS);
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRY_SECONDS) {
    throw new UsageError(`--expires-in must be a whole number of seconds from 1 to ${MAX_EXPIRY_SECONDS}, got "${values['expires-in']}"`);
  }
  const config = commandConfig();
  if (config.authIssuerUrl !== undefined) {
    throw new Error(`AUTH_ISSUER_URL is set (${config.authIssuerUrl}): the API accepts only that issuer's tokens, not development ones; sign in there, or unset AUTH_ISSUER_URL`);
  }
  const actor: Actor = {
    userId: values.sub ?? `${role}-${randomUUID()}`,
    role,
    name: name ?? null,
    doctorId: values['doctor-id'],
    patientId: values['patient-id'],
  };
  process.stdout.write(`${signAccessToken(actor, config.jwtSecret, expiresIn)}\n`);
});
