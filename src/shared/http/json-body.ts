import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RawServerDefault } from 'fastify';
import { Problems } from './problem';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies must be well-formed UTF-8 (RFC 8259): bytes that are not (a stray 0xFF, an
 * encoded surrogate) are a 400 instead of being replaced with U+FFFD and stored. The text then
 * goes through Fastify's own JSON parser, which refuses `__proto__` and `constructor.prototype`.
 */
export function useStrictJsonBodies(app: NestFastifyApplication, bodyLimit: number): void {
  const parseJson = app.getHttpAdapter().getInstance().getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(Problems.badRequest('The request body is not valid UTF-8'), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
