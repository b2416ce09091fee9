import { DataSource } from 'typeorm';
import { eventually } from './eventually';

interface CheckpointRow {
  name: string;
  status: string;
  position: string;
  failure: string | null;
}

/**
 * Waits until every subscription of the application has applied `position` and none is
 * stopped: the property that no input may stop or stall the read side. `expected` names the
 * subscriptions that must all have a checkpoint (so a subscription that never started fails).
 */
export async function everySubscriptionPasses(dataSource: DataSource, position: number, expected: readonly string[], timeoutMs = 10_000): Promise<void> {
  await eventually(async () => {
    const rows: CheckpointRow[] = await dataSource.query(`select name, status, position, failure from subscription_checkpoints order by name`);
    const stopped = rows.filter((row) => row.status !== 'running');
    if (stopped.length > 0) throw new Error(`Stopped subscriptions: ${stopped.map((row) => `${row.name} (${row.failure})`).join(', ')}`);
    const behind = expected.filter((name) => !rows.some((row) => row.name === name && Number(row.position) >= position));
    if (behind.length > 0) throw new Error(`Subscriptions not past position ${position}: ${behind.join(', ')}`);
  }, timeoutMs);
}

/** Parked events of notification subscriptions (dead letters). */
export async function deadLetterCount(dataSource: DataSource): Promise<number> {
  const [{ count }] = await dataSource.query(`select count(*)::int as count from dead_letters`);
  return count;
}
