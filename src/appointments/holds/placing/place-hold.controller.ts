import { randomUUID } from 'node:crypto';
import { Body, Controller, Headers, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Roles } from '../../../shared/auth/roles.decorator';
import { SentCommand } from '../../command-execution/command-http';
import { CommandOptions } from '../../command-execution/command-options';
import { ApiSlotRefusals, HoldResourceDto, refuseIfMatch } from '../hold-http';
import { HoldResource } from '../hold-resource';
import { HoldRequest } from '../slot-holds';
import { PlaceHold } from './place-hold';
import { PlaceHoldDto } from './place-hold.dto';

@Controller('holds')
@ApiTags('Holds')
export class PlaceHoldController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Hold a slot for HOLD_TTL_SECONDS while a patient finishes booking: nobody else can book or hold it meanwhile' })
  @ApiCreatedResponse({
    description: 'Held',
    type: HoldResourceDto,
    headers: { Location: { schema: { type: 'string' } }, 'X-Event-Position': { schema: { type: 'string' }, description: 'Position of the SlotHeld event' } },
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key and body answer the first response again; another body is a 422, one still running a 409' })
  @ApiSlotRefusals()
  @Roles('staff', 'patient')
  async place(
    @Body() body: PlaceHoldDto,
    @SentCommand() options: CommandOptions,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<HoldResource> {
    refuseIfMatch(ifMatch);
    const request: HoldRequest = {
      appointmentTypeId: body.appointmentTypeId,
      doctorId: body.doctorId,
      roomId: body.roomId,
      patientId: body.patientId,
      start: new Date(body.start),
      end: body.end === undefined ? undefined : new Date(body.end),
    };
    const placed = await this.commandBus.execute(new PlaceHold(randomUUID(), request, options));
    reply.status(201);
    reply.header('Location', `/holds/${placed.hold.id}`);
    reply.header('X-Event-Position', String(placed.position));
    if (placed.replayed) reply.header('Idempotent-Replayed', 'true');
    return placed.hold;
  }
}
