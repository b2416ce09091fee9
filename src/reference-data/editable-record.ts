import { ApiProperty } from '@nestjs/swagger';
import { Column } from 'typeorm';

/**
 * The columns every kind of reference record has for editing and retiring it (each entity's
 * table has its own; TypeORM's concrete table inheritance).
 */
export abstract class EditableRecord {
  /** Counts the edits: 1 when created, one more per edit. The ETag of the record. */
  @ApiProperty({ example: 1 })
  @Column({ type: 'int', default: 1 })
  version: number;

  /** False once retired: the record stays (appointments name it) but takes no new bookings. */
  @ApiProperty()
  @Column({ type: 'boolean', default: true })
  active: boolean;
}
