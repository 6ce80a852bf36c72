import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unicodeText } from './testing/fixtures.js';
import { compareCodePoints, describeChar } from './unicode.js';

describe('compareCodePoints', () => {
  it('orders characters above U+FFFF after U+E000–U+FFFF, unlike <', () => {
    expect(['\u{1F600}', '\uFF01', 'a'].sort(compareCodePoints)).toEqual(['a', '\uFF01', '\u{1F600}']);
    expect('\u{1F600}' < '\uFF01').toBe(true); // UTF-16 order, for contrast
  });

  it('orders lone surrogates by their own value', () => {
    expect(['\uE000', '\uD800'].sort(compareCodePoints)).toEqual(['\uD800', '\uE000']);
    expect(['\u{10000}', '\uDBFF'].sort(compareCodePoints)).toEqual(['\uDBFF', '\u{10000}']);
  });

  it('agrees with comparing code point arrays', () => {
    const byArrays = (a: string, b: string): number => {
      const x = [...a].map((c) => c.codePointAt(0)!);
      const y = [...b].map((c) => c.codePointAt(0)!);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
      return x.length - y.length;
    };
    fc.assert(fc.property(unicodeText(6), unicodeText(6), (a, b) => {
      expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(byArrays(a, b)));
    }), { numRuns: 2000 });
  });
});

describe('describeChar', () => {
  it('shows the character and its code point', () => {
    expect(describeChar('é')).toBe("'é' (U+00E9)");
    expect(describeChar('\n')).toBe('(U+000A)');
    expect(describeChar('😀')).toBe("'😀' (U+1F600)");
  });
});
