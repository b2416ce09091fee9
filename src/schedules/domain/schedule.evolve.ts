import { assertNever } from '../../appointments/domain/assert-never';
import { ClinicClosureEvent, DoctorScheduleEvent, RoomBlockEvent } from './schedule.events';
import { Block, ClosureState, DoctorScheduleState, RoomBlockState } from './schedule.state';

/**
 * The folds of the schedule streams. A later working-hours change for the same date replaces the
 * earlier one; plans stay sorted by their effective date.
 */
export function evolveDoctorSchedule(state: DoctorScheduleState, event: DoctorScheduleEvent): DoctorScheduleState {
  switch (event.type) {
    case 'WorkingHoursChanged': {
      const { doctorId, effectiveFrom, timezone, workingHours } = event.data;
      const plans = [...state.plans.filter((plan) => plan.effectiveFrom !== effectiveFrom), { effectiveFrom, timezone, workingHours }];
      plans.sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
      return { ...state, doctorId, plans };
    }
    case 'TimeOffScheduled': {
      const { doctorId, timeOffId, start, end, reason } = event.data;
      return { ...state, doctorId, timeOff: { ...state.timeOff, [timeOffId]: { id: timeOffId, start, end, reason, cancelled: false } } };
    }
    case 'TimeOffCancelled': {
      const timeOff = state.timeOff[event.data.timeOffId] as Block | undefined;
      return timeOff ? { ...state, timeOff: { ...state.timeOff, [timeOff.id]: { ...timeOff, cancelled: true } } } : state;
    }
    default:
      return assertNever(event);
  }
}

export function evolveClosure(state: ClosureState, event: ClinicClosureEvent): ClosureState {
  switch (event.type) {
    case 'ClinicClosureScheduled': {
      const { closureId, start, end, reason } = event.data;
      return { id: closureId, start, end, reason, cancelled: false };
    }
    case 'ClinicClosureCancelled':
      return state && { ...state, cancelled: true };
    default:
      return assertNever(event);
  }
}

export function evolveRoomBlock(state: RoomBlockState, event: RoomBlockEvent): RoomBlockState {
  switch (event.type) {
    case 'RoomBlockScheduled': {
      const { blockId, roomId, start, end, reason } = event.data;
      return { id: blockId, roomId, start, end, reason, cancelled: false };
    }
    case 'RoomBlockCancelled':
      return state && { ...state, cancelled: true };
    default:
      return assertNever(event);
  }
}
