import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { APPOINTMENT_AGGREGATE_TYPE, APPOINTMENT_EVENT_CLASSES, AppointmentEvent } from '../../src/appointments/domain/appointment.events';
import { HOLD_AGGREGATE_TYPE, HOLD_EVENTS, HoldEvent } from '../../src/appointments/domain/hold.events';
import { WAITLIST_AGGREGATE_TYPE, WAITLIST_EVENTS, WaitlistEvent } from '../../src/waitlist/domain/waitlist.events';
import { isScheduleEventType, SCHEDULE_AGGREGATE_OF, SCHEDULE_EVENT_CLASSES, ScheduleEvent } from '../../src/schedules/domain/schedule.events';
import { blockIdOf, isBlockEvent } from '../../src/schedules/read-side/schedule-block';
import { EventStore } from '../../src/event-store/event-store';
import { CommitPoint, EventMetadata, StoredEvent } from '../../src/event-store/stored-event';
import { ProjectionRebuilder } from '../../src/event-store/subscriptions/projection-rebuilder';
import { eventually } from './eventually';
import { startTestApp, TestApp } from './test-app';
import { createTestDatabase, TestDatabase } from './test-database';

/** Runs one SQL statement on the test database. */
export type Query = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** An event a specification appends: an appointment's, a schedule's, a slot hold's or a waitlist entry's. */
export type SpecEvent = AppointmentEvent | ScheduleEvent | HoldEvent | WaitlistEvent;

/**
 * Where an event goes: its stream (an appointment's; a doctor's schedule, a closure's or a room
 * block's) and the record whose rows the specification reads back (the appointment, the block,
 * or for working hours the doctor).
 */
function placeOf(event: SpecEvent): { aggregateId: string; aggregateType: string; schemaVersion: number; subjectId: string } {
  if (isHoldEvent(event)) {
    const { holdId } = event.data;
    return { aggregateId: holdId, aggregateType: HOLD_AGGREGATE_TYPE, schemaVersion: HOLD_EVENTS.classes[event.type].schemaVersion, subjectId: holdId };
  }
  if (isWaitlistEvent(event)) {
    const { entryId } = event.data;
    return { aggregateId: entryId, aggregateType: WAITLIST_AGGREGATE_TYPE, schemaVersion: WAITLIST_EVENTS.classes[event.type].schemaVersion, subjectId: entryId };
  }
  if (!isScheduleEvent(event)) {
    const { appointmentId } = event.data;
    return { aggregateId: appointmentId, aggregateType: APPOINTMENT_AGGREGATE_TYPE, schemaVersion: APPOINTMENT_EVENT_CLASSES[event.type].schemaVersion, subjectId: appointmentId };
  }
  const subjectId = isBlockEvent(event) ? blockIdOf(event) : event.data.doctorId;
  // A doctor's time off and working hours share the doctor's stream; a closure or room block has its own.
  const aggregateId = 'doctorId' in event.data ? event.data.doctorId : subjectId;
  return { aggregateId, aggregateType: SCHEDULE_AGGREGATE_OF[event.type], schemaVersion: SCHEDULE_EVENT_CLASSES[event.type].schemaVersion, subjectId };
}

function isScheduleEvent(event: SpecEvent): event is ScheduleEvent {
  return isScheduleEventType(event.type);
}

function isHoldEvent(event: SpecEvent): event is HoldEvent {
  return HOLD_EVENTS.has(event.type);
}

function isWaitlistEvent(event: SpecEvent): event is WaitlistEvent {
  return WAITLIST_EVENTS.has(event.type);
}

/** Events appended in one transaction, in this order (several streams may interleave). */
export interface Transaction {
  readonly together: readonly SpecEvent[];
}

/** Appends `events` in one transaction, as a command that writes several streams at once does. */
export function inOneTransaction(...events: SpecEvent[]): Transaction {
  return { together: events };
}

/** A step of a specification: one event in its own transaction (as one command appends it), or several together. */
export type Step = SpecEvent | Transaction;

/** The events a specification appended, as the store handed them back. */
export interface Appended {
  /** The stored form of an event the specification appended (its position, id, metadata). */
  of(event: SpecEvent): StoredEvent;
}

/** A change to the rows made outside the projection, through SQL. */
export type Meanwhile = (query: Query) => Promise<unknown>;

export type Expectation<Row> = Row[] | ((rows: Row[], appended: Appended) => void | Promise<void>);

