import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../shared/auth/roles.decorator';
import { Context } from '../../../shared/http/request-context.decorator';
import { RequestContext } from '../../../shared/request-context';
import { HoldResourceDto } from '../hold-http';
import { HoldResource, SlotHolds } from '../slot-holds';

@Controller('holds')
@ApiTags('Holds')
export class GetHoldController {
  constructor(private readonly holds: SlotHolds) {}

  /** Read from the hold's stream (not a read table): what it answers is what a conversion would find. */
  @Get(':id')
  @ApiOperation({ summary: 'Read a hold as it stands (the holder, or staff)' })
  @ApiOkResponse({ description: 'OK', type: HoldResourceDto })
  @Roles('staff', 'patient')
  get(@Param('id', ParseUUIDPipe) holdId: string, @Context() context: RequestContext): Promise<HoldResource> {
    return this.holds.get(holdId, context);
  }
}
