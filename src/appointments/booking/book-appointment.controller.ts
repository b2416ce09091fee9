import { randomUUID } from 'node:crypto';
import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth/roles.decorator';
import { DocumentedCommand } from '../../shared/http/route-contract';
import { ApiHoldGone, ApiHoldIsWaitlistOffer } from '../holds/hold-http';
import { respondWith, SentCommand } from '../command-execution/command-http';
import { CommandOptions } from '../command-execution/command-options';
import { BookAppointment, BookingRequest } from './book-appointment';
import { BookAppointmentDto } from './book-appointment.dto';

@Controller('appointments')
@ApiTags('Appointments')
export class BookAppointmentController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @DocumentedCommand('creates')
  @ApiOperation({ summary: 'Book an appointment, or convert a slot hold into it (holdId)' })
  @ApiHoldGone()
  @ApiHoldIsWaitlistOffer('Slot taken (the detail names the doctor, room or patient), a concurrent change, an Idempotency-Key in flight')
  @Roles('staff', 'patient')
  async book(@Body() body: BookAppointmentDto, @SentCommand() options: CommandOptions, @Res({ passthrough: true }) reply: FastifyReply) {
    const request: BookingRequest = {
      appointmentTypeId: body.appointmentTypeId,
      doctorId: body.doctorId,
      patientId: body.patientId,
      roomId: body.roomId,
      start: new Date(body.start),
      end: body.end === undefined ? undefined : new Date(body.end),
      title: body.title,
      holdId: body.holdId,
    };
    return respondWith(reply, await this.commandBus.execute(new BookAppointment(randomUUID(), request, options)));
  }
}
