import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { ReferenceLookup } from '../command-execution/reference-lookup';
import { RescheduleAppointment } from './reschedule-appointment.command';

@CommandHandler(RescheduleAppointment)
export class RescheduleAppointmentHandler implements ICommandHandler<RescheduleAppointment> {
  constructor(
    private readonly executor: AppointmentCommandExecutor,
    private readonly lookup: ReferenceLookup,
  ) {}

  execute({ appointmentId, request, options }: RescheduleAppointment) {
    return this.executor.change('reschedule', appointmentId, options, async (state, db) => ({
      kind: 'reschedule',
      appointmentId,
      doctor: await this.lookup.doctor(db, state.doctorId),
      appointmentType: await this.lookup.appointmentType(db, state.appointmentTypeId),
      start: new Date(request.start),
      end: request.end === undefined ? undefined : new Date(request.end),
    }));
  }
}
