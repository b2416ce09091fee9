import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { Roles } from '../shared/auth/roles.decorator';
import { IsIntegerParam } from '../shared/http/integer-param.validator';
import { IntegrationEvent } from './integration-event';
import { IntegrationFeed } from './integration-feed';

/** The most events one read of the feed returns: a consumer catching up reads on with `after`. */
export const MAX_FEED_PAGE = 1000;
/** The events a read returns when the consumer names no `limit`. */
const DEFAULT_FEED_PAGE = 100;

export class IntegrationFeedQuery {
  @ApiPropertyOptional({ description: 'Position of the last event already processed (0: from the start)', minimum: 0 })
  @IsOptional() @IsIntegerParam(0, Number.MAX_SAFE_INTEGER)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_FEED_PAGE, default: DEFAULT_FEED_PAGE })
  @IsOptional() @IsIntegerParam(1, MAX_FEED_PAGE)
  limit?: number;
}

class FeedItem {
  @ApiProperty() position: number;
  @ApiProperty({ description: 'An integration event; its JSON Schema is published per type' }) event: IntegrationEvent;
}

class FeedPage {
  @ApiProperty({ type: [FeedItem] }) items: FeedItem[];
  @ApiProperty({ description: 'Pass as `after` to read on' }) nextAfter: number;
  @ApiProperty({ description: 'The newest position in the feed' }) lastPosition: number;
}

/**
 * The public event feed for other services: positions 1, 2, 3, ... in order and without gaps,
 * so a consumer stores the last position it processed and asks for what comes after it.
 */
@Controller('integration-events')
@ApiTags('Integration events')
export class IntegrationEventsController {
  constructor(private readonly feed: IntegrationFeed) {}

  @Get()
  @ApiOperation({ summary: 'Read the integration event feed after a position' })
  @Roles('service', 'admin')
  @ApiOkResponse({ type: FeedPage })
  async list(@Query() query: IntegrationFeedQuery): Promise<FeedPage> {
    const after = query.after ?? 0;
    const { items, lastPosition } = await this.feed.page(after, query.limit ?? DEFAULT_FEED_PAGE);
    const nextAfter = items.length > 0 ? items[items.length - 1].position : after;
    return { items, nextAfter, lastPosition };
  }
}
