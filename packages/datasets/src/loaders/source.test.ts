import { describe, expect, it } from 'vitest';
import { decodeUtf8, splitLines } from './source.js';

describe('text helpers', () => {
  it('split lines at LF and CRLF, without an empty last line', () => {
    expect(splitLines('a\r\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('a\n\nb')).toEqual(['a', '', 'b']);
    expect(splitLines('')).toEqual([]);
  });

  it('decode UTF-8, naming the line of the first bad byte', () => {
    expect(decodeUtf8(new TextEncoder().encode('zoë\n'), 'n.txt')).toBe('zoë\n');
    expect(() => decodeUtf8(Uint8Array.from([0x61, 0x0a, 0xc3]), 'n.txt')).toThrow('n.txt:2: the bytes are not valid UTF-8 text');
  });
});
