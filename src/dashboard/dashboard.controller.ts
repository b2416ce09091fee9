import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../shared/auth/roles.decorator';
import { DASHBOARD_PAGE } from './dashboard.page';

/** Serves the front-desk page; its data comes from the API and `/live` with the user's token. */
@Controller('dashboard')
@ApiTags('Dashboard')
export class DashboardController {
  @Get()
  @ApiOperation({ summary: 'The live appointments dashboard (an HTML page)' })
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  page(): string {
    return DASHBOARD_PAGE;
  }
}
