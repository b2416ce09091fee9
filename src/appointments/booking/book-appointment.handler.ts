import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotAllowed } from '../../shared/application-errors';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { SlotHolds } from '../holds/slot-holds';
import { BookAppointment } from './book-appointment';
import { bookingDecision } from './booking-decision';

/** Books directly, or converts the slot hold the request names into the appointment (one transaction). */
@CommandHandler(BookAppointment)
export class BookAppointmentHandler implements ICommandHandler<BookAppointment> {
  constructor(
    private readonly executor: AppointmentCommandExecutor,
    private readonly holds: SlotHolds,
  ) {}

  execute({ appointmentId, request, options }: BookAppointment) {
    const { actor } = options.context;
    if (actor.role === 'patient' && actor.patientId !== request.patientId) {
      throw new NotAllowed('A patient can only book appointments for themselves');
    }
    if (request.holdId !== undefined) return this.holds.convert(request.holdId, appointmentId, request, options);
    return this.executor.book(appointmentId, options, bookingDecision(appointmentId, request));
  }
}
