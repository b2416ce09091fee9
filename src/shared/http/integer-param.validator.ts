import { Transform } from 'class-transformer';
import { registerDecorator, ValidationArguments } from 'class-validator';

/** The largest value of a PostgreSQL `integer` column (event versions). */
export const MAX_INT4 = 2_147_483_647;

const DECIMAL = /^-?\d{1,20}$/;

/**
 * An integer query parameter written in plain decimal digits, from `min` to `max`. Only such
 * text becomes a number: `1e3`, `0x10`, `1.0`, ` 1`, an empty value or a repeated parameter
 * stay as they are and fail, where `Number()` would have turned them into some integer. The
 * range keeps every value inside what its column (and a JavaScript number) can hold.
 */
export function IsIntegerParam(min: number, max: number) {
  const message = (property: string) => `${property} must be an integer from ${min} to ${max}`;
  return (target: object, propertyName: string) => {
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value))(target, propertyName);
    registerDecorator({
      name: 'isIntegerParam',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max,
        defaultMessage: (args?: ValidationArguments) => message(args?.property ?? propertyName),
      },
    });
  };
}

/** Reads a header or parameter with the same rule, for values no DTO binds. */
export function integerParam(value: unknown, min: number, max: number): number | undefined {
  if (typeof value !== 'string' || !DECIMAL.test(value)) return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) && number >= min && number <= max ? number : undefined;
}
