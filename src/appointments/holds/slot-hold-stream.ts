import { familyStream } from '../../event-store/event-family';
import { HOLD_AGGREGATE_TYPE, HOLD_EVENTS } from '../domain/hold.events';
import { evolveHold } from './domain/slot-hold.evolve';

/** A slot hold's stream (its id is the hold's id) for the generic command handling; a hold has few events, so no snapshots. */
export const SLOT_HOLD_STREAM = familyStream(HOLD_AGGREGATE_TYPE, HOLD_EVENTS, null, evolveHold);
