import { Command } from '@nestjs/cqrs';
import { RequestContext } from '../shared/request-context';

/**
 * Forget a patient: cancel their upcoming appointments, erase their key, their reference record
 * and every plain copy of their data. Sent by an admin; the request's context (actor,
 * correlation id) goes into the metadata of the cancellations it causes.
 */
export class ErasePatient extends Command<void> {
  constructor(
    readonly patientId: string,
    readonly context: RequestContext,
  ) {
    super();
  }
}
