import { WorkingHours } from '../../appointments/domain/working-hours';

/** Working hours in force from a local date (the doctor's zone) until the next change. */
export interface WorkingHoursPlan {
  effectiveFrom: string;
  timezone: string;
  workingHours: WorkingHours;
}

/** A block of time nobody may book: a time off, a clinic closure or a room block. */
export interface Block {
  id: string;
  start: string;
  end: string;
  reason: string;
  /** Cancelled blocks stay in the state (and the history); they no longer hold time. */
  cancelled: boolean;
}

/** A doctor's schedule: the working-hours changes recorded (by effective date) and the time off. */
export interface DoctorScheduleState {
  doctorId: string | null;
  plans: WorkingHoursPlan[];
  timeOff: Record<string, Block>;
}

/** A clinic closure's or a room block's stream: nothing before it is scheduled. */
export type ClosureState = Block | null;
export type RoomBlockState = (Block & { roomId: string }) | null;

export const EMPTY_DOCTOR_SCHEDULE: DoctorScheduleState = { doctorId: null, plans: [], timeOff: {} };
