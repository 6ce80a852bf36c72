import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unicodeText } from '../testing/fixtures.js';
import { normalizeText, splitWords } from './split-words.js';

describe('normalizeText', () => {
  it('applies NFKC and lowercases', () => {
    expect(normalizeText('Ｃａｆé ﬁne', true)).toBe('café fine');
    expect(normalizeText('Cafe\u0301', false)).toBe('Café');
    expect(normalizeText('ᴬB', true)).toBe('ab'); // NFKC turns the modifier letter into 'A' before lowercasing
  });

  it('turns lone surrogates into U+FFFD', () => {
    expect(normalizeText('a\uD800b', true)).toBe('a\uFFFDb');
  });

  it('is idempotent on any text', () => {
    fc.assert(fc.property(unicodeText(40), fc.boolean(), (s, lower) => {
      const once = normalizeText(s, lower);
      expect(normalizeText(once, lower)).toBe(once);
    }), { numRuns: 1000 });
  });
});

describe('splitWords', () => {
  it('splits words from punctuation, keeping apostrophes inside words', () => {
    expect(splitWords("don't stop, it's 3:15!")).toEqual(["don't", 'stop', ',', "it's", '3', ':', '15', '!']);
    expect(splitWords("'quoted' ... rock'n'roll")).toEqual(["'", 'quoted', "'", '.', '.', '.', "rock'n'roll"]);
    expect(splitWords('  \n\t ')).toEqual([]);
    expect(splitWords('naïve café 東京 😀!')).toEqual(['naïve', 'café', '東京', '😀', '!']);
  });

  it('splits the joined tokens back into the same tokens', () => {
    fc.assert(fc.property(unicodeText(40), (s) => {
      const tokens = splitWords(normalizeText(s, true));
      expect(splitWords(tokens.join(' '))).toEqual(tokens);
    }), { numRuns: 1000 });
  });
});
