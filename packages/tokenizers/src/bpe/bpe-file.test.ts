import { describe, expect, it } from 'vitest';
import { tokenizerFromJSON } from '../from-json.js';
import { BpeTokenizer } from './bpe-tokenizer.js';
import { GPT2_PATTERN, GPT4_PATTERN, O200K_PATTERN } from './patterns.js';

/** A saved BPE tokenizer with learned merges; `fields` replace or add to the defaults. */
const bpeFile = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  format: 'typegrad-tokenizer', version: 1, type: 'bpe', name: null, pattern: null, specialTokens: {}, merges: [104, 105], ...fields,
});

/** Merges that each double the length of one token: 'aa', 'aaaa', ... (merge k makes 2^(k+1) bytes). */
const doublingMerges = (count: number): number[] => [97, 97, ...Array.from({ length: 2 * (count - 1) }, (_, i) => 256 + (i >> 1))];

/** `.tiktoken` text for the 256 single bytes, then `extra` lines. */
const byteRanks = (...extra: string[]): string =>
  `${Array.from({ length: 256 }, (_, b) => `${btoa(String.fromCharCode(b))} ${b}`).join('\n')}\n${extra.map((l) => `${l}\n`).join('')}`;

describe('BpeTokenizer.fromJSON on hostile files: bounded work', () => {
  it('refuses a short file whose merges keep doubling a token, before building the oversized token', () => {
    const text = JSON.stringify(bpeFile({ merges: doublingMerges(31) }));
    expect(text.length).toBeLessThan(400); // the review's file: 31 merges would ask for 4 GB
    expect(() => tokenizerFromJSON(text)).toThrow('BpeTokenizer.fromJSON: merge 10 joins ids 265 and 265 into a token of 2048 bytes; tokens may be at most 1024 bytes');
    expect(() => BpeTokenizer.fromJSON(bpeFile({ merges: doublingMerges(12) }))).toThrow('merge 10 joins ids 265 and 265 into a token of 2048 bytes');
  });

  it('accepts tokens up to 1024 bytes', () => {
    const tok = BpeTokenizer.fromJSON(bpeFile({ merges: doublingMerges(10) }));
    expect(tok.idToBytes(265)!.length).toBe(1024);
    expect(tok.encode('a'.repeat(1024))).toEqual([265]);
  });

  it('refuses more merges than the declared vocabulary holds', () => {
    const merges = doublingMerges(5).concat(98, 98, 99, 99, 100, 100);
    expect(() => BpeTokenizer.fromJSON(bpeFile({ merges, vocabSize: 262 }))).toThrow('BpeTokenizer.fromJSON: the file has 8 merges, but its vocabSize 262 leaves room for at most 6 (262 − 256 bytes − 0 special tokens)');
    expect(() => BpeTokenizer.fromJSON(bpeFile({ merges, vocabSize: 264, specialTokens: { '<a>': 263 } }))).toThrow('its vocabSize 264 leaves room for at most 7 (264 − 256 bytes − 1 special tokens)');
    expect(BpeTokenizer.fromJSON(bpeFile({ merges, vocabSize: 264 })).vocabSize).toBe(264);
  });

  it('refuses a rank table whose tokens are longer than 1024 bytes, naming the line', () => {
    const long = btoa('x'.repeat(1025));
    expect(() => BpeTokenizer.fromJSON(bpeFile({ merges: undefined, ranks: byteRanks(`${long} 256`) })))
      .toThrow('BpeTokenizer.fromJSON: the token on line 257 of the .tiktoken data is 1025 bytes long; tokens may be at most 1024 bytes');
  });
});

