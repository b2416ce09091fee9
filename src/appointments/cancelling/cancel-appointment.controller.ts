import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth/roles.decorator';
import { DocumentedCommand } from '../../shared/http/route-contract';
import { respondWith, SentCommand } from '../command-execution/command-http';
import { CommandOptions } from '../command-execution/command-options';
import { CancelAppointment } from './cancel-appointment';
import { CancelAppointmentDto } from './cancel-appointment.dto';

@Controller('appointments')
@ApiTags('Appointments')
export class CancelAppointmentController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/cancel')
  @DocumentedCommand('changes')
  @ApiOperation({ summary: 'Cancel an appointment' })
  @Roles('staff', 'patient')
  async cancel(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CancelAppointmentDto, @SentCommand() options: CommandOptions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return respondWith(reply, await this.commandBus.execute(new CancelAppointment(id, { reason: body.reason }, options)));
  }
}
