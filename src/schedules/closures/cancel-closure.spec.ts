import { RecordNotFound } from '../../shared/application-errors';
import { ClinicClosureCancelled, ClinicClosureEvent, ClinicClosureScheduled } from '../domain/schedule.events';
import { evolveClosure } from '../domain/schedule.evolve';
import { ClosureState } from '../domain/schedule.state';
import { decideCancelClosure } from './cancel-closure';

const closureId = 'c0000000-0000-4000-8000-000000000001';
const time = { start: '2027-12-23T23:00:00.000Z', end: '2027-12-26T23:00:00.000Z' };
const scheduled = new ClinicClosureScheduled({ closureId, ...time, reason: 'Christmas', cancelledAppointmentIds: [] });
const cancelled = new ClinicClosureCancelled({ closureId, ...time });

function given(history: ClinicClosureEvent[]) {
  const state = history.reduce<ClosureState>(evolveClosure, null);
  const decide = () => [decideCancelClosure(closureId, state)];
  return {
    then: (expected: ClinicClosureEvent[]) => expect(decide()).toEqual(expected),
    thenFails: (error: new (...args: never[]) => Error) => expect(decide).toThrow(error),
  };
}

describe('CancelClosure', () => {
  it('opens the clinic again in the closure’s time', () => {
    given([scheduled]).then([cancelled]);
  });

  it('does not know a closure never scheduled, or one already cancelled', () => {
    given([]).thenFails(RecordNotFound);
    given([scheduled, cancelled]).thenFails(RecordNotFound);
  });
});
