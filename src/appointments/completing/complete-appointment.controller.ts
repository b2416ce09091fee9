import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth/roles.decorator';
import { DocumentedCommand } from '../../shared/http/route-contract';
import { NoFieldsPipe } from '../../shared/http/no-fields.pipe';
import { respondWith, SentCommand } from '../command-execution/command-http';
import { CommandOptions } from '../command-execution/command-options';
import { CompleteAppointment } from './complete-appointment';

@Controller('appointments')
@ApiTags('Appointments')
export class CompleteAppointmentController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/complete')
  @DocumentedCommand('changes')
  @ApiOperation({ summary: 'Record that an appointment took place' })
  @Roles('staff', 'doctor')
  async complete(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(NoFieldsPipe) _body: unknown,
    @SentCommand() options: CommandOptions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return respondWith(reply, await this.commandBus.execute(new CompleteAppointment(id, options)));
  }
}
