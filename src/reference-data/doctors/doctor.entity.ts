import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EditableRecord } from '../editable-record';
import { WorkingHours } from '../../appointments/domain/working-hours';

@Entity('doctors')
export class Doctor extends EditableRecord {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty()
  @Column('text')
  name: string;

  @ApiProperty()
  @Column('text')
  email: string;

  @ApiProperty()
  @Column('text')
  specialty: string;

  /** IANA timezone in which the working hours are read, e.g. Europe/Berlin. */
  @ApiProperty()
  @Column('text')
  timezone: string;

  /**
   * The hours the doctor was created with, in force until the first change of hours takes
   * effect (doctor_working_hours); responses show the hours in force today (DoctorRecord).
   */
  @ApiProperty({ example: { mon: [['09:00', '12:00'], ['13:00', '17:00']] } })
  @Column({ name: 'working_hours', type: 'jsonb' })
  workingHours: WorkingHours;
}
