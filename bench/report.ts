import { BenchBlocks } from './bench-clinic';
import { AggregateLoadResult } from './scenarios/aggregate-load';
import { ThroughputResult } from './scenarios/direct-booking';
import { RebuildResult } from './scenarios/history';
import { OpenLoopResult } from './scenarios/http-booking';
import { LagResult } from './scenarios/lag-probes';
import { QueryResult } from './scenarios/queries';
import { ProcessLayoutResult } from './scenarios/several-processes';
import { round } from './stats';
import { SUBSCRIPTIONS } from '../src/subscription-registry';

/** The figures of one round of every scenario. */
export interface RoundResult {
  directBooking: ThroughputResult[];
  httpBooking: ThroughputResult[];
  emmettAppend: ThroughputResult[];
  /** Within the round, at each concurrency: B1 / B0 and B1 / B8 throughput, B1 / B0 p99. */
  ratios: Array<{ concurrency: number; b1OverB0: number; b1OverB8: number; b1P99OverB0P99: number }>;
  /** B2/B3 under the closed loops (the heaviest last), then under the open loop. */
  lag: Array<LagResult & { loop: 'closed' | 'open'; load: ThroughputResult | OpenLoopResult }>;
  /** B9, or null when this build cannot run a worker. */
  processes: ProcessLayoutResult[] | null;
  aggregateLoads: AggregateLoadResult[];
  rebuilds: RebuildResult[];
  queries: QueryResult[];
  memory: { afterBookingsMb: number; afterQueriesMb: number; rebuildPeakMb: number };
}

export interface BenchResults {
  mode: 'full' | 'smoke';
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; database: string };
  blocks: BenchBlocks;
  historyAppointments: number;
  severalProcessesSkipped: string | null;
  /** Figure by figure, the median of the rounds. */
  median: RoundResult;
  rounds: RoundResult[];
}

interface Target {
  id: string;
  target: string;
  measured: string;
  met: boolean;
}

const HEAVIEST = 32;

function openLoad(l: RoundResult['lag'][number]): OpenLoopResult | null {
  return l.loop === 'open' ? (l.load as OpenLoopResult) : null;
}

export function targets(r: RoundResult): Target[] {
  const b0 = r.directBooking.find((x) => x.concurrency === HEAVIEST);
  const b1 = r.httpBooking.find((x) => x.concurrency === HEAVIEST);
  const b8 = r.emmettAppend.find((x) => x.concurrency === HEAVIEST);
  const ratio = r.ratios.find((x) => x.concurrency === HEAVIEST);
  const smallest = r.aggregateLoads[0];
  const largest = r.aggregateLoads[r.aggregateLoads.length - 1];
  const details = r.rebuilds.find((x) => x.projection === SUBSCRIPTIONS.appointmentDetails);
  const worstQueryP99 = Math.max(...r.queries.map((q) => q.p99));
  const worstMemory = Math.max(r.memory.afterBookingsMb, r.memory.afterQueriesMb, r.memory.rebuildPeakMb);
  const list: Target[] = [];
  if (b0 && b1 && b8 && ratio) {
    list.push({ id: 'B1/B0', target: `B1 at c=${HEAVIEST} ≥ 60% of B0`, measured: `${round(ratio.b1OverB0 * 100, 0)}% (${b1.perSecond} / ${b0.perSecond} per s)`, met: ratio.b1OverB0 >= 0.6 });
    list.push({ id: 'B1/B8', target: `B1 at c=${HEAVIEST} ≥ 1.0× B8 (Emmett's append)`, measured: `${round(ratio.b1OverB8, 2)}× (${b1.perSecond} / ${b8.perSecond} per s)`, met: ratio.b1OverB8 >= 1 });
    list.push({
      id: 'B1 p99',
      target: `B1 p99 at c=${HEAVIEST} ≤ 3× B0 p99`,
      measured: `${round(ratio.b1P99OverB0P99, 1)}× (${b1.latency.p99} / ${b0.latency.p99} ms)`,
      met: ratio.b1P99OverB0P99 <= 3,
    });
  }
  const open = r.lag.find((l) => l.loop === 'open');
  const closed = r.lag.find((l) => l.loop === 'closed' && l.load.concurrency === HEAVIEST);
  if (open) {
    const at = `at ${openLoad(open)?.offeredPerSecond}/s open loop`;
    list.push({ id: 'B2 open', target: 'p99 < 100 ms at the open-loop rate', measured: `${open.readSide.p99} ms ${at}`, met: open.readSide.p99 < 100 });
    list.push({ id: 'B3 open', target: 'p99 < 100 ms at the open-loop rate', measured: `${open.websocket.p99} ms ${at}`, met: open.websocket.p99 < 100 });
  }
  if (closed) {
    const at = `at c=${HEAVIEST} closed loop`;
    list.push({ id: 'B2 closed', target: `p99 < 250 ms, closed loop at c=${HEAVIEST}`, measured: `${closed.readSide.p99} ms ${at}`, met: closed.readSide.p99 < 250 });
    list.push({ id: 'B3 closed', target: `p99 < 250 ms, closed loop at c=${HEAVIEST}`, measured: `${closed.websocket.p99} ms ${at}`, met: closed.websocket.p99 < 250 });
  }
  list.push({
    id: 'B4',
    target: `${largest.events} events with snapshot ≤ 2 × ${smallest.events} events`,
    measured: `${largest.withSnapshotMs} ms vs ${smallest.withSnapshotMs} ms (${round(largest.withSnapshotMs / smallest.withSnapshotMs, 2)}×)`,
    met: largest.withSnapshotMs <= 2 * smallest.withSnapshotMs,
  });
  if (details) list.push({ id: 'B5', target: '≥ 25,000 events/s', measured: `${details.eventsPerSecond} events/s`, met: details.eventsPerSecond >= 25_000 });
  const concurrency = r.queries[0]?.concurrency;
  list.push({ id: 'B6', target: `p99 < 20 ms at c=${concurrency}`, measured: `${worstQueryP99} ms (worst query)`, met: worstQueryP99 < 20 });
  list.push({ id: 'B7', target: '< 250 MB', measured: `${worstMemory} MB (largest)`, met: worstMemory < 250 });
  return list;
}

