import { assertNever } from '../../appointments/domain/assert-never';
import { WorkingHours } from '../../appointments/domain/working-hours';
import { DoctorScheduleEvent } from '../domain/schedule.events';
import { DoctorScheduleState } from '../domain/schedule.state';
import { hoursInForceOn } from './change-working-hours';

/** What one event of a doctor's schedule changed, as its history shows it, and the free text that came with it. */
export interface ScheduleChange {
  changes: Record<string, { from: unknown; to: unknown }>;
  note?: string;
}

/**
 * The change an event made to the schedule it was applied to (`before`): new hours show the
 * hours they replace from their date on (the hours the doctor was created with before any
 * change) and the appointments they leave outside; a time off shows its time, its reason as the
 * note and the appointments it cancelled.
 */
export function scheduleChangeOf(before: DoctorScheduleState, event: DoctorScheduleEvent, initialHours: WorkingHours): ScheduleChange {
  switch (event.type) {
    case 'WorkingHoursChanged': {
      const { effectiveFrom, workingHours, outsideHours } = event.data;
      return {
        changes: {
          effectiveFrom: { from: null, to: effectiveFrom },
          workingHours: { from: hoursInForceOn(before.plans, initialHours, effectiveFrom), to: workingHours },
          ...(outsideHours.length > 0 ? { outsideHours: { from: null, to: outsideHours } } : {}),
        },
      };
    }
    case 'TimeOffScheduled': {
      const { timeOffId, start, end, reason, cancelledAppointmentIds } = event.data;
      return {
        changes: {
          timeOff: { from: null, to: { id: timeOffId, start, end } },
          ...(cancelledAppointmentIds.length > 0 ? { cancelledAppointments: { from: null, to: cancelledAppointmentIds } } : {}),
        },
        ...(reason ? { note: reason } : {}),
      };
    }
    case 'TimeOffCancelled': {
      const { timeOffId, start, end } = event.data;
      return { changes: { timeOff: { from: { id: timeOffId, start, end }, to: null } } };
    }
    default:
      return assertNever(event);
  }
}
