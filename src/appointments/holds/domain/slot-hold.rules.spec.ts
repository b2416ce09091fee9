import { EndNotAfterStart, OutsideWorkingHours, StartInPast } from '../../domain/appointment.errors';
import { HoldConverted, HoldEvent, HoldExpired, HoldReleased, SlotHeld } from '../../domain/hold.events';
import { DomainError } from '../../../shared/domain-error';
import { beforeMonday, berlinDoctor, consultation, monday0900, monday0930, otherRoomId, patientId, roomId } from '../../../../test/support/appointment-decisions';
import { assertHolder } from '../hold-access';
import { evolveHold } from './slot-hold.evolve';
import { HoldAlreadyExists, HoldGone, HoldIsWaitlistOffer, HoldMismatch, HoldNotFound } from './slot-hold.errors';
import { assertNotWaitlistOffer, decideConversion, decideExpiry, decidePlacing, decideRelease, HoldTerms, SlotAsked } from './slot-hold.rules';
import { SlotHoldState } from './slot-hold.state';

const holdId = 'h0000000-0000-4000-8000-000000000001';
const appointmentId = 'a0000000-0000-4000-8000-000000000009';
const placedAt = beforeMonday;
const expiresAt = '2027-03-01T00:10:00.000Z';
const afterExpiry = new Date(expiresAt);

const terms = (overrides: Partial<HoldTerms> = {}): HoldTerms => ({
  holdId,
  patientId,
  roomId,
  start: new Date(monday0900),
  doctor: berlinDoctor,
  appointmentType: consultation,
  ttlSeconds: 600,
  waitlistEntryId: null,
  ...overrides,
});

const held = new SlotHeld({
  holdId,
  doctorId: berlinDoctor.id,
  roomId,
  patientId,
  appointmentTypeId: consultation.id,
  start: monday0900,
  end: monday0930,
  bufferBeforeMinutes: 5,
  bufferAfterMinutes: 10,
  expiresAt,
  waitlistEntryId: null,
});

const theSlot: SlotAsked = { doctorId: berlinDoctor.id, roomId, patientId, appointmentTypeId: consultation.id, start: new Date(monday0900), end: new Date(monday0930) };

/** given(past events of a hold).when(decision, now): the new events, or the broken rule. */
function given(history: HoldEvent[]) {
  const state = history.reduce<SlotHoldState>(evolveHold, null);
  return {
    when: (decide: (state: SlotHoldState, now: Date) => HoldEvent[], now: Date = placedAt) => ({
      then: (expected: HoldEvent[]) => expect(decide(state, now)).toEqual(expected),
      thenFails: (error: new (...args: never[]) => DomainError) => expect(() => decide(state, now)).toThrow(error),
    }),
  };
}

const place = (overrides: Partial<HoldTerms> = {}) => (state: SlotHoldState, now: Date) => decidePlacing(terms(overrides), state, now);
const release = (state: SlotHoldState, now: Date) => decideRelease(state, holdId, now);
const convert = (asked: Partial<SlotAsked> = {}) => (state: SlotHoldState, now: Date) => decideConversion(state, holdId, { ...theSlot, ...asked }, appointmentId, now);
const entryId = 'w0000000-0000-4000-8000-000000000001';
const offered = new SlotHeld({ ...held.data, waitlistEntryId: entryId });
const expire = (state: SlotHoldState, now: Date) => decideExpiry(state, now);

describe('Placing a slot hold', () => {
  it('holds the slot until now + the TTL, the end defaulting to start + the type duration, with the type buffers', () => {
    given([]).when(place()).then([held]);
  });

  it('records the waitlist entry it is an offer to', () => {
    given([]).when(place({ waitlistEntryId: entryId })).then([offered]);
  });

  it('follows the rules of a booking: end after start, not in the past, inside the working hours', () => {
    given([]).when(place({ end: new Date(monday0900) })).thenFails(EndNotAfterStart);
    given([]).when(place(), new Date('2027-03-22T08:00:01Z')).thenFails(StartInPast);
    given([]).when(place({ start: new Date('2027-03-22T11:00:00Z') })).thenFails(OutsideWorkingHours);
  });

  it('refuses an id that is held already', () => {
    given([held]).when(place()).thenFails(HoldAlreadyExists);
  });
});

describe('Releasing a slot hold', () => {
  it('gives the slot back', () => {
    given([held]).when(release).then([new HoldReleased(held.data)]);
  });

  it('is not found for an unknown hold, and gone once it has ended or run out', () => {
    given([]).when(release).thenFails(HoldNotFound);
    given([held, new HoldReleased(held.data)]).when(release).thenFails(HoldGone);
    given([held, new HoldExpired(held.data)]).when(release).thenFails(HoldGone);
    given([held, new HoldConverted({ ...held.data, appointmentId })]).when(release).thenFails(HoldGone);
    given([held]).when(release, afterExpiry).thenFails(HoldGone);
  });
});

