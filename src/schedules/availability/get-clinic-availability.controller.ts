import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClinicAvailability } from '../../observability/api-schemas';
import { Roles } from '../../shared/auth/roles.decorator';
import { RequestContext } from '../../shared/request-context';
import { Context } from '../../shared/http/request-context.decorator';
import { ClinicAvailabilityQuery } from './get-clinic-availability.dto';
import { GetClinicAvailability } from './get-clinic-availability.query';

@Controller('availability')
@ApiTags('Doctors')
export class GetClinicAvailabilityController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'List the free slots of every active doctor on a date for an appointment type',
    description:
      'Each slot names its doctor; sorted by start, then doctor. With specialty, only doctors of that specialty (exact match). ' +
      "The same rules as a doctor's availability; a doctor who does not work that day has no slots.",
  })
  @ApiOkResponse({ description: 'OK', type: ClinicAvailability })
  @Roles('admin', 'staff', 'doctor', 'patient')
  availability(@Query() query: ClinicAvailabilityQuery, @Context() context: RequestContext) {
    const { date, appointmentTypeId, specialty } = query;
    return this.queryBus.execute(new GetClinicAvailability({ date, appointmentTypeId, specialty }, context.actor));
  }
}
