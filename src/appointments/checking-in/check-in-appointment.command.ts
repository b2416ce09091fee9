import { Command } from '@nestjs/cqrs';
import { CommandOptions, CommandOutcome } from '../command-execution/command-options';

export class CheckInAppointment extends Command<CommandOutcome> {
  constructor(
    readonly appointmentId: string,
    readonly options: CommandOptions,
  ) {
    super();
  }
}
