import { DataSource } from 'typeorm';
import { CommandOptions } from '../../appointments/command-execution/command-options';
import { CommandHandling } from '../../event-store/command-handling';
import { RecordNotFound } from '../../shared/application-errors';
import { ClinicClosureCancelled } from '../domain/schedule.events';
import { ClinicClosureStream } from '../persistence/schedule-streams';
import { BlockScheduling } from './block-scheduling';

const closureId = 'c0000000-0000-4000-8000-000000000001';
const options: CommandOptions = {
  commandId: 'd0000000-0000-4000-8000-000000000001',
  context: { actor: { userId: 'admin-1', role: 'admin' }, requestId: 'request-1', correlationId: 'correlation-1' },
};

/**
 * given an id whose stream is of another kind (an appointment's), when a block of this kind is
 * cancelled under that id: the use case's not-found, without deciding or touching the stream,
 * even for a decision that would accept an empty state.
 */
describe('BlockScheduling.cancel', () => {
  it('answers the use case’s not-found for an id of another kind of stream, never deciding on it', async () => {
    const otherStream = { query: jest.fn().mockResolvedValue([{ '?column?': 1 }]) } as unknown as DataSource;
    const handle = jest.fn();
    const commands = { handle } as unknown as CommandHandling;
    const unused = {} as never;
    const blocks = new BlockScheduling(otherStream, commands, unused, unused, unused, unused, unused, unused, unused);
    const decide = jest.fn(() => new ClinicClosureCancelled({ closureId, start: '2027-12-23T23:00:00.000Z', end: '2027-12-26T23:00:00.000Z' }));

    const cancelling = blocks.cancel(new ClinicClosureStream(), {
      streamId: closureId,
      options,
      decide,
      released: () => {
        throw new Error('nothing is released');
      },
      notFound: () => new RecordNotFound('Clinic closure', closureId),
    });

    await expect(cancelling).rejects.toThrow(new RecordNotFound('Clinic closure', closureId));
    expect(decide).not.toHaveBeenCalled();
    expect(handle).not.toHaveBeenCalled();
  });
});
