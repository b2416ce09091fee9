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
