import { SpecialTokenMatcher } from '../special-tokens.js';

/**
 * The chunks training learns from: each document with lone surrogates made U+FFFD (as encoding does), the text of
 * special tokens cut out (they are never split, so nothing is learned from them), and the rest cut by the
 * pre-tokenisation pattern (or left whole when there is none).
 * @example [...trainingChunks(['hi there<eos>'], /\S+|\s+/gu, ['<eos>'])] // ['hi', ' ', 'there']
 */
export function* trainingChunks(docs: Iterable<string>, pattern: RegExp | null, specialTokens: readonly string[]): Generator<string> {
  const cutter = new SpecialTokenMatcher(new Map(specialTokens.map((t, i) => [t, i])));
  for (const doc of docs) {
    const parts: string[] = [];
    cutter.split(doc.toWellFormed(), { allowedSpecial: 'all' }, 'BpeTokenizer.train', (part) => parts.push(part), () => {});
    for (const part of parts) {
      if (pattern === null) {
        yield part;
        continue;
      }
      pattern.lastIndex = 0;
      for (let m = pattern.exec(part); m !== null; m = pattern.exec(part)) {
        if (m[0].length === 0) pattern.lastIndex++; // an empty match must still move on
        else yield m[0];
      }
    }
  }
}
