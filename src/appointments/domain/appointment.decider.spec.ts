import { AppointmentCommand } from './appointment.commands';
import { decide, replay } from './appointment.decider';
import {
  AppointmentCancelled,
  AppointmentCheckedIn,
  AppointmentCompleted,
  AppointmentCreated,
  AppointmentEvent,
  AppointmentNoShowRecorded,
  AppointmentReassigned,
  AppointmentRescheduled,
} from './appointment.events';
import {
  AppointmentAlreadyExists,
  AppointmentNotFound,
  EndNotAfterStart,
  InvalidTransition,
  NotOnAppointmentDay,
  NothingToReassign,
  NotStartedYet,
  OutsideWorkingHours,
  StartInPast,
} from './appointment.errors';
import { DomainError } from '../../shared/domain-error';
import { DoctorSchedule } from './working-hours';

const id = 'a0000000-0000-4000-8000-000000000001';
const berlinDoctor: DoctorSchedule = {
  id: 'd0000000-0000-4000-8000-000000000001',
  timezone: 'Europe/Berlin',
  workingHours: {
    mon: [['09:00', '12:00'], ['13:00', '17:00']],
    tue: [['09:00', '12:00'], ['13:00', '17:00']],
    sun: [['01:00', '05:00']],
  },
};
const otherDoctor: DoctorSchedule = { ...berlinDoctor, id: 'd0000000-0000-4000-8000-000000000002' };
const consultation = { id: 't0000000-0000-4000-8000-000000000001', durationMinutes: 30, bufferBeforeMinutes: 5, bufferAfterMinutes: 10 };
const patientId = 'p0000000-0000-4000-8000-000000000001';
const roomId = 'r0000000-0000-4000-8000-000000000001';
const otherRoomId = 'r0000000-0000-4000-8000-000000000002';

// Monday 2027-03-22 is in CET (UTC+1): 09:00 local is 08:00Z.
const monday0900 = '2027-03-22T08:00:00.000Z';
const monday0930 = '2027-03-22T08:30:00.000Z';
const beforeMonday = new Date('2027-03-01T00:00:00Z');

const book = (overrides: Partial<Extract<AppointmentCommand, { kind: 'book' }>> = {}): AppointmentCommand => ({
  kind: 'book',
  appointmentId: id,
  patientId,
  roomId,
  doctor: berlinDoctor,
  appointmentType: consultation,
  start: new Date(monday0900),
  title: 'Annual check-up',
  ...overrides,
});

