import { AggregateLoadResult } from './scenarios/aggregate-load';
import { ThroughputResult } from './scenarios/direct-booking';
import { RebuildResult } from './scenarios/history';
import { LagResult } from './scenarios/lag-probes';
import { QueryResult } from './scenarios/queries';
import { round } from './stats';
import { SUBSCRIPTIONS } from '../src/subscription-registry';

export interface BenchResults {
  mode: 'full' | 'smoke';
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; database: string };
  directBooking: ThroughputResult[];
  httpBooking: ThroughputResult[];
  /** B2/B3 under each load, the heaviest last. */
  lag: Array<LagResult & { load: ThroughputResult }>;
  aggregateLoads: AggregateLoadResult[];
  rebuilds: RebuildResult[];
  historyAppointments: number;
  queries: QueryResult[];
  memory: { afterBookingsMb: number; afterQueriesMb: number; rebuildPeakMb: number };
}

interface Target {
  id: string;
  target: string;
  measured: string;
  met: boolean;
}

export function targets(r: BenchResults): Target[] {
  const b0 = r.directBooking.find((x) => x.concurrency === 32);
  const b1 = r.httpBooking.find((x) => x.concurrency === 32);
  const smallest = r.aggregateLoads[0];
  const largest = r.aggregateLoads[r.aggregateLoads.length - 1];
  const details = r.rebuilds.find((x) => x.projection === SUBSCRIPTIONS.appointmentDetails);
  const worstQueryP99 = Math.max(...r.queries.map((q) => q.p99));
  const worstMemory = Math.max(r.memory.afterBookingsMb, r.memory.afterQueriesMb, r.memory.rebuildPeakMb);
  const list: Target[] = [];
  if (b0 && b1) {
    const ratio = b1.perSecond / b0.perSecond;
    list.push({ id: 'B1/B0', target: 'B1 at c=32 ≥ 60% of B0', measured: `${round(ratio * 100, 0)}% (${b1.perSecond} / ${b0.perSecond} per s)`, met: ratio >= 0.6 });
    list.push({ id: 'B1 p99', target: 'p99 < 30 ms at c=32', measured: `${b1.latency.p99} ms`, met: b1.latency.p99 < 30 });
  }
  const heaviest = r.lag[r.lag.length - 1];
  const under = `at c=${heaviest.load.concurrency}`;
  list.push({ id: 'B2', target: 'p99 < 100 ms under load', measured: `${heaviest.readSide.p99} ms ${under}`, met: heaviest.readSide.p99 < 100 });
  list.push({ id: 'B3', target: 'p99 < 100 ms under load', measured: `${heaviest.websocket.p99} ms ${under}`, met: heaviest.websocket.p99 < 100 });
  list.push({
    id: 'B4',
    target: `${largest.events} events with snapshot ≤ 2 × ${smallest.events} events`,
    measured: `${largest.withSnapshotMs} ms vs ${smallest.withSnapshotMs} ms (${round(largest.withSnapshotMs / smallest.withSnapshotMs, 2)}×)`,
    met: largest.withSnapshotMs <= 2 * smallest.withSnapshotMs,
  });
  if (details) list.push({ id: 'B5', target: '≥ 20,000 events/s', measured: `${details.eventsPerSecond} events/s`, met: details.eventsPerSecond >= 20_000 });
  list.push({ id: 'B6', target: 'p99 < 20 ms', measured: `${worstQueryP99} ms (worst query)`, met: worstQueryP99 < 20 });
  list.push({ id: 'B7', target: '< 250 MB', measured: `${worstMemory} MB (largest)`, met: worstMemory < 250 });
  return list;
}

/** The figures as Markdown tables: printed after a run and written into BENCHMARKS.md. */
export function markdown(r: BenchResults): string {
  const lines: string[] = [];
  const table = (header: string[], rows: Array<Array<string | number>>) => {
    lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
    for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
    lines.push('');
  };
  lines.push(
    `Run of ${r.startedAt} (${r.mode}): ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGb} GB, Node.js ${r.machine.node}, ${r.machine.database}.`,
    '',
  );
  table(
    ['concurrency', 'B0 direct pg (tx/s)', 'B0 p50 / p99 (ms)', 'B1 HTTP bookings/s', 'B1 p50 / p99 (ms)', 'B1 / B0'],
    r.directBooking.map((b0) => {
      const b1 = r.httpBooking.find((x) => x.concurrency === b0.concurrency);
      if (!b1) throw new Error(`No HTTP booking result at concurrency ${b0.concurrency}`);
      return [b0.concurrency, b0.perSecond, `${b0.latency.p50} / ${b0.latency.p99}`, b1.perSecond, `${b1.latency.p50} / ${b1.latency.p99}`, `${round((b1.perSecond / b0.perSecond) * 100, 0)}%`];
    }),
  );
  table(
    ['lag while B1 runs', 'B1 load (bookings/s)', 'samples', 'p50 (ms)', 'p99 (ms)', 'max (ms)'],
    r.lag.flatMap((l) => [
      [`B2 commit → appointment_details, c=${l.load.concurrency}`, l.load.perSecond, l.readSide.count, l.readSide.p50, l.readSide.p99, l.readSide.max],
      [`B3 commit → websocket (${l.clients} clients), c=${l.load.concurrency}`, l.load.perSecond, l.websocket.count, l.websocket.p50, l.websocket.p99, l.websocket.max],
    ]),
  );
  table(
    ['B4 stream length', 'load without snapshot (ms)', 'load with snapshot (ms)', 'snapshot at version'],
    r.aggregateLoads.map((a) => [a.events, a.withoutSnapshotMs, a.withSnapshotMs, a.snapshotVersion || '(none: shorter than SNAPSHOT_EVERY)']),
  );
  table(
    ['B5 rebuild', 'events', 'seconds', 'events/s', 'peak RSS of the rebuild (MB)'],
    r.rebuilds.map((b) => [b.projection, b.events, b.seconds, b.eventsPerSecond, b.peakRssMb]),
  );
  table(
    [`B6 query (${r.historyAppointments} imported appointments)`, 'concurrency', 'req/s', 'p50 (ms)', 'p99 (ms)'],
    r.queries.map((q) => [q.query, q.concurrency, q.perSecond, q.p50, q.p99]),
  );
  table(
    ['B7 resident memory of the app', 'MB'],
    [
      [`after B1–B3 (bookings, ${r.lag[0].clients} websocket clients)`, r.memory.afterBookingsMb],
      ['after B6 (queries over the imported appointments)', r.memory.afterQueriesMb],
      ['peak of the B5 rebuild process', r.memory.rebuildPeakMb],
    ],
  );
  table(['target', 'goal', 'measured', 'met'], targets(r).map((t) => [t.id, t.target, t.measured, t.met ? 'yes' : '**no**']));
  return lines.join('\n');
}
