import { Command } from '@nestjs/cqrs';
import { CommandOptions, CommandOutcome } from '../command-execution/command-options';
import { ReassignAppointmentDto } from './reassign-appointment.dto';

export class ReassignAppointment extends Command<CommandOutcome> {
  constructor(
    readonly appointmentId: string,
    readonly request: ReassignAppointmentDto,
    readonly options: CommandOptions,
  ) {
    super();
  }
}
