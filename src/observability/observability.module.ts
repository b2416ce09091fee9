import { Global, Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { Metrics } from './metrics';
import { MetricsController } from './metrics.controller';

@Global()
@Module({
  imports: [NotificationsModule],
  providers: [Metrics],
  controllers: [MetricsController],
  exports: [Metrics],
})
export class ObservabilityModule {}
