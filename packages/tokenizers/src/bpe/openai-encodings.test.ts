import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import p50k from 'js-tiktoken/ranks/p50k_base';
import r50k from 'js-tiktoken/ranks/r50k_base';
import { describe, expect, it } from 'vitest';
import { compareWithJsTiktoken } from '../testing/tiktoken-compat.js';
import { BpeTokenizer } from './bpe-tokenizer.js';
import { openaiEncoding, OPENAI_ENCODING_NAMES } from './openai-encodings.js';
import { openaiEncodingFromFile } from './tiktoken-files.js';
import { GPT2_PATTERN } from './patterns.js';
import { tiktokenFileText } from './tiktoken-ranks.js';

describe('r50k_base', () => compareWithJsTiktoken('r50k_base', r50k));
describe('p50k_base', () => compareWithJsTiktoken('p50k_base', p50k));

describe('openaiEncoding', () => {
  const enc = openaiEncoding('r50k_base', r50k);

  it('knows the four encodings', () => {
    expect(OPENAI_ENCODING_NAMES).toEqual(['r50k_base', 'p50k_base', 'cl100k_base', 'o200k_base']);
  });

  it("gives GPT-2's well-known ids", () => {
    expect(enc.encode('hello world')).toEqual([31373, 995]);
    expect(enc.encode('<|endoftext|>', { allowedSpecial: 'all' })).toEqual([50256]);
    expect(enc.vocabSize).toBe(50257);
    expect(enc.pattern).toBe(GPT2_PATTERN);
    expect(enc.idToToken(31373)).toBe('hello');
  });

  it('knows only its own encoding names, not keys every object has', () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      expect(() => openaiEncoding(name as never, r50k)).toThrow(`openaiEncoding: unknown encoding '${name}' (known: r50k_base, p50k_base, cl100k_base, o200k_base)`);
    }
  });

  it('rejects another encoding\'s rank data', () => {
    expect(() => openaiEncoding('cl100k_base', r50k)).toThrow("openaiEncoding: the rank data holds 50256 ranks up to 50255, but cl100k_base has 100256 up to 100255; was another encoding's data passed?");
  });

  it('reads a local .tiktoken file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'typegrad-tiktoken-'));
    const path = join(dir, 'r50k_base.tiktoken');
    const contents = tiktokenFileText(Array.from({ length: 50256 }, (_, id) => enc.idToBytes(id)));
    expect(contents.split('\n')[0]).toBe('IQ== 0');
    writeFileSync(path, contents);
    const fromFile = await openaiEncodingFromFile('r50k_base', path);
    const text = 'The same ids from a file: 123 ünïcode 😀';
    expect(fromFile.encode(text)).toEqual(enc.encode(text));
    expect(openaiEncoding('r50k_base', contents).encode(text)).toEqual(enc.encode(text));
  });

  it('saves the ranks to JSON and reads them back', () => {
    const json = enc.toJSON();
    expect(json).toMatchObject({ type: 'bpe', name: 'r50k_base', vocabSize: 50257, specialTokens: { '<|endoftext|>': 50256 } });
    expect(json.ranks!.startsWith('IQ== 0\nIg== 1\n')).toBe(true);
    const back = BpeTokenizer.fromJSON(json);
    expect(back.encode('round trip through JSON')).toEqual(enc.encode('round trip through JSON'));
    expect(back.vocabSize).toBe(50257);
  });

  it('builds a custom encoding from a rank table', () => {
    const ranks = Array.from({ length: 256 }, (_, b) => `${btoa(String.fromCharCode(b))} ${b}`).join('\n') + `\n${btoa('ab')} 256\n${btoa('abc')} 257\n`;
    const custom = BpeTokenizer.fromTiktoken(ranks, { pattern: 'none', name: 'tiny', specialTokens: { '<s>': 300 } });
    expect(custom.encode('abcab<s>', { allowedSpecial: 'all' })).toEqual([257, 256, 300]);
    expect(custom.vocabSize).toBe(301);
    // as in tiktoken, a chunk that is a whole token is that token even when no merge leads to it
    const whole = BpeTokenizer.fromTiktoken(`${ranks.split('\n').slice(0, 256).join('\n')}\n${btoa('xyz')} 256\n`, { pattern: String.raw`\S+|\s+` });
    expect(whole.encode('xyz xyzxyz')).toEqual([256, 32, 120, 121, 122, 120, 121, 122]);
    expect(BpeTokenizer.fromTiktoken(`${ranks.split('\n').slice(0, 256).join('\n')}\n${btoa('xyz')} 256\n`, { pattern: 'none' }).encode('xyz')).toEqual([256]);
    expect(() => BpeTokenizer.fromTiktoken('YQ== 0\n', { pattern: 'none' })).toThrow('BpeTokenizer.fromTiktoken: the rank table has no token for byte 0x00, so byte fallback is impossible');
  });
});
