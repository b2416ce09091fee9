import { DoctorSchedule } from './working-hours';

/** What the decider needs to know about an appointment type. */
export interface AppointmentTypeTerms {
  id: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
}

/**
 * The decisions asked of an appointment, with the reference data they depend on already
 * looked up by the caller, so that `decide` stays a pure function.
 */
export type AppointmentCommand = { appointmentId: string } & (
  | {
      kind: 'book';
      patientId: string;
      roomId: string;
      doctor: DoctorSchedule;
      appointmentType: AppointmentTypeTerms;
      start: Date;
      end?: Date;
      title: string;
    }
  | { kind: 'reschedule'; doctor: DoctorSchedule; appointmentType: AppointmentTypeTerms; start: Date; end?: Date }
  | { kind: 'reassign'; doctor?: DoctorSchedule; roomId?: string; currentDoctor: DoctorSchedule; comment: string }
  | { kind: 'check-in'; doctor: DoctorSchedule }
  | { kind: 'complete' }
  | { kind: 'mark-no-show' }
  | { kind: 'cancel'; reason: string }
);

export type AppointmentCommandKind = AppointmentCommand['kind'];
