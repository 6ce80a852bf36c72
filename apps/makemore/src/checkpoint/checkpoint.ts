/**
 * A checkpoint is two files: the weights as `.safetensors` (the model's state dict, which PyTorch's
 * `safetensors.torch.load_file` reads too) and a small JSON with the config, the vocabulary, the data split and
 * the training state, which names the weights file. Both carry the same random `id`, so a pair from different
 * saves is recognised. This module turns a model into the two payloads and back; writing files is the CLI's job
 * (Node), which gives each save's weights a name of their own and switches the JSON last.
 */
import { parseSafetensors, serializeSafetensors } from '@typegrad/nn';
import type { OptimizerStateDict, SchedulerStateDict } from '@typegrad/optim';
import { Generator } from '@typegrad/tensor';
import { CharTokenizer } from '@typegrad/tokenizers';
import { stateShapes, type ModelConfig } from '../models/config.js';
import { createModel } from '../models/create.js';
import type { LanguageModel } from '../models/language-model.js';
import type { SplitKind } from '../data/splits.js';
import { readMeta } from './meta.js';
import { checkSameSave, checkSavedTensors, newSaveId } from '@typegrad/app-kit';
import type { OptimizerChoice } from '../train/train.js';
import { joinOptimizerState, splitOptimizerState } from './optimizer-state.js';

/** The `format` field of a checkpoint's JSON. @example meta.format === CHECKPOINT_FORMAT */
export const CHECKPOINT_FORMAT = 'typegrad-makemore';
/** The layout version this code writes (it reads 1 too). @example meta.version === CHECKPOINT_VERSION */
export const CHECKPOINT_VERSION = 2;

/** A generator's state in JSON: the twister words as base64. */
export interface SavedGenerator {
  initialSeed: string;
  words: string;
  index: number;
  nextDoubleNormal: number | null;
  nextFloatNormal: number | null;
}

/** How the model was trained, and where to resume. */
export interface TrainingState {
  /** Steps done. */
  step: number;
  /** Steps the run was asked for. */
  steps: number;
  batchSize: number;
  lr: number;
  decayAt: number | null;
  decayFactor: number;
  regularization: number;
  /** The seed the weights and minibatches were drawn with. */
  seed: number;
  /** The generator as it was after the last step: resuming continues the same stream of minibatches. */
  generator: SavedGenerator;
  scheduler: SchedulerStateDict | null;
  /** The optimizer (absent: the lectures' SGD). */
  optimizer?: OptimizerChoice;
  /** The norm the gradients are clipped to before each update (absent: none). */
  gradClip?: number;
  /**
   * AdamW's state without its tensors (the step counts and groups); the moments are in the weights file, as
   * `optimizer.<parameter index>.<name>`.
   */
  optimizerState?: OptimizerStateDict | null;
}

/**
 * The JSON half of a checkpoint.
 * @example { format: 'typegrad-makemore', version: 1, id: '5f0c…', config: { model: 'mlp', … }, vocabulary: { tokens: ['.', 'a', …], boundary: '.' }, … }
 */
export interface CheckpointMeta {
  format: typeof CHECKPOINT_FORMAT;
  version: number;
  /** Random; also in the weights file's metadata. */
  id: string;
  config: ModelConfig;
  /** The characters in id order, and the boundary token (null in text mode, which has none). */
  vocabulary: { tokens: string[]; boundary: string | null };
  /**
   * The names (a path, or 'shipped:names.txt'), whether malformed lines were left out, how they were split
   * (absent: 'lecture') and the split's seed, the example counts.
   */
  data: { source: string; skipInvalid?: boolean; split?: SplitKind | 'text'; splitSeed: number; examples: { train: number; dev: number; test: number } };
  training: TrainingState;
  /** Mean losses when it was saved, by split. */
  losses: Record<string, number>;
  /** The weights file's name, next to this one. */
  weights: string;
  savedAt: string;
}

/** What {@link encodeCheckpoint} needs besides the model. */
export type CheckpointInfo = Omit<CheckpointMeta, 'format' | 'version' | 'id' | 'config' | 'vocabulary' | 'savedAt'>;

