import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../shared/auth/roles.decorator';
import { Context } from '../../../shared/http/request-context.decorator';
import { ReadQuery, ReadsFrom } from '../../../shared/http/read-your-writes';
import { RequestContext } from '../../../shared/request-context';
import { SUBSCRIPTIONS } from '../../../subscription-registry';
import { SeriesResponse } from './series-response';
import { GetAppointmentSeries } from './get-appointment-series.query';

@Controller('appointment-series')
@ApiTags('Appointment series')
export class AppointmentSeriesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'Get a series: how it repeats, and every occurrence with its status' })
  @ApiOkResponse({ description: 'OK', type: SeriesResponse })
  @Roles('admin', 'staff', 'doctor', 'patient')
  @ReadsFrom(SUBSCRIPTIONS.appointmentDetails)
  get(@Param('id', ParseUUIDPipe) id: string, @Query() _query: ReadQuery, @Context() context: RequestContext) {
    return this.queryBus.execute(new GetAppointmentSeries(id, context.actor));
  }
}
