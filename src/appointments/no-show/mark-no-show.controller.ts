import { Body, Controller, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Roles } from '../../shared/auth/roles.decorator';
import { DocumentedCommand } from '../../shared/http/route-contract';
import { NoFieldsPipe } from '../../shared/http/no-fields.pipe';
import { respondWith, SentCommand } from '../command-execution/command-http';
import { CommandOptions } from '../command-execution/command-options';
import { MarkNoShow } from './mark-no-show';

@Controller('appointments')
@ApiTags('Appointments')
export class MarkNoShowController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/no-show')
  @DocumentedCommand('changes')
  @ApiOperation({ summary: 'Record that the patient did not come' })
  @Roles('staff', 'doctor')
  async noShow(
    @Param('id', ParseUUIDPipe) id: string,
    @Body(NoFieldsPipe) _body: unknown,
    @SentCommand() options: CommandOptions,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return respondWith(reply, await this.commandBus.execute(new MarkNoShow(id, options)));
  }
}
