/**
 * Checkpoints of several files (weights, a tokenizer, settings) that a kill at any moment never leaves mixed: each
 * save writes its files under names of their own, `<base>.<id>.<suffix>`, then replaces the manifest `<stem>.json`,
 * which names them, and only then removes the files of older saves. Every file is written atomically and flushed
 * (`writeFileAtomic`), so a load always finds the previous save or the new one, whole. Node only.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { removeStaleTemporaries, writeFileAtomic } from '@typegrad/nn/node';


/** A checkpoint's common name: 'runs/mlp' for runs/mlp.json. @example checkpointStem('runs/mlp.json') // 'runs/mlp' */
export function checkpointStem(path: string): string {
  return path.replace(/\.(json|safetensors)$/, '');
}


/** Whether a manifest's file name is a plain name in its own directory, so a checkpoint never makes a loader read elsewhere. */
export function isPlainFileName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && !/[/\\]/.test(name) && !name.startsWith('.');
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

/** The directory of a checkpoint, made if missing; a directory made here gets a `.gitignore` of '*' (runs stay out of git). */
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
 * Makes sure a checkpoint can be written at `stem` before any work is done for it: creates its directory and writes
 * and removes a probe file there. Errors say where and why. Returns the directory.
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

/**
 * Saves one checkpoint: `payloads` by suffix (e.g. `{ safetensors: weights, 'tokenizer.json': text }`) go to
 * `<base>.<id>.<suffix>`, then the manifest that `manifest(names)` writes (names: suffix → file name) replaces
 * `<stem>.json`. Returns the file names.
 * @example await saveCheckpointFiles('runs/mlp', id, { safetensors: bytes }, (names) => JSON.stringify({ id, weights: names.safetensors }));
 */
export async function saveCheckpointFiles(
  stem: string, id: string, payloads: Record<string, Uint8Array | string>, manifest: (names: Record<string, string>) => string,
): Promise<Record<string, string>> {
  if (!/^[0-9a-f]{16}$/.test(id)) throw new Error(`saveCheckpointFiles: the save id must be 16 hex digits, got '${id}'`);
  const dir = await checkpointDirectory(stem);
  const base = basename(stem);
  const names = Object.fromEntries(Object.keys(payloads).map((suffix) => [suffix, `${base}.${id}.${suffix}`]));
  for (const [suffix, data] of Object.entries(payloads)) await writeFileAtomic(join(dir, names[suffix]), data);
  await writeFileAtomic(`${stem}.json`, manifest(names)); // the switch: from here on, loads see this save
  const kept = new Set(Object.values(names));
  const suffixes = Object.keys(payloads);
  const ours = (name: string) => name.startsWith(`${base}.`) && suffixes.some((s) => new RegExp(`^(\\.[0-9a-f]{16})?\\.${s.replace(/\./g, '\\.')}$`).test(name.slice(base.length)));
  for (const name of await readdir(dir)) if (!kept.has(name) && ours(name)) await rm(join(dir, name), { force: true });
  await removeStaleTemporaries(dir, ours);
  return names;
}

/**
 * Reads a checkpoint's file: the manifest `<stem>.json`, or a file it names (checked to be a plain name beside it).
 * A missing file is an error that says how to make one.
 * @example const json = (await readCheckpointFile('runs/mlp', 'mlp.json', 'makemore train --out runs/mlp')).toString('utf8');
 */
export async function readCheckpointFile(stem: string, name: string, howToMake: string): Promise<Buffer> {
  if (!isPlainFileName(name)) throw new Error(`${stem}.json: '${name}' is not a file name beside the checkpoint`);
  const file = join(dirname(stem), name);
  try {
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`no checkpoint at ${stem} (${file} is missing; make one with: ${howToMake})`, { cause: e });
    throw e;
  }
}
