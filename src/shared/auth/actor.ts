export const ROLES = ['admin', 'staff', 'doctor', 'patient', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** Who sends a request, from the verified token's claims. */
export interface Actor {
  userId: string;
  role: Role;
  /** Set for the `doctor` role: the doctor this user is. */
  doctorId?: string;
  /** Set for the `patient` role: the patient this user is. */
  patientId?: string;
}
