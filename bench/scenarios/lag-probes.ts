import { Pool } from 'pg';
import { io, Socket } from 'socket.io-client';
import { BenchClinic, bookingNumber } from '../bench-clinic';
import { Counter, LatencySummary, summarize } from '../stats';

export interface LagResult {
  probes: number;
  clients: number;
  /** B2: from the 201 of a probe booking until its row is in appointment_details. */
  readSide: LatencySummary;
  /** B3: from the 201 of a probe booking until each websocket client has its message. */
  websocket: LatencySummary;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * B2 and B3: while `load` runs, one probe booking every `everyMs`; for each, the time from its
 * 201 response (the commit happened just before) until the details row can be read, and until
 * every one of the websocket clients (staff dashboards, which receive every change) has it.
 * A message that beats the HTTP response counts as 0 ms.
 */
export async function runLagProbes(
  baseUrl: string,
  databaseUrl: string,
  token: string,
  clinic: BenchClinic,
  counter: Counter,
  options: { clients: number; everyMs: number },
  load: () => Promise<unknown>,
): Promise<LagResult> {
  const arrivals = new Map<string, number[]>();
  const sockets: Socket[] = [];
  for (let n = 0; n < options.clients; n++) {
    const socket = io(`${baseUrl}/live`, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.on('appointment', (message: { appointment: { title: string } }) => {
      const title = message.appointment.title;
      if (!title.startsWith('probe ')) return;
      const times = arrivals.get(title) ?? [];
      times.push(performance.now());
      arrivals.set(title, times);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    sockets.push(socket);
  }
  const db = new Pool({ connectionString: databaseUrl, max: 4 });

  const readSide: number[] = [];
  const answered = new Map<string, number>();
  const visibility: Array<Promise<void>> = [];
  // Probes go on while the load runs; the load's end clears the flag.
  const progress = { loading: true };
  const loadDone = load().finally(() => (progress.loading = false));
  let probes = 0;
  while (progress.loading) {
    const title = `probe ${probes++}`;
    const response = await fetch(`${baseUrl}/appointments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...bookingNumber(clinic, counter.next()), title }),
    });
    const at = performance.now();
    if (response.status !== 201) throw new Error(`Probe booking answered ${response.status}: ${await response.text()}`);
    const { id } = (await response.json()) as { id: string };
    answered.set(title, at);
    visibility.push(
      (async () => {
        while ((await db.query(`select 1 from appointment_details where id = $1`, [id])).rowCount === 0) await sleep(1);
        readSide.push(performance.now() - at);
      })(),
    );
    await sleep(options.everyMs);
  }
  await loadDone;
  await Promise.all(visibility);
  // Let the last messages arrive (however far behind the live subscription is), then count.
  const deadline = performance.now() + 120_000;
  while (performance.now() < deadline && [...answered.keys()].some((title) => (arrivals.get(title)?.length ?? 0) < options.clients)) await sleep(20);
  for (const socket of sockets) socket.close();
  await db.end();

  const websocket: number[] = [];
  for (const [title, at] of answered) {
    const times = arrivals.get(title) ?? [];
    if (times.length < options.clients) throw new Error(`${title}: only ${times.length} of ${options.clients} websocket clients got it`);
    for (const time of times) websocket.push(Math.max(0, time - at));
  }
  return { probes: answered.size, clients: options.clients, readSide: summarize(readSide), websocket: summarize(websocket) };
}
