import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { StreamType } from '../../event-store/command-handling';
import { StoredEvent } from '../../event-store/stored-event';
import { evolve } from '../domain/appointment.evolve';
import { APPOINTMENT_AGGREGATE_TYPE, APPOINTMENT_EVENT_CLASSES, AppointmentEvent } from '../domain/appointment.events';
import { APPOINTMENT_STATE_SCHEMA_VERSION, AppointmentState } from '../domain/appointment.state';
import { decodeAppointmentEvent } from './appointment-event.codec';

/** The appointment's stream for the generic command handling: its fold, codec and snapshots. */
@Injectable()
export class AppointmentStream implements StreamType<AppointmentState, AppointmentEvent> {
  readonly aggregateType = APPOINTMENT_AGGREGATE_TYPE;
  readonly initialState: AppointmentState = null;
  readonly snapshots: { every: number; schemaVersion: number };

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.snapshots = { every: config.snapshotEvery, schemaVersion: APPOINTMENT_STATE_SCHEMA_VERSION };
  }

  evolve(state: AppointmentState, event: AppointmentEvent): AppointmentState {
    return evolve(state, event);
  }

  encode(event: AppointmentEvent) {
    return { type: event.type, schemaVersion: APPOINTMENT_EVENT_CLASSES[event.type].schemaVersion, data: event.data };
  }

  decode(stored: StoredEvent): AppointmentEvent {
    return decodeAppointmentEvent(stored);
  }
}
