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

  it('given a tag that is not our ETag character for character, then it matches no version', () => {
    expect(parseIfMatch('"03"')).toEqual({ kind: 'versions', versions: [] });
    expect(parseIfMatch('"0"')).toEqual({ kind: 'versions', versions: [] });
  });

  it('given a malformed value, then it is refused', () => {
    for (const header of ['3', '"abc"', 'garbage', '""', '', ' , ', '"3" "4"', '"3', '3"', 'W/3', '*, "3"', '"3"x', '"1\u0000"', '"99999999999999999"']) {
      expect({ header, parsed: parseIfMatch(header) }).toEqual({ header, parsed: undefined });
    }
  });
});
