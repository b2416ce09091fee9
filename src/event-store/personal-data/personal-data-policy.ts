/**
 * Where personal data sits in a record (an event's data or an aggregate's snapshot): the data
 * subject whose key protects it, and the fields holding it. Records without personal data have
 * no entry.
 */
export interface PersonalDataLocation {
  subjectId: string;
  fields: readonly string[];
}

export interface PersonalDataPolicy {
  forEvent(eventType: string, data: Record<string, unknown>): PersonalDataLocation | null;
  forSnapshot(aggregateType: string, state: Record<string, unknown>): PersonalDataLocation | null;
}

export const PERSONAL_DATA_POLICY = Symbol('PERSONAL_DATA_POLICY');
