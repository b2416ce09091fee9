import { afterWrite, bookingBody } from '../support/demo';
import { LocalIssuer, startOidcIssuer } from '../support/oidc-issuer';
import { startTestApp, TestApp } from '../support/test-app';

describe('people, not token ids, in the history', () => {
  let issuer: LocalIssuer;
  let t: TestApp;
  let staff: string;

  beforeAll(async () => {
    issuer = await startOidcIssuer();
    t = await startTestApp({ env: issuer.env, now: '2027-03-22T07:00:00Z' });
    staff = (await issuer.signInAs('greta.desk')).accessToken;
  });
  afterAll(async () => {
    await t.close();
    await issuer.close();
  });

  it("records each change's person (subject, role, display name) in the event metadata and shows it in the appointment's history", async () => {
    const booked = await t.http.post('/appointments', staff, bookingBody({ start: '2027-03-22T09:00:00+01:00' }));
    expect(booked.status).toBe(201);
    const doctor = (await issuer.signInAs('dr.weber')).accessToken;
    const checkedIn = await t.http.post(`/appointments/${booked.body.id}/check-in`, doctor);
    expect(checkedIn.status).toBe(200);

    const [created] = await t.dataSource.query(`select metadata from events where aggregate_id = $1 order by version limit 1`, [booked.body.id]);
    expect(created.metadata.actor).toEqual({ userId: 'greta.desk', role: 'staff', name: 'Greta Desk' });

    const history = await t.http.get(`/appointments/${booked.body.id}/history`, staff, afterWrite(checkedIn));
    expect(history.status).toBe(200);
    expect(history.body.items.map((entry: { eventType: string; actor: unknown }) => [entry.eventType, entry.actor])).toEqual([
      ['AppointmentCreated', { userId: 'greta.desk', role: 'staff', name: 'Greta Desk' }],
      ['AppointmentCheckedIn', { userId: 'dr.weber', role: 'doctor', name: 'Dr. Anna Weber' }],
    ]);
  });

  it("records no patient's name (a patient's personal data stays where erasure reaches it)", async () => {
    const patient = (await issuer.signInAs('mia.patient')).accessToken;
    const booked = await t.http.post('/appointments', patient, bookingBody({ start: '2027-03-23T10:00:00+01:00' }));
    expect(booked.status).toBe(201);
    const [created] = await t.dataSource.query(`select metadata from events where aggregate_id = $1`, [booked.body.id]);
    expect(created.metadata.actor).toEqual({ userId: 'mia.patient', role: 'patient' });
    const history = await t.http.get(`/appointments/${booked.body.id}/history`, staff, afterWrite(booked));
    expect(history.body.items[0].actor).toEqual({ userId: 'mia.patient', role: 'patient' });
  });

  it("shows the person in a closure's history", async () => {
    const admin = (await issuer.signInAs('adam.admin')).accessToken;
    const closure = await t.http.post('/closures', admin, { start: '2027-08-02T00:00:00+02:00', end: '2027-08-03T00:00:00+02:00', reason: 'Staff training' });
    expect(closure.status).toBe(201);
    const history = await t.http.get(`/closures/${closure.body.id}/history`, staff, afterWrite(closure));
    expect(history.body.items[0].actor).toEqual({ userId: 'adam.admin', role: 'admin', name: 'Adam Admin' });
  });
});
