import { EndNotAfterStart, InvalidTransition, OutsideWorkingHours, StartInPast } from '../domain/appointment.errors';
import { AppointmentRescheduled } from '../domain/appointment.events';
import { Appointment } from '../domain/appointment.state';
import { decideReschedule } from './reschedule-appointment';
import { berlinDoctor, checkedIn, consultation, created, facts, given, monday0900, monday0930 } from '../../../test/support/appointment-decisions';

describe('RescheduleAppointment', () => {
  const reschedule = (start: string, end?: string) => (state: Appointment, now: Date) =>
    decideReschedule({ doctor: berlinDoctor, appointmentType: consultation, start: new Date(start), end: end ? new Date(end) : undefined }, state, now);

  it('moves a booked appointment, keeping the type duration by default', () => {
    given([created])
      .when(reschedule('2027-03-22T12:00:00.000Z'))
      .then([
        new AppointmentRescheduled({
          ...facts,
          start: '2027-03-22T12:00:00.000Z',
          end: '2027-03-22T12:30:00.000Z',
          previousStart: monday0900,
          previousEnd: monday0930,
        }),
      ]);
  });

  it('checks the rules of the new slot', () => {
    given([created]).when(reschedule('2027-03-22T11:30:00Z')).thenFails(OutsideWorkingHours);
    given([created]).when(reschedule('2027-03-22T12:00:00Z', '2027-03-22T12:00:00Z')).thenFails(EndNotAfterStart);
    given([created]).when(reschedule('2027-03-22T12:00:00Z'), new Date('2027-03-22T12:01:00Z')).thenFails(StartInPast);
  });

  it('only moves a booked appointment', () => {
    given([created, checkedIn]).when(reschedule('2027-03-22T12:00:00Z')).thenFails(InvalidTransition);
  });
});
