import { DEMO_CLINIC, weekdays } from '../../src/database/demo-data';
import { INTEGRATION_EVENT_TYPES } from '../../src/integration-events/integration-event';
import { assertPublishable } from '../../src/integration-events/integration-event-schemas';
import { bookingBody, demo, holdBody } from '../support/demo';
import { eventually } from '../support/eventually';
import { expectFhirR4, fhirR4Problems } from '../support/fhir-r4';
import { feedEvents } from '../support/integration-feed';
import { offeredEntry } from '../support/offered-entry';
import { startTestApp, TestApp } from '../support/test-app';

const [, , , noah] = DEMO_CLINIC.patients;

/**
 * Every public integration event type, produced through the HTTP API as the clinic uses it, and
 * each payload read back from the feed: a valid HL7 FHIR R4 resource by the official FHIR R4
 * JSON schema, and valid against the event's own published schema.
 */
describe('FHIR R4 conformance of the public integration events', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let service: string;

  const send = async (method: string, path: string, body: unknown = {}, token = staff) => {
    const response = await t.http.request(method, path, { token, body: method === 'DELETE' ? undefined : body });
    // A refusal names the request and its problem.
    expect(response.status < 300 ? null : { method, path, status: response.status, problem: response.body }).toBeNull();
    return response.body;
  };

  const offeredTo = (entryId: string) => offeredEntry(t, staff, entryId);

  /** The whole feed, once it holds every public type. */
  const publishedEvents = () =>
    eventually(async () => {
      const events = await feedEvents(t, service);
      expect(new Set(events.map((event) => event.type))).toEqual(new Set(INTEGRATION_EVENT_TYPES));
      return events;
    }, 30_000);

  const payloadOf = async (type: string) => structuredClone((await publishedEvents()).find((event) => event.type === type)!.payload) as Record<string, any>;

  beforeAll(async () => {
    t = await startTestApp({ env: { HOLD_EXPIRY_CHECK_MS: '50', OFFER_TTL_SECONDS: '120', SUBSCRIPTION_POLL_MS: '100' } });
    admin = t.tokenFor({ role: 'admin' });
    staff = t.tokenFor({ role: 'staff' });
    service = t.tokenFor({ role: 'service' });

    // The calendar (in June, away from every booking below): new hours, then time off, a
    // closure and a room block, each scheduled and cancelled. Their reasons are free text as
    // people paste it: a time formatted with NARROW NO-BREAK SPACEs, a LINE SEPARATOR.
    await send('PUT', `/doctors/${demo.richter.id}/working-hours`, { effectiveFrom: '2027-06-01', workingHours: weekdays([['08:30', '12:00'], ['13:00', '16:30']]) }, admin);
    const timeOff = await send('POST', `/doctors/${demo.weber.id}/time-off`, { start: '2027-06-07T00:00:00+02:00', end: '2027-06-12T00:00:00+02:00', reason: 'Summer course' }, admin);
    await send('DELETE', `/doctors/${demo.weber.id}/time-off/${timeOff.id}`, undefined, admin);
    const closure = await send('POST', '/closures', { start: '2027-06-14T12:00:00+02:00', end: '2027-06-14T14:00:00+02:00', reason: 'Fire drill 12:00\u202fPM\u00a0–\u00a02:00\u202fPM' }, admin);
    await send('DELETE', `/closures/${closure.id}`, undefined, admin);
    const block = await send('POST', `/rooms/${demo.room2.id}/blocks`, { start: '2027-06-15T08:00:00+02:00', end: '2027-06-15T12:00:00+02:00', reason: 'New X-ray unit\u2028Cleaning afterwards' }, admin);
    await send('DELETE', `/rooms/${demo.room2.id}/blocks/${block.id}`, undefined, admin);

    // Monday 2027-03-22: one appointment through its whole life, one cancelled, one no-show
    // (their day's steps last, once the clock is on that day).
    const visit = await send('POST', '/appointments', bookingBody());
    await send('POST', `/appointments/${visit.id}/reschedule`, { start: '2027-03-22T10:00:00+01:00' });
    await send('POST', `/appointments/${visit.id}/reassign`, { roomId: demo.room2.id, comment: 'Room 1 is being painted' });
    const cancelled = await send('POST', '/appointments', bookingBody({ start: '2027-03-22T11:00:00+01:00', patientId: demo.lukas.id }));
    await send('POST', `/appointments/${cancelled.id}/cancel`, { reason: 'Cannot come' });
    const missed = await send('POST', '/appointments', bookingBody({ start: '2027-03-22T13:00:00+01:00', patientId: demo.emma.id }));

    // Tuesday 2027-03-23: a hold released, one booked and one left to expire.
    const released = await send('POST', '/holds', holdBody({ start: '2027-03-23T09:00:00+01:00' }));
    await send('DELETE', `/holds/${released.id}`);
    const converted = await send('POST', '/holds', holdBody({ start: '2027-03-23T10:00:00+01:00' }));
    await send('POST', '/appointments', bookingBody({ start: '2027-03-23T10:00:00+01:00', holdId: converted.id }));
    const expired = await send('POST', '/holds', holdBody({ start: '2027-03-23T11:00:00+01:00' }));
    t.clock.set(expired.expiresAt);

    // The waitlist: a freed slot offered to Lukas, who declines, then to Emma, who accepts; a
    // second one offered to Lukas and left to expire; Mia joins and leaves.
    const window = { appointmentTypeId: demo.consultation.id, from: '2027-03-29', to: '2027-04-02', doctorId: demo.weber.id };
    const lukas = await send('POST', '/waitlist', { patientId: demo.lukas.id, ...window });
    const emma = await send('POST', '/waitlist', { patientId: demo.emma.id, ...window });
    const freed = await send('POST', '/appointments', bookingBody({ patientId: noah.id, start: '2027-03-29T09:00:00+02:00' }));
    await send('POST', `/appointments/${freed.id}/cancel`, { reason: 'Cannot come' });
    await offeredTo(lukas.id);
    await send('POST', `/waitlist/${lukas.id}/decline`);
    await offeredTo(emma.id);
    await send('POST', `/waitlist/${emma.id}/accept`);
    const second = await send('POST', '/appointments', bookingBody({ patientId: noah.id, start: '2027-03-30T09:00:00+02:00' }));
    await send('POST', `/appointments/${second.id}/cancel`, { reason: 'Cannot come' });
    const again = await offeredTo(lukas.id);
    t.clock.set(again.offer.expiresAt);
    const mia = await send('POST', '/waitlist', { patientId: demo.mia.id, ...window, from: '2027-04-05', to: '2027-04-09' });
    await send('DELETE', `/waitlist/${mia.id}`);

    t.clock.set('2027-03-22T12:30:00Z');
    await send('POST', `/appointments/${visit.id}/check-in`);
    await send('POST', `/appointments/${visit.id}/complete`);
    await send('POST', `/appointments/${missed.id}/no-show`);
  });
  afterAll(() => t.close());

  it('publishes every integration event type, each payload a valid FHIR R4 resource and each event valid against its published schema', async () => {
    const events = await publishedEvents();
    for (const event of events) {
      expect(() => assertPublishable(event)).not.toThrow();
      expectFhirR4(event.payload, `${event.type} ${event.id}`);
    }
    // The reasons keep their words; their spaces and line breaks are those a FHIR string allows.
    const commentOf = (type: string) => (events.find((event) => event.type === type)!.payload as { comment?: string }).comment;
    expect(commentOf('schedule.closure-scheduled.v1')).toBe('Fire drill 12:00 PM – 2:00 PM');
    expect(commentOf('schedule.room-block-scheduled.v1')).toBe('New X-ray unit\nCleaning afterwards');
  });

  it('reports, one readable line each, what FHIR R4 does not allow in those payloads changed by hand', async () => {
    const appointment = await payloadOf('appointment.rescheduled.v1');
    appointment.status = 'rescheduled';
    appointment.participant[2].required = 'yes';
    expect(fhirR4Problems(appointment)).toEqual([
      '/status should be equal to one of the allowed values: proposed | pending | booked | arrived | fulfilled | cancelled | noshow | entered-in-error | checked-in | waitlist, not "rescheduled"',
      '/participant/2/required should be equal to one of the allowed values: required | optional | information-only, not "yes"',
    ]);

    const slot = await payloadOf('slot.held.v1');
    slot.start = '2027-03-23T08:00Z';
    slot.comment = 'Painting\u00a0room';
    delete slot.schedule;
    expect(fhirR4Problems(slot)).toEqual([
      "(resource) should have required property 'schedule'",
      expect.stringMatching(/^\/start should match pattern ".+", not "2027-03-23T08:00Z"$/),
      String.raw`/comment should match pattern "^[ \r\n\t\S]+$", not "Painting\u00a0room"`,
    ]);

    const schedule = await payloadOf('schedule.working-hours-changed.v1');
    schedule.timezone = 'Europe/Berlin';
    expect(() => expectFhirR4(schedule)).toThrow(`Schedule/${demo.richter.id} is not a valid FHIR R4 resource:\n  - (resource) should NOT have additional properties: timezone`);
  });
});
