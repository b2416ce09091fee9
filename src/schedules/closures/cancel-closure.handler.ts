import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecordNotFound } from '../../shared/application-errors';
import { BlockScheduling, CancelledBlock } from '../blocking/block-scheduling';
import { ClinicClosureStream } from '../persistence/schedule-streams';
import { CancelClosure, decideCancelClosure } from './cancel-closure';

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
      released: ({ data }) => ({
        id: data.closureId,
        kind: 'closure',
        doctorId: null,
        roomId: null,
        patientId: null,
        start: data.start,
        end: data.end,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
      }),
    });
  }
}