describe('BpeTokenizer.fromJSON on hostile files: ids and sizes', () => {
  it('refuses a vocabulary size that is not an integer or beyond 2^31 − 1', () => {
    const expected = "BpeTokenizer.fromJSON: field 'vocabSize' must be an integer from 1 to 2147483647 (2^31 − 1: ids are int32 in tensors), got";
    expect(() => BpeTokenizer.fromJSON(bpeFile({ vocabSize: 1e15 }))).toThrow(`${expected} 1000000000000000`);
    expect(() => BpeTokenizer.fromJSON(bpeFile({ vocabSize: Infinity }))).toThrow(`${expected} Infinity`);
    expect(() => BpeTokenizer.fromJSON(bpeFile({ vocabSize: 300.5 }))).toThrow(`${expected} 300.5`);
    expect(() => BpeTokenizer.fromJSON(bpeFile({ vocabSize: '300' }))).toThrow(`${expected} "300"`);
    expect(() => BpeTokenizer.fromJSON(bpeFile({ vocabSize: 2 ** 31 }))).toThrow(`${expected} 2147483648`);
  });

  it('refuses a vocabulary size smaller than the ids in use', () => {
    expect(() => BpeTokenizer.fromJSON(bpeFile({ specialTokens: { '<eos>': 400 }, vocabSize: 300 })))
      .toThrow('BpeTokenizer.fromJSON: vocabSize 300 is too small for the ids in use (the largest is 400, so vocabSize must be at least 401)');
    expect(() => BpeTokenizer.fromJSON(bpeFile({ merges: undefined, ranks: byteRanks('aGk= 256'), vocabSize: 10 })))
      .toThrow('vocabSize 10 is too small for the ids in use (the largest is 256, so vocabSize must be at least 257)');
  });

  it('refuses special-token ids that are huge, negative or not integers', () => {
    const range = '(an id must be an integer from 0 to 2147483646, since ids are int32)';
    expect(() => BpeTokenizer.fromJSON(bpeFile({ specialTokens: { '<x>': 1e15 } }))).toThrow(`BpeTokenizer.fromJSON: special token '<x>' has invalid id 1000000000000000 ${range}`);
    expect(() => BpeTokenizer.fromJSON(bpeFile({ specialTokens: { '<x>': 2 ** 31 - 1 } }))).toThrow(`special token '<x>' has invalid id 2147483647 ${range}`);
    expect(() => BpeTokenizer.fromJSON(bpeFile({ specialTokens: { '<x>': -1 } }))).toThrow(`special token '<x>' has invalid id -1 ${range}`);
    expect(() => BpeTokenizer.fromJSON(bpeFile({ specialTokens: { '<x>': 300.5 } }))).toThrow(`special token '<x>' has invalid id 300.5 ${range}`);
    expect(() => BpeTokenizer.fromJSON(bpeFile({ specialTokens: { '<x>': '300' } }))).toThrow(`special token '<x>' has invalid id "300" ${range}`);
    expect(() => BpeTokenizer.fromJSON(bpeFile({ specialTokens: { '<x>': 256 } }))).toThrow("special token '<x>' has id 256, which is already taken");
    expect(() => BpeTokenizer.fromJSON(bpeFile({ specialTokens: { '<x>': 300, '<y>': 300 } }))).toThrow("special token '<y>' has id 300, which is already taken");
  });

  it('refuses special tokens given as an array, whose indices would become token names', () => {
    expect(() => BpeTokenizer.fromJSON(bpeFile({ specialTokens: [300] }))).toThrow("BpeTokenizer.fromJSON: field 'specialTokens' must be an object of token → id, got an array");
  });

  it('treats special tokens named like Object members as ordinary names', () => {
    const tok = BpeTokenizer.fromJSON('{"format":"typegrad-tokenizer","version":1,"type":"bpe","name":null,"pattern":null,"specialTokens":{"__proto__":300,"constructor":301},"merges":[]}');
    expect([...tok.specialTokens]).toEqual([['__proto__', 300], ['constructor', 301]]);
    expect(Object.entries(tok.toJSON().specialTokens)).toEqual([['__proto__', 300], ['constructor', 301]]);
  });

  it('refuses merges with ids that are not integers or not made yet', () => {
    expect(() => BpeTokenizer.fromJSON(bpeFile({ merges: [104.5, 105] }))).toThrow('BpeTokenizer.fromJSON: merge 0 joins 104.5, which is not an integer id');
    expect(() => BpeTokenizer.fromJSON(bpeFile({ merges: ['104', 105] }))).toThrow('BpeTokenizer.fromJSON: merge 0 joins "104", which is not an integer id');
    expect(() => BpeTokenizer.fromJSON(bpeFile({ merges: [104, 105, 256, 257] }))).toThrow('BpeTokenizer.fromJSON: merge 1 joins ids 256 and 257, but only ids 0..256 exist before it');
  });
});

describe('BpeTokenizer.fromJSON: the pre-tokenisation pattern', () => {
  it('accepts the known patterns, by source or by name', () => {
    for (const [given, source] of [[GPT2_PATTERN, GPT2_PATTERN], [GPT4_PATTERN, GPT4_PATTERN], [O200K_PATTERN, O200K_PATTERN],
      ['gpt2', GPT2_PATTERN], ['gpt4', GPT4_PATTERN], ['cl100k', GPT4_PATTERN], ['o200k', O200K_PATTERN], ['none', null], [null, null]]) {
      expect(BpeTokenizer.fromJSON(bpeFile({ pattern: given })).pattern).toBe(source);
    }
  });

  it('refuses any other regex from a file, saying how to opt in', () => {
    const file = JSON.stringify(bpeFile({ pattern: '(a+)+$' }));
    const started = performance.now();
    expect(() => tokenizerFromJSON(file)).toThrow("BpeTokenizer.fromJSON: the file's pattern \"(a+)+$\" is not one of the known split patterns (GPT-2's, GPT-4's / cl100k's, o200k's, "
      + "or none; by name: 'gpt2', 'gpt4', 'cl100k', 'o200k', 'none'). A regular expression from a file can take exponential time "
      + 'on some texts (ReDoS), so a custom one is refused; if you trust this file, pass { allowCustomPattern: true } to BpeTokenizer.fromJSON or tokenizerFromJSON');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(() => BpeTokenizer.fromJSON(bpeFile({ pattern: String.raw`\S+|\s+` }))).toThrow(String.raw`the file's pattern "\\S+|\\s+" is not one of the known split patterns`);
    expect(() => BpeTokenizer.fromJSON(bpeFile({ pattern: 42 }))).toThrow("BpeTokenizer.fromJSON: field 'pattern' must be a string or null");
  });

  it('compiles a custom regex when the caller opts in', () => {
    const words = String.raw`\S+|\s+`;
    expect(BpeTokenizer.fromJSON(bpeFile({ pattern: words }), { allowCustomPattern: true }).encode('hi hi')).toEqual([256, 32, 256]);
    expect(tokenizerFromJSON(bpeFile({ pattern: '(a+)+$' }), { allowCustomPattern: true }).toJSON()).toMatchObject({ pattern: '(a+)+$' });
    expect(() => BpeTokenizer.fromJSON(bpeFile({ pattern: '(' }), { allowCustomPattern: true })).toThrow('BpeTokenizer.fromJSON: invalid pre-tokenisation pattern "("');
  });
});
