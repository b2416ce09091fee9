import { ValidationError, ValidationPipe } from '@nestjs/common';
import { Problems } from './problem';

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; message: string }> {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * Validates bodies and queries against their DTO classes. Unknown fields are rejected, not
 * silently dropped, so that a typo in a field name never goes unnoticed.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => {
      const list = flatten(errors);
      return Problems.badRequest(list.map((e) => e.message).join('; '), list);
    },
  });
}
