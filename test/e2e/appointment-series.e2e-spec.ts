import { DEMO_CLINIC } from '../../src/database/demo-data';
import { afterWrite, bookingBody, demo, seriesBody } from '../support/demo';
import { expectWritesNothing } from '../support/hostile-input';
import { HttpResponse } from '../support/http-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('Appointment series over HTTP', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let mia: string;
  let emma: string;

  const expectProblem = (response: HttpResponse, status: number, code: string) => {
    expect({ status: response.status, type: response.body?.type }).toEqual({ status, type: `/problems/${code}` });
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  };
  const eventsOf = (type: string) => t.dataSource.query(`select aggregate_id, transaction_id::text as tx, data from events where event_type = $1 order by position`, [type]);

  beforeAll(async () => {
    // A series counts as one booking toward the limit, so two is enough room for one series and one more booking.
    t = await startTestApp({ env: { PATIENT_MAX_FUTURE_BOOKINGS: '2' } });
    admin = t.tokenFor({ role: 'admin' });
    staff = t.tokenFor({ role: 'staff' });
    mia = t.tokenFor({ role: 'patient', patientId: demo.mia.id });
    emma = t.tokenFor({ role: 'patient', patientId: demo.emma.id });
  });
  afterAll(() => t.close());

  it('books every occurrence at 09:00 Berlin time across the end of summer time (201), each an appointment with the seriesId', async () => {
    const booked = await t.http.post('/appointment-series', mia, seriesBody());
    expect(booked.status).toBe(201);
    const seriesId: string = booked.body.id;
    expect(booked.headers.get('location')).toBe(`/appointment-series/${seriesId}`);
    expect(Object.keys(booked.body).sort()).toEqual(['appointments', 'id']);
    const appointments: Array<Record<string, unknown>> = booked.body.appointments;
    expect(appointments.map(({ start }) => start)).toEqual(['2027-10-18T07:00:00.000Z', '2027-10-25T07:00:00.000Z', '2027-11-01T08:00:00.000Z', '2027-11-08T08:00:00.000Z']);
    for (const appointment of appointments) {
      expect(appointment).toMatchObject({
        status: 'booked',
        seriesId,
        doctorId: demo.weber.id,
        patientId: demo.mia.id,
        title: 'Knee physiotherapy',
        version: 1,
        doctor: { id: demo.weber.id, name: demo.weber.name },
        appointmentType: { id: demo.consultation.id, name: demo.consultation.name },
      });
    }
    const [series] = await eventsOf('AppointmentSeriesBooked');
    // The title is the patient's personal data: sealed with the patient's key in the log, as on the appointments.
    expect(JSON.stringify(series.data.title)).not.toContain('Knee physiotherapy');
    expect(series.data).toMatchObject({ seriesId, patientId: demo.mia.id, localTime: '09:00', timezone: 'Europe/Berlin' });
    const created = await t.dataSource.query(`select transaction_id::text as tx from events where event_type = 'AppointmentCreated' and data->>'seriesId' = $1`, [seriesId]);
    expect(created).toHaveLength(4);
    expect(new Set(created.map(({ tx }: { tx: string }) => tx))).toEqual(new Set([series.tx]));
    expect(await t.dataSource.query(`select count(*)::int as n from reservations where series_id = $1`, [seriesId])).toEqual([{ n: 4 }]);

    const one = await t.http.get(`/appointments/${appointments[2].id as string}`, mia, afterWrite(booked));
    expect(one.body).toMatchObject({ id: appointments[2].id, seriesId });
    const listed = await t.http.get(`/appointments?seriesId=${seriesId}`, staff, afterWrite(booked));
    expect(listed.body.items.map(({ id }: { id: string }) => id)).toEqual(appointments.map(({ id }) => id));
    const read = await t.http.get(`/appointment-series/${seriesId}`, mia, afterWrite(booked));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: seriesId,
      doctorId: demo.weber.id,
      patientId: demo.mia.id,
      title: 'Knee physiotherapy',
      timezone: 'Europe/Berlin',
      localTime: '09:00',
      recurrence: { frequency: 'weekly', interval: 1, count: 4, until: null },
      cancelledAppointmentIds: [],
    });
    expect(read.body.appointments.map(({ id, status }: { id: string; status: string }) => ({ id, status }))).toEqual(appointments.map(({ id }) => ({ id, status: 'booked' })));

    // The series counts as one booking: Mia may book one more (the limit is 2), not a third.
    expect((await t.http.post('/appointments', mia, bookingBody({ start: '2027-03-22T09:00:00+01:00' }))).status).toBe(201);
    expectProblem(await t.http.post('/appointments', mia, bookingBody({ start: '2027-03-22T10:00:00+01:00' })), 422, 'too-many-future-bookings');
    const third = await t.http.post('/appointment-series', mia, seriesBody({ start: '2027-10-19T09:00:00+02:00' }));
    expectProblem(third, 422, 'too-many-future-bookings');
  });

  it('refuses with 409 listing every occurrence in the way, a time off among them, and books nothing', async () => {
    const single = await t.http.post('/appointments', staff, bookingBody({ patientId: demo.lukas.id, roomId: demo.room2.id, start: '2027-05-10T09:00:00+02:00' }));
    expect(single.status).toBe(201);
    const timeOff = await t.http.post(`/doctors/${demo.weber.id}/time-off`, admin, { start: '2027-05-24T00:00:00+02:00', end: '2027-05-25T00:00:00+02:00', reason: 'Conference' });
    expect(timeOff.status).toBe(201);

    let refused: HttpResponse | undefined;
    await expectWritesNothing(t.dataSource, async () => {
      refused = await t.http.post('/appointment-series', staff, seriesBody({ patientId: demo.emma.id, start: '2027-05-03T09:00:00+02:00', recurrence: { frequency: 'weekly', count: 5 } }));
    });
    expectProblem(refused as HttpResponse, 409, 'series-occurrences-taken');
    expect(refused?.body.conflicts).toEqual([
      { start: '2027-05-10T07:00:00.000Z', end: '2027-05-10T07:20:00.000Z', blockedBy: 'doctor', reason: `Doctor ${demo.weber.name} is booked` },
      {
        start: '2027-05-24T07:00:00.000Z',
        end: '2027-05-24T07:20:00.000Z',
        blockedBy: 'time-off',
        reason: `Time off of Doctor ${demo.weber.name}, 2027-05-24 00:00 to 2027-05-25 00:00 (Europe/Berlin)`,
      },
    ]);
  });

  it('refuses with 422 listing every occurrence outside the hours in force on its date, and books nothing', async () => {
    const changed = await t.http.request('PUT', `/doctors/${demo.richter.id}/working-hours`, {
      token: admin,
      body: { effectiveFrom: '2027-06-14', workingHours: { wed: [['09:00', '13:00']] } },
    });
    expect(changed.status).toBe(200);
    let refused: HttpResponse | undefined;
    await expectWritesNothing(t.dataSource, async () => {
      refused = await t.http.post('/appointment-series', staff, seriesBody({ doctorId: demo.richter.id, patientId: demo.emma.id, start: '2027-06-07T09:00:00+02:00', recurrence: { frequency: 'weekly', until: '2027-06-21' } }));
    });
    expectProblem(refused as HttpResponse, 422, 'series-outside-working-hours');
    expect(refused?.body.outsideHours).toEqual([
      { start: '2027-06-14T07:00:00.000Z', end: '2027-06-14T07:20:00.000Z' },
      { start: '2027-06-21T07:00:00.000Z', end: '2027-06-21T07:20:00.000Z' },
    ]);
  });

  it('cancels from a date on in one transaction with the series event, and keeps another patient out (404)', async () => {
    const booked = await t.http.post('/appointment-series', staff, seriesBody({ patientId: demo.emma.id, roomId: demo.room2.id, start: '2027-09-06T11:00:00+02:00', recurrence: { frequency: 'weekly', interval: 2, count: 4 } }));
    expect(booked.status).toBe(201);
    const seriesId: string = booked.body.id;
    const ids: string[] = booked.body.appointments.map(({ id }: { id: string }) => id);
    expect(booked.body.appointments.map(({ start }: { start: string }) => start)).toEqual(['2027-09-06T09:00:00.000Z', '2027-09-20T09:00:00.000Z', '2027-10-04T09:00:00.000Z', '2027-10-18T09:00:00.000Z']);

    for (const path of [`/appointment-series/${seriesId}`, `/appointment-series/${ids[0]}`]) {
      expectProblem(await t.http.get(path, mia), 404, path.endsWith(seriesId) ? 'appointment-series-not-found' : 'not-found');
    }
    await expectWritesNothing(t.dataSource, async () => {
      expectProblem(await t.http.post(`/appointment-series/${seriesId}/cancel`, mia, { reason: 'Not mine' }), 404, 'appointment-series-not-found');
    });

    const cancelled = await t.http.post(`/appointment-series/${seriesId}/cancel`, emma, { reason: 'Treatment finished early', from: '2027-09-21' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ id: seriesId, from: '2027-09-21', reason: 'Treatment finished early', cancelledAppointmentIds: [ids[2], ids[3]] });
    const [seriesCancelled] = await eventsOf('AppointmentSeriesCancelled');
    const occurrencesCancelled = await t.dataSource.query(`select aggregate_id, transaction_id::text as tx, data->>'reason' as reason from events where event_type = 'AppointmentCancelled' and aggregate_id = any($1::uuid[])`, [ids]);
    expect(occurrencesCancelled.map(({ aggregate_id, tx }: { aggregate_id: string; tx: string }) => ({ aggregate_id, tx }))).toEqual([
      { aggregate_id: ids[2], tx: seriesCancelled.tx },
      { aggregate_id: ids[3], tx: seriesCancelled.tx },
    ]);
    expect(await t.dataSource.query(`select reserved_by from reservations where series_id = $1 order by lower(span)`, [seriesId])).toEqual([{ reserved_by: ids[0] }, { reserved_by: ids[1] }]);

    const read = await t.http.get(`/appointment-series/${seriesId}`, staff, afterWrite(cancelled));
    expect(read.body.cancelledAppointmentIds).toEqual([ids[2], ids[3]]);
    expect(read.body.appointments.map(({ status }: { status: string }) => status)).toEqual(['booked', 'booked', 'cancelled', 'cancelled']);
    expect(read.body.appointments[2].cancellationReason).toBe('Treatment finished early');

    await expectWritesNothing(t.dataSource, async () => {
      expectProblem(await t.http.post(`/appointment-series/${seriesId}/cancel`, staff, { reason: 'Again', from: '2027-09-21' }), 422, 'series-nothing-to-cancel');
      expectProblem(await t.http.post(`/appointment-series/${seriesId}/cancel`, staff, { reason: 'Too late', from: '2027-02-28' }), 422, 'series-cancellation-retroactive');
    });
  });

  it('answers a repeated request with the same Idempotency-Key with the first response, booking once', async () => {
    const body = seriesBody({ patientId: demo.lukas.id, roomId: demo.treatmentRoom.id, start: '2027-04-05T14:00:00+02:00', recurrence: { frequency: 'weekly', count: 2 } });
    const first = await t.http.post('/appointment-series', staff, body, { 'idempotency-key': 'series-once' });
    expect(first.status).toBe(201);
    const again = await t.http.post('/appointment-series', staff, body, { 'idempotency-key': 'series-once' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await t.dataSource.query(`select count(*)::int as n from events where aggregate_id = $1`, [first.body.id])).toEqual([{ n: 1 }]);
    expectProblem(await t.http.post('/appointment-series', staff, { ...body, title: 'Other' }, { 'idempotency-key': 'series-once' }), 422, 'idempotency-key-reused');
  });

  it('refuses a patient booking a series for someone else (403), writing nothing', async () => {
    await expectWritesNothing(t.dataSource, async () => {
      expectProblem(await t.http.post('/appointment-series', emma, seriesBody({ start: '2027-08-02T09:00:00+02:00' })), 403, 'forbidden');
    });
  });

  it('refuses hostile and out-of-bounds input with 400 and writes nothing', async () => {
    const recurrences: Array<[string, string]> = [
      ['count 0', '{"frequency":"weekly","count":0}'],
      ['count 1e309', '{"frequency":"weekly","count":1e309}'],
      ['count as text', '{"frequency":"weekly","count":"5"}'],
      ['count 53', '{"frequency":"weekly","count":53}'],
      ['count 1.5', '{"frequency":"weekly","count":1.5}'],
      ['interval 0', '{"frequency":"weekly","interval":0,"count":3}'],
      ['until before the start', '{"frequency":"weekly","until":"2027-10-17"}'],
      ['until a year on', '{"frequency":"weekly","interval":4,"until":"2028-10-18"}'],
      ['until giving 53 occurrences', '{"frequency":"weekly","until":"2028-10-16"}'],
      ['until 2027-02-30', '{"frequency":"weekly","until":"2027-02-30"}'],
      ['count and until', '{"frequency":"weekly","count":3,"until":"2027-12-31"}'],
      ['neither count nor until', '{"frequency":"weekly"}'],
      ['count null', '{"frequency":"weekly","count":null}'],
      ['a daily frequency', '{"frequency":"daily","count":3}'],
      ['an unknown field', '{"frequency":"weekly","count":3,"byDay":"MO"}'],
      ['no object', '"weekly"'],
      ['an array', '[{"frequency":"weekly","count":3}]'],
    ];
    const { recurrence: _recurrence, ...rest } = seriesBody();
    const bodyText = JSON.stringify(rest).slice(0, -1);
    await expectWritesNothing(t.dataSource, async () => {
      for (const [name, recurrence] of recurrences) {
        const refused = await t.http.request('POST', '/appointment-series', { token: staff, rawBody: `${bodyText},"recurrence":${recurrence}}` });
        expect({ name, status: refused.status, type: refused.body?.type }).toEqual({ name, status: 400, type: '/problems/invalid-request' });
      }
      for (const body of [{ ...seriesBody(), seriesId: 'x' }, { ...seriesBody(), end: '2027-10-18T10:00:00+02:00' }, { ...seriesBody(), title: 'tab\u0007' }, { ...seriesBody(), start: '2027-10-18' }]) {
        expectProblem(await t.http.post('/appointment-series', staff, body), 400, 'invalid-request');
      }
      expectProblem(await t.http.post('/appointment-series/not-a-uuid/cancel', staff, { reason: 'x' }), 400, 'invalid-request');
      expectProblem(await t.http.post(`/appointment-series/${demo.mia.id}/cancel`, staff, { reason: 'x', from: '2027-13-01' }), 400, 'invalid-request');
      expectProblem(await t.http.post(`/appointment-series/${demo.mia.id}/cancel`, staff, { reason: 'x', extra: 1 }), 400, 'invalid-request');
      expectProblem(await t.http.post(`/appointment-series/${demo.mia.id}/cancel`, staff, { reason: 'x' }), 404, 'appointment-series-not-found');
    });
  });

  it('keeps 09:00 on the doctor clock across the start of summer time (28 March 2027)', async () => {
    const [, , haddad] = DEMO_CLINIC.doctors;
    const [, , , noah] = DEMO_CLINIC.patients;
    const booked = await t.http.post('/appointment-series', staff, seriesBody({ doctorId: haddad.id, patientId: noah.id, roomId: demo.room2.id, start: '2027-03-20T09:00:00+01:00', recurrence: { frequency: 'weekly', count: 3 } }));
    expect(booked.status).toBe(201);
    // Saturday 09:00 Berlin every week: 08:00 UTC, then 07:00 UTC once summer time starts on 28 March.
    expect(booked.body.appointments.map(({ start }: { start: string }) => start)).toEqual(['2027-03-20T08:00:00.000Z', '2027-03-27T08:00:00.000Z', '2027-04-03T07:00:00.000Z']);
  });
});