/** A checkpoint read back: the model with its weights, the vocabulary, and the JSON. */
export interface LoadedCheckpoint {
  model: LanguageModel;
  vocab: CharTokenizer;
  meta: CheckpointMeta;
  /**
   * The training generator at the saved step: the one the model was built with (its dropout draws from it), put back
   * in the saved state, so a resumed run draws the minibatches and dropout masks an unbroken run would.
   */
  generator: Generator;
}

/**
 * The two payloads of a checkpoint: the weights' bytes and the JSON text.
 * @example const { weights, json } = await encodeCheckpoint(model, vocab, info);
 */
export async function encodeCheckpoint(model: LanguageModel, vocab: CharTokenizer, info: CheckpointInfo, id = newSaveId()): Promise<{ weights: Uint8Array; json: string; meta: CheckpointMeta }> {
  const { json: optimizerJson, tensors: optimizerTensors } = splitOptimizerState(info.training.optimizerState ?? null);
  const meta: CheckpointMeta = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    id,
    config: model.config,
    vocabulary: { tokens: [...vocab.tokens], boundary: vocab.boundary },
    ...info,
    training: { ...info.training, optimizerState: optimizerJson },
    savedAt: new Date().toISOString(),
  };
  const weights = await serializeSafetensors({ ...model.stateDict(), ...optimizerTensors }, { format: 'pt', checkpoint: id, step: String(info.training.step) });
  return { weights, json: `${JSON.stringify(meta, null, 1)}\n`, meta };
}

/**
 * Rebuilds the model from the two payloads, checking that they belong together.
 * @example const { model, vocab, meta } = decodeCheckpoint(weightBytes, jsonText, 'runs/mlp');
 */
export function decodeCheckpoint(weights: Uint8Array, json: string, source = 'checkpoint'): LoadedCheckpoint {
  const meta = readMeta(json, `${source}.json`);
  const { tensors, metadata } = parseSafetensors(weights);
  checkSameSave(source, metadata.checkpoint, meta.id);
  // the weights must be what the config describes before a model is built for it
  const expected = stateShapes(meta.config);
  checkSavedTensors(source, tensors, expected, { describedBy: 'the config describes', model: `the ${meta.config.model} model`, alsoAllowed: (k) => k.startsWith('optimizer.') });
  const optimizerState = joinOptimizerState(meta.training.optimizerState ?? null, tensors, source);
  const vocab = new CharTokenizer(meta.vocabulary.tokens, { boundary: meta.vocabulary.boundary });
  if (vocab.vocabSize !== meta.config.vocabSize) throw new Error(`${source}.json: the vocabulary has ${vocab.vocabSize} tokens but the model expects ${meta.config.vocabSize}`);
  const generator = new Generator();
  const model = createModel(meta.config, generator); // the weights are replaced next
  model.loadStateDict(Object.fromEntries(Object.entries(tensors).filter(([k]) => Object.hasOwn(expected, k))));
  restoreGenerator(generator, meta.training.generator); // in place: the model's dropout keeps drawing from it
  return { model, vocab, meta: { ...meta, training: { ...meta.training, optimizerState } }, generator };
}

/** A generator's state as JSON. @example JSON.stringify(saveGenerator(g)) */
export function saveGenerator(generator: Generator): SavedGenerator {
  const s = generator.getState();
  const bytes = new Uint8Array(s.words.buffer, s.words.byteOffset, s.words.byteLength);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return { initialSeed: s.initialSeed.toString(), words: btoa(binary), index: s.index, nextDoubleNormal: s.nextDoubleNormal, nextFloatNormal: s.nextFloatNormal };
}

/** Restores a generator's state from JSON. @example const g = restoreGenerator(new Generator(), meta.training.generator); */
export function restoreGenerator(generator: Generator, saved: SavedGenerator): Generator {
  const binary = atob(saved.words);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const state: ReturnType<Generator['getState']> = {
    initialSeed: BigInt(saved.initialSeed),
    words: new Uint32Array(bytes.buffer),
    index: saved.index,
    nextDoubleNormal: saved.nextDoubleNormal,
    nextFloatNormal: saved.nextFloatNormal,
  };
  return generator.setState(state);
}

