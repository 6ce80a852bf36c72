import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { padSequences } from '../batch.js';
import { unicodeText } from '../testing/fixtures.js';
import { WordTokenizer } from './word-tokenizer.js';

const reviews = [
  'A great film, truly great!',
  'A bad film. Really bad...',
  'Great acting; bad script.',
  "I didn't like it.",
];

describe('WordTokenizer.fromCorpus', () => {
  const tok = WordTokenizer.fromCorpus(reviews);

  it('puts <pad> at 0 and <unk> at 1, then words by count, ties in code-point order', () => {
    // counts: '.' 5, 'bad' 3, 'great' 3, 'a' 2, 'film' 2, then the words seen once
    expect(tok.tokens.slice(0, 7)).toEqual(['<pad>', '<unk>', '.', 'bad', 'great', 'a', 'film']);
    expect(tok.tokens.slice(7)).toEqual(['!', ',', ';', 'acting', "didn't", 'i', 'it', 'like', 'really', 'script', 'truly']);
    expect(tok.padId).toBe(0);
    expect(tok.unknownId).toBe(1);
  });

  it('encodes with NFKC, lowercasing, and <unk> for unseen words', () => {
    expect(tok.encode('A GREAT movie!')).toEqual([5, 4, 1, 7]);
    expect(tok.encode('ｇｒｅａｔ')).toEqual([4]); // full-width letters normalise to 'great'
  });

  it('decodes to words joined by single spaces', () => {
    expect(tok.decode(tok.encode('A   great\tfilm,truly!'))).toBe('a great film , truly !');
    expect(tok.normalize('A   great\tfilm,truly!')).toBe('a great film , truly !');
  });

  it('pads to a fixed length with <pad> id 0, as the sentiment example does', () => {
    const rows = padSequences(reviews.map((r) => tok.encode(r)), { length: 6 });
    expect(rows[0]).toEqual([5, 4, 6, 8, 17, 4]);
    expect(rows[3]).toEqual([12, 11, 14, 13, 2, 0]); // i didn't like it .
    const { inputIds, attentionMask } = tok.encodeBatch(["I didn't like it."], { length: 6 });
    expect(inputIds.toArraySync()).toEqual([[12, 11, 14, 13, 2, 0]]);
    expect(attentionMask.toArraySync()).toEqual([[1, 1, 1, 1, 1, 0]]);
  });

  it('keeps words seen at least minFrequency times, and at most maxSize tokens', () => {
    expect(WordTokenizer.fromCorpus(reviews, { minFrequency: 3 }).tokens).toEqual(['<pad>', '<unk>', '.', 'bad', 'great']);
    expect(WordTokenizer.fromCorpus(reviews, { maxSize: 4 }).tokens).toEqual(['<pad>', '<unk>', '.', 'bad']);
    expect(() => WordTokenizer.fromCorpus(reviews, { maxSize: 1 })).toThrow('WordTokenizer.fromCorpus: maxSize must be an integer of at least 2 (the special tokens), got 1');
  });

  it('orders equal counts by code point, astral characters after U+FFFF', () => {
    const t = WordTokenizer.fromCorpus('\u{1F600} \uE000 b a', { lowercase: false });
    expect(t.tokens).toEqual(['<pad>', '<unk>', 'a', 'b', '\uE000', '\u{1F600}']);
  });

  it('can keep case', () => {
    const t = WordTokenizer.fromCorpus('Apple apple', { lowercase: false });
    expect(t.tokens).toEqual(['<pad>', '<unk>', 'Apple', 'apple']);
    expect(t.encode('apple APPLE')).toEqual([3, 1]);
  });

  it('handles extra special tokens by the EncodeOptions policy', () => {
    const t = WordTokenizer.fromCorpus(reviews, { specialTokens: ['<bos>', '<eos>'] });
    expect(t.tokens.slice(0, 4)).toEqual(['<pad>', '<unk>', '<bos>', '<eos>']);
    expect(t.encode('<bos>great<eos>', { allowedSpecial: 'all' })).toEqual([2, 6, 3]);
    expect(() => t.encode('great<eos>')).toThrow("encode: disallowed special token '<eos>' found in input at position 5");
    expect(t.encode('great<eos>', { disallowedSpecial: [] })).toEqual([6, 1, 1, 1]); // '<', 'eos', '>'
    expect(t.decode([2, 6, 3, 0], { skipSpecialTokens: true })).toBe('great');
  });

  it('round-trips normalised text whose words are all in the vocabulary', () => {
    fc.assert(fc.property(unicodeText(50), (s) => {
      const t = WordTokenizer.fromCorpus(s);
      const normal = t.normalize(s);
      expect(t.decode(t.encode(s, { disallowedSpecial: [] }))).toBe(normal);
      expect(t.decode(t.encode(normal, { disallowedSpecial: [] }))).toBe(normal);
    }), { numRuns: 500 });
  });

  it('saves and restores', () => {
    const json = tok.toJSON();
    expect(json).toMatchObject({ format: 'typegrad-tokenizer', version: 1, type: 'word', pad: '<pad>', unknown: '<unk>', lowercase: true, specialTokens: [] });
    const back = WordTokenizer.fromJSON(json);
    expect(back.encode('Great film, bad script')).toEqual(tok.encode('Great film, bad script'));
    expect(() => WordTokenizer.fromJSON({ ...json, type: 'bpe' })).toThrow("WordTokenizer.fromJSON: expected a 'word' tokenizer, got 'bpe'");
  });
});
