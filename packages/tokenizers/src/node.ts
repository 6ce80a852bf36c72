/**
 * @typegrad/tokenizers/node — what needs Node's file system: OpenAI encodings from local `.tiktoken` files.
 * Everything else, `openaiEncoding` from rank data included, is in `@typegrad/tokenizers` and runs in browsers too.
 * @example
 * import { openaiEncodingFromFile } from '@typegrad/tokenizers/node';
 * const enc = await openaiEncodingFromFile('cl100k_base', './cl100k_base.tiktoken');
 * @packageDocumentation
 */
export { readTiktokenFile, openaiEncodingFromFile } from './bpe/tiktoken-files.js';
