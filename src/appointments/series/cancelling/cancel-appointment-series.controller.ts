import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Roles } from '../../../shared/auth/roles.decorator';
import { SentCommand } from '../../command-execution/command-http';
import { CommandOptions } from '../../command-execution/command-options';
import { CancelAppointmentSeries, SeriesCancellationOutcome } from './cancel-appointment-series';
import { CancelAppointmentSeriesDto, SeriesCancellationResponse } from './cancel-appointment-series.dto';

@Controller('appointment-series')
@ApiTags('Appointment series')
export class CancelAppointmentSeriesController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a series from a date on: every occurrence still booked from then',
    description: 'A patient cancels only their own series (another is a 404). `from` before today in the doctor\'s zone, or nothing left to cancel, is a 422.',
  })
  @ApiOkResponse({ description: 'Cancelled (X-Event-Position: for read-your-writes)', type: SeriesCancellationResponse })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key and body answer the first response again; another body is a 422, one still running a 409' })
  @Roles('staff', 'patient')
  async cancel(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CancelAppointmentSeriesDto,
    @SentCommand() options: CommandOptions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const outcome: SeriesCancellationOutcome = await this.commandBus.execute(new CancelAppointmentSeries(id, { reason: body.reason, from: body.from }, options));
    reply.header('X-Event-Position', String(outcome.position));
    if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
    const { position: _position, replayed: _replayed, ...response } = outcome;
    return response;
  }
}
