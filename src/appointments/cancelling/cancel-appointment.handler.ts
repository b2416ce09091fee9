import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { CancelAppointment, decideCancel } from './cancel-appointment';

@CommandHandler(CancelAppointment)
export class CancelAppointmentHandler implements ICommandHandler<CancelAppointment> {
  constructor(private readonly executor: AppointmentCommandExecutor) {}

  execute({ appointmentId, request, options }: CancelAppointment) {
    return this.executor.change('cancel', appointmentId, options, (state) => decideCancel(request.reason, state));
  }
}
