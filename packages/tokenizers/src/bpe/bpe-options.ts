import type { SplitPattern } from './patterns.js';

/**
 * Options of `BpeTokenizer.train`.
 * @example { vocabSize: 256 + 4096, pattern: 'gpt4', specialTokens: ['<|endoftext|>'] }
 */
export interface BpeTrainOptions {
  /**
   * The vocabulary size to reach: 256 bytes + merges + special tokens, at most `MAX_VOCAB_SIZE` (2^31 − 1).
   * Training stops early if no pair is left.
   */
  vocabSize: number;
  /** Pre-tokenisation: 'gpt2', 'gpt4' (default), 'o200k', 'none', or a regex source (your own, compiled as given). */
  pattern?: SplitPattern;
  /** Special tokens, each once, given the ids after the merges. Their text in the training data is cut out, never learned. */
  specialTokens?: readonly string[];
}

/**
 * How to read a rank table that is not one of OpenAI's four encodings (see `openaiEncoding` for those).
 * @example { pattern: 'gpt4', specialTokens: { '<|endoftext|>': 100257 } }
 */
export interface TiktokenOptions {
  /** Pre-tokenisation pattern (a name or a regex source of your own, compiled as given). */
  pattern: SplitPattern;
  /** Special tokens and their ids (integers from 0 to 2^31 − 2, not used by the ranks). */
  specialTokens?: Record<string, number>;
  /** A name for messages and `toJSON`. */
  name?: string;
  /** A vocabulary size larger than the largest id, as tiktoken's explicit_n_vocab; at most `MAX_VOCAB_SIZE`. */
  vocabSize?: number;
}

/** What the constructor needs besides the model (internal). */
export interface BpeSettings {
  name: string | null;
  pattern: string | null;
  specialTokens: Record<string, number>;
  vocabSize?: number;
}
