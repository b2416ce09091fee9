import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppointmentCreated } from '../../src/appointments/domain/appointment.events';
import { EventStore } from '../../src/event-store/event-store';
import { newDataKey } from '../../src/event-store/personal-data/personal-data-cipher';
import { CommitPoint } from '../../src/event-store/stored-event';
import { BatchDelivery, DeliveredEvent, DurableBatchHandler, DurableEventsHandler } from '../../src/event-store/subscriptions/durable-events-handler.decorator';
import { SubscriptionEntry } from '../../src/event-store/subscriptions/subscription-registry';
import { SubscriptionStatus } from '../../src/event-store/subscriptions/subscription-status';
import { eventually } from '../support/eventually';
import { createdData, insertCreated } from '../support/raw-events';
import { startTestApp, TestApp } from '../support/test-app';

/** A projection (stops on failure) writing each title to a read table. */
@Injectable()
@DurableEventsHandler({ name: 'title-projection', events: [AppointmentCreated] })
class TitleProjection implements DurableBatchHandler<AppointmentCreated> {
  async handleBatch(events: ReadonlyArray<DeliveredEvent<AppointmentCreated>>, { db }: BatchDelivery): Promise<void> {
    for (const { event } of events) await db.query('insert into test_titles (subscription, title) values ($1, $2)', ['projection', event.data.title]);
  }
}

/** A notifier (parks on failure) writing each title to an outbox. */
@Injectable()
@DurableEventsHandler({ name: 'title-notifier', events: [AppointmentCreated] })
class TitleNotifier implements DurableBatchHandler<AppointmentCreated> {
  async handleBatch(events: ReadonlyArray<DeliveredEvent<AppointmentCreated>>, { db }: BatchDelivery): Promise<void> {
    for (const { event } of events) await db.query('insert into test_titles (subscription, title) values ($1, $2)', ['notifier', event.data.title]);
  }
}

const TITLE_SUBSCRIPTIONS: SubscriptionEntry[] = [
  { name: 'title-projection', feeds: [{ kind: 'read table', target: 'test_titles' }], onFailure: 'stop', rebuildable: false },
  { name: 'title-notifier', feeds: [{ kind: 'outbox', target: 'test_titles' }], onFailure: 'park', rebuildable: false },
];

async function startWithTitleHandlers(): Promise<TestApp> {
  const t = await startTestApp({
    providers: [TitleProjection, TitleNotifier],
    subscriptions: TITLE_SUBSCRIPTIONS,
    seed: false,
    env: { SUBSCRIPTION_MAX_ATTEMPTS: '3', SUBSCRIPTION_RETRY_BASE_MS: '5' },
  });
  await t.dataSource.query('create table test_titles (id serial primary key, subscription text not null, title text not null)');
  return t;
}

const titles = async (t: TestApp, subscription: string) =>
  (await t.dataSource.query('select title from test_titles where subscription = $1 order by id', [subscription])).map((row: { title: string }) => row.title);

async function appendTitle(t: TestApp, title: string): Promise<number> {
  const [sql, params] = insertCreated(title);
  return Number((await t.dataSource.query(sql, params))[0].position);
}

/** Given first, a bad event, then after: the projection stops at the bad one, the notifier parks it and goes on. */
async function expectPolicyAppliedAt(t: TestApp, failedPosition: number, failure: RegExp): Promise<void> {
  await eventually(async () => expect(await titles(t, 'notifier')).toEqual(['first', 'after']));
  const [parked] = await t.dataSource.query(`select * from dead_letters where subscription = 'title-notifier'`);
  expect(parked).toMatchObject({ position: String(failedPosition), attempts: 3 });
  expect(parked.failure).toMatch(failure);

  await eventually(async () => {
    const lag = (await t.app.get(SubscriptionStatus).lag()).find((l) => l.name === 'title-projection');
    expect(lag).toMatchObject({ status: 'stopped', failedPosition, eventsBehind: 2 });
    expect(lag?.failure).toMatch(failure);
  });
  expect(await titles(t, 'projection')).toEqual(['first']);

  const ready = await t.http.get('/health/ready');
  expect(ready.status).toBe(503);
  expect(JSON.stringify(ready.body)).toContain('title-projection');
}

describe('An event whose personal data cannot be opened', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startWithTitleHandlers()));
  afterAll(() => t.close());

  it('is that event failing: a projection stops at it and reports it, a notifier parks it and goes on', async () => {
    await appendTitle(t, 'first');
    // A sealed title that is not a ciphertext of its patient's key (corrupted at rest).
    const corrupt = createdData('unused');
    await t.dataSource.query(`insert into personal_data_keys (subject_id, key) values ($1, $2)`, [corrupt.patientId, newDataKey()]);
    const [{ position }] = await t.dataSource.query(
      `insert into events (event_id, aggregate_id, aggregate_type, version, event_type, schema_version, data, metadata)
       values ($1, $2, 'Appointment', 1, $3, $4, $5, $6) returning position`,
      [
        randomUUID(),
        corrupt.appointmentId,
        AppointmentCreated.type,
        AppointmentCreated.schemaVersion,
        JSON.stringify({ ...corrupt, title: { sealed: Buffer.alloc(40, 7).toString('base64') } }),
        JSON.stringify({ correlationId: 't', causationId: 't', actor: { userId: 't', role: 'staff' }, requestId: null }),
      ],
    );
    await appendTitle(t, 'after');

    await expectPolicyAppliedAt(t, Number(position), /authenticate/);
  });
});

describe('An event that cannot be read from the log', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startWithTitleHandlers()));
  afterAll(() => t.close());

  it('is that event failing, found among the batch: a projection stops at it, a notifier parks it and goes on', async () => {
    // Every read whose rows include the poisoned event fails, as a row the driver cannot decode would.
    const store = t.app.get(EventStore);
    const read = store.readSealedInCommitOrder.bind(store);
    let poisoned = Number.POSITIVE_INFINITY;
    store.readSealedInCommitOrder = async (after: CommitPoint, limit: number, db?: Parameters<typeof read>[2]) => {
      const events = await read(after, limit, db);
      if (events.some((event) => event.position === poisoned)) throw new Error('cannot decode the row of this event');
      return events;
    };

    await t.dataSource.transaction(async (db) => {
      // One transaction: the three events arrive in one batch.
      for (const title of ['first', 'poisoned', 'after']) {
        const [sql, params] = insertCreated(title);
        const [{ position }] = await db.query(sql, params);
        if (title === 'poisoned') poisoned = Number(position);
      }
    });

    await expectPolicyAppliedAt(t, poisoned, /cannot decode the row/);
  });
});
