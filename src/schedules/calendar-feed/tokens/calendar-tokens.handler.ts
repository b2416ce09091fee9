import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { doctorFor } from '../../../appointments/schedule/doctor-day';
import { RecordNotFound } from '../../../shared/application-errors';
import { Clock } from '../../../shared/clock';
import { feedPath } from '../feed/calendar-feed';
import { IssueCalendarToken, IssuedCalendarToken, ListCalendarTokens, newCalendarToken, RevokeCalendarToken } from './calendar-tokens';
import { CalendarTokenStore } from './calendar-tokens.store';

/** Issues a feed token for a doctor (the doctor themself, staff, admin; another doctor's: 404). */
@CommandHandler(IssueCalendarToken)
export class IssueCalendarTokenHandler implements ICommandHandler<IssueCalendarToken> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: CalendarTokenStore,
    private readonly clock: Clock,
  ) {}

  async execute({ doctorId, origin, context }: IssueCalendarToken): Promise<IssuedCalendarToken> {
    await doctorFor(this.dataSource.manager, doctorId, context.actor);
    const { token, hash } = newCalendarToken();
    const entry = await this.tokens.add(doctorId, hash, context.actor.userId, this.clock.now());
    return { id: entry.id, token, url: `${origin}${feedPath(doctorId, token)}`, createdAt: entry.createdAt };
  }
}

@QueryHandler(ListCalendarTokens)
export class ListCalendarTokensHandler implements IQueryHandler<ListCalendarTokens> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: CalendarTokenStore,
  ) {}

  async execute({ doctorId, context }: ListCalendarTokens) {
    await doctorFor(this.dataSource.manager, doctorId, context.actor);
    // A doctor has a handful of tokens: one page holds them all.
    return { items: await this.tokens.list(doctorId), nextCursor: null };
  }
}

@CommandHandler(RevokeCalendarToken)
export class RevokeCalendarTokenHandler implements ICommandHandler<RevokeCalendarToken> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: CalendarTokenStore,
    private readonly clock: Clock,
  ) {}

  async execute({ doctorId, tokenId, context }: RevokeCalendarToken): Promise<void> {
    await doctorFor(this.dataSource.manager, doctorId, context.actor);
    if (!(await this.tokens.revoke(doctorId, tokenId, this.clock.now()))) throw new RecordNotFound('Calendar token', tokenId);
  }
}
