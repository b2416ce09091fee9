import { InvalidTransition } from '../domain/appointment.errors';
import { AppointmentCancelled, AppointmentCompleted } from '../domain/appointment.events';
import { Appointment } from '../domain/appointment.state';
import { decideCancel } from './cancel-appointment';
import { checkedIn, created, facts, given } from '../../../test/support/appointment-decisions';

describe('CancelAppointment', () => {
  const cancel = (state: Appointment) => decideCancel('Feeling better', state);

  it('cancels a booked appointment', () => {
    given([created]).when(cancel).then([new AppointmentCancelled({ ...facts, reason: 'Feeling better', previousStatus: 'booked' })]);
  });

  it('cancels a checked-in appointment', () => {
    given([created, checkedIn])
      .when(cancel)
      .then([new AppointmentCancelled({ ...facts, reason: 'Feeling better', previousStatus: 'checked-in' })]);
  });

  it('refuses to cancel twice or after the visit', () => {
    const cancelled = new AppointmentCancelled({ ...facts, reason: 'x', previousStatus: 'booked' });
    given([created, cancelled]).when(cancel).thenFails(InvalidTransition);
    const completed = new AppointmentCompleted({ ...facts, completedAt: '2027-03-22T08:40:00.000Z' });
    given([created, checkedIn, completed]).when(cancel).thenFails(InvalidTransition);
  });
});
