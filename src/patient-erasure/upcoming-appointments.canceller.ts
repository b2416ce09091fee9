import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CancelAppointment } from '../appointments/cancelling/cancel-appointment';
import { AppointmentNotFound, InvalidTransition } from '../appointments/domain/appointment.errors';
import { PATIENT_ERASED_REASON } from '../appointments/domain/appointment.events';
import { Clock } from '../shared/clock';
import { RequestContext } from '../shared/request-context';

/** What the cancellations appended: their event ids and the last position. */
export interface ErasureCancellations {
  eventIds: string[];
  lastPosition: number | null;
}

/**
 * Cancels an erased patient's upcoming appointments, so that they stop holding their doctors'
 * and rooms' slots. Each goes through the ordinary cancel command: its event, the release of its
 * reservation and its notifications happen as for any cancellation, in one transaction per
 * appointment. Appointments that have started (or ended) are history and stay as they are.
 */
@Injectable()
export class UpcomingAppointmentsCanceller {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly commandBus: CommandBus,
    private readonly clock: Clock,
  ) {}

  async cancelUpcoming(patientId: string, context: RequestContext): Promise<ErasureCancellations> {
    const positions: number[] = [];
    for (const appointmentId of await this.upcoming(patientId)) {
      try {
        const outcome = await this.commandBus.execute(
          new CancelAppointment(appointmentId, { reason: PATIENT_ERASED_REASON }, { commandId: randomUUID(), context }),
        );
        positions.push(outcome.position);
      } catch (error) {
        // Cancelled, completed or marked a no-show meanwhile: it holds no slot any more.
        if (error instanceof InvalidTransition || error instanceof AppointmentNotFound) continue;
        throw error;
      }
    }
    if (positions.length === 0) return { eventIds: [], lastPosition: null };
    const rows: Array<{ event_id: string }> = await this.dataSource.query(`select event_id from events where position = any($1::bigint[])`, [positions]);
    return { eventIds: rows.map((row) => row.event_id), lastPosition: Math.max(...positions) };
  }

  /**
   * The patient's appointments that still hold a reservation (booked or checked in) and have not
   * started: the reservation table is the write side's own, exact list of who holds which slot;
   * the start is the one the appointment's last event records.
   */
  private async upcoming(patientId: string): Promise<string[]> {
    const rows: Array<{ appointment_id: string }> = await this.dataSource.query(
      `select r.reserved_by as appointment_id
       from reservations r
       cross join lateral (
         select (e.data->>'start')::timestamptz as start from events e
         where e.aggregate_id = r.reserved_by order by e.version desc limit 1
       ) latest
       where r.patient_id = $1 and r.kind = 'appointment' and latest.start > $2
       order by latest.start`,
      [patientId, this.clock.now()],
    );
    return rows.map((row) => row.appointment_id);
  }
}
