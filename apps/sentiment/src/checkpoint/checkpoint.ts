/**
 * A sentiment checkpoint is three files: the weights as `.safetensors` (PyTorch's `safetensors` reads them too),
 * the text features as JSON (a `@typegrad/tokenizers` tokenizer file, or the bag-of-words vocabulary), and a JSON
 * manifest with the model's settings, the class names, how it was trained and its figures, naming the other two.
 * All three carry one random id, so files of different saves are refused. This module runs in the browser too:
 * `loadClassifier` fetches a checkpoint from URLs; writing files is the Node entry's job.
 */
import { checkSameSave, checkSavedTensors, newSaveId } from '@typegrad/app-kit';
import { parseSafetensors, serializeSafetensors } from '@typegrad/nn';
import { Generator } from '@typegrad/tensor';
import { tokenizerFromJSON, type BpeTokenizer, type WordTokenizer } from '@typegrad/tokenizers';
import type { SplitSpec } from '../data/splits.js';
import type { Evaluation } from '../eval/metrics.js';
import { BagOfWords } from '../features/bag-of-words.js';
import { TextClassifier } from '../models/classifier.js';
import { MODEL_KINDS, type ModelConfig } from '../models/config.js';
import { createModule } from '../models/create.js';

/** The `format` field of a manifest. */
export const CHECKPOINT_FORMAT = 'typegrad-sentiment';
/** The layout version this code writes and reads. */
export const CHECKPOINT_VERSION = 1;

/** How a model was trained. */
export interface TrainingInfo {
  epochs: number;
  batchSize: number;
  lr: number;
  weightDecay: number;
  patience: number;
  monitor: 'accuracy' | 'loss';
  classWeights: 'none' | 'balanced';
  seed: number;
  /** The epoch whose weights were kept, the epochs run, and the seconds they took. */
  bestEpoch: number;
  epochsRun: number;
  seconds: number;
}

/**
 * The manifest: `<stem>.json`.
 * @example { format: 'typegrad-sentiment', version: 1, id: '5f0c…', config: { kind: 'bow-logreg', … }, classes: ['negative', 'positive'], weights: 'bow.5f0c….safetensors', features: 'bow.5f0c….tokenizer.json', … }
 */
export interface CheckpointMeta {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  id: string;
  config: ModelConfig;
  classes: string[];
  /** The weights' and the features' file names, beside the manifest. */
  weights: string;
  features: string;
  /** The data it was trained on and how it was split. */
  data: { name: string; examples: number; split: SplitSpec };
  training: TrainingInfo;
  /** The figures on test at the end of training. */
  test: Evaluation;
  savedAt: string;
}

/** What {@link encodeCheckpoint} needs besides the classifier. */
export type CheckpointInfo = Omit<CheckpointMeta, 'format' | 'version' | 'id' | 'config' | 'classes' | 'savedAt'>;

/**
 * The three payloads of a checkpoint.
 * @example const { weights, features, json } = await encodeCheckpoint(classifier, info);
 */
export async function encodeCheckpoint(classifier: TextClassifier, info: CheckpointInfo, id = newSaveId()): Promise<{ weights: Uint8Array; features: string; json: string; meta: CheckpointMeta }> {
  const meta: CheckpointMeta = { format: CHECKPOINT_FORMAT, version: CHECKPOINT_VERSION, id, config: classifier.config, classes: [...classifier.classes], ...info, savedAt: new Date().toISOString() };
  const weights = await serializeSafetensors(classifier.module.stateDict(), { format: 'pt', checkpoint: id });
  const features = `${JSON.stringify({ ...classifier.features.toJSON(), checkpoint: id })}\n`;
  return { weights, features, json: `${JSON.stringify(meta)}\n`, meta };
}

