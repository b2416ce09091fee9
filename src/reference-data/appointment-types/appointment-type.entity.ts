import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EditableRecord } from '../editable-record';

@Entity('appointment_types')
export class AppointmentType extends EditableRecord {
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
}
