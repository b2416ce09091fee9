import { DEMO_CLINIC } from '../../src/database/demo-data';
import { assertPublishable } from '../../src/integration-events/integration-event-schemas';
import { bookingBody, demo, holdBody } from '../support/demo';
import { eventually } from '../support/eventually';
import { feedEvents } from '../support/integration-feed';
import { offeredEntry } from '../support/offered-entry';
import { startTestApp, TestApp } from '../support/test-app';

const [, , , noah] = DEMO_CLINIC.patients;

/**
 * The public events of the booking flows, end to end: slot holds published as FHIR Slots
 * (held, booked, released, expired) and waitlist entries as FHIR Appointments `waitlist`, each
 * valid against its published schema, in the feed's order.
 */
describe('Public integration events of holds and the waitlist', () => {
  let t: TestApp;
  let staff: string;
  let service: string;

  const send = async (method: string, path: string, body?: unknown) => {
    const response = await t.http.request(method, path, { token: staff, body });
    expect(response.status).toBeLessThan(300);
    return response.body;
  };

  /** The whole feed, once it holds at least `count` events of the booking flows. */
  const flowEvents = (count: number) =>
    eventually(async () => {
      const events = (await feedEvents(t, service)).filter((event) => /^(slot|waitlist)\./.test(event.type));
      expect(events.length).toBeGreaterThanOrEqual(count);
      return events;
    });

  const offeredTo = (entryId: string) => offeredEntry(t, staff, entryId);

  beforeAll(async () => {
    t = await startTestApp({ env: { HOLD_EXPIRY_CHECK_MS: '50', OFFER_TTL_SECONDS: '120', SUBSCRIPTION_POLL_MS: '100' } });
    staff = t.tokenFor({ role: 'staff' });
    service = t.tokenFor({ role: 'service' });
  });
  afterAll(() => t.close());

  it('publishes a hold as a FHIR Slot on the doctor\'s schedule: held busy-tentative, then booked busy or released and expired free', async () => {
    const released = await send('POST', '/holds', holdBody());
    await send('DELETE', `/holds/${released.id}`);
    const converted = await send('POST', '/holds', holdBody({ start: '2027-03-22T10:00:00+01:00' }));
    const appointment = await send('POST', '/appointments', bookingBody({ start: '2027-03-22T10:00:00+01:00', holdId: converted.id }));
    const expired = await send('POST', '/holds', holdBody({ start: '2027-03-22T11:00:00+01:00' }));
    t.clock.set(expired.expiresAt);

    const events = await flowEvents(6);
    for (const event of events) expect(() => assertPublishable(event)).not.toThrow();
    const ofHold = (holdId: string) => events.filter((event) => event.holdId === holdId).map((event) => [event.type, event.payload.status]);
    expect(ofHold(released.id)).toEqual([['slot.held.v1', 'busy-tentative'], ['slot.released.v1', 'free']]);
    expect(ofHold(converted.id)).toEqual([['slot.held.v1', 'busy-tentative'], ['slot.booked.v1', 'busy']]);
    expect(ofHold(expired.id)).toEqual([['slot.held.v1', 'busy-tentative'], ['slot.expired.v1', 'free']]);

    const [held] = events;
    expect(held).toEqual({
      id: expect.any(String),
      type: 'slot.held.v1',
      time: expect.any(String),
      holdId: released.id,
      doctorId: demo.weber.id,
      roomId: demo.room1.id,
      expiresAt: released.expiresAt,
      payload: {
        resourceType: 'Slot',
        id: released.id,
        meta: { versionId: '1', lastUpdated: expect.any(String) },
        schedule: { reference: `Schedule/${demo.weber.id}`, type: 'Schedule' },
        status: 'busy-tentative',
        appointmentType: { coding: [{ system: 'urn:clinic:appointment-type', code: demo.consultation.id }] },
        start: '2027-03-22T08:00:00.000Z',
        end: '2027-03-22T08:20:00.000Z',
      },
    });
    expect(events.find((event) => event.type === 'slot.booked.v1')).toMatchObject({ appointmentId: appointment.id });
    // A Slot names no patient.
    expect(JSON.stringify(events)).not.toContain(demo.mia.id);
  });

  it('publishes a waitlist entry as a FHIR Appointment `waitlist`: joined, offered a freed slot, declined, booked, expired and cancelled', async () => {
    const before = (await flowEvents(6)).length;
    const window = { appointmentTypeId: demo.consultation.id, from: '2027-03-29', to: '2027-04-02', doctorId: demo.weber.id };
    const lukas = await send('POST', '/waitlist', { patientId: demo.lukas.id, ...window });
    const emma = await send('POST', '/waitlist', { patientId: demo.emma.id, ...window });

    // A cancellation frees a slot: offered to Lukas, who declines, so it goes to Emma, who accepts.
    const freed = await send('POST', '/appointments', bookingBody({ patientId: noah.id, start: '2027-03-29T09:00:00+02:00' }));
    await send('POST', `/appointments/${freed.id}/cancel`, { reason: 'Cannot come' });
    const toLukas = await offeredTo(lukas.id);
    await send('POST', `/waitlist/${lukas.id}/decline`, {});
    const toEmma = await offeredTo(emma.id);
    const booked = await send('POST', `/waitlist/${emma.id}/accept`, {});

    // Another freed slot goes to Lukas again and is left to expire; then Mia joins and leaves.
    const second = await send('POST', '/appointments', bookingBody({ patientId: noah.id, start: '2027-03-30T09:00:00+02:00' }));
    await send('POST', `/appointments/${second.id}/cancel`, { reason: 'Cannot come' });
    const again = await offeredTo(lukas.id);
    t.clock.set(again.offer.expiresAt);
    const mia = await send('POST', '/waitlist', { patientId: demo.mia.id, ...window, from: '2027-04-05', to: '2027-04-09' });
    await send('DELETE', `/waitlist/${mia.id}`);

    const events = (await flowEvents(before + 16)).slice(before);
    for (const event of events) expect(() => assertPublishable(event)).not.toThrow();
    const ofEntry = (entryId: string) => events.filter((event) => event.waitlistEntryId === entryId).map((event) => [event.type, event.payload.status]);
    expect(ofEntry(lukas.id)).toEqual([
      ['waitlist.joined.v1', 'waitlist'],
      ['waitlist.offered.v1', 'waitlist'],
      ['waitlist.offer-declined.v1', 'waitlist'],
      ['waitlist.offered.v1', 'waitlist'],
      ['waitlist.offer-expired.v1', 'cancelled'],
    ]);
    expect(ofEntry(emma.id)).toEqual([
      ['waitlist.joined.v1', 'waitlist'],
      ['waitlist.offered.v1', 'waitlist'],
      ['waitlist.booked.v1', 'booked'],
    ]);
    expect(ofEntry(mia.id)).toEqual([
      ['waitlist.joined.v1', 'waitlist'],
      ['waitlist.cancelled.v1', 'cancelled'],
    ]);

    const offered = events.find((event) => event.type === 'waitlist.offered.v1' && event.holdId === toLukas.offer.holdId);
    expect(offered).toMatchObject({
      expiresAt: toLukas.offer.expiresAt,
      payload: {
        resourceType: 'Appointment',
        id: lukas.id,
        status: 'waitlist',
        start: toLukas.offer.start,
        slot: [{ reference: `Slot/${toLukas.offer.holdId}`, type: 'Slot' }],
        requestedPeriod: [{ start: '2027-03-29', end: '2027-04-02' }],
        participant: [
          { actor: { reference: `Patient/${demo.lukas.id}`, type: 'Patient' }, status: 'accepted' },
          { actor: { reference: `Practitioner/${demo.weber.id}`, type: 'Practitioner' }, status: 'accepted' },
          { actor: { type: 'Location' }, status: 'accepted' },
        ],
      },
    });
    expect(events.find((event) => event.type === 'waitlist.booked.v1')).toMatchObject({ holdId: toEmma.offer.holdId, appointmentId: booked.id });

    // Each offer is a hold of its own: held for the patient, then released (declined), booked (accepted) or expired.
    const ofHold = (holdId: string) => events.filter((event) => event.type.startsWith('slot.') && event.holdId === holdId).map((event) => event.type);
    expect(ofHold(toLukas.offer.holdId)).toEqual(['slot.held.v1', 'slot.released.v1']);
    expect(ofHold(toEmma.offer.holdId)).toEqual(['slot.held.v1', 'slot.booked.v1']);
    expect(ofHold(again.offer.holdId)).toEqual(['slot.held.v1', 'slot.expired.v1']);
  });
});
