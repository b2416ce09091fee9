import { Query } from '@nestjs/cqrs';
import { Actor } from '../../shared/auth/actor';
import { WaitlistEntryResource } from '../waitlist-entry-resource';

/** One waitlist entry as it stands (staff: any; a patient: their own, another's is not found). */
export class GetWaitlistEntry extends Query<WaitlistEntryResource> {
  constructor(
    readonly entryId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
