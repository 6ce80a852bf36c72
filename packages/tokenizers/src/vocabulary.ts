/**
 * A list of distinct tokens and its inverse: token ↔ id for the character and word tokenizers.
 * @example
 * const v = new Vocabulary(['<pad>', 'a', 'b']);
 * v.id('b')    // 2
 * v.token(1)   // 'a'
 */
export class Vocabulary {
  /** Tokens in id order. */
  readonly tokens: readonly string[];
  private readonly ids = new Map<string, number>();

  constructor(tokens: readonly string[], op = 'Vocabulary') {
    this.tokens = [...tokens];
    this.tokens.forEach((token, id) => {
      const earlier = this.ids.get(token);
      if (earlier !== undefined) throw new Error(`${op}: token ${JSON.stringify(token)} appears twice in the vocabulary (ids ${earlier} and ${id})`);
      this.ids.set(token, id);
    });
  }

  /** How many tokens. */
  get size(): number {
    return this.tokens.length;
  }

  /** The id of `token`, or undefined. */
  id(token: string): number | undefined {
    return this.ids.get(token);
  }

  /** The token with id `id`, or undefined. */
  token(id: number): string | undefined {
    return Number.isInteger(id) && id >= 0 && id < this.tokens.length ? this.tokens[id] : undefined;
  }

  /** The token with id `id`, or an error naming the op and the valid range. */
  tokenOrThrow(id: number, op: string): string {
    const token = this.token(id);
    if (token === undefined) throw new RangeError(`${op}: id ${id} is out of range for a vocabulary of ${this.tokens.length} tokens (ids 0..${this.tokens.length - 1})`);
    return token;
  }
}
