import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { CompleteAppointment } from './complete-appointment.command';

@CommandHandler(CompleteAppointment)
export class CompleteAppointmentHandler implements ICommandHandler<CompleteAppointment> {
  constructor(private readonly executor: AppointmentCommandExecutor) {}

  execute({ appointmentId, options }: CompleteAppointment) {
    return this.executor.change('complete', appointmentId, options, () => ({ kind: 'complete', appointmentId }));
  }
}
