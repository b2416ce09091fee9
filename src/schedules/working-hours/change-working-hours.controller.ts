import { Body, Controller, Param, ParseUUIDPipe, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { SentCommand } from '../../appointments/command-execution/command-http';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { Roles } from '../../shared/auth/roles.decorator';
import { ChangeWorkingHours, WorkingHoursChangeOutcome } from './change-working-hours';
import { ChangeWorkingHoursDto, WorkingHoursChangeResponse } from './change-working-hours.dto';

@Controller('doctors')
@ApiTags('Doctors')
export class ChangeWorkingHoursController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put(':id/working-hours')
  @ApiOperation({ summary: "Change a doctor's working hours from a local date on (appointments left outside stay booked and are listed)" })
  @ApiOkResponse({ description: 'Recorded (X-Event-Position names the event)', type: WorkingHoursChangeResponse })
  @Roles('admin')
  async change(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ChangeWorkingHoursDto,
    @SentCommand() options: CommandOptions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WorkingHoursChangeResponse> {
    const outcome: WorkingHoursChangeOutcome = await this.commandBus.execute(
      new ChangeWorkingHours(id, { effectiveFrom: body.effectiveFrom, workingHours: body.workingHours }, options),
    );
    reply.header('X-Event-Position', String(outcome.position));
    const { position: _position, ...answer } = outcome;
    return answer;
  }
}
