import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('appointment_types')
export class AppointmentType {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column({ name: 'duration_minutes', type: 'int' })
  durationMinutes: number;

  /** Minutes the doctor, room and patient stay blocked before the appointment starts. */
  @Column({ name: 'buffer_before_minutes', type: 'int' })
  bufferBeforeMinutes: number;

  /** Minutes they stay blocked after it ends (cleaning, notes). */
  @Column({ name: 'buffer_after_minutes', type: 'int' })
  bufferAfterMinutes: number;
}
