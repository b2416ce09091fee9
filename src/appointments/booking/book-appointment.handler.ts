import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotAllowed } from '../../shared/application-errors';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { referenceReads } from '../command-execution/reference-reads';
import { BookAppointment, decideBooking } from './book-appointment';

@CommandHandler(BookAppointment)
export class BookAppointmentHandler implements ICommandHandler<BookAppointment> {
  constructor(private readonly executor: AppointmentCommandExecutor) {}

  execute({ appointmentId, request, options }: BookAppointment) {
    const { actor } = options.context;
    if (actor.role === 'patient' && actor.patientId !== request.patientId) {
      throw new NotAllowed('A patient can only book appointments for themselves');
    }
    const { doctorId, roomId, patientId, appointmentTypeId } = request;
    return this.executor.book(appointmentId, options, {
      holders: { doctorId, roomId, patientId, appointmentTypeId },
      lookups: { terms: referenceReads.booking(request) },
      decide: ({ terms: { doctor, appointmentType } }, now) => {
        const { start, end, title } = request;
        return decideBooking({ appointmentId, patientId, roomId, start, end, title, doctor, appointmentType }, null, now);
      },
    });
  }
}
