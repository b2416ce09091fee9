import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../shared/clock';
import { ReferenceLookup } from '../command-execution/reference-lookup';
import { freeSlots, OccupiedRange } from '../domain/availability';
import { doctorFor, workingRangesOfDate } from './doctor-day';
import { GetAvailability } from './get-availability.query';

@QueryHandler(GetAvailability)
export class GetAvailabilityHandler implements IQueryHandler<GetAvailability> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lookup: ReferenceLookup,
    private readonly clock: Clock,
  ) {}

  async execute({ doctorId, date, appointmentTypeId, actor }: GetAvailability) {
    const db = this.dataSource.manager;
    const doctor = await doctorFor(db, doctorId, actor);
    const appointmentType = await this.lookup.appointmentType(db, appointmentTypeId);
    const hours = workingRangesOfDate(doctor, date);
    let occupied: OccupiedRange[] = [];
    if (hours.length > 0) {
      const rows: Array<{ start: Date; end: Date }> = await db.query(
        `select lower(occupied) as start, upper(occupied) as "end" from doctor_schedule
         where doctor_id = $1 and status in ('booked', 'checked-in') and occupied && tstzrange($2, $3)`,
        [doctorId, hours[0].start, hours[hours.length - 1].end],
      );
      occupied = rows;
    }
    return {
      doctorId,
      date,
      timezone: doctor.timezone,
      appointmentTypeId,
      slots: freeSlots({ doctor, date, appointmentType, occupied, now: this.clock.now() }),
    };
  }
}
