import { Column, Entity, PrimaryColumn } from 'typeorm';
import { AppointmentStatus } from '../domain/appointment.state';

/**
 * Read table of the doctor-schedule projection: every appointment filed under its doctor and
 * the doctor's local date, with the range it occupies (buffers included) for free-slot search.
 */
@Entity('doctor_schedule')
export class DoctorScheduleEntry {
  @PrimaryColumn({ name: 'appointment_id', type: 'uuid' }) appointmentId: string;
  @Column({ name: 'doctor_id', type: 'uuid' }) doctorId: string;
  /** The calendar date of the start in the doctor's timezone. */
  @Column({ name: 'local_date', type: 'date' }) localDate: string;
  @Column('timestamptz') start: Date;
  @Column('timestamptz') end: Date;
  @Column({ name: 'buffer_before_minutes', type: 'int' }) bufferBeforeMinutes: number;
  @Column({ name: 'buffer_after_minutes', type: 'int' }) bufferAfterMinutes: number;
  @Column('text') status: AppointmentStatus;
  @Column({ name: 'patient_id', type: 'uuid' }) patientId: string;
  @Column({ name: 'patient_name', type: 'text', nullable: true }) patientName: string | null;
  @Column({ name: 'room_id', type: 'uuid' }) roomId: string;
  @Column({ name: 'room_name', type: 'text', nullable: true }) roomName: string | null;
  @Column({ name: 'appointment_type_id', type: 'uuid' }) appointmentTypeId: string;
  @Column({ name: 'appointment_type_name', type: 'text', nullable: true }) appointmentTypeName: string | null;
  @Column('text') title: string;
  @Column('int') version: number;
}
