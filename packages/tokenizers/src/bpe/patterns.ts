/**
 * Pre-tokenisation patterns: text is cut into chunks by one of these regexes before merges, so merges never
 * cross a chunk boundary (a word and the punctuation after it stay apart). They are the JavaScript forms that
 * js-tiktoken runs, which give the same chunks as OpenAI's patterns: JavaScript has no possessive quantifiers or
 * inline `(?i)`, so those are rewritten without changing what matches. Each is used with the 'u' and 'g' flags.
 */

/**
 * GPT-2's pattern (r50k_base, p50k_base): contractions, letters, numbers and other runs, each with one leading space.
 * @example "it's 42!".match(new RegExp(GPT2_PATTERN, 'gu')) // ['it', "'s", ' 42', '!']
 */
export const GPT2_PATTERN = String.raw`'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`;

/**
 * GPT-4's pattern (cl100k_base): case-insensitive contractions, numbers in groups of at most three digits, newlines kept apart.
 * @example 'IT\'S 12345'.match(new RegExp(GPT4_PATTERN, 'gu')) // ['IT', "'S", ' ', '123', '45']
 */
export const GPT4_PATTERN = String.raw`('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`;

const CONTRACTIONS = `('s|'S|'t|'T|'re|'rE|'Re|'RE|'ve|'vE|'Ve|'VE|'m|'M|'ll|'lL|'Ll|'LL|'d|'D)`;

/**
 * GPT-4o's pattern (o200k_base): words split at case changes, contractions attached to the word before.
 * @example "HTTPServer it's".match(new RegExp(O200K_PATTERN, 'gu')) // ['HTTPServer', " it's"]
 */
export const O200K_PATTERN = [
  String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+${CONTRACTIONS}?`,
  String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*${CONTRACTIONS}?`,
  String.raw`\p{N}{1,3}`,
  String.raw` ?[^\s\p{L}\p{N}]+[\r\n/]*`,
  String.raw`\s*[\r\n]+`,
  String.raw`\s+(?!\S)`,
  String.raw`\s+`,
].join('|');

/**
 * A pattern by name ('gpt2', 'gpt4' — the same as 'cl100k' —, 'o200k'), a regex source, or 'none' for no
 * pre-tokenisation (merges may then span words, as in minbpe's BasicTokenizer).
 * @example { pattern: 'gpt4' }
 */
export type SplitPattern = 'gpt2' | 'gpt4' | 'cl100k' | 'o200k' | 'none' | (string & {});

/**
 * The regex source for a pattern name or source, or null for 'none'.
 * @example patternSource('gpt2') === GPT2_PATTERN
 */
export function patternSource(pattern: SplitPattern | null): string | null {
  switch (pattern) {
    case null:
    case 'none': return null;
    case 'gpt2': return GPT2_PATTERN;
    case 'gpt4':
    case 'cl100k': return GPT4_PATTERN;
    case 'o200k': return O200K_PATTERN;
    default: return pattern;
  }
}

/**
 * Compiles a pattern source with the flags chunking needs, with a clear error for a bad one.
 * @example compilePattern(GPT2_PATTERN).flags // 'gu'
 */
export function compilePattern(source: string, op = 'BpeTokenizer'): RegExp {
  try {
    return new RegExp(source, 'gu');
  } catch (err) {
    throw new Error(`${op}: invalid pre-tokenisation pattern ${JSON.stringify(source)}: ${(err as Error).message}`);
  }
}
