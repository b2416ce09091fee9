import { FreeText, inputProblems, MAX_NESTING, nestingProblem, Repeatable } from './input-policy';

class NoteDto {
  @FreeText() note: string;
  name: string;
}

class FilterDto {
  @Repeatable() status: string[];
  limit: string;
}

const fields = (problems: Array<{ field?: string }>) => problems.map((problem) => problem.field);

describe('input policy', () => {
  it('given a clean body, then there is nothing to report', () => {
    expect(inputProblems({ note: 'Two lines\nof text', name: 'Mia', hours: { mon: [['09:00', '12:00']] } }, { type: 'body', dto: NoteDto })).toEqual([]);
  });

  it('given control characters, then free-text fields may hold line breaks and nothing else may', () => {
    const problems = inputProblems({ note: 'a\nb\u0000', name: 'Mia\nSchneider' }, { type: 'body', dto: NoteDto });
    expect(problems).toEqual([
      { field: 'note', message: 'note contains the control character U+0000' },
      { field: 'name', message: 'name must be a single line (it contains U+000A)' },
    ]);
  });

  it('given bad strings inside arrays and objects, then the path to each is named', () => {
    const problems = inputProblems({ workingHours: { mon: [['09:00', '12:00\u0000']] }, tags: ['ok', '\ud800'] }, { type: 'body', dto: NoteDto });
    expect(fields(problems)).toEqual(['workingHours.mon[0][1]', 'tags[1]']);
  });

  it('given a property name with a control character or a prototype key, then it is refused', () => {
    expect(fields(inputProblems({ hours: { 'mo\u0000n': 1 } }, { type: 'body', dto: NoteDto }))).toEqual(['hours']);
    const prototypeKeys = JSON.parse('{"__proto__": {"admin": true}, "nested": {"constructor": 1}}');
    expect(fields(inputProblems(prototypeKeys, { type: 'body', dto: NoteDto }))).toEqual(['__proto__', 'nested.constructor']);
  });

  it('given a body that is not an object where a DTO expects one, then the body as a whole is refused', () => {
    for (const body of [[], 'x', 1, null, true]) {
      expect(inputProblems(body, { type: 'body', dto: NoteDto })).toEqual([{ message: 'The request body must be a JSON object' }]);
    }
  });

  it('given nesting past the limit, then it is reported at the top-level field without walking it recursively', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(nestingProblem({ title: deep })).toEqual({ field: 'title', message: `title is nested more than ${MAX_NESTING} levels deep` });
    expect(nestingProblem(deep)).toEqual({ message: `The request body is nested more than ${MAX_NESTING} levels deep` });
    expect(inputProblems({ title: deep }, { type: 'body', dto: NoteDto })).toHaveLength(1);
    expect(nestingProblem({ a: { b: [[['x']]] } })).toBeUndefined();
  });

  it('given a repeated query parameter, then only one marked Repeatable is accepted', () => {
    expect(inputProblems({ status: ['booked', 'cancelled'] }, { type: 'query', dto: FilterDto })).toEqual([]);
    expect(inputProblems({ limit: ['1', '2'] }, { type: 'query', dto: FilterDto })).toEqual([{ field: 'limit', message: 'limit must be given once' }]);
  });

  it('given a path id that is not a UUID, then it is refused; other path parameters only follow the text policy', () => {
    expect(inputProblems('nope', { type: 'param', data: 'id' })).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    expect(inputProblems('nope', { type: 'param', data: 'blockId' })).toEqual([{ field: 'blockId', message: 'blockId must be a UUID' }]);
    expect(inputProblems('4f1c2a10-5b6e-4c1d-9a4e-0d1f2a3b4c01', { type: 'param', data: 'id' })).toEqual([]);
    expect(inputProblems('slot-taken', { type: 'param', data: 'code' })).toEqual([]);
    expect(inputProblems('slot\u0000', { type: 'param', data: 'code' })).toEqual([{ field: 'code', message: 'code contains the control character U+0000' }]);
  });

  it('given a request full of bad strings, then the report is bounded', () => {
    const body = Object.fromEntries(Array.from({ length: 1000 }, (_, index) => [`f${index}`, '\u0000']));
    expect(inputProblems(body, { type: 'body', dto: NoteDto }).length).toBeLessThanOrEqual(10);
  });
});
