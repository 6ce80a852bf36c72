/**
 * A non-fatal UTF-8 decoder that keeps a leading byte-order mark: invalid or cut-off sequences become U+FFFD,
 * as in tiktoken's `decode`. (TextDecoder drops a leading U+FEFF unless told not to, which would break the
 * round trip of text that starts with one.)
 */
export function utf8Decoder(): TextDecoder {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
}

const sharedEncoder = new TextEncoder();

/**
 * The UTF-8 bytes of `text`; a lone surrogate becomes EF BF BD, the bytes of U+FFFD.
 * @example utf8Bytes('é') // Uint8Array [0xc3, 0xa9]
 */
export function utf8Bytes(text: string): Uint8Array {
  return sharedEncoder.encode(text);
}

/**
 * Writes the UTF-8 bytes of `text[start..end)` into `out` (which must hold `3 * (end - start)` values) and
 * returns how many. A lone surrogate becomes EF BF BD. Hand-written because the hot loop of encoding calls it for
 * every new chunk and writes straight into the symbol buffer.
 * @example utf8Into('hé', 0, 2, buf) // 3; buf starts [0x68, 0xc3, 0xa9]
 */
export function utf8Into(text: string, start: number, end: number, out: Int32Array): number {
  let n = 0;
  const len = end;
  for (let i = start; i < len; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[n++] = c;
    } else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < len ? text.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          out[n++] = 0xf0 | (c >> 18);
          out[n++] = 0x80 | ((c >> 12) & 0x3f);
          out[n++] = 0x80 | ((c >> 6) & 0x3f);
          out[n++] = 0x80 | (c & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 0x3f);
      out[n++] = 0x80 | (c & 0x3f);
    }
  }
  return n;
}

/**
 * The text of `bytes[start..end)` if they are well-formed UTF-8 (no overlong forms, surrogates, code points past
 * U+10FFFF or cut-off sequences), else null. Decodes by hand: loading an encoding checks every token this way,
 * and a TextDecoder call per token is several times slower.
 * @example strictUtf8(Uint8Array.of(0xc3, 0xa9), 0, 2) // 'é'
 * @example strictUtf8(Uint8Array.of(0xc3), 0, 1)       // null
 */
export function strictUtf8(bytes: Uint8Array, start: number, end: number): string | null {
  let text = '';
  let i = start;
  while (i < end) {
    const b = bytes[i];
    if (b < 0x80) {
      text += String.fromCharCode(b);
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0x0f; if (b === 0xe0) lo = 0xa0; if (b === 0xed) hi = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 0x07; if (b === 0xf0) lo = 0x90; if (b === 0xf4) hi = 0x8f; }
    else return null;
    if (i + need >= end) return null;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return null;
      cp = (cp << 6) | (c & 0x3f);
    }
    text += String.fromCodePoint(cp);
    i += need + 1;
  }
  return text;
}

/**
 * Bytes as a string of code units 0–255: a compact Map key for a byte sequence.
 * @example latin1Key(new Uint8Array([104, 105])) // 'hi'
 */
export function latin1Key(bytes: Uint8Array): string {
  let key = '';
  for (let i = 0; i < bytes.length; i++) key += String.fromCharCode(bytes[i]);
  return key;
}
