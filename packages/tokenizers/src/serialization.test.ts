import { describe, expect, it } from 'vitest';
import { BpeTokenizer } from './bpe/bpe-tokenizer.js';
import { CharTokenizer } from './char/char-tokenizer.js';
import { tokenizerFromJSON } from './from-json.js';
import { WordTokenizer } from './word/word-tokenizer.js';

describe('tokenizerFromJSON', () => {
  it('restores each kind of tokenizer from its saved form', () => {
    const tokenizers = [
      CharTokenizer.fromCorpus(['the cat sat']),
      WordTokenizer.fromCorpus('the cat sat'),
      BpeTokenizer.train('the cat sat on the mat', { vocabSize: 270 }),
    ];
    for (const tok of tokenizers) {
      const back = tokenizerFromJSON(JSON.stringify(tok.toJSON()));
      expect(back.type).toBe(tok.type);
      expect(back.constructor).toBe(tok.constructor);
      expect(back.toJSON()).toEqual(tok.toJSON());
      expect(back.encode('cat')).toEqual(tok.encode('cat'));
    }
  });

  it('explains what is wrong with a file', () => {
    expect(() => tokenizerFromJSON('[1, 2]')).toThrow('tokenizerFromJSON: expected a saved tokenizer object, got an array');
    expect(() => tokenizerFromJSON({ type: 'bpe' })).toThrow("tokenizerFromJSON: not a typegrad tokenizer file (expected format 'typegrad-tokenizer' and a 'type' field)");
    expect(() => tokenizerFromJSON({ format: 'typegrad-tokenizer', version: 1, type: 'sentencepiece' })).toThrow("tokenizerFromJSON: unknown tokenizer type 'sentencepiece' (this package reads 'char', 'word', 'bpe')");
    expect(() => tokenizerFromJSON({ format: 'typegrad-tokenizer', version: 2, type: 'word' })).toThrow("WordTokenizer.fromJSON: this 'word' tokenizer file is version 2, but this version of @typegrad/tokenizers reads 'word' files up to version 1");
    expect(() => tokenizerFromJSON({ format: 'typegrad-tokenizer', version: 0, type: 'word' })).toThrow("tokenizerFromJSON: invalid version 0 in a 'word' tokenizer file");
    expect(() => CharTokenizer.fromJSON({ format: 'typegrad-tokenizer', version: 1, type: 'char', vocab: 'abc' })).toThrow("CharTokenizer.fromJSON: field 'vocab' must be an array of strings");
  });

  it('reads only its own tokenizer types, not keys every object has', () => {
    for (const type of ['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty']) {
      expect(() => tokenizerFromJSON({ format: 'typegrad-tokenizer', version: 1, type })).toThrow(`tokenizerFromJSON: unknown tokenizer type '${type}' (this package reads 'char', 'word', 'bpe')`);
      expect(() => tokenizerFromJSON(`{"format":"typegrad-tokenizer","version":1,"type":"${type}"}`)).toThrow(`unknown tokenizer type '${type}'`);
    }
  });

  it('names the op when the text is not JSON, keeping the parser\'s error as the cause', () => {
    const readers: [string, (text: string) => unknown][] = [
      ['tokenizerFromJSON', tokenizerFromJSON],
      ['CharTokenizer.fromJSON', (t) => CharTokenizer.fromJSON(t)],
      ['WordTokenizer.fromJSON', (t) => WordTokenizer.fromJSON(t)],
      ['BpeTokenizer.fromJSON', (t) => BpeTokenizer.fromJSON(t)],
    ];
    for (const [op, read] of readers) {
      let caught: unknown;
      try {
        read('{"format": "typegrad-tokenizer",');
      } catch (err) {
        caught = err;
      }
      expect(caught).not.toBeInstanceOf(SyntaxError);
      const cause = (caught as Error).cause;
      expect(cause).toBeInstanceOf(SyntaxError);
      expect((caught as Error).message).toBe(`${op}: the text is not valid JSON (${(cause as SyntaxError).message})`);
    }
  });
});
