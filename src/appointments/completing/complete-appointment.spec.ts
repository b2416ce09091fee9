import { InvalidTransition } from '../domain/appointment.errors';
import { AppointmentCompleted } from '../domain/appointment.events';
import { decideComplete } from './complete-appointment';
import { checkedIn, created, facts, given } from '../../../test/support/appointment-decisions';

describe('CompleteAppointment', () => {
  const complete = decideComplete;
  const now = new Date('2027-03-22T08:40:00Z');

  it('fulfils a checked-in appointment', () => {
    given([created, checkedIn]).when(complete, now).then([new AppointmentCompleted({ ...facts, completedAt: now.toISOString() })]);
  });

  it('refuses to complete an appointment that was not checked in', () => {
    given([created]).when(complete, now).thenFails(InvalidTransition);
  });
});
