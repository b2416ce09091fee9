import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../shared/clock';
import { clinicFreeSlots, reservedWindow, workingRangesOfDate } from './availability';
import { AvailabilityReads } from './availability-reads';
import { ClinicAvailability, GetClinicAvailability } from './get-clinic-availability.query';

/**
 * Free slots across the clinic: the active doctors who work on that date (in their own zones),
 * with the reservations of all of them read in one query. A doctor asking sees only their own
 * slots, as with a doctor's availability.
 */
@QueryHandler(GetClinicAvailability)
export class GetClinicAvailabilityHandler implements IQueryHandler<GetClinicAvailability> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: AvailabilityReads,
    private readonly clock: Clock,
  ) {}

  async execute({ request: { date, appointmentTypeId, specialty }, actor }: GetClinicAvailability): Promise<ClinicAvailability> {
    const db = this.dataSource.manager;
    const { active, ...appointmentType } = await this.reads.appointmentType(db, appointmentTypeId);
    if (!active) return { slots: [] };
    const onlyDoctorId = actor.role === 'doctor' ? actor.doctorId : undefined;
    const doctors = (await this.reads.activeDoctors(db, { date, specialty, onlyDoctorId })).filter(
      (doctor) => workingRangesOfDate(doctor, date).length > 0,
    );
    const window = reservedWindow(doctors.flatMap((doctor) => workingRangesOfDate(doctor, date)), appointmentType);
    if (!window) return { slots: [] };
    const reserved = await this.reads.reserved(db, window, { doctorIds: doctors.map((doctor) => doctor.id) });
    return { slots: clinicFreeSlots({ doctors, date, appointmentType, reserved, now: this.clock.now() }) };
  }
}