export interface ProjectionSpecOptions<Row> {
  /** The subscription that writes the rows, which is also the name of its checkpoint. */
  subscription: string;
  /** Reads the rows under test of the given appointments (or blocks), in a stable order, as plain values. */
  rows(query: Query, appointmentIds: readonly string[]): Promise<Row[]>;
  /** Configuration of the application under test (e.g. fewer retries before a stop). */
  env?: Record<string, string>;
}

/** The actor every appended event is recorded for. */
/** Settings under which a projection gives an event up after two quick attempts: specs of failures wait milliseconds, not seconds. */
export const GIVES_UP_QUICKLY = { SUBSCRIPTION_MAX_ATTEMPTS: '2', SUBSCRIPTION_RETRY_BASE_MS: '5' };

export const SPEC_ACTOR: EventMetadata['actor'] = { userId: 'front-desk-1', role: 'staff' };

const CHECKPOINT_TIMEOUT_MS = 15_000;

type WhenStep = { kind: 'append'; steps: Step[] } | { kind: 'delivered-again' } | { kind: 'rebuilt' };

const eventsOf = (steps: readonly Step[]): SpecEvent[] => steps.flatMap((step) => ('together' in step ? [...step.together] : [step]));

/**
 * Given/when/then specifications of a projection on real PostgreSQL, in the spirit of Emmett's
 * `given([...]).when([event]).then(...)`: events go in through the application's EventStore,
 * exactly as commands append them, and rows come out through SQL. Between the two runs the
 * application's own subscription machinery (its worker, its checkpoint and the transaction
 * that moves the checkpoint with the rows), so nothing here depends on how a projection is
 * written, only on its subscription name and its tables.
 *
 * One application and one fresh database (migrated, demo clinic loaded) serve every
 * specification of a file: each specification uses appointments of its own, and `then` reads
 * only the rows of the appointments its events name.
 */
export class ProjectionSpec<Row> {
  private database: TestDatabase | null = null;
  private current: TestApp | null = null;

  constructor(private readonly options: ProjectionSpecOptions<Row>) {}

  async start(): Promise<void> {
    this.database = await createTestDatabase();
    this.current = await this.startApp(this.database);
  }

  async stop(): Promise<void> {
    await this.current?.close();
    await this.database?.drop();
    this.current = null;
    this.database = null;
  }

  /** The running application, for the rare given that is not an event (e.g. a reminder already sent). */
  get app(): TestApp {
    if (!this.current) throw new Error('The projection specification is not started (call start() in beforeAll)');
    return this.current;
  }

  /** Runs one statement on the test database. */
  query: Query = (sql, params = []) => this.app.dataSource.query(sql, params);

  /** Events that already happened, each step committed (and projected) before the `when`. */
  given(...steps: Step[]): Given<Row> {
    return new Given(this, steps);
  }

  /**
   * Appends the steps in order, each in its own transaction (or one for a Transaction), and
   * returns the commit point of the last event appended.
   */
  async append(steps: readonly Step[], appended: Map<SpecEvent, StoredEvent>): Promise<CommitPoint | null> {
    const store = this.app.app.get(EventStore);
    let last: CommitPoint | null = null;
    for (const step of steps) {
      const events = 'together' in step ? step.together : [step];
      const metadata: EventMetadata = { correlationId: randomUUID(), causationId: randomUUID(), actor: SPEC_ACTOR, requestId: null };
      await this.app.dataSource.transaction(async (db) => {
        for (const event of events) {
          const { aggregateId, aggregateType, schemaVersion } = placeOf(event);
          const stream = { aggregateId, aggregateType };
          const version = (await store.readStream(stream.aggregateId, {}, db)).length;
          const newEvent = { eventId: randomUUID(), type: event.type, schemaVersion, data: event.data };
          const [stored] = (await store.append(db, stream, version, [newEvent], metadata)).events;
          appended.set(event, stored);
          last = { transactionId: stored.transactionId, position: stored.position };
        }
      });
    }
    return last;
  }

