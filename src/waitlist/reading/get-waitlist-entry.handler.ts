import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ClinicToday } from '../clinic-today';
import { WaitlistEntry } from '../domain/waitlist-entry.state';
import { assertEntryVisible } from '../waitlist-access';
import { waitlistEntryResource, WaitlistEntryResource } from '../waitlist-entry-resource';
import { GetWaitlistEntry } from './get-waitlist-entry.query';

interface EntryRow {
  entry: Omit<WaitlistEntry, 'offeredSlots'>;
  version: number;
}

/**
 * Reads an entry from its write-side row (waitlist_entries), which its commands write in the
 * transaction of its events: never behind, so no read-your-writes wait is needed.
 */
@QueryHandler(GetWaitlistEntry)
export class GetWaitlistEntryHandler implements IQueryHandler<GetWaitlistEntry> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clinic: ClinicToday,
  ) {}

  async execute({ entryId, actor }: GetWaitlistEntry): Promise<WaitlistEntryResource> {
    const [row]: Array<EntryRow | undefined> = await this.dataSource.query(
      `select json_build_object('entryId', entry_id, 'patientId', patient_id, 'appointmentTypeId', appointment_type_id, 'doctorId', doctor_id,
                'from', window_from, 'to', window_to, 'status', status, 'offer', offer, 'appointmentId', appointment_id) as entry, version
       from waitlist_entries where entry_id = $1`,
      [entryId],
    );
    const entry = row ? { ...row.entry, offeredSlots: [] } : null;
    assertEntryVisible(actor, entryId, entry);
    return waitlistEntryResource(entry, row?.version ?? 0, await this.clinic.readingTime());
  }
}
