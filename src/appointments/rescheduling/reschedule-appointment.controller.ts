import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth/roles.decorator';
import { DocumentedCommand } from '../../shared/http/route-contract';
import { respondWith, SentCommand } from '../command-execution/command-http';
import { CommandOptions } from '../command-execution/command-options';
import { RescheduleAppointment } from './reschedule-appointment';
import { RescheduleAppointmentDto } from './reschedule-appointment.dto';

@Controller('appointments')
@ApiTags('Appointments')
export class RescheduleAppointmentController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/reschedule')
  @DocumentedCommand('changes')
  @ApiOperation({ summary: 'Move an appointment to another time' })
  @Roles('staff', 'patient')
  async reschedule(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RescheduleAppointmentDto, @SentCommand() options: CommandOptions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return respondWith(reply, await this.commandBus.execute(new RescheduleAppointment(id, { start: new Date(body.start), end: body.end === undefined ? undefined : new Date(body.end) }, options)));
  }
}
