import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsBooleanParam } from './boolean-param.validator';

class Query {
  @IsBooleanParam() flag: unknown;
}

const read = (flag: unknown) => {
  const query = plainToInstance(Query, { flag });
  return { value: query.flag, errors: validateSync(query).flatMap((error) => Object.values(error.constraints ?? {})) };
};

describe('A boolean query parameter', () => {
  it('reads exactly true and false', () => {
    expect(read('true')).toEqual({ value: true, errors: [] });
    expect(read('false')).toEqual({ value: false, errors: [] });
  });

  it('refuses every other spelling, naming the parameter', () => {
    for (const text of ['1', '0', 'yes', 'TRUE', 'True', '', ' true', ['true', 'true']]) {
      expect(read(text).errors).toEqual(['flag must be true or false']);
    }
  });
});
