import { eventually } from './eventually';
import { TestApp } from './test-app';

/** A waitlist entry as GET /waitlist/:id shows it once it is offered a slot. */
export interface OfferedEntry {
  status: 'offered';
  offer: { holdId: string; start: string; expiresAt: string };
}

/** The entry once the offer process manager has offered it a slot, read with `token`. */
export function offeredEntry(t: TestApp, token: string, entryId: string): Promise<OfferedEntry> {
  return eventually(async () => {
    const entry = await t.http.get(`/waitlist/${entryId}`, token);
    expect(entry.body.status).toBe('offered');
    return entry.body as OfferedEntry;
  });
}
