import { DateTime } from 'luxon';
import { DEMO_CLINIC } from '../../../src/database/demo-data';
import { SubscriptionRunner } from '../../../src/event-store/subscriptions/subscription-runner';
import { Actor } from '../../../src/shared/auth/actor';
import { bookingBody } from '../../support/demo';
import { startTestApp, TestApp } from '../../support/test-app';
import { RawReply, RawRequest, send } from './raw-http';

/** The instant every run starts from: before every slot the tier books. */
export const BASE_NOW = '2027-03-01T08:00:00Z';

/** Jest's limit for starting the app of a property file (migrations included) on a busy machine. */
export const APP_START_TIMEOUT_MS = 120_000;

/** How long the read side may take to pass a command's events on this (shared, 2-core) machine. */
const READ_SIDE_DEADLINE_MS = 2000;

/**
 * The app for a property file: a real instance on a fresh database with the demo clinic, tuned
 * so that a poisoned event shows within a property's run: a failing event is retried three
 * times 10 ms apart before a projection stops or a notifier parks it, a stopped subscription is
 * looked at again every 50 ms, a read waits at most 300 ms for `minPosition`, and no caller is
 * rate limited.
 */
const ENV = {
  RATE_LIMIT_PER_MINUTE: '1000000',
  SUBSCRIPTION_MAX_ATTEMPTS: '3',
  SUBSCRIPTION_RETRY_BASE_MS: '10',
  SUBSCRIPTION_POLL_MS: '50',
  READ_WAIT_MS: '300',
};

/**
 * How long a worker that was mid-retry on a poisoned event, when the checkpoints were moved past
 * it, may still take to give that event up (its backoffs, doubling from the base) and to look at
 * its checkpoint again (a poll or two). Only after that is a passing read side known to stay so.
 */
const RETRIES_SETTLED_MS =
  Number(ENV.SUBSCRIPTION_RETRY_BASE_MS) * (2 ** Number(ENV.SUBSCRIPTION_MAX_ATTEMPTS) - 1) + 2 * Number(ENV.SUBSCRIPTION_POLL_MS);

const retriesSettled = () => new Promise((resolve) => setTimeout(resolve, RETRIES_SETTLED_MS));

/** Rows that only commands write: a refused command must leave every count as it was. */
export interface WriteCounts {
  events: number;
  snapshots: number;
  reservations: number;
  idempotency_keys: number;
  personal_data_keys: number;
  doctors: number;
  patients: number;
  rooms: number;
  appointment_types: number;
}

export interface BookedAppointment {
  id: string;
  start: string;
  end: string;
  position: number;
}

/** Working slots of Dr. Weber in Berlin (Mon-Fri 08:00-12:00, 13:00-17:00), 30 minutes apart. */
function* weberSlots(): Generator<DateTime> {
  for (let day = DateTime.fromISO('2027-03-22', { zone: 'Europe/Berlin' }); ; day = day.plus({ days: 1 })) {
    if (day.weekday > 5) continue;
    for (const hour of [8, 9, 10, 11, 13, 14, 15, 16]) {
      yield day.set({ hour, minute: 0 });
      yield day.set({ hour, minute: 30 });
    }
  }
}

export class ClinicUnderTest {
  private readonly slots = weberSlots();
  private bookings = 0;
  readonly subscriptions: string[];

  private constructor(readonly t: TestApp) {
    this.subscriptions = t.app.get(SubscriptionRunner).discovered().map((handler) => handler.options.name).sort();
  }

  static async start(): Promise<ClinicUnderTest> {
    const clinic = new ClinicUnderTest(await startTestApp({ now: BASE_NOW, env: ENV }));
    await clinic.startRun();
    return clinic;
  }

  close(): Promise<void> {
    return this.t.close();
  }

  /** A token for a new user each time: idempotency keys are per user, so runs never share them. */
  token(actor: Partial<Actor> & Pick<Actor, 'role'>): string {
    return this.t.tokenFor(actor);
  }

  send(request: RawRequest): Promise<RawReply> {
    return send(this.t.baseUrl, request);
  }

  async writeCounts(): Promise<WriteCounts> {
    const tables: Array<keyof WriteCounts> = ['events', 'snapshots', 'reservations', 'idempotency_keys', 'personal_data_keys', 'doctors', 'patients', 'rooms', 'appointment_types'];
    const [row] = await this.t.dataSource.query(`select ${tables.map((table) => `(select count(*)::int from ${table}) as ${table}`).join(', ')}`);
    return row;
  }

  async deadLetters(): Promise<number> {
    const [{ count }] = await this.t.dataSource.query(`select count(*)::int as count from dead_letters`);
    return count;
  }

  /** The newest position in the log (0 when empty). */
  async headPosition(): Promise<number> {
    const [{ head }] = await this.t.dataSource.query(`select coalesce(max(position), 0)::bigint as head from events`);
    return Number(head);
  }

