import { Command } from '@nestjs/cqrs';
import { Actor } from '../shared/auth/actor';

/** Forget a patient: erase their key, their reference record and every plain copy of their data. */
export class ErasePatient extends Command<void> {
  constructor(
    readonly patientId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
