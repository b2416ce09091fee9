import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RecordNotFound } from '../../shared/application-errors';
import { Clock } from '../../shared/clock';
import { freeSlots, reservedWindow, workingRangesOfDate } from './availability';
import { AvailabilityReads } from './availability-reads';
import { Availability, GetAvailability } from './get-availability.query';

/**
 * A doctor's free slots. A doctor sees only their own and may not narrow them by a patient (the
 * answer would tell when the patient is busy with other doctors, which a doctor may not read); a
 * patient may narrow only by themself. Anything else is a 404, as for a record that is not
 * theirs. A retired doctor, room, patient or appointment type has no slots, since no booking may
 * name it.
 */
@QueryHandler(GetAvailability)
export class GetAvailabilityHandler implements IQueryHandler<GetAvailability> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: AvailabilityReads,
    private readonly clock: Clock,
  ) {}

  async execute({ doctorId, request, actor }: GetAvailability): Promise<Availability> {
    if (actor.role === 'doctor' && actor.doctorId !== doctorId) throw new RecordNotFound('Doctor', doctorId);
    const foreignPatient = actor.role === 'doctor' || (actor.role === 'patient' && request.patientId !== actor.patientId);
    if (request.patientId !== undefined && foreignPatient) throw new RecordNotFound('Patient', request.patientId);
    const db = this.dataSource.manager;
    const { doctor, appointmentType, bookable } = await this.reads.forDoctor(db, { doctorId, ...request });
    if (!doctor) throw new RecordNotFound('Doctor', doctorId);
    const { date, roomId, patientId } = request;
    const answer = { doctorId, date, timezone: doctor.timezone, appointmentTypeId: appointmentType.id };
    const window = bookable ? reservedWindow(workingRangesOfDate(doctor, date), appointmentType) : null;
    if (!window) return { ...answer, slots: [] };
    const reserved = await this.reads.reserved(db, window, { doctorIds: [doctorId], roomId, patientId });
    return { ...answer, slots: freeSlots({ doctor, date, appointmentType, wanted: { roomId, patientId }, reserved, now: this.clock.now() }) };
  }
}
