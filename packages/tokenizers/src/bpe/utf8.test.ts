import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unicodeText } from '../testing/fixtures.js';
import { latin1Key, strictUtf8, utf8Bytes, utf8Decoder, utf8Into } from './utf8.js';

describe('utf8Into', () => {
  it('writes the bytes TextEncoder writes, lone surrogates as EF BF BD', () => {
    fc.assert(fc.property(unicodeText(), (text) => {
      const out = new Int32Array(text.length * 3 + 3);
      const n = utf8Into(text, 0, text.length, out);
      expect(Array.from(out.subarray(0, n))).toEqual(Array.from(utf8Bytes(text)));
    }), { numRuns: 500 });
    const out = new Int32Array(9);
    expect(Array.from(out.subarray(0, utf8Into('a\uD800b', 0, 3, out)))).toEqual([0x61, 0xef, 0xbf, 0xbd, 0x62]);
    expect(Array.from(out.subarray(0, utf8Into('x😀', 1, 3, out)))).toEqual([0xf0, 0x9f, 0x98, 0x80]);
  });
});

describe('strictUtf8', () => {
  it('decodes well-formed bytes and rejects the rest', () => {
    expect(strictUtf8(Uint8Array.of(0x68, 0xc3, 0xa9), 0, 3)).toBe('hé');
    expect(strictUtf8(Uint8Array.of(0xf0, 0x9f, 0x98, 0x80), 0, 4)).toBe('😀');
    expect(strictUtf8(Uint8Array.of(0xc3), 0, 1)).toBeNull(); // cut off
    expect(strictUtf8(Uint8Array.of(0xc0, 0x80), 0, 2)).toBeNull(); // overlong
    expect(strictUtf8(Uint8Array.of(0xed, 0xa0, 0x80), 0, 3)).toBeNull(); // a surrogate
    expect(strictUtf8(Uint8Array.of(0xf4, 0x90, 0x80, 0x80), 0, 4)).toBeNull(); // past U+10FFFF
    expect(strictUtf8(Uint8Array.of(0x80), 0, 1)).toBeNull();
  });

  it('agrees with a fatal TextDecoder on random bytes', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 12 }), (bytes) => {
      let expected: string | null;
      try { expected = fatal.decode(bytes); } catch { expected = null; }
      expect(strictUtf8(bytes, 0, bytes.length)).toBe(expected);
    }), { numRuns: 2000 });
  });
});

describe('utf8Decoder', () => {
  it('keeps a leading byte-order mark and replaces broken sequences with U+FFFD', () => {
    expect(utf8Decoder().decode(utf8Bytes('\uFEFFhi'))).toBe('\uFEFFhi');
    expect(utf8Decoder().decode(Uint8Array.of(0x61, 0xe2, 0x82))).toBe('a\uFFFD');
  });
});

describe('latin1Key', () => {
  it('maps each byte to one character', () => {
    expect(latin1Key(Uint8Array.of(104, 105, 255))).toBe('hi\u00ff');
  });
});
