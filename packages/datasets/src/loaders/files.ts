/**
 * Loaders that read local files (Node only; the `@typegrad/datasets/node` entry): a path or file URL, or a file
 * name inside a cache directory. Nothing is ever downloaded; a missing file is an error that says where it was
 * looked for. Each parses with the `parse…` function of the main entry, which browsers call on fetched text.
 */
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseCsv, parseTsv, type DelimitedOptions, type RowOf, type Schema, type Table } from './delimited.js';
import { parseNames, type NamesList, type NamesOptions } from './names.js';
import { decodeUtf8 } from './source.js';
import { parseText, type TextCorpus, type TextOptions } from './text.js';
import { namesUrl, shakespeareUrl } from '../shipped.js';

/**
 * A file to read: a path, a `file:` URL, or `{ file, cacheDir }` — the file's name inside a cache directory
 * (default: `$TYPEGRAD_DATA_DIR`, else `~/.cache/typegrad/datasets`).
 * @example 'data/ratings.csv'
 * @example { file: 'ratings.csv', cacheDir: '/data/movielens' }
 */
export type FileLocation = string | URL | { file: string; cacheDir?: string };

/** A file's decoded text and the name errors use for it. */
export interface SourceText {
  text: string;
  source: string;
}

/**
 * The cache directory used when a `{ file }` location names none: `$TYPEGRAD_DATA_DIR`, else
 * `~/.cache/typegrad/datasets` (Node only).
 * @example await defaultCacheDir() // '/home/ada/.cache/typegrad/datasets'
 */
export async function defaultCacheDir(): Promise<string> {
  const fromEnv = globalThis.process?.env?.TYPEGRAD_DATA_DIR;
  if (fromEnv) return fromEnv;
  return join(homedir(), '.cache', 'typegrad', 'datasets');
}

/** The path or URL a location refers to. @example await resolveLocation({ file: 'a.csv', cacheDir: '/data' }) // '/data/a.csv' */
export async function resolveLocation(location: FileLocation): Promise<string | URL> {
  if (typeof location === 'string' || location instanceof URL) return location;
  if (!location || typeof location.file !== 'string') throw new TypeError('expected a path, a file URL or { file, cacheDir }');
  return join(location.cacheDir ?? (await defaultCacheDir()), location.file);
}

/**
 * Reads a file as UTF-8 text (Node only). A missing file, or bytes that are not UTF-8, is an error naming the
 * file (and the line of the first bad byte).
 * @example const { text, source } = await readTextFile('loadText', 'input.txt');
 */
export async function readTextFile(op: string, location: FileLocation): Promise<SourceText> {
  const where = await resolveLocation(location);
  const source = where instanceof URL ? (where.protocol === 'file:' ? decodeURIComponent(where.pathname) : where.href) : where;
  if (where instanceof URL && where.protocol !== 'file:') {
    throw new Error(`${op}: ${where.href} is not a local file; typegrad loaders never download (fetch the text yourself and use the parse function)`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(where);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Error(`${op}: no file at ${source} (typegrad never downloads data: put the file there, pass its path, or set TYPEGRAD_DATA_DIR)`, { cause: e });
    }
    throw new Error(`${op}: cannot read ${source}: ${(e as Error).message}`, { cause: e });
  }
  return { text: decodeUtf8(bytes, source), source };
}

/**
 * Reads a names list from a local file (Node only; never downloads) and parses it with {@link parseNames}.
 * Without a location it reads the makemore names list that ships with this package ({@link namesUrl}).
 *
 * @example
 * const { names } = await loadNames();                 // the 32,033 names of the lectures
 * const mine = await loadNames('my-names.txt', { onInvalid: 'skip' });
 * if (mine.dropped) console.warn(`left out ${mine.dropped} lines`);
 */
export async function loadNames(location?: FileLocation, options: NamesOptions = {}): Promise<NamesList> {
  const { text, source } = await readTextFile('loadNames', location ?? namesUrl());
  return parseNames(text, { ...options, source: options.source ?? source });
}

/**
 * Reads a UTF-8 text file (Node only; never downloads) and checks it with {@link parseText}. Bytes that are not
 * UTF-8 are an error naming the file and line.
 * @example const { text } = await loadText({ file: 'input.txt', cacheDir: 'data/tinyshakespeare' });
 */
export async function loadText(location: FileLocation, options: TextOptions = {}): Promise<TextCorpus> {
  const { text, source } = await readTextFile('loadText', location);
  return parseText(text, { ...options, source: options.source ?? source });
}

/**
 * Reads a local CSV file (Node only; never downloads) into typed rows, as {@link parseCsv}.
 * @example const { rows } = await loadCsv({ file: 'ratings.csv', cacheDir: 'ml-latest-small' }, { columns: { userId: 'int', movieId: 'int', rating: 'number' } });
 */
export async function loadCsv<S extends Schema>(location: FileLocation, options: DelimitedOptions<S>): Promise<Table<RowOf<S>>> {
  const { text, source } = await readTextFile('loadCsv', location);
  return parseCsv(text, { ...options, source: options.source ?? source });
}

/**
 * Reads a local TSV file (Node only; never downloads) into typed rows, as {@link parseTsv}.
 * @example const { rows } = await loadTsv('sentences.tsv', { columns: { label: 'int', source: 'string', text: 'string' } });
 */
export async function loadTsv<S extends Schema>(location: FileLocation, options: DelimitedOptions<S>): Promise<Table<RowOf<S>>> {
  const { text, source } = await readTextFile('loadTsv', location);
  return parseTsv(text, { ...options, source: options.source ?? source });
}

/**
 * Reads the tiny Shakespeare text that ships with this package ({@link shakespeareUrl}), checked as {@link loadText}
 * checks any text.
 * @example const { text } = await loadShakespeare(); // 1,115,394 characters
 */
export async function loadShakespeare(options: TextOptions = {}): Promise<TextCorpus> {
  return loadText(shakespeareUrl(), options);
}
