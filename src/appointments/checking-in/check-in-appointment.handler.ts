import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { ReferenceLookup } from '../command-execution/reference-lookup';
import { CheckInAppointment, decideCheckIn } from './check-in-appointment';

@CommandHandler(CheckInAppointment)
export class CheckInAppointmentHandler implements ICommandHandler<CheckInAppointment> {
  constructor(
    private readonly executor: AppointmentCommandExecutor,
    private readonly lookup: ReferenceLookup,
  ) {}

  execute({ appointmentId, options }: CheckInAppointment) {
    return this.executor.change('check-in', appointmentId, options, async (state, db, now) => decideCheckIn(await this.lookup.doctor(db, state.doctorId, new Date(state.start)), state, now));
  }
}
