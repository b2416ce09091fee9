import { Module } from '@nestjs/common';
import { IntegrationEventsController } from './integration-events.controller';
import { IntegrationFeed } from './integration-feed';
import { IntegrationFeedSignal } from './integration-feed-signal';
import { IntegrationOutboxProjection } from './integration-outbox.projection';
import { JetStreamPublisher } from './jetstream-publisher';

@Module({
  controllers: [IntegrationEventsController],
  providers: [IntegrationFeed, IntegrationFeedSignal, IntegrationOutboxProjection, JetStreamPublisher],
})
export class IntegrationEventsModule {}
