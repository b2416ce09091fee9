import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppointmentsModule } from './appointments/appointments.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';
import { ReferenceDataModule } from './reference-data/reference-data.module';
import { AuthGuard } from './shared/auth/auth.guard';
import { ProblemDetailsFilter } from './shared/http/problem-details.filter';
import { createValidationPipe } from './shared/http/validation.pipe';
import { SharedModule } from './shared/shared.module';

@Module({})
export class AppModule {
  /** The whole application on the database at `databaseUrl` (migrations run at start). */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        SharedModule,
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl)),
        CqrsModule.forRoot(),
        EventStoreModule,
        ReferenceDataModule,
        AppointmentsModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
