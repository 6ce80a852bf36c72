/**
 * Where loaders read from: a path or file URL, or a file name inside a cache directory. Nothing is ever
 * downloaded; a missing file is an error that says where it was looked for. Node's `fs` is imported only when a
 * file is read, so the package still loads in a browser (where you fetch the text and call the `parse…` functions).
 */
import { DataFormatError } from '../errors.js';

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
  const { homedir } = await import('node:os');
  const { join } = await import('node:path');
  return join(homedir(), '.cache', 'typegrad', 'datasets');
}

/** The path or URL a location refers to. @example await resolveLocation({ file: 'a.csv', cacheDir: '/data' }) // '/data/a.csv' */
export async function resolveLocation(location: FileLocation): Promise<string | URL> {
  if (typeof location === 'string' || location instanceof URL) return location;
  if (!location || typeof location.file !== 'string') throw new TypeError('expected a path, a file URL or { file, cacheDir }');
  const { join } = await import('node:path');
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
  const fs = await import('node:fs/promises');
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(where);
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
 * Decodes UTF-8 (dropping a leading byte-order mark); invalid bytes are a DataFormatError at their line.
 * @example decodeUtf8(new TextEncoder().encode('emma\nava'), 'names.txt') // 'emma\nava'
 */
export function decodeUtf8(bytes: Uint8Array, source: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // find the line: decode line by line until one fails
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        throw new DataFormatError({ source, line, message: 'the bytes are not valid UTF-8 text' });
      }
      line++;
      start = i + 1;
    }
    throw new DataFormatError({ source, line: 1, message: 'the bytes are not valid UTF-8 text' });
  }
}

/**
 * The lines of a text: split at `\n` or `\r\n`; a final newline does not start another line.
 * @example splitLines('a\r\nb\n') // ['a', 'b']
 */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
