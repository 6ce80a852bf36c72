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
 * pre-tokenisation (merges may then span words, as in minbpe's BasicTokenizer). A source given in code is
 * compiled as given: it is your regex, and one with nested quantifiers such as `(a+)+$` takes time exponential in
 * the text's length (ReDoS). Files are not trusted that way: see `FromJSONOptions.allowCustomPattern`.
 * @example { pattern: 'gpt4' }
 */
export type SplitPattern = 'gpt2' | 'gpt4' | 'cl100k' | 'o200k' | 'none' | (string & {});

/**
 * The pattern names a tokenizer file may give instead of a regex source, as in code.
 * @example PATTERN_NAMES.includes('o200k') // true
 */
export const PATTERN_NAMES: readonly string[] = ['gpt2', 'gpt4', 'cl100k', 'o200k', 'none'];

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

/**
 * Options for reading a BPE tokenizer from a file (`BpeTokenizer.fromJSON`, `tokenizerFromJSON`).
 * @example BpeTokenizer.fromJSON(text, { allowCustomPattern: true }) // only for a file you trust
 */
export interface FromJSONOptions {
  /**
   * Compile a pre-tokenisation pattern that is not one of the known ones (GPT-2's, GPT-4's / cl100k's, o200k's
   * or none). Default false. A regex from a file is code from whoever wrote the file: one such as `(a+)+$` takes
   * time exponential in the length of the text it is run on (ReDoS), so encoding could hang. Turn this on only
   * for files you trust as you trust your own code.
   */
  allowCustomPattern?: boolean;
}

/**
 * The pattern a tokenizer file declares, as a regex source or null for none. A file may give null, a name
 * ('gpt2', 'gpt4', 'cl100k', 'o200k', 'none') or the source of a known pattern; any other source is refused
 * unless `allowCustomPattern` is set, since a regex can be made to take exponential time.
 * @example patternFromFile('gpt4', {}, 'load') === GPT4_PATTERN
 * @example patternFromFile('(a+)+$', {}, 'load') // throws: not a known pattern
 */
export function patternFromFile(pattern: unknown, options: FromJSONOptions, op: string): string | null {
  if (pattern === null) return null;
  if (typeof pattern !== 'string') throw new Error(`${op}: field 'pattern' must be a string or null`);
  if (PATTERN_NAMES.includes(pattern)) return patternSource(pattern);
  if (pattern === GPT2_PATTERN || pattern === GPT4_PATTERN || pattern === O200K_PATTERN) return pattern;
  if (options.allowCustomPattern === true) return pattern; // the caller vouches for it; the tokenizer still compiles it with a clear error
  const shown = JSON.stringify(pattern.length > 60 ? `${pattern.slice(0, 60)}…` : pattern);
  throw new Error(`${op}: the file's pattern ${shown} is not one of the known split patterns (GPT-2's, GPT-4's / cl100k's, o200k's, `
    + `or none; by name: ${PATTERN_NAMES.map((n) => `'${n}'`).join(', ')}). A regular expression from a file can take exponential time `
    + 'on some texts (ReDoS), so a custom one is refused; if you trust this file, pass { allowCustomPattern: true } to '
    + 'BpeTokenizer.fromJSON or tokenizerFromJSON');
}
