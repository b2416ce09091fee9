import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Clock } from '../../shared/clock';
import { PeriodicRounds } from '../../shared/periodic-rounds';
import { composeAppointmentEmail } from '../email/appointment-emails';
import { EmailOutbox } from '../email/email-outbox';
import { EmailSender } from '../email/email-sender';
import { parseMailbox } from '../email/mail-identity';

interface DueReminder {
  appointment_id: string;
  start: Date;
  version: number;
}

/** What a reminder says of its appointment: the details row and the names it refers to. */
interface ReminderDetails {
  end: Date;
  title: string;
  patient_id: string;
  patient_name: string;
  patient_email: string;
  doctor_name: string;
  timezone: string;
  room_name: string;
  type_name: string;
}

/**
 * Turns due reminders into outbox messages, once each: the reminder is marked sent in the
 * transaction that writes the message. It runs on the injected clock and catches up after a
 * restart (whatever fell due while the app was down goes out, as long as the appointment has
 * not started). Only an appointment that still holds its reservation (booked or checked in,
 * on the write side) is reminded, so a cancellation the read side has not seen yet still
 * stops its reminder.
 */
@Injectable()
export class ReminderDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private readonly rounds: PeriodicRounds;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: EmailOutbox,
    private readonly sender: EmailSender,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.rounds = new PeriodicRounds('Reminder', this.logger, config.reminderCheckMs, () => this.dispatchDue());
  }

  onApplicationBootstrap(): void {
    if (this.config.runSubscriptions) this.rounds.start();
  }

  /** Runs while the database pool is still open, so the last checkpoints and sends are saved. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.rounds.stop();
    this.logger.log('Reminder dispatcher stopped');
  }

  /** Sends every reminder due at the clock's now; returns how many were written. */
  async dispatchDue(): Promise<number> {
    const now = this.clock.now();
    const count = await this.dataSource.transaction(async (db) => {
      const due: DueReminder[] = await db.query(
        `select r.appointment_id, r.start, r.version from reminders r
         join reservations res on res.reserved_by = r.appointment_id
         where r.sent_at is null and r.due_at <= $1 and r.start > $1
         order by r.due_at limit 100 for update of r skip locked`,
        [now],
      );
      for (const reminder of due) await this.remind(db, reminder, now);
      return due.length;
    });
    if (count > 0) this.sender.wake();
    return count;
  }

  private async remind(db: EntityManager, reminder: DueReminder, now: Date): Promise<void> {
    const [row] = await db.query<Array<ReminderDetails | undefined>>(
      `select a.end, a.title, a.patient_id, p.name as patient_name, p.email as patient_email,
              d.name as doctor_name, d.timezone, r.name as room_name, t.name as type_name
       from appointment_details a
       join patients p on p.id = a.patient_id
       join doctors d on d.id = a.doctor_id
       join rooms r on r.id = a.room_id
       join appointment_types t on t.id = a.appointment_type_id
       where a.id = $1`,
      [reminder.appointment_id],
    );
    // The details row lags behind the reminder at most briefly: try again next round.
    if (!row) return;
    const start = reminder.start.toISOString();
    const email = composeAppointmentEmail({
      kind: 'reminder',
      appointmentId: reminder.appointment_id,
      version: reminder.version,
      occurredAt: now.toISOString(),
      start,
      end: new Date(row.end).toISOString(),
      timezone: row.timezone,
      doctorName: row.doctor_name,
      roomName: row.room_name,
      appointmentTypeName: row.type_name,
      title: row.title,
      recipient: { name: row.patient_name, email: row.patient_email, role: 'patient' },
      patientName: row.patient_name,
      clinic: parseMailbox(this.config.mailFrom),
      author: null,
    });
    await this.outbox.add(db, `reminder:${reminder.appointment_id}:${start}`, reminder.appointment_id, null, email);
    await db.query(`update reminders set sent_at = $2 where appointment_id = $1`, [reminder.appointment_id, now]);
  }
}
