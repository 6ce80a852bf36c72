import { BpeTokenizer } from './bpe/bpe-tokenizer.js';
import { CharTokenizer } from './char/char-tokenizer.js';
import { readTokenizerFile } from './serialization.js';
import type { Tokenizer } from './tokenizer.js';
import { WordTokenizer } from './word/word-tokenizer.js';

/**
 * Reads any saved tokenizer (the object `toJSON` returned, or its JSON text), choosing the class by its `type`.
 * @example const tok = tokenizerFromJSON(fs.readFileSync('tokenizer.json', 'utf8'));
 */
export function tokenizerFromJSON(json: unknown): Tokenizer {
  const file = readTokenizerFile(json, 'tokenizerFromJSON');
  switch (file.type) {
    case 'char': return CharTokenizer.fromJSON(file);
    case 'word': return WordTokenizer.fromJSON(file);
    case 'bpe': return BpeTokenizer.fromJSON(file);
  }
}
