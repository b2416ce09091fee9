import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Doctor } from './doctors/doctor.entity';

/** The zone of a clinic that has no doctor yet and no CLINIC_TIMEZONE. */
const FALLBACK_ZONE = 'UTC';

/**
 * The clinic's time zone: CLINIC_TIMEZONE when set, else the zone most of its doctors work in
 * (a clinic is in one place; a doctor in another zone is the exception), else UTC. Read from
 * the reference data each time, so a clinic set up after the start is seen at once; inside a
 * transaction, pass its EntityManager (a DataSource reads on a connection of its own).
 */
export async function clinicTimeZone(config: Pick<AppConfig, 'clinicTimezone'>, db: Pick<EntityManager, 'getRepository'>): Promise<string> {
  if (config.clinicTimezone) return config.clinicTimezone;
  const commonest = await db
    .getRepository(Doctor)
    .createQueryBuilder('doctor')
    .select('doctor.timezone', 'timezone')
    .groupBy('doctor.timezone')
    .orderBy('count(*)', 'DESC')
    .addOrderBy('doctor.timezone')
    .limit(1)
    .getRawOne<{ timezone: string }>();
  return commonest?.timezone ?? FALLBACK_ZONE;
}
