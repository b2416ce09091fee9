import { PG_ERROR } from '../shared/postgres-error-codes';
import { StreamsBusy } from './command-errors';
import { COMMIT_ERROR } from './command-commit';
import { WrongExpectedVersion } from './stored-event';

/**
 * Whether a command's transaction failed for losing a race with another one rather than on its
 * merits: another append to its stream first (WrongExpectedVersion), another stream it must
 * change busy (StreamsBusy), something its decision assumed changed since its reads (the commit
 * function's LOST_RACE), or PostgreSQL breaking a deadlock or a serialization conflict. Such a
 * transaction wrote nothing; run again on the fresh state, the command may well succeed.
 */
export function isLostRace(error: unknown): boolean {
  if (error instanceof WrongExpectedVersion || error instanceof StreamsBusy) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === COMMIT_ERROR.LOST_RACE || code === PG_ERROR.DEADLOCK_DETECTED || code === PG_ERROR.SERIALIZATION_FAILURE;
}
