import type { DurableHandlerOptions } from './durable-events-handler.decorator';

/**
 * What a subscription does when its handler keeps failing on an event:
 * - `stop`: stop at that event and report it (projections: skipping would corrupt the table);
 * - `park`: after the last attempt, park the event in `dead_letters` and go on (notifications).
 */
export type FailurePolicy = 'stop' | 'park';

/**
 * Where a subscription's effect lands:
 * - `read table`: a table it writes in the delivery's transaction (a rebuild recreates it);
 * - `outbox`: a table of messages sent after the commit by a sender of its own;
 * - `push`: messages pushed to connected clients once the delivery has committed;
 * - `process`: commands a process manager runs in the delivery's transaction (its state in tables of its own).
 */
export type FeedKind = 'read table' | 'outbox' | 'push' | 'process';

export interface Feed {
  kind: FeedKind;
  /** The table's name, or whom the pushes reach. */
  target: string;
}

/** One subscription as the application declares it: a checkpoint of its own and one handler. */
export interface SubscriptionEntry {
  /** The subscription's name, which is also the name of its checkpoint. */
  name: string;
  feeds: readonly Feed[];
  onFailure: FailurePolicy;
  /** Whether its read tables can be rebuilt from the log (projection-rebuilder.ts). */
  rebuildable: boolean;
}

/** A subscription as it runs: its registry entry and the events its handler takes. */
export interface Subscription extends SubscriptionEntry {
  events: DurableHandlerOptions['events'];
}

/** The registry does not hold together, or does not match the handlers found at start-up. */
export class SubscriptionRegistryMismatch extends Error {
  override readonly name = 'SubscriptionRegistryMismatch';
}

/** Why an entry cannot be what it says, or null. */
function entryProblem(entry: SubscriptionEntry): string | null {
  if (entry.feeds.length === 0) return `${entry.name} feeds nothing`;
  if (!entry.rebuildable) return null;
  // A rebuild replays the whole log without after-commit effects and without parking: only a
  // subscription that writes nothing but its own read tables, and stops on failure, survives it.
  if (entry.onFailure !== 'stop') return `${entry.name} is rebuildable but parks failed events`;
  if (entry.feeds.some((feed) => feed.kind !== 'read table')) return `${entry.name} is rebuildable but feeds more than read tables`;
  return null;
}

/** Every subscription of the application, each named once. */
export class SubscriptionRegistry {
  readonly entries: readonly SubscriptionEntry[];

  constructor(entries: readonly SubscriptionEntry[]) {
    const names = entries.map((entry) => entry.name);
    const duplicate = names.find((name, i) => names.indexOf(name) !== i);
    if (duplicate) throw new SubscriptionRegistryMismatch(`The subscription ${duplicate} is registered twice`);
    const problems = entries.map(entryProblem).filter((problem) => problem !== null);
    if (problems.length > 0) throw new SubscriptionRegistryMismatch(`Subscription registry: ${problems.join('; ')}`);
    this.entries = entries;
  }

  /** This registry and more entries (a test's own handlers). */
  with(...entries: SubscriptionEntry[]): SubscriptionRegistry {
    return new SubscriptionRegistry([...this.entries, ...entries]);
  }

  names(): string[] {
    return this.entries.map((entry) => entry.name);
  }

  get(name: string): SubscriptionEntry | undefined {
    return this.entries.find((entry) => entry.name === name);
  }

  /** The entry of a subscription the registry must list. */
  entry(name: string): SubscriptionEntry {
    const entry = this.get(name);
    if (!entry) throw new SubscriptionRegistryMismatch(`The subscription ${name} is not in the registry`);
    return entry;
  }

  /** The projections a rebuild accepts. */
  rebuildable(): SubscriptionEntry[] {
    return this.entries.filter((entry) => entry.rebuildable);
  }

  /**
   * Refuses a handler found at start-up that the registry does not list, and an entry without a
   * handler, so that the registry and the code cannot drift apart.
   */
  assertMatches(handlerNames: readonly string[]): void {
    const duplicate = handlerNames.find((name, i) => handlerNames.indexOf(name) !== i);
    if (duplicate) throw new SubscriptionRegistryMismatch(`Two durable handlers use the subscription name ${duplicate}`);
    const unregistered = handlerNames.filter((name) => !this.get(name));
    const unhandled = this.names().filter((name) => !handlerNames.includes(name));
    const problems = [
      ...(unregistered.length > 0 ? [`handlers not in the subscription registry: ${unregistered.join(', ')}`] : []),
      ...(unhandled.length > 0 ? [`registered subscriptions without a handler: ${unhandled.join(', ')}`] : []),
    ];
    if (problems.length > 0) throw new SubscriptionRegistryMismatch(problems.join('; '));
  }
}

/** The read tables of a subscription: what a rebuild recreates. */
export const readTablesOf = (entry: SubscriptionEntry): string[] => entry.feeds.filter((feed) => feed.kind === 'read table').map((feed) => feed.target);
