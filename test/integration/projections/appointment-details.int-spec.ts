import { AppointmentCreated, AppointmentEvent } from '../../../src/appointments/domain/appointment.events';
import { AppointmentStatus } from '../../../src/appointments/domain/appointment.state';
import { SUBSCRIPTIONS } from '../../../src/subscription-registry';
import { demo } from '../../support/demo';
import { Appended, GIVES_UP_QUICKLY, inOneTransaction, projectionSpec, Query, SPEC_ACTOR } from '../../support/projection-spec';
import { anAppointment, AppointmentStory } from './appointment-story';
import { nameOf } from './demo-names';

interface HistoryEntry {
  position: number;
  version: number;
  eventType: string;
  occurredAt: string;
  actor: typeof SPEC_ACTOR;
  correlationId: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  note?: string;
}

interface DetailsRow {
  id: string;
  status: AppointmentStatus;
  doctor_id: string;
  doctor_name: string | null;
  patient_id: string;
  patient_name: string | null;
  room_id: string;
  room_name: string | null;
  appointment_type_id: string;
  appointment_type_name: string | null;
  start: Date;
  end: Date;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  title: string;
  cancellation_reason: string | null;
  version: number;
  last_position: number;
  history: HistoryEntry[];
}

const detailsRows = (query: Query, ids: readonly string[]) =>
  query(
    `select id, status, doctor_id, doctor_name, patient_id, patient_name, room_id, room_name, appointment_type_id,
       appointment_type_name, start, "end", buffer_before_minutes, buffer_after_minutes, title, cancellation_reason, version,
       last_position::int as last_position, history
     from appointment_details where id = any($1::uuid[]) order by start, id`,
    [ids],
  ) as unknown as Promise<DetailsRow[]>;

/** The history entry an event leaves: who, when, what changed on screen, and its free text. */
function entry(appended: Appended, event: AppointmentEvent, changes: HistoryEntry['changes'], note?: string): HistoryEntry {
  const stored = appended.of(event);
  return {
    position: stored.position,
    version: stored.version,
    eventType: event.type,
    occurredAt: stored.occurredAt.toISOString(),
    actor: SPEC_ACTOR,
    correlationId: stored.metadata.correlationId,
    changes,
    ...(note === undefined ? {} : { note }),
  };
}

/** What a booking shows: every field from nothing. */
function created(appended: Appended, event: AppointmentCreated): HistoryEntry {
  const { start, end, doctorId, roomId, title } = event.data;
  return entry(appended, event, {
    status: { from: null, to: 'booked' },
    start: { from: null, to: start },
    end: { from: null, to: end },
    doctor: { from: null, to: nameOf(doctorId) },
    room: { from: null, to: nameOf(roomId) },
    title: { from: null, to: title },
  });
}

/** The row of `story`'s appointment as it stands now, after `history`. */
function rowOf(story: AppointmentStory, fields: { status: AppointmentStatus; title?: string; cancellationReason?: string }, history: HistoryEntry[]): DetailsRow {
  const { appointmentId, doctorId, patientId, roomId, appointmentTypeId, start, end } = story.now;
  const last = history[history.length - 1];
  return {
    id: appointmentId,
    status: fields.status,
    doctor_id: doctorId,
    doctor_name: nameOf(doctorId),
    patient_id: patientId,
    patient_name: nameOf(patientId),
    room_id: roomId,
    room_name: nameOf(roomId),
    appointment_type_id: appointmentTypeId,
    appointment_type_name: nameOf(appointmentTypeId),
    start: new Date(start),
    end: new Date(end),
    buffer_before_minutes: demo.consultation.bufferBeforeMinutes,
    buffer_after_minutes: demo.consultation.bufferAfterMinutes,
    title: fields.title ?? 'Persistent cough',
    cancellation_reason: fields.cancellationReason ?? null,
    version: last.version,
    last_position: last.position,
    history,
  };
}

