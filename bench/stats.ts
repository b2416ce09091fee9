/** Latency figures of a set of samples, in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles. */
export function summarize(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { count: 0, p50: NaN, p99: NaN, max: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  return { count: sorted.length, p50: round(at(50), 2), p99: round(at(99), 2), max: round(sorted[sorted.length - 1], 2) };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Resident memory of a process in MB (VmRSS), or its peak so far (VmHWM). */
export async function residentMegabytes(pid: number, which: 'VmRSS' | 'VmHWM' = 'VmRSS'): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(new RegExp(`${which}:\\s+(\\d+)`).exec(status)?.[1]);
  if (!Number.isFinite(kilobytes)) throw new Error(`No ${which} for process ${pid} (it has exited)`);
  return round(kilobytes / 1024);
}

/** Numbers handed out once each, shared by every scenario that books (so no two bookings clash). */
export class Counter {
  private value = 0;
  next(): number {
    return this.value++;
  }
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Figure by figure, the median of several rounds of the same shape: every number is the median
 * of the numbers at its place in the rounds (so a ratio is the median of the ratios within each
 * round, never a ratio of medians); anything else is taken from the first round.
 */
export function medianOfRounds<T>(rounds: readonly T[]): T {
  const [first] = rounds;
  if (rounds.length === 1 || first === null || first === undefined) return first;
  if (typeof first === 'number') return round(median(rounds as readonly number[]), 2) as T;
  if (Array.isArray(first)) return first.map((_, i) => medianOfRounds(rounds.map((r) => (r as unknown[])[i]))) as T;
  if (typeof first === 'object') {
    return Object.fromEntries(Object.keys(first).map((key) => [key, medianOfRounds(rounds.map((r) => (r as Record<string, unknown>)[key]))])) as T;
  }
  return first;
}
