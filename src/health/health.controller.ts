import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../shared/auth/roles.decorator';

@Controller('health')
export class HealthController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Liveness and database reachability, for load balancers and docker-compose. */
  @Get()
  @Public()
  @SkipThrottle()
  async check() {
    await this.dataSource.query('select 1');
    return { status: 'ok', database: 'up' };
  }
}
