import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { inputProblems } from './input-policy';
import { Problems } from './problem';

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; message: string }> {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Constructors that are not DTO classes: a value bound to one has no declared fields. */
const PLAIN_TYPES: unknown[] = [Object, String, Number, Boolean, Array];

/**
 * Every body, query and path parameter first passes the edge's input policy (input-policy.ts:
 * text, nesting, prototype keys, repeated parameters, ids), then is validated against its DTO
 * class. Unknown fields are rejected, not silently dropped, so that a typo in a field name never
 * goes unnoticed.
 */
class EdgeValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const dto = metadata.metatype && !PLAIN_TYPES.includes(metadata.metatype) ? metadata.metatype : undefined;
      const problems = inputProblems(value, { type: metadata.type, data: metadata.data, dto });
      if (problems.length > 0) {
        const fields = problems.filter((problem) => problem.field !== undefined);
        throw Problems.badRequest(problems.map((problem) => problem.message).join('; '), fields.length > 0 ? fields : undefined);
      }
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new EdgeValidationPipe({
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
