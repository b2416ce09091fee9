import { randomUUID } from 'node:crypto';
import { AppointmentCreated } from '../../src/appointments/domain/appointment.events';

/** Data of a valid AppointmentCreated, for tests that write events with plain SQL. */
export function createdData(title: string, appointmentId: string = randomUUID()) {
  return {
    appointmentId,
    doctorId: randomUUID(),
    patientId: randomUUID(),
    roomId: randomUUID(),
    appointmentTypeId: randomUUID(),
    start: '2027-03-22T08:00:00.000Z',
    end: '2027-03-22T08:30:00.000Z',
    title,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
  };
}

/** SQL and parameters that append one AppointmentCreated (a new stream) as its own event. */
export function insertCreated(title: string): [string, unknown[]] {
  const data = createdData(title);
  return [
    `insert into events (event_id, aggregate_id, aggregate_type, version, event_type, schema_version, data, metadata)
     values ($1, $2, 'Appointment', 1, $3, $4, $5, $6) returning position, transaction_id::text as transaction_id`,
    [
      randomUUID(),
      data.appointmentId,
      AppointmentCreated.type,
      AppointmentCreated.schemaVersion,
      JSON.stringify(data),
      JSON.stringify({ correlationId: 'test', causationId: 'test', actor: { userId: 'test', role: 'staff' }, requestId: null }),
    ],
  ];
}