const created = new AppointmentCreated({
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
const { title, bufferBeforeMinutes, bufferAfterMinutes, ...facts } = created.data;
const checkedIn = new AppointmentCheckedIn({ ...facts, checkedInAt: '2027-03-22T07:55:00.000Z' });

/** given(past events).when(command, now) then the new events, or the broken rule. */
function given(history: AppointmentEvent[]) {
  return {
    when(command: AppointmentCommand, now: Date = beforeMonday) {
      const run = () => decide(command, replay(history), now);
      return {
        then: (expected: AppointmentEvent[]) => expect(run()).toEqual(expected),
        thenFails: (error: new (...args: never[]) => DomainError) => expect(run).toThrow(error),
      };
    },
  };
}

describe('Appointment decider', () => {
  describe('BookAppointment', () => {
    it('creates the appointment, with the end defaulting to start + the type duration', () => {
      given([]).when(book()).then([created]);
    });

    it('keeps an explicit end', () => {
      const end = '2027-03-22T09:00:00.000Z';
      given([]).when(book({ end: new Date(end) })).then([new AppointmentCreated({ ...created.data, end })]);
    });

    it('refuses an end that is not after the start', () => {
      given([]).when(book({ end: new Date(monday0900) })).thenFails(EndNotAfterStart);
      given([]).when(book({ end: new Date('2027-03-22T07:00:00Z') })).thenFails(EndNotAfterStart);
    });

    it('refuses a start in the past', () => {
      given([]).when(book(), new Date('2027-03-22T08:00:01Z')).thenFails(StartInPast);
    });

    it('refuses a slot outside the working hours, in the lunch break or across its end', () => {
      given([]).when(book({ start: new Date('2027-03-22T07:30:00Z') })).thenFails(OutsideWorkingHours);
      given([]).when(book({ start: new Date('2027-03-22T11:00:00Z') })).thenFails(OutsideWorkingHours);
      given([]).when(book({ start: new Date('2027-03-22T10:45:00Z') })).thenFails(OutsideWorkingHours);
      given([]).when(book({ start: new Date('2027-03-24T08:00:00Z') })).thenFails(OutsideWorkingHours);
    });

    it('accepts a slot that ends exactly when the working range ends', () => {
      const start = '2027-03-22T10:30:00.000Z';
      given([])
        .when(book({ start: new Date(start) }))
        .then([new AppointmentCreated({ ...created.data, start, end: '2027-03-22T11:00:00.000Z' })]);
    });

    it('reads working hours on the doctor clock across the DST change', () => {
      // Monday 2027-03-29 is in CEST (UTC+2): 09:00 local is 07:00Z, which was 08:00 a week before.
      const summerStart = '2027-03-29T07:00:00.000Z';
      given([])
        .when(book({ start: new Date(summerStart) }))
        .then([new AppointmentCreated({ ...created.data, start: summerStart, end: '2027-03-29T07:30:00.000Z' })]);
      given([]).when(book({ start: new Date('2027-03-22T07:00:00Z') })).thenFails(OutsideWorkingHours);
    });

    it('follows the local clock on the day the clocks go forward', () => {
      // Sunday 2027-03-28, 01:00-05:00 local: 00:00Z (CET) to 03:00Z (CEST), a 3-hour range.
      const lastHalfHour = '2027-03-28T02:30:00.000Z';
      given([])
        .when(book({ start: new Date(lastHalfHour) }))
        .then([new AppointmentCreated({ ...created.data, start: lastHalfHour, end: '2027-03-28T03:00:00.000Z' })]);
      given([]).when(book({ start: new Date('2027-03-28T03:00:00Z') })).thenFails(OutsideWorkingHours);
    });

    it('refuses to book an id that already exists', () => {
      given([created]).when(book()).thenFails(AppointmentAlreadyExists);
    });
  });

  describe('RescheduleAppointment', () => {
    const reschedule = (start: string, end?: string): AppointmentCommand => ({
      kind: 'reschedule',
      appointmentId: id,
      doctor: berlinDoctor,
      appointmentType: consultation,
      start: new Date(start),
      end: end ? new Date(end) : undefined,
    });

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

    it('needs an existing appointment', () => {
      given([]).when(reschedule('2027-03-22T12:00:00Z')).thenFails(AppointmentNotFound);
    });
  });

  describe('ReassignAppointment', () => {
    const reassign = (change: { doctor?: DoctorSchedule; roomId?: string }): AppointmentCommand => ({
      kind: 'reassign',
      appointmentId: id,
      currentDoctor: berlinDoctor,
      comment: 'Dr. Weber is on leave',
      ...change,
    });

    it('moves a booked appointment to another doctor and room', () => {
      given([created])
        .when(reassign({ doctor: otherDoctor, roomId: otherRoomId }))
        .then([
          new AppointmentReassigned({
            ...facts,
            doctorId: otherDoctor.id,
            roomId: otherRoomId,
            previousDoctorId: berlinDoctor.id,
            previousRoomId: roomId,
            comment: 'Dr. Weber is on leave',
          }),
        ]);
    });

    it('can change the room alone', () => {
      given([created])
        .when(reassign({ roomId: otherRoomId }))
        .then([
          new AppointmentReassigned({
            ...facts,
            roomId: otherRoomId,
            previousDoctorId: berlinDoctor.id,
            previousRoomId: roomId,
            comment: 'Dr. Weber is on leave',
          }),
        ]);
    });

    it('refuses a change that changes nothing', () => {
      given([created]).when(reassign({ doctor: berlinDoctor, roomId })).thenFails(NothingToReassign);
    });

    it('refuses a new doctor who does not work at that time', () => {
      const mornings: DoctorSchedule = { ...otherDoctor, workingHours: { mon: [['13:00', '17:00']] } };
      given([created]).when(reassign({ doctor: mornings })).thenFails(OutsideWorkingHours);
    });

    it('only reassigns a booked appointment', () => {
      given([created, checkedIn]).when(reassign({ roomId: otherRoomId })).thenFails(InvalidTransition);
    });
  });

  describe('CheckInAppointment', () => {
    const checkIn: AppointmentCommand = { kind: 'check-in', appointmentId: id, doctor: berlinDoctor };

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

  describe('CompleteAppointment', () => {
    const complete: AppointmentCommand = { kind: 'complete', appointmentId: id };
    const now = new Date('2027-03-22T08:40:00Z');

    it('fulfils a checked-in appointment', () => {
      given([created, checkedIn]).when(complete, now).then([new AppointmentCompleted({ ...facts, completedAt: now.toISOString() })]);
    });

    it('refuses to complete an appointment that was not checked in', () => {
      given([created]).when(complete, now).thenFails(InvalidTransition);
    });
  });

  describe('MarkNoShow', () => {
    const markNoShow: AppointmentCommand = { kind: 'mark-no-show', appointmentId: id };

    it('records a no-show for a booked appointment after its start', () => {
      const now = new Date('2027-03-22T08:15:00Z');
      given([created]).when(markNoShow, now).then([new AppointmentNoShowRecorded({ ...facts, recordedAt: now.toISOString() })]);
    });

    it('refuses a no-show before the start', () => {
      given([created]).when(markNoShow, new Date('2027-03-22T07:59:00Z')).thenFails(NotStartedYet);
    });

    it('refuses a no-show for a checked-in patient', () => {
      given([created, checkedIn]).when(markNoShow, new Date('2027-03-22T08:15:00Z')).thenFails(InvalidTransition);
    });
  });

  describe('CancelAppointment', () => {
    const cancel: AppointmentCommand = { kind: 'cancel', appointmentId: id, reason: 'Feeling better' };

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

  describe('evolve', () => {
    it('rebuilds the state and counts the version', () => {
      const state = replay([created, checkedIn, new AppointmentCancelled({ ...facts, reason: 'Ill', previousStatus: 'checked-in' })]);
      expect(state).toMatchObject({ id, status: 'cancelled', cancellationReason: 'Ill', version: 3, start: monday0900 });
    });
  });
});
