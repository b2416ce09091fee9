import { Command } from '@nestjs/cqrs';
import { CommandOptions, CommandOutcome } from '../command-execution/command-options';
import { CancelAppointmentDto } from './cancel-appointment.dto';

export class CancelAppointment extends Command<CommandOutcome> {
  constructor(
    readonly appointmentId: string,
    readonly request: CancelAppointmentDto,
    readonly options: CommandOptions,
  ) {
    super();
  }
}
