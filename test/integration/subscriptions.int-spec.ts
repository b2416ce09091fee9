import { Injectable } from '@nestjs/common';
import { Client } from 'pg';
import { AppointmentDetailsProjection } from '../../src/appointments/details/appointment-details.projection';
import { AppointmentCreated } from '../../src/appointments/domain/appointment.events';
import { decodeAppointmentEvent } from '../../src/appointments/persistence/appointment-event.codec';
import { EventStore } from '../../src/event-store/event-store';
import { LOG_START } from '../../src/event-store/stored-event';
import { BatchDelivery, DeliveredEvent, DurableBatchHandler, DurableEventsHandler } from '../../src/event-store/subscriptions/durable-events-handler.decorator';
import { SubscriptionEntry } from '../../src/event-store/subscriptions/subscription-registry';
import { SubscriptionStatus } from '../../src/event-store/subscriptions/subscription-status';
import { SUBSCRIPTIONS } from '../../src/subscription-registry';
import { eventually } from '../support/eventually';
import { insertCreated } from '../support/raw-events';
import { startTestApp, TestApp } from '../support/test-app';

/** Records the titles of the AppointmentCreated events it is handed, in order. */
@Injectable()
@DurableEventsHandler({ name: 'recorder', events: [AppointmentCreated] })
class Recorder implements DurableBatchHandler<AppointmentCreated> {
  readonly titles: string[] = [];
  async handleBatch(events: ReadonlyArray<DeliveredEvent<AppointmentCreated>>): Promise<void> {
    for (const { event } of events) this.titles.push(event.data.title);
  }
}

const RECORDER: SubscriptionEntry = { name: 'recorder', feeds: [{ kind: 'push', target: 'the test, in memory' }], onFailure: 'park', rebuildable: false };

describe('Durable subscriptions on PostgreSQL', () => {
  let t: TestApp;
  let store: EventStore;
  const clients: Client[] = [];

  beforeAll(async () => {
    t = await startTestApp({ providers: [Recorder], subscriptions: [RECORDER], seed: false });
    store = t.app.get(EventStore);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await t.close();
  });

  async function connect(): Promise<Client> {
    const client = new Client({ connectionString: t.database.url });
    await client.connect();
    clients.push(client);
    return client;
  }

  const titlesAfter = async (from: { transactionId: string; position: number }) =>
    (await store.readInCommitOrder(from, 1000)).map((e) => (e.data as { title: string }).title);

  /** The end of the log, once every committed event is readable. */
  async function logEnd() {
    return eventually(async () => {
      const events = await store.readInCommitOrder(LOG_START, 100000);
      const [{ total }] = await t.dataSource.query('select count(*)::int as total from events');
      expect(events).toHaveLength(total);
      const last = events.at(-1);
      return last ? { transactionId: last.transactionId, position: last.position } : LOG_START;
    });
  }

  it('waits for a transaction that took its id first but commits last, then delivers both in commit-safe order', async () => {
    const from = await logEnd();
    const [a, b] = [await connect(), await connect()];
    await a.query('begin');
    await a.query('select pg_current_xact_id()');
    await b.query('begin');
    const [bSql, bParams] = insertCreated('gap-B');
    const bRow = (await b.query(bSql, bParams)).rows[0];
    await b.query('commit');

    // B is committed, but A (an older transaction) may still append: B is not readable yet.
    expect(await titlesAfter(from)).toEqual([]);

    const [aSql, aParams] = insertCreated('gap-A');
    const aRow = (await a.query(aSql, aParams)).rows[0];
    await a.query('commit');
    expect(Number(aRow.position)).toBeGreaterThan(Number(bRow.position));
    await eventually(async () => expect(await titlesAfter(from)).toEqual(['gap-A', 'gap-B']));

    await eventually(() => expect(t.app.get(Recorder).titles).toEqual(expect.arrayContaining(['gap-A', 'gap-B'])));
    const titles = t.app.get(Recorder).titles;
    expect(titles.indexOf('gap-A')).toBeLessThan(titles.indexOf('gap-B'));
  });

  it('never passes over an event whose position was drawn before a faster transaction', async () => {
    const from = await logEnd();
    const [slow, fast] = [await connect(), await connect()];
    await slow.query('begin');
    const [slowSql, slowParams] = insertCreated('early-position');
    await slow.query(slowSql, slowParams);
    await fast.query('begin');
    const [fastSql, fastParams] = insertCreated('late-position');
    await fast.query(fastSql, fastParams);
    await fast.query('commit');

    // A reader by position alone would deliver "late-position" now and skip the other forever.
    expect(await titlesAfter(from)).toEqual([]);
    await slow.query('commit');
    await eventually(async () => expect(await titlesAfter(from)).toEqual(['early-position', 'late-position']));
    await eventually(() => expect(t.app.get(Recorder).titles).toEqual(expect.arrayContaining(['early-position', 'late-position'])));
  });

  it('reads past the holes that rolled-back transactions leave in position', async () => {
    const from = await logEnd();
    const [rolledBack, committed] = [await connect(), await connect()];
    await rolledBack.query('begin');
    const [lostSql, lostParams] = insertCreated('rolled-back');
    const lost = (await rolledBack.query(lostSql, lostParams)).rows[0];
    await rolledBack.query('rollback');
    const [keptSql, keptParams] = insertCreated('after-the-hole');
    const kept = (await committed.query(keptSql, keptParams)).rows[0];
    expect(Number(kept.position)).toBeGreaterThan(Number(lost.position));
    await eventually(async () => expect(await titlesAfter(from)).toEqual(['after-the-hole']));
    await eventually(() => expect(t.app.get(Recorder).titles).toContain('after-the-hole'));
    expect(t.app.get(Recorder).titles).not.toContain('rolled-back');
  });

  it('changes nothing when a projection is handed an event it already applied', async () => {
    const [sql, params] = insertCreated('redelivered');
    const { position } = (await t.dataSource.query(sql, params))[0];
    // Readable once no older transaction (of any database on the server) is still running.
    const stored = await eventually(async () => {
      const [found] = (await store.readInCommitOrder(LOG_START, 100000)).filter((e) => e.position === Number(position));
      expect(found).toBeDefined();
      return found;
    });
    const read = () => t.dataSource.query(`select * from appointment_details where id = $1`, [(stored.data as { appointmentId: string }).appointmentId]);
    await eventually(async () => expect(await read()).toHaveLength(1));
    const before = await read();

    const projection = t.app.get(AppointmentDetailsProjection);
    await t.dataSource.transaction((db) =>
      projection.handleBatch([{ event: decodeAppointmentEvent(stored), stored }], { db, table: (name: string) => name, afterCommit: () => undefined }),
    );
    expect(await read()).toEqual(before);
    expect(before[0].history).toHaveLength(1);
  });

  it('reports each subscription lag in events and seconds', async () => {
    await eventually(async () => {
      const names = [SUBSCRIPTIONS.appointmentDetails, SUBSCRIPTIONS.doctorSchedule, 'recorder'];
      const lag = (await t.app.get(SubscriptionStatus).lag()).filter((l) => names.includes(l.name));
      expect(lag.map((l) => l.name)).toEqual(names);
      for (const subscription of lag) expect(subscription).toMatchObject({ status: 'running', eventsBehind: 0, secondsBehind: 0 });
    });
  });
});

