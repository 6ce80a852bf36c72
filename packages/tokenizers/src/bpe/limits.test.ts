import { describe, expect, it } from 'vitest';
import { checkVocabSize, describeValue, isTokenId, MAX_TOKEN_BYTES, MAX_TOKEN_ID, MAX_VOCAB_SIZE } from './limits.js';

describe('BPE limits', () => {
  it('keeps every id and the vocabulary size itself within int32', () => {
    expect(MAX_VOCAB_SIZE).toBe(2147483647);
    expect(MAX_TOKEN_ID).toBe(2147483646);
    expect(new Int32Array([MAX_VOCAB_SIZE])[0]).toBe(MAX_VOCAB_SIZE);
    expect(MAX_TOKEN_BYTES).toBe(1024);
  });

  it('tells token ids from other values', () => {
    expect([0, 256, MAX_TOKEN_ID].map(isTokenId)).toEqual([true, true, true]);
    expect([-1, 0.5, MAX_TOKEN_ID + 1, 2 ** 32 + 256, NaN, Infinity, '1', null].map(isTokenId)).toEqual(Array(8).fill(false));
  });

  it('checks a vocabulary size, naming what was given', () => {
    expect(checkVocabSize(50257, 'load')).toBe(50257);
    expect(() => checkVocabSize(0, 'load')).toThrow('load: vocabSize must be an integer from 1 to 2147483647 (2^31 − 1: ids are int32 in tensors), got 0');
    expect(() => checkVocabSize(null, 'load', "field 'vocabSize'", 300)).toThrow("load: field 'vocabSize' must be an integer from 300 to 2147483647 (2^31 − 1: ids are int32 in tensors), got null");
    expect(describeValue('x'.repeat(50))).toBe(`"${'x'.repeat(40)}…"`);
  });
});
