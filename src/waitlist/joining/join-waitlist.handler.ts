import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from 'typeorm';
import { metadataOf } from '../../appointments/command-execution/command-options';
import { NotAllowed, RecordRetired, UnknownReference } from '../../shared/application-errors';
import { ClinicToday } from '../clinic-today';
import { ReadingTime } from '../domain/waitlist-entry.state';
import { WaitlistEntries } from '../persistence/waitlist-entries';
import { waitlistEntryResource } from '../waitlist-entry-resource';
import { WaitlistAnswer } from '../waitlist-http';
import { decideJoin, JoinRequest, JoinWaitlist } from './join-waitlist';

type Found = { active: boolean } | null;

/**
 * Puts a patient on the waitlist, in one transaction: the records named must exist and be
 * active (else 422), the window is decided on the clinic's today, and the entry's row is written
 * with its WaitlistJoined (a second open entry of the patient for the type in an overlapping
 * window is refused by PostgreSQL: 409). Staff for anyone, a patient for themself.
 */
@CommandHandler(JoinWaitlist)
export class JoinWaitlistHandler implements ICommandHandler<JoinWaitlist> {
  constructor(
    private readonly entries: WaitlistEntries,
    private readonly clinic: ClinicToday,
  ) {}

  async execute({ request, options }: JoinWaitlist): Promise<WaitlistAnswer> {
    const { actor } = options.context;
    if (actor.role === 'patient' && actor.patientId !== request.patientId) throw new NotAllowed('A patient can only join the waitlist for themselves');
    let at: ReadingTime | undefined;
    const joined = await this.entries.run({
      entryId: request.entryId,
      newStream: true,
      metadata: metadataOf(options),
      decide: async (_state, db) => {
        await this.assertRecordsActive(db, request);
        at = await this.clinic.readingTime(db);
        return decideJoin(request, at.today);
      },
    });
    return { resource: waitlistEntryResource(joined.entry, joined.version, at as ReadingTime), position: joined.position };
  }

  /** The patient, the appointment type and the doctor (if named) exist and are active; in that order, else a 422 naming the first that is not. */
  private async assertRecordsActive(db: EntityManager, request: JoinRequest): Promise<void> {
    const [found]: Array<{ patient: Found; type: Found; doctor: Found }> = await db.query(
      `select (select json_build_object('active', active) from patients where id = $1) as patient,
              (select json_build_object('active', active) from appointment_types where id = $2) as type,
              (select json_build_object('active', active) from doctors where id = $3) as doctor`,
      [request.patientId, request.appointmentTypeId, request.doctorId],
    );
    const named: Array<['Patient' | 'Appointment type' | 'Doctor', string | null, Found]> = [
      ['Patient', request.patientId, found.patient],
      ['Appointment type', request.appointmentTypeId, found.type],
      ['Doctor', request.doctorId, found.doctor],
    ];
    for (const [what, id, record] of named) {
      if (id === null) continue;
      if (!record) throw new UnknownReference(what, id);
      if (!record.active) throw new RecordRetired(what, id);
    }
  }
}
