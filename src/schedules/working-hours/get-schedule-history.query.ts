import { Query } from '@nestjs/cqrs';
import { HistoryEntry } from '../../event-store/stream-history';
import { Actor } from '../../shared/auth/actor';

/** Every change of a doctor's schedule (working hours, time off), oldest first. */
export class GetScheduleHistory extends Query<{ items: HistoryEntry[] }> {
  constructor(
    readonly doctorId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
