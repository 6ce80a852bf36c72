/** Checkpoints as files (Node only): saved with app-kit's atomic, kill-safe checkpoint files, and read back. */
import { basename } from 'node:path';
import { newSaveId } from '@typegrad/app-kit';
import { checkpointStem, readCheckpointFile, saveCheckpointFiles } from '@typegrad/app-kit/node';
import type { TextClassifier } from '../models/classifier.js';
import { decodeCheckpoint, encodeCheckpoint, readMeta, type CheckpointInfo, type CheckpointMeta } from './checkpoint.js';

/**
 * Saves a classifier at `stem` (`runs/bow` → runs/bow.json and the weights and features files it names).
 * @example await saveClassifier('runs/bow', classifier, info);
 */
export async function saveClassifier(stem: string, classifier: TextClassifier, info: Omit<CheckpointInfo, 'weights' | 'features'>): Promise<CheckpointMeta> {
  const id = newSaveId();
  const base = basename(stem);
  const names = { weights: `${base}.${id}.safetensors`, features: `${base}.${id}.tokenizer.json` };
  const { weights, features, json, meta } = await encodeCheckpoint(classifier, { ...info, ...names }, id);
  await saveCheckpointFiles(stem, id, { safetensors: weights, 'tokenizer.json': features }, () => json);
  return meta;
}

/**
 * Reads a checkpoint saved by {@link saveClassifier}; `path` is the stem or the manifest.
 * @example const { classifier, meta } = await loadClassifier('runs/bow');
 */
export async function loadClassifier(path: string): Promise<{ classifier: TextClassifier; meta: CheckpointMeta; stem: string }> {
  const stem = checkpointStem(path);
  const howToMake = `sentiment train --out ${stem}`;
  const json = (await readCheckpointFile(stem, `${basename(stem)}.json`, howToMake)).toString('utf8');
  const meta = readMeta(json, `${stem}.json`); // checked before the other files are read
  const [weights, features] = await Promise.all([readCheckpointFile(stem, meta.weights, howToMake), readCheckpointFile(stem, meta.features, howToMake)]);
  return { ...decodeCheckpoint(weights, features.toString('utf8'), json, stem), stem };
}
