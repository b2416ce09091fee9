import { randomUUID } from 'node:crypto';
import {
  AppointmentCancelled,
  AppointmentCheckedIn,
  AppointmentCompleted,
  AppointmentCreated,
  AppointmentCreatedData,
  AppointmentFacts,
  AppointmentNoShowRecorded,
  AppointmentReassigned,
  AppointmentRescheduled,
} from '../../../src/appointments/domain/appointment.events';
import { AppointmentStatus } from '../../../src/appointments/domain/appointment.state';
import { demo } from '../../support/demo';

/**
 * The events of one appointment of the demo clinic, told in order: each event carries the
 * appointment as it stands after it (as the command side writes them), so the story keeps the
 * current facts and status. By default a consultation of Mia Schneider with Dr. Weber in
 * consultation room 1, Monday 2027-03-22 09:00–09:20 Berlin (08:00–08:20 UTC).
 */
export class AppointmentStory {
  readonly id = randomUUID();
  private facts: AppointmentFacts;
  private status: AppointmentStatus = 'booked';

  constructor(private readonly booking: Omit<AppointmentCreatedData, 'appointmentId'>) {
    this.facts = {
      appointmentId: this.id,
      doctorId: booking.doctorId,
      patientId: booking.patientId,
      roomId: booking.roomId,
      appointmentTypeId: booking.appointmentTypeId,
      start: booking.start,
      end: booking.end,
    };
  }

  /** The facts after the events told so far. */
  get now(): AppointmentFacts {
    return { ...this.facts };
  }

  booked(): AppointmentCreated {
    return new AppointmentCreated({ ...this.booking, ...this.facts });
  }

  rescheduled(start: string, end: string): AppointmentRescheduled {
    const previous = this.facts;
    this.facts = { ...previous, start, end };
    return new AppointmentRescheduled({ ...this.facts, previousStart: previous.start, previousEnd: previous.end });
  }

  reassigned(to: { doctorId?: string; roomId?: string }, comment: string): AppointmentReassigned {
    const previous = this.facts;
    this.facts = { ...previous, doctorId: to.doctorId ?? previous.doctorId, roomId: to.roomId ?? previous.roomId };
    return new AppointmentReassigned({ ...this.facts, previousDoctorId: previous.doctorId, previousRoomId: previous.roomId, comment });
  }

  checkedIn(checkedInAt: string): AppointmentCheckedIn {
    this.status = 'checked-in';
    return new AppointmentCheckedIn({ ...this.facts, checkedInAt });
  }

  completed(completedAt: string): AppointmentCompleted {
    this.status = 'fulfilled';
    return new AppointmentCompleted({ ...this.facts, completedAt });
  }

  noShow(recordedAt: string): AppointmentNoShowRecorded {
    this.status = 'noshow';
    return new AppointmentNoShowRecorded({ ...this.facts, recordedAt });
  }

  cancelled(reason: string): AppointmentCancelled {
    if (this.status !== 'booked' && this.status !== 'checked-in') throw new Error(`A ${this.status} appointment cannot be cancelled`);
    const previousStatus = this.status;
    this.status = 'cancelled';
    return new AppointmentCancelled({ ...this.facts, reason, previousStatus });
  }
}

/** A new appointment of the demo clinic; see AppointmentStory for the defaults. */
export function anAppointment(overrides: Partial<Omit<AppointmentCreatedData, 'appointmentId'>> = {}): AppointmentStory {
  return new AppointmentStory({
    doctorId: demo.weber.id,
    patientId: demo.mia.id,
    roomId: demo.room1.id,
    appointmentTypeId: demo.consultation.id,
    start: '2027-03-22T08:00:00.000Z',
    end: '2027-03-22T08:20:00.000Z',
    title: 'Persistent cough',
    bufferBeforeMinutes: demo.consultation.bufferBeforeMinutes,
    bufferAfterMinutes: demo.consultation.bufferAfterMinutes,
    ...overrides,
  });
}