  /**
   * Resolves once every subscription of the app has a running checkpoint at or past the event at
   * `position` (in commit order: the pair of transaction id and position); rejects with what
   * each one is doing if one stops, or if one is still behind READ_SIDE_DEADLINE_MS after the
   * event became readable (a subscription looping on an event never stops by itself).
   * Subscriptions read only events older than every running transaction of the PostgreSQL
   * server, other databases' included; while another test holds a transaction open the event
   * is not readable yet, and that wait (up to a minute) is not counted against the app.
   */
  async readSidePasses(position: number): Promise<void> {
    let deadline = Date.now() + READ_SIDE_DEADLINE_MS;
    const outerDeadline = Date.now() + 60_000;
    for (;;) {
      const rows: Array<{ name: string; status: string; position: string; failure: string | null; passed: boolean; readable: boolean }> = await this.t.dataSource.query(
        `select c.name, c.status, c.position, c.failure,
                (c.transaction_id, c.position) >= (e.transaction_id, e.position) as passed,
                e.transaction_id < pg_snapshot_xmin(pg_current_snapshot()) as readable
         from subscription_checkpoints c cross join (select transaction_id, position from events where position = $1) e
         order by c.name`,
        [position],
      );
      const missing = this.subscriptions.filter((name) => !rows.some((row) => row.name === name));
      const stopped = rows.filter((row) => row.status !== 'running');
      const behind = rows.filter((row) => !row.passed);
      const state = () => rows.map((row) => `${row.name}: ${row.status} at ${row.position}${row.failure ? ` (${row.failure})` : ''}`).join('; ');
      if (rows.length === 0) throw new Error(`No event at position ${position}`);
      if (stopped.length > 0) throw new Error(`A subscription stopped before passing position ${position}: ${state()}`);
      if (missing.length === 0 && behind.length === 0) return;
      const now = Date.now();
      if (!rows[0].readable && now < outerDeadline) deadline = now + READ_SIDE_DEADLINE_MS;
      if (now > deadline) {
        throw new Error(`Subscriptions still behind position ${position} ${READ_SIDE_DEADLINE_MS} ms after it became readable: ${[...missing.map((name) => `${name}: no checkpoint`), state()].join('; ')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Makes a run independent of the runs before it: the clock is back at BASE_NOW, and if an
   * earlier run left a subscription stopped or stuck on a poisoned event (that run failed and
   * says so), every checkpoint is moved past the end of the log so this run is judged on its
   * own input only. A shrinking fast-check replays inputs one after another; without this,
   * every input after the first poisoned one would fail too and shrink to nonsense.
   */
  async startRun(): Promise<void> {
    this.t.clock.set(BASE_NOW);
    const head = await this.headPosition();
    if (head === 0) return;
    try {
      await this.readSidePasses(head);
    } catch {
      const deadline = Date.now() + 10 * READ_SIDE_DEADLINE_MS;
      for (;;) {
        await this.t.dataSource.query(
          `update subscription_checkpoints c set transaction_id = e.transaction_id, position = e.position,
             status = 'running', failed_position = null, failure = null, updated_at = now()
           from (select transaction_id, position from events order by transaction_id desc, position desc limit 1) e`,
        );
        // A worker may still be retrying the poisoned event and stop again: look twice.
        await retriesSettled();
        try {
          await this.readSidePasses(head);
          await retriesSettled();
          await this.readSidePasses(head);
          return;
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`The read side could not be restored after an earlier run poisoned it: ${(error as Error).message}`, { cause: error });
        }
      }
    }
  }

  /**
   * Books a fresh appointment (Dr. Weber, room 1, one of five patients) in the next free slot,
   * and waits until the read side has it. Slots a generated request took are skipped.
   */
  async book(): Promise<BookedAppointment> {
    const token = this.token({ role: 'staff' });
    const patients = DEMO_CLINIC.patients.slice(0, 5);
    for (let attempt = 0; attempt < 50; attempt++) {
      const start = this.nextSlot();
      const body = bookingBody({ start, patientId: patients[this.bookings++ % patients.length].id, title: 'Check-up' });
      const reply = await this.send({ method: 'POST', target: '/appointments', token, body: JSON.stringify(body) });
      if (reply.status === 409) continue;
      // Any success will do for a run's setup; the properties on POST /appointments judge its status.
      if (reply.status < 200 || reply.status > 299 || typeof reply.json?.id !== 'string') {
        throw new Error(`Booking a fresh appointment at ${start} answered ${reply.status}: ${reply.text.slice(0, 300)}`);
      }
      const position = Number(reply.headers.get('x-event-position'));
      await this.readSidePasses(position);
      return { id: reply.json.id, start: reply.json.start, end: reply.json.end, position };
    }
    throw new Error('No free slot found for a fresh appointment');
  }

  /** The next of Dr. Weber's slots no run has used, as ISO text with its Berlin offset. */
  nextSlot(): string {
    return this.slots.next().value!.toISO({ suppressMilliseconds: true })!;
  }
}
