import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../shared/auth/roles.decorator';
import { DASHBOARD_PAGE } from './dashboard.page';

/** Serves the front-desk page; its data comes from the API and `/live` with the user's token. */
@Controller('dashboard')
export class DashboardController {
  @Get()
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-cache')
  page(): string {
    return DASHBOARD_PAGE;
  }
}
