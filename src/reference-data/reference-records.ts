import { DeepPartial, ObjectLiteral, Repository } from 'typeorm';
import { decodeCursor, encodeCursor, NAME_CURSOR, Page, PageQuery } from '../shared/http/page';
import { RecordNotFound } from '../shared/application-errors';

/** Records a list answers with when the client names no `limit` (at most MAX_PAGE_SIZE). */
const DEFAULT_PAGE_SIZE = 50;

/** A reference record: every kind has an id and a name, the key its lists are sorted by. */
export interface NamedRecord extends ObjectLiteral {
  id: string;
  name: string;
}

/**
 * Reference data is plain CRUD (not event-sourced), through TypeORM: the same create, list and
 * get for doctors, patients, rooms and appointment types. Lists are sorted by name, then id,
 * with keyset pagination (a cursor is the last item's name and id), so a page stays stable
 * while records are added.
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

  async list(query: PageQuery): Promise<Page<E>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const builder = this.repository.createQueryBuilder('r').orderBy('r.name').addOrderBy('r.id').limit(limit + 1);
    if (query.cursor) {
      const [name, id] = decodeCursor(query.cursor, NAME_CURSOR);
      builder.where('(r.name, r.id) > (:name, :id)', { name, id });
    }
    const rows = await builder.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit ? encodeCursor([last.name, last.id]) : null };
  }

  async get(id: string): Promise<E> {
    const record = await this.repository.findOneBy({ id } as never);
    if (!record) throw new RecordNotFound(this.label, id);
    return record;
  }
}
