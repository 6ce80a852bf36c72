/**
 * Orders strings by code point, as Python's `sorted` does. JavaScript's `<` compares UTF-16 units, which puts
 * U+10000 and above (stored as surrogates 0xD800–0xDFFF) before U+E000–U+FFFF.
 * @example ['\uFF01', '\u{1F600}'].sort(compareCodePoints) // ['\uFF01', '\u{1F600}']
 */
export function compareCodePoints(a: string, b: string): number {
  // equal prefixes advance both strings by the same number of units, so one index serves both
  let i = 0;
  while (i < a.length && i < b.length) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
  }
  return (a.length - i) - (b.length - i);
}

/**
 * A readable name for one character in an error message: the character itself and its code point.
 * @example describeChar('é') // "'é' (U+00E9)"
 */
export function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const printable = /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(ch);
  return `${printable ? `'${ch}' ` : ''}(U+${cp.toString(16).toUpperCase().padStart(4, '0')})`;
}
