import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { CancelAppointment } from './cancel-appointment.command';

@CommandHandler(CancelAppointment)
export class CancelAppointmentHandler implements ICommandHandler<CancelAppointment> {
  constructor(private readonly executor: AppointmentCommandExecutor) {}

  execute({ appointmentId, request, options }: CancelAppointment) {
    return this.executor.change('cancel', appointmentId, options, () => ({ kind: 'cancel', appointmentId, reason: request.reason }));
  }
}
