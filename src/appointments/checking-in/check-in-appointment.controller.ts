import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth/roles.decorator';
import { DocumentedCommand } from '../../shared/http/route-contract';
import { NoFieldsPipe } from '../../shared/http/no-fields.pipe';
import { respondWith, SentCommand } from '../command-execution/command-http';
import { CommandOptions } from '../command-execution/command-options';
import { CheckInAppointment } from './check-in-appointment';

@Controller('appointments')
@ApiTags('Appointments')
export class CheckInAppointmentController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/check-in')
  @DocumentedCommand('changes')
  @ApiOperation({ summary: 'Check the patient in for their appointment' })
  @Roles('staff', 'doctor')
  async checkIn(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(NoFieldsPipe) _body: unknown,
    @SentCommand() options: CommandOptions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return respondWith(reply, await this.commandBus.execute(new CheckInAppointment(id, options)));
  }
}
