import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth/roles.decorator';
import { DocumentedCommand } from '../../shared/http/route-contract';
import { respondWith, SentCommand } from '../command-execution/command-http';
import { CommandOptions } from '../command-execution/command-options';
import { ReassignAppointment } from './reassign-appointment';
import { ReassignAppointmentDto } from './reassign-appointment.dto';

@Controller('appointments')
@ApiTags('Appointments')
export class ReassignAppointmentController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/reassign')
  @DocumentedCommand('changes')
  @ApiOperation({ summary: 'Give an appointment another doctor or room' })
  @Roles('staff')
  async reassign(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ReassignAppointmentDto, @SentCommand() options: CommandOptions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return respondWith(reply, await this.commandBus.execute(new ReassignAppointment(id, { doctorId: body.doctorId, roomId: body.roomId, comment: body.comment }, options)));
  }
}
