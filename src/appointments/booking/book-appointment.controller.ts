import { randomUUID } from 'node:crypto';
import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth/roles.decorator';
import { respondWith, SentCommand } from '../command-execution/command-http';
import { CommandOptions } from '../command-execution/command-options';
import { BookAppointment } from './book-appointment.command';
import { BookAppointmentDto } from './book-appointment.dto';

@Controller('appointments')
export class BookAppointmentController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Roles('staff', 'patient')
  async book(@Body() body: BookAppointmentDto, @SentCommand() options: CommandOptions, @Res({ passthrough: true }) reply: FastifyReply) {
    return respondWith(reply, await this.commandBus.execute(new BookAppointment(randomUUID(), body, options)));
  }
}