/** The figures as Markdown tables: printed after a run and written into BENCHMARKS.md. */
export function markdown(results: BenchResults): string {
  const r = results.median;
  const lines: string[] = [];
  const table = (header: string[], rows: Array<Array<string | number>>) => {
    lines.push(`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`);
    for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
    lines.push('');
  };
  const percent = (ratio: number) => `${round(ratio * 100, 0)}%`;
  lines.push(
    `Run of ${results.startedAt} (${results.mode}): ${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGb} GB, Node.js ${results.machine.node}, ${results.machine.database}.`,
    '',
    `Every figure is the median of ${results.rounds.length} round${results.rounds.length === 1 ? '' : 's'} (each round's figures are in the JSON results); a ratio is the median of the ratios within each round. ` +
      `The reservations held ${results.blocks.timeOff} time off, ${results.blocks.roomBlocks} room blocks and ${results.blocks.closures} clinic closure besides the bookings (B0's copy the same).`,
    '',
  );
  table(
    ['concurrency', 'B0 direct pg (tx/s)', 'B0 p50 / p99 (ms)', 'B1 HTTP bookings/s', 'B1 p50 / p99 (ms)', 'B8 Emmett appends/s', 'B8 p50 / p99 (ms)', 'B1 / B0', 'B1 / B8'],
    r.directBooking.map((b0, n) => {
      const b1 = r.httpBooking[n];
      const b8 = r.emmettAppend[n];
      const ratio = r.ratios[n];
      return [
        b0.concurrency,
        b0.perSecond,
        `${b0.latency.p50} / ${b0.latency.p99}`,
        b1.perSecond,
        `${b1.latency.p50} / ${b1.latency.p99}`,
        b8.perSecond,
        `${b8.latency.p50} / ${b8.latency.p99}`,
        percent(ratio.b1OverB0),
        `${round(ratio.b1OverB8, 2)}×`,
      ];
    }),
  );
  table(
    ['lag while bookings run', 'booking load', 'bookings/s answered', 'load p99 (ms)', 'samples', 'p50 (ms)', 'p99 (ms)', 'max (ms)'],
    r.lag.flatMap((l) => {
      const open = openLoad(l);
      const under = open ? `open loop, ${open.offeredPerSecond}/s sent` : `closed loop, c=${l.load.concurrency}`;
      return [
        ['B2 commit → appointment_details', under, l.load.perSecond, l.load.latency.p99, l.readSide.count, l.readSide.p50, l.readSide.p99, l.readSide.max],
        [`B3 commit → websocket (${l.clients} clients)`, under, l.load.perSecond, l.load.latency.p99, l.websocket.count, l.websocket.p50, l.websocket.p99, l.websocket.max],
      ];
    }),
  );
  if (r.processes) {
    const single = r.processes[0];
    table(
      [`B9 layout (closed loop, c=${single.load.concurrency})`, 'bookings/s', 'p50 / p99 (ms)', 'vs one process', 'read side caught up after the load (ms)'],
      r.processes.map((p) => [p.layout, p.load.perSecond, `${p.load.latency.p50} / ${p.load.latency.p99}`, percent(p.load.perSecond / single.load.perSecond), p.drainMs]),
    );
  } else {
    lines.push(`B9 (several processes): ${results.severalProcessesSkipped}.`, '');
  }
  table(
    ['B4 stream length', 'load without snapshot (ms)', 'load with snapshot (ms)', 'snapshot at version'],
    r.aggregateLoads.map((a) => [a.events, a.withoutSnapshotMs, a.withSnapshotMs, a.snapshotVersion || '(none: shorter than SNAPSHOT_EVERY)']),
  );
  table(
    ['B5 rebuild', 'events', 'seconds', 'events/s', 'peak RSS of the rebuild (MB)'],
    r.rebuilds.map((b) => [b.projection, b.events, b.seconds, b.eventsPerSecond, b.peakRssMb]),
  );
  table(
    [`B6 query (${results.historyAppointments} imported appointments)`, 'concurrency', 'req/s', 'p50 (ms)', 'p99 (ms)'],
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