/** A projection that cannot apply an event titled "poison". */
@Injectable()
@DurableEventsHandler({ name: 'fragile-projection', events: [AppointmentCreated] })
class FragileProjection implements DurableBatchHandler<AppointmentCreated> {
  async handleBatch(events: ReadonlyArray<DeliveredEvent<AppointmentCreated>>, { db }: BatchDelivery): Promise<void> {
    for (const { event } of events) {
      if (event.data.title === 'poison') throw new Error('cannot apply poison');
      await db.query('insert into test_read_table (title) values ($1)', [event.data.title]);
    }
  }
}

/** A notifier (its outbox is a table) that cannot send for an event titled "poison". */
@Injectable()
@DurableEventsHandler({ name: 'fragile-notifier', events: [AppointmentCreated] })
class FragileNotifier implements DurableBatchHandler<AppointmentCreated> {
  async handleBatch(events: ReadonlyArray<DeliveredEvent<AppointmentCreated>>, { db }: BatchDelivery): Promise<void> {
    for (const { event } of events) {
      // Written in the delivery's transaction: a failed attempt leaves nothing behind.
      await db.query('insert into test_outbox (title) values ($1)', [event.data.title]);
      if (event.data.title === 'poison') throw new Error('mail server refused poison');
    }
  }
}

const FRAGILE_SUBSCRIPTIONS: SubscriptionEntry[] = [
  { name: 'fragile-projection', feeds: [{ kind: 'read table', target: 'test_read_table' }], onFailure: 'stop', rebuildable: false },
  { name: 'fragile-notifier', feeds: [{ kind: 'outbox', target: 'test_outbox' }], onFailure: 'park', rebuildable: false },
];

