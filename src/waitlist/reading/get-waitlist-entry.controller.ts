import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../shared/auth/roles.decorator';
import { Context } from '../../shared/http/request-context.decorator';
import { RequestContext } from '../../shared/request-context';
import { WaitlistEntryDoc, WaitlistEntryResource } from '../waitlist-entry-resource';
import { GetWaitlistEntry } from './get-waitlist-entry.query';

@Controller('waitlist')
@ApiTags('Waitlist')
export class GetWaitlistEntryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'A waitlist entry: its status and, while offered, the slot held for the patient' })
  @ApiOkResponse({ description: 'OK', type: WaitlistEntryDoc })
  @Roles('staff', 'patient')
  get(@Param('id', ParseUUIDPipe) entryId: string, @Context() context: RequestContext): Promise<WaitlistEntryResource> {
    return this.queryBus.execute(new GetWaitlistEntry(entryId, context.actor));
  }
}
