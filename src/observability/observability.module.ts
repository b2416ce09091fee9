import { Global, Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';
import { ProblemTypesController } from './problem-types.controller';

@Global()
@Module({
  imports: [NotificationsModule],
  providers: [Metrics],
  controllers: [MetricsController, ProblemTypesController],
  exports: [Metrics],
})
export class ObservabilityModule {}
