import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Problems } from '../../shared/http/problem';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { ReferenceLookup } from '../command-execution/reference-lookup';
import { BookAppointment } from './book-appointment.command';

@CommandHandler(BookAppointment)
export class BookAppointmentHandler implements ICommandHandler<BookAppointment> {
  constructor(
    private readonly executor: AppointmentCommandExecutor,
    private readonly lookup: ReferenceLookup,
  ) {}

  execute({ appointmentId, request, options }: BookAppointment) {
    const { actor } = options.context;
    if (actor.role === 'patient' && actor.patientId !== request.patientId) {
      throw Problems.forbidden('A patient can only book appointments for themselves');
    }
    return this.executor.create(appointmentId, options, async (db) => {
      const { doctor, appointmentType } = await this.lookup.forBooking(db, request);
      return {
        kind: 'book',
        appointmentId,
        patientId: request.patientId,
        roomId: request.roomId,
        doctor,
        appointmentType,
        start: new Date(request.start),
        end: request.end === undefined ? undefined : new Date(request.end),
        title: request.title,
      };
    });
  }
}
