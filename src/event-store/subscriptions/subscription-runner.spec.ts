import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppendSignal } from '../append-signal';
import { EventStore } from '../event-store';
import { Checkpoints } from './checkpoints';
import { DeadLetters } from './dead-letters';
import { DurableBatchHandler, DurableEventsHandler } from './durable-events-handler.decorator';
import { SubscriptionEntry, SubscriptionRegistry, SubscriptionRegistryMismatch } from './subscription-registry';
import { SubscriptionRunner } from './subscription-runner';
import { EVENT_DECODER, SUBSCRIPTION_SETTINGS, SubscriptionSettings } from './subscription-settings';

@Injectable()
@DurableEventsHandler({ name: 'tally', events: [{ type: 'Counted' }] })
class Tally implements DurableBatchHandler {
  async handleBatch(): Promise<void> {}
}

const TALLY: SubscriptionEntry = { name: 'tally', feeds: [{ kind: 'read table', target: 'tallies' }], onFailure: 'stop', rebuildable: true };
const OTHER: SubscriptionEntry = { name: 'other', feeds: [{ kind: 'outbox', target: 'outbox' }], onFailure: 'park', rebuildable: false };

/** Subscriptions discovered but not run: the check of the registry needs no database. */
const NOT_RUN: SubscriptionSettings = { run: false, batchSize: 1, pollMs: 1, batchWindowMs: 0, maxAttempts: 1, retryBaseMs: 1, lockRetryMs: 1 };

/** The runner started with `handlers` as providers and `entries` as the registry. */
async function startRunner(handlers: Array<new () => DurableBatchHandler>, entries: SubscriptionEntry[]): Promise<SubscriptionRunner> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [
      SubscriptionRunner,
      ...handlers,
      { provide: SubscriptionRegistry, useValue: new SubscriptionRegistry(entries) },
      { provide: SUBSCRIPTION_SETTINGS, useValue: NOT_RUN },
      { provide: EVENT_DECODER, useValue: () => undefined },
      { provide: getDataSourceToken(), useValue: {} },
      { provide: EventStore, useValue: {} },
      { provide: Checkpoints, useValue: {} },
      { provide: DeadLetters, useValue: {} },
      { provide: AppendSignal, useValue: new AppendSignal() },
    ],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(SubscriptionRunner);
}

describe('SubscriptionRunner at start-up', () => {
  it('given a handler for every registered subscription, runs each with its registry entry', async () => {
    const runner = await startRunner([Tally], [TALLY]);
    expect(runner.discovered().map(({ options }) => options)).toEqual([{ ...TALLY, events: [{ type: 'Counted' }] }]);
  });

  it('given a handler the registry does not list, refuses to start', async () => {
    await expect(startRunner([Tally], [])).rejects.toThrow(SubscriptionRegistryMismatch);
    await expect(startRunner([Tally], [])).rejects.toThrow('handlers not in the subscription registry: tally');
  });

  it('given a registered subscription without a handler, refuses to start', async () => {
    await expect(startRunner([Tally], [TALLY, OTHER])).rejects.toThrow('registered subscriptions without a handler: other');
  });
});
