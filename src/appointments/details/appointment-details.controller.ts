import { ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { IsOptional } from 'class-validator';
import { FastifyReply } from 'fastify';
import { AppointmentHistory, AppointmentPage, AppointmentResource } from '../../observability/api-schemas';
import { Roles } from '../../shared/auth/roles.decorator';
import { Context } from '../../shared/http/request-context.decorator';
import { RequestContext } from '../../shared/request-context';
import { IsIntegerParam, MAX_INT4 } from '../../shared/http/integer-param.validator';
import { IsInstant } from '../../shared/http/is-instant.validator';
import { Problems } from '../../shared/http/problem';
import { ReadQuery, ReadsFrom } from '../../shared/http/read-your-writes';
import { SUBSCRIPTIONS } from '../../subscription-registry';
import { GetAppointmentHistory } from './get-appointment-history.query';
import { GetAppointment } from './get-appointment.query';
import { ListAppointments, ListAppointmentsFilter } from './list-appointments.query';

export class AppointmentAsOfQuery extends ReadQuery {
  /** Rebuild the appointment as it was at this instant. */
  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2027-03-22T09:00:00+01:00' })
  @IsOptional() @IsInstant()
  asOf?: string;

  /** Rebuild the appointment as it was after this many events. */
  @ApiPropertyOptional()
  @IsOptional() @IsIntegerParam(1, MAX_INT4)
  version?: number;
}

@Controller('appointments')
@ApiTags('Appointments')
export class AppointmentDetailsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'List appointments in start order, filtered by doctor, patient, room, status and time' })
  @ApiOkResponse({ description: 'OK', type: AppointmentPage })
  @Roles('admin', 'staff', 'doctor', 'patient')
  @ReadsFrom(SUBSCRIPTIONS.appointmentDetails)
  list(@Query() filter: ListAppointmentsFilter, @Context() context: RequestContext) {
    return this.queryBus.execute(new ListAppointments(filter, context.actor));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get an appointment, as it is now or at a version or instant' })
  @ApiOkResponse({ description: 'OK', type: AppointmentResource })
  @Roles('admin', 'staff', 'doctor', 'patient')
  @ReadsFrom(SUBSCRIPTIONS.appointmentDetails)
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: AppointmentAsOfQuery,
    @Context() context: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (query.asOf !== undefined && query.version !== undefined) {
      const message = 'Use either asOf or version, not both';
      throw Problems.badRequest(message, [{ field: 'asOf', message }, { field: 'version', message }]);
    }
    const at = query.asOf !== undefined ? { time: new Date(query.asOf) } : query.version !== undefined ? { version: query.version } : undefined;
    const appointment = await this.queryBus.execute(new GetAppointment(id, context.actor, at));
    // The stream ends before that version: there is no such state, rather than the latest one.
    if (query.version !== undefined && appointment.version < query.version) throw Problems.notFound(`Version ${query.version} of appointment`, id);
    reply.header('ETag', `"${appointment.version}"`);
    return appointment;
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'List every change of an appointment' })
  @ApiOkResponse({ description: 'OK', type: AppointmentHistory })
  @Roles('admin', 'staff', 'doctor', 'patient')
  @ReadsFrom(SUBSCRIPTIONS.appointmentDetails)
  history(@Param('id', ParseUUIDPipe) id: string, @Query() _query: ReadQuery, @Context() context: RequestContext) {
    return this.queryBus.execute(new GetAppointmentHistory(id, context.actor));
  }
}
