import { slotKey } from '../domain/waitlist-entry.state';
import { FreedTime } from './freed-time';
import { CandidateSlot, chooseSlot, localDatesOf, mayBeOffered, WaitingEntry } from './offer-choice';

const zone = 'Europe/Berlin';
const now = new Date('2027-03-20T10:00:00.000Z');
const doctorA = 'd0000000-0000-4000-8000-00000000000a';
const doctorB = 'd0000000-0000-4000-8000-00000000000b';
const room1 = 'f0000000-0000-4000-8000-000000000001';
const room2 = 'f0000000-0000-4000-8000-000000000002';

const entry: WaitingEntry = {
  entryId: 'e0000000-0000-4000-8000-000000000001',
  patientId: '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f800001',
  appointmentTypeId: 'b1a2c3d4-0e1f-4a2b-9c3d-4e5f6a7b0001',
  from: '2027-03-22',
  to: '2027-03-26',
  doctorId: null,
  offeredSlots: [],
};

/** A cancelled appointment of doctor A in room 1, 09:00 to 09:40 Berlin time on Tuesday 23 March 2027. */
const freed: FreedTime = { doctorId: doctorA, roomId: room1, start: '2027-03-23T08:00:00.000Z', end: '2027-03-23T08:40:00.000Z' };

const slot = (start: string, end: string, doctorId = doctorA, roomId = room1): CandidateSlot => ({ doctorId, roomId, start, end });

function given(waiting: WaitingEntry, time: FreedTime = freed) {
  return {
    when: (candidates: CandidateSlot[]) => ({
      thenOffers: (expected: CandidateSlot | null) => expect(chooseSlot(waiting, time, candidates, zone, now)).toEqual(expected),
    }),
  };
}

describe('The choice of the slot a waiting entry is offered', () => {
  it("offers the earliest slot of the type's duration inside the freed time", () => {
    const first = slot('2027-03-23T08:00:00.000Z', '2027-03-23T08:20:00.000Z');
    const second = slot('2027-03-23T08:15:00.000Z', '2027-03-23T08:35:00.000Z');
    given(entry).when([second, first]).thenOffers(first);
  });

  it('offers nothing that does not fit in the freed time, however bookable', () => {
    given(entry).when([slot('2027-03-23T08:30:00.000Z', '2027-03-23T08:50:00.000Z'), slot('2027-03-23T07:45:00.000Z', '2027-03-23T08:05:00.000Z')]).thenOffers(null);
  });

  it('offers only the doctor and room freed, and only the doctor the entry waits for', () => {
    const elsewhere = slot('2027-03-23T08:00:00.000Z', '2027-03-23T08:20:00.000Z', doctorB, room2);
    given(entry).when([elsewhere]).thenOffers(null);
    const anyDoctor: FreedTime = { ...freed, doctorId: null, roomId: null };
    given(entry, anyDoctor).when([elsewhere]).thenOffers(elsewhere);
    given({ ...entry, doctorId: doctorA }, anyDoctor).when([elsewhere]).thenOffers(null);
  });

  it("offers only a slot on a local date of the entry's window", () => {
    const late: FreedTime = { ...freed, start: '2027-03-26T22:30:00.000Z', end: '2027-03-26T23:30:00.000Z' };
    // 23:30 Berlin on the 26th is in the window; 00:00 on the 27th is not.
    given(entry, late).when([slot('2027-03-26T22:30:00.000Z', '2027-03-26T22:50:00.000Z')]).thenOffers(slot('2027-03-26T22:30:00.000Z', '2027-03-26T22:50:00.000Z'));
    given(entry, late).when([slot('2027-03-26T23:00:00.000Z', '2027-03-26T23:20:00.000Z')]).thenOffers(null);
  });

  it('never offers an entry a slot it was offered before, and skips to the next one', () => {
    const first = slot('2027-03-23T08:00:00.000Z', '2027-03-23T08:20:00.000Z');
    const second = slot('2027-03-23T08:15:00.000Z', '2027-03-23T08:35:00.000Z');
    given({ ...entry, offeredSlots: [slotKey(first)] }).when([first, second]).thenOffers(second);
  });

  it('offers no slot that has started', () => {
    const past: FreedTime = { ...freed, start: '2027-03-20T09:40:00.000Z', end: '2027-03-20T10:40:00.000Z' };
    given({ ...entry, from: '2027-03-20' }, past).when([slot('2027-03-20T09:45:00.000Z', '2027-03-20T10:05:00.000Z')]).thenOffers(null);
    given({ ...entry, from: '2027-03-20' }, past).when([slot('2027-03-20T10:15:00.000Z', '2027-03-20T10:35:00.000Z')]).thenOffers(slot('2027-03-20T10:15:00.000Z', '2027-03-20T10:35:00.000Z'));
  });
});

describe('Who may be offered freed time', () => {
  it('an entry whose doctor and window match the freed time, while it lasts', () => {
    expect(mayBeOffered(entry, freed, zone, now)).toBe(true);
    expect(mayBeOffered({ ...entry, doctorId: doctorA }, freed, zone, now)).toBe(true);
    expect(mayBeOffered({ ...entry, doctorId: doctorB }, freed, zone, now)).toBe(false);
    expect(mayBeOffered({ ...entry, doctorId: doctorB }, { ...freed, doctorId: null }, zone, now)).toBe(true);
    expect(mayBeOffered({ ...entry, from: '2027-03-24' }, freed, zone, now)).toBe(false);
    expect(mayBeOffered({ ...entry, to: '2027-03-22' }, freed, zone, now)).toBe(false);
    expect(mayBeOffered(entry, freed, zone, new Date(freed.end))).toBe(false);
  });
});

describe('The local dates freed time touches', () => {
  it("are the clinic's dates from its start to its last moment", () => {
    expect(localDatesOf(freed, zone)).toEqual(['2027-03-23']);
    expect(localDatesOf({ start: '2027-03-22T23:00:00.000Z', end: '2027-03-24T23:00:00.000Z' }, zone)).toEqual(['2027-03-23', '2027-03-24']);
  });
});
