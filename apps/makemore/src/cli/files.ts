/** The CLI's file work (Node only): the names to train on, and checkpoints written atomically. */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { formatProblem } from '@typegrad/datasets';
import { loadNames, loadShakespeare, loadText } from '@typegrad/datasets/node';
import { removeStaleTemporaries, writeFileAtomic } from '@typegrad/nn/node';
import type { CharTokenizer } from '@typegrad/tokenizers';
import { decodeCheckpoint, encodeCheckpoint, newCheckpointId, type CheckpointInfo, type CheckpointMeta, type LoadedCheckpoint } from '../checkpoint/checkpoint.js';
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

/** A checkpoint's common name: 'runs/mlp' for runs/mlp.json or runs/mlp.safetensors. @example checkpointStem('runs/mlp.json') // 'runs/mlp' */
export function checkpointStem(path: string): string {
  return path.replace(/\.(json|safetensors)$/, '');
}

/**
 * Makes sure a checkpoint can be written at `stem` before any work is done for it: creates its directory (with a
 * `.gitignore` of '*', so runs stay out of version control) and writes and removes a probe file there. Errors say
 * where and why. Returns the directory.
 * @example await prepareOutput('runs/mlp') // '/home/ada/makemore/runs'
 */
export async function prepareOutput(stem: string): Promise<string> {
  const dir = await checkpointDirectory(stem);
  try {
    const probe = join(dir, `.${basename(stem)}.probe-${process.pid}.tmp`);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (e) {
    throw new Error(`cannot write a checkpoint at ${stem}: ${(e as Error).message}`, { cause: e });
  }
  return dir;
}

/** The directory of a checkpoint, made (with its `.gitignore`) if it does not exist yet. */
async function checkpointDirectory(stem: string): Promise<string> {
  const dir = dirname(resolve(stem));
  try {
    if (await makeDirectories(dir)) await writeFile(join(dir, '.gitignore'), '*\n');
  } catch (e) {
    throw new Error(`cannot write a checkpoint at ${stem}: ${(e as Error).message}`, { cause: e });
  }
  return dir;
}

/**
 * `mkdir -p`, one level at a time: Node 20's recursive mkdir never returns for some unwritable paths (under /proc).
 * Returns whether the last directory was created here.
 */
async function makeDirectories(dir: string): Promise<boolean> {
  if (existsSync(dir)) return false;
  const parent = dirname(dir);
  if (parent !== dir) await makeDirectories(parent);
  try {
    await mkdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  }
  return true;
}

/**
 * Saves a checkpoint so that a kill at any moment leaves the previous save or this one, never a mix: the weights
 * go to a file of their own, `<stem>.<id>.safetensors`, then `<stem>.json`, which names them, replaces the old
 * JSON; only then are the older saves' weights removed. Each file is written atomically and flushed to disk (see
 * `writeFileAtomic`). A directory created here gets a `.gitignore` of '*', so runs stay out of version control.
 * @example await saveCheckpoint('runs/mlp', model, vocab, { data, training, losses });
 */
export async function saveCheckpoint(stem: string, model: LanguageModel, vocab: CharTokenizer, info: Omit<CheckpointInfo, 'weights'>): Promise<CheckpointMeta> {
  const dir = await checkpointDirectory(stem);
  const id = newCheckpointId();
  const weightsName = `${basename(stem)}.${id}.safetensors`;
  const { weights, json, meta } = await encodeCheckpoint(model, vocab, { ...info, weights: weightsName }, id);
  await writeFileAtomic(join(dir, weightsName), weights);
  await writeFileAtomic(`${stem}.json`, json); // the switch: from here on, loads see this save
  await removeOtherWeights(dir, basename(stem), weightsName);
  return meta;
}

/**
 * Removes the weights of earlier (or interrupted) saves of `base`, `<base>.safetensors` and `<base>.<id>.safetensors`,
 * and the temporary files of killed saves.
 */
async function removeOtherWeights(dir: string, base: string, keep: string): Promise<void> {
  const ours = (name: string) => name.startsWith(`${base}.`) && /^(\.[0-9a-f]{16})?\.safetensors$/.test(name.slice(base.length));
  for (const name of await readdir(dir)) {
    if (name !== keep && ours(name)) await rm(join(dir, name), { force: true });
  }
  await removeStaleTemporaries(dir, ours);
}

/**
 * Reads a checkpoint saved by {@link saveCheckpoint}; `path` may be the stem or the JSON. The JSON names the
 * weights to read, so a save interrupted at any point loads as the one before it.
 * @example const { model, vocab, meta } = await loadCheckpoint('runs/mlp');
 */
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
  const meta = readMeta(json, `${stem}.json`); // checked before its weights are read
  const weights = await read(join(dirname(stem), meta.weights));
  return { ...decodeCheckpoint(weights, json, stem), stem };
}