describe('Failure policies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ providers: [FragileProjection, FragileNotifier], subscriptions: FRAGILE_SUBSCRIPTIONS, seed: false, env: { SUBSCRIPTION_MAX_ATTEMPTS: '3', SUBSCRIPTION_RETRY_BASE_MS: '5' } });
    await t.dataSource.query('create table test_outbox (id serial primary key, title text not null)');
    await t.dataSource.query('create table test_read_table (id serial primary key, title text not null)');
  });
  afterAll(() => t.close());

  it('stops a projection at the failing event and reports it; parks it for a notifier that goes on', async () => {
    const positions: number[] = [];
    for (const title of ['first', 'poison', 'after']) {
      const [sql, params] = insertCreated(title);
      positions.push(Number((await t.dataSource.query(sql, params))[0].position));
    }

    const outbox = async () => (await t.dataSource.query('select title from test_outbox order by id')).map((r: { title: string }) => r.title);
    await eventually(async () => expect(await outbox()).toEqual(['first', 'after']));
    const [parked] = await t.dataSource.query(`select * from dead_letters where subscription = 'fragile-notifier'`);
    expect(parked).toMatchObject({ position: String(positions[1]), event_type: 'AppointmentCreated', attempts: 3 });
    expect(parked.failure).toContain('mail server refused poison');

    await eventually(async () => {
      const lag = (await t.app.get(SubscriptionStatus).lag()).find((l) => l.name === 'fragile-projection');
      expect(lag).toMatchObject({ status: 'stopped', failedPosition: positions[1], eventsBehind: 2 });
      expect(lag?.failure).toContain('cannot apply poison');
    });
    const applied = await t.dataSource.query('select title from test_read_table order by id');
    expect(applied.map((r: { title: string }) => r.title)).toEqual(['first']);
  });
});

/** Records, in the delivery's transaction, which instance applied which event. */
@Injectable()
@DurableEventsHandler({ name: 'counter', events: [AppointmentCreated] })
class Counter implements DurableBatchHandler<AppointmentCreated> {
  readonly instance = Math.random().toString(36).slice(2);
  async handleBatch(events: ReadonlyArray<DeliveredEvent<AppointmentCreated>>, { db }: BatchDelivery): Promise<void> {
    for (const { stored } of events) await db.query('insert into counted (position, instance) values ($1, $2)', [stored.position, this.instance]);
  }
}

const COUNTER: SubscriptionEntry = { name: 'counter', feeds: [{ kind: 'read table', target: 'counted' }], onFailure: 'park', rebuildable: false };

describe('Two runner instances on one database', () => {
  it('processes each subscription once, and the survivor takes over when the holder stops', async () => {
    const first = await startTestApp({ providers: [Counter], subscriptions: [COUNTER], seed: false });
    // Primary key on position: an event applied twice would fail its second transaction.
    await first.dataSource.query('create table counted (position bigint primary key, instance text not null)');
    const second = await startTestApp({ providers: [Counter], subscriptions: [COUNTER], seed: false, database: first.database });
    try {
      const positions: number[] = [];
      const append = async (count: number, via: TestApp = first) => {
        for (let i = 0; i < count; i++) {
          const [sql, params] = insertCreated(`event ${positions.length}`);
          positions.push(Number((await via.dataSource.query(sql, params))[0].position));
        }
      };
      const handled = async (via: TestApp = first): Promise<Array<{ position: number; instance: string }>> =>
        via.dataSource.query<Array<{ position: number; instance: string }>>('select position::int as position, instance from counted order by position');

      await append(30);
      await eventually(async () => {
        const state = { handled: (await handled()).map((row) => row.position), parked: await first.dataSource.query(`select position, failure from dead_letters where subscription = 'counter'`) };
        expect(state).toEqual({ handled: positions, parked: [] });
      }, 20_000);
      const instances = new Set((await handled()).map((row) => row.instance));
      expect(instances.size).toBe(1);

      const holder = instances.has(first.app.get(Counter).instance) ? first : second;
      const survivor = holder === first ? second : first;
      await holder.app.close();
      await append(10, survivor);
      await eventually(async () => {
        const rows = await handled(survivor);
        expect(rows.map((row) => row.position)).toEqual(positions);
        expect(rows.slice(-10).every((row) => row.instance === survivor.app.get(Counter).instance)).toBe(true);
      });
      await eventually(async () => {
        const [{ rows }] = await survivor.dataSource.query(`select count(*)::int as rows from appointment_details`);
        expect(rows).toBe(positions.length);
      });
    } finally {
      await second.app.close().catch(() => undefined);
      await first.app.close().catch(() => undefined);
      await first.database.drop();
    }
  });
});
