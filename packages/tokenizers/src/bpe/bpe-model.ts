import type { MergeModel } from './chunk-encoder.js';
import { PairTable } from './pair-table.js';
import { ByteStringIndex, HASH_BASE, hashAppend } from './byte-string-index.js';
import type { RankTable } from './rank-table.js';
import { describeValue, MAX_TOKEN_BYTES, MAX_VOCAB_SIZE } from './limits.js';
import { latin1Key, strictUtf8 } from './utf8.js';

/**
 * The vocabulary of a byte-level BPE tokenizer and the tables its encoder uses. Built either from learned
 * merges (`modelFromMerges`) or from a tiktoken rank table (`modelFromRanks`).
 */
export interface BpeModel extends MergeModel {
  /** How the model was given; decides what `toJSON` writes. */
  kind: 'merges' | 'ranks';
  /** The bytes of each ordinary token by id; undefined for ids that are unused or special. */
  tokenBytes: (Uint8Array | undefined)[];
  /** For 'merges': the learned pairs, flat. */
  merges: readonly number[];
  /**
   * The ids that have bytes, ascending. Rank tables may leave gaps (up to ids near 2^31), so code that visits
   * every token walks this list rather than `tokenBytes`, whose length can be far larger than its count.
   */
  ids: Int32Array;
}

/**
 * The model for merges learned by training: bytes are ids 0–255 and merge i makes id 256 + i. Each merge is checked
 * before its token is built: both ids exist already, the pair is new, and the token stays within `MAX_TOKEN_BYTES`
 * (so a short file whose merges keep doubling a token is refused, not allocated).
 * @example modelFromMerges([104, 105]).tokenBytes[256] // Uint8Array [104, 105] ('hi')
 */
export function modelFromMerges(merges: readonly number[], op = 'BpeTokenizer'): BpeModel {
  if (merges.length % 2 !== 0) throw new Error(`${op}: merges must hold pairs (an even count of ids), got ${merges.length}`);
  const count = merges.length / 2;
  if (256 + count > MAX_VOCAB_SIZE) throw new RangeError(`${op}: ${count} merges make more than ${MAX_VOCAB_SIZE} ids (2^31 − 1: ids are int32)`);
  const tokenBytes: Uint8Array[] = [];
  for (let b = 0; b < 256; b++) tokenBytes.push(Uint8Array.of(b));
  const pairs = new PairTable(merges.length);
  for (let m = 0; m < count; m++) {
    const a = merges[2 * m];
    const b = merges[2 * m + 1];
    checkMerge(m, a, b, tokenBytes, op);
    if (pairs.get(a, b) >= 0) throw new Error(`${op}: merge ${m} repeats the pair (${a}, ${b}) of merge ${pairs.get(a, b) - 256}`);
    pairs.set(a, b, 256 + m);
    const bytes = new Uint8Array(tokenBytes[a].length + tokenBytes[b].length);
    bytes.set(tokenBytes[a]);
    bytes.set(tokenBytes[b], tokenBytes[a].length);
    tokenBytes.push(bytes);
  }
  const byteToId = new Int32Array(256);
  for (let b = 0; b < 256; b++) byteToId[b] = b;
  return { kind: 'merges', tokenBytes, byteToId, pairs, wholeTokens: null, merges: [...merges], ids: Int32Array.from(tokenBytes.keys()) };
}

/** Checks that merge `m` joins two integer ids made before it into a token no longer than `MAX_TOKEN_BYTES`. */
function checkMerge(m: number, a: number, b: number, tokenBytes: readonly Uint8Array[], op: string): void {
  for (const id of [a, b]) {
    if (typeof id !== 'number' || !Number.isInteger(id)) throw new Error(`${op}: merge ${m} joins ${describeValue(id)}, which is not an integer id`);
  }
  const made = 256 + m;
  if (!(a >= 0 && b >= 0 && a < made && b < made)) {
    throw new Error(`${op}: merge ${m} joins ids ${a} and ${b}, but only ids 0..${made - 1} exist before it`);
  }
  // the length is known before anything is allocated, so an oversized token is refused at no cost
  const length = tokenBytes[a].length + tokenBytes[b].length;
  if (length > MAX_TOKEN_BYTES) {
    throw new RangeError(`${op}: merge ${m} joins ids ${a} and ${b} into a token of ${length} bytes; tokens may be at most ${MAX_TOKEN_BYTES} bytes`);
  }
}

/**
 * The model for a tiktoken rank table, where a token's rank is its id. tiktoken merges the adjacent parts whose
 * joined bytes have the lowest rank; that is the same as a table from each pair of tokens to the token their bytes
 * join into, built here from every way of cutting each token into two tokens.
 * @example modelFromRanks(rankTableFromPairs([['a', 0], ['b', 1], ['ab', 2]], op)) // pairs: (0, 1) → 2
 */
export function modelFromRanks(table: RankTable, op = 'BpeTokenizer.fromTiktoken'): BpeModel {
  const { bytes, offsets, ranks, count } = table;
  const index = new ByteStringIndex(table, op);
  const tokenBytes: (Uint8Array | undefined)[] = [];
  for (let t = 0; t < count; t++) {
    if (tokenBytes[ranks[t]] !== undefined) throw new Error(`${op}: rank ${ranks[t]} is given to two tokens`);
    tokenBytes[ranks[t]] = bytes.subarray(offsets[t], offsets[t + 1]);
  }
  const ids = ranks.slice(0, count).sort();
  const byteToId = new Int32Array(256);
  for (let b = 0; b < 256; b++) {
    const id = index.find(Uint8Array.of(b), 0, 1, hashAppend(0, b));
    if (id < 0) throw new Error(`${op}: the rank table has no token for byte 0x${b.toString(16).padStart(2, '0')}, so byte fallback is impossible`);
    byteToId[b] = id;
  }
  const pairs = new PairTable(count * 3);
  const wholeTokens = new Map<string, number>();
  let prefixIds = new Int32Array(64);
  for (let t = 0; t < count; t++) {
    const start = offsets[t];
    const end = offsets[t + 1];
    const n = end - start;
    if (prefixIds.length < n) prefixIds = new Int32Array(2 * n);
    let hash = 0;
    for (let cut = 1; cut < n; cut++) {
      hash = hashAppend(hash, bytes[start + cut - 1]);
      prefixIds[cut] = index.find(bytes, start, start + cut, hash);
    }
    hash = 0;
    let power = 1;
    for (let cut = n - 1; cut >= 1; cut--) {
      hash = ByteStringIndex.hashPrepend(hash, bytes[start + cut], power);
      power = Math.imul(power, HASH_BASE);
      if (prefixIds[cut] < 0) continue;
      const right = index.find(bytes, start + cut, end, hash);
      if (right >= 0) pairs.set(prefixIds[cut], right, ranks[t]);
    }
    const text = strictUtf8(bytes, start, end);
    if (text !== null) wholeTokens.set(text, ranks[t]);
  }
  return { kind: 'ranks', tokenBytes, byteToId, pairs, wholeTokens, merges: [], ids };
}

/**
 * Bytes → id for `tokenToId`, built on first use.
 * @example bytesIndex(model).get('hi') // the id of the token 'hi'
 */
export function bytesIndex(model: BpeModel): Map<string, number> {
  const index = new Map<string, number>();
  for (const id of model.ids) {
    const key = latin1Key(model.tokenBytes[id]!);
    if (!index.has(key)) index.set(key, id);
  }
  return index;
}
