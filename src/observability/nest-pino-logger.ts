import { AsyncLocalStorage } from 'node:async_hooks';
import { IncomingMessage, ServerResponse } from 'node:http';
import { DynamicModule, Injectable, LoggerService, MiddlewareConsumer, Module, NestMiddleware, NestModule, RequestMethod } from '@nestjs/common';
import { Logger } from 'pino';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * The logger of the request being handled. Fastify gives each request a child logger bound to
 * its request id and correlation id; while that request is handled, Nest's loggers write
 * through it, so an error logged by a filter or handler can be traced back to its request.
 */
const requestLoggers = new AsyncLocalStorage<Logger>();

/** Nest's stack traces arrive as a second string argument that starts with "at" frames. */
const STACK_FRAME = /\n\s*at /;

/**
 * Nest's `LoggerService` on the process's pino logger: Nest's own lines (bootstrap, routes,
 * exceptions) and every `new Logger(context)` of the application become JSON lines with a
 * `context` field, on the request's logger while a request is handled.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('info', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  /** Nest passes the context last; an error may come with its stack as the argument before it. */
  private write(level: Level, message: unknown, optionalParams: unknown[]): void {
    const logger = requestLoggers.getStore() ?? this.root;
    const fields: Record<string, unknown> = {};
    let rest = optionalParams;
    if (rest.length > 0) {
      fields.context = rest[rest.length - 1];
      rest = rest.slice(0, -1);
    }
    if (message instanceof Error) {
      logger[level]({ ...fields, err: message }, message.message, ...rest);
    } else if (typeof message === 'object' && message !== null) {
      logger[level]({ ...fields, ...message }, ...(rest as [string?]));
    } else if (level === 'error' && typeof message === 'string' && rest.length === 1 && typeof rest[0] === 'string' && STACK_FRAME.test(rest[0])) {
      const err = new Error(message);
      err.stack = rest[0];
      logger[level]({ ...fields, err }, message);
    } else {
      logger[level](fields, String(message), ...rest);
    }
  }
}

/** Binds the request's own logger (set by Fastify on the raw request) for the rest of its handling. */
@Injectable()
export class RequestLoggerMiddleware implements NestMiddleware {
  use(request: IncomingMessage & { log?: Logger }, _response: ServerResponse, next: () => void): void {
    if (request.log) requestLoggers.run(request.log, next);
    else next();
  }
}

@Module({})
export class NestPinoLoggerModule implements NestModule {
  static forRoot(logger: Logger): DynamicModule {
    const nestLogger = new NestPinoLogger(logger);
    return { module: NestPinoLoggerModule, global: true, providers: [{ provide: NestPinoLogger, useValue: nestLogger }], exports: [NestPinoLogger] };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestLoggerMiddleware).forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }
}
