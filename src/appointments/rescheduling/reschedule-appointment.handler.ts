import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { referenceReads } from '../command-execution/reference-reads';
import { decideReschedule, RescheduleAppointment } from './reschedule-appointment';

@CommandHandler(RescheduleAppointment)
export class RescheduleAppointmentHandler implements ICommandHandler<RescheduleAppointment> {
  constructor(private readonly executor: AppointmentCommandExecutor) {}

  execute({ appointmentId, request, options }: RescheduleAppointment) {
    return this.executor.change('reschedule', appointmentId, options, {
      lookups: (stored) => ({ doctor: referenceReads.doctor(stored.doctorId, request.start), appointmentType: referenceReads.appointmentType(stored.appointmentTypeId) }),
      decide: (state, { doctor, appointmentType }, now) => decideReschedule({ ...request, doctor, appointmentType }, state, now),
    });
  }
}
