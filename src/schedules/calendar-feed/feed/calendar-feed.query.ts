import { Query } from '@nestjs/cqrs';
import { Actor } from '../../../shared/auth/actor';

/** A doctor's calendar feed as iCalendar text; `reader` is null for the holder of a verified feed token. */
export class GetCalendarFeed extends Query<string> {
  constructor(
    readonly doctorId: string,
    readonly reader: Actor | null,
  ) {
    super();
  }
}
