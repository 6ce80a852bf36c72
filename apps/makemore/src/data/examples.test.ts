import { describe, expect, it } from 'vitest';
import { buildExamples, buildSequences, targetCount, vocabularyOf } from './examples.js';

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

describe('buildSequences', () => {
  it("lays names out as makemore's CharDataset: the boundary then the characters, targets shifted, padding ignored", () => {
    const vocab = vocabularyOf(['emma', 'ava']); // . a e m v
    const { X, Y } = buildSequences(['emma', 'ava'], vocab, 6);
    expect(X.toArraySync()).toEqual([[0, 2, 3, 3, 1, 0], [0, 1, 4, 1, 0, 0]]);
    expect(Y.toArraySync()).toEqual([[2, 3, 3, 1, 0, -1], [1, 4, 1, 0, -1, -1]]);
    // the same characters are predicted as by the contexts of buildExamples
    expect(targetCount({ X, Y })).toBe(targetCount(buildExamples(['emma', 'ava'], vocab, 3)));
  });

  it('refuses a name longer than the block holds', () => {
    expect(() => buildSequences(['emma'], vocabularyOf(['emma']), 4)).toThrow("buildSequences: 'emma' has 4 characters; a block of 4 holds names of at most 3");
  });
});
