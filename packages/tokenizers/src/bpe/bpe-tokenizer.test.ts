import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture, unicodeText } from '../testing/fixtures.js';
import { BpeTokenizer } from './bpe-tokenizer.js';
import { GPT4_PATTERN } from './patterns.js';

const corpus = fixture('multilingual/udhr-26lang.txt').slice(0, 40_000);
const tok = BpeTokenizer.train(corpus, { vocabSize: 256 + 300 + 2, specialTokens: ['<|endoftext|>', '<pad>'] });

describe('BpeTokenizer.train', () => {
  it('reaches the vocabulary size, special tokens after the merges', () => {
    expect(tok.vocabSize).toBe(558);
    expect(tok.merges.length).toBe(300);
    expect(tok.tokenToId('<|endoftext|>')).toBe(556);
    expect(tok.padId).toBe(557);
    expect(tok.pattern).toBe(GPT4_PATTERN);
    expect(tok.name).toBeNull();
  });

  it('applies merges as minbpe encodes: the earliest merge first', () => {
    const small = BpeTokenizer.train('aaabdaaabac', { vocabSize: 259, pattern: 'none' });
    // aa ×4 → 256; then (aa)a and ab both occur twice and (aa)a comes first → 257; then (aaa)b → 258
    expect(small.merges).toEqual([[97, 97], [256, 97], [257, 98]]);
    expect(small.encode('aaabdaaabac')).toEqual([258, 100, 258, 97, 99]);
    expect(small.decode([258, 100, 258, 97, 99])).toBe('aaabdaaabac');
  });

  it('stops early when the text has no pair left, and keeps special tokens next', () => {
    const t = BpeTokenizer.train('ab', { vocabSize: 1000, pattern: 'none', specialTokens: ['<eos>'] });
    expect(t.merges).toEqual([[97, 98]]);
    expect(t.tokenToId('<eos>')).toBe(257);
    expect(t.vocabSize).toBe(258);
  });

  it('never learns from special-token text', () => {
    const t = BpeTokenizer.train('<eos><eos><eos>x', { vocabSize: 300, pattern: 'none', specialTokens: ['<eos>'] });
    expect(t.merges).toEqual([]);
  });

  it('rejects a vocabulary too small for the bytes and special tokens', () => {
    expect(() => BpeTokenizer.train('abc', { vocabSize: 256, specialTokens: ['<eos>'] }))
      .toThrow('BpeTokenizer.train: vocabSize must be an integer of at least 257 (256 bytes + 1 special tokens), got 256');
  });

  it('refuses a vocabulary size beyond 2^31 − 1, and a special token listed twice', () => {
    expect(() => BpeTokenizer.train('abc', { vocabSize: 1e15 })).toThrow('BpeTokenizer.train: vocabSize must be an integer from 256 to 2147483647 (2^31 − 1: ids are int32 in tensors), got 1000000000000000');
    expect(() => BpeTokenizer.train('abc', { vocabSize: Infinity })).toThrow('BpeTokenizer.train: vocabSize must be an integer of at least 256 (256 bytes + 0 special tokens), got Infinity');
    expect(() => BpeTokenizer.train('abc', { vocabSize: 300, specialTokens: ['<eos>', '<pad>', '<eos>'] })).toThrow("BpeTokenizer.train: special token '<eos>' is listed twice in specialTokens");
  });

  it('never learns a token longer than 1024 bytes, so what it learns loads again', () => {
    const text = 'a'.repeat(5000);
    const t = BpeTokenizer.train(text, { vocabSize: 300, pattern: 'none' });
    const lengths = t.merges.map((_, m) => t.idToBytes(256 + m)!.length);
    // 5000 bytes = 4 × 1024 + 512 + 256 + 128 + 8: the doubling stops at 1024, then the shorter tail merges
    expect(lengths).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 768, 896, 904]);
    const back = BpeTokenizer.fromJSON(JSON.stringify(t.toJSON()));
    expect(back.encode(text)).toEqual(t.encode(text));
    expect(back.decode(back.encode(text))).toBe(text);
  });

  it('trains with each pattern choice', () => {
    const text = "Hello world! It's 2024, hello again.\n\n";
    const gpt2 = BpeTokenizer.train(text.repeat(3), { vocabSize: 280, pattern: 'gpt2' });
    const none = BpeTokenizer.train(text.repeat(3), { vocabSize: 280, pattern: 'none' });
    // without pre-tokenisation, merges cross word boundaries and the whole text shrinks to fewer tokens
    expect(none.encode(text).length).toBeLessThan(gpt2.encode(text).length);
    expect(gpt2.decode(gpt2.encode(text))).toBe(text);
    expect(none.decode(none.encode(text))).toBe(text);
  });
});

