/** Text as the loaders see it: UTF-8 bytes decoded with the line of any bad byte, and lines split. */
import { DataFormatError } from '../errors.js';

/**
 * Decodes UTF-8 (dropping a leading byte-order mark); invalid bytes are a DataFormatError at their line.
 * @example decodeUtf8(new TextEncoder().encode('emma\nava'), 'names.txt') // 'emma\nava'
 */
export function decodeUtf8(bytes: Uint8Array, source: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // find the line: decode line by line until one fails
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        throw new DataFormatError({ source, line, message: 'the bytes are not valid UTF-8 text' });
      }
      line++;
      start = i + 1;
    }
    throw new DataFormatError({ source, line: 1, message: 'the bytes are not valid UTF-8 text' });
  }
}

/**
 * The lines of a text: split at `\n` or `\r\n`; a final newline does not start another line.
 * @example splitLines('a\r\nb\n') // ['a', 'b']
 */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
