import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { ReferenceLookup } from '../command-execution/reference-lookup';
import { decideReschedule, RescheduleAppointment } from './reschedule-appointment';

@CommandHandler(RescheduleAppointment)
export class RescheduleAppointmentHandler implements ICommandHandler<RescheduleAppointment> {
  constructor(
    private readonly executor: AppointmentCommandExecutor,
    private readonly lookup: ReferenceLookup,
  ) {}

  execute({ appointmentId, request, options }: RescheduleAppointment) {
    return this.executor.change('reschedule', appointmentId, options, async (state, db, now) => {
      const doctor = await this.lookup.doctor(db, state.doctorId, request.start);
      const appointmentType = await this.lookup.appointmentType(db, state.appointmentTypeId);
      return decideReschedule({ ...request, doctor, appointmentType }, state, now);
    });
  }
}
