import { Global, Module } from '@nestjs/common';
import { EventStore } from './event-store';
import { SnapshotStore } from './snapshot-store';

@Global()
@Module({ providers: [EventStore, SnapshotStore], exports: [EventStore, SnapshotStore] })
export class EventStoreModule {}
