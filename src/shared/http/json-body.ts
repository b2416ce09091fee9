import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { RawServerDefault } from 'fastify';
import { Problems } from './problem';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Why Fastify's JSON parser refused `text`, for the 400's detail. */
function refusal(text: string): string {
  if (text.trim().length === 0) return 'The request body is empty although its content type is application/json';
  try {
    JSON.parse(text);
  } catch {
    return 'The request body is not valid JSON';
  }
  return 'The request body has a __proto__ or constructor.prototype property, which is not allowed';
}

/**
 * JSON bodies must be well-formed UTF-8 (RFC 8259): bytes that are not (a stray 0xFF, an
 * encoded surrogate) are a 400 instead of being replaced with U+FFFD and stored. The text then
 * goes through Fastify's own JSON parser, which refuses `__proto__` and `constructor.prototype`;
 * each refusal is an invalid-request problem that says which it was.
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
    void parseJson(request, text, (error, parsed) => {
      if (error) done(Problems.badRequest(refusal(text)), undefined);
      else done(null, parsed);
    });
  });
}
