import pretty from 'pino-pretty';
import { DestinationStream } from 'pino';
import { AppConfig, LogFormat } from '../config/app-config';

/**
 * The format of the process's log lines: LOG_FORMAT when set; otherwise short readable lines
 * for a developer watching a terminal, and JSON for everything else (a file, a pipe, a log
 * collector, and production always).
 */
export function logFormatFor(config: Pick<AppConfig, 'logFormat' | 'production'>, stdoutIsTerminal: boolean): LogFormat {
  return config.logFormat ?? (!config.production && stdoutIsTerminal ? 'pretty' : 'json');
}

/** Fields the pretty message already shows, or that only matter to machines. */
const SHOWN_IN_MESSAGE = ['pid', 'hostname', 'context', 'reqId', 'correlationId', 'method', 'url', 'route', 'statusCode', 'responseTime'];

/** A field of a parsed JSON line as text: a string as it is, anything else as its JSON. */
function shown(value: unknown): string {
  if (value === undefined) return 'undefined';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One short line: `→ GET /url` and `← GET /route 200 3.2ms` for requests, `Context: message` otherwise. */
function message(log: Record<string, unknown>, messageKey: string): string {
  const raw = log[messageKey];
  const text = raw === undefined || raw === null ? '' : shown(raw);
  if (text === 'incoming request' || text === 'route not found') return `→ ${shown(log.method)} ${shown(log.url)}${text === 'route not found' ? ' (no route)' : ''}`;
  if (text === 'request completed' || text === 'request errored') {
    return `← ${shown(log.method)} ${shown(log.route)} ${shown(log.statusCode)} ${shown(log.responseTime)}ms`;
  }
  return typeof log.context === 'string' ? `${log.context}: ${text}` : text;
}

/**
 * Development rendering of the JSON lines: time of day, level, message; other fields (an
 * error's stack, a problem's details) below it. Written synchronously, so that the last lines
 * before the process exits are not lost.
 */
export function prettyDestination(): DestinationStream {
  return pretty({
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: SHOWN_IN_MESSAGE.join(','),
    messageFormat: message,
  });
}
