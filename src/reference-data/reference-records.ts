import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { DeepPartial, ObjectLiteral, Repository } from 'typeorm';
import { StaleVersion } from '../event-store/command-errors';
import { EditableRecord } from './editable-record';
import { Actor } from '../shared/auth/actor';
import { NotAllowed, RecordNotFound } from '../shared/application-errors';
import { IsBooleanParam } from '../shared/http/boolean-param.validator';
import { decodeCursor, encodeCursor, NAME_CURSOR, Page, PageQuery } from '../shared/http/page';

/** Records a list answers with when the client names no `limit` (at most MAX_PAGE_SIZE). */
const DEFAULT_PAGE_SIZE = 50;

/** A reference record: every kind has an id and a name, the key its lists are sorted by, and is editable (version, active). */
export interface NamedRecord extends EditableRecord, ObjectLiteral {
  id: string;
  name: string;
}

/** `?limit=&cursor=&includeInactive=` of the reference-data lists. */
export class ReferenceListQuery extends PageQuery {
  /** Retired records too (admin and staff only); a list leaves them out by default. */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional() @IsBooleanParam()
  includeInactive?: boolean;
}

/** `text` matched literally by LIKE: its wildcards (`%`, `_`) and the escape character escaped. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Who looks after the directory, and so may list retired records. */
const SEES_RETIRED: ReadonlyArray<Actor['role']> = ['admin', 'staff'];

/**
 * Reference data is plain CRUD (not event-sourced), through TypeORM: the same create, list,
 * get and edit for doctors, patients, rooms and appointment types. Lists are sorted by name,
 * then id, with keyset pagination (a cursor is the last item's name and id), so a page stays
 * stable while records are added.
 */
export class ReferenceRecords<E extends NamedRecord> {
  /** `label` names the kind in a 404's detail ("Doctor <id> does not exist"). */
  constructor(
    private readonly repository: Repository<E>,
    private readonly label: string,
  ) {}

  async create(fields: DeepPartial<E>): Promise<E> {
    return this.repository.save(this.repository.create(fields));
  }

  /**
   * Active records only, unless `includeInactive` (which patients and doctors may not ask for);
   * with `nameContains`, only those whose name contains it, whatever the case.
   */
  async list(query: ReferenceListQuery, actor: Actor, filter: { nameContains?: string } = {}): Promise<Page<E>> {
    if (query.includeInactive && !SEES_RETIRED.includes(actor.role)) throw new NotAllowed('Only admin and staff list retired records');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const builder = this.repository.createQueryBuilder('r').orderBy('r.name').addOrderBy('r.id').limit(limit + 1);
    if (!query.includeInactive) builder.andWhere('r.active');
    if (filter.nameContains !== undefined) builder.andWhere("r.name ILIKE :pattern ESCAPE '\\'", { pattern: `%${likeLiteral(filter.nameContains)}%` });
    if (query.cursor) {
      const [name, id] = decodeCursor(query.cursor, NAME_CURSOR);
      builder.andWhere('(r.name, r.id) > (:name, :id)', { name, id });
    }
    const rows = await builder.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor([last.name, last.id]) : null };
  }

  /** A record by id, retired or not. */
  async get(id: string): Promise<E> {
    const record = await this.repository.findOneBy({ id } as never);
    if (!record) throw new RecordNotFound(this.label, id);
    return record;
  }

  /**
   * Applies `changes` and counts one more version. The record's row is locked for the edit, so
   * that concurrent edits apply one after the other, none lost, each on the version the one
   * before left; `ifMatch` (the versions the client accepts) is checked under that lock.
   */
  async edit(id: string, changes: DeepPartial<E>, ifMatch: readonly number[] | undefined): Promise<E> {
    return this.repository.manager.transaction(async (db) => {
      const repository = db.getRepository<E>(this.repository.target);
      const current = await repository.findOne({ where: { id } as never, lock: { mode: 'pessimistic_write' } });
      if (!current) throw new RecordNotFound(this.label, id);
      if (ifMatch && !ifMatch.includes(current.version)) throw new StaleVersion(this.label, ifMatch, current.version);
      return repository.save(repository.merge(current, changes, { version: current.version + 1 } as DeepPartial<E>));
    });
  }
}
