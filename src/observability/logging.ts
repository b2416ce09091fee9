import pino, { Logger, LoggerOptions } from 'pino';
import { AppConfig } from '../config/app-config';
import { NestPinoLoggerModule } from './nest-pino-logger';

const EMAIL_ADDRESS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** Replaces email addresses in a log argument: patients' contact details never reach the logs. */
function scrub(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(EMAIL_ADDRESS, '[email]') : value;
}

/**
 * The one pino logger of the process: JSON lines on stdout. Fastify logs each request with
 * its request id and (see http-app) its correlation id; requests are logged by method, route
 * and status only (headers, and so tokens, are not); email addresses are masked.
 */
export function createRootLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  const options: LoggerOptions = {
    level: config.logLevel,
    serializers: {
      req: (request: { id: string; method: string; url: string }) => ({ id: request.id, method: request.method, url: request.url }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    hooks: {
      logMethod(args, method) {
        return method.apply(this, args.map(scrub) as Parameters<typeof method>);
      },
    },
  };
  return pino(options);
}

/** Nest's logger on the same pino logger, so Nest's own and the application's lines are JSON too. */
export function loggingModule(logger: Logger) {
  return NestPinoLoggerModule.forRoot(logger);
}
