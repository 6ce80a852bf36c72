/**
 * Bounds on what a BPE tokenizer may declare, so that a file (or options) cannot make loading take unbounded
 * memory or time, and so that every id fits where it goes.
 */

/**
 * The longest token, in bytes, that a merge may build or a rank table may hold: 1024. OpenAI's four encodings
 * top out at 128 bytes and tokens learned from natural text are far shorter, so this is generous; it stops a file
 * of a few hundred bytes whose merges each double a token from asking for gigabytes (each merge adds at most
 * 1 KiB). Training never learns a pair that would exceed it.
 * @example BpeTokenizer.fromMerges([[97, 97]]).idToBytes(256)!.length <= MAX_TOKEN_BYTES // true
 */
export const MAX_TOKEN_BYTES = 1024;

/**
 * The largest vocabulary size: 2^31 − 1 = 2,147,483,647, the largest int32. Token ids go into int32 tensors
 * (`encodeBatch`), so every id must be an int32, and so must the size an embedding table is given.
 * Ids are therefore 0 to 2^31 − 2.
 * @example BpeTokenizer.train(text, { vocabSize: MAX_VOCAB_SIZE + 1 }) // throws
 */
export const MAX_VOCAB_SIZE = 2 ** 31 - 1;

/** The largest token id: one less than the largest vocabulary size. */
export const MAX_TOKEN_ID = MAX_VOCAB_SIZE - 1;

/**
 * Whether `id` can be a token id: an integer from 0 to `MAX_TOKEN_ID`.
 * @example isTokenId(2 ** 32 + 256) // false: it would wrap to 256 in an Int32Array
 */
export function isTokenId(id: unknown): id is number {
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 && id <= MAX_TOKEN_ID;
}

/** The range of valid ids, for error messages. */
export const TOKEN_ID_RANGE = `an integer from 0 to ${MAX_TOKEN_ID}, since ids are int32`;

/**
 * Checks a vocabulary size: an integer from `min` to `MAX_VOCAB_SIZE`.
 * @example checkVocabSize(1e15, 'BpeTokenizer.fromJSON', "field 'vocabSize'") // throws
 */
export function checkVocabSize(value: unknown, op: string, what = 'vocabSize', min = 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_VOCAB_SIZE) {
    throw new RangeError(`${op}: ${what} must be an integer from ${min} to ${MAX_VOCAB_SIZE} (2^31 − 1: ids are int32 in tensors), got ${describeValue(value)}`);
  }
  return value;
}

/**
 * A value as an error message shows it: numbers and strings as JSON writes them, others by type.
 * @example describeValue(Infinity) // 'Infinity'
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
