/**
 * Upcasters turn an event written with an older schema version into the next version, so that
 * the rest of the code only ever sees the current shape. Stored events are never rewritten.
 */
export interface Upcaster {
  eventType: string;
  fromSchemaVersion: number;
  upcast(data: Record<string, unknown>): Record<string, unknown>;
}

export class Upcasters {
  private readonly byKey = new Map<string, Upcaster>();

  constructor(upcasters: readonly Upcaster[]) {
    for (const upcaster of upcasters) {
      this.byKey.set(`${upcaster.eventType}@${upcaster.fromSchemaVersion}`, upcaster);
    }
  }

  /** Applies upcasters one version at a time until the current version is reached. */
  upcast(eventType: string, schemaVersion: number, data: unknown, currentSchemaVersion: number): unknown {
    let version = schemaVersion;
    let value = data as Record<string, unknown>;
    while (version < currentSchemaVersion) {
      const upcaster = this.byKey.get(`${eventType}@${version}`);
      if (!upcaster) throw new Error(`No upcaster for ${eventType} from schema version ${version}`);
      value = upcaster.upcast(value);
      version += 1;
    }
    if (version > currentSchemaVersion) {
      throw new Error(`${eventType} has schema version ${version}, newer than this build knows (${currentSchemaVersion})`);
    }
    return value;
  }
}
