import type { EncodeOptions, SpecialTokenSet } from './tokenizer.js';

/** Escapes a literal string for use in a 'u' regular expression (which rejects escapes of other characters). */
function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** A regex matching any of `tokens`, longest first, so that '<|end|>' wins over '<|e' at the same position. */
function alternation(tokens: Iterable<string>): RegExp {
  const sorted = [...tokens].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
  return new RegExp(sorted.map(escapeRegExp).join('|'), 'gu');
}

/**
 * Finds special-token text in input and applies the allowed/disallowed policy of `EncodeOptions`.
 * Matching is leftmost, then longest. One matcher belongs to one tokenizer; it caches the regex for the default
 * policy, which rejects every special token.
 * @example
 * const m = new SpecialTokenMatcher(new Map([['<eos>', 3]]));
 * m.split('a<eos>b', { allowedSpecial: 'all' }, 'encode', (t) => parts.push(t), (id) => parts.push(id)); // 'a', 3, 'b'
 */
export class SpecialTokenMatcher {
  private readonly all: RegExp | null;

  constructor(private readonly specials: ReadonlyMap<string, number>) {
    this.all = specials.size > 0 ? alternation(specials.keys()) : null;
  }

  /**
   * Splits `text` into ordinary text (passed to `onText` with its string index, never empty) and allowed special tokens (their ids
   * passed to `onSpecial`), throwing on a disallowed one.
   */
  split(text: string, options: EncodeOptions | undefined, op: string, onText: (text: string, offset: number) => void, onSpecial: (id: number) => void): void {
    if (this.all === null) {
      if (text.length > 0) onText(text, 0);
      return;
    }
    const allowed = this.resolve(options?.allowedSpecial ?? [], op, 'allowedSpecial');
    const disallowedOption = options?.disallowedSpecial ?? 'all';
    const disallowed = disallowedOption === 'all'
      ? new Set([...this.specials.keys()].filter((t) => !allowed.has(t)))
      : this.resolve(disallowedOption, op, 'disallowedSpecial');
    const recognised = allowed.size + disallowed.size === 0 ? null
      : allowed.size === this.specials.size || disallowed.size === this.specials.size ? this.all
        : alternation(new Set([...allowed, ...disallowed]));
    if (recognised === null) {
      if (text.length > 0) onText(text, 0);
      return;
    }
    recognised.lastIndex = 0;
    let start = 0;
    for (let m = recognised.exec(text); m !== null; m = recognised.exec(text)) {
      const token = m[0];
      if (disallowed.has(token)) {
        throw new Error(`${op}: disallowed special token '${token}' found in input at position ${m.index}; `
          + `pass { allowedSpecial: ['${token}'] } to encode it as a special token, or { disallowedSpecial: [] } to encode it as ordinary text`);
      }
      if (m.index > start) onText(text.slice(start, m.index), start);
      onSpecial(this.specials.get(token)!);
      start = m.index + token.length;
    }
    if (start < text.length) onText(start === 0 ? text : text.slice(start), start);
  }

  private resolve(set: SpecialTokenSet, op: string, name: string): ReadonlySet<string> {
    if (set === 'all') return new Set(this.specials.keys());
    const out = set instanceof Set ? set : new Set(set as readonly string[]);
    for (const token of out) {
      if (!this.specials.has(token)) throw new Error(`${op}: '${token}' in ${name} is not a special token of this tokenizer (it has ${[...this.specials.keys()].map((t) => `'${t}'`).join(', ') || 'none'})`);
    }
    return out;
  }
}
