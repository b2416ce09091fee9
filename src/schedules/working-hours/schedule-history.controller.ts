import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScheduleHistory } from '../../observability/api-schemas';
import { Roles } from '../../shared/auth/roles.decorator';
import { Context } from '../../shared/http/request-context.decorator';
import { RequestContext } from '../../shared/request-context';
import { GetScheduleHistory } from './get-schedule-history.query';

@Controller('doctors')
@ApiTags('Doctors')
export class ScheduleHistoryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/schedule/history')
  @ApiOperation({ summary: "List every change of a doctor's schedule (working hours, time off), with actor and time" })
  @ApiOkResponse({ description: 'OK', type: ScheduleHistory })
  @Roles('admin', 'staff', 'doctor')
  history(@Param('id', ParseUUIDPipe) id: string, @Context() context: RequestContext) {
    return this.queryBus.execute(new GetScheduleHistory(id, context.actor));
  }
}
