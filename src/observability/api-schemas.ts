import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES } from '../shared/auth/actor';

/**
 * The shapes of the API's responses, for the OpenAPI document only: the handlers return plain
 * objects of these shapes. Every id of a record of this service is a uuid.
 */

const STATUSES = ['booked', 'checked-in', 'fulfilled', 'cancelled', 'noshow'];

export class NamedReference {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

/** The appointment resource returned by commands and reads. */
export class AppointmentResource {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ format: 'uuid' }) doctorId: string;
  @ApiProperty({ format: 'uuid' }) patientId: string;
  @ApiProperty({ format: 'uuid' }) roomId: string;
  @ApiProperty({ format: 'uuid' }) appointmentTypeId: string;
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time' }) end: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Number of events in the appointment stream; also the ETag' }) version: number;
  @ApiPropertyOptional() cancellationReason?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The recurring series the appointment is an occurrence of; absent when booked alone' }) seriesId?: string;
  @ApiProperty() doctor: NamedReference;
  @ApiProperty() patient: NamedReference;
  @ApiProperty() room: NamedReference;
  @ApiProperty() appointmentType: NamedReference;
}

export class AppointmentPage {
  @ApiProperty({ type: [AppointmentResource] }) items: AppointmentResource[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' }) nextCursor: string | null;
}

class HistoryActor {
  @ApiProperty({ description: 'The subject of the access token that made the change' }) userId: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiPropertyOptional({
    description: "The person's display name from the access token (name, else preferred_username); absent for a patient, a token without one, or a change recorded before names were",
    example: 'Greta Desk',
  })
  name?: string;
}

class HistoryEntry {
  @ApiProperty({ description: 'Position of the event in the event store' }) position: number;
  @ApiProperty({ description: 'The appointment version this change produced' }) version: number;
  @ApiProperty({ example: 'AppointmentRescheduled' }) eventType: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty() actor: HistoryActor;
  @ApiProperty({ description: 'The X-Correlation-Id of the request that made the change' }) correlationId: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', properties: { from: {}, to: {} } },
    description: 'The fields the change set, each with its value before and after',
    example: { start: { from: '2027-03-22T08:00:00.000Z', to: '2027-03-22T09:00:00.000Z' } },
  })
  changes: Record<string, { from: unknown; to: unknown }>;
  @ApiPropertyOptional({ description: "A reassignment's comment or a cancellation's reason" }) note?: string;
}

export class AppointmentHistory {
  @ApiProperty({ type: [HistoryEntry], description: 'Every change, oldest first' }) items: HistoryEntry[];
}

/** A doctor's schedule history: the same entries (version: of the schedule stream). */
export class ScheduleHistory {
  @ApiProperty({ type: [HistoryEntry], description: 'Every change of working hours and time off, oldest first' }) items: HistoryEntry[];
}

/** A clinic closure's or room block's history: the same entries (version: of the block's stream). */
export class BlockHistory {
  @ApiProperty({ type: [HistoryEntry], description: 'The block scheduled, then cancelled if it was' }) items: HistoryEntry[];
}

class TimeRange {
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time' }) end: string;
}

class ScheduledDoctor extends NamedReference {
  @ApiProperty({ example: 'Europe/Berlin' }) timezone: string;
}

class ScheduledAppointment {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time' }) end: string;
  @ApiProperty() title: string;
  @ApiProperty() version: number;
  @ApiProperty() patient: NamedReference;
  @ApiProperty() room: NamedReference;
  @ApiProperty() appointmentType: NamedReference;
}

class DayBlock {
  @ApiProperty({ format: 'uuid', description: 'The time off or the closure' }) id: string;
  @ApiProperty({ enum: ['time-off', 'closure'] }) kind: string;
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time' }) end: string;
  @ApiProperty() reason: string;
}

class DayHold {
  @ApiProperty({ format: 'uuid', description: 'The hold' }) id: string;
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty({ format: 'date-time' }) end: string;
  @ApiProperty({ format: 'date-time', description: 'When the hold lets the slot go unless it is booked first' }) expiresAt: string;
  @ApiProperty() patient: NamedReference;
  @ApiProperty() room: NamedReference;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The waitlist entry the hold is an offer to; null for a hold a client took' }) waitlistEntryId: string | null;
}

export class DoctorDaySchedule {
  @ApiProperty() doctor: ScheduledDoctor;
  @ApiProperty({ format: 'date', description: "A date in the doctor's timezone" }) date: string;
  @ApiProperty({ type: [TimeRange], description: 'The working hours in force on that date, as instants (empty: the doctor does not work that day)' })
  workingHours: TimeRange[];
  @ApiProperty({ type: [DayBlock], description: "The doctor's time off and the clinic closures over that day, in start order" }) blocks: DayBlock[];
  @ApiProperty({ type: [ScheduledAppointment], description: 'In start order' }) appointments: ScheduledAppointment[];
  @ApiProperty({ type: [DayHold], description: "The doctor's slots held over that day (from the write side, never behind), in start order" }) holds: DayHold[];
}

export class DoctorAvailability {
  @ApiProperty({ format: 'uuid' }) doctorId: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ example: 'Europe/Berlin' }) timezone: string;
  @ApiProperty({ format: 'uuid' }) appointmentTypeId: string;
  @ApiProperty({ type: [TimeRange], description: 'Free slots, every 15 minutes, buffers respected' }) slots: TimeRange[];
}

class DoctorSlot extends TimeRange {
  @ApiProperty({ format: 'uuid' }) doctorId: string;
}

export class ClinicAvailability {
  @ApiProperty({ type: [DoctorSlot], description: 'Free slots of every active doctor, by start and then doctor' }) slots: DoctorSlot[];
}

class FieldError {
  @ApiProperty({ example: 'start' }) field: string;
  @ApiProperty({ example: 'start must be an ISO 8601 instant with an offset' }) message: string;
}

/** RFC 9457 problem details, the body of every error. */
export class ProblemDocument {
  @ApiProperty({
    example: '/problems/slot-taken',
    description: 'The kind of problem: GET it (no token needed) for what it means and what to do; about:blank for plain HTTP errors',
  })
  type: string;
  @ApiProperty({ example: 'Slot taken' }) title: string;
  @ApiProperty({ example: 409 }) status: number;
  @ApiProperty({ example: 'Doctor Dr. Anna Weber already has an appointment overlapping ...' }) detail: string;
  @ApiPropertyOptional({ type: [FieldError], description: 'For 400: each offending field' }) errors?: FieldError[];
}

export const RESPONSE_MODELS = [AppointmentResource, AppointmentPage, AppointmentHistory, DoctorDaySchedule, DoctorAvailability, ClinicAvailability, ProblemDocument];
