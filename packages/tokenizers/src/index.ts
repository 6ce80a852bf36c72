/**
 * @typegrad/tokenizers — text to token ids and back: character, word and byte-level BPE tokenizers.
 * @packageDocumentation
 */
export type { Tokenizer, EncodeOptions, DecodeOptions, SpecialTokenSet } from './tokenizer.js';
export { CharTokenizer, type CharTokenizerOptions } from './char/char-tokenizer.js';
export { WordTokenizer, type WordTokenizerOptions } from './word/word-tokenizer.js';
export { normalizeText, splitWords } from './word/split-words.js';
export { BpeTokenizer } from './bpe/bpe-tokenizer.js';
export type { BpeTrainOptions, TiktokenOptions } from './bpe/bpe-options.js';
export { StreamDecoder } from './bpe/stream-decoder.js';
export { openaiEncoding, OPENAI_ENCODING_NAMES, type OpenAIEncodingName } from './bpe/openai-encodings.js';
export { type TiktokenRankObject, type TiktokenRankSource } from './bpe/tiktoken-ranks.js';
export { GPT2_PATTERN, GPT4_PATTERN, O200K_PATTERN, type SplitPattern, type FromJSONOptions } from './bpe/patterns.js';
export { MAX_TOKEN_BYTES, MAX_VOCAB_SIZE } from './bpe/limits.js';
export { encodeBatch, padSequences, type BatchEncodeOptions, type BatchEncoding, type PadOptions } from './batch.js';
export { tokenizerFromJSON } from './from-json.js';
export {
  TOKENIZER_FORMAT,
  TOKENIZER_VERSIONS,
  type TokenizerType,
  type TokenizerFileHeader,
  type TokenizerJSON,
  type CharTokenizerJSON,
  type WordTokenizerJSON,
  type BpeTokenizerJSON,
} from './serialization.js';
export { compareCodePoints } from './unicode.js';
