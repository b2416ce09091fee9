import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecordNotFound } from '../../shared/application-errors';
import { blockOccupation } from '../blocking/block-occupation';
import { BlockScheduling, CancelledBlock } from '../blocking/block-scheduling';
import { ClinicClosureStream } from '../persistence/schedule-streams';
import { CancelClosure, decideCancelClosure } from './cancel-closure';

/** A closure cancelled on its own stream opens the clinic again in its time. */
@CommandHandler(CancelClosure)
export class CancelClosureHandler implements ICommandHandler<CancelClosure> {
  constructor(
    private readonly blocks: BlockScheduling,
    private readonly stream: ClinicClosureStream,
  ) {}

  execute({ closureId, options }: CancelClosure): Promise<CancelledBlock> {
    return this.blocks.cancel(this.stream, {
      streamId: closureId,
      options,
      decide: (state) => decideCancelClosure(closureId, state),
      notFound: () => new RecordNotFound('Clinic closure', closureId),
      released: ({ data }) => blockOccupation('closure', data.closureId, {}, data),
    });
  }
}
