import { RecordedActor, Role } from '../../shared/auth/actor';

/**
 * Who made a change, as a message to a doctor says it: the name the event's metadata records
 * with the role ("Greta Desk (staff)"), else the role alone in the clinic's words. A patient is
 * "the patient", never by name: the log keeps no patient's name and a message to staff says no
 * more than the history does. The token's subject is an account id, not a person, and is never
 * shown.
 */
export function changeAuthor(actor: RecordedActor): string {
  if (actor.role === 'patient') return 'the patient';
  const name = actor.name?.replace(/\s+/g, ' ').trim();
  return name ? `${name} (${actor.role})` : UNNAMED[actor.role];
}

/** Each role, for an actor whose token carried no name (the role in brackets as for a named one). */
const UNNAMED: Record<Exclude<Role, 'patient'>, string> = {
  admin: 'an administrator (admin)',
  staff: 'the front desk (staff)',
  doctor: 'a doctor of the clinic (doctor)',
  service: "the clinic's booking system (service)",
};