describe('Converting a slot hold', () => {
  it('converts into the appointment booked in exactly the held slot', () => {
    given([held]).when(convert()).then([new HoldConverted({ ...held.data, appointmentId })]);
  });

  it('refuses a booking that names another slot, listing what differs', () => {
    given([held]).when(convert({ roomId: otherRoomId })).thenFails(HoldMismatch);
    given([held]).when(convert({ start: new Date('2027-03-22T09:00:00Z'), end: new Date('2027-03-22T09:30:00Z') })).thenFails(HoldMismatch);
    given([held]).when(convert({ end: new Date('2027-03-22T08:45:00Z') })).thenFails(HoldMismatch);
    expect(() => decideConversion(evolveHold(null, held), holdId, { ...theSlot, roomId: otherRoomId }, appointmentId, placedAt)).toThrow(
      expect.objectContaining({ details: { differences: [{ field: 'roomId', held: roomId, asked: otherRoomId }] } }) as Error,
    );
  });

  it('is gone once the hold has run out, even before its timer fired, or has ended', () => {
    given([held]).when(convert(), afterExpiry).thenFails(HoldGone);
    given([held, new HoldExpired(held.data)]).when(convert()).thenFails(HoldGone);
    given([held, new HoldReleased(held.data)]).when(convert()).thenFails(HoldGone);
    given([held, new HoldConverted({ ...held.data, appointmentId })]).when(convert()).thenFails(HoldGone);
    given([]).when(convert()).thenFails(HoldNotFound);
  });

  it('is only the holder\'s: another patient does not find the hold, staff and the holder do', () => {
    const state = evolveHold(null, held);
    expect(() => assertHolder({ userId: 'u-2', role: 'patient', patientId: 'p0000000-0000-4000-8000-000000000002' }, holdId, state)).toThrow(HoldNotFound);
    expect(() => assertHolder({ userId: 'u-3', role: 'doctor', doctorId: 'd0000000-0000-4000-8000-000000000002' }, holdId, state)).toThrow(HoldNotFound);
    expect(() => assertHolder({ userId: 'u-1', role: 'patient', patientId }, holdId, state)).not.toThrow();
    expect(() => assertHolder({ userId: 'u-4', role: 'staff' }, holdId, state)).not.toThrow();
    expect(() => assertHolder({ userId: 'u-4', role: 'staff' }, holdId, null)).toThrow(HoldNotFound);
  });
});

describe("A waitlist offer's hold, through the holds API", () => {
  it('is the waitlist\'s to end while it holds its slot: its holder may neither release nor book it', () => {
    expect(() => assertNotWaitlistOffer(evolveHold(null, offered), placedAt)).toThrow(HoldIsWaitlistOffer);
    expect(() => assertNotWaitlistOffer(evolveHold(null, offered), placedAt)).toThrow(expect.objectContaining({ details: { waitlistEntryId: entryId } }) as Error);
  });

  it('leaves a hold a client took, an offer that has ended or run out, and an unknown hold to the command\'s own rules', () => {
    expect(() => assertNotWaitlistOffer(evolveHold(null, held), placedAt)).not.toThrow();
    expect(() => assertNotWaitlistOffer(evolveHold(evolveHold(null, offered), new HoldReleased(offered.data)), placedAt)).not.toThrow();
    expect(() => assertNotWaitlistOffer(evolveHold(null, offered), afterExpiry)).not.toThrow();
    expect(() => assertNotWaitlistOffer(null, placedAt)).not.toThrow();
  });
});

describe('Expiring a slot hold', () => {
  it('expires a held slot once its time has run out', () => {
    given([held]).when(expire, afterExpiry).then([new HoldExpired(held.data)]);
  });

  it('has nothing to expire before its time, or once the hold has ended', () => {
    given([held]).when(expire, new Date('2027-03-01T00:09:59.999Z')).then([]);
    given([held, new HoldReleased(held.data)]).when(expire, afterExpiry).then([]);
    given([held, new HoldConverted({ ...held.data, appointmentId })]).when(expire, afterExpiry).then([]);
    given([held, new HoldExpired(held.data)]).when(expire, afterExpiry).then([]);
    given([]).when(expire, afterExpiry).then([]);
  });

  it('folds each ending into its status', () => {
    expect(evolveHold(evolveHold(null, held), new HoldConverted({ ...held.data, appointmentId }))).toEqual({ ...held.data, status: 'converted', appointmentId });
    expect(evolveHold(evolveHold(null, held), new HoldExpired(held.data))).toEqual({ ...held.data, status: 'expired', appointmentId: null });
  });
});
