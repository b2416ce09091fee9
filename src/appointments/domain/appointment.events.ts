/**
 * The facts recorded in an appointment's stream. Events are immutable and named in the past
 * tense. Each carries the appointment as it stands after the fact (ids and times), so that no
 * handler has to look the appointment up again. The persisted type name is the static `type`,
 * never the class name, and `schemaVersion` is the version written today (older versions are
 * upcast on read, see event-store/upcasters).
 */

export const APPOINTMENT_AGGREGATE_TYPE = 'Appointment';

/** The appointment as it stands after an event; times are ISO 8601 instants in UTC. */
export interface AppointmentFacts {
  appointmentId: string;
  doctorId: string;
  patientId: string;
  roomId: string;
  appointmentTypeId: string;
  start: string;
  end: string;
  /** The recurring series the appointment is an occurrence of (absent: booked alone). */
  seriesId?: string;
}

export interface AppointmentCreatedData extends AppointmentFacts {
  title: string;
  /** Time the doctor and room stay blocked before `start` and after `end` (preparation, cleaning). */
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** The slot hold it was converted from (absent: booked directly). */
  holdId?: string;
}

export interface AppointmentRescheduledData extends AppointmentFacts {
  previousStart: string;
  previousEnd: string;
}

export interface AppointmentReassignedData extends AppointmentFacts {
  previousDoctorId: string;
  previousRoomId: string;
  comment: string;
}

export interface AppointmentCheckedInData extends AppointmentFacts {
  checkedInAt: string;
}

export interface AppointmentCompletedData extends AppointmentFacts {
  completedAt: string;
}

export interface AppointmentNoShowRecordedData extends AppointmentFacts {
  recordedAt: string;
}

export interface AppointmentCancelledData extends AppointmentFacts {
  reason: string;
  previousStatus: 'booked' | 'checked-in';
}

export class AppointmentCreated {
  static readonly type = 'AppointmentCreated';
  static readonly schemaVersion = 2;
  readonly type = 'AppointmentCreated' as const;
  constructor(readonly data: AppointmentCreatedData) {}
}

export class AppointmentRescheduled {
  static readonly type = 'AppointmentRescheduled';
  static readonly schemaVersion = 1;
  readonly type = 'AppointmentRescheduled' as const;
  constructor(readonly data: AppointmentRescheduledData) {}
}

export class AppointmentReassigned {
  static readonly type = 'AppointmentReassigned';
  static readonly schemaVersion = 1;
  readonly type = 'AppointmentReassigned' as const;
  constructor(readonly data: AppointmentReassignedData) {}
}

export class AppointmentCheckedIn {
  static readonly type = 'AppointmentCheckedIn';
  static readonly schemaVersion = 1;
  readonly type = 'AppointmentCheckedIn' as const;
  constructor(readonly data: AppointmentCheckedInData) {}
}

export class AppointmentCompleted {
  static readonly type = 'AppointmentCompleted';
  static readonly schemaVersion = 1;
  readonly type = 'AppointmentCompleted' as const;
  constructor(readonly data: AppointmentCompletedData) {}
}

export class AppointmentNoShowRecorded {
  static readonly type = 'AppointmentNoShowRecorded';
  static readonly schemaVersion = 1;
  readonly type = 'AppointmentNoShowRecorded' as const;
  constructor(readonly data: AppointmentNoShowRecordedData) {}
}

export class AppointmentCancelled {
  static readonly type = 'AppointmentCancelled';
  static readonly schemaVersion = 1;
  readonly type = 'AppointmentCancelled' as const;
  constructor(readonly data: AppointmentCancelledData) {}
}

export type AppointmentEvent =
  | AppointmentCreated
  | AppointmentRescheduled
  | AppointmentReassigned
  | AppointmentCheckedIn
  | AppointmentCompleted
  | AppointmentNoShowRecorded
  | AppointmentCancelled;

export type AppointmentEventType = AppointmentEvent['type'];

interface AppointmentEventClass {
  readonly type: AppointmentEventType;
  readonly schemaVersion: number;
  new (data: never): AppointmentEvent;
}

/** Every appointment event class by its persisted type name. */
export const APPOINTMENT_EVENT_CLASSES: Record<AppointmentEventType, AppointmentEventClass> = {
  AppointmentCreated,
  AppointmentRescheduled,
  AppointmentReassigned,
  AppointmentCheckedIn,
  AppointmentCompleted,
  AppointmentNoShowRecorded,
  AppointmentCancelled,
};

/**
 * The reason of a cancellation made because the patient was erased. It is the system's own
 * wording, not the patient's data, so it stays readable after the erasure (see
 * appointmentPersonalData).
 */
export const PATIENT_ERASED_REASON = 'patient erased';

/**
 * Free-text fields that may hold personal data, per event type. They will be encrypted with the
 * patient's key (crypto-shredding); keeping the list here makes them easy to find.
 */
export const PERSONAL_DATA_FIELDS: Record<AppointmentEventType, readonly string[]> = {
  AppointmentCreated: ['title'],
  AppointmentRescheduled: [],
  AppointmentReassigned: ['comment'],
  AppointmentCheckedIn: [],
  AppointmentCompleted: [],
  AppointmentNoShowRecorded: [],
  AppointmentCancelled: ['reason'],
};

export function isAppointmentEventType(type: string): type is AppointmentEventType {
  return Object.prototype.hasOwnProperty.call(APPOINTMENT_EVENT_CLASSES, type);
}

/** Rebuilds a typed event from its persisted type name and (current-schema) data. */
export function appointmentEventFrom(type: AppointmentEventType, data: unknown): AppointmentEvent {
  const EventClass = APPOINTMENT_EVENT_CLASSES[type];
  return new EventClass(data as never);
}
