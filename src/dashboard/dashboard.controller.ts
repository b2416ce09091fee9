import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Public } from '../shared/auth/roles.decorator';
import { Clock } from '../shared/clock';
import { clinicTimeZone } from '../reference-data/clinic-time-zone';
import { dateIn } from './clinic-day';
import { dashboardPage } from './dashboard.page';

/**
 * Serves the front-desk page, opened on today in the clinic's time zone by the server's clock;
 * its data comes from the API and `/live` with the user's token.
 */
@Controller('dashboard')
@ApiTags('Dashboard')
export class DashboardController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The live appointments dashboard (an HTML page)' })
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  async page(): Promise<string> {
    const timezone = await clinicTimeZone(this.config, this.dataSource);
    const now = this.clock.now();
    return dashboardPage({ timezone, today: dateIn(timezone, now), now: now.getTime() });
  }
}
