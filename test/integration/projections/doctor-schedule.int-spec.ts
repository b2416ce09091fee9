import { AppointmentStatus } from '../../../src/appointments/domain/appointment.state';
import { SUBSCRIPTIONS } from '../../../src/subscription-registry';
import { demo } from '../../support/demo';
import { GIVES_UP_QUICKLY, inOneTransaction, projectionSpec, Query } from '../../support/projection-spec';
import { anAppointment, AppointmentStory } from './appointment-story';
import { nameOf } from './demo-names';

/** A doctor_schedule row as read back: times as instants, the occupied range as its two ends. */
interface ScheduleRow {
  appointment_id: string;
  doctor_id: string;
  local_date: string;
  start: Date;
  end: Date;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  occupied_from: Date;
  occupied_to: Date;
  status: AppointmentStatus;
  patient_id: string;
  patient_name: string | null;
  room_id: string;
  room_name: string | null;
  appointment_type_id: string;
  appointment_type_name: string | null;
  title: string;
  version: number;
}

const scheduleRows = (query: Query, ids: readonly string[]) =>
  query(
    `select appointment_id, doctor_id, local_date::text as local_date, start, "end", buffer_before_minutes, buffer_after_minutes,
       lower(occupied) as occupied_from, upper(occupied) as occupied_to, lower_inc(occupied) and not upper_inc(occupied) as half_open,
       status, patient_id, patient_name, room_id, room_name, appointment_type_id, appointment_type_name, title, version
     from doctor_schedule where appointment_id = any($1::uuid[]) order by start, appointment_id`,
    [ids],
  ).then((rows) =>
    rows.map(({ half_open, ...row }) => {
      // The occupied range is [start - buffer before, end + buffer after): back to back is no overlap.
      if (half_open !== true) throw new Error(`occupied of ${String(row.appointment_id)} is not a half-open range`);
      return row as unknown as ScheduleRow;
    }),
  );

const minutes = (n: number) => n * 60_000;

/** The row the schedule holds for the story's appointment as it stands now. */
function rowOf(story: AppointmentStory, status: AppointmentStatus, version: number, localDate: string, title = 'Persistent cough'): ScheduleRow {
  const { appointmentId, doctorId, patientId, roomId, appointmentTypeId, start, end } = story.now;
  return {
    appointment_id: appointmentId,
    doctor_id: doctorId,
    local_date: localDate,
    start: new Date(start),
    end: new Date(end),
    buffer_before_minutes: demo.consultation.bufferBeforeMinutes,
    buffer_after_minutes: demo.consultation.bufferAfterMinutes,
    occupied_from: new Date(Date.parse(start) - minutes(demo.consultation.bufferBeforeMinutes)),
    occupied_to: new Date(Date.parse(end) + minutes(demo.consultation.bufferAfterMinutes)),
    status,
    patient_id: patientId,
    patient_name: nameOf(patientId),
    room_id: roomId,
    room_name: nameOf(roomId),
    appointment_type_id: appointmentTypeId,
    appointment_type_name: nameOf(appointmentTypeId),
    title,
    version,
  };
}

