import { BpeTokenizer } from './bpe/bpe-tokenizer.js';
import type { FromJSONOptions } from './bpe/patterns.js';
import { CharTokenizer } from './char/char-tokenizer.js';
import { readTokenizerFile } from './serialization.js';
import type { Tokenizer } from './tokenizer.js';
import { WordTokenizer } from './word/word-tokenizer.js';

/**
 * Reads any saved tokenizer (the object `toJSON` returned, or its JSON text), choosing the class by its `type`.
 * Files are checked field by field; a BPE file's pattern must be one of the known ones unless `options` has
 * `allowCustomPattern: true` (see `BpeTokenizer.fromJSON`: a regex from a file can take exponential time).
 * @example const tok = tokenizerFromJSON(fs.readFileSync('tokenizer.json', 'utf8'));
 * @example const mine = tokenizerFromJSON(trustedText, { allowCustomPattern: true });
 */
export function tokenizerFromJSON(json: unknown, options: FromJSONOptions = {}): Tokenizer {
  const file = readTokenizerFile(json, 'tokenizerFromJSON');
  switch (file.type) {
    case 'char': return CharTokenizer.fromJSON(file);
    case 'word': return WordTokenizer.fromJSON(file);
    case 'bpe': return BpeTokenizer.fromJSON(file, options);
    default: throw new Error(`tokenizerFromJSON: unknown tokenizer type '${String(file.type)}'`); // readTokenizerFile already refuses it
  }
}
