import { io, Socket } from 'socket.io-client';
import { eventually } from './eventually';

export interface LiveClient {
  socket: Socket;
  messages: Array<{ position: number; eventType: string; appointment: { id: string; status: string } }>;
  /** Waits until at least `count` messages arrived. */
  received(count: number): Promise<void>;
  close(): void;
}

/** A real socket.io client of the `/live` namespace; resolves once connected. */
export async function connectLive(baseUrl: string, auth: { token?: string; since?: number }): Promise<LiveClient> {
  const socket = io(`${baseUrl}/live`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  const client: LiveClient = {
    socket,
    messages: [],
    received: (count) => eventually(() => expect(client.messages.length).toBeGreaterThanOrEqual(count)),
    close: () => socket.close(),
  };
  socket.on('appointment', (message) => client.messages.push(message));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return client;
}
