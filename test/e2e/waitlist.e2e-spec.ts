import { Counter } from 'prom-client';
import { DEMO_CLINIC } from '../../src/database/demo-data';
import { Metrics } from '../../src/observability/metrics';
import { SUBSCRIPTIONS } from '../../src/subscription-registry';
import { bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { expectWritesNothing } from '../support/hostile-input';
import { HttpResponse } from '../support/http-client';
import { everySubscriptionPasses } from '../support/subscriptions';
import { startTestApp, TestApp } from '../support/test-app';

const [, , , noah, sofia, elias] = DEMO_CLINIC.patients;
const OFFER_TTL_SECONDS = 120;

describe('The waitlist over HTTP', () => {
  let t: TestApp;
  let staff: string;
  const patient = (patientId: string) => t.tokenFor({ role: 'patient', patientId });

  const join = (body: Record<string, unknown>, token = staff) => t.http.post('/waitlist', token, body);
  const entry = (id: string, token = staff) => t.http.get(`/waitlist/${id}`, token);
  const accept = (id: string, token = staff) => t.http.post(`/waitlist/${id}/accept`, token, {});
  const decline = (id: string, token = staff) => t.http.post(`/waitlist/${id}/decline`, token, {});
  const leave = (id: string, token = staff) => t.http.request('DELETE', `/waitlist/${id}`, { token });
  const count = async (type: string, where = 'true', params: unknown[] = []) => {
    const [{ n }] = await t.dataSource.query<Array<{ n: number }>>(`select count(*)::int as n from events where event_type = $1 and ${where}`, [type, ...params]);
    return n;
  };

  /** events_appended_total of each of `types`, as counted so far. */
  const appended = async (...types: string[]): Promise<Record<string, number>> => {
    const { values } = await (t.app.get(Metrics).registry.getSingleMetric('events_appended_total') as Counter).get();
    return Object.fromEntries(types.map((type) => [type, values.find(({ labels }) => labels.event_type === type)?.value ?? 0]));
  };
  /** How much each count of `after` grew since `before`. */
  const grown = (before: Record<string, number>, after: Record<string, number>) => Object.fromEntries(Object.entries(after).map(([type, n]) => [type, n - before[type]]));

  function expectProblem(response: HttpResponse, status: number, code: string) {
    expect({ status: response.status, type: response.body?.type }).toEqual({ status, type: `/problems/${code}` });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  }

  async function joined(patientId: string, window: { from: string; to: string }, doctorId?: string): Promise<string> {
    const response = await join({ patientId, appointmentTypeId: demo.consultation.id, ...window, ...(doctorId ? { doctorId } : {}) });
    expect(response.status).toBe(201);
    return response.body.id;
  }

  /** Books an appointment for Noah (who is never on the list) and returns its id. */
  async function booked(start: string): Promise<string> {
    const response = await t.http.post('/appointments', staff, bookingBody({ patientId: noah.id, start }));
    expect(response.status).toBe(201);
    return response.body.id;
  }

  const cancel = async (appointmentId: string) => {
    const response = await t.http.post(`/appointments/${appointmentId}/cancel`, staff, { reason: 'Cannot come' });
    expect(response.status).toBe(200);
    return Number(response.headers.get('x-event-position'));
  };

  /** The entry once it is offered a slot. */
  const offeredTo = (id: string) =>
    eventually(async () => {
      const response = await entry(id);
      expect(response.body.status).toBe('offered');
      return response.body;
    });

  beforeAll(async () => {
    t = await startTestApp({ env: { OFFER_TTL_SECONDS: String(OFFER_TTL_SECONDS), HOLD_EXPIRY_CHECK_MS: '50' } });
    staff = t.tokenFor({ role: 'staff' });
  });
  afterAll(() => t.close());

  it('joins (201 waiting, with Location); the patient reads their own entry, another patient finds none (404)', async () => {
    const response = await join({ patientId: demo.mia.id, appointmentTypeId: demo.consultation.id, from: '2027-05-03', to: '2027-05-07' }, patient(demo.mia.id));
    expect(response.status).toBe(201);
    const { id } = response.body;
    expect(response.body).toEqual({ id, status: 'waiting', patientId: demo.mia.id, appointmentTypeId: demo.consultation.id, from: '2027-05-03', to: '2027-05-07', doctorId: null, version: 1 });
    expect(response.headers.get('location')).toBe(`/waitlist/${id}`);
    expect((await entry(id, patient(demo.mia.id))).body).toEqual(response.body);
    expectProblem(await entry(id, patient(demo.lukas.id)), 404, 'waitlist-entry-not-found');
    expectProblem(await accept(id, patient(demo.lukas.id)), 404, 'waitlist-entry-not-found');
    expectProblem(await leave(id, patient(demo.lukas.id)), 404, 'waitlist-entry-not-found');
    expect((await entry(id, t.tokenFor({ role: 'doctor', doctorId: demo.weber.id }))).status).toBe(403);
    expectProblem(await join({ patientId: demo.lukas.id, appointmentTypeId: demo.consultation.id, from: '2027-05-03', to: '2027-05-07' }, patient(demo.mia.id)), 403, 'forbidden');
    // A second open entry for the type in an overlapping window is refused; another type is not.
    expectProblem(await join({ patientId: demo.mia.id, appointmentTypeId: demo.consultation.id, from: '2027-05-07', to: '2027-05-10' }), 409, 'already-on-waitlist');
    expect((await join({ patientId: demo.mia.id, appointmentTypeId: demo.checkUp.id, from: '2027-05-07', to: '2027-05-10' })).status).toBe(201);
    expectProblem(await accept(id), 409, 'no-open-offer');
    expectProblem(await decline(id), 409, 'no-open-offer');
    expect((await leave(id)).status).toBe(204);
    expect((await entry(id)).body.status).toBe('cancelled');
    expectProblem(await leave(id), 409, 'waitlist-entry-closed');
    expect((await join({ patientId: demo.mia.id, appointmentTypeId: demo.consultation.id, from: '2027-05-07', to: '2027-05-10' })).status).toBe(201);
  });

  it('refuses bad input and broken rules, writing nothing', async () => {
    const body = { patientId: demo.emma.id, appointmentTypeId: demo.consultation.id, from: '2027-06-01', to: '2027-06-02' };
    const refusals: Array<[Record<string, unknown>, number, string]> = [
      [{ ...body, extra: true }, 400, 'invalid-request'],
      [{ ...body, from: '2027-02-30' }, 400, 'invalid-request'],
      [{ ...body, to: '2027-06-02T00:00:00Z' }, 400, 'invalid-request'],
      [{ ...body, patientId: 'not-a-uuid' }, 400, 'invalid-request'],
      [{ ...body, doctorId: 42 }, 400, 'invalid-request'],
      [{ ...body, from: '2027-06-03' }, 422, 'waitlist-window-invalid'],
      [{ ...body, from: '2027-02-20', to: '2027-02-28' }, 422, 'waitlist-window-invalid'],
      [{ ...body, to: '2027-12-31' }, 422, 'waitlist-window-invalid'],
      [{ ...body, patientId: '7a2b3c40-1d2e-4f3a-8b4c-5d6e7f8000ff' }, 422, 'unknown-reference'],
      [{ ...body, doctorId: '4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4cff' }, 422, 'unknown-reference'],
    ];
    await expectWritesNothing(t.dataSource, async () => {
      for (const [refused, status, code] of refusals) expectProblem(await join(refused), status, code);
      expectProblem(await t.http.post('/waitlist/not-a-uuid/accept', staff, {}), 400, 'invalid-request');
      expectProblem(await accept('e0000000-0000-4000-8000-000000000000'), 404, 'waitlist-entry-not-found');
    });
  });

  it('offers a cancelled slot to the first matching entry: a hold for the patient, the slot taken for others; accepting books it (201)', async () => {
    const appointmentId = await booked('2027-03-22T09:00:00+01:00');
    const mias = await joined(demo.mia.id, { from: '2027-03-22', to: '2027-03-22' }, demo.weber.id);
    const emmas = await joined(demo.emma.id, { from: '2027-03-22', to: '2027-03-22' });
    // Another doctor's entry and a window elsewhere do not match.
    const richters = await joined(demo.lukas.id, { from: '2027-03-22', to: '2027-03-22' }, demo.richter.id);
    await cancel(appointmentId);

    const offered = await offeredTo(mias);
    expect(offered.offer).toEqual({
      holdId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      doctorId: demo.weber.id,
      roomId: demo.room1.id,
      start: '2027-03-22T08:00:00.000Z',
      end: '2027-03-22T08:20:00.000Z',
      expiresAt: new Date(Date.parse('2027-03-01T08:00:00Z') + OFFER_TTL_SECONDS * 1000).toISOString(),
    });
    const hold = await t.http.get(`/holds/${offered.offer.holdId}`, staff);
    expect(hold.body).toMatchObject({ status: 'held', patientId: demo.mia.id, waitlistEntryId: mias });
    expectProblem(await t.http.post('/appointments', staff, bookingBody({ patientId: demo.lukas.id, start: '2027-03-22T09:00:00+01:00' })), 409, 'slot-taken');
    expect((await entry(emmas)).body.status).toBe('waiting');
    expect((await entry(richters)).body.status).toBe('waiting');

    const acceptTypes = ['WaitlistEntryBooked', 'HoldConverted', 'AppointmentCreated'];
    const countedBefore = await appended(...acceptTypes);
    const accepted = await accept(mias, patient(demo.mia.id));
    expect(accepted.status).toBe(201);
    // Each event the accept committed is counted once, the hold's and the appointment's too.
    expect(grown(countedBefore, await appended(...acceptTypes))).toEqual({ WaitlistEntryBooked: 1, HoldConverted: 1, AppointmentCreated: 1 });
    expect(accepted.body).toMatchObject({ status: 'booked', patientId: demo.mia.id, doctorId: demo.weber.id, roomId: demo.room1.id, start: '2027-03-22T08:00:00.000Z' });
    expect(accepted.headers.get('location')).toBe(`/appointments/${accepted.body.id}`);
    expect((await entry(mias)).body).toMatchObject({ status: 'booked', appointmentId: accepted.body.id });
    expect((await t.http.get(`/holds/${offered.offer.holdId}`, staff)).body.status).toBe('converted');
    expectProblem(await accept(mias), 409, 'no-open-offer');
    expect(await count('WaitlistOfferMade', `aggregate_id = any($2::uuid[])`, [[mias, emmas, richters]])).toBe(1);
    expect((await leave(emmas)).status).toBe(204);
    expect((await leave(richters)).status).toBe(204);
  });

  it('offers a declined slot to the next entry in line, never again to the one that declined it', async () => {
    const appointmentId = await booked('2027-03-23T09:00:00+01:00');
    const lukas = await joined(demo.lukas.id, { from: '2027-03-23', to: '2027-03-23' });
    const emma = await joined(demo.emma.id, { from: '2027-03-20', to: '2027-03-25' });
    await cancel(appointmentId);
    const first = await offeredTo(lukas);

    const types = ['WaitlistOfferDeclined', 'HoldReleased', 'SlotHeld', 'WaitlistOfferMade', 'WaitlistEntryCancelled'];
    const countedBefore = await appended(...types);
    const declined = await decline(lukas, patient(demo.lukas.id));
    expect(declined.status).toBe(200);
    expect(grown(countedBefore, await appended(...types))).toMatchObject({ WaitlistOfferDeclined: 1, HoldReleased: 1 });
    expect(declined.body).toMatchObject({ id: lukas, status: 'waiting' });
    expect(declined.body.offer).toBeUndefined();
    const next = await offeredTo(emma);
    expect(next.offer).toMatchObject({ doctorId: first.offer.doctorId, start: first.offer.start });
    expect(next.offer.holdId).not.toBe(first.offer.holdId);
    // The offer to the next entry is counted once its delivery has committed.
    await eventually(async () => expect(grown(countedBefore, await appended(...types))).toEqual({ WaitlistOfferDeclined: 1, HoldReleased: 1, SlotHeld: 1, WaitlistOfferMade: 1, WaitlistEntryCancelled: 0 }));

    // Emma leaves the list: her hold is released, and Lukas, who declined that slot, is not offered it again.
    const left = await leave(emma, patient(demo.emma.id));
    expect(left.status).toBe(204);
    expect(grown(countedBefore, await appended(...types))).toEqual({ WaitlistOfferDeclined: 1, HoldReleased: 2, SlotHeld: 1, WaitlistOfferMade: 1, WaitlistEntryCancelled: 1 });
    expect((await t.http.get(`/holds/${next.offer.holdId}`, staff)).body.status).toBe('released');
    await everySubscriptionPasses(t.dataSource, Number(left.headers.get('x-event-position')) + 1, [SUBSCRIPTIONS.waitlistOffers]);
    expect((await entry(lukas)).body.status).toBe('waiting');
    expect((await t.http.post('/appointments', staff, bookingBody({ patientId: demo.lukas.id, start: '2027-03-23T09:00:00+01:00' }))).status).toBe(201);
    expect((await leave(lukas)).status).toBe(204);
  });

  it("takes an erased patient off the list: an open offer's hold is released and the slot offered to the next entry", async () => {
    const appointmentId = await booked('2027-03-25T09:00:00+01:00');
    const miasEntry = await joined(demo.mia.id, { from: '2027-03-25', to: '2027-03-25' });
    const emmas = await joined(demo.emma.id, { from: '2027-03-25', to: '2027-03-25' });
    const otherHold = await t.http.post('/holds', staff, { appointmentTypeId: demo.consultation.id, doctorId: demo.richter.id, patientId: demo.mia.id, roomId: demo.room2.id, start: '2027-03-26T10:00:00+01:00' });
    expect(otherHold.status).toBe(201);
    await cancel(appointmentId);
    const offered = await offeredTo(miasEntry);

    expect((await t.http.request('DELETE', `/patients/${demo.mia.id}`, { token: t.tokenFor({ role: 'admin' }) })).status).toBe(204);
    expect((await entry(miasEntry)).body.status).toBe('cancelled');
    expect((await t.http.get(`/holds/${offered.offer.holdId}`, staff)).body.status).toBe('released');
    expect((await t.http.get(`/holds/${otherHold.body.id}`, staff)).body.status).toBe('released');
    expect((await offeredTo(emmas)).offer).toMatchObject({ start: offered.offer.start, doctorId: offered.offer.doctorId });
    expect((await leave(emmas)).status).toBe(204);
  });

  it("leaves an offer's hold to the waitlist: the holds API refuses it (409), a block over it closes the offer, and the patient may join again", async () => {
    const appointmentId = await booked('2027-03-29T09:00:00+02:00');
    const lukasEntry = await joined(demo.lukas.id, { from: '2027-03-29', to: '2027-03-29' });
    const emmas = await joined(demo.emma.id, { from: '2027-03-29', to: '2027-03-29' });
    await cancel(appointmentId);
    const { offer } = await offeredTo(lukasEntry);

    await expectWritesNothing(t.dataSource, async () => {
      for (const token of [patient(demo.lukas.id), staff]) {
        const released = await t.http.request('DELETE', `/holds/${offer.holdId}`, { token });
        expectProblem(released, 409, 'hold-is-waitlist-offer');
        expect(released.body.waitlistEntryId).toBe(lukasEntry);
      }
      const slot = { ...bookingBody({ patientId: demo.lukas.id, start: '2027-03-29T09:00:00+02:00' }), holdId: offer.holdId };
      expectProblem(await t.http.post('/appointments', patient(demo.lukas.id), slot), 409, 'hold-is-waitlist-offer');
      // Another patient still does not find the hold at all.
      expectProblem(await t.http.request('DELETE', `/holds/${offer.holdId}`, { token: patient(demo.emma.id) }), 404, 'hold-not-found');
    });
    expect((await entry(lukasEntry)).body).toMatchObject({ status: 'offered', offer });

    const timeOff = await t.http.post(`/doctors/${offer.doctorId}/time-off`, t.tokenFor({ role: 'admin' }), {
      start: '2027-03-29T08:00:00+02:00',
      end: '2027-03-29T12:00:00+02:00',
      reason: 'Training',
      cancelAppointments: true,
    });
    expect(timeOff.status).toBe(201);
    expect((await t.http.get(`/holds/${offer.holdId}`, staff)).body.status).toBe('released');
    await eventually(async () => expect((await entry(lukasEntry)).body.status).toBe('expired'));
    expect((await entry(lukasEntry)).body.offer).toBeUndefined();
    expect(await count('WaitlistOfferExpired', `aggregate_id = $2`, [lukasEntry])).toBe(1);
    expect((await entry(emmas)).body.status).toBe('waiting');
    expectProblem(await leave(lukasEntry), 409, 'waitlist-entry-closed');

    const again = await joined(demo.lukas.id, { from: '2027-03-29', to: '2027-03-30' });
    expect((await leave(again)).status).toBe(204);
    expect((await leave(emmas)).status).toBe(204);
  });

  // Last: it moves the clock past the offers' expiry and the windows.
  it('expires an unanswered offer with its hold (410 to accept), offers the slot to the next entry, and shows a window that has passed as expired', async () => {
    const appointmentId = await booked('2027-03-24T09:00:00+01:00');
    const sofias = await joined(sofia.id, { from: '2027-03-24', to: '2027-03-24' });
    const eliases = await joined(elias.id, { from: '2027-03-24', to: '2027-03-24' });
    await cancel(appointmentId);
    const offered = await offeredTo(sofias);

    t.clock.set(offered.offer.expiresAt);
    // From expiresAt on the entry reads expired, before the hold's timer and the process have caught up.
    const read = await entry(sofias);
    expect(read.body.status).toBe('expired');
    expect(read.body.offer).toBeUndefined();
    expectProblem(await accept(sofias, patient(sofia.id)), 410, 'offer-expired');
    await eventually(async () => expect((await entry(sofias)).body.status).toBe('expired'));
    const next = await offeredTo(eliases);
    expect(next.offer).toMatchObject({ start: '2027-03-24T08:00:00.000Z', expiresAt: new Date(Date.parse(offered.offer.expiresAt) + OFFER_TTL_SECONDS * 1000).toISOString() });
    expect(await count('HoldExpired', `aggregate_id = $2`, [offered.offer.holdId])).toBe(1);
    expect(await count('WaitlistOfferExpired', `aggregate_id = $2`, [sofias])).toBe(1);
    expect((await accept(eliases, patient(elias.id))).status).toBe(201);

    const waiting = await joined(sofia.id, { from: '2027-03-25', to: '2027-03-26' });
    t.clock.set('2027-03-27T08:00:00Z');
    expect((await entry(waiting)).body.status).toBe('expired');
  });
});
