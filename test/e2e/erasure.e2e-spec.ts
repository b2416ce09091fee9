import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DEVELOPMENT_JWT_SECRET } from '../../src/config/app-config';
import { signAccessToken } from '../../src/shared/auth/access-token';
import { AppProcess, startAppProcess } from '../support/app-process';
import { bookingBody, demo } from '../support/demo';
import { eventually } from '../support/eventually';
import { HttpClient } from '../support/http-client';
import { SmtpSink } from '../support/smtp-sink';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const REBUILD_CLI = join(__dirname, '..', '..', 'dist', 'cli', 'rebuild-projections.cli.js');

/** A marker in every free-text field the patient's data can reach. */
const MARKERS = {
  name: 'Zorbalinde Quaxmeyer',
  email: 'zorbalinde.quax@mail.example',
  phone: '+49 30 7771234',
  title: 'Quaxmeyer-Title-Marker',
  comment: 'Quaxmeyer-Comment-Marker',
  reason: 'Quaxmeyer-Reason-Marker',
};
const ALL_MARKERS = [...Object.values(MARKERS), 'Zorbalinde', 'Quaxmeyer', 'zorbalinde.quax', '7771234'];

/** Every row of every table of the database as text: what a dump of it would hold. */
async function dumpDatabase(db: Client): Promise<string> {
  const { rows: tables } = await db.query(`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  let dump = '';
  for (const { tablename } of tables) {
    const { rows } = await db.query(`select coalesce(string_agg(t::text, E'\\n'), '') as content from "${tablename}" t`);
    dump += `-- ${tablename}\n${rows[0].content}\n`;
  }
  return dump;
}

function markersIn(text: string): string[] {
  return ALL_MARKERS.filter((marker) => text.includes(marker));
}

describe('Erasure of a patient (crypto-shredding), real process', () => {
  let database: TestDatabase;
  let sink: SmtpSink;
  let app: AppProcess;
  let db: Client;
  let http: HttpClient;
  const admin = signAccessToken({ userId: 'admin-1', role: 'admin' }, DEVELOPMENT_JWT_SECRET);
  const staff = signAccessToken({ userId: 'desk-1', role: 'staff' }, DEVELOPMENT_JWT_SECRET);

  beforeAll(async () => {
    database = await createTestDatabase();
    sink = new SmtpSink();
    await sink.start();
    app = await startAppProcess({ DATABASE_URL: database.url, SMTP_URL: sink.url, LOG_LEVEL: 'debug', SNAPSHOT_EVERY: '2' });
    db = new Client({ connectionString: database.url });
    await db.connect();
    http = new HttpClient(app.baseUrl);
  });

  afterAll(async () => {
    app.child.kill('SIGKILL');
    await app.exited;
    await db.end();
    await sink.close();
    await database.drop();
  });

  it('leaves the history replayable and no trace of the patient anywhere, even after rebuilding every projection', async () => {
    const patient = (await http.post('/patients', admin, { name: MARKERS.name, email: MARKERS.email, phone: MARKERS.phone })).body;
    const send = async (path: string, body: unknown, headers?: Record<string, string>) => {
      const response = await http.post(path, staff, body, headers);
      expect({ path, status: response.status }).toEqual({ path, status: path === '/appointments' ? 201 : 200 });
      return response;
    };
    const first = (await send('/appointments', bookingBody({ patientId: patient.id, title: MARKERS.title }), { 'idempotency-key': 'erasure-1' })).body;
    await send(`/appointments/${first.id}/reassign`, { roomId: demo.room2.id, comment: MARKERS.comment });
    const second = (await send('/appointments', bookingBody({ patientId: patient.id, title: MARKERS.title, start: '2027-03-23T09:00:00+01:00' }))).body;
    const cancelled = await send(`/appointments/${second.id}/cancel`, { reason: MARKERS.reason });

    // Everything has reached the read tables and the mailbox.
    await eventually(async () => expect((await http.get(`/appointments/${second.id}`, staff, { 'x-min-position': cancelled.headers.get('x-event-position')! })).body.status).toBe('cancelled'));
    await eventually(() => expect(sink.to(MARKERS.email).length).toBeGreaterThanOrEqual(3));
    expect((await http.get(`/appointments/${first.id}`, staff)).body).toMatchObject({ title: MARKERS.title, patient: { name: MARKERS.name } });

    // Before erasure the free text is stored only sealed: no marker in plain in the log or the snapshots.
    const { rows: stored } = await db.query(`select string_agg(data::text, '') as events, (select string_agg(state::text, '') from snapshots) as snapshots from events`);
    expect(markersIn(stored[0].events)).toEqual([]);
    expect(stored[0].snapshots).toBeTruthy();
    expect(markersIn(stored[0].snapshots)).toEqual([]);

    expect((await http.request('DELETE', `/patients/${patient.id}`, { token: staff })).status).toBe(403);
    expect((await http.request('DELETE', `/patients/${patient.id}`, { token: admin })).status).toBe(204);
    // Sent again, an erasure finishes what an interrupted one left (here: nothing) and answers the same.
    expect((await http.request('DELETE', `/patients/${patient.id}`, { token: admin })).status).toBe(204);
    expect((await http.get(`/patients/${patient.id}`, admin)).status).toBe(404);

    // The streams still load and replay; what happened and when is still there.
    const history = await http.get(`/appointments/${second.id}/history`, staff);
    expect(history.status).toBe(200);
    expect(history.body.items.map((entry: { eventType: string }) => entry.eventType)).toEqual(['AppointmentCreated', 'AppointmentCancelled']);
    expect(history.body.items[1]).toMatchObject({ note: '[erased]', actor: { userId: 'desk-1' } });
    expect((await http.get(`/appointments/${second.id}?version=1`, staff)).body).toMatchObject({ status: 'booked', title: '[erased]' });
    // The upcoming appointment was cancelled by the erasure, through the ordinary command, after
    // the key was gone: its free text is never sealed with a fresh key, and the reason is the
    // erasure's own wording.
    expect((await http.get(`/appointments/${first.id}`, staff)).body).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'patient erased',
      title: '[erased]',
      patient: { id: patient.id, name: null },
    });
    const firstHistory = (await http.get(`/appointments/${first.id}/history`, staff)).body.items;
    expect(firstHistory.map((entry: { eventType: string }) => entry.eventType)).toEqual(['AppointmentCreated', 'AppointmentReassigned', 'AppointmentCancelled']);
    expect(firstHistory[2]).toMatchObject({ note: 'patient erased', actor: { userId: 'admin-1', role: 'admin' } });
    const { rows: keys } = await db.query(`select key, erased_at from personal_data_keys where subject_id = $1`, [patient.id]);
    expect(keys).toEqual([{ key: null, erased_at: expect.any(Date) }]);

    const rebuild = await promisify(execFile)(process.execPath, [REBUILD_CLI, 'all'], { env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'debug' } });
    expect(rebuild.stdout).toContain('appointment-details: rebuilt');
    await eventually(async () => expect((await http.get(`/appointments/${first.id}/history`, staff)).body.items).toHaveLength(3));

    const dump = await dumpDatabase(db);
    expect(dump).toContain('-- email_outbox');
    expect(dump).toContain('-- integration_events');
    // Leaking rows, if any, are listed in the failure.
    expect(dump.split('\n').filter((line) => markersIn(line).length > 0)).toEqual([]);
    expect(markersIn(app.output() + rebuild.stdout + rebuild.stderr)).toEqual([]);
  });
});