describe('doctor_schedule projection (doctor-schedule)', () => {
  const schedule = projectionSpec<ScheduleRow>({ subscription: SUBSCRIPTIONS.doctorSchedule, rows: scheduleRows });
  beforeAll(() => schedule.start());
  afterAll(() => schedule.stop());

  it('given no events, when an appointment is booked, then it is filed under its doctor and local date', () => {
    const a = anAppointment();
    return schedule.given().when(a.booked()).then([rowOf(a, 'booked', 1, '2027-03-22')]);
  });

  it('given a booking, when it is rescheduled past local midnight, then the row moves to the local date of the new start', () => {
    const a = anAppointment();
    const booked = a.booked();
    // 00:30 in Berlin on the 24th is still the 23rd in UTC.
    const moved = a.rescheduled('2027-03-23T23:30:00.000Z', '2027-03-23T23:50:00.000Z');
    return schedule.given(booked).when(moved).then([rowOf(a, 'booked', 2, '2027-03-24')]);
  });

  it('given a booking, when it is reassigned to another doctor and room, then the row is under the new doctor with the new room', () => {
    const a = anAppointment();
    const booked = a.booked();
    const reassigned = a.reassigned({ doctorId: demo.richter.id, roomId: demo.room2.id }, 'Dr. Weber is at a conference');
    return schedule.given(booked).when(reassigned).then((rows) => {
      expect(rows).toEqual([rowOf(a, 'booked', 2, '2027-03-22')]);
      expect(rows[0]).toMatchObject({ doctor_id: demo.richter.id, room_name: 'Consultation room 2' });
    });
  });

  it('given a booking, when the patient checks in, then the row is checked in', () => {
    const a = anAppointment();
    const booked = a.booked();
    return schedule.given(booked).when(a.checkedIn('2027-03-22T07:55:00.000Z')).then([rowOf(a, 'checked-in', 2, '2027-03-22')]);
  });

  it('given a checked-in appointment, when it is completed, then the row is fulfilled', () => {
    const a = anAppointment();
    const given = [a.booked(), a.checkedIn('2027-03-22T07:55:00.000Z')];
    return schedule.given(...given).when(a.completed('2027-03-22T08:20:00.000Z')).then([rowOf(a, 'fulfilled', 3, '2027-03-22')]);
  });

  it('given a booking, when a no-show is recorded, then the row is a no-show', () => {
    const a = anAppointment();
    const booked = a.booked();
    return schedule.given(booked).when(a.noShow('2027-03-22T08:30:00.000Z')).then([rowOf(a, 'noshow', 2, '2027-03-22')]);
  });

  it('given a booking, when it is cancelled, then the row stays on the day as cancelled', () => {
    const a = anAppointment();
    const booked = a.booked();
    return schedule.given(booked).when(a.cancelled('Patient has the flu')).then([rowOf(a, 'cancelled', 2, '2027-03-22')]);
  });

  it('given two bookings, when changes of both interleave in one transaction, then each row has its own last change', () => {
    const a = anAppointment();
    const b = anAppointment({ patientId: demo.lukas.id, start: '2027-03-22T09:00:00.000Z', end: '2027-03-22T09:20:00.000Z', title: 'Back pain' });
    const given = [a.booked(), b.booked()];
    const together = inOneTransaction(a.rescheduled('2027-03-22T10:00:00.000Z', '2027-03-22T10:20:00.000Z'), b.checkedIn('2027-03-22T08:55:00.000Z'), a.cancelled('Moved away'), b.completed('2027-03-22T09:20:00.000Z'));
    return schedule
      .given(...given)
      .when(together)
      .then([rowOf(b, 'fulfilled', 3, '2027-03-22', 'Back pain'), rowOf(a, 'cancelled', 3, '2027-03-22')]);
  });

  it('given new bookings and their first changes in one transaction, then each is created and changed in that one batch', () => {
    const a = anAppointment({ start: '2027-03-25T08:00:00.000Z', end: '2027-03-25T08:20:00.000Z' });
    const b = anAppointment({ patientId: demo.emma.id, start: '2027-03-25T09:00:00.000Z', end: '2027-03-25T09:20:00.000Z', title: 'Rash' });
    const together = inOneTransaction(a.booked(), b.booked(), b.rescheduled('2027-03-25T07:00:00.000Z', '2027-03-25T07:20:00.000Z'), a.noShow('2027-03-25T08:30:00.000Z'));
    return schedule.given().when(together).then([rowOf(b, 'booked', 2, '2027-03-25', 'Rash'), rowOf(a, 'noshow', 2, '2027-03-25')]);
  });

  it('given appointments in every status, when every event is delivered again, then no row changes', () => {
    const [a, b, c] = [anAppointment(), anAppointment({ patientId: demo.lukas.id }), anAppointment({ patientId: demo.emma.id })];
    const given = [a.booked(), b.booked(), c.booked(), a.rescheduled('2027-03-26T08:00:00.000Z', '2027-03-26T08:20:00.000Z'), b.checkedIn('2027-03-22T07:58:00.000Z'), c.cancelled('No longer needed')];
    return schedule.given(...given).whenDeliveredAgain().thenUnchanged();
  });

  it('given appointments in every status, when the projection is rebuilt from the log, then the rows are the same', () => {
    const [a, b] = [anAppointment(), anAppointment({ patientId: demo.lukas.id, doctorId: demo.richter.id })];
    const given = [a.booked(), b.booked(), a.reassigned({ roomId: demo.treatmentRoom.id }, 'Needs the treatment room'), b.noShow('2027-03-22T08:30:00.000Z')];
    return schedule.given(...given).whenRebuilt().thenUnchanged();
  });
});

describe('doctor_schedule projection (doctor-schedule), given an event it cannot place', () => {
  const schedule = projectionSpec<ScheduleRow>({
    subscription: SUBSCRIPTIONS.doctorSchedule,
    rows: scheduleRows,
    env: GIVES_UP_QUICKLY,
  });
  beforeAll(() => schedule.start());
  afterAll(() => schedule.stop());

  it('given a booking, when a stream starts with a reschedule, then the projection stops at it and keeps its rows', () => {
    const a = anAppointment();
    const orphan = anAppointment({ patientId: demo.lukas.id });
    return schedule.given(a.booked()).when(orphan.rescheduled('2027-03-23T08:00:00.000Z', '2027-03-23T08:20:00.000Z')).thenStopped(/AppointmentRescheduled/);
  });
});
