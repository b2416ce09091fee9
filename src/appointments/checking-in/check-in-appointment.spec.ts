import { InvalidTransition, NotOnAppointmentDay } from '../domain/appointment.errors';
import { AppointmentCheckedIn } from '../domain/appointment.events';
import { Appointment } from '../domain/appointment.state';
import { decideCheckIn } from './check-in-appointment';
import { berlinDoctor, checkedIn, created, facts, given, monday0900 } from '../../../test/support/appointment-decisions';

describe('CheckInAppointment', () => {
  const checkIn = (state: Appointment, now: Date) => decideCheckIn(berlinDoctor, state, now);

  it('checks in a booked appointment on its day, in the doctor timezone', () => {
    // 23:30Z on the 21st is already 00:30 on the 22nd in Berlin.
    const now = new Date('2027-03-21T23:30:00Z');
    given([created]).when(checkIn, now).then([new AppointmentCheckedIn({ ...facts, checkedInAt: now.toISOString() })]);
  });

  it('refuses a check-in on another day', () => {
    given([created]).when(checkIn, new Date('2027-03-21T22:30:00Z')).thenFails(NotOnAppointmentDay);
    given([created]).when(checkIn, new Date('2027-03-22T23:30:00Z')).thenFails(NotOnAppointmentDay);
  });

  it('only checks in a booked appointment', () => {
    given([created, checkedIn]).when(checkIn, new Date(monday0900)).thenFails(InvalidTransition);
  });
});
