import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CommitPoint, LOG_START } from '../stored-event';

export interface Checkpoint extends CommitPoint {
  status: 'running' | 'stopped';
  failedPosition: number | null;
  failure: string | null;
}

/** A checkpoint as stored; PostgreSQL hands out its bigint positions as text. */
interface CheckpointRow {
  transaction_id: string;
  position: string;
  status: Checkpoint['status'];
  failed_position: string | null;
  failure: string | null;
}

/** Another runner moved the checkpoint: this one no longer owns the subscription. */
export class CheckpointMoved extends Error {
  constructor(name: string) {
    super(`The checkpoint of ${name} was moved by another runner`);
  }
}

/** Where each subscription stands in the log, and whether it was stopped by a failure. */
@Injectable()
export class Checkpoints {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(name: string, db: EntityManager = this.dataSource.manager): Promise<Checkpoint> {
    await db.query(`insert into subscription_checkpoints (name) values ($1) on conflict (name) do nothing`, [name]);
    // The insert above makes sure the row is there.
    const [row]: CheckpointRow[] = await db.query(
      `select transaction_id::text as transaction_id, position, status, failed_position, failure
       from subscription_checkpoints where name = $1`,
      [name],
    );
    return {
      transactionId: row.transaction_id,
      position: Number(row.position),
      status: row.status,
      failedPosition: row.failed_position === null ? null : Number(row.failed_position),
      failure: row.failure,
    };
  }

  /**
   * Moves the checkpoint from `from` to `to` in the handler's transaction. The move is a
   * compare-and-set: if another runner moved it meanwhile, nothing is committed twice.
   */
  async advance(db: EntityManager, name: string, from: CommitPoint, to: CommitPoint): Promise<void> {
    // An update gives its returned rows and the count of rows it changed.
    const [, affected]: [unknown[], number] = await db.query(
      `update subscription_checkpoints
       set transaction_id = $4::xid8, position = $5, updated_at = now()
       where name = $1 and transaction_id = $2::xid8 and position = $3 and status = 'running'`,
      [name, from.transactionId, from.position, to.transactionId, to.position],
    );
    if (affected !== 1) throw new CheckpointMoved(name);
  }

  async stop(name: string, failedPosition: number, failure: string): Promise<void> {
    await this.dataSource.query(
      `update subscription_checkpoints set status = 'stopped', failed_position = $2, failure = $3, updated_at = now() where name = $1`,
      [name, failedPosition, failure],
    );
  }

  /** Lets a stopped subscription retry from its checkpoint (after the cause was fixed). */
  async resume(name: string): Promise<void> {
    await this.dataSource.query(
      `update subscription_checkpoints set status = 'running', failed_position = null, failure = null, updated_at = now() where name = $1`,
      [name],
    );
  }

  /** Sets a checkpoint outright, for a rebuild that swapped in tables built up to `to`. */
  async reset(db: EntityManager, name: string, to: CommitPoint = LOG_START): Promise<void> {
    await db.query(
      `insert into subscription_checkpoints (name, transaction_id, position) values ($1, $2::xid8, $3)
       on conflict (name) do update set transaction_id = excluded.transaction_id, position = excluded.position,
         status = 'running', failed_position = null, failure = null, updated_at = now()`,
      [name, to.transactionId, to.position],
    );
  }
}
