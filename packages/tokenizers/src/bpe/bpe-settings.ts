import { utf8Bytes } from './utf8.js';
import type { BpeModel } from './bpe-model.js';
import { checkVocabSize, describeValue, isTokenId, TOKEN_ID_RANGE } from './limits.js';

/** Special tokens checked against a model: token → id, id → bytes, and the largest id in use. */
export interface SpecialTokenTable {
  ids: Map<string, number>;
  bytes: Map<number, Uint8Array>;
  largest: number;
}

/**
 * Checks special tokens (from code or from a file) against the model's ordinary ids: each token is non-empty and
 * has an int32 id that no other token, ordinary or special, has.
 * @example specialTokenTable({ '<eos>': 256 }, modelFromMerges([]), 'load').largest // 256
 */
export function specialTokenTable(specialTokens: Record<string, number>, model: BpeModel, op: string): SpecialTokenTable {
  const ids = new Map<string, number>();
  const bytes = new Map<number, Uint8Array>();
  let largest = model.tokenBytes.length - 1;
  // Object.entries reads own properties only, so a token named 'constructor' or '__proto__' is just a token
  for (const [token, id] of Object.entries(specialTokens)) {
    if (!isTokenId(id)) throw new Error(`${op}: special token '${token}' has invalid id ${describeValue(id)} (an id must be ${TOKEN_ID_RANGE})`);
    if (model.tokenBytes[id] !== undefined || bytes.has(id)) throw new Error(`${op}: special token '${token}' has id ${id}, which is already taken`);
    if (token.length === 0) throw new Error(`${op}: a special token cannot be empty`);
    ids.set(token, id);
    bytes.set(id, utf8Bytes(token));
    largest = Math.max(largest, id);
  }
  return { ids, bytes, largest };
}

/**
 * The vocabulary size: one more than the largest id, or the size given, which must be an integer no smaller than
 * that and no larger than `MAX_VOCAB_SIZE`.
 * @example resolveVocabSize(100276, 100277, 'load') // 100277
 * @example resolveVocabSize(100276, 10, 'load')     // throws: smaller than the ids in use
 */
export function resolveVocabSize(largest: number, declared: number | undefined, op: string): number {
  if (declared === undefined) return largest + 1;
  checkVocabSize(declared, op);
  if (declared <= largest) {
    throw new RangeError(`${op}: vocabSize ${declared} is too small for the ids in use (the largest is ${largest}, so vocabSize must be at least ${largest + 1})`);
  }
  return declared;
}

/**
 * Special tokens for training, each once: a repeat would leave its first id unused.
 * @example distinctTokens(['<eos>', '<eos>'], 'BpeTokenizer.train') // throws
 */
export function distinctTokens(tokens: readonly string[], op: string): string[] {
  const seen = new Set<string>();
  for (const token of tokens) {
    if (seen.has(token)) throw new Error(`${op}: special token '${token}' is listed twice in specialTokens`);
    seen.add(token);
  }
  return [...tokens];
}

/**
 * Merges given as [left, right] pairs, flat; anything but a pair is an error (flattening would hide it).
 * @example flattenPairs([[104, 105]], 'BpeTokenizer.fromMerges') // [104, 105]
 */
export function flattenPairs(merges: readonly (readonly [number, number])[], op: string): number[] {
  const flat: number[] = [];
  merges.forEach((given, m) => {
    const pair: unknown = given; // callers without types can pass anything
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new Error(`${op}: merge ${m} must be a pair [left, right] of ids, got ${Array.isArray(pair) ? `${pair.length} value${pair.length === 1 ? '' : 's'}` : describeValue(pair)}`);
    }
    flat.push(pair[0], pair[1]);
  });
  return flat;
}
