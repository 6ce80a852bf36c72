/**
 * A recommender checkpoint is two payloads: the model's state dict as `.safetensors` (which PyTorch's `safetensors`
 * reads too) and a JSON with the settings, the ids behind the dense indices, how the data was split, how the model
 * was trained and its figures. Both carry the same random id, so a pair from different saves is refused. Writing
 * files is the command line's job; this module runs in the browser too.
 */
import { checkSameSave, checkSavedTensors, newSaveId } from '@typegrad/app-kit';
import { parseSafetensors, serializeSafetensors } from '@typegrad/nn';
import { Generator } from '@typegrad/tensor';
import type { SplitSpec } from '../data/splits.js';
import type { ComparisonRow } from '../eval/evaluate.js';
import { stateShapes, type ModelConfig } from '../models/config.js';
import { createModel } from '../models/create.js';
import type { RatingModel } from '../models/rating-model.js';
import { readMeta } from './meta.js';

/** The `format` field of a checkpoint's JSON. */
export const CHECKPOINT_FORMAT = 'typegrad-recommender';
/** The layout version this code writes and reads. */
export const CHECKPOINT_VERSION = 1;

/** How a model was trained. */
export interface TrainingInfo {
  epochs: number;
  batchSize: number;
  lr: number;
  reg: number;
  seed: number;
  /** Seconds the training took, and the epochs done (fewer than asked if stopped). */
  seconds: number;
  epochsDone: number;
}

/**
 * The JSON half of a checkpoint.
 * @example { format: 'typegrad-recommender', version: 1, id: '5f0c…', config: { kind: 'mf', … }, ids: { users: ['1', …], items: ['1', …] }, … }
 */
export interface CheckpointMeta {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  id: string;
  config: ModelConfig;
  /** The data's ids of the users and items, by dense index. */
  ids: { users: string[]; items: string[] };
  /** Where the ratings came from, how many there were, their scale, and how they were split. */
  data: { source: string; ratings: number; scale: [number, number]; split: SplitSpec };
  training: TrainingInfo;
  /** The comparison table at the end of training. */
  metrics: ComparisonRow[];
  /** The weights file's name, beside the JSON. */
  weights: string;
  savedAt: string;
}

/** What {@link encodeCheckpoint} needs besides the model. */
export type CheckpointInfo = Omit<CheckpointMeta, 'format' | 'version' | 'id' | 'config' | 'savedAt'>;

/**
 * The two payloads of a checkpoint: the weights' bytes and the JSON text.
 * @example const { weights, json } = await encodeCheckpoint(model, info);
 */
export async function encodeCheckpoint(model: RatingModel, info: CheckpointInfo, id = newSaveId()): Promise<{ weights: Uint8Array; json: string; meta: CheckpointMeta }> {
  const meta: CheckpointMeta = { format: CHECKPOINT_FORMAT, version: CHECKPOINT_VERSION, id, config: model.config, ...info, savedAt: new Date().toISOString() };
  const weights = await serializeSafetensors(model.stateDict(), { format: 'pt', checkpoint: id });
  return { weights, json: `${JSON.stringify(meta)}\n`, meta };
}

/**
 * The model and its JSON back from the two payloads, after checking they belong together and that the weights
 * are what the settings describe.
 * @example const { model, meta } = decodeCheckpoint(bytes, text, 'runs/mf');
 */
export function decodeCheckpoint(weights: Uint8Array, json: string, source = 'checkpoint'): { model: RatingModel; meta: CheckpointMeta } {
  const meta = readMeta(json, `${source}.json`);
  const { tensors, metadata } = parseSafetensors(weights);
  checkSameSave(source, metadata.checkpoint, meta.id);
  checkSavedTensors(source, tensors, stateShapes(meta.config), { model: `the ${meta.config.kind} model` });
  const model = createModel(meta.config, new Generator()); // the weights are replaced next
  model.loadStateDict(tensors);
  model.eval();
  return { model, meta };
}
