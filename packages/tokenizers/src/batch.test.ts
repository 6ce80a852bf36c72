import { describe, expect, it } from 'vitest';
import { encodeBatch, padSequences } from './batch.js';
import { BpeTokenizer } from './bpe/bpe-tokenizer.js';
import { CharTokenizer } from './char/char-tokenizer.js';

const chars = CharTokenizer.fromCorpus(['abcdef'], { boundary: null, specialTokens: ['<pad>'] }); // <pad> 0, a 1 ... f 6

describe('padSequences', () => {
  it('pads on the right with 0 by default, to the longest', () => {
    expect(padSequences([[5, 6, 7], [8]])).toEqual([[5, 6, 7], [8, 0, 0]]);
  });

  it('pads and truncates to a fixed length, on either side', () => {
    expect(padSequences([[5, 6, 7], [8]], { length: 2 })).toEqual([[5, 6], [8, 0]]);
    expect(padSequences([[5, 6, 7], [8]], { length: 2, paddingSide: 'left', truncationSide: 'left' })).toEqual([[6, 7], [0, 8]]);
    expect(padSequences([[5], []], { length: 3, padId: 9 })).toEqual([[5, 9, 9], [9, 9, 9]]);
  });

  it('caps the longest at maxLength', () => {
    expect(padSequences([[1, 2, 3, 4], [5]], { maxLength: 3 })).toEqual([[1, 2, 3], [5, 0, 0]]);
    expect(padSequences([[1], [5]], { maxLength: 3 })).toEqual([[1], [5]]);
  });

  it('rejects a bad length', () => {
    expect(() => padSequences([[1]], { length: -1 })).toThrow('padSequences: length must be a non-negative integer, got -1');
  });
});

describe('encodeBatch', () => {
  it('gives int32 ids and an attention mask of shape [batch, longest]', () => {
    const { inputIds, attentionMask, lengths } = chars.encodeBatch(['abc', 'f', 'de']);
    expect(inputIds.dtype).toBe('int32');
    expect(inputIds.shape).toEqual([3, 3]);
    expect(inputIds.toArraySync()).toEqual([[1, 2, 3], [6, 0, 0], [4, 5, 0]]);
    expect(attentionMask.dtype).toBe('int32');
    expect(attentionMask.toArraySync()).toEqual([[1, 1, 1], [1, 0, 0], [1, 1, 0]]);
    expect(lengths).toEqual([3, 1, 2]);
  });

  it('pads on the left and truncates on the left on request', () => {
    const { inputIds, attentionMask, lengths } = encodeBatch(chars, ['abcdef', 'b'], { length: 4, paddingSide: 'left', truncationSide: 'left' });
    expect(inputIds.toArraySync()).toEqual([[3, 4, 5, 6], [0, 0, 0, 2]]);
    expect(attentionMask.toArraySync()).toEqual([[1, 1, 1, 1], [0, 0, 0, 1]]);
    expect(lengths).toEqual([4, 1]);
  });

  it('passes encode options through', () => {
    const { inputIds } = chars.encodeBatch(['a<pad>b'], { allowedSpecial: 'all' });
    expect(inputIds.toArraySync()).toEqual([[1, 0, 2]]);
  });

  it('needs a pad id when the tokenizer has no <pad>', () => {
    const bpe = BpeTokenizer.train('hello', { vocabSize: 260 });
    expect(() => bpe.encodeBatch(['hi', 'there'])).toThrow("encodeBatch: this bpe tokenizer has no '<pad>' token; pass { padId } (any id: the attention mask marks padding)");
    const { inputIds, attentionMask } = bpe.encodeBatch(['hi', 'hello'], { padId: 0 });
    expect(inputIds.shape).toEqual([2, Math.max(bpe.encode('hi').length, bpe.encode('hello').length)]);
    expect(attentionMask.sum().itemSync()).toBe(bpe.encode('hi').length + bpe.encode('hello').length);
  });

  it('handles an empty batch', () => {
    const { inputIds, lengths } = chars.encodeBatch([]);
    expect(inputIds.shape).toEqual([0, 0]);
    expect(lengths).toEqual([]);
  });
});
