import { Injectable } from '@nestjs/common';
import { StreamType } from '../../event-store/command-handling';
import { StoredEvent } from '../../event-store/stored-event';
import {
  CLINIC_CLOSURE_AGGREGATE_TYPE,
  ClinicClosureEvent,
  DOCTOR_SCHEDULE_AGGREGATE_TYPE,
  DoctorScheduleEvent,
  ROOM_BLOCK_AGGREGATE_TYPE,
  RoomBlockEvent,
  SCHEDULE_EVENT_CLASSES,
  ScheduleEvent,
} from '../domain/schedule.events';
import { evolveClosure, evolveDoctorSchedule, evolveRoomBlock } from '../domain/schedule.evolve';
import { ClosureState, DoctorScheduleState, EMPTY_DOCTOR_SCHEDULE, RoomBlockState } from '../domain/schedule.state';
import { decodeScheduleEvent } from './schedule-event.codec';

function encode(event: ScheduleEvent) {
  return { type: event.type, schemaVersion: SCHEDULE_EVENT_CLASSES[event.type].schemaVersion, data: event.data };
}

/** A doctor's schedule stream (its id is the doctor's id), for the generic command handling. */
@Injectable()
export class DoctorScheduleStream implements StreamType<DoctorScheduleState, DoctorScheduleEvent> {
  readonly aggregateType = DOCTOR_SCHEDULE_AGGREGATE_TYPE;
  readonly initialState = EMPTY_DOCTOR_SCHEDULE;
  readonly evolve = evolveDoctorSchedule;
  readonly encode = encode;
  decode(stored: StoredEvent): DoctorScheduleEvent {
    return decodeScheduleEvent(stored) as DoctorScheduleEvent;
  }
}

/** One clinic closure's stream. */
@Injectable()
export class ClinicClosureStream implements StreamType<ClosureState, ClinicClosureEvent> {
  readonly aggregateType = CLINIC_CLOSURE_AGGREGATE_TYPE;
  readonly initialState: ClosureState = null;
  readonly evolve = evolveClosure;
  readonly encode = encode;
  decode(stored: StoredEvent): ClinicClosureEvent {
    return decodeScheduleEvent(stored) as ClinicClosureEvent;
  }
}

/** One room block's stream. */
@Injectable()
export class RoomBlockStream implements StreamType<RoomBlockState, RoomBlockEvent> {
  readonly aggregateType = ROOM_BLOCK_AGGREGATE_TYPE;
  readonly initialState: RoomBlockState = null;
  readonly evolve = evolveRoomBlock;
  readonly encode = encode;
  decode(stored: StoredEvent): RoomBlockEvent {
    return decodeScheduleEvent(stored) as RoomBlockEvent;
  }
}
