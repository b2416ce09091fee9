import { Injectable } from '@nestjs/common';
import { Delivery, DurableEventHandler, DurableEventsHandler } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { APPOINTMENT_EVENT_CLASSES, AppointmentEvent, AppointmentEventType } from '../domain/appointment.events';
import { AppointmentStatus } from '../domain/appointment.state';
import { localDateOf } from '../domain/working-hours';
import { referenceNames } from '../reference-names';

export const DOCTOR_SCHEDULE_TABLE = 'doctor_schedule';

/** The status an event leaves the appointment in; null keeps the status it had. */
const STATUS_AFTER: Record<AppointmentEventType, AppointmentStatus | null> = {
  AppointmentCreated: 'booked',
  AppointmentRescheduled: null,
  AppointmentReassigned: null,
  AppointmentCheckedIn: 'checked-in',
  AppointmentCompleted: 'fulfilled',
  AppointmentNoShowRecorded: 'noshow',
  AppointmentCancelled: 'cancelled',
};

interface ScheduleRow {
  status: AppointmentStatus;
  title: string;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  version: number;
}

/**
 * Keeps `doctor_schedule`, one row per appointment under its doctor and local date. Every event
 * carries the appointment's ids and times, so each one simply rewrites the row; an event whose
 * version the row already has is ignored (redelivery changes nothing).
 */
@Injectable()
@DurableEventsHandler({
  name: 'doctor-schedule',
  events: Object.values(APPOINTMENT_EVENT_CLASSES),
  onFailure: 'stop',
  tables: [DOCTOR_SCHEDULE_TABLE],
})
export class DoctorScheduleProjection implements DurableEventHandler<AppointmentEvent> {
  async handle(event: AppointmentEvent, { db, stored, table }: Delivery): Promise<void> {
    const target = table(DOCTOR_SCHEDULE_TABLE);
    const facts = event.data;
    const [row]: ScheduleRow[] = await db.query(
      `select status, title, buffer_before_minutes, buffer_after_minutes, version from ${target} where appointment_id = $1 for update`,
      [facts.appointmentId],
    );
    if (row && row.version >= stored.version) return;
    const created = event.type === 'AppointmentCreated' ? event.data : null;
    if (!row && !created) throw new Error(`${event.type} #${stored.position} for an appointment the schedule does not know`);

    const [doctor]: Array<{ timezone: string }> = await db.query(`select timezone from doctors where id = $1`, [facts.doctorId]);
    const names = await referenceNames(db, facts);
    const bufferBefore = created?.bufferBeforeMinutes ?? row.buffer_before_minutes;
    const bufferAfter = created?.bufferAfterMinutes ?? row.buffer_after_minutes;
    await db.query(
      `insert into ${target} (appointment_id, doctor_id, local_date, start, "end", buffer_before_minutes, buffer_after_minutes,
         occupied, status, patient_id, patient_name, room_id, room_name, appointment_type_id, appointment_type_name, title, version)
       values ($1, $2, $3, $4, $5, $6, $7,
         tstzrange($4::timestamptz - make_interval(mins => $6), $5::timestamptz + make_interval(mins => $7), '[)'),
         $8, $9, $10, $11, $12, $13, $14, $15, $16)
       on conflict (appointment_id) do update set
         doctor_id = excluded.doctor_id, local_date = excluded.local_date, start = excluded.start, "end" = excluded."end",
         buffer_before_minutes = excluded.buffer_before_minutes, buffer_after_minutes = excluded.buffer_after_minutes,
         occupied = excluded.occupied, status = excluded.status, patient_id = excluded.patient_id,
         patient_name = excluded.patient_name, room_id = excluded.room_id, room_name = excluded.room_name,
         appointment_type_id = excluded.appointment_type_id, appointment_type_name = excluded.appointment_type_name,
         title = excluded.title, version = excluded.version`,
      [
        facts.appointmentId,
        facts.doctorId,
        localDateOf(new Date(facts.start), doctor?.timezone ?? 'UTC'),
        facts.start,
        facts.end,
        bufferBefore,
        bufferAfter,
        STATUS_AFTER[event.type] ?? row.status,
        facts.patientId,
        names.patient,
        facts.roomId,
        names.room,
        facts.appointmentTypeId,
        names.appointmentType,
        created?.title ?? row.title,
        stored.version,
      ],
    );
  }
}
