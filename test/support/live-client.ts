import { io, Socket } from 'socket.io-client';
import { eventually } from './eventually';

/** A problem-like body the server sends on `/live` (RFC 9457 fields and extensions). */
export interface LiveProblemBody {
  type: string;
  title: string;
  status?: number;
  detail: string;
  [extension: string]: unknown;
}

/** A schedule change as `/live` sends it: a block as it now stands, or a doctor's new working hours. */
export interface ScheduleMessage {
  position: number;
  eventType: string;
  block?: { id: string; kind: string; doctorId: string | null; roomId: string | null; start: string; end: string; reason: string; cancelled: boolean };
  workingHours?: { doctorId: string; effectiveFrom: string; workingHours: Record<string, string[][]> };
}

/** A slot hold as `/live` sends it: the hold as it now stands (`held`, then how it ended). */
export interface HoldMessage {
  position: number;
  eventType: string;
  hold: { id: string; status: string; doctorId: string; roomId: string; patientId: string; appointmentTypeId: string; start: string; end: string; expiresAt: string; waitlistEntryId: string | null; appointmentId: string | null };
}

/** A waitlist entry as `/live` sends it, as it now stands. */
export interface WaitlistMessage {
  position: number;
  eventType: string;
  waitlist: { id: string; status: string; patientId: string; offer: { holdId: string; start: string; end: string; expiresAt: string } | null; appointmentId: string | null };
}

/** Events of the `/live` namespace that are not appointment or schedule changes. */
const NOTICE_EVENTS = ['session-expired', 'resync-required'] as const;

export interface LiveClient {
  socket: Socket;
  messages: Array<{ position: number; eventType: string; appointment: { id: string; status: string } }>;
  /** `schedule` messages (time off, closures, room blocks, working hours), in arrival order. */
  schedules: ScheduleMessage[];
  /** `hold` messages (slot holds), in arrival order. */
  holds: HoldMessage[];
  /** `waitlist` messages (waitlist entries), in arrival order. */
  waitlists: WaitlistMessage[];
  /** `session-expired` and `resync-required` notices, in arrival order. */
  notices: Array<{ event: (typeof NOTICE_EVENTS)[number]; body: LiveProblemBody }>;
  /** socket.io's reason once the connection ended, with the time it ended. */
  disconnected: { reason: string; at: number } | null;
  /** Waits until at least `count` messages arrived. */
  received(count: number): Promise<void>;
  /** Waits until at least `count` schedule messages arrived. */
  receivedSchedules(count: number): Promise<void>;
  /** Waits until at least `count` hold messages arrived. */
  receivedHolds(count: number): Promise<void>;
  close(): void;
}

type LiveAuth = { token?: string; since?: unknown };

function openSocket(baseUrl: string, auth: LiveAuth): Socket {
  return io(`${baseUrl}/live`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
}

/** A real socket.io client of the `/live` namespace; resolves once connected. */
export async function connectLive(baseUrl: string, auth: LiveAuth): Promise<LiveClient> {
  const socket = openSocket(baseUrl, auth);
  const client: LiveClient = {
    socket,
    messages: [],
    schedules: [],
    holds: [],
    waitlists: [],
    notices: [],
    disconnected: null,
    received: (count) => eventually(() => expect(client.messages.length).toBeGreaterThanOrEqual(count)),
    receivedSchedules: (count) => eventually(() => expect(client.schedules.length).toBeGreaterThanOrEqual(count)),
    receivedHolds: (count) => eventually(() => expect(client.holds.length).toBeGreaterThanOrEqual(count)),
    close: () => socket.close(),
  };
  socket.on('appointment', (message) => client.messages.push(message));
  socket.on('schedule', (message: ScheduleMessage) => client.schedules.push(message));
  socket.on('hold', (message: HoldMessage) => client.holds.push(message));
  socket.on('waitlist', (message: WaitlistMessage) => client.waitlists.push(message));
  for (const event of NOTICE_EVENTS) socket.on(event, (body: LiveProblemBody) => client.notices.push({ event, body }));
  socket.on('disconnect', (reason) => (client.disconnected = { reason, at: Date.now() }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return client;
}

/** A handshake the server must refuse: resolves with its error (message and problem body). */
export async function refusedLive(baseUrl: string, auth: LiveAuth): Promise<{ message: string; problem: LiveProblemBody | undefined; received: unknown[] }> {
  const socket = openSocket(baseUrl, auth);
  const received: unknown[] = [];
  socket.onAny((...args) => received.push(args));
  try {
    const error = await new Promise<Error & { data?: LiveProblemBody }>((resolve, reject) => {
      socket.once('connect_error', resolve);
      socket.once('connect', () => reject(new Error(`connected although the handshake should be refused: ${JSON.stringify(auth)}`)));
    });
    return { message: error.message, problem: error.data, received };
  } finally {
    socket.close();
  }
}

/** The live clients a test file opens, closed together when it ends. */
export function liveClients(baseUrl: () => string) {
  const open: LiveClient[] = [];
  return {
    connect: async (auth: LiveAuth): Promise<LiveClient> => {
      const client = await connectLive(baseUrl(), auth);
      open.push(client);
      return client;
    },
    closeAll: (): void => {
      open.forEach((client) => client.close());
    },
  };
}
