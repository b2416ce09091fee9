import { BookingTerms } from '../../src/appointments/booking/book-appointment';
import { replay } from '../../src/appointments/domain/appointment.evolve';
import { AppointmentCheckedIn, AppointmentCreated, AppointmentEvent } from '../../src/appointments/domain/appointment.events';
import { Appointment, AppointmentState } from '../../src/appointments/domain/appointment.state';
import { DoctorHours } from '../../src/appointments/domain/working-hours';
import { DomainError } from '../../src/shared/domain-error';

/** A clinic's worth of data for the use cases' given/when/then specs. */
export const id = 'a0000000-0000-4000-8000-000000000001';
export const berlinDoctor: DoctorHours = {
  id: 'd0000000-0000-4000-8000-000000000001',
  timezone: 'Europe/Berlin',
  workingHours: {
    mon: [['09:00', '12:00'], ['13:00', '17:00']],
    tue: [['09:00', '12:00'], ['13:00', '17:00']],
    sun: [['01:00', '05:00']],
  },
};
export const otherDoctor: DoctorHours = { ...berlinDoctor, id: 'd0000000-0000-4000-8000-000000000002' };
export const consultation = { id: 't0000000-0000-4000-8000-000000000001', durationMinutes: 30, bufferBeforeMinutes: 5, bufferAfterMinutes: 10 };
export const patientId = 'p0000000-0000-4000-8000-000000000001';
export const roomId = 'r0000000-0000-4000-8000-000000000001';
export const otherRoomId = 'r0000000-0000-4000-8000-000000000002';

// Monday 2027-03-22 is in CET (UTC+1): 09:00 local is 08:00Z.
export const monday0900 = '2027-03-22T08:00:00.000Z';
export const monday0930 = '2027-03-22T08:30:00.000Z';
export const beforeMonday = new Date('2027-03-01T00:00:00Z');

export const bookingTerms = (overrides: Partial<BookingTerms> = {}): BookingTerms => ({
  appointmentId: id,
  patientId,
  roomId,
  doctor: berlinDoctor,
  appointmentType: consultation,
  start: new Date(monday0900),
  title: 'Annual check-up',
  ...overrides,
});

export const created = new AppointmentCreated({
  appointmentId: id,
  doctorId: berlinDoctor.id,
  patientId,
  roomId,
  appointmentTypeId: consultation.id,
  start: monday0900,
  end: monday0930,
  title: 'Annual check-up',
  bufferBeforeMinutes: 5,
  bufferAfterMinutes: 10,
});
const { title: _title, bufferBeforeMinutes: _before, bufferAfterMinutes: _after, ...appointmentFacts } = created.data;
export const facts = appointmentFacts;
export const checkedIn = new AppointmentCheckedIn({ ...facts, checkedInAt: '2027-03-22T07:55:00.000Z' });


type Outcome = { then(expected: AppointmentEvent[]): void; thenFails(error: new (...args: never[]) => DomainError): void };

function outcomeOf(run: () => AppointmentEvent[]): Outcome {
  return {
    then: (expected) => expect(run()).toEqual(expected),
    thenFails: (error) => expect(run).toThrow(error),
  };
}

/** given(past events of a new stream).when(decision, now): the new events, or the broken rule. */
export function givenStream(history: AppointmentEvent[]) {
  return { when: (decide: (state: AppointmentState, now: Date) => AppointmentEvent[], now: Date = beforeMonday) => outcomeOf(() => decide(replay(history), now)) };
}

/** given(past events of an appointment).when(decision, now): the new events, or the broken rule. */
export function given(history: [AppointmentCreated, ...AppointmentEvent[]]) {
  return { when: (decide: (state: Appointment, now: Date) => AppointmentEvent[], now: Date = beforeMonday) => outcomeOf(() => decide(replay(history) as Appointment, now)) };
}
