import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Type } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { getRepositoryToken } from '@nestjs/typeorm';
import { ObjectLiteral, Repository } from 'typeorm';
import { Role } from '../shared/auth/actor';
import { Roles } from '../shared/auth/roles.decorator';
import { decodeCursor, encodeCursor, NAME_CURSOR, Page, PageQuery } from '../shared/http/page';
import { Problems } from '../shared/http/problem';

interface NamedRecord extends ObjectLiteral {
  id: string;
  name: string;
}

/**
 * Reference data is plain CRUD (not event-sourced): admins create records, the roles listed in
 * `readRoles` read them. Lists are sorted by name with keyset pagination.
 */
export function referenceDataController<E extends NamedRecord>(options: {
  path: string;
  label: string;
  entity: Type<E>;
  createDto: Type<object>;
  readRoles: Role[];
}): Type<unknown> {
  const article = /^[aeiou]/i.test(options.label) ? 'an' : 'a';
  const noun = options.label.toLowerCase();
  /** A page of the list, as the OpenAPI document shows it (DoctorPage, RoomPage...). */
  class RecordPage {
    @ApiProperty({ type: [options.entity] }) items: E[];
    @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next page; null on the last' }) nextCursor: string | null;
  }
  Object.defineProperty(RecordPage, 'name', { value: `${options.entity.name}Page` });

  @Controller(options.path)
  @ApiTags(`${options.label}s`)
  class ReferenceDataController {
    constructor(@Inject(getRepositoryToken(options.entity)) readonly records: Repository<E>) {}

    @Post()
    @ApiOperation({ summary: `Create ${article} ${noun}` })
    @HttpCode(201)
    @Roles('admin')
    @ApiBody({ type: options.createDto })
    @ApiCreatedResponse({ type: options.entity })
    async create(@Body() body: object): Promise<E> {
      return this.records.save(this.records.create(body as E));
    }

    @Get()
    @ApiOperation({ summary: `List ${noun}s by name` })
    @ApiOkResponse({ type: RecordPage })
    @Roles(...options.readRoles)
    async list(@Query() query: PageQuery): Promise<Page<E>> {
      const limit = query.limit ?? 50;
      const builder = this.records.createQueryBuilder('r').orderBy('r.name').addOrderBy('r.id').limit(limit + 1);
      if (query.cursor) {
        const [name, id] = decodeCursor(query.cursor, NAME_CURSOR);
        builder.where('(r.name, r.id) > (:name, :id)', { name, id });
      }
      const rows = await builder.getMany();
      const items = rows.slice(0, limit);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit ? encodeCursor([last.name, last.id]) : null };
    }

    @Get(':id')
    @ApiOperation({ summary: `Get ${article} ${noun}` })
    @Roles(...options.readRoles)
    @ApiOkResponse({ type: options.entity })
    async get(@Param('id', ParseUUIDPipe) id: string): Promise<E> {
      const record = await this.records.findOneBy({ id } as never);
      if (!record) throw Problems.notFound(options.label, id);
      return record;
    }
  }
  // The body type is only known per resource: give the validation pipe its DTO class.
  Reflect.defineMetadata('design:paramtypes', [options.createDto], ReferenceDataController.prototype, 'create');
  Object.defineProperty(ReferenceDataController, 'name', { value: `${options.label.replace(/\s/g, '')}Controller` });
  return ReferenceDataController;
}
