import { randomUUID } from 'node:crypto';
import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth/roles.decorator';
import { Context } from '../../shared/http/request-context.decorator';
import { RequestContext } from '../../shared/request-context';
import { WaitlistRefusals } from '../waitlist-api-docs';
import { WaitlistEntryDoc, WaitlistEntryResource } from '../waitlist-entry-resource';
import { respondWithEntry, sentBy } from '../waitlist-http';
import { JoinWaitlist } from './join-waitlist';
import { JoinWaitlistDto } from './join-waitlist.dto';

@Controller('waitlist')
@ApiTags('Waitlist')
export class JoinWaitlistController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Put a patient on the waitlist for an appointment type, a window of dates and optionally a doctor' })
  @ApiCreatedResponse({ description: 'On the list, waiting', type: WaitlistEntryDoc })
  @WaitlistRefusals(409, 422)
  @Roles('staff', 'patient')
  async join(@Body() body: JoinWaitlistDto, @Context() context: RequestContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<WaitlistEntryResource> {
    const request = {
      entryId: randomUUID(),
      patientId: body.patientId,
      appointmentTypeId: body.appointmentTypeId,
      from: body.from,
      to: body.to,
      doctorId: body.doctorId ?? null,
    };
    return respondWithEntry(reply, await this.commandBus.execute(new JoinWaitlist(request, sentBy(context))), 201);
  }
}
