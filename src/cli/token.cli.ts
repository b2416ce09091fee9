import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { signAccessToken } from '../shared/auth/access-token';
import { Actor, ROLES, Role } from '../shared/auth/actor';
import { commandConfig, runCommand } from './command';

/** Prints an access token: npm run token -- --role staff [--patient-id ID] [--doctor-id ID] [--sub ID] */
runCommand(async () => {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      'patient-id': { type: 'string' },
      'doctor-id': { type: 'string' },
      sub: { type: 'string' },
      'expires-in': { type: 'string', default: String(8 * 3600) },
    },
  });
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  if (role === 'doctor' && !values['doctor-id']) throw new Error('--doctor-id is required for the doctor role');
  if (role === 'patient' && !values['patient-id']) throw new Error('--patient-id is required for the patient role');
  const actor: Actor = {
    userId: values.sub ?? `${role}-${randomUUID()}`,
    role,
    doctorId: values['doctor-id'],
    patientId: values['patient-id'],
  };
  process.stdout.write(`${signAccessToken(actor, commandConfig().jwtSecret, Number(values['expires-in']))}\n`);
});
