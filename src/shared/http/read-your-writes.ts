import { ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators, CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata, Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Reflector } from '@nestjs/core';
import { IsOptional } from 'class-validator';
import { catchError, from, Observable, switchMap, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ReadDatabase } from '../../database/read-database';
import { isDatabaseUnavailable } from '../database-errors';
import { ReadSideProgress } from '../../event-store/subscriptions/read-side-progress';
import { integerParam, IsIntegerParam } from './integer-param.validator';
import { Problems } from './problem';
import { MarkRoute } from './route-contract';
import { ClinicRequest } from './request-context';
import { createValidationPipe } from './validation.pipe';

/** The arguments validated before the wait, by the kind Nest records for them. */
const VALIDATED_FIRST = new Map<number, 'query' | 'param'>([
  [RouteParamtypes.QUERY, 'query'],
  [RouteParamtypes.PARAM, 'param'],
]);

const READS_FROM = 'clinic:reads-from';

/** A query served by these subscriptions' read tables: it honours `minPosition`. */
export const ReadsFrom = (...subscriptions: string[]) => applyDecorators(SetMetadata(READS_FROM, subscriptions), MarkRoute('readTable'));

/** Query parameters of every read-table query. */
export class ReadQuery {
  /** Wait (briefly) until the read side has applied this event position (a command's X-Event-Position). */
  @ApiPropertyOptional()
  @IsOptional() @IsIntegerParam(1, Number.MAX_SAFE_INTEGER)
  minPosition?: number;
}

function positionOf(request: ClinicRequest & { query?: Record<string, unknown> }): number | undefined {
  const fromQuery = request.query?.minPosition;
  const raw = fromQuery ?? request.headers['x-min-position'];
  if (raw === undefined) return undefined;
  const position = integerParam(raw, 1, Number.MAX_SAFE_INTEGER);
  if (position === undefined) {
    const field = fromQuery === undefined ? 'X-Min-Position' : 'minPosition';
    const message = `${field} must be an integer from 1 to ${Number.MAX_SAFE_INTEGER}`;
    throw Problems.badRequest(message, [{ field, message }]);
  }
  return position;
}

/**
 * Read-your-writes for eventually consistent reads: with `?minPosition=N` or
 * `X-Min-Position: N`, the query waits until its read tables have applied position N, at most
 * READ_WAIT_MS, and answers 503 with Retry-After if they have not.
 *
 * With a read replica, the request is pinned to the database its read tables are read from
 * (ReadDatabase): the replica while it is within its lag bound and, with a position, once it
 * has applied it there; the primary otherwise. A query the replica fails to answer because it
 * went away is answered again by the primary (queries change nothing, so running one twice is harmless).
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly reflector: Reflector,
    private readonly progress: ReadSideProgress,
    private readonly reads: ReadDatabase,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const subscriptions = this.reflector.get<string[] | undefined>(READS_FROM, context.getHandler());
    if (!subscriptions) return next.handle();
    const position = positionOf(context.switchToHttp().getRequest());
    if (position === undefined) return this.readOn(this.reads.current(), next);
    return from(this.validateFirst(context).then(() => this.progress.databaseFor(subscriptions, position, this.config.readWaitMs))).pipe(
      switchMap((database) => {
        if (!database) throw Problems.readSideBehind(position);
        return this.readOn(database, next);
      }),
    );
  }

  /** The route's handler with its reads on `database`; on the primary again if the replica went away under it. */
  private readOn(database: DataSource, next: CallHandler): Observable<unknown> {
    const pinned = (on: DataSource) => new Observable<unknown>((subscriber) => this.reads.within(on, () => next.handle().subscribe(subscriber)));
    if (!this.reads.isReplica(database)) return pinned(database);
    return pinned(database).pipe(
      catchError((error: unknown) => {
        if (!isDatabaseUnavailable(error)) return throwError(() => error);
        this.reads.replicaFailed(error);
        return pinned(this.reads.primary);
      }),
    );
  }

  /**
   * Interceptors run before the route's pipes: the route's query and path parameters are
   * validated here first, so that a request that can never succeed is a 400 at once rather than
   * a wait for a position that may never come (the pipes run again afterwards, cheaply).
   */
  private async validateFirst(context: ExecutionContext): Promise<void> {
    const request = context.switchToHttp().getRequest<{ query?: Record<string, unknown>; params?: Record<string, unknown> }>();
    const handler = context.getHandler().name;
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), handler) ?? {}) as Record<string, { index: number; data?: string }>;
    const types = (Reflect.getMetadata('design:paramtypes', context.getClass().prototype as object, handler) ?? []) as Array<Type<unknown>>;
    for (const [key, { index, data }] of Object.entries(args)) {
      // Nest keys a route's arguments `<RouteParamtypes>:<index>`.
      const source = VALIDATED_FIRST.get(Number(key.split(':')[0]));
      if (!source) continue;
      const values = (source === 'query' ? request.query : request.params) ?? {};
      await this.validation.transform(data ? values[data] : values, { type: source, metatype: types[index], data });
    }
  }
}