describe('appointment_details projection (appointment-details)', () => {
  const details = projectionSpec<DetailsRow>({ subscription: SUBSCRIPTIONS.appointmentDetails, rows: detailsRows });
  beforeAll(() => details.start());
  afterAll(() => details.stop());

  it('given no events, when an appointment is booked, then its row has the names of its records and the booking as history', () => {
    const a = anAppointment();
    const booked = a.booked();
    return details.given().when(booked).then((rows, appended) => {
      expect(rows).toEqual([rowOf(a, { status: 'booked' }, [created(appended, booked)])]);
    });
  });

  it('given a booking, when it is rescheduled, then the row has the new times and the history the move', () => {
    const a = anAppointment();
    const booked = a.booked();
    const moved = a.rescheduled('2027-03-23T09:00:00.000Z', '2027-03-23T09:20:00.000Z');
    return details
      .given(booked)
      .when(moved)
      .then((rows, appended) => {
        expect(rows).toEqual([
          rowOf(a, { status: 'booked' }, [
            created(appended, booked),
            entry(appended, moved, {
              start: { from: '2027-03-22T08:00:00.000Z', to: '2027-03-23T09:00:00.000Z' },
              end: { from: '2027-03-22T08:20:00.000Z', to: '2027-03-23T09:20:00.000Z' },
            }),
          ]),
        ]);
      });
  });

  it('given a booking, when it is reassigned, then the row names the new doctor and room and the history keeps the comment', () => {
    const a = anAppointment();
    const booked = a.booked();
    const reassigned = a.reassigned({ doctorId: demo.richter.id, roomId: demo.room2.id }, 'Dr. Weber is at a conference');
    return details
      .given(booked)
      .when(reassigned)
      .then((rows, appended) => {
        expect(rows).toEqual([
          rowOf(a, { status: 'booked' }, [
            created(appended, booked),
            entry(
              appended,
              reassigned,
              { doctor: { from: 'Dr. Anna Weber', to: 'Dr. Jonas Richter' }, room: { from: 'Consultation room 1', to: 'Consultation room 2' } },
              'Dr. Weber is at a conference',
            ),
          ]),
        ]);
      });
  });

  it('given a booking, when the patient checks in and it is completed, then the row is fulfilled and the history has both steps', () => {
    const a = anAppointment();
    const booked = a.booked();
    const checkedIn = a.checkedIn('2027-03-22T07:55:00.000Z');
    const completed = a.completed('2027-03-22T08:20:00.000Z');
    return details
      .given(booked)
      .when(checkedIn, completed)
      .then((rows, appended) => {
        expect(rows).toEqual([
          rowOf(a, { status: 'fulfilled' }, [
            created(appended, booked),
            entry(appended, checkedIn, { status: { from: 'booked', to: 'checked-in' } }),
            entry(appended, completed, { status: { from: 'checked-in', to: 'fulfilled' } }),
          ]),
        ]);
      });
  });

  it('given a booking, when a no-show is recorded, then the row is a no-show', () => {
    const a = anAppointment();
    const booked = a.booked();
    const noShow = a.noShow('2027-03-22T08:30:00.000Z');
    return details
      .given(booked)
      .when(noShow)
      .then((rows, appended) => {
        expect(rows).toEqual([
          rowOf(a, { status: 'noshow' }, [created(appended, booked), entry(appended, noShow, { status: { from: 'booked', to: 'noshow' } })]),
        ]);
      });
  });

  it('given a checked-in appointment, when it is cancelled, then the row is cancelled with the reason, also in the history', () => {
    const a = anAppointment();
    const booked = a.booked();
    const checkedIn = a.checkedIn('2027-03-22T07:55:00.000Z');
    const cancelled = a.cancelled('Patient felt unwell and went home');
    return details
      .given(booked, checkedIn)
      .when(cancelled)
      .then((rows, appended) => {
        expect(rows).toEqual([
          rowOf(a, { status: 'cancelled', cancellationReason: 'Patient felt unwell and went home' }, [
            created(appended, booked),
            entry(appended, checkedIn, { status: { from: 'booked', to: 'checked-in' } }),
            entry(
              appended,
              cancelled,
              { status: { from: 'checked-in', to: 'cancelled' }, cancellationReason: { from: null, to: 'Patient felt unwell and went home' } },
              'Patient felt unwell and went home',
            ),
          ]),
        ]);
      });
  });

  it('given one booking, when another is booked and both change interleaved in one transaction, then each row has its own history in order', () => {
    const a = anAppointment();
    const b = anAppointment({ patientId: demo.lukas.id, start: '2027-03-22T09:00:00.000Z', end: '2027-03-22T09:20:00.000Z', title: 'Back pain' });
    const aBooked = a.booked();
    const bBooked = b.booked();
    const aMoved = a.rescheduled('2027-03-22T10:00:00.000Z', '2027-03-22T10:20:00.000Z');
    const bReassigned = b.reassigned({ roomId: demo.treatmentRoom.id }, 'Needs the couch');
    const aCancelled = a.cancelled('Moved away');
    return details
      .given(aBooked)
      .when(inOneTransaction(bBooked, aMoved, bReassigned, aCancelled))
      .then((rows, appended) => {
        expect(rows).toEqual([
          rowOf(b, { status: 'booked', title: 'Back pain' }, [
            created(appended, bBooked),
            entry(appended, bReassigned, { room: { from: 'Consultation room 1', to: 'Treatment room' } }, 'Needs the couch'),
          ]),
          rowOf(a, { status: 'cancelled', cancellationReason: 'Moved away' }, [
            created(appended, aBooked),
            entry(appended, aMoved, {
              start: { from: '2027-03-22T08:00:00.000Z', to: '2027-03-22T10:00:00.000Z' },
              end: { from: '2027-03-22T08:20:00.000Z', to: '2027-03-22T10:20:00.000Z' },
            }),
            entry(appended, aCancelled, { status: { from: 'booked', to: 'cancelled' }, cancellationReason: { from: null, to: 'Moved away' } }, 'Moved away'),
          ]),
        ]);
      });
  });

  it('given appointments with histories, when every event is delivered again, then no row and no history changes', () => {
    const [a, b] = [anAppointment(), anAppointment({ patientId: demo.emma.id })];
    const given = [a.booked(), b.booked(), a.reassigned({ doctorId: demo.richter.id }, 'Cardiology first'), b.checkedIn('2027-03-22T07:58:00.000Z'), b.completed('2027-03-22T08:25:00.000Z')];
    return details.given(...given).whenDeliveredAgain().thenUnchanged();
  });

  it('given appointments with histories, when the projection is rebuilt from the log, then the rows and histories are the same', () => {
    const [a, b] = [anAppointment(), anAppointment({ patientId: demo.lukas.id })];
    const given = [a.booked(), b.booked(), a.rescheduled('2027-03-24T08:00:00.000Z', '2027-03-24T08:20:00.000Z'), a.cancelled('Feeling better'), b.noShow('2027-03-22T08:30:00.000Z')];
    return details.given(...given).whenRebuilt().thenUnchanged();
  });
});

describe('appointment_details projection (appointment-details), given an event it cannot place', () => {
  const details = projectionSpec<DetailsRow>({
    subscription: SUBSCRIPTIONS.appointmentDetails,
    rows: detailsRows,
    env: GIVES_UP_QUICKLY,
  });
  beforeAll(() => details.start());
  afterAll(() => details.stop());

  it('given a booking, when a stream starts with a check-in, then the projection stops at it and keeps its rows', () => {
    const a = anAppointment();
    const orphan = anAppointment({ patientId: demo.lukas.id });
    return details.given(a.booked()).when(orphan.checkedIn('2027-03-22T07:55:00.000Z')).thenStopped(/AppointmentCheckedIn/);
  });
});
