import { Controller, Get, Header, Inject, Param, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Public } from '../shared/auth/roles.decorator';
import { Clock } from '../shared/clock';
import { Problems } from '../shared/http/problem';
import { clinicTimeZone } from '../reference-data/clinic-time-zone';
import { dateIn } from './clinic-day';
import { DashboardAssets } from './dashboard-assets';
import { dashboardPage } from './dashboard.page';
import { dashboardSecurityPolicy } from './dashboard-security-policy';
import { DashboardSignIn, DashboardSignInConfig } from './dashboard-sign-in';

/**
 * Serves the front-desk page, opened on today in the clinic's time zone by the server's clock,
 * its modules and stylesheet, and how it signs in; its data comes from the API and `/live` with
 * the user's token.
 */
@Controller('dashboard')
@ApiTags('Dashboard')
export class DashboardController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly signIn: DashboardSignIn,
    private readonly assets: DashboardAssets,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The front-desk dashboard (an HTML page)' })
  @Public()
  @Header('cache-control', 'no-cache')
  async page(@Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const timezone = await clinicTimeZone(this.config, this.dataSource);
    const now = this.clock.now();
    reply.header('content-type', 'text/html; charset=utf-8');
    reply.header('content-security-policy', dashboardSecurityPolicy(await this.signIn.connectOrigins()));
    return dashboardPage({ timezone, today: dateIn(timezone, now), now: now.getTime() });
  }

  @Get('config')
  @ApiOperation({
    summary: 'How the dashboard signs in',
    description:
      '`{ mode: "development" }` (a pasted development token) without AUTH_ISSUER_URL; with it `{ mode: "oidc", issuer, authorizationEndpoint, ' +
      'tokenEndpoint, clientId, scope }`: the authorization code flow with PKCE as the public client AUTH_DASHBOARD_CLIENT_ID.',
  })
  @ApiOkResponse({ description: 'OK' })
  @Public()
  @Header('cache-control', 'no-cache')
  signInConfig(): Promise<DashboardSignInConfig> {
    return this.signIn.forPage();
  }

  @Get('assets/:file')
  @ApiOperation({ summary: "A module or the stylesheet of the dashboard's page" })
  @Public()
  @Header('cache-control', 'no-cache')
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    const asset = this.assets.get(file);
    if (!asset) throw Problems.notFound('Dashboard file', file);
    reply.header('content-type', asset.contentType);
    return asset.body;
  }
}
