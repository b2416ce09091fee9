import { Command } from '@nestjs/cqrs';
import { CommandOptions, CommandOutcome } from '../command-execution/command-options';
import { BookAppointmentDto } from './book-appointment.dto';

export class BookAppointment extends Command<CommandOutcome> {
  constructor(
    readonly appointmentId: string,
    readonly request: BookAppointmentDto,
    readonly options: CommandOptions,
  ) {
    super();
  }
}
