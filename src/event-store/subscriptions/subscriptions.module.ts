import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { StoredEvent } from '../stored-event';
import { Checkpoints } from './checkpoints';
import { DeadLetters } from './dead-letters';
import { ProjectionRebuilder } from './projection-rebuilder';
import { ReadSideProgress } from './read-side-progress';
import { SubscriptionRegistry } from './subscription-registry';
import { SubscriptionRunner } from './subscription-runner';
import { EVENT_DECODER, SUBSCRIPTION_SETTINGS, SubscriptionSettings } from './subscription-settings';
import { SubscriptionStatus } from './subscription-status';

@Global()
@Module({})
export class SubscriptionsModule {
  /**
   * `decode` turns a stored event into the typed event handlers declare; `registry` lists every
   * subscription, and the handlers found at start-up must be exactly those.
   */
  static forRoot(settings: SubscriptionSettings, decode: (stored: StoredEvent) => unknown, registry: SubscriptionRegistry): DynamicModule {
    return {
      module: SubscriptionsModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: SUBSCRIPTION_SETTINGS, useValue: settings },
        { provide: EVENT_DECODER, useValue: decode },
        { provide: SubscriptionRegistry, useValue: registry },
        Checkpoints,
        DeadLetters,
        SubscriptionRunner,
        SubscriptionStatus,
        ReadSideProgress,
        ProjectionRebuilder,
      ],
      exports: [Checkpoints, SubscriptionRegistry, SubscriptionRunner, SubscriptionStatus, ReadSideProgress, ProjectionRebuilder, SUBSCRIPTION_SETTINGS, EVENT_DECODER],
    };
  }
}
