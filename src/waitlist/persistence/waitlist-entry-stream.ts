import { familyStream } from '../../event-store/event-family';
import { evolveWaitlistEntry } from '../domain/waitlist-entry.evolve';
import { WAITLIST_AGGREGATE_TYPE, WAITLIST_EVENTS } from '../domain/waitlist.events';

/** A waitlist entry's stream (its id is the entry's id) for the generic command handling; an entry has few events, so no snapshots. */
export const WAITLIST_ENTRY_STREAM = familyStream(WAITLIST_AGGREGATE_TYPE, WAITLIST_EVENTS, null, evolveWaitlistEntry);
