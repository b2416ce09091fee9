import { Injectable } from '@nestjs/common';
import { Delivery, DurableEventHandler, DurableEventsHandler } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { StoredEvent } from '../../event-store/stored-event';
import { evolve } from '../domain/appointment.decider';
import { APPOINTMENT_EVENT_CLASSES, AppointmentEvent, PERSONAL_DATA_FIELDS } from '../domain/appointment.events';
import { Appointment } from '../domain/appointment.state';
import { ReferenceNames, referenceNames } from '../reference-names';
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
  const changes: AppointmentHistoryEntry['changes'] = {};
  for (const [field, to] of Object.entries(after)) {
    const from = before[field] ?? null;
    if (from !== to && !(from === null && to === null)) changes[field] = { from, to };
  }
  const notes = PERSONAL_DATA_FIELDS[event.type]
    .filter((field) => field !== 'title')
    .map((field) => (event.data as unknown as Record<string, string>)[field]);
  return {
    position: stored.position,
    version: stored.version,
    eventType: event.type,
    occurredAt: stored.occurredAt.toISOString(),
    actor: stored.metadata.actor,
    correlationId: stored.metadata.correlationId,
    changes,
    ...(notes.length > 0 ? { note: notes.join('\n') } : {}),
  };
}

/**
 * Keeps `appointment_details`: one row per appointment with the names of its doctor, patient,
 * room and type and its history. Idempotent: an event whose version the row already has is
 * ignored, so a redelivery changes nothing.
 */
@Injectable()
@DurableEventsHandler({
  name: 'appointment-details',
  events: Object.values(APPOINTMENT_EVENT_CLASSES),
  onFailure: 'stop',
  tables: [APPOINTMENT_DETAILS_TABLE],
})
export class AppointmentDetailsProjection implements DurableEventHandler<AppointmentEvent> {
  async handle(event: AppointmentEvent, { db, stored, table }: Delivery): Promise<void> {
    const target = table(APPOINTMENT_DETAILS_TABLE);
    const [row]: DetailsRow[] = await db.query(`select * from ${target} where id = $1 for update`, [event.data.appointmentId]);
    if (row && row.version >= stored.version) return;

    const before = row ? stateOf(row) : null;
    const beforeNames = row ? { doctor: row.doctor_name, patient: row.patient_name, room: row.room_name, appointmentType: row.appointment_type_name } : null;
    const after = evolve(before, event);
    const names = await referenceNames(db, after);
    const entry = historyEntry(stored, event, shown(before, beforeNames), shown(after, names));

    await db.query(
      `insert into ${target} (id, status, doctor_id, doctor_name, patient_id, patient_name, room_id, room_name,
         appointment_type_id, appointment_type_name, start, "end", buffer_before_minutes, buffer_after_minutes,
         title, cancellation_reason, version, last_position, history)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, jsonb_build_array($19::jsonb))
       on conflict (id) do update set
         status = excluded.status, doctor_id = excluded.doctor_id, doctor_name = excluded.doctor_name,
         patient_id = excluded.patient_id, patient_name = excluded.patient_name, room_id = excluded.room_id,
         room_name = excluded.room_name, appointment_type_id = excluded.appointment_type_id,
         appointment_type_name = excluded.appointment_type_name, start = excluded.start, "end" = excluded."end",
         buffer_before_minutes = excluded.buffer_before_minutes, buffer_after_minutes = excluded.buffer_after_minutes,
         title = excluded.title, cancellation_reason = excluded.cancellation_reason, version = excluded.version,
         last_position = excluded.last_position, history = ${target}.history || excluded.history`,
      [
        after.id,
        after.status,
        after.doctorId,
        names.doctor,
        after.patientId,
        names.patient,
        after.roomId,
        names.room,
        after.appointmentTypeId,
        names.appointmentType,
        after.start,
        after.end,
        after.bufferBeforeMinutes,
        after.bufferAfterMinutes,
        after.title,
        after.cancellationReason,
        stored.version,
        stored.position,
        JSON.stringify(entry),
      ],
    );
  }
}
