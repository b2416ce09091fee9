import { DomainError } from '../shared/domain-error';

/** The command's precondition (If-Match) names versions the stream is no longer at. */
export class StaleVersion extends DomainError {
  readonly code = 'stale-version';
  readonly kind = 'stale';
  override readonly title = 'Precondition failed';
  constructor(aggregateType: string, expected: readonly number[], actual: number) {
    const subject = `the ${aggregateType.toLowerCase()}`;
    super(
      expected.length === 0
        ? `If-Match names only weak entity tags, which never match; ${subject} is at version ${actual}`
        : `If-Match expected version ${expected.join(' or ')}, ${subject} is at version ${actual}`,
    );
  }
}

/**
 * The id names a stream of another kind (an appointment's id where a closure's is expected): for
 * this kind of stream, nothing of that id exists.
 */
export class StreamOfAnotherKind extends DomainError {
  readonly code = 'not-found';
  readonly kind = 'not-found';
  constructor(aggregateType: string, streamId: string) {
    super(`There is no ${aggregateType} ${streamId}`);
  }
}

/** The command lost the race for its stream more often than it may retry. */
export class ConcurrentChange extends DomainError {
  readonly code = 'concurrent-change';
  readonly kind = 'conflict';
  override readonly title = 'Concurrent change';
  constructor(aggregateType: string, streamId: string) {
    super(`${aggregateType} ${streamId} was changed concurrently; retry the request`);
  }
}

/**
 * Streams a command must change as well as its own are locked by commands in flight: waiting for
 * them while holding other locks could close a cycle, so the command gives up its transaction
 * and is run again (a lost race), or ends as ConcurrentChange.
 */
export class StreamsBusy extends Error {
  constructor(
    readonly aggregateType: string,
    readonly streamIds: readonly string[],
  ) {
    super(`${aggregateType} ${streamIds.join(', ')} ${streamIds.length === 1 ? 'is' : 'are'} being changed by another command`);
  }
}
