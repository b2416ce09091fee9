import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('appointment_types')
export class AppointmentType {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty()
  @Column('text')
  name: string;

  @ApiProperty()
  @Column({ name: 'duration_minutes', type: 'int' })
  durationMinutes: number;

  /** Minutes the doctor, room and patient stay blocked before the appointment starts. */
  @ApiProperty()
  @Column({ name: 'buffer_before_minutes', type: 'int' })
  bufferBeforeMinutes: number;

  /** Minutes they stay blocked after it ends (cleaning, notes). */
  @ApiProperty()
  @Column({ name: 'buffer_after_minutes', type: 'int' })
  bufferAfterMinutes: number;

  /** Counts the edits: 1 when created, one more per edit. The ETag of the record. */
  @ApiProperty({ example: 1 })
  @Column({ type: 'int', default: 1 })
  version: number;

  /** False once retired: the record stays (appointments name it) but takes no new bookings. */
  @ApiProperty()
  @Column({ type: 'boolean', default: true })
  active: boolean;
}
