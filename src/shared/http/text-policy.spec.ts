import { textProblem } from './text-policy';

describe('text policy', () => {
  it('given ordinary text in any script, emoji included, then nothing is wrong with it', () => {
    for (const text of ['Persistent cough', 'Müller-Lüdenscheidt', '咳嗽', 'كحة', 'Husten 🤧', 'pd1:AAAA', '[erased]', '{"$x":1}', 'e\u0301']) {
      expect(textProblem(text, 'single-line')).toBeUndefined();
      expect(textProblem(text, 'free-text')).toBeUndefined();
    }
  });

  it('given TAB, LF or CR, then free text accepts them and a single-line value does not', () => {
    for (const text of ['line one\nline two', 'a\r\nb', 'col\tcol']) {
      expect(textProblem(text, 'free-text')).toBeUndefined();
      expect(textProblem(text, 'single-line')).toMatch(/must be a single line/);
    }
    expect(textProblem('a\u2028b', 'single-line')).toMatch(/single line \(it contains U\+2028\)/);
    expect(textProblem('a\u2028b', 'free-text')).toBeUndefined();
  });

  it('given NUL, another C0 control, DEL or a C1 control, then both kinds refuse it and name it', () => {
    for (const [text, name] of [['a\u0000b', 'U+0000'], ['\u0007', 'U+0007'], ['\u001b[31m', 'U+001B'], ['x\u007f', 'U+007F'], ['\u0085', 'U+0085'], ['\u009f', 'U+009F']]) {
      expect(textProblem(text, 'free-text')).toBe(`contains the control character ${name}`);
      expect(textProblem(text, 'single-line')).toBe(`contains the control character ${name}`);
    }
  });

  it('given a lone high or low surrogate anywhere, then it is refused; a pair is a character', () => {
    for (const text of ['\ud800', 'a\ud800', '\ud800a', '\udc00', 'a\udfffb', '\udc00\ud800']) {
      expect(textProblem(text, 'free-text')).toMatch(/lone surrogate/);
    }
    expect(textProblem('\ud83d\ude00', 'single-line')).toBeUndefined();
  });

  it('given the noncharacters U+FFFE or U+FFFF, then they are refused', () => {
    expect(textProblem('\ufffe', 'free-text')).toBe('contains the noncharacter U+FFFE');
    expect(textProblem('x\uffff', 'single-line')).toBe('contains the noncharacter U+FFFF');
  });
});
