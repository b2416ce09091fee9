import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Roles } from '../../../shared/auth/roles.decorator';
import { NoFieldsPipe } from '../../../shared/http/no-fields.pipe';
import { Context } from '../../../shared/http/request-context.decorator';
import { RequestContext } from '../../../shared/request-context';
import { CalendarTokenEntry, IssueCalendarToken, ListCalendarTokens, RevokeCalendarToken } from './calendar-tokens';

class IssuedCalendarTokenResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'The secret of the feed URL, shown this once (only its SHA-256 is kept)' }) token: string;
  @ApiProperty({ description: 'The feed URL with the token, for a calendar app' }) url: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class CalendarTokenResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'The user who issued it' }) createdBy: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
}

class CalendarTokenPage {
  @ApiProperty({ type: [CalendarTokenResponse] }) items: CalendarTokenEntry[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: a doctor has few tokens, all on one page' }) nextCursor: null;
}

/** `/doctors/:id/calendar-tokens`: the doctor themself, staff and admins issue, list and revoke feed tokens. */
@Controller('doctors')
@ApiTags('Doctors')
export class CalendarTokensController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post(':id/calendar-tokens')
  @HttpCode(201)
  @ApiOperation({ summary: "Issue a token for a doctor's calendar feed (its secret is shown once)" })
  @ApiCreatedResponse({ type: IssuedCalendarTokenResponse })
  @Roles('admin', 'staff', 'doctor')
  issue(@Param('id', ParseUUIDPipe) id: string, @Body(NoFieldsPipe) _body: unknown, @Req() request: FastifyRequest, @Context() context: RequestContext) {
    return this.commandBus.execute(new IssueCalendarToken(id, `${request.protocol}://${request.host}`, context));
  }

  @Get(':id/calendar-tokens')
  @ApiOperation({ summary: "List a doctor's calendar feed tokens (without their secrets)" })
  @ApiOkResponse({ type: CalendarTokenPage })
  @Roles('admin', 'staff', 'doctor')
  list(@Param('id', ParseUUIDPipe) id: string, @Context() context: RequestContext) {
    return this.queryBus.execute(new ListCalendarTokens(id, context));
  }

  @Delete(':id/calendar-tokens/:tokenId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a calendar feed token (final: its feed URL stops working)' })
  @ApiParam({ name: 'tokenId', type: String, format: 'uuid' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @Roles('admin', 'staff', 'doctor')
  async revoke(@Param('id', ParseUUIDPipe) id: string, @Param('tokenId', ParseUUIDPipe) tokenId: string, @Context() context: RequestContext): Promise<void> {
    await this.commandBus.execute(new RevokeCalendarToken(id, tokenId, context));
  }
}
