import { parseIfMatch } from './entity-tag';

describe('If-Match', () => {
  it('given *, then any current representation matches', () => {
    expect(parseIfMatch('*')).toEqual({ kind: 'any' });
    expect(parseIfMatch(' * ')).toEqual({ kind: 'any' });
  });

  it('given one strong tag or a list, then each strong version tag may match', () => {
    expect(parseIfMatch('"3"')).toEqual({ kind: 'versions', versions: [3] });
    expect(parseIfMatch('"2", "3"')).toEqual({ kind: 'versions', versions: [2, 3] });
    expect(parseIfMatch('"3","2" ,"3"')).toEqual({ kind: 'versions', versions: [2, 3] });
    expect(parseIfMatch('"1", , "2"')).toEqual({ kind: 'versions', versions: [1, 2] });
  });

  it('given weak tags, then they never match (strong comparison)', () => {
    expect(parseIfMatch('W/"3"')).toEqual({ kind: 'versions', versions: [] });
    expect(parseIfMatch('W/"3", "4"')).toEqual({ kind: 'versions', versions: [4] });
  });

  it('given a well-formed tag that is not our ETag character for character, then it matches no version', () => {
    for (const header of ['"03"', '"0"', '"abc"', '""', '"a,b"', '"99999999999999999"', 'W/"abc", "x"']) {
      expect({ header, parsed: parseIfMatch(header) }).toEqual({ header, parsed: { kind: 'versions', versions: [] } });
    }
    expect(parseIfMatch('"a,b", "3"')).toEqual({ kind: 'versions', versions: [3] });
  });

  it('given a value that is not a list of entity tags, then it is refused', () => {
    for (const header of ['3', 'garbage', '', ' , ', '"3" "4"', '"3', '3"', 'W/3', '*, "3"', '"3"x', '"1\u0000"', '"a\tb"', '"3 "']) {
      expect({ header, parsed: parseIfMatch(header) }).toEqual({ header, parsed: undefined });
    }
  });
});
