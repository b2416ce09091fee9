import { BenchClinic } from '../bench-clinic';
import { round } from '../stats';
import { load } from './http-booking';

export interface QueryResult {
  query: string;
  concurrency: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/**
 * B6: the two busiest reads of a front desk, with the imported appointments stored: a doctor's
 * week as a list (first page of 50), and a doctor's free slots on a day. Doctors and days rotate,
 * so the figures are not one cached row.
 */
export async function runQueries(baseUrl: string, token: string, clinic: BenchClinic, days: number, concurrency: number, durationMs: number): Promise<QueryResult[]> {
  const day = (n: number) => new Date(clinic.firstSlot.getTime() + (n % days) * 86_400_000);
  let n = 0;
  const queries: Array<[string, () => string]> = [
    [
      'GET /appointments?doctorId&from&to&limit=50',
      () => {
        const from = day(n);
        return `/appointments?doctorId=${clinic.doctorIds[n++ % clinic.doctorIds.length]}&from=${from.toISOString()}&to=${new Date(from.getTime() + 7 * 86_400_000).toISOString()}&limit=50`;
      },
    ],
    [
      'GET /doctors/:id/availability?date&appointmentTypeId',
      () => `/doctors/${clinic.doctorIds[n++ % clinic.doctorIds.length]}/availability?date=${day(n).toISOString().slice(0, 10)}&appointmentTypeId=${clinic.appointmentTypeId}`,
    ],
  ];
  const results: QueryResult[] = [];
  for (const [query, path] of queries) {
    const result = await load({
      title: `B6 ${query}`,
      url: baseUrl,
      connections: concurrency,
      duration: durationMs / 1000,
      headers: { authorization: `Bearer ${token}` },
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: path() }) }],
    });
    results.push({ query, concurrency, perSecond: round(result.requests.total / result.duration), p50: result.latency.p50, p99: result.latency.p99 });
  }
  return results;
}

