import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { decideNoShow, MarkNoShow } from './mark-no-show';

@CommandHandler(MarkNoShow)
export class MarkNoShowHandler implements ICommandHandler<MarkNoShow> {
  constructor(private readonly executor: AppointmentCommandExecutor) {}

  execute({ appointmentId, options }: MarkNoShow) {
    return this.executor.change('mark-no-show', appointmentId, options, (state, now) => decideNoShow(state, now));
  }
}
