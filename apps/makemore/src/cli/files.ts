/** The CLI's file work (Node only): the names or text to train on, and checkpoints that survive a kill. */
import { basename, resolve } from 'node:path';
import { newSaveId } from '@typegrad/app-kit';
import { checkpointStem, prepareOutput, readCheckpointFile, saveCheckpointFiles } from '@typegrad/app-kit/node';
import { formatProblem } from '@typegrad/datasets';
import { loadNames, loadShakespeare, loadText } from '@typegrad/datasets/node';
import type { CharTokenizer } from '@typegrad/tokenizers';
import { decodeCheckpoint, encodeCheckpoint, type CheckpointInfo, type CheckpointMeta, type LoadedCheckpoint } from '../checkpoint/checkpoint.js';
import { readMeta } from '../checkpoint/meta.js';
import type { LanguageModel } from '../models/language-model.js';

/** The data source recorded for the names that ship with @typegrad/datasets. @example meta.data.source === SHIPPED_NAMES */
export const SHIPPED_NAMES = 'shipped:names.txt';

/** The data source recorded for the tiny Shakespeare text that ships with @typegrad/datasets (text mode). */
export const SHIPPED_TEXT = 'shipped:tinyshakespeare.txt';

/** How a data source reads in messages. @example describeSource('shipped:names.txt') // 'the shipped names' */
export const describeSource = (source: string): string =>
  source === SHIPPED_NAMES ? 'the shipped names' : source === SHIPPED_TEXT ? 'the shipped tiny Shakespeare' : source;

/**
 * Reads the text of text mode: a file given with --data, or the tiny Shakespeare text that ships with
 * @typegrad/datasets. Bytes that are not UTF-8 are an error naming the file and line.
 * @example const { text, source } = await readText(undefined); // 1,115,394 characters of Shakespeare
 */
export async function readText(data: string | undefined): Promise<{ text: string; source: string }> {
  const shipped = data === undefined || data === SHIPPED_TEXT;
  const { text, source } = shipped ? await loadShakespeare() : await loadText(resolve(data));
  if (text.length === 0) throw new Error(`${source}: the text is empty`);
  return { text, source: shipped ? SHIPPED_TEXT : source };
}

/** A names list and how to find it again (for checkpoints). */
export interface Words {
  names: string[];
  source: string;
}

/**
 * Reads the names to train on: a file given with --data, or the list that ships with @typegrad/datasets. With a
 * vocabulary (from a checkpoint) every character must be in it; errors name the file and line. With `skipInvalid`,
 * malformed lines are left out instead, and how many (and the first few) are printed.
 * @example const { names, source } = await readWords(undefined); // the shipped list, 'shipped:names.txt'
 */
export async function readWords(data: string | undefined, vocab?: CharTokenizer, log?: (line: string) => void, skipInvalid = false): Promise<Words> {
  const alphabet = vocab ? vocab.tokens.filter((t) => t !== vocab.boundary).join('') : undefined;
  const onInvalid = skipInvalid ? 'skip' : 'error';
  const shipped = data === undefined || data === SHIPPED_NAMES;
  const list = await loadNames(shipped ? undefined : resolve(data), { alphabet, onInvalid });
  if (list.dropped > 0) {
    log?.(`left out ${list.dropped} malformed line${list.dropped === 1 ? '' : 's'} of ${list.source} (--skip-invalid):`);
    for (const p of list.problems.slice(0, 5)) log?.(`  ${formatProblem(p)}`);
    if (list.dropped > 5) log?.(`  … and ${list.dropped - 5} more`);
  }
  if (list.names.length === 0) throw new Error(`${list.source}: no names in the file`);
  return { names: list.names, source: shipped ? SHIPPED_NAMES : list.source };
}

/**
 * Saves a checkpoint so that a kill at any moment leaves the previous save or this one, never a mix: the weights
 * go to a file of their own, `<stem>.<id>.safetensors`, then `<stem>.json`, which names them, replaces the old
 * JSON; only then are the older saves' weights removed (the app kit's `saveCheckpointFiles`; every file written
 * atomically and flushed to disk). A directory created here gets a `.gitignore` of '*'.
 * @example await saveCheckpoint('runs/mlp', model, vocab, { data, training, losses });
 */
export async function saveCheckpoint(stem: string, model: LanguageModel, vocab: CharTokenizer, info: Omit<CheckpointInfo, 'weights'>): Promise<CheckpointMeta> {
  const id = newSaveId();
  const weightsName = `${basename(stem)}.${id}.safetensors`;
  const { weights, json, meta } = await encodeCheckpoint(model, vocab, { ...info, weights: weightsName }, id);
  await saveCheckpointFiles(stem, id, { safetensors: weights }, () => json);
  return meta;
}

/**
 * Reads a checkpoint saved by {@link saveCheckpoint}; `path` may be the stem or the JSON. The JSON names the
 * weights to read, so a save interrupted at any point loads as the one before it.
 * @example const { model, vocab, meta } = await loadCheckpoint('runs/mlp');
 */
export async function loadCheckpoint(path: string): Promise<LoadedCheckpoint & { stem: string }> {
  const stem = checkpointStem(path);
  const howToMake = `makemore train --out ${stem}`;
  const json = (await readCheckpointFile(stem, `${basename(stem)}.json`, howToMake)).toString('utf8');
  const meta = readMeta(json, `${stem}.json`); // checked before its weights are read
  const weights = await readCheckpointFile(stem, meta.weights, howToMake);
  return { ...decodeCheckpoint(weights, json, stem), stem };
}

export { checkpointStem, prepareOutput };
