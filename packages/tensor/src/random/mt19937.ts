/**
 * The 32-bit Mersenne Twister (MT19937) as used by PyTorch's CPU generator.
 *
 * PyTorch's `at::mt19937` produces exactly the standard MT19937 output
 * sequence (the same as C++ `std::mt19937` and Python's `random` core). What
 * is PyTorch-specific is how a seed is accepted: `manual_seed` takes any
 * 64-bit value (negative Python ints are reinterpreted as two's complement),
 * remembers the full 64-bit value as the generator's `initial_seed`, but
 * initialises the twister from its **low 32 bits only**. So seeds `5`,
 * `2**32 + 5` and `-2**64 + 5`-style aliases all produce the same stream while
 * reporting different initial seeds.
 *
 * @module
 */

/**
 * Number of 32-bit words of twister state.
 *
 * @example
 * ```ts
 * new MT19937(1).state.length === MT_STATE_SIZE; // 624
 * ```
 */
export const MT_STATE_SIZE = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

const TWO_64 = 1n << 64n;
const MIN_SIGNED_64 = -(1n << 63n);

/**
 * Converts a seed to the unsigned 64-bit value PyTorch stores.
 *
 * Accepts integers in `[-2^63, 2^64 - 1]` as `number` or `bigint`; negative
 * values wrap to two's complement like `torch.Generator.manual_seed(-1)`
 * (which reports `initial_seed() == 2**64 - 1`).
 *
 * @example
 * ```ts
 * normalizeSeed(-1); // 18446744073709551615n
 * normalizeSeed(42); // 42n
 * ```
 */
export function normalizeSeed(seed: number | bigint): bigint {
  let s: bigint;
  if (typeof seed === 'number') {
    if (!Number.isInteger(seed)) {
      throw new RangeError(`manualSeed: expected an integer seed, got ${seed}`);
    }
    s = BigInt(seed);
  } else if (typeof seed === 'bigint') {
    s = seed;
  } else {
    throw new TypeError(`manualSeed: expected a number or bigint seed, got ${typeof seed}`);
  }
  if (s < MIN_SIGNED_64 || s >= TWO_64) {
    throw new RangeError(`manualSeed: expected a seed in [-2^63, 2^64 - 1], got ${s}`);
  }
  return s < 0n ? s + TWO_64 : s;
}

/**
 * MT19937 engine with PyTorch's seeding rule.
 *
 * @example
 * ```ts
 * const mt = new MT19937(5489);
 * mt.nextUint32(); // 3499211612, the reference first output
 * ```
 */
export class MT19937 {
  /** Twister state; regenerated in place every 624 outputs. */
  readonly state = new Uint32Array(MT_STATE_SIZE);
  /** Index of the next state word to temper; 624 means "regenerate first". */
  index = MT_STATE_SIZE;
  /** The full unsigned 64-bit seed, as `initial_seed()` reports it. */
  seed = 0n;

  /** Creates an engine seeded with `seed` (default 5489, the MT reference seed). */
  constructor(seed: number | bigint = 5489) {
    this.reseed(seed);
  }

  /**
   * Re-initialises the state from `seed`; only the low 32 bits feed the twister.
   *
   * @example
   * ```ts
   * new MT19937().reseed(2n ** 32n + 7n); // same stream as reseed(7)
   * ```
   */
  reseed(seed: number | bigint): this {
    this.seed = normalizeSeed(seed);
    const st = this.state;
    st[0] = Number(this.seed & 0xffffffffn);
    for (let j = 1; j < MT_STATE_SIZE; j++) {
      const prev = st[j - 1] ^ (st[j - 1] >>> 30);
      // Math.imul keeps the 32-bit wrap-around of the C multiplication.
      st[j] = (Math.imul(1812433253, prev) + j) >>> 0;
    }
    this.index = MT_STATE_SIZE;
    return this;
  }

  /**
   * Returns the next tempered 32-bit output as an unsigned integer.
   *
   * @example
   * ```ts
   * const x = new MT19937(0).nextUint32(); // 2357136044
   * ```
   */
  nextUint32(): number {
    if (this.index >= MT_STATE_SIZE) this.twist();
    let y = this.state[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** Regenerates all 624 words (the standard MT19937 recurrence). */
  private twist(): void {
    const st = this.state;
    const n = MT_STATE_SIZE;
    let k = 0;
    for (; k < n - M; k++) {
      const y = (st[k] & UPPER_MASK) | (st[k + 1] & LOWER_MASK);
      st[k] = st[k + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; k < n - 1; k++) {
      const y = (st[k] & UPPER_MASK) | (st[k + 1] & LOWER_MASK);
      st[k] = st[k + M - n] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (st[n - 1] & UPPER_MASK) | (st[0] & LOWER_MASK);
    st[n - 1] = st[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.index = 0;
  }
}
