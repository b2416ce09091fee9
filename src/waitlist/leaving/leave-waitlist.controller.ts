import { Controller, Delete, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth/roles.decorator';
import { Context } from '../../shared/http/request-context.decorator';
import { RequestContext } from '../../shared/request-context';
import { WaitlistRefusals } from '../waitlist-api-docs';
import { sentBy, WaitlistAnswer } from '../waitlist-http';
import { LeaveWaitlist } from './leave-waitlist';

@Controller('waitlist')
@ApiTags('Waitlist')
export class LeaveWaitlistController {
  constructor(private readonly commandBus: CommandBus) {}

  @Delete(':id')
  @ApiOperation({ summary: 'Take an entry off the waitlist; an open offer is released to the next entry' })
  @ApiNoContentResponse({ description: 'Cancelled (X-Event-Position)' })
  @WaitlistRefusals(409)
  @Roles('staff', 'patient')
  async leave(@Param('id', ParseUUIDPipe) entryId: string, @Context() context: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const answer: WaitlistAnswer = await this.commandBus.execute(new LeaveWaitlist(entryId, sentBy(context)));
    reply.status(204);
    reply.header('X-Event-Position', String(answer.position));
  }
}
