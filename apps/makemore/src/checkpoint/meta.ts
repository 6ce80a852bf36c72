/**
 * Checks a checkpoint's JSON before anything is built from it: every field the loader uses must be there with
 * the right type, so a damaged or hostile file is refused with the field's name, never half-loaded.
 */
import { SPLIT_KINDS } from '../data/splits.js';
import { MODEL_KINDS, modelConfig, type ModelConfig } from '../models/config.js';
import type { CheckpointMeta } from './checkpoint.js';

/** The layout versions this code reads: 1 named its weights `<stem>.safetensors`, 2 names them by save. */
export const READABLE_VERSIONS = [1, 2];

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min = 0): v is number => Number.isInteger(v) && (v as number) >= min;

/**
 * A weights file name the JSON may point to: a plain name in the same directory, so a checkpoint can never make
 * the loader read elsewhere. @example isWeightsName('mlp.5f0c9a1b2c3d4e5f.safetensors') // true
 */
export function isWeightsName(name: unknown): name is string {
  return typeof name === 'string' && /^[^/\\]+\.safetensors$/.test(name) && !name.startsWith('.');
}

/**
 * Parses and checks a checkpoint's JSON text; errors start with `source` and name the field.
 * @example const meta = readMeta(text, 'runs/mlp.json');
 */
export function readMeta(text: string, source: string): CheckpointMeta {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const fail = (what: string): never => {
    throw new Error(`${source}: ${what}`);
  };
  if (!isObject(value)) return fail(`expected a JSON object, got ${Array.isArray(value) ? 'an array' : JSON.stringify(value)}`);
  if (value.format !== 'typegrad-makemore') return fail(`not a makemore checkpoint (format is ${JSON.stringify(value.format)}, expected 'typegrad-makemore')`);
  if (!READABLE_VERSIONS.includes(value.version as number)) {
    return fail(`checkpoint version ${JSON.stringify(value.version)} is not supported (this makemore reads versions ${READABLE_VERSIONS.join(' and ')})`);
  }
  const field = <T>(name: string, ok: (v: unknown) => v is T, expected: string, from: Json = value as Json, path = name): T => {
    const v = Object.hasOwn(from, name) ? from[name] : undefined;
    return ok(v) ? v : fail(`'${path}' ${v === undefined ? 'is missing' : `is ${JSON.stringify(v)}`}; expected ${expected}`);
  };
  const str = (v: unknown): v is string => typeof v === 'string';
  field('id', (v): v is string => str(v) && /^[0-9a-f]{16}$/.test(v), 'the save id (16 hex digits)');
  field('weights', isWeightsName, 'the name of a .safetensors file beside the JSON');
  const config = field('config', isObject, 'an object with the model settings');
  const kind = field('model', (v): v is string => MODEL_KINDS.includes(v as never), MODEL_KINDS.join(', '), config, 'config.model');
  field('vocabSize', (v): v is number => isInt(v, 2), 'an integer of at least 2', config, 'config.vocabSize');
  let checked: ModelConfig;
  try {
    checked = modelConfig(kind as ModelConfig['model'], config.vocabSize as number, config as Partial<ModelConfig>);
  } catch (e) {
    return fail(`config: ${(e as Error).message}`);
  }
  const vocabulary = field('vocabulary', isObject, 'an object with tokens and boundary');
  const tokens = field('tokens', (v): v is string[] => Array.isArray(v) && v.every(str), 'an array of strings', vocabulary, 'vocabulary.tokens');
  // text mode's vocabulary has no boundary token
  field('boundary', (v): v is string | null => str(v) || (v === null && kind === 'gpt'), kind === 'gpt' ? 'a string or null' : 'a string', vocabulary, 'vocabulary.boundary');
  if (tokens.length !== checked.vocabSize) fail(`the vocabulary has ${tokens.length} tokens but config.vocabSize is ${checked.vocabSize}`);
  const data = field('data', isObject, 'an object describing the names and their split');
  field('source', str, 'a string', data, 'data.source');
  field('splitSeed', (v): v is number => isInt(v), 'a non-negative integer', data, 'data.splitSeed');
  if (Object.hasOwn(data, 'split')) field('split', (v): v is string => [...SPLIT_KINDS, 'text'].includes(v as never), [...SPLIT_KINDS, 'text'].join(', '), data, 'data.split');
  const training = field('training', isObject, 'an object with the training state');
  for (const name of ['step', 'steps', 'batchSize', 'seed']) field(name, (v): v is number => isInt(v), 'a non-negative integer', training, `training.${name}`);
  for (const name of ['lr', 'decayFactor', 'regularization']) field(name, (v): v is number => typeof v === 'number' && Number.isFinite(v), 'a number', training, `training.${name}`);
  const generator = field('generator', isObject, "the generator's saved state", training, 'training.generator');
  field('words', str, 'base64 text', generator, 'training.generator.words');
  field('losses', isObject, 'an object of losses by split');
  return { ...(value as unknown as CheckpointMeta), config: checked };
}
