import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('rooms')
export class Room {
  @ApiProperty({ format: 'uuid' })
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ApiProperty()
  @Column('text')
  name: string;

  /** Counts the edits: 1 when created, one more per edit. The ETag of the record. */
  @ApiProperty({ example: 1 })
  @Column({ type: 'int', default: 1 })
  version: number;

  /** False once retired: the record stays (appointments name it) but takes no new bookings. */
  @ApiProperty()
  @Column({ type: 'boolean', default: true })
  active: boolean;
}
