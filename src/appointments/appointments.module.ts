import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReservationsModule } from '../reservations/reservations.module';
import { AppointmentStates } from './appointment-states';
import { AppointmentResources } from './appointment-resource';
import { AppointmentsPatientDataScrubber } from './appointments-patient-data.scrubber';
import { BookAppointmentController } from './booking/book-appointment.controller';
import { BookAppointmentHandler } from './booking/book-appointment.handler';
import { CancelAppointmentController } from './cancelling/cancel-appointment.controller';
import { CancelAppointmentHandler } from './cancelling/cancel-appointment.handler';
import { CheckInAppointmentController } from './checking-in/check-in-appointment.controller';
import { CheckInAppointmentHandler } from './checking-in/check-in-appointment.handler';
import { AppointmentCommandExecutor } from './command-execution/appointment-command.executor';
import { IdempotencyKeys } from './command-execution/idempotency-keys';
import { TransactionAppends } from './command-execution/transaction-appends';
import { CompleteAppointmentController } from './completing/complete-appointment.controller';
import { CompleteAppointmentHandler } from './completing/complete-appointment.handler';
import { HoldExpiryDispatcher } from './holds/expiring/hold-expiry-dispatcher';
import { PlaceHoldController } from './holds/placing/place-hold.controller';
import { PlaceHoldHandler } from './holds/placing/place-hold.handler';
import { GetHoldController } from './holds/reading/get-hold.controller';
import { GetHoldHandler } from './holds/reading/get-hold.handler';
import { ReleaseHoldController } from './holds/releasing/release-hold.controller';
import { ReleaseHoldHandler } from './holds/releasing/release-hold.handler';
import { SlotHolds } from './holds/slot-holds';
import { AppointmentDetailsController } from './details/appointment-details.controller';
import { AppointmentDetails } from './details/appointment-details.entity';
import { AppointmentDetailsProjection } from './details/appointment-details.projection';
import { ListAppointmentsHandler } from './details/list-appointments.handler';
import { DoctorScheduleController } from './schedule/doctor-schedule.controller';
import { DoctorScheduleEntry } from './schedule/doctor-schedule.entity';
import { DoctorScheduleProjection } from './schedule/doctor-schedule.projection';
import { GetDoctorScheduleHandler } from './schedule/get-doctor-schedule.handler';
import { GetAppointmentHistoryHandler } from './details/get-appointment-history.handler';
import { GetAppointmentHandler } from './details/get-appointment.handler';
import { MarkNoShowController } from './no-show/mark-no-show.controller';
import { MarkNoShowHandler } from './no-show/mark-no-show.handler';
import { AppointmentRepository } from './persistence/appointment.repository';
import { AppointmentStream } from './persistence/appointment-stream';
import { ReassignAppointmentController } from './reassigning/reassign-appointment.controller';
import { ReassignAppointmentHandler } from './reassigning/reassign-appointment.handler';
import { RescheduleAppointmentController } from './rescheduling/reschedule-appointment.controller';
import { RescheduleAppointmentHandler } from './rescheduling/reschedule-appointment.handler';
import { BookAppointmentSeriesController } from './series/booking/book-appointment-series.controller';
import { BookAppointmentSeriesHandler } from './series/booking/book-appointment-series.handler';
import { OccurrenceConflicts } from './series/booking/occurrence-conflicts';
import { CancelAppointmentSeriesController } from './series/cancelling/cancel-appointment-series.controller';
import { CancelAppointmentSeriesHandler } from './series/cancelling/cancel-appointment-series.handler';
import { AppointmentSeriesController } from './series/reading/appointment-series.controller';
import { GetAppointmentSeriesHandler } from './series/reading/get-appointment-series.handler';

/** The read tables kept by this module's projections. */
export const READ_MODEL_ENTITIES = [AppointmentDetails, DoctorScheduleEntry];

@Module({
  imports: [TypeOrmModule.forFeature(READ_MODEL_ENTITIES), ReservationsModule],
  controllers: [
    BookAppointmentController,
    RescheduleAppointmentController,
    ReassignAppointmentController,
    CheckInAppointmentController,
    CompleteAppointmentController,
    MarkNoShowController,
    CancelAppointmentController,
    AppointmentDetailsController,
    DoctorScheduleController,
    BookAppointmentSeriesController,
    CancelAppointmentSeriesController,
    AppointmentSeriesController,
    PlaceHoldController,
    GetHoldController,
    ReleaseHoldController,
  ],
  providers: [
    AppointmentRepository,
    AppointmentStates,
    AppointmentStream,
    IdempotencyKeys,
    AppointmentResources,
    TransactionAppends,
    AppointmentCommandExecutor,
    SlotHolds,
    HoldExpiryDispatcher,
    PlaceHoldHandler,
    ReleaseHoldHandler,
    GetHoldHandler,
    BookAppointmentHandler,
    RescheduleAppointmentHandler,
    ReassignAppointmentHandler,
    CheckInAppointmentHandler,
    CompleteAppointmentHandler,
    MarkNoShowHandler,
    CancelAppointmentHandler,
    GetAppointmentHandler,
    GetAppointmentHistoryHandler,
    ListAppointmentsHandler,
    GetDoctorScheduleHandler,
    AppointmentDetailsProjection,
    DoctorScheduleProjection,
    AppointmentsPatientDataScrubber,
    OccurrenceConflicts,
    BookAppointmentSeriesHandler,
    CancelAppointmentSeriesHandler,
    GetAppointmentSeriesHandler,
  ],
  exports: [AppointmentRepository, AppointmentResources, AppointmentStates, AppointmentCommandExecutor, IdempotencyKeys, SlotHolds, TransactionAppends],
})
export class AppointmentsModule {}
