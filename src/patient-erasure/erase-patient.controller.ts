import { Controller, Delete, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../shared/auth/roles.decorator';
import { Context } from '../shared/http/request-context.decorator';
import { RequestContext } from '../shared/request-context';
import { ErasePatient } from './erase-patient.command';

@Controller('patients')
@ApiTags('Patients')
export class ErasePatientController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * The right to be forgotten: the patient's upcoming appointments are cancelled (their slots
   * freed) and their personal data becomes unreadable everywhere. Repeating it finishes an
   * erasure that was interrupted and answers 204 again.
   */
  @Delete(':id')
  @ApiOperation({ summary: "Erase a patient's personal data and cancel their upcoming appointments" })
  @HttpCode(204)
  @Roles('admin')
  @ApiNoContentResponse({ description: 'The patient and their personal data are erased, their upcoming appointments cancelled' })
  async erase(@Param('id', ParseUUIDPipe) id: string, @Context() context: RequestContext): Promise<void> {
    await this.commandBus.execute(new ErasePatient(id, context));
  }
}
