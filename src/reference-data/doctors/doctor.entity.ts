import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { WorkingHours } from '../../appointments/domain/working-hours';

@Entity('doctors')
export class Doctor {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text')
  email: string;

  @Column('text')
  specialty: string;

  /** IANA timezone in which the working hours are read, e.g. Europe/Berlin. */
  @Column('text')
  timezone: string;

  @Column({ name: 'working_hours', type: 'jsonb' })
  workingHours: WorkingHours;
}
