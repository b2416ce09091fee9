import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppConfig } from '../../../config/app-config';
import { APP_CONFIG } from '../../../config/config.module';
import { NotAllowed } from '../../../shared/application-errors';
import { PlacedHold, SlotHolds } from '../slot-holds';
import { PlaceHold } from './place-hold';

/** A hold a client takes: staff for any patient, a patient only for themself; it runs for HOLD_TTL_SECONDS and is no waitlist offer. */
@CommandHandler(PlaceHold)
export class PlaceHoldHandler implements ICommandHandler<PlaceHold> {
  constructor(
    private readonly holds: SlotHolds,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ holdId, request, options }: PlaceHold): Promise<PlacedHold> {
    const { actor } = options.context;
    if (actor.role === 'patient' && actor.patientId !== request.patientId) throw new NotAllowed('A patient can only hold slots for themselves');
    return this.holds.place(holdId, request, options, { ttlSeconds: this.config.holdTtlSeconds, waitlistEntryId: null });
  }
}
