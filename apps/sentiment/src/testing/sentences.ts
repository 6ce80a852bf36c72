/** Test data: a seeded, stratified subset of the shipped sentences, small enough to train on in a test. */
import { loadSentimentSentences } from '@typegrad/datasets/node';
import { sentimentDataset, type TextDataset } from '../data/examples.js';
import { makeSplit } from '../data/splits.js';

/** About `n` of the 3,000 sentences (the test part of a stratified holdout split), in file order. */
export async function sentenceSubset(n: number): Promise<TextDataset> {
  const data = sentimentDataset((await loadSentimentSentences()).sentences);
  const f = n / data.examples.length;
  const { test } = makeSplit(data.examples, { kind: 'holdout', fractions: [1 - f - 0.01, 0.01, f], seed: 7 });
  return { ...data, examples: test.map((i) => data.examples[i]) };
}
