/**
 * Checks a checkpoint's JSON before anything is built from it: every field the loader uses must be there with the
 * right type, so a damaged file is refused with the field's name, never half-loaded.
 */
import { SPLIT_KINDS } from '../data/splits.js';
import { MODEL_KINDS, type ModelConfig } from '../models/config.js';
import type { CheckpointMeta } from './checkpoint.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min = 0): v is number => Number.isInteger(v) && (v as number) >= min;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isRange = (v: unknown): v is [number, number] => Array.isArray(v) && v.length === 2 && v.every(isNumber) && v[0] < v[1];

/**
 * Parses and checks a checkpoint's JSON text; errors start with `source` and name the field.
 * @example const meta = readMeta(text, 'runs/mf.json');
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
  if (!isObject(value)) return fail('expected a JSON object');
  if (value.format !== 'typegrad-recommender') return fail(`not a recommender checkpoint (format is ${JSON.stringify(value.format)}, expected 'typegrad-recommender')`);
  if (value.version !== 1) return fail(`checkpoint version ${JSON.stringify(value.version)} is not supported (this recommender reads version 1)`);
  const field = <T>(name: string, ok: (v: unknown) => v is T, expected: string, from: Json = value as Json, path = name): T => {
    const v = Object.hasOwn(from, name) ? from[name] : undefined;
    return ok(v) ? v : fail(`'${path}' ${v === undefined ? 'is missing' : `is ${JSON.stringify(v).slice(0, 80)}`}; expected ${expected}`);
  };
  field('id', (v): v is string => isString(v) && /^[0-9a-f]{16}$/.test(v), 'the save id (16 hex digits)');
  field('weights', (v): v is string => isString(v) && /^[^/\\]+\.safetensors$/.test(v) && !v.startsWith('.'), 'the name of a .safetensors file beside the JSON');
  const config = field('config', isObject, 'an object with the model settings');
  const kind = field('kind', (v): v is ModelConfig['kind'] => MODEL_KINDS.includes(v as never), MODEL_KINDS.join(', '), config, 'config.kind');
  const numUsers = field('numUsers', (v): v is number => isInt(v, 1), 'a positive integer', config, 'config.numUsers');
  const numItems = field('numItems', (v): v is number => isInt(v, 1), 'a positive integer', config, 'config.numItems');
  field('mean', isNumber, 'a number', config, 'config.mean');
  field('yRange', (v): v is [number, number] | null => v === null || isRange(v), 'null or [lo, hi]', config, 'config.yRange');
  if (kind === 'nn') {
    for (const name of ['userFactors', 'itemFactors']) field(name, (v): v is number => isInt(v, 1), 'a positive integer', config, `config.${name}`);
    field('hidden', (v): v is number[] => Array.isArray(v) && v.every((w) => isInt(w, 1)), 'an array of positive integers', config, 'config.hidden');
  } else field('factors', (v): v is number => isInt(v, 1), 'a positive integer', config, 'config.factors');
  const ids = field('ids', isObject, 'an object with the user and item ids');
  const users = field('users', (v): v is string[] => Array.isArray(v) && v.every(isString), 'an array of strings', ids, 'ids.users');
  const items = field('items', (v): v is string[] => Array.isArray(v) && v.every(isString), 'an array of strings', ids, 'ids.items');
  if (users.length !== numUsers || items.length !== numItems) fail(`ids hold ${users.length} users and ${items.length} items, but the model has ${numUsers} and ${numItems}`);
  const data = field('data', isObject, 'an object describing the ratings and their split');
  field('source', isString, 'a string', data, 'data.source');
  field('ratings', (v): v is number => isInt(v, 1), 'a positive integer', data, 'data.ratings');
  field('scale', isRange, '[lowest, highest] rating', data, 'data.scale');
  const split = field('split', isObject, 'an object describing the split', data, 'data.split');
  field('kind', (v): v is string => SPLIT_KINDS.includes(v as never), SPLIT_KINDS.join(', '), split, 'data.split.kind');
  const training = field('training', isObject, 'an object with the training settings');
  for (const name of ['epochs', 'batchSize', 'seed', 'epochsDone']) field(name, (v): v is number => isInt(v), 'a non-negative integer', training, `training.${name}`);
  for (const name of ['lr', 'reg', 'seconds']) field(name, isNumber, 'a number', training, `training.${name}`);
  field('metrics', Array.isArray, 'an array of table rows');
  return value as unknown as CheckpointMeta;
}
