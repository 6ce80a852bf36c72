import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture, unicodeText } from '../testing/fixtures.js';
import { CharTokenizer } from './char-tokenizer.js';

const words = fixture('names/names.txt').split('\n').filter((w) => w.length > 0);

describe('CharTokenizer.fromCorpus on the makemore names', () => {
  const tok = CharTokenizer.fromCorpus(words);

  it("gives '.' id 0 and 'a'…'z' ids 1…26, as the lecture's stoi", () => {
    expect(words.length).toBe(32033);
    expect(tok.vocabSize).toBe(27);
    expect(tok.tokens).toEqual(['.', ...'abcdefghijklmnopqrstuvwxyz']);
    expect(tok.tokenToId('.')).toBe(0);
    expect(tok.tokenToId('a')).toBe(1);
    expect(tok.tokenToId('z')).toBe(26);
    expect(tok.idToToken(13)).toBe('m');
    expect(tok.boundaryId).toBe(0);
  });

  it("encodes 'emma' as the lecture does, with the boundary on request", () => {
    expect(tok.encode('emma')).toEqual([5, 13, 13, 1]);
    expect(tok.encode('.emma.', { allowedSpecial: 'all' })).toEqual([0, 5, 13, 13, 1, 0]);
    expect(tok.decode([0, 5, 13, 13, 1, 0])).toBe('.emma.');
    expect(tok.decode([0, 5, 13, 13, 1, 0], { skipSpecialTokens: true })).toBe('emma');
  });

  it('rejects boundary text in the input unless allowed', () => {
    expect(() => tok.encode('em.ma')).toThrow("encode: disallowed special token '.' found in input at position 2");
  });

  it('names a character outside the vocabulary', () => {
    expect(() => tok.encode('zoë')).toThrow("encode: character 'ë' (U+00EB) at position 2 is not in the vocabulary, and this tokenizer has no unknown token");
    expect(() => tok.encode('a.b', { disallowedSpecial: [] })).toThrow("encode: character '.' (U+002E) at position 1 is not in the vocabulary");
  });

  it('names an id outside the vocabulary', () => {
    expect(() => tok.decode([3, 27])).toThrow('decode: id 27 is out of range for a vocabulary of 27 tokens (ids 0..26)');
  });
});

describe('CharTokenizer options', () => {
  it('sorts characters by code point, not by UTF-16 unit', () => {
    const tok = CharTokenizer.fromCorpus(['\u{1F600}\uFF01b'], { boundary: null });
    expect(tok.tokens).toEqual(['b', '\uFF01', '\u{1F600}']);
  });

  it('treats a character outside the Basic Multilingual Plane as one token', () => {
    const tok = CharTokenizer.fromCorpus('a😀', { boundary: null });
    expect(tok.encode('😀a😀')).toEqual([1, 0, 1]);
  });

  it('maps unknown characters to the unknown token when there is one', () => {
    const tok = CharTokenizer.fromCorpus(['abc'], { unknown: '<unk>' });
    expect(tok.tokens).toEqual(['.', '<unk>', 'a', 'b', 'c']);
    expect(tok.encode('abz😀')).toEqual([2, 3, 1, 1]);
    expect(tok.decode(tok.encode('abz'))).toBe('ab<unk>');
  });

  it('takes another boundary token, or none', () => {
    const tok = CharTokenizer.fromCorpus('hello. world.', { boundary: '<s>', specialTokens: ['<pad>'] });
    expect(tok.tokens.slice(0, 4)).toEqual(['<s>', '<pad>', ' ', '.']);
    expect(tok.padId).toBe(1);
    expect(tok.encode('<s>he.', { allowedSpecial: ['<s>'] })).toEqual([0, 6, 5, 3]);
    expect(CharTokenizer.fromCorpus('ab', { boundary: null }).tokens).toEqual(['a', 'b']);
  });

  it('refuses a boundary that is also a character of the corpus', () => {
    expect(() => CharTokenizer.fromCorpus('a.b')).toThrow("CharTokenizer.fromCorpus: the special token '.' (U+002E) also occurs in the corpus as a character; choose another boundary (or boundary: null)");
  });

  it('round-trips any string over its corpus, lone surrogates included', () => {
    fc.assert(fc.property(unicodeText(60), unicodeText(20), (corpus, extra) => {
      const tok = CharTokenizer.fromCorpus([corpus, extra, 'x'], { boundary: null });
      expect(tok.decode(tok.encode(corpus))).toBe(corpus);
      // (joined directly, a lone high and a lone low surrogate would make a new character)
      expect(tok.decode(tok.encode(`${extra}x${corpus}`))).toBe(`${extra}x${corpus}`);
    }), { numRuns: 500 });
    const lone = CharTokenizer.fromCorpus('a\uD800', { boundary: null });
    expect(lone.encode('\uD800a')).toEqual([1, 0]);
  });

  it('saves and restores', () => {
    const tok = CharTokenizer.fromCorpus(words, { unknown: '<unk>', specialTokens: ['<pad>'] });
    const json = tok.toJSON();
    expect(json).toEqual({
      format: 'typegrad-tokenizer', version: 1, type: 'char',
      vocab: ['.', '<unk>', '<pad>', ...'abcdefghijklmnopqrstuvwxyz'], boundary: '.', unknown: '<unk>', specialTokens: ['<pad>'],
    });
    const back = CharTokenizer.fromJSON(JSON.stringify(json));
    expect(back.encode('olivia!')).toEqual(tok.encode('olivia!'));
    expect(() => CharTokenizer.fromJSON({ ...json, type: 'word' })).toThrow("CharTokenizer.fromJSON: expected a 'char' tokenizer, got 'word'");
    expect(() => CharTokenizer.fromJSON({ ...json, version: 3 })).toThrow("CharTokenizer.fromJSON: this 'char' tokenizer file is version 3, but this version of @typegrad/tokenizers reads 'char' files up to version 1");
  });

  it('refuses a special token named twice, in code or in a file', () => {
    const twice = 'CharTokenizer: special token "." is named twice (the boundary, the unknown token and the specialTokens must all differ)';
    expect(() => new CharTokenizer(['.', 'a'], { boundary: '.', unknown: '.' })).toThrow(twice);
    expect(() => new CharTokenizer(['.', '<pad>', 'a'], { specialTokens: ['<pad>', '.'] })).toThrow(twice);
    const file = { format: 'typegrad-tokenizer', version: 1, type: 'char', vocab: ['.', 'a'], boundary: '.', unknown: '.', specialTokens: [] };
    expect(() => CharTokenizer.fromJSON(file)).toThrow(twice);
  });
});
