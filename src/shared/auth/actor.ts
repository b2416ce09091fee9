/** The roles of the API, highest first: of several a token names, the first of these wins. */
export const ROLES = ['admin', 'staff', 'doctor', 'patient', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** Who sends a request, from the verified token's claims. */
export interface Actor {
  userId: string;
  role: Role;
  /**
   * The person's display name, for the history and the emails that say who changed something:
   * the token's `name` claim, else its `preferred_username`; null when it carries neither.
   * A verified token always sets it; an actor the application makes for itself may leave it out.
   */
  name?: string | null;
  /** Set for the `doctor` role: the doctor this user is. */
  doctorId?: string;
  /** Set for the `patient` role: the patient this user is. */
  patientId?: string;
}

/**
 * Who made a change, as an event's metadata records it and a history shows it: the subject, the
 * role and, when the token carried one, the display name. A patient's name is not recorded: the
 * log keeps a patient's personal data only where erasure reaches it, and a history names a
 * patient by their role. Events recorded before names were have none either.
 */
export interface RecordedActor {
  userId: string;
  role: Role;
  name?: string;
}

export function recordedActorOf(actor: Actor): RecordedActor {
  const name = actor.role === 'patient' ? null : (actor.name ?? null);
  return name === null ? { userId: actor.userId, role: actor.role } : { userId: actor.userId, role: actor.role, name };
}