  /**
   * Waits until the subscription has committed its checkpoint at or past `point` in commit
   * order; a subscription that stopped meanwhile fails at once with its reported failure.
   */
  async caughtUpWith(point: CommitPoint): Promise<void> {
    const failure = await eventually(async () => {
      const row = (
        await this.query(
          `select status, failure, (transaction_id, position) >= ($2::xid8, $3::bigint) as passed
           from subscription_checkpoints where name = $1`,
          [this.options.subscription, point.transactionId, point.position],
        )
      ).at(0);
      if (row?.status === 'stopped') return String(row.failure);
      if (!row?.passed) throw new Error(`${this.options.subscription} has not passed position ${point.position} within ${CHECKPOINT_TIMEOUT_MS} ms`);
      return null;
    }, CHECKPOINT_TIMEOUT_MS);
    if (failure !== null) throw new Error(`${this.options.subscription} stopped: ${failure}`);
  }

  /** Waits until the subscription stopped, and returns where and why. */
  async stopped(): Promise<{ failedPosition: number; failure: string }> {
    return eventually(async () => {
      const row = (await this.query(`select status, failed_position, failure from subscription_checkpoints where name = $1`, [this.options.subscription])).at(0);
      if (row?.status !== 'stopped') throw new Error(`${this.options.subscription} did not stop`);
      return { failedPosition: Number(row.failed_position), failure: String(row.failure) };
    }, CHECKPOINT_TIMEOUT_MS);
  }

  /**
   * Delivers the whole log to the subscription again, as after a crash between its effect and
   * its checkpoint: the application stops, the checkpoint goes back to the start of the log and
   * a new application resumes from there.
   */
  async deliverAgain(): Promise<CommitPoint | null> {
    const database = this.database!;
    await this.current!.close();
    this.current = null;
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(`update subscription_checkpoints set transaction_id = '0', position = 0 where name = $1`, [this.options.subscription]);
      const { rows } = await client.query(`select transaction_id::text as transaction_id, position from events order by transaction_id desc, position desc limit 1`);
      this.current = await this.startApp(database);
      return rows[0] ? { transactionId: rows[0].transaction_id, position: Number(rows[0].position) } : null;
    } finally {
      await client.end();
    }
  }

  /** Rebuilds the projection's tables from the log (the rebuild CLI's path) while the application runs. */
  async rebuild(): Promise<void> {
    await this.app.app.get(ProjectionRebuilder).rebuild(this.options.subscription);
  }

  rowsOf(events: readonly SpecEvent[]): Promise<Row[]> {
    return this.options.rows(this.query, [...new Set(events.map((event) => placeOf(event).subjectId))]);
  }

  private startApp(database: TestDatabase): Promise<TestApp> {
    return startTestApp({ database, env: this.options.env });
  }
}

/** What happened before: appended and projected first, then the `when`. */
export class Given<Row> {
  private readonly meanwhile: Meanwhile[] = [];

  constructor(
    private readonly spec: ProjectionSpec<Row>,
    private readonly steps: Step[],
  ) {}

  /**
   * A change to the rows by someone other than the projection, made once the given events are
   * projected (e.g. the reminder dispatcher marking a reminder sent).
   */
  andMeanwhile(change: Meanwhile): this {
    this.meanwhile.push(change);
    return this;
  }

  /** The events under test, appended after the given ones are projected. */
  when(...steps: Step[]): Then<Row> {
    return this.next({ kind: 'append', steps });
  }

  /** The subscription is handed every event of the log again (see ProjectionSpec.deliverAgain). */
  whenDeliveredAgain(): Then<Row> {
    return this.next({ kind: 'delivered-again' });
  }

  /** The projection is rebuilt from the log (see ProjectionRebuilder). */
  whenRebuilt(): Then<Row> {
    return this.next({ kind: 'rebuilt' });
  }

  /** Only the given events: what they alone leave in the rows. */
  then(expectation: Expectation<Row>, awaitedWithoutThen?: (reason: unknown) => void): Promise<void> {
    return this.next({ kind: 'append', steps: [] }).then(expectation, awaitedWithoutThen);
  }

  private next(step: WhenStep): Then<Row> {
    return new Then(this.spec, this.steps, [...this.meanwhile], step);
  }
}

/** The outcome: every `then` first waits until the subscription has passed the last event. */
export class Then<Row> {
  constructor(
    private readonly spec: ProjectionSpec<Row>,
    private readonly given: Step[],
    private readonly meanwhile: readonly Meanwhile[],
    private readonly step: WhenStep,
  ) {}

