import { Injectable } from '@nestjs/common';
import { BatchDelivery, DeliveredEvent, DurableBatchHandler, DurableEventsHandler } from '../../event-store/subscriptions/durable-events-handler.decorator';
import { SUBSCRIPTIONS } from '../../subscription-registry';
import { statusAfter } from '../domain/appointment.evolve';
import { APPOINTMENT_EVENT_CLASSES, AppointmentEvent, AppointmentFacts } from '../domain/appointment.events';
import { AppointmentStatus } from '../domain/appointment.state';
import { localDateOf } from '../domain/working-hours';
import { referenceDirectory } from '../reference-names';

export const DOCTOR_SCHEDULE_TABLE = 'doctor_schedule';

interface ScheduleRow {
  appointment_id: string;
  status: AppointmentStatus;
  title: string;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  version: number;
}

/**
 * Keeps `doctor_schedule`, one row per appointment under its doctor and local date. Every event
 * carries the appointment's ids and times, so each one simply rewrites the row; an event whose
 * version the row already has is ignored (redelivery changes nothing). A batch costs three
 * statements whatever its size.
 */
@Injectable()
@DurableEventsHandler({ name: SUBSCRIPTIONS.doctorSchedule, events: Object.values(APPOINTMENT_EVENT_CLASSES) })
export class DoctorScheduleProjection implements DurableBatchHandler<AppointmentEvent> {
  async handleBatch(events: ReadonlyArray<DeliveredEvent<AppointmentEvent>>, { db, table }: BatchDelivery): Promise<void> {
    const target = table(DOCTOR_SCHEDULE_TABLE);
    const ids = [...new Set(events.map(({ event }) => event.data.appointmentId))];
    const rows: ScheduleRow[] = await db.query(
      `select appointment_id, status, title, buffer_before_minutes, buffer_after_minutes, version from ${target}
       where appointment_id = any($1::uuid[]) order by appointment_id for update`,
      [ids],
    );
    const current = new Map(rows.map((row) => [row.appointment_id, row]));
    const changed = new Map<string, { row: ScheduleRow; facts: AppointmentFacts }>();
    for (const { event, stored } of events) {
      const facts = event.data;
      const row = current.get(facts.appointmentId);
      if (row && row.version >= stored.version) continue;
      const created = event.type === 'AppointmentCreated' ? event.data : null;
      // A booking brings the title and buffers; every later event keeps the row's (and its status
      // when the event leaves the status as it is), so that row must be there.
      const kept = created
        ? { title: created.title, buffer_before_minutes: created.bufferBeforeMinutes, buffer_after_minutes: created.bufferAfterMinutes }
        : row;
      const status = statusAfter(event.type) ?? row?.status;
      if (!kept || !status) throw new Error(`${event.type} #${stored.position} for an appointment the schedule does not know`);
      const next: ScheduleRow = {
        appointment_id: facts.appointmentId,
        status,
        title: kept.title,
        buffer_before_minutes: kept.buffer_before_minutes,
        buffer_after_minutes: kept.buffer_after_minutes,
        version: stored.version,
      };
      current.set(facts.appointmentId, next);
      changed.set(facts.appointmentId, { row: next, facts });
    }
    if (changed.size === 0) return;
    const directory = await referenceDirectory(db, [...changed.values()].map(({ facts }) => facts));

    await db.query(
      `insert into ${target} (appointment_id, doctor_id, local_date, start, "end", buffer_before_minutes, buffer_after_minutes,
         occupied, status, patient_id, patient_name, room_id, room_name, appointment_type_id, appointment_type_name, title, version)
       select r.appointment_id, r.doctor_id, r.local_date, r.start, r."end", r.buffer_before_minutes, r.buffer_after_minutes,
         tstzrange(r.start - make_interval(mins => r.buffer_before_minutes), r."end" + make_interval(mins => r.buffer_after_minutes), '[)'),
         r.status, r.patient_id, r.patient_name, r.room_id, r.room_name, r.appointment_type_id, r.appointment_type_name, r.title, r.version
       from jsonb_to_recordset($1::jsonb) as r(appointment_id uuid, doctor_id uuid, local_date date, start timestamptz,
         "end" timestamptz, buffer_before_minutes int, buffer_after_minutes int, status text, patient_id uuid, patient_name text,
         room_id uuid, room_name text, appointment_type_id uuid, appointment_type_name text, title text, version int)
       on conflict (appointment_id) do update set
         doctor_id = excluded.doctor_id, local_date = excluded.local_date, start = excluded.start, "end" = excluded."end",
         buffer_before_minutes = excluded.buffer_before_minutes, buffer_after_minutes = excluded.buffer_after_minutes,
         occupied = excluded.occupied, status = excluded.status, patient_id = excluded.patient_id,
         patient_name = excluded.patient_name, room_id = excluded.room_id, room_name = excluded.room_name,
         appointment_type_id = excluded.appointment_type_id, appointment_type_name = excluded.appointment_type_name,
         title = excluded.title, version = excluded.version`,
      [
        JSON.stringify(
          [...changed.values()].map(({ row, facts }) => {
            const names = directory.namesOf(facts);
            return {
              ...row,
              doctor_id: facts.doctorId,
              local_date: localDateOf(new Date(facts.start), directory.timezoneOf(facts.doctorId)),
              start: facts.start,
              end: facts.end,
              patient_id: facts.patientId,
              patient_name: names.patient,
              room_id: facts.roomId,
              room_name: names.room,
              appointment_type_id: facts.appointmentTypeId,
              appointment_type_name: names.appointmentType,
            };
          }),
        ),
      ],
    );
  }
}
