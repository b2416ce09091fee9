import { WorkingHours } from '../../appointments/domain/working-hours';

/**
 * The facts recorded in the schedule streams: one `DoctorSchedule` stream per doctor (its id is
 * the doctor's id) for working hours and time off, one `ClinicClosure` stream per closure and one
 * `RoomBlock` stream per room block. As with appointments, the persisted type name is the
 * static `type` and `schemaVersion` the version written today. Times are ISO 8601 instants in
 * UTC; local dates are `YYYY-MM-DD` in the doctor's zone.
 */

export const DOCTOR_SCHEDULE_AGGREGATE_TYPE = 'DoctorSchedule';
export const CLINIC_CLOSURE_AGGREGATE_TYPE = 'ClinicClosure';
export const ROOM_BLOCK_AGGREGATE_TYPE = 'RoomBlock';

export interface WorkingHoursChangedData {
  doctorId: string;
  /** The first local date (doctor's zone) the hours are in force, until a later change. */
  effectiveFrom: string;
  timezone: string;
  workingHours: WorkingHours;
  /** Booked appointments from that date on that the new hours leave outside them (they stay booked). */
  outsideHours: string[];
}

/** A block's time and why; the appointments it cancelled when asked to (`cancelAppointments`). */
export interface BlockFacts {
  start: string;
  end: string;
  reason: string;
  cancelledAppointmentIds: string[];
}

export interface TimeOffScheduledData extends BlockFacts {
  doctorId: string;
  timeOffId: string;
}

export interface TimeOffCancelledData {
  doctorId: string;
  timeOffId: string;
  start: string;
  end: string;
}

export interface ClinicClosureScheduledData extends BlockFacts {
  closureId: string;
}

export interface ClinicClosureCancelledData {
  closureId: string;
  start: string;
  end: string;
}

export interface RoomBlockScheduledData extends BlockFacts {
  blockId: string;
  roomId: string;
}

export interface RoomBlockCancelledData {
  blockId: string;
  roomId: string;
  start: string;
  end: string;
}

export class WorkingHoursChanged {
  static readonly type = 'WorkingHoursChanged';
  static readonly schemaVersion = 1;
  readonly type = 'WorkingHoursChanged' as const;
  constructor(readonly data: WorkingHoursChangedData) {}
}

export class TimeOffScheduled {
  static readonly type = 'TimeOffScheduled';
  static readonly schemaVersion = 1;
  readonly type = 'TimeOffScheduled' as const;
  constructor(readonly data: TimeOffScheduledData) {}
}

export class TimeOffCancelled {
  static readonly type = 'TimeOffCancelled';
  static readonly schemaVersion = 1;
  readonly type = 'TimeOffCancelled' as const;
  constructor(readonly data: TimeOffCancelledData) {}
}

export class ClinicClosureScheduled {
  static readonly type = 'ClinicClosureScheduled';
  static readonly schemaVersion = 1;
  readonly type = 'ClinicClosureScheduled' as const;
  constructor(readonly data: ClinicClosureScheduledData) {}
}

export class ClinicClosureCancelled {
  static readonly type = 'ClinicClosureCancelled';
  static readonly schemaVersion = 1;
  readonly type = 'ClinicClosureCancelled' as const;
  constructor(readonly data: ClinicClosureCancelledData) {}
}

export class RoomBlockScheduled {
  static readonly type = 'RoomBlockScheduled';
  static readonly schemaVersion = 1;
  readonly type = 'RoomBlockScheduled' as const;
  constructor(readonly data: RoomBlockScheduledData) {}
}

export class RoomBlockCancelled {
  static readonly type = 'RoomBlockCancelled';
  static readonly schemaVersion = 1;
  readonly type = 'RoomBlockCancelled' as const;
  constructor(readonly data: RoomBlockCancelledData) {}
}

export type DoctorScheduleEvent = WorkingHoursChanged | TimeOffScheduled | TimeOffCancelled;
export type ClinicClosureEvent = ClinicClosureScheduled | ClinicClosureCancelled;
export type RoomBlockEvent = RoomBlockScheduled | RoomBlockCancelled;
export type ScheduleEvent = DoctorScheduleEvent | ClinicClosureEvent | RoomBlockEvent;
export type ScheduleEventType = ScheduleEvent['type'];

interface ScheduleEventClass {
  readonly type: ScheduleEventType;
  readonly schemaVersion: number;
  new (data: never): ScheduleEvent;
}

/** Every schedule event class by its persisted type name. */
export const SCHEDULE_EVENT_CLASSES: Record<ScheduleEventType, ScheduleEventClass> = {
  WorkingHoursChanged,
  TimeOffScheduled,
  TimeOffCancelled,
  ClinicClosureScheduled,
  ClinicClosureCancelled,
  RoomBlockScheduled,
  RoomBlockCancelled,
};

/** The stream each schedule event type is written to. */
export const SCHEDULE_AGGREGATE_OF: Record<ScheduleEventType, string> = {
  WorkingHoursChanged: DOCTOR_SCHEDULE_AGGREGATE_TYPE,
  TimeOffScheduled: DOCTOR_SCHEDULE_AGGREGATE_TYPE,
  TimeOffCancelled: DOCTOR_SCHEDULE_AGGREGATE_TYPE,
  ClinicClosureScheduled: CLINIC_CLOSURE_AGGREGATE_TYPE,
  ClinicClosureCancelled: CLINIC_CLOSURE_AGGREGATE_TYPE,
  RoomBlockScheduled: ROOM_BLOCK_AGGREGATE_TYPE,
  RoomBlockCancelled: ROOM_BLOCK_AGGREGATE_TYPE,
};

export function isScheduleEventType(type: string): type is ScheduleEventType {
  return Object.prototype.hasOwnProperty.call(SCHEDULE_EVENT_CLASSES, type);
}

/** Rebuilds a typed event from its persisted type name and data. */
export function scheduleEventFrom(type: ScheduleEventType, data: unknown): ScheduleEvent {
  const EventClass = SCHEDULE_EVENT_CLASSES[type];
  return new EventClass(data as never);
}
