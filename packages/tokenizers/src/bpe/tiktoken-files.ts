/** `.tiktoken` rank files on disk (Node only; the `@typegrad/tokenizers/node` entry). */
import { readFile } from 'node:fs/promises';
import type { BpeTokenizer } from './bpe-tokenizer.js';
import { openaiEncoding, type OpenAIEncodingName } from './openai-encodings.js';

/**
 * Reads a local `.tiktoken` file's text, for `BpeTokenizer.fromTiktoken` or `openaiEncoding`.
 * @example const contents = await readTiktokenFile('./cl100k_base.tiktoken');
 */
export async function readTiktokenFile(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/**
 * One of OpenAI's encodings from a local `.tiktoken` file.
 * @example const enc = await openaiEncodingFromFile('cl100k_base', './cl100k_base.tiktoken');
 */
export async function openaiEncodingFromFile(name: OpenAIEncodingName, path: string): Promise<BpeTokenizer> {
  return openaiEncoding(name, await readTiktokenFile(path));
}
