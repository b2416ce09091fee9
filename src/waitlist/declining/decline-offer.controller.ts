import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth/roles.decorator';
import { NoFieldsPipe } from '../../shared/http/no-fields.pipe';
import { Context } from '../../shared/http/request-context.decorator';
import { RequestContext } from '../../shared/request-context';
import { WaitlistRefusals } from '../waitlist-api-docs';
import { WaitlistEntryDoc, WaitlistEntryResource } from '../waitlist-entry-resource';
import { respondWithEntry, sentBy } from '../waitlist-http';
import { DeclineWaitlistOffer } from './decline-offer';

@Controller('waitlist')
@ApiTags('Waitlist')
export class DeclineWaitlistOfferController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/decline')
  @ApiOperation({ summary: "Decline the entry's open offer: the slot goes to the next entry, and this entry waits again" })
  @ApiOkResponse({ description: 'Declined: the entry, waiting again', type: WaitlistEntryDoc })
  @WaitlistRefusals(409, 410)
  @Roles('staff', 'patient')
  async decline(@Param('id', ParseUUIDPipe) entryId: string, @Body(NoFieldsPipe) _body: unknown, @Context() context: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<WaitlistEntryResource> {
    return respondWithEntry(reply, await this.commandBus.execute(new DeclineWaitlistOffer(entryId, sentBy(context))), 200);
  }
}
