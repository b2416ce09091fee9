import { Column, Entity, PrimaryColumn } from 'typeorm';
import { HistoryEntry } from '../../event-store/stream-history';
import { AppointmentStatus } from '../domain/appointment.state';

/** One recorded change of an appointment (the shape of every stream's history). */
export type AppointmentHistoryEntry = HistoryEntry;

/**
 * Read table of the appointment-details projection: one row per appointment with the names of
 * its doctor, patient, room and type, and its whole history, so that a screen needs one read.
 */
@Entity('appointment_details')
export class AppointmentDetails {
  @PrimaryColumn('uuid') id: string;
  @Column('text') status: AppointmentStatus;
  @Column({ name: 'doctor_id', type: 'uuid' }) doctorId: string;
  @Column({ name: 'doctor_name', type: 'text', nullable: true }) doctorName: string | null;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId: string;
  @Column({ name: 'patient_name', type: 'text', nullable: true }) patientName: string | null;
  @Column({ name: 'room_id', type: 'uuid' }) roomId: string;
  @Column({ name: 'room_name', type: 'text', nullable: true }) roomName: string | null;
  @Column({ name: 'appointment_type_id', type: 'uuid' }) appointmentTypeId: string;
  @Column({ name: 'appointment_type_name', type: 'text', nullable: true }) appointmentTypeName: string | null;
  @Column('timestamptz') start: Date;
  @Column('timestamptz') end: Date;
  @Column({ name: 'buffer_before_minutes', type: 'int' }) bufferBeforeMinutes: number;
  @Column({ name: 'buffer_after_minutes', type: 'int' }) bufferAfterMinutes: number;
  @Column('text') title: string;
  @Column({ name: 'cancellation_reason', type: 'text', nullable: true }) cancellationReason: string | null;
  /** The recurring series the appointment is an occurrence of; null when booked alone. */
  @Column({ name: 'series_id', type: 'uuid', nullable: true }) seriesId: string | null;
  @Column('int') version: number;
  /** Global position of the last event applied to this row. */
  @Column({ name: 'last_position', type: 'bigint' }) lastPosition: string;
  /** Read only where asked for (the history endpoint): lists and single reads leave it out. */
  @Column({ type: 'jsonb', select: false }) history: AppointmentHistoryEntry[];
}
