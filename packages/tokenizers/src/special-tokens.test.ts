import { describe, expect, it } from 'vitest';
import { SpecialTokenMatcher } from './special-tokens.js';
import type { EncodeOptions } from './tokenizer.js';

const matcher = new SpecialTokenMatcher(new Map([['<|endoftext|>', 100], ['<|end', 101], ['<pad>', 102]]));

function split(text: string, options?: EncodeOptions): (string | number)[] {
  const parts: (string | number)[] = [];
  matcher.split(text, options, 'encode', (t) => parts.push(t), (id) => parts.push(id));
  return parts;
}

describe('SpecialTokenMatcher', () => {
  it('passes text without special tokens through', () => {
    expect(split('plain text')).toEqual(['plain text']);
    expect(split('')).toEqual([]);
  });

  it('rejects any special token by default, naming it and its position', () => {
    expect(() => split('hello world <|endoftext|>')).toThrow("encode: disallowed special token '<|endoftext|>' found in input at position 12; pass { allowedSpecial: ['<|endoftext|>'] } to encode it as a special token, or { disallowedSpecial: [] } to encode it as ordinary text");
  });

  it('splits out allowed tokens, longest match first', () => {
    expect(split('a<|endoftext|>b<pad>', { allowedSpecial: 'all' })).toEqual(['a', 100, 'b', 102]);
    expect(split('<|end of it', { allowedSpecial: 'all' })).toEqual([101, ' of it']);
  });

  it('still rejects the disallowed ones among allowed ones', () => {
    expect(() => split('<pad><|endoftext|>', { allowedSpecial: ['<pad>'] })).toThrow("disallowed special token '<|endoftext|>' found in input at position 5");
  });

  it('treats tokens neither allowed nor disallowed as ordinary text', () => {
    expect(split('a<|endoftext|>b', { disallowedSpecial: [] })).toEqual(['a<|endoftext|>b']);
    expect(split('<pad>x<|endoftext|>', { allowedSpecial: ['<pad>'], disallowedSpecial: [] })).toEqual([102, 'x<|endoftext|>']);
  });

  it('gives each piece of text its position', () => {
    const offsets: number[] = [];
    matcher.split('ab<pad>cd', { allowedSpecial: 'all' }, 'encode', (_, at) => offsets.push(at), () => {});
    expect(offsets).toEqual([0, 7]);
  });

  it('matches tokens made of regex syntax literally', () => {
    const m = new SpecialTokenMatcher(new Map([['[fim-prefix]', 1], ['a.b*c?', 2], ['(x|y)/{z}', 3]]));
    const parts: (string | number)[] = [];
    m.split('[fim-prefix]a.b*c?_axbbc(x|y)/{z}', { allowedSpecial: 'all' }, 'encode', (t) => parts.push(t), (id) => parts.push(id));
    expect(parts).toEqual([1, 2, '_axbbc', 3]);
  });

  it('rejects names that are not special tokens', () => {
    expect(() => split('x', { allowedSpecial: ['<bos>'] })).toThrow("encode: '<bos>' in allowedSpecial is not a special token of this tokenizer (it has '<|endoftext|>', '<|end', '<pad>')");
  });
});
