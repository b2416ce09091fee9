import { Injectable } from '@nestjs/common';
import { BatchDelivery, DeliveredEvent, DurableBatchHandler, DurableEventsHandler } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { SUBSCRIPTIONS } from '../../subscription-registry';
import { StoredEvent } from '../../event-store/stored-event';
import { changesBetween, historyEntryOf } from '../../event-store/stream-history';
import { AppointmentStates } from '../appointment-states';
import { evolve } from '../domain/appointment.evolve';
import { APPOINTMENT_EVENT_CLASSES, AppointmentEvent, PERSONAL_DATA_FIELDS } from '../domain/appointment.events';
import { Appointment } from '../domain/appointment.state';
import { referenceDirectory, ReferenceNames } from '../reference-names';
import { AppointmentHistoryEntry } from './appointment-details.entity';

export const APPOINTMENT_DETAILS_TABLE = 'appointment_details';

interface DetailsRow {
  id: string;
  status: Appointment['status'];
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
  series_id: string | null;
  version: number;
}

function stateOf(row: DetailsRow): Appointment {
  return {
    id: row.id,
    status: row.status,
    doctorId: row.doctor_id,
    patientId: row.patient_id,
    roomId: row.room_id,
    appointmentTypeId: row.appointment_type_id,
    start: row.start.toISOString(),
    end: row.end.toISOString(),
    title: row.title,
    bufferBeforeMinutes: row.buffer_before_minutes,
    bufferAfterMinutes: row.buffer_after_minutes,
    cancellationReason: row.cancellation_reason,
    ...(row.series_id === null ? {} : { seriesId: row.series_id }),
    version: row.version,
  };
}

/** What a screen shows of an appointment, to tell what an event changed. */
function shown(state: Appointment | null, names: ReferenceNames | null): Record<string, unknown> {
  if (state === null || names === null) return {};
  return {
    status: state.status,
    start: state.start,
    end: state.end,
    doctor: names.doctor ?? state.doctorId,
    room: names.room ?? state.roomId,
    title: state.title,
    cancellationReason: state.cancellationReason,
  };
}

function historyEntry(
  stored: StoredEvent,
  event: AppointmentEvent,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): AppointmentHistoryEntry {
  const notes = PERSONAL_DATA_FIELDS[event.type]
    .filter((field) => field !== 'title')
    .map((field) => (event.data as unknown as Record<string, string>)[field]);
  return historyEntryOf(stored, changesBetween(before, after), notes.length > 0 ? notes.join('\n') : undefined);
}

/** A row as this batch leaves it, and the history entries the batch adds to it. */
interface Pending {
  state: Appointment;
  names: ReferenceNames;
  version: number;
  lastPosition: number;
  added: AppointmentHistoryEntry[];
}

/**
 * Keeps `appointment_details`: one row per appointment with the names of its doctor, patient,
 * room and type and its history. A batch costs three statements whatever its size: read the
 * rows it touches, read the names they need, write them back. Idempotent: an event whose
 * version the row already has is ignored, so a redelivery changes nothing.
 */
@Injectable()
@DurableEventsHandler({ name: SUBSCRIPTIONS.appointmentDetails, events: Object.values(APPOINTMENT_EVENT_CLASSES) })
export class AppointmentDetailsProjection implements DurableBatchHandler<AppointmentEvent> {
  constructor(private readonly states: AppointmentStates) {}

