import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { clinicTimeZone } from '../reference-data/clinic-time-zone';
import { Clock } from '../shared/clock';
import { ReadingTime } from './domain/waitlist-entry.state';
import { localDate } from './offering/offer-choice';

/** The clinic's zone and its local date now: the calendar the waitlist's windows are written in. */
@Injectable()
export class ClinicToday {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The clinic's zone; inside a transaction pass its EntityManager. */
  zone(db: Pick<EntityManager, 'getRepository'> = this.dataSource): Promise<string> {
    return clinicTimeZone(this.config, db);
  }

  /** Today's date in the clinic's zone, `YYYY-MM-DD`. */
  async today(db: Pick<EntityManager, 'getRepository'> = this.dataSource): Promise<string> {
    return localDate(this.clock.now(), await this.zone(db));
  }

  /** Now, and today's date in the clinic's zone: when an entry is read (see shownStatus). */
  async readingTime(db: Pick<EntityManager, 'getRepository'> = this.dataSource): Promise<ReadingTime> {
    const now = this.clock.now();
    return { today: localDate(now, await this.zone(db)), now };
  }
}
