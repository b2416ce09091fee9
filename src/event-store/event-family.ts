import { StreamType } from './command-handling';
import { StoredEvent } from './stored-event';

/** An event as this store writes it: a persisted type name and its data. */
export interface TypedEvent {
  readonly type: string;
  readonly data: unknown;
}

/** An event class: its persisted type name (never the class name), the schema version written today, and how it is built from data. */
export interface EventClass<E extends TypedEvent> {
  readonly type: E['type'];
  readonly schemaVersion: number;
  new (data: never): E;
}

/**
 * The events of one family of streams (slot holds, appointment series, waitlist entries): every
 * class by its persisted type name, and how a stored event of the family is read back. A family
 * whose events are all at their first schema version has no upcasters: a newer version than
 * this build knows is refused rather than misread.
 */
export class EventFamily<E extends TypedEvent> {
  constructor(
    /** How errors name the family ("slot hold"). */
    readonly name: string,
    readonly classes: { readonly [T in E['type']]: EventClass<Extract<E, { type: T }>> },
  ) {}

  /** The classes, as a durable handler declares the events it takes. */
  get eventClasses(): ReadonlyArray<{ readonly type: string }> {
    return Object.values<{ readonly type: string }>(this.classes);
  }

  has(type: string): type is E['type'] {
    return Object.prototype.hasOwnProperty.call(this.classes, type);
  }

  /** Rebuilds a typed event from its persisted type name and (current-schema) data. */
  from(type: E['type'], data: unknown): E {
    const EventClass = (this.classes as Record<string, EventClass<E>>)[type];
    return new EventClass(data as never);
  }

  /** The event to append: its persisted type name, schema version and data. */
  encode(event: E): { type: string; schemaVersion: number; data: unknown } {
    return { type: event.type, schemaVersion: (this.classes as Record<string, EventClass<E>>)[event.type].schemaVersion, data: event.data };
  }

  /** A stored event of the family as a typed event. */
  decode(stored: StoredEvent): E {
    if (!this.has(stored.type)) throw new Error(`Unknown ${this.name} event type ${stored.type} at position ${stored.position}`);
    const current = (this.classes as Record<string, EventClass<E>>)[stored.type].schemaVersion;
    if (stored.schemaVersion !== current) throw new Error(`${stored.type} has schema version ${stored.schemaVersion}, this build knows ${current}`);
    return this.from(stored.type, stored.data);
  }
}

/** A kind of stream whose events are one family's, for the generic command handling. */
export function familyStream<State, E extends TypedEvent>(
  aggregateType: string,
  family: EventFamily<E>,
  initialState: State,
  evolve: (state: State, event: E) => State,
): StreamType<State, E> {
  return {
    aggregateType,
    initialState,
    evolve,
    encode: (event) => family.encode(event),
    decode: (stored) => family.decode(stored),
  };
}
