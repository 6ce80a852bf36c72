import { describe, expect, it } from 'vitest';
import { compilePattern, GPT2_PATTERN } from './patterns.js';
import { trainingChunks } from './training-chunks.js';

describe('trainingChunks', () => {
  it('cuts documents by the pattern, never across documents', () => {
    expect([...trainingChunks(["it's a dog", 'ok'], compilePattern(GPT2_PATTERN), [])]).toEqual(['it', "'s", ' a', ' dog', 'ok']);
  });

  it('cuts out special-token text', () => {
    expect([...trainingChunks(['hi<eos>there<eos>'], compilePattern(GPT2_PATTERN), ['<eos>'])]).toEqual(['hi', 'there']);
  });

  it('keeps each piece whole without a pattern, and replaces lone surrogates', () => {
    expect([...trainingChunks(['a b<eos>c\uD800'], null, ['<eos>'])]).toEqual(['a b', 'c\uFFFD']);
  });

  it('steps over empty matches of a custom pattern', () => {
    expect([...trainingChunks(['ab1'], compilePattern('[a-z]*'), [])]).toEqual(['ab']);
  });
});
