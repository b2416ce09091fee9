import { replay } from './appointment.evolve';
import { AppointmentCancelled } from './appointment.events';
import { checkedIn, created, facts, id, monday0900 } from '../../../test/support/appointment-decisions';

describe('evolve', () => {
  it('rebuilds the state and counts the version', () => {
    const state = replay([created, checkedIn, new AppointmentCancelled({ ...facts, reason: 'Ill', previousStatus: 'checked-in' })]);
    expect(state).toMatchObject({ id, status: 'cancelled', cancellationReason: 'Ill', version: 3, start: monday0900 });
  });
});
