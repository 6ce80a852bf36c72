/**
 * The `format` field of every saved tokenizer.
 * @example tok.toJSON().format === TOKENIZER_FORMAT // 'typegrad-tokenizer'
 */
export const TOKENIZER_FORMAT = 'typegrad-tokenizer';

/**
 * The newest file version this package writes and reads, per tokenizer type.
 * @example TOKENIZER_VERSIONS.bpe // 1
 */
export const TOKENIZER_VERSIONS = { char: 1, word: 1, bpe: 1 } as const;

/**
 * The kinds of tokenizer a file can hold.
 * @example const type: TokenizerType = 'word';
 */
export type TokenizerType = keyof typeof TOKENIZER_VERSIONS;

/**
 * The fields every saved tokenizer starts with. `type` says which class reads it; `version` lets a newer
 * package change the layout and an older one refuse it clearly.
 * @example { format: 'typegrad-tokenizer', version: 1, type: 'char', ... }
 */
export interface TokenizerFileHeader<T extends TokenizerType = TokenizerType> {
  format: typeof TOKENIZER_FORMAT;
  version: number;
  type: T;
}

/**
 * Saved `CharTokenizer`: its tokens in id order.
 * @example { format: 'typegrad-tokenizer', version: 1, type: 'char', vocab: ['.', 'a', 'b'], boundary: '.', unknown: null, specialTokens: [] }
 */
export interface CharTokenizerJSON extends TokenizerFileHeader<'char'> {
  /** Every token in id order: special tokens first, then characters. */
  vocab: string[];
  /** The boundary token, or null. */
  boundary: string | null;
  /** The token for unknown characters, or null. */
  unknown: string | null;
  /** Special tokens other than `boundary` and `unknown`. */
  specialTokens: string[];
}

/**
 * Saved `WordTokenizer`.
 * @example { format: 'typegrad-tokenizer', version: 1, type: 'word', vocab: ['<pad>', '<unk>', 'good'], pad: '<pad>', unknown: '<unk>', specialTokens: [], lowercase: true }
 */
export interface WordTokenizerJSON extends TokenizerFileHeader<'word'> {
  /** Every token in id order: special tokens first, then words. */
  vocab: string[];
  /** The padding token (id 0). */
  pad: string;
  /** The token for unknown words (id 1). */
  unknown: string;
  /** Special tokens after `pad` and `unknown`. */
  specialTokens: string[];
  /** Whether text is lowercased after NFKC normalisation. */
  lowercase: boolean;
}

/**
 * Saved `BpeTokenizer`: either learned merges or a tiktoken rank table.
 * @example { format: 'typegrad-tokenizer', version: 1, type: 'bpe', name: null, pattern: null, specialTokens: {}, merges: [104, 105] }
 */
export interface BpeTokenizerJSON extends TokenizerFileHeader<'bpe'> {
  /** A name such as 'cl100k_base', or null. */
  name: string | null;
  /**
   * The pre-tokenisation regex source (used with the 'u' flag), or null for none. Reading accepts GPT-2's,
   * GPT-4's and o200k's sources or their names; another regex only with `{ allowCustomPattern: true }`.
   */
  pattern: string | null;
  /** Special tokens and their ids (integers from 0 to 2^31 − 2, distinct from the other ids). */
  specialTokens: Record<string, number>;
  /**
   * Learned merges as a flat list [left0, right0, left1, right1, ...]; merge i makes id 256 + i from two ids
   * made before it, into a token of at most `MAX_TOKEN_BYTES`.
   */
  merges?: number[];
  /** A tiktoken rank table: one 'base64-bytes rank' line per token (ranks 0 to 2^31 − 2). */
  ranks?: string;
  /** The vocabulary size when it is larger than the ids in use (tiktoken's explicit_n_vocab), at most 2^31 − 1. */
  vocabSize?: number;
}

/**
 * What `toJSON` returns and `fromJSON` reads.
 * @example const json: TokenizerJSON = tok.toJSON();
 */
export type TokenizerJSON = CharTokenizerJSON | WordTokenizerJSON | BpeTokenizerJSON;

/**
 * The header to write for a tokenizer of `type`.
 * @example fileHeader('char') // { format: 'typegrad-tokenizer', version: 1, type: 'char' }
 */
export function fileHeader<T extends TokenizerType>(type: T): TokenizerFileHeader<T> {
  return { format: TOKENIZER_FORMAT, version: TOKENIZER_VERSIONS[type], type };
}

/**
 * Parses JSON text, naming the op when it is not valid JSON (the parser's error is kept as the cause).
 * @example parseJsonText('{"a": 1}', 'load') // { a: 1 }
 * @example parseJsonText('{oops', 'load')    // throws "load: the text is not valid JSON (...)"
 */
export function parseJsonText(text: string, op: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${op}: the text is not valid JSON (${(err as Error).message})`, { cause: err });
  }
}

/**
 * Parses JSON text when given a string, and checks that the value looks like a saved tokenizer.
 * @example readTokenizerFile('{"format":"typegrad-tokenizer","version":1,"type":"char"}', 'load').type // 'char'
 */
export function readTokenizerFile(json: unknown, op: string): TokenizerFileHeader & Record<string, unknown> {
  const value: unknown = typeof json === 'string' ? parseJsonText(json, op) : json;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${op}: expected a saved tokenizer object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  }
  const record = value as Record<string, unknown>;
  if (record.format !== TOKENIZER_FORMAT || typeof record.type !== 'string') {
    throw new Error(`${op}: not a typegrad tokenizer file (expected format '${TOKENIZER_FORMAT}' and a 'type' field)`);
  }
  // own keys only: 'constructor' or 'toString' are in every object, not tokenizer types
  if (!Object.hasOwn(TOKENIZER_VERSIONS, record.type)) {
    throw new Error(`${op}: unknown tokenizer type '${record.type}' (this package reads ${Object.keys(TOKENIZER_VERSIONS).map((t) => `'${t}'`).join(', ')})`);
  }
  if (typeof record.version !== 'number' || !Number.isInteger(record.version) || record.version < 1) {
    throw new Error(`${op}: invalid version ${JSON.stringify(record.version)} in a '${record.type}' tokenizer file`);
  }
  return record as TokenizerFileHeader & Record<string, unknown>;
}

/**
 * Checks that a saved tokenizer is of `type` and of a version this package reads, naming both sides when not.
 * @example checkTokenizerFile(json, 'bpe', 'BpeTokenizer.fromJSON') // throws "... expected a 'bpe' tokenizer, got 'char'"
 */
export function checkTokenizerFile<T extends TokenizerType>(json: unknown, type: T, op: string): TokenizerFileHeader<T> & Record<string, unknown> {
  const file = readTokenizerFile(json, op);
  if (file.type !== type) throw new Error(`${op}: expected a '${type}' tokenizer, got '${file.type}'`);
  const newest = TOKENIZER_VERSIONS[type];
  if (file.version > newest) {
    throw new Error(`${op}: this '${type}' tokenizer file is version ${file.version}, but this version of @typegrad/tokenizers reads '${type}' files up to version ${newest}; upgrade @typegrad/tokenizers to read it`);
  }
  return file as TokenizerFileHeader<T> & Record<string, unknown>;
}

/**
 * Reads a field that must be a string array.
 * @example stringArrayField({ vocab: ['a'] }, 'vocab', 'load') // ['a']
 */
export function stringArrayField(file: Record<string, unknown>, name: string, op: string): string[] {
  const value = file[name];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`${op}: field '${name}' must be an array of strings`);
  return value as string[];
}
