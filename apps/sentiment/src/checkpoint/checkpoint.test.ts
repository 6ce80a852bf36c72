import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Generator } from '@typegrad/tensor';
import { pick } from '../data/examples.js';
import { DEFAULT_SPLIT, makeSplit } from '../data/splits.js';
import { evaluateClassifier } from '../eval/metrics.js';
import { MODEL_KINDS } from '../models/config.js';
import { createClassifier } from '../models/create.js';
import { sentenceSubset } from '../testing/sentences.js';
import { trainClassifier } from '../train/train.js';
import { decodeCheckpoint, encodeCheckpoint, loadClassifier as fetchClassifier } from './checkpoint.js';
import { loadClassifier, saveClassifier } from './files.js';

const data = await sentenceSubset(200);
const split = makeSplit(data.examples, DEFAULT_SPLIT);
const texts = ['Great food, friendly staff.', 'The worst film I have seen.', ''];
const dir = mkdtempSync(join(tmpdir(), 'sentiment-checkpoint-'));

async function trainedInfo(kind: (typeof MODEL_KINDS)[number], tokens?: 'word' | 'bpe') {
  const generator = new Generator().manualSeed(1);
  const c = createClassifier(kind, pick(data.examples, split.train).map((e) => e.text), data.classes, { layers: 1, width: 16, heads: 2, tokens, bpeVocab: 300 }, generator);
  const r = await trainClassifier(c, pick(data.examples, split.train), pick(data.examples, split.dev), { epochs: 1, batchSize: 32, lr: 0.01, weightDecay: 0, patience: 0, generator });
  const info = {
    data: { name: data.name, examples: data.examples.length, split: DEFAULT_SPLIT },
    training: { epochs: 1, batchSize: 32, lr: 0.01, weightDecay: 0, patience: 0, monitor: 'accuracy' as const, classWeights: 'none' as const, seed: 1, bestEpoch: r.bestEpoch, epochsRun: 1, seconds: r.seconds },
    test: evaluateClassifier(c, pick(data.examples, split.test)),
  };
  return { c, info };
}

describe('checkpoints', () => {
  it.each([...MODEL_KINDS.map((k) => [k, undefined] as const), ['encoder', 'bpe'] as const])('%s %s saves and loads to the same predictions', async (kind, tokens) => {
    const { c, info } = await trainedInfo(kind, tokens);
    const stem = join(dir, `${kind}-${tokens ?? 'default'}`);
    const meta = await saveClassifier(stem, c, info);
    expect(meta.weights).toMatch(new RegExp(`^${kind}-${tokens ?? 'default'}\\.[0-9a-f]{16}\\.safetensors$`));
    const { classifier, meta: back } = await loadClassifier(`${stem}.json`);
    expect(back.config).toEqual(c.config);
    expect(back.classes).toEqual(['negative', 'positive']);
    expect(classifier.probabilities(texts)).toEqual(c.probabilities(texts));
  });

  it('refuses files of different saves, and says how to make a missing one', async () => {
    const { c, info } = await trainedInfo('bow-logreg');
    const first = await encodeCheckpoint(c, { ...info, weights: 'w', features: 'f' });
    const second = await encodeCheckpoint(c, { ...info, weights: 'w', features: 'f' });
    expect(() => decodeCheckpoint(first.weights, first.features, second.json, 'runs/x')).toThrow(/^runs\/x: the weights \([0-9a-f]{16}\) and the manifest \([0-9a-f]{16}\) come from different saves/);
    expect(() => decodeCheckpoint(second.weights, first.features, second.json, 'runs/x')).toThrow(/^runs\/x: the features \([0-9a-f]{16}\) and the manifest/);
    const bag = await trainedInfo('embedding-bag');
    const saved = await encodeCheckpoint(bag.c, { ...bag.info, weights: 'w', features: 'f' });
    const narrower = JSON.stringify({ ...saved.meta, config: { ...saved.meta.config, dim: 8 } });
    const vocab = (saved.meta.config as { vocabSize: number }).vocabSize;
    expect(() => decodeCheckpoint(saved.weights, saved.features, narrower, 'runs/x')).toThrow(`runs/x: the settings describe 'embedding.weight' as [${vocab}, 8], but the weights hold [${vocab}, 64]`);
    await expect(loadClassifier(join(dir, 'none'))).rejects.toThrow(`no checkpoint at ${join(dir, 'none')}`);
    await expect(loadClassifier(join(dir, 'none'))).rejects.toThrow(`make one with: sentiment train --out ${join(dir, 'none')}`);
    writeFileSync(join(dir, 'bad.json'), '{"format":"typegrad-sentiment","version":1,"config":{"kind":"svm"}}');
    await expect(loadClassifier(join(dir, 'bad'))).rejects.toThrow("bad.json: unknown model kind 'svm'");
  });

  it('loads from URLs through fetch, as a page does', async () => {
    const { c, info } = await trainedInfo('embedding-bag');
    const stem = join(dir, 'web');
    await saveClassifier(stem, c, info);
    const asked: string[] = [];
    const fakeFetch = async (url: string | URL) => {
      const href = String(url);
      asked.push(href);
      const name = href.replace('https://example.org/models/', '');
      const ok = readdirSync(dir).includes(name);
      const bytes = ok ? readFileSync(join(dir, name)) : Buffer.from('');
      return { ok, status: ok ? 200 : 404, text: async () => bytes.toString('utf8'), arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer };
    };
    const { classifier } = await fetchClassifier('https://example.org/models/web.json', { fetch: fakeFetch });
    expect(classifier.probabilities(texts)).toEqual(c.probabilities(texts));
    expect(asked[0]).toBe('https://example.org/models/web.json');
    expect(asked.slice(1).sort()).toEqual([expect.stringMatching(/\/web\.[0-9a-f]{16}\.safetensors$/), expect.stringMatching(/\/web\.[0-9a-f]{16}\.tokenizer\.json$/)]);
    await expect(fetchClassifier('https://example.org/models/gone.json', { fetch: fakeFetch })).rejects.toThrow('loadClassifier: https://example.org/models/gone.json answered 404');
  });
});