describe('BpeTokenizer encode/decode', () => {
  it('round-trips any well-formed string, and turns a lone surrogate into U+FFFD', () => {
    fc.assert(fc.property(unicodeText(60), (s) => {
      const ids = tok.encode(s, { disallowedSpecial: [] });
      expect(tok.decode(ids)).toBe(s.toWellFormed());
    }), { numRuns: 1000 });
    expect(tok.decode(tok.encode('a\uD800b'))).toBe('a\uFFFDb');
    expect(tok.encode('\uDFFF')).toEqual(tok.encode('\uFFFD'));
  });

  it('never produces an unknown token: every byte is one', () => {
    const ids = tok.encode('\u{10FFFF}\u0000\u{E0001}');
    expect(ids.every((id) => id < 256 + 300)).toBe(true);
    expect(tok.decode(ids)).toBe('\u{10FFFF}\u0000\u{E0001}');
  });

  it('keeps a leading byte-order mark', () => {
    expect(tok.decode(tok.encode('\uFEFFtext'))).toBe('\uFEFFtext');
  });

  it('encodes the corpus in fewer tokens than bytes', () => {
    const ids = tok.encode(corpus);
    expect(ids.length).toBeLessThan(new TextEncoder().encode(corpus).length * 0.7);
    expect(tok.decode(ids)).toBe(corpus);
  });

  it('gives U+FFFD when decoding stops inside a multi-byte character', () => {
    const t = BpeTokenizer.train('x', { vocabSize: 256, pattern: 'none' });
    const ids = t.encode('€'); // three bytes, three tokens
    expect(ids).toEqual([0xe2, 0x82, 0xac]);
    expect(t.decode(ids.slice(0, 2))).toBe('\uFFFD');
    expect(t.decode([0x61, ...ids.slice(0, 2), 0x62])).toBe('a\uFFFDb');
    expect(t.decode(ids)).toBe('€');
  });

  it('treats special-token text as tiktoken does', () => {
    const text = 'hello <|endoftext|>';
    expect(() => tok.encode(text)).toThrow("encode: disallowed special token '<|endoftext|>' found in input at position 6");
    expect(tok.encode(text, { allowedSpecial: 'all' }).at(-1)).toBe(556);
    const ordinary = tok.encode(text, { disallowedSpecial: [] });
    expect(ordinary).not.toContain(556);
    expect(tok.decode(ordinary)).toBe(text);
    expect(tok.encodeOrdinary(text)).toEqual(ordinary);
  });

  it('skips special tokens on request', () => {
    const ids = tok.encode('<pad>hi<|endoftext|>', { allowedSpecial: 'all' });
    expect(tok.decode(ids)).toBe('<pad>hi<|endoftext|>');
    expect(tok.decode(ids, { skipSpecialTokens: true })).toBe('hi');
  });

  it('names an id outside the vocabulary', () => {
    expect(() => tok.decode([1, 99999])).toThrow('decode: id 99999 is not in the vocabulary of this tokenizer (ids 0..557)');
  });

  it('looks tokens up by text and by bytes', () => {
    const id = tok.encode(' the')[0];
    expect(tok.idToToken(id)).toBe(' the');
    expect(tok.tokenToId(' the')).toBe(id);
    expect(tok.tokenToId('<pad>')).toBe(557);
    expect(tok.idToToken(557)).toBe('<pad>');
    expect(tok.idToToken(0xe2)).toBe('\uFFFD'); // a lone lead byte
    expect(Array.from(tok.idToBytes(0xe2)!)).toEqual([0xe2]);
    expect(tok.bytesToId(Uint8Array.of(0xe2))).toBe(0xe2);
    expect(tok.tokenToId('no such token at all')).toBeUndefined();
    expect(tok.idToToken(9999)).toBeUndefined();
  });
});

describe('createStreamDecoder', () => {
  it('yields whole characters only, and in total what decode gives', () => {
    const t = BpeTokenizer.train('x', { vocabSize: 256, pattern: 'none' });
    const stream = t.createStreamDecoder();
    const pieces = t.encode('a😀b').map((id) => stream.push(id));
    expect(pieces).toEqual(['a', '', '', '', '😀', 'b']);
    expect(stream.flush()).toBe('');
  });

  it('flushes an unfinished character as U+FFFD', () => {
    const t = BpeTokenizer.train('x', { vocabSize: 256, pattern: 'none' });
    const stream = t.createStreamDecoder();
    expect(stream.push(0xe2)).toBe('');
    expect(stream.push(0x82)).toBe('');
    expect(stream.flush()).toBe('\uFFFD');
    expect(stream.push(0x61)).toBe('a'); // a new stream
  });

  it('matches decode on any id sequence', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 557 })), (ids) => {
      const stream = tok.createStreamDecoder();
      let text = '';
      for (const id of ids) {
        const piece = stream.push(id);
        // whole characters only: never half of a surrogate pair
        expect(/[\uD800-\uDBFF]$/.test(piece)).toBe(false);
        text += piece;
      }
      expect(text + stream.flush()).toBe(tok.decode(ids));
    }), { numRuns: 500 });
  });
});