  /**
   * The rows of the appointments named by the events are exactly `expected` (or pass the check).
   * Named like Emmett's, this makes a specification a thenable: one awaited (or returned to
   * jest) without any then* call is refused, rather than passing without asserting anything.
   */
  then(expectation: Expectation<Row>, awaitedWithoutThen?: (reason: unknown) => void): Promise<void> {
    if (awaitedWithoutThen) {
      awaitedWithoutThen(new Error('A projection specification must end with then(...), thenNoRow(), thenGone(), thenUnchanged() or thenStopped(...)'));
      return Promise.resolve();
    }
    return this.check(expectation);
  }

  private async check(expectation: Expectation<Row>): Promise<void> {
    const { rows, appended } = await this.run();
    if (typeof expectation === 'function') await expectation(rows, appended);
    else expect(rows).toEqual(expectation);
  }

  /** The appointments named by the events have no row. */
  thenNoRow(): Promise<void> {
    return this.then([]);
  }

  /** The given events left rows, and the `when` removed every one of them. */
  async thenGone(): Promise<void> {
    if (this.step.kind !== 'append' || this.step.steps.length === 0) throw new Error('thenGone needs events in the when');
    const appended = new Map<SpecEvent, StoredEvent>();
    await this.projectGiven(appended);
    expect((await this.spec.rowsOf(eventsOf(this.given))).length).toBeGreaterThan(0);
    await this.runWhen(appended);
    expect(await this.spec.rowsOf(eventsOf([...this.given, ...this.step.steps]))).toEqual([]);
  }

  /** The rows are exactly what they were after the given events (which must have left some). */
  async thenUnchanged(): Promise<void> {
    const appended = new Map<SpecEvent, StoredEvent>();
    await this.projectGiven(appended);
    const before = await this.spec.rowsOf(eventsOf(this.given));
    expect(before.length).toBeGreaterThan(0);
    await this.runWhen(appended);
    expect(await this.spec.rowsOf(eventsOf(this.given))).toEqual(before);
  }

  /**
   * The subscription stopped at the first event of the `when` rather than skip it (a projection
   * never guesses), reporting a failure that matches `failure`; rows are left as they were.
   * The subscription stays stopped: give such a specification a ProjectionSpec of its own.
   */
  async thenStopped(failure: RegExp): Promise<void> {
    if (this.step.kind !== 'append' || this.step.steps.length === 0) throw new Error('thenStopped needs events in the when');
    const appended = new Map<SpecEvent, StoredEvent>();
    await this.projectGiven(appended);
    const before = await this.spec.rowsOf(eventsOf([...this.given, ...this.step.steps]));
    await this.spec.append(this.step.steps, appended);
    const stopped = await this.spec.stopped();
    expect(stopped.failedPosition).toBe(appended.get(eventsOf(this.step.steps)[0])!.position);
    expect(stopped.failure).toMatch(failure);
    expect(await this.spec.rowsOf(eventsOf([...this.given, ...this.step.steps]))).toEqual(before);
  }

  private async run(): Promise<{ rows: Row[]; appended: Appended }> {
    const appended = new Map<SpecEvent, StoredEvent>();
    await this.projectGiven(appended);
    await this.runWhen(appended);
    const named = [...this.given, ...(this.step.kind === 'append' ? this.step.steps : [])];
    const rows = await this.spec.rowsOf(eventsOf(named));
    return {
      rows,
      appended: {
        of: (event) => {
          const stored = appended.get(event);
          if (!stored) throw new Error(`${event.type} of ${placeOf(event).subjectId} was not appended by this specification`);
          return stored;
        },
      },
    };
  }

  private async projectGiven(appended: Map<SpecEvent, StoredEvent>): Promise<void> {
    await this.project(this.given, appended);
    for (const change of this.meanwhile) await change(this.spec.query);
  }

  private async project(steps: readonly Step[], appended: Map<SpecEvent, StoredEvent>): Promise<void> {
    const last = await this.spec.append(steps, appended);
    if (last) await this.spec.caughtUpWith(last);
  }

  private async runWhen(appended: Map<SpecEvent, StoredEvent>): Promise<void> {
    switch (this.step.kind) {
      case 'append':
        return this.project(this.step.steps, appended);
      case 'delivered-again': {
        const end = await this.spec.deliverAgain();
        if (end) await this.spec.caughtUpWith(end);
        return;
      }
      case 'rebuilt':
        return this.spec.rebuild();
    }
  }
}

/** A specification of the projection fed by `options.subscription`; start it in beforeAll, stop it in afterAll. */
export function projectionSpec<Row>(options: ProjectionSpecOptions<Row>): ProjectionSpec<Row> {
  return new ProjectionSpec(options);
}
