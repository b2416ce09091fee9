import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandHandling } from '../../event-store/command-handling';
import { NotAllowed } from '../../shared/application-errors';
import { Clock } from '../../shared/clock';
import { AppointmentCommandExecutor } from '../command-execution/appointment-command.executor';
import { assertHolderMayEnd } from '../holds/holder-ending';
import { SlotHolds } from '../holds/slot-holds';
import { BookAppointment } from './book-appointment';
import { bookingDecision } from './booking-decision';

/** Books directly, or converts the slot hold the request names into the appointment (one transaction); a waitlist offer's hold is booked by accepting the offer (409). */
@CommandHandler(BookAppointment)
export class BookAppointmentHandler implements ICommandHandler<BookAppointment> {
  constructor(
    private readonly executor: AppointmentCommandExecutor,
    private readonly holds: SlotHolds,
    private readonly commands: CommandHandling,
    private readonly clock: Clock,
  ) {}

  async execute({ appointmentId, request, options }: BookAppointment) {
    const { actor } = options.context;
    if (actor.role === 'patient' && actor.patientId !== request.patientId) {
      throw new NotAllowed('A patient can only book appointments for themselves');
    }
    if (request.holdId !== undefined) {
      await assertHolderMayEnd(this.commands, this.clock, actor, request.holdId);
      return this.holds.convert(request.holdId, appointmentId, request, options);
    }
    return this.executor.book(appointmentId, options, bookingDecision(appointmentId, request));
  }
}
