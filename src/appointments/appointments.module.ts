import { Module } from '@nestjs/common';
import { AppointmentViews } from './appointment-view';
import { BookAppointmentController } from './booking/book-appointment.controller';
import { BookAppointmentHandler } from './booking/book-appointment.handler';
import { CancelAppointmentController } from './cancelling/cancel-appointment.controller';
import { CancelAppointmentHandler } from './cancelling/cancel-appointment.handler';
import { CheckInAppointmentController } from './checking-in/check-in-appointment.controller';
import { CheckInAppointmentHandler } from './checking-in/check-in-appointment.handler';
import { AppointmentCommandExecutor } from './command-execution/appointment-command.executor';
import { IdempotencyKeys } from './command-execution/idempotency-keys';
import { ReferenceLookup } from './command-execution/reference-lookup';
import { CompleteAppointmentController } from './completing/complete-appointment.controller';
import { CompleteAppointmentHandler } from './completing/complete-appointment.handler';
import { AppointmentDetailsController } from './details/appointment-details.controller';
import { GetAppointmentHistoryHandler } from './details/get-appointment-history.handler';
import { GetAppointmentHandler } from './details/get-appointment.handler';
import { MarkNoShowController } from './no-show/mark-no-show.controller';
import { MarkNoShowHandler } from './no-show/mark-no-show.handler';
import { AppointmentRepository } from './persistence/appointment.repository';
import { Reservations } from './persistence/reservations';
import { ReassignAppointmentController } from './reassigning/reassign-appointment.controller';
import { ReassignAppointmentHandler } from './reassigning/reassign-appointment.handler';
import { RescheduleAppointmentController } from './rescheduling/reschedule-appointment.controller';
import { RescheduleAppointmentHandler } from './rescheduling/reschedule-appointment.handler';

@Module({
  controllers: [
    BookAppointmentController,
    RescheduleAppointmentController,
    ReassignAppointmentController,
    CheckInAppointmentController,
    CompleteAppointmentController,
    MarkNoShowController,
    CancelAppointmentController,
    AppointmentDetailsController,
  ],
  providers: [
    AppointmentRepository,
    Reservations,
    IdempotencyKeys,
    ReferenceLookup,
    AppointmentViews,
    AppointmentCommandExecutor,
    BookAppointmentHandler,
    RescheduleAppointmentHandler,
    ReassignAppointmentHandler,
    CheckInAppointmentHandler,
    CompleteAppointmentHandler,
    MarkNoShowHandler,
    CancelAppointmentHandler,
    GetAppointmentHandler,
    GetAppointmentHistoryHandler,
  ],
})
export class AppointmentsModule {}
