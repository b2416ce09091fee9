import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppendSignal } from './append-signal';
import { CommandHandling } from './command-handling';
import { EventStore } from './event-store';
import { PERSONAL_DATA_POLICY, PersonalDataPolicy } from './personal-data/personal-data-policy';
import { PersonalDataVault } from './personal-data/personal-data-vault';
import { SnapshotStore } from './snapshot-store';

@Global()
@Module({})
export class EventStoreModule {
  /** `personalData` says where events and snapshots hold personal data (sealed per subject). */
  static forRoot(personalData: PersonalDataPolicy): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [{ provide: PERSONAL_DATA_POLICY, useValue: personalData }, PersonalDataVault, EventStore, SnapshotStore, AppendSignal, CommandHandling],
      exports: [PERSONAL_DATA_POLICY, PersonalDataVault, EventStore, SnapshotStore, AppendSignal, CommandHandling],
    };
  }
}
