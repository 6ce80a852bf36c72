import fc from 'fast-check';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import { expect, it } from 'vitest';
import type { BpeTokenizer } from '../bpe/bpe-tokenizer.js';
import { openaiEncoding, type OpenAIEncodingName } from '../bpe/openai-encodings.js';
import { fixture, unicodeText } from './fixtures.js';

/** Source code, emoji and white-space runs: the inputs where pre-tokenisation patterns differ most. */
export const TRICKY_TEXTS = [
  'function add(a: number, b: number): number {\n\treturn a + b; // sum\n}\n\nconst xs = [1, 2, 3].map((x) => x ** 2);\n',
  'def f(x):\n    if x > 10_000:\n        return {"k": x}\n    return None\n\n\n# done',
  'int main(void) { printf("%d\\n", 12345678); return 0; }\r\n',
  '👍👍🏽 👨‍👩‍👧‍👦 🇫🇷🇯🇵 ❤️‍🔥 😀😀😀 🙂x🙃 ☃︎ ✌🏿',
  ' '.repeat(1000),
  'a' + ' '.repeat(37) + 'b\t\t\t\n\n\n   \n\t x  \n',
  '\n\n\n\r\n\r\n  \u00a0\u2003 \u3000 end   ',
  "I'll've DON'T it's WE'RE they'D 'tis O'Neil's",
  'ÉCOLE école ÀLA CamelCaseWord HTTPServer iPhone XMLHttpRequest',
  '1234567890 3.14159 -42 1,000,000 ٣٤٥ ①②③ 0x1F',
  'https://example.com/path/to/page?q=a+b&x=1#frag //comment /* block */',
  '<|endoftext|> looks special but is text here',
  '\uFEFFbom at start',
  '',
];

/** Checks that `name` from our loader gives exactly js-tiktoken's ids on the multilingual corpus and more. */
export function compareWithJsTiktoken(name: OpenAIEncodingName, ranks: TiktokenBPE): void {
  let ours: BpeTokenizer;
  let theirs: Tiktoken;
  const udhr = fixture('multilingual/udhr-26lang.txt');

  it(`loads ${name}`, () => {
    ours = openaiEncoding(name, ranks);
    theirs = new Tiktoken(ranks);
    expect(ours.name).toBe(name);
    expect(ours.pattern).toBe(ranks.pat_str);
    expect(Object.fromEntries(ours.specialTokens)).toEqual(ranks.special_tokens);
  });

  it(`${name}: the same ids as js-tiktoken on the 26-language declaration (${(udhr.length / 1000).toFixed(0)}k characters)`, () => {
    expect(udhr.length).toBeGreaterThan(100_000);
    const expected = theirs.encode(udhr);
    const actual = ours.encode(udhr);
    expect(actual.length).toBe(expected.length);
    expect(actual).toEqual(expected);
    expect(ours.decode(actual)).toBe(udhr);
  });

  it(`${name}: the same ids on code, emoji and white-space runs`, () => {
    for (const text of TRICKY_TEXTS) expect(ours.encode(text, { disallowedSpecial: [] }), JSON.stringify(text)).toEqual(theirs.encode(text, [], []));
  });

  it(`${name}: the same ids with special tokens allowed`, () => {
    const text = 'start<|endoftext|>middle<|endofprompt|>end<|endoftext|>';
    expect(ours.encode(text, { allowedSpecial: 'all' })).toEqual(theirs.encode(text, 'all'));
  });

  it(`${name}: the same ids on random Unicode, lone surrogates included`, () => {
    fc.assert(fc.property(unicodeText(50), (text) => {
      expect(ours.encode(text, { disallowedSpecial: [] })).toEqual(theirs.encode(text, [], []));
    }), { numRuns: 300 });
  });
}
