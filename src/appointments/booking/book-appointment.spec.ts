import { AppointmentAlreadyExists, EndNotAfterStart, OutsideWorkingHours, StartInPast } from '../domain/appointment.errors';
import { AppointmentCreated } from '../domain/appointment.events';
import { AppointmentState } from '../domain/appointment.state';
import { BookingTerms, decideBooking } from './book-appointment';
import { bookingTerms, created, givenStream, monday0900 } from '../../../test/support/appointment-decisions';

const book = (overrides: Partial<BookingTerms> = {}) => (state: AppointmentState, now: Date) => decideBooking(bookingTerms(overrides), state, now);

describe('BookAppointment', () => {
  it('creates the appointment, with the end defaulting to start + the type duration', () => {
    givenStream([]).when(book()).then([created]);
  });

  it('keeps an explicit end', () => {
    const end = '2027-03-22T09:00:00.000Z';
    givenStream([]).when(book({ end: new Date(end) })).then([new AppointmentCreated({ ...created.data, end })]);
  });

  it('refuses an end that is not after the start', () => {
    givenStream([]).when(book({ end: new Date(monday0900) })).thenFails(EndNotAfterStart);
    givenStream([]).when(book({ end: new Date('2027-03-22T07:00:00Z') })).thenFails(EndNotAfterStart);
  });

  it('refuses a start in the past', () => {
    givenStream([]).when(book(), new Date('2027-03-22T08:00:01Z')).thenFails(StartInPast);
  });

  it('refuses a slot outside the working hours, in the lunch break or across its end', () => {
    givenStream([]).when(book({ start: new Date('2027-03-22T07:30:00Z') })).thenFails(OutsideWorkingHours);
    givenStream([]).when(book({ start: new Date('2027-03-22T11:00:00Z') })).thenFails(OutsideWorkingHours);
    givenStream([]).when(book({ start: new Date('2027-03-22T10:45:00Z') })).thenFails(OutsideWorkingHours);
    givenStream([]).when(book({ start: new Date('2027-03-24T08:00:00Z') })).thenFails(OutsideWorkingHours);
  });

  it('accepts a slot that ends exactly when the working range ends', () => {
    const start = '2027-03-22T10:30:00.000Z';
    givenStream([])
      .when(book({ start: new Date(start) }))
      .then([new AppointmentCreated({ ...created.data, start, end: '2027-03-22T11:00:00.000Z' })]);
  });

  it('reads working hours on the doctor clock across the DST change', () => {
    // Monday 2027-03-29 is in CEST (UTC+2): 09:00 local is 07:00Z, which was 08:00 a week before.
    const summerStart = '2027-03-29T07:00:00.000Z';
    givenStream([])
      .when(book({ start: new Date(summerStart) }))
      .then([new AppointmentCreated({ ...created.data, start: summerStart, end: '2027-03-29T07:30:00.000Z' })]);
    givenStream([]).when(book({ start: new Date('2027-03-22T07:00:00Z') })).thenFails(OutsideWorkingHours);
  });

  it('follows the local clock on the day the clocks go forward', () => {
    // Sunday 2027-03-28, 01:00-05:00 local: 00:00Z (CET) to 03:00Z (CEST), a 3-hour range.
    const lastHalfHour = '2027-03-28T02:30:00.000Z';
    givenStream([])
      .when(book({ start: new Date(lastHalfHour) }))
      .then([new AppointmentCreated({ ...created.data, start: lastHalfHour, end: '2027-03-28T03:00:00.000Z' })]);
    givenStream([]).when(book({ start: new Date('2027-03-28T03:00:00Z') })).thenFails(OutsideWorkingHours);
  });

  it('refuses to book an id that already exists', () => {
    givenStream([created]).when(book()).thenFails(AppointmentAlreadyExists);
  });
});
