import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DoctorAvailability } from '../../observability/api-schemas';
import { Roles } from '../../shared/auth/roles.decorator';
import { RequestContext } from '../../shared/request-context';
import { Context } from '../../shared/http/request-context.decorator';
import { DoctorAvailabilityQuery } from './get-availability.dto';
import { GetAvailability } from './get-availability.query';

@Controller('doctors')
@ApiTags('Doctors')
export class GetAvailabilityController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/availability')
  @ApiOperation({
    summary: "List a doctor's free slots on a local date for an appointment type",
    description:
      "Inside the working hours in force on that date, outside time off, clinic closures and the doctor's appointments and holds " +
      "(with roomId: the room's too, and its blocks; with patientId: the patient's), buffers respected. Read from the reservations " +
      'bookings are checked against, so it is never behind.',
  })
  @ApiOkResponse({ description: 'OK', type: DoctorAvailability })
  @Roles('admin', 'staff', 'doctor', 'patient')
  availability(@Param('id', ParseUUIDPipe) id: string, @Query() query: DoctorAvailabilityQuery, @Context() context: RequestContext) {
    const { date, appointmentTypeId, roomId, patientId } = query;
    return this.queryBus.execute(new GetAvailability(id, { date, appointmentTypeId, roomId, patientId }, context.actor));
  }
}
