import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../shared/auth/roles.decorator';
import { Context } from '../../../shared/http/request-context.decorator';
import { RequestContext } from '../../../shared/request-context';
import { HoldResourceDto } from '../hold-http';
import { HoldResource } from '../hold-resource';
import { GetHold } from './get-hold.query';

@Controller('holds')
@ApiTags('Holds')
export class GetHoldController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'Read a hold as it stands (the holder, or staff)' })
  @ApiOkResponse({ description: 'OK', type: HoldResourceDto })
  @Roles('staff', 'patient')
  get(@Param('id', ParseUUIDPipe) holdId: string, @Context() context: RequestContext): Promise<HoldResource> {
    return this.queryBus.execute(new GetHold(holdId, context.actor));
  }
}
