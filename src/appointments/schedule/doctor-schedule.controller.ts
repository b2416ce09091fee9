import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DoctorDaySchedule } from '../../observability/api-schemas';
import { Roles } from '../../shared/auth/roles.decorator';
import { ReadsFrom } from '../../shared/http/read-your-writes';
import { SUBSCRIPTIONS } from '../../subscription-registry';
import { RequestContext } from '../../shared/request-context';
import { Context } from '../../shared/http/request-context.decorator';
import { DoctorDayQuery } from './doctor-day.query';
import { GetDoctorSchedule } from './get-doctor-schedule.query';

@Controller('doctors')
@ApiTags('Doctors')
export class DoctorScheduleController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/schedule')
  @ApiOperation({ summary: "Get a doctor's working hours in force, time off, clinic closures and appointments on a local date" })
  @ApiOkResponse({ description: 'OK', type: DoctorDaySchedule })
  @Roles('admin', 'staff', 'doctor')
  @ReadsFrom(SUBSCRIPTIONS.doctorSchedule, SUBSCRIPTIONS.scheduleBlocks)
  schedule(@Param('id', ParseUUIDPipe) id: string, @Query() query: DoctorDayQuery, @Context() context: RequestContext) {
    return this.queryBus.execute(new GetDoctorSchedule(id, query.date, context.actor));
  }
}
