/**
 * Python's `random` module generator (CPython's `_random.Random`): the MT19937 Mersenne Twister seeded with
 * `init_by_array`, `getrandbits`, `_randbelow` and `shuffle` as CPython 3 implements them. The lectures shuffle
 * their words with `random.seed(42); random.shuffle(words)`; this class gives the same order, so the same
 * train/dev/test split.
 *
 * This is not PyTorch's generator (that one seeds the same twister with `init_genrand`); for tensors use
 * `Generator` from `@typegrad/tensor`.
 */

import { MT19937 } from '@typegrad/tensor';

const N = 624;

/**
 * A generator that reproduces Python's `random.Random(seed)` for integer seeds.
 * @example
 * const rng = new PythonRandom(42);
 * rng.random();              // 0.6394267984578837, as random.seed(42); random.random()
 * rng.shuffle(['a', 'b', 'c']); // the order random.shuffle gives after the same calls
 */
export class PythonRandom {
  // the same twister as PyTorch's generator; only the seeding (init_by_array) is Python's own
  private readonly engine = new MT19937();

  /** Seeds as `random.seed(seed)` does for an int (its absolute value, as 32-bit words, through `init_by_array`). */
  constructor(seed: number | bigint) {
    this.seed(seed);
  }

  /**
   * Re-seeds, as `random.seed(seed)` for an integer seed.
   * @example new PythonRandom(0).seed(42) // the same state as new PythonRandom(42)
   */
  seed(seed: number | bigint): this {
    if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
      throw new TypeError(`PythonRandom: the seed must be an integer (a safe integer or a bigint), got ${seed}`);
    }
    let rest = BigInt(seed);
    if (rest < 0n) rest = -rest;
    const key: number[] = [];
    do {
      key.push(Number(rest & 0xffffffffn));
      rest >>= 32n;
    } while (rest > 0n);
    this.initByArray(key);
    return this;
  }

  /**
   * The next 32-bit output of the twister (`genrand_uint32`).
   * @example new PythonRandom(42).nextUint32()
   */
  nextUint32(): number {
    return this.engine.nextUint32();
  }

  /**
   * A float in [0, 1) with 53 random bits, as `random.random()`.
   * @example new PythonRandom(42).random() // 0.6394267984578837
   */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /**
   * An integer of `k` random bits (1 ≤ k ≤ 32), as `random.getrandbits(k)` for such k.
   * @example new PythonRandom(42).getrandbits(8)
   */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 1 || k > 32) throw new RangeError(`PythonRandom.getrandbits: k must be an integer in [1, 32], got ${k}`);
    return this.nextUint32() >>> (32 - k);
  }

  /**
   * An integer uniform in [0, n), as CPython's `_randbelow_with_getrandbits`: draw bit_length(n) bits and
   * reject values ≥ n.
   * @example new PythonRandom(42).randbelow(10)
   */
  randbelow(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n >= 2 ** 32) throw new RangeError(`PythonRandom.randbelow: n must be an integer in [1, 2^32), got ${n}`);
    const k = 32 - Math.clz32(n); // n.bit_length()
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /**
   * Shuffles `items` in place and returns it, as `random.shuffle(items)`: for i from the last index down to 1,
   * swap item i with item randbelow(i + 1).
   * @example
   * const words = ['emma', 'olivia', 'ava'];
   * new PythonRandom(42).shuffle(words); // as random.seed(42); random.shuffle(words)
   */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  private initByArray(key: number[]): void {
    // init_genrand(19650218) is the twister's plain seeding, then the key is mixed in
    const mt = this.engine.reseed(19650218).state;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1664525)) + key[j] + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = ((mt[i] ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1];
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.engine.index = N;
  }
}
