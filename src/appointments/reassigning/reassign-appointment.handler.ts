import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { referenceReads } from '../command-execution/reference-reads';
import { decideReassign, ReassignAppointment } from './reassign-appointment';

@CommandHandler(ReassignAppointment)
export class ReassignAppointmentHandler implements ICommandHandler<ReassignAppointment> {
  constructor(private readonly executor: AppointmentCommandExecutor) {}

  execute({ appointmentId, request, options }: ReassignAppointment) {
    return this.executor.change('reassign', appointmentId, options, {
      // In the order they are refused in: the room, the doctor it has, the doctor it moves to.
      lookups: (stored) => ({
        ...(request.roomId === undefined ? {} : { room: referenceReads.room(request.roomId) }),
        currentDoctor: referenceReads.doctor(stored.doctorId, new Date(stored.start)),
        ...(request.doctorId === undefined ? {} : { doctor: referenceReads.doctor(request.doctorId, new Date(stored.start), true) }),
      }),
      named: { doctorIds: request.doctorId === undefined ? [] : [request.doctorId], roomIds: request.roomId === undefined ? [] : [request.roomId] },
      decide: (state, { currentDoctor, doctor }) => decideReassign({ doctor, currentDoctor, roomId: request.roomId, comment: request.comment }, state),
    });
  }
}
