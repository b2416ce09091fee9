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

/**
 * A kind of schedule stream for the generic command handling: its events are written under their
 * persisted type name and current schema version, and read back through the schedule codec.
 */
abstract class ScheduleStream<State, Event extends ScheduleEvent> implements StreamType<State, Event> {
  constructor(
    readonly aggregateType: string,
    readonly initialState: State,
    readonly evolve: (state: State, event: Event) => State,
  ) {}

  encode(event: Event) {
    return { type: event.type, schemaVersion: SCHEDULE_EVENT_CLASSES[event.type].schemaVersion, data: event.data };
  }

  decode(stored: StoredEvent): Event {
    return decodeScheduleEvent(stored) as Event;
  }
}

/** A doctor's schedule stream (its id is the doctor's id). */
@Injectable()
export class DoctorScheduleStream extends ScheduleStream<DoctorScheduleState, DoctorScheduleEvent> {
  constructor() {
    super(DOCTOR_SCHEDULE_AGGREGATE_TYPE, EMPTY_DOCTOR_SCHEDULE, evolveDoctorSchedule);
  }
}

/** One clinic closure's stream: nothing before it is scheduled. */
@Injectable()
export class ClinicClosureStream extends ScheduleStream<ClosureState, ClinicClosureEvent> {
  constructor() {
    super(CLINIC_CLOSURE_AGGREGATE_TYPE, null, evolveClosure);
  }
}

/** One room block's stream: nothing before it is scheduled. */
@Injectable()
export class RoomBlockStream extends ScheduleStream<RoomBlockState, RoomBlockEvent> {
  constructor() {
    super(ROOM_BLOCK_AGGREGATE_TYPE, null, evolveRoomBlock);
  }
}
