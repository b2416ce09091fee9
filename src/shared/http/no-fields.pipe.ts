import { PipeTransform } from '@nestjs/common';
import { Problems } from './problem';

/**
 * For commands that take no fields: no body or `{}` passes, any field sent is a 400 rather
 * than silently ignored.
 */
export class NoFieldsPipe implements PipeTransform {
  transform(body: unknown): undefined {
    if (body === undefined || body === null) return undefined;
    if (typeof body !== 'object' || Array.isArray(body)) throw Problems.badRequest('This command takes no body');
    const fields = Object.keys(body);
    if (fields.length > 0) {
      const errors = fields.map((field) => ({ field, message: `property ${field} should not exist` }));
      throw Problems.badRequest(errors.map((e) => e.message).join('; '), errors);
    }
    return undefined;
  }
}
