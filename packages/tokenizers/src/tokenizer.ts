import type { BatchEncodeOptions, BatchEncoding } from './batch.js';
import type { TokenizerJSON } from './serialization.js';

/**
 * A set of special tokens given by name, or every special token of the tokenizer.
 * @example const allowed: SpecialTokenSet = ['<|endoftext|>'];
 */
export type SpecialTokenSet = 'all' | readonly string[] | ReadonlySet<string>;

/**
 * How `encode` treats text in the input that spells a special token, as tiktoken's `allowed_special` and
 * `disallowed_special` do.
 *
 * - A token in `allowedSpecial` is encoded as its special id.
 * - A token in `disallowedSpecial` is an error that names it and its position (a JavaScript string index).
 * - A token in neither is encoded as ordinary text.
 *
 * The defaults (`allowedSpecial: []`, `disallowedSpecial: 'all'`) reject special-token text, so text from users
 * cannot inject control tokens by accident; pass `disallowedSpecial: []` to encode it as ordinary text.
 * @example tok.encode('hi<|endoftext|>', { allowedSpecial: ['<|endoftext|>'] })
 * @example tok.encode('hi<|endoftext|>', { disallowedSpecial: [] }) // spelled out as ordinary text
 */
export interface EncodeOptions {
  /** Special tokens whose text is encoded as their id. Default: none. */
  allowedSpecial?: SpecialTokenSet;
  /** Special tokens whose text is an error. Default: `'all'`, meaning every special token not allowed. */
  disallowedSpecial?: SpecialTokenSet;
}

/**
 * Options for `decode`.
 * @example tok.decode(ids, { skipSpecialTokens: true })
 */
export interface DecodeOptions {
  /** Leave special tokens (padding, boundaries, end-of-text) out of the text. Default: false. */
  skipSpecialTokens?: boolean;
}

/**
 * What every typegrad tokenizer offers: text to ids and back, lookups, special tokens, batches and saving.
 * `CharTokenizer`, `WordTokenizer` and `BpeTokenizer` implement it.
 * @example
 * const tok: Tokenizer = CharTokenizer.fromCorpus(['emma', 'olivia']);
 * tok.decode(tok.encode('ava')) // 'ava'
 */
export interface Tokenizer {
  /** Which kind of tokenizer this is; the `type` field of its saved form. */
  readonly type: 'char' | 'word' | 'bpe';
  /** One more than the largest id (the size an embedding table needs). */
  readonly vocabSize: number;
  /** Special tokens and their ids. */
  readonly specialTokens: ReadonlyMap<string, number>;
  /** The id of the padding token, or undefined when the tokenizer has none. */
  readonly padId: number | undefined;
  /** Text to ids. */
  encode(text: string, options?: EncodeOptions): number[];
  /** Ids to text. */
  decode(ids: readonly number[], options?: DecodeOptions): string;
  /** The id of a token (a character, a word, a special token, or the text of a BPE token), or undefined. */
  tokenToId(token: string): number | undefined;
  /** The text of an id, or undefined when the id is not in the vocabulary. */
  idToToken(id: number): string | undefined;
  /** Encodes several texts into a padded `[batch, length]` int32 tensor with its attention mask. */
  encodeBatch(texts: readonly string[], options?: BatchEncodeOptions): BatchEncoding;
  /** A plain object that `fromJSON` turns back into an equal tokenizer. */
  toJSON(): TokenizerJSON;
}
