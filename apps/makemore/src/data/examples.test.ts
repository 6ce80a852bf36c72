import { describe, expect, it } from 'vitest';
import { buildExamples, vocabularyOf } from './examples.js';

describe('vocabularyOf and buildExamples', () => {
  it("put '.' at 0 and the letters after it", () => {
    const vocab = vocabularyOf(['emma', 'ava']);
    expect(vocab.tokens).toEqual(['.', 'a', 'e', 'm', 'v']);
  });

  it("build the lecture's examples: each context of blockSize characters and the one that follows", () => {
    const vocab = vocabularyOf(['emma']); // . a e m
    const { X, Y } = buildExamples(['emma'], vocab, 3);
    expect(X.shape).toEqual([5, 3]);
    expect(X.toArraySync()).toEqual([[0, 0, 0], [0, 0, 2], [0, 2, 3], [2, 3, 3], [3, 3, 1]]);
    expect(Y.toArraySync()).toEqual([2, 3, 3, 1, 0]);
    expect(buildExamples(['ab', 'b'], vocabularyOf(['ab']), 1).X.toArraySync()).toEqual([[0], [1], [2], [0], [2]]);
  });

  it('refuses characters outside the vocabulary and bad block sizes', () => {
    const vocab = vocabularyOf(['emma']);
    expect(() => buildExamples(['emmy'], vocab, 3)).toThrow(/'y'.*not in the vocabulary/);
    expect(() => buildExamples(['emma'], vocab, 0)).toThrow('buildExamples: blockSize must be a positive integer, got 0');
  });
});
