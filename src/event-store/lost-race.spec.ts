import { PG_ERROR } from '../shared/postgres-error-codes';
import { ConcurrentChange, StreamsBusy } from './command-errors';
import { COMMIT_ERROR } from './command-commit';
import { isLostRace } from './lost-race';
import { WrongExpectedVersion } from './stored-event';

const failure = (code: string) => Object.assign(new Error('failed'), { code });

describe('isLostRace', () => {
  it('is a race lost: another append, a busy stream, a read that changed, a deadlock, a serialization failure', () => {
    const lost = [
      new WrongExpectedVersion('stream', 3, 4),
      new StreamsBusy('SlotHold', ['h1']),
      failure(COMMIT_ERROR.LOST_RACE),
      failure(PG_ERROR.DEADLOCK_DETECTED),
      failure(PG_ERROR.SERIALIZATION_FAILURE),
    ];
    expect(lost.map(isLostRace)).toEqual(lost.map(() => true));
  });

  it('is no race lost: a refusal on the merits, the retries used up, another database error, a bug, no error object', () => {
    const other = [
      new ConcurrentChange('SlotHold', 'h1'),
      failure(PG_ERROR.UNIQUE_VIOLATION),
      failure('57014'),
      new TypeError('undefined is not a function'),
      null,
      'failed',
    ];
    expect(other.map(isLostRace)).toEqual(other.map(() => false));
  });
});