describe('BpeTokenizer JSON', () => {
  it('saves and restores a trained tokenizer', () => {
    const json = tok.toJSON();
    expect(json).toMatchObject({ format: 'typegrad-tokenizer', version: 1, type: 'bpe', name: null, pattern: GPT4_PATTERN });
    expect(json.merges!.length).toBe(600);
    expect(json.specialTokens).toEqual({ '<|endoftext|>': 556, '<pad>': 557 });
    const back = BpeTokenizer.fromJSON(JSON.stringify(json));
    expect(back.encode(corpus.slice(0, 5000))).toEqual(tok.encode(corpus.slice(0, 5000)));
    expect(back.toJSON()).toEqual(json);
  });

  it('rejects a file of another type or a newer version, naming both', () => {
    expect(() => BpeTokenizer.fromJSON({ format: 'typegrad-tokenizer', version: 1, type: 'char' })).toThrow("BpeTokenizer.fromJSON: expected a 'bpe' tokenizer, got 'char'");
    expect(() => BpeTokenizer.fromJSON({ ...tok.toJSON(), version: 2 })).toThrow("BpeTokenizer.fromJSON: this 'bpe' tokenizer file is version 2, but this version of @typegrad/tokenizers reads 'bpe' files up to version 1");
  });

  it('rejects merges that refer to ids not yet made', () => {
    expect(() => BpeTokenizer.fromMerges([[97, 300]])).toThrow('BpeTokenizer.fromMerges: merge 0 joins ids 97 and 300, but only ids 0..255 exist before it');
  });

  it('drops text a custom pattern does not match, as findall does, and steps over empty matches', () => {
    expect(BpeTokenizer.fromMerges([], { pattern: '[a-z]*' }).encode('ab1cd')).toEqual([97, 98, 99, 100]);
    expect(() => BpeTokenizer.fromMerges([], { pattern: '(' })).toThrow('BpeTokenizer.fromMerges: invalid pre-tokenisation pattern "("');
  });

  it('builds from merges learned elsewhere', () => {
    const t = BpeTokenizer.fromMerges([[104, 105]], { pattern: 'none', specialTokens: { '<eos>': 257 } });
    expect(t.encode('hihi<eos>', { allowedSpecial: 'all' })).toEqual([256, 256, 257]);
  });
});

describe('BpeTokenizer.fromMerges and fromTiktoken: what they accept', () => {
  const byteRanks = Array.from({ length: 256 }, (_, b) => `${btoa(String.fromCharCode(b))} ${b}`).join('\n');

  it('takes merges as pairs only', () => {
    expect(() => BpeTokenizer.fromMerges([[104], [105]] as never)).toThrow('BpeTokenizer.fromMerges: merge 0 must be a pair [left, right] of ids, got 1 value');
    expect(() => BpeTokenizer.fromMerges([[104, 105, 106]] as never)).toThrow('BpeTokenizer.fromMerges: merge 0 must be a pair [left, right] of ids, got 3 values');
    expect(() => BpeTokenizer.fromMerges([[104, 105], 7] as never)).toThrow('BpeTokenizer.fromMerges: merge 1 must be a pair [left, right] of ids, got 7');
  });

  it('refuses a vocabulary size that is not an integer, beyond 2^31 − 1, or below the ids in use', () => {
    const expected = 'BpeTokenizer.fromTiktoken: vocabSize must be an integer from 1 to 2147483647 (2^31 − 1: ids are int32 in tensors), got';
    expect(() => BpeTokenizer.fromTiktoken(byteRanks, { pattern: 'none', vocabSize: Infinity })).toThrow(`${expected} Infinity`);
    expect(() => BpeTokenizer.fromTiktoken(byteRanks, { pattern: 'none', vocabSize: 1e15 })).toThrow(`${expected} 1000000000000000`);
    expect(() => BpeTokenizer.fromTiktoken(byteRanks, { pattern: 'none', vocabSize: 256.5 })).toThrow(`${expected} 256.5`);
    expect(() => BpeTokenizer.fromTiktoken(byteRanks, { pattern: 'none', vocabSize: 100 }))
      .toThrow('BpeTokenizer.fromTiktoken: vocabSize 100 is too small for the ids in use (the largest is 255, so vocabSize must be at least 256)');
    expect(BpeTokenizer.fromTiktoken(byteRanks, { pattern: 'none', vocabSize: 1000 }).vocabSize).toBe(1000);
  });

  it('keeps work in proportion to the tokens when ranks leave a large gap', () => {
    const tok = BpeTokenizer.fromTiktoken(`${byteRanks}\n${btoa('ab')} 2147483646\n`, { pattern: 'none' });
    expect(tok.vocabSize).toBe(2 ** 31 - 1);
    expect(tok.encode('ab')).toEqual([2147483646]);
    expect(tok.tokenToId('ab')).toBe(2147483646);
    expect(tok.toJSON().ranks!.split('\n').slice(-3)).toEqual(['/w== 255', 'YWI= 2147483646', '']);
    expect(BpeTokenizer.fromJSON(tok.toJSON()).encode('ab')).toEqual([2147483646]);
  }, 5000);
});
