import { modelFromRanks } from './bpe-model.js';
import { BpeTokenizer } from './bpe-tokenizer.js';
import { GPT2_PATTERN, GPT4_PATTERN, O200K_PATTERN } from './patterns.js';
import { tiktokenRanks, type TiktokenRankSource } from './tiktoken-ranks.js';

/**
 * The names of OpenAI's published byte-level BPE encodings that `openaiEncoding` reads.
 * @example const name: OpenAIEncodingName = 'o200k_base';
 */
export type OpenAIEncodingName = 'r50k_base' | 'p50k_base' | 'cl100k_base' | 'o200k_base';

/** What defines one of OpenAI's encodings besides its ranks. */
interface EncodingSpec {
  pattern: string;
  specialTokens: Record<string, number>;
  /** How many ranks the table holds, and the largest: a check that the right data was passed. */
  rankCount: number;
  lastRank: number;
  vocabSize: number;
}

/**
 * The four encodings: their patterns and special tokens as tiktoken defines them. p50k_base has 50,280 ranks
 * that skip id 50256, which is <|endoftext|>.
 */
const ENCODINGS: Record<OpenAIEncodingName, EncodingSpec> = {
  r50k_base: { pattern: GPT2_PATTERN, specialTokens: { '<|endoftext|>': 50256 }, rankCount: 50256, lastRank: 50255, vocabSize: 50257 },
  p50k_base: { pattern: GPT2_PATTERN, specialTokens: { '<|endoftext|>': 50256 }, rankCount: 50280, lastRank: 50280, vocabSize: 50281 },
  cl100k_base: {
    pattern: GPT4_PATTERN,
    specialTokens: { '<|endoftext|>': 100257, '<|fim_prefix|>': 100258, '<|fim_middle|>': 100259, '<|fim_suffix|>': 100260, '<|endofprompt|>': 100276 },
    rankCount: 100256,
    lastRank: 100255,
    vocabSize: 100277,
  },
  o200k_base: {
    pattern: O200K_PATTERN,
    specialTokens: { '<|endoftext|>': 199999, '<|endofprompt|>': 200018 },
    rankCount: 199998,
    lastRank: 199997,
    vocabSize: 200019,
  },
};

/**
 * The names `openaiEncoding` accepts.
 * @example OPENAI_ENCODING_NAMES.includes('cl100k_base') // true
 */
export const OPENAI_ENCODING_NAMES = Object.keys(ENCODINGS) as OpenAIEncodingName[];

/**
 * One of OpenAI's encodings (r50k_base, p50k_base, cl100k_base, o200k_base) from its rank data, with its
 * pre-tokenisation pattern and special tokens. The ranks are not bundled with this package: pass the rank object
 * that `js-tiktoken/ranks/<name>` exports, or the text of the encoding's `.tiktoken` file. Encoding gives the
 * same ids as js-tiktoken (and tiktoken).
 * @example
 * import ranks from 'js-tiktoken/ranks/cl100k_base';
 * const enc = openaiEncoding('cl100k_base', ranks);
 * enc.encode('hello world') // [15339, 1917]
 */
export function openaiEncoding(name: OpenAIEncodingName, source: TiktokenRankSource): BpeTokenizer {
  const op = 'openaiEncoding';
  // own keys only, so that a name such as 'constructor' is unknown rather than Object's constructor
  const spec = Object.hasOwn(ENCODINGS, name) ? ENCODINGS[name] : undefined;
  if (spec === undefined) throw new Error(`${op}: unknown encoding '${String(name)}' (known: ${OPENAI_ENCODING_NAMES.join(', ')})`);
  const table = tiktokenRanks(source, op);
  let last = -1;
  for (let i = 0; i < table.count; i++) last = Math.max(last, table.ranks[i]);
  if (table.count !== spec.rankCount || last !== spec.lastRank) {
    throw new Error(`${op}: the rank data holds ${table.count} ranks up to ${last}, but ${name} has ${spec.rankCount} up to ${spec.lastRank}; was another encoding's data passed?`);
  }
  return new BpeTokenizer(modelFromRanks(table, op), { name, pattern: spec.pattern, specialTokens: spec.specialTokens, vocabSize: spec.vocabSize }, op);
}
