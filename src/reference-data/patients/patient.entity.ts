import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('patients')
export class Patient {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty()
  @Column('text')
  name: string;

  @ApiProperty()
  @Column('text')
  email: string;

  @ApiProperty({ type: String, nullable: true })
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  /** Counts the edits: 1 when created, one more per edit. The ETag of the record. */
  @ApiProperty({ example: 1 })
  @Column({ type: 'int', default: 1 })
  version: number;

  /** False once retired: the record stays (appointments name it) but takes no new bookings. */
  @ApiProperty()
  @Column({ type: 'boolean', default: true })
  active: boolean;
}
