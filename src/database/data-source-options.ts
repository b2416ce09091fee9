import { DataSourceOptions } from 'typeorm';
import { READ_MODEL_ENTITIES } from '../appointments/appointments.module';
import { REFERENCE_DATA_ENTITIES } from '../reference-data/reference-data.module';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { ReadSide1764100000000 } from './migrations/1764100000000-read-side';
import { Notifications1764200000000 } from './migrations/1764200000000-notifications';
import { PersonalDataAndIntegrationEvents1764300000000 } from './migrations/1764300000000-personal-data-and-integration-events';
import { StructuralSealing1764400000000 } from './migrations/1764400000000-structural-sealing';
import { LiveResumeIndexes1764500000000 } from './migrations/1764500000000-live-resume-indexes';
import { Schedules1764600000000 } from './migrations/1764600000000-schedules';
import { LiveScheduleIndexes1764650000000 } from './migrations/1764650000000-live-schedule-indexes';
import { ScheduleIntegrationEvents1764670000000 } from './migrations/1764670000000-schedule-integration-events';
import { CommandCommit1764800000000 } from './migrations/1764800000000-command-commit';
import { SlotHolds1764900000000 } from './migrations/1764900000000-slot-holds';
import { AppointmentSeries1764910000000 } from './migrations/1764910000000-appointment-series';
import { Waitlist1764920000000 } from './migrations/1764920000000-waitlist';
import { SeriesInvitations1764930000000 } from './migrations/1764930000000-series-invitations';
import { LiveHoldIndexes1764940000000 } from './migrations/1764940000000-live-hold-indexes';

/**
 * Longest wait for a connection (a new one, or a free one of the pool). A server that drops
 * packets instead of refusing them then makes a request a 503 (database unavailable) after this
 * long rather than hanging it.
 */
const CONNECT_TIMEOUT_MS = 10_000;

/** Migrations in the order they run; the schema is never synchronized from entities. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  ReadSide1764100000000,
  Notifications1764200000000,
  PersonalDataAndIntegrationEvents1764300000000,
  StructuralSealing1764400000000,
  LiveResumeIndexes1764500000000,
  Schedules1764600000000,
  LiveScheduleIndexes1764650000000,
  ScheduleIntegrationEvents1764670000000,
  CommandCommit1764800000000,
  SlotHolds1764900000000,
  AppointmentSeries1764910000000,
  Waitlist1764920000000,
  SeriesInvitations1764930000000,
  LiveHoldIndexes1764940000000,
];

export function dataSourceOptions(url: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [...REFERENCE_DATA_ENTITIES, ...READ_MODEL_ENTITIES],
    migrations: MIGRATIONS,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Each command holds one connection for its transaction; bookings racing for one slot
    // wait on each other inside PostgreSQL, not in the pool.
    extra: { max: poolSize, connectionTimeoutMillis: CONNECT_TIMEOUT_MS },
  };
}
