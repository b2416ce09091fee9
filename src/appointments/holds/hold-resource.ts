import { HoldFacts } from '../domain/hold.events';
import { HoldStatus, SlotHold, statusAt } from './domain/slot-hold.state';

/**
 * A slot hold as the API answers it (POST /holds, GET /holds/:id) and a dashboard receives it
 * (socket.io event `hold`): what it takes, whose it is, until when. Times are ISO 8601 instants in UTC.
 */
export interface HoldResource {
  id: string;
  status: HoldStatus;
  doctorId: string;
  roomId: string;
  patientId: string;
  appointmentTypeId: string;
  start: string;
  end: string;
  expiresAt: string;
  /** The waitlist entry the hold is an offer to; null for a hold a client took. */
  waitlistEntryId: string | null;
  /** The appointment it was converted into; null until then. */
  appointmentId: string | null;
}

/** A hold's resource from its facts, where it stands and the appointment it became (null unless converted). */
export function holdResourceOf(facts: HoldFacts, status: HoldStatus, appointmentId: string | null): HoldResource {
  const { holdId, doctorId, roomId, patientId, appointmentTypeId, start, end, expiresAt, waitlistEntryId } = facts;
  return { id: holdId, status, doctorId, roomId, patientId, appointmentTypeId, start, end, expiresAt, waitlistEntryId, appointmentId };
}

/** A hold as the API shows it at `now` (see statusAt). */
export function holdResourceAt(hold: SlotHold, now: Date): HoldResource {
  return holdResourceOf(hold, statusAt(hold, now), hold.appointmentId);
}
