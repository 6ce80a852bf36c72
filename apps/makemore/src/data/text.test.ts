import { loadShakespeare } from '@typegrad/datasets/node';
import { Generator, manualSeed } from '@typegrad/tensor';
import { describe, expect, it } from 'vitest';
import { CharTransformer } from '../models/char-transformer.js';
import { createModel } from '../models/create.js';
import { modelConfig } from '../models/config.js';
import { generateText } from '../sample.js';
import { estimateTextLoss, prepareText, textBatches } from './text.js';

describe('text mode data', () => {
  it("cuts tiny Shakespeare as nanoGPT's shakespeare_char does: 65 characters, the last 10% to validate", async () => {
    const { text } = await loadShakespeare();
    const { vocab, train, val } = prepareText(text);
    expect(vocab.vocabSize).toBe(65);
    expect(vocab.tokens.slice(0, 3)).toEqual(['\n', ' ', '!']); // code-point order, no boundary token
    expect([train.numel, val.numel]).toEqual([1_003_854, 111_540]);
    expect(vocab.decode(Array.from(train.slice(0, 0, 14).toArraySync() as number[]))).toBe('First Citizen:');
  });

  it('refuses a validation fraction outside (0, 1), and what is not a string', () => {
    expect(() => prepareText({ text: 'abc' } as never)).toThrow('prepareText: expected the text as a string, got an object (from a loader? pass its .text)');
    expect(() => prepareText('abc', { valFraction: 1 })).toThrow('prepareText: valFraction must be between 0 and 1, got 1');
  });

  it('draws windows whose targets are the inputs shifted by one', () => {
    const { train } = prepareText('abcdefghijklmnopqrstuvwxyz'.repeat(4), { valFraction: 0.25 });
    const [x, y] = textBatches(train, 8).batch(5, new Generator().manualSeed(3));
    expect([x.shape, y.shape]).toEqual([[5, 8], [5, 8]]);
    const xs = x.toArraySync() as number[][];
    const ys = y.toArraySync() as number[][];
    for (let r = 0; r < 5; r++) expect(ys[r].slice(0, 7)).toEqual(xs[r].slice(1));
    // the alphabet's ids are consecutive, so each row counts up by one
    for (const row of xs) for (let i = 1; i < 8; i++) expect((row[i] - row[i - 1] + 26) % 26).toBe(1);
    expect(() => textBatches(train.slice(0, 0, 8), 8)).toThrow('textBatches: a text of 8 tokens is too short for windows of 9');
  });
});

describe('text mode model', () => {
  const { vocab, train } = prepareText('to be, or not to be, that is the question. '.repeat(20));
  const model = () => {
    manualSeed(0);
    return createModel(modelConfig('gpt', vocab.vocabSize, { layers: 1, heads: 2, embDim: 8, blockSize: 16 }), new Generator().manualSeed(0)) as CharTransformer;
  };

  it('estimates the loss in eval mode over fixed batches and restores training mode', async () => {
    const m = model();
    m.train();
    const source = textBatches(train, 16);
    const a = await estimateTextLoss(m, source, { iters: 3, batchSize: 4, generator: new Generator().manualSeed(1) });
    const b = await estimateTextLoss(m, source, { iters: 3, batchSize: 4, generator: new Generator().manualSeed(1) });
    expect(a).toBe(b);
    expect(a).toBeCloseTo(Math.log(vocab.vocabSize), 0); // untrained: about uniform over the 16 characters
    expect(m.training).toBe(true);
  });

  it('streams characters after a prompt, the same for the same seed, past the block size', async () => {
    const m = model();
    const draw = async (seed: number) => {
      let s = '';
      for await (const ch of generateText(m, vocab, 'to be', { count: 40, generator: new Generator().manualSeed(seed), topK: 5 })) s += ch;
      return s;
    };
    const first = await draw(1);
    expect(first).toHaveLength(40);
    expect([...first].every((c) => vocab.tokens.includes(c))).toBe(true);
    expect(await draw(1)).toBe(first);
    expect(await draw(2)).not.toBe(first);
    await expect(generateText(m, vocab, '').next()).rejects.toThrow('generateText: the prompt is empty');
  });
});
