import { describe, expect, it } from 'vitest';
import { noGrad } from '@typegrad/autograd';
import { Generator } from '@typegrad/tensor';
import { pick } from '../data/examples.js';
import { makeSplit } from '../data/splits.js';
import type { ModelKind } from '../models/config.js';
import { createClassifier } from '../models/create.js';
import { sentenceSubset } from '../testing/sentences.js';
import { trainClassifier } from '../train/train.js';
import { explain } from './explain.js';

const data = await sentenceSubset(300);
const split = makeSplit(data.examples, { kind: 'holdout', fractions: [0.8, 0.1, 0.1], seed: 1 });
const train = pick(data.examples, split.train);

async function trained(kind: ModelKind, epochs: number) {
  const generator = new Generator().manualSeed(3);
  const c = createClassifier(kind, train.map((e) => e.text), data.classes, { bow: { minFrequency: 1 }, layers: 1, width: 16, heads: 2 }, generator);
  await trainClassifier(c, train, pick(data.examples, split.dev), { epochs, batchSize: 32, lr: 0.01, weightDecay: 0.01, patience: 0, generator });
  return c;
}

/** The chosen class's logit minus the mean logit, from the model's own forward pass. */
function centredLogit(c: Awaited<ReturnType<typeof trained>>, text: string, k: number): number {
  const logits = noGrad(() => c.forward(c.input([c.encode(text)])).toArraySync() as number[][])[0];
  return logits[k] - logits.reduce((a, b) => a + b, 0) / logits.length;
}

const TEXT = 'The food was great, not bad at all, and the staff great too.';

describe('explain', () => {
  it('bow-logreg: exact contributions, per n-gram and per token, that add up to the logit', async () => {
    const c = await trained('bow-logreg', 3);
    const e = explain(c, TEXT);
    expect(e.method).toBe('exact');
    expect(e.tokens.map((t) => t.token)).toEqual(['the', 'food', 'was', 'great', ',', 'not', 'bad', 'at', 'all', ',', 'and', 'the', 'staff', 'great', 'too', '.']);
    const sum = (xs: { contribution: number }[]) => xs.reduce((a, t) => a + t.contribution, 0);
    expect(e.bias + sum(e.tokens)).toBeCloseTo(e.logit, 5);
    expect(e.bias + sum(e.ngrams!)).toBeCloseTo(e.logit, 5);
    expect(e.logit).toBeCloseTo(centredLogit(c, TEXT, e.index), 5);
    // the two 'great's are one feature: they share its contribution equally
    expect(e.tokens[3].contribution - e.tokens[13].contribution).toBeCloseTo(sumPairs(e, 3) - sumPairs(e, 13), 6);
    expect(e.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('embedding-bag: exact contributions, w · E[token] / n, that add up to the logit', async () => {
    const c = await trained('embedding-bag', 3);
    const e = explain(c, TEXT);
    expect(e.method).toBe('exact');
    expect(e.tokens).toHaveLength(16);
    expect(e.bias + e.tokens.reduce((a, t) => a + t.contribution, 0)).toBeCloseTo(e.logit, 5);
    expect(e.logit).toBeCloseTo(centredLogit(c, TEXT, e.index), 5);
    // a word's embedding is one row: both 'great's contribute the same
    expect(e.tokens[3].contribution).toBeCloseTo(e.tokens[13].contribution, 6);
  });

  it('encoder: gradient × input on the token embeddings, named so, at the model\'s own logit', async () => {
    const c = await trained('encoder', 1);
    const e = explain(c, TEXT);
    expect(e.method).toBe('gradient × input');
    expect(e.tokens).toHaveLength(16);
    expect(e.tokens.every((t) => Number.isFinite(t.contribution))).toBe(true);
    expect(e.tokens.some((t) => t.contribution !== 0)).toBe(true);
    expect(e.logit).toBeCloseTo(centredLogit(c, TEXT, e.index), 5);
    expect(explain(c, '').tokens).toEqual([]);
  });
});

/** What the pairs around token i give it (half of each pair's contribution). */
function sumPairs(e: ReturnType<typeof explain>, i: number): number {
  const pairs = new Map(e.ngrams!.filter((g) => g.token.includes(' ')).map((g) => [g.token, g.contribution]));
  const words = e.tokens.map((t) => t.token);
  let total = 0;
  if (i > 0) total += (pairs.get(`${words[i - 1]} ${words[i]}`) ?? 0) / 2 / countPair(words, words[i - 1], words[i]);
  if (i + 1 < words.length) total += (pairs.get(`${words[i]} ${words[i + 1]}`) ?? 0) / 2 / countPair(words, words[i], words[i + 1]);
  return total;
}

function countPair(words: string[], a: string, b: string): number {
  let n = 0;
  for (let k = 0; k + 1 < words.length; k++) if (words[k] === a && words[k + 1] === b) n++;
  return n;
}
