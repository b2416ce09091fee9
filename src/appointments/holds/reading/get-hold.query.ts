import { Query } from '@nestjs/cqrs';
import { Actor } from '../../../shared/auth/actor';
import { HoldResource } from '../hold-resource';

/** A hold as its stream stands now (GET /holds/:id). */
export class GetHold extends Query<HoldResource> {
  constructor(
    readonly holdId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}
