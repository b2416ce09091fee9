import { Controller, Delete, Headers, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Roles } from '../../../shared/auth/roles.decorator';
import { SentCommand } from '../../command-execution/command-http';
import { CommandOptions } from '../../command-execution/command-options';
import { ApiHoldGone, ApiHoldIsWaitlistOffer, refuseIfMatch } from '../hold-http';
import { ReleaseHold } from './release-hold';

@Controller('holds')
@ApiTags('Holds')
export class ReleaseHoldController {
  constructor(private readonly commandBus: CommandBus) {}

  @Delete(':id')
  @ApiOperation({ summary: 'Release a hold: its slot is free again (the holder, or staff)' })
  @ApiNoContentResponse({ description: 'Released', headers: { 'X-Event-Position': { schema: { type: 'string' }, description: 'Position of the HoldReleased event' } } })
  @ApiHoldGone()
  @ApiHoldIsWaitlistOffer('A concurrent change')
  @Roles('staff', 'patient')
  async release(
    @Param('id', ParseUUIDPipe) holdId: string,
    @SentCommand() options: CommandOptions,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    refuseIfMatch(ifMatch);
    const { position } = await this.commandBus.execute(new ReleaseHold(holdId, options));
    reply.status(204);
    reply.header('X-Event-Position', String(position));
  }
}
