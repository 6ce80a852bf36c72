/** The CLI's file work (Node only): the names to train on, and checkpoints written atomically. */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { formatProblem } from '@typegrad/datasets';
import { loadNames } from '@typegrad/datasets/node';
import type { CharTokenizer } from '@typegrad/tokenizers';
import { decodeCheckpoint, encodeCheckpoint, type CheckpointInfo, type CheckpointMeta, type LoadedCheckpoint } from '../checkpoint/checkpoint.js';
import type { LanguageModel } from '../models/language-model.js';

/** The data source recorded for the names that ship with @typegrad/datasets. @example meta.data.source === SHIPPED_NAMES */
export const SHIPPED_NAMES = 'shipped:names.txt';

/** How a data source reads in messages. @example describeSource('shipped:names.txt') // 'the shipped names' */
export const describeSource = (source: string): string => (source === SHIPPED_NAMES ? 'the shipped names' : source);

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

/** A checkpoint's common name: 'runs/mlp' for runs/mlp.json or runs/mlp.safetensors. @example checkpointStem('runs/mlp.json') // 'runs/mlp' */
export function checkpointStem(path: string): string {
  return path.replace(/\.(json|safetensors)$/, '');
}

/** Writes a file so that readers see the old or the new contents, never a part (a temporary file, then rename). @example await writeFileAtomic('runs/mlp.json', json) */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeFile(temp, data, { flag: 'wx' });
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/**
 * Saves `<stem>.safetensors` and `<stem>.json`, each atomically (the weights first; the JSON names them and
 * carries the same id). A directory created here gets a `.gitignore` of '*', so runs stay out of version control.
 * @example await saveCheckpoint('runs/mlp', model, vocab, { data, training, losses });
 */
export async function saveCheckpoint(stem: string, model: LanguageModel, vocab: CharTokenizer, info: Omit<CheckpointInfo, 'weights'>): Promise<CheckpointMeta> {
  const dir = dirname(resolve(stem));
  if (!existsSync(dir)) {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, '.gitignore'), '*\n');
  }
  const { weights, json, meta } = await encodeCheckpoint(model, vocab, { ...info, weights: `${basename(stem)}.safetensors` });
  await writeFileAtomic(`${stem}.safetensors`, weights);
  await writeFileAtomic(`${stem}.json`, json);
  return meta;
}

/** Reads a checkpoint saved by {@link saveCheckpoint}; `path` may be the stem or either file. @example const { model, vocab, meta } = await loadCheckpoint('runs/mlp'); */
export async function loadCheckpoint(path: string): Promise<LoadedCheckpoint & { stem: string }> {
  const stem = checkpointStem(path);
  const read = async (file: string) => {
    try {
      return await readFile(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`no checkpoint at ${stem} (${file} is missing; train one with: makemore train --out ${stem})`, { cause: e });
      throw e;
    }
  };
  const json = (await read(`${stem}.json`)).toString('utf8');
  const weights = await read(`${stem}.safetensors`);
  return { ...decodeCheckpoint(weights, json, stem), stem };
}
