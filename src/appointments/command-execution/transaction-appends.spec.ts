import { DataSource, EntityManager } from 'typeorm';
import { AppendSignal } from '../../event-store/append-signal';
import { Metrics } from '../../observability/metrics';
import { TransactionAppends } from './transaction-appends';

describe('TransactionAppends', () => {
  let counted: string[];
  let raised: number;
  let appends: TransactionAppends;
  const transaction = {} as EntityManager;

  beforeEach(() => {
    counted = [];
    raised = 0;
    const signal = new AppendSignal();
    signal.subscribe(() => raised++);
    const metrics = { eventsAppended: (types: readonly string[]) => counted.push(...types) } as unknown as Metrics;
    appends = new TransactionAppends({} as DataSource, signal, metrics);
  });

  it('tells what was recorded in a transaction, with its owner’s own types, once, after the commit', () => {
    appends.record(transaction, ['SlotHeld']);
    appends.record(transaction, ['HoldConverted', 'AppointmentCreated']);
    expect({ counted, raised }).toEqual({ counted: [], raised: 0 });

    appends.committed(transaction, ['WaitlistEntryBooked']);
    expect({ counted, raised }).toEqual({ counted: ['SlotHeld', 'HoldConverted', 'AppointmentCreated', 'WaitlistEntryBooked'], raised: 1 });
    appends.committed(transaction);
    expect({ counted: counted.length, raised }).toEqual({ counted: 4, raised: 1 });
  });

  it('forgets what was recorded after a mark when its savepoint is rolled back, and keeps what came before', () => {
    appends.record(transaction, ['WaitlistOfferExpired']);
    const mark = appends.mark(transaction);
    appends.record(transaction, ['SlotHeld', 'WaitlistOfferMade']);
    appends.rollbackTo(transaction, mark);
    appends.record(transaction, ['SlotHeld']);

    appends.committed(transaction);
    expect({ counted, raised }).toEqual({ counted: ['WaitlistOfferExpired', 'SlotHeld'], raised: 1 });
  });

  it('tells nothing for a transaction in which nothing was recorded, or all of it rolled back to a savepoint', () => {
    const mark = appends.mark(transaction);
    expect(mark).toBe(0);
    appends.rollbackTo(transaction, mark);
    appends.record(transaction, ['SlotHeld']);
    appends.rollbackTo(transaction, mark);

    appends.committed(transaction);
    expect({ counted, raised }).toEqual({ counted: [], raised: 0 });
  });
});
