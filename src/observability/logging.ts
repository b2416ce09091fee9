import pino, { Logger, LoggerOptions } from 'pino';
import { AppConfig } from '../config/app-config';
import { redactLogLine, redactUrl } from './log-redaction';
import { NestPinoLoggerModule } from './nest-pino-logger';
import { logFormatFor, prettyDestination } from './pretty-log';

const INFO = 30;

/** Nest's start-up inventory (each module loaded, each route mapped): detail, not news. */
const START_UP_DETAIL = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

function isStartUpDetail(first: unknown): boolean {
  const context = (first as { context?: unknown } | null)?.context;
  return typeof context === 'string' && START_UP_DETAIL.has(context);
}

/**
 * The one pino logger of the process, on stdout: JSON lines, or short readable ones for a
 * developer at a terminal (see pretty-log). Fastify logs each request with its request id and
 * (see http-app) its correlation id, by method, route and status (see request-log); headers
 * are never logged. Every line, whoever wrote it, passes through the redaction of log-redaction
 * before it is written: no token in a URL or a message, no email address.
 */
export function createRootLogger(
  config: Pick<AppConfig, 'logLevel' | 'logFormat' | 'production'>,
  // `isTTY` is undefined, not false, on a stream that is not a terminal (its type says boolean).
  stdoutIsTerminal: boolean = (process.stdout.isTTY as boolean | undefined) === true,
): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: redactUrl(request.url) }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    hooks: {
      logMethod(args, method, level) {
        if (level === INFO && isStartUpDetail(args[0])) {
          if (this.isLevelEnabled('debug')) this.debug(...args);
          return;
        }
        method.apply(this, args);
      },
      streamWrite: redactLogLine,
    },
  };
  return logFormatFor(config, stdoutIsTerminal) === 'pretty' ? pino(options, prettyDestination()) : pino(options);
}

/** Nest's logger on the same pino logger, so Nest's own and the application's lines are JSON too. */
export function loggingModule(logger: Logger) {
  return NestPinoLoggerModule.forRoot(logger);
}
