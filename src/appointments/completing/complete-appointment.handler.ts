import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { CompleteAppointment, decideComplete } from './complete-appointment';

@CommandHandler(CompleteAppointment)
export class CompleteAppointmentHandler implements ICommandHandler<CompleteAppointment> {
  constructor(private readonly executor: AppointmentCommandExecutor) {}

  execute({ appointmentId, options }: CompleteAppointment) {
    return this.executor.change('complete', appointmentId, options, (state, now) => decideComplete(state, now));
  }
}