  async handleBatch(events: ReadonlyArray<DeliveredEvent<AppointmentEvent>>, { db, table }: BatchDelivery): Promise<void> {
    const target = table(APPOINTMENT_DETAILS_TABLE);
    const ids = [...new Set(events.map(({ event }) => event.data.appointmentId))];
    const rows: DetailsRow[] = await db.query(`select * from ${target} where id = any($1::uuid[]) order by id for update`, [ids]);
    const existing = new Map(rows.map((row) => [row.id, row]));

    // Fold the batch per appointment first, then read every name the new states need at once.
    const folded: Array<{ stored: StoredEvent; event: AppointmentEvent; before: Appointment | null; after: Appointment }> = [];
    const states = new Map<string, { state: Appointment; version: number }>(rows.map((row) => [row.id, { state: stateOf(row), version: row.version }]));
    for (const { event, stored } of events) {
      const current = states.get(event.data.appointmentId);
      if (current && current.version >= stored.version) continue;
      const after = evolve(current?.state ?? null, event);
      // The row holds the whole state, so this fold is the shared one: the other subscriptions reuse it.
      this.states.remember(stored.eventId, after);
      folded.push({ stored, event, before: current?.state ?? null, after });
      states.set(after.id, { state: after, version: stored.version });
    }
    if (folded.length === 0) return;
    const directory = await referenceDirectory(db, folded.map(({ after }) => after));

    const pending = new Map<string, Pending>();
    for (const { stored, event, before, after } of folded) {
      const row = existing.get(after.id);
      const previous = pending.get(after.id);
      const beforeNames = previous?.names ?? (row ? { doctor: row.doctor_name, patient: row.patient_name, room: row.room_name, appointmentType: row.appointment_type_name } : null);
      const names = directory.namesOf(after);
      const entry = historyEntry(stored, event, shown(before, beforeNames), shown(after, names));
      pending.set(after.id, { state: after, names, version: stored.version, lastPosition: stored.position, added: [...(previous?.added ?? []), entry] });
    }

    await db.query(
      `insert into ${target} (id, status, doctor_id, doctor_name, patient_id, patient_name, room_id, room_name,
         appointment_type_id, appointment_type_name, start, "end", buffer_before_minutes, buffer_after_minutes,
         title, cancellation_reason, series_id, version, last_position, history)
       select r.id, r.status, r.doctor_id, r.doctor_name, r.patient_id, r.patient_name, r.room_id, r.room_name,
         r.appointment_type_id, r.appointment_type_name, r.start, r."end", r.buffer_before_minutes, r.buffer_after_minutes,
         r.title, r.cancellation_reason, r.series_id, r.version, r.last_position, r.history
       from jsonb_to_recordset($1::jsonb) as r(id uuid, status text, doctor_id uuid, doctor_name text, patient_id uuid,
         patient_name text, room_id uuid, room_name text, appointment_type_id uuid, appointment_type_name text,
         start timestamptz, "end" timestamptz, buffer_before_minutes int, buffer_after_minutes int, title text,
         cancellation_reason text, series_id uuid, version int, last_position bigint, history jsonb)
       on conflict (id) do update set
         status = excluded.status, doctor_id = excluded.doctor_id, doctor_name = excluded.doctor_name,
         patient_id = excluded.patient_id, patient_name = excluded.patient_name, room_id = excluded.room_id,
         room_name = excluded.room_name, appointment_type_id = excluded.appointment_type_id,
         appointment_type_name = excluded.appointment_type_name, start = excluded.start, "end" = excluded."end",
         buffer_before_minutes = excluded.buffer_before_minutes, buffer_after_minutes = excluded.buffer_after_minutes,
         title = excluded.title, cancellation_reason = excluded.cancellation_reason, series_id = excluded.series_id, version = excluded.version,
         last_position = excluded.last_position, history = ${target}.history || excluded.history`,
      [
        JSON.stringify(
          [...pending.values()].map(({ state, names, version, lastPosition, added }) => ({
            id: state.id,
            status: state.status,
            doctor_id: state.doctorId,
            doctor_name: names.doctor,
            patient_id: state.patientId,
            patient_name: names.patient,
            room_id: state.roomId,
            room_name: names.room,
            appointment_type_id: state.appointmentTypeId,
            appointment_type_name: names.appointmentType,
            start: state.start,
            end: state.end,
            buffer_before_minutes: state.bufferBeforeMinutes,
            buffer_after_minutes: state.bufferAfterMinutes,
            title: state.title,
            cancellation_reason: state.cancellationReason,
            series_id: state.seriesId ?? null,
            version,
            last_position: lastPosition,
            history: added,
          })),
        ),
      ],
    );
  }
}
