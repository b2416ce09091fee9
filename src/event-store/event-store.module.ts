import { Global, Module } from '@nestjs/common';
import { AppendSignal } from './append-signal';
import { EventStore } from './event-store';
import { SnapshotStore } from './snapshot-store';

@Global()
@Module({ providers: [EventStore, SnapshotStore, AppendSignal], exports: [EventStore, SnapshotStore, AppendSignal] })
export class EventStoreModule {}
