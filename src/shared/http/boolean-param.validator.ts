import { Transform } from 'class-transformer';
import { registerDecorator, ValidationArguments } from 'class-validator';

/**
 * A boolean query parameter: exactly `true` or `false`. Anything else (`1`, `yes`, `TRUE`, an
 * empty value, a repeated parameter) stays as it is and fails, rather than being read as some
 * truth value.
 */
export function IsBooleanParam() {
  return (target: object, propertyName: string) => {
    Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))(target, propertyName);
    registerDecorator({
      name: 'isBooleanParam',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => typeof value === 'boolean',
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? propertyName} must be true or false`,
      },
    });
  };
}
