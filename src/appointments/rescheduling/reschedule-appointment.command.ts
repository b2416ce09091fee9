import { Command } from '@nestjs/cqrs';
import { CommandOptions, CommandOutcome } from '../command-execution/command-options';
import { RescheduleAppointmentDto } from './reschedule-appointment.dto';

export class RescheduleAppointment extends Command<CommandOutcome> {
  constructor(
    readonly appointmentId: string,
    readonly request: RescheduleAppointmentDto,
    readonly options: CommandOptions,
  ) {
    super();
  }
}
