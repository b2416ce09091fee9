import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { ReferenceLookup } from '../command-execution/reference-lookup';
import { decideReassign, ReassignAppointment } from './reassign-appointment';

@CommandHandler(ReassignAppointment)
export class ReassignAppointmentHandler implements ICommandHandler<ReassignAppointment> {
  constructor(
    private readonly executor: AppointmentCommandExecutor,
    private readonly lookup: ReferenceLookup,
  ) {}

  execute({ appointmentId, request, options }: ReassignAppointment) {
    return this.executor.change('reassign', appointmentId, options, async (state, db) => {
      if (request.roomId !== undefined) await this.lookup.assertRoom(db, request.roomId);
      const currentDoctor = await this.lookup.doctor(db, state.doctorId, new Date(state.start));
      const doctor = request.doctorId === undefined ? undefined : await this.lookup.doctor(db, request.doctorId, new Date(state.start), true);
      return decideReassign({ doctor, currentDoctor, roomId: request.roomId, comment: request.comment }, state);
    });
  }
}