/** Reads and checks a manifest's text. */
export function readMeta(json: string, source = 'checkpoint.json'): CheckpointMeta {
  let meta: CheckpointMeta;
  try {
    meta = JSON.parse(json) as CheckpointMeta;
  } catch (e) {
    throw new Error(`${source}: not JSON (${(e as Error).message})`, { cause: e });
  }
  if (typeof meta !== 'object' || meta === null || meta.format !== CHECKPOINT_FORMAT) throw new Error(`${source}: not a sentiment checkpoint (no format '${CHECKPOINT_FORMAT}')`);
  if (meta.version !== CHECKPOINT_VERSION) throw new Error(`${source}: layout version ${meta.version}, this code reads ${CHECKPOINT_VERSION}`);
  if (!MODEL_KINDS.includes(meta.config?.kind)) throw new Error(`${source}: unknown model kind '${meta.config?.kind}'`);
  if (!Array.isArray(meta.classes) || meta.classes.length < 2 || meta.classes.length !== meta.config.numClasses) throw new Error(`${source}: 'classes' must list the model's ${meta.config.numClasses} class names`);
  for (const field of ['id', 'weights', 'features'] as const) if (typeof meta[field] !== 'string') throw new Error(`${source}: field '${field}' must be a string`);
  return meta;
}

/**
 * A classifier back from its three payloads, after checking they come from one save and that the weights have the
 * shapes the settings describe.
 * @example const { classifier, meta } = decodeCheckpoint(weights, featuresText, manifestText, 'runs/bow');
 */
export function decodeCheckpoint(weights: Uint8Array, features: string, json: string, source = 'checkpoint'): { classifier: TextClassifier; meta: CheckpointMeta } {
  const meta = readMeta(json, `${source}.json`);
  const { tensors, metadata } = parseSafetensors(weights);
  checkSameSave(source, metadata.checkpoint, meta.id, 'the manifest');
  const { checkpoint, ...parsed } = JSON.parse(features) as { checkpoint?: string };
  if (checkpoint !== meta.id) throw new Error(`${source}: the features (${checkpoint ?? 'no id'}) and the manifest (${meta.id}) come from different saves; a save was interrupted or the files were mixed`);
  const textFeatures = meta.config.kind === 'bow-logreg' ? BagOfWords.fromJSON(parsed) : (tokenizerFromJSON(parsed) as WordTokenizer | BpeTokenizer);
  const size = textFeatures instanceof BagOfWords ? textFeatures.size : textFeatures.vocabSize;
  const expected = meta.config.kind === 'bow-logreg' ? meta.config.numFeatures : meta.config.vocabSize;
  if (size !== expected) throw new Error(`${source}: the features file has ${size} entries, the settings ${expected}`);
  const module = createModule(meta.config, new Generator()); // its weights are replaced next
  const shapes = Object.fromEntries(Object.entries(module.stateDict()).map(([name, t]) => [name, t.shape]));
  checkSavedTensors(source, tensors, shapes, { model: `the ${meta.config.kind} model` });
  module.loadStateDict(tensors);
  module.eval();
  return { classifier: new TextClassifier(meta.config, module, textFeatures, meta.classes), meta };
}

/** Options of {@link loadClassifier}. */
export interface LoadOptions {
  /** The fetch to use (default: the global one). */
  fetch?: (url: string | URL) => Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer>; text(): Promise<string> }>;
}

/**
 * Loads a checkpoint from URLs (a page, a CDN, a local server): the manifest at `url` (e.g. `…/bow.json`), then the
 * weights and features it names, beside it. Never writes anything.
 * @example const { classifier } = await loadClassifier(new URL('models/bow.json', location.href));
 */
export async function loadClassifier(url: string | URL, options: LoadOptions = {}): Promise<{ classifier: TextClassifier; meta: CheckpointMeta }> {
  const get = options.fetch ?? (globalThis.fetch as unknown as NonNullable<LoadOptions['fetch']>);
  const base = new URL(url, typeof location === 'undefined' ? undefined : location.href);
  const fetchOk = async (target: URL) => {
    const response = await get(target);
    if (!response.ok) throw new Error(`loadClassifier: ${target.href} answered ${response.status}`);
    return response;
  };
  const json = await (await fetchOk(base)).text();
  const meta = readMeta(json, base.href);
  for (const name of [meta.weights, meta.features]) if (!/^[^/\\.][^/\\]*$/.test(name)) throw new Error(`loadClassifier: ${base.href}: '${name}' is not a file name beside the manifest`);
  const [weights, features] = await Promise.all([fetchOk(new URL(meta.weights, base)).then((r) => r.arrayBuffer()), fetchOk(new URL(meta.features, base)).then((r) => r.text())]);
  return decodeCheckpoint(new Uint8Array(weights), features, json, base.href.replace(/\.json$/, ''));
}
