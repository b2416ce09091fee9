import { randomUUID } from 'node:crypto';
import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { respondWith } from '../../appointments/command-execution/command-http';
import { AppointmentResource } from '../../appointments/appointment-resource';
import { Roles } from '../../shared/auth/roles.decorator';
import { NoFieldsPipe } from '../../shared/http/no-fields.pipe';
import { Context } from '../../shared/http/request-context.decorator';
import { RequestContext } from '../../shared/request-context';
import { WaitlistRefusals } from '../waitlist-api-docs';
import { sentBy } from '../waitlist-http';
import { AcceptWaitlistOffer } from './accept-offer';

@Controller('waitlist')
@ApiTags('Waitlist')
export class AcceptWaitlistOfferController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/accept')
  @ApiOperation({ summary: "Accept the entry's open offer: its held slot is booked as an appointment" })
  @ApiCreatedResponse({ description: 'Booked: the appointment, with Location, ETag and X-Event-Position', schema: { $ref: '#/components/schemas/AppointmentResource' } })
  @WaitlistRefusals(409, 410, 422)
  @Roles('staff', 'patient')
  async accept(@Param('id', ParseUUIDPipe) entryId: string, @Body(NoFieldsPipe) _body: unknown, @Context() context: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<AppointmentResource> {
    return respondWith(reply, await this.commandBus.execute(new AcceptWaitlistOffer(entryId, randomUUID(), sentBy(context))));
  }
}
