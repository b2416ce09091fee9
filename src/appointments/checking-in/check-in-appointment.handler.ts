import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { referenceReads } from '../command-execution/reference-reads';
import { CheckInAppointment, decideCheckIn } from './check-in-appointment';

@CommandHandler(CheckInAppointment)
export class CheckInAppointmentHandler implements ICommandHandler<CheckInAppointment> {
  constructor(private readonly executor: AppointmentCommandExecutor) {}

  execute({ appointmentId, options }: CheckInAppointment) {
    return this.executor.change('check-in', appointmentId, options, {
      lookups: (stored) => ({ doctor: referenceReads.doctor(stored.doctorId, new Date(stored.start)) }),
      decide: (state, { doctor }, now) => decideCheckIn(doctor, state, now),
    });
  }
}
