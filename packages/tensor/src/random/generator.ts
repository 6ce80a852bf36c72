/**
 * A seedable random generator equivalent to PyTorch's CPU `torch.Generator`.
 *
 * @module
 */
import { fma64 } from './floatmath.js';
import { MT19937, MT_STATE_SIZE, normalizeSeed } from './mt19937.js';

/**
 * PyTorch's default CPU seed (`default_rng_seed_val`).
 *
 * @example
 * ```ts
 * new Generator().initialSeed() === DEFAULT_SEED; // true
 * ```
 */
export const DEFAULT_SEED = 67280421310721n;

const TWO_POW_M24 = 2 ** -24;
const TWO_POW_M53 = 2 ** -53;
const TWO_PI = 2 * Math.PI;

/**
 * A copyable snapshot of a {@link Generator}: twister words, read position and
 * the cached Box-Muller samples. Treat it as opaque; it is plain data, so
 * `structuredClone` works on it.
 *
 * @example
 * ```ts
 * const s = g.getState();
 * const a = g.random();
 * g.setState(s);
 * g.random() === a; // true
 * ```
 */
export interface GeneratorState {
  /** The unsigned 64-bit seed reported by `initialSeed()`. */
  readonly initialSeed: bigint;
  /** The 624 twister words. */
  readonly words: Uint32Array;
  /** Read position within `words` (624 = regenerate before the next draw). */
  readonly index: number;
  /** Cached second Box-Muller sample of `normal_distribution<double>`, if any. */
  readonly nextDoubleNormal: number | null;
  /** Cached second Box-Muller sample of `normal_distribution<float>`, if any. */
  readonly nextFloatNormal: number | null;
}

/**
 * PyTorch-compatible CPU random generator (`at::CPUGeneratorImpl`).
 *
 * The same seed yields the same `random()` / `random64()` stream as
 * `torch.Generator().manual_seed(seed)`, and the fill functions in
 * `distributions.ts` turn it into the same tensors PyTorch 1.13 produces.
 *
 * @example
 * ```ts
 * const g = new Generator().manualSeed(2147483647);
 * g.uniformFloat(); // 0.7081288695335388, like torch.rand(1, generator=g)
 * ```
 */
export class Generator {
  private readonly mt: MT19937;
  private nextDouble: number | null = null;
  private nextFloat: number | null = null;

  /** Creates a generator seeded with `seed` (PyTorch's default seed if omitted). */
  constructor(seed: number | bigint = DEFAULT_SEED) {
    this.mt = new MT19937(seed);
  }

  /**
   * Seeds the generator like `torch.Generator.manual_seed` and clears cached
   * normal samples. Seeds `>= 2^32` are kept for `initialSeed()` but only
   * their low 32 bits drive the stream.
   *
   * @example
   * ```ts
   * const g = new Generator().manualSeed(42);
   * ```
   */
  manualSeed(seed: number | bigint): this {
    this.mt.reseed(seed);
    this.nextDouble = null;
    this.nextFloat = null;
    return this;
  }

  /**
   * Returns the seed last set, as an unsigned 64-bit bigint.
   *
   * @example
   * ```ts
   * new Generator().manualSeed(-1).initialSeed(); // 18446744073709551615n
   * ```
   */
  initialSeed(): bigint {
    return this.mt.seed;
  }

  /**
   * Reseeds from a nondeterministic 64-bit value (via `crypto.getRandomValues`)
   * and returns that seed, like `torch.Generator.seed()`.
   *
   * @example
   * ```ts
   * const s = new Generator().seed(); // e.g. 3722304989716350260n
   * ```
   */
  seed(): bigint {
    const w = new Uint32Array(2);
    globalThis.crypto.getRandomValues(w);
    const s = (BigInt(w[0]) << 32n) | BigInt(w[1]);
    this.manualSeed(s);
    return s;
  }

  /**
   * Returns an independent snapshot of the full state.
   *
   * @example
   * ```ts
   * const snap = g.getState();
   * ```
   */
  getState(): GeneratorState {
    return {
      initialSeed: this.mt.seed,
      words: this.mt.state.slice(),
      index: this.mt.index,
      nextDoubleNormal: this.nextDouble,
      nextFloatNormal: this.nextFloat,
    };
  }

  /**
   * Restores a snapshot taken with {@link Generator.getState} (the snapshot is copied).
   *
   * @example
   * ```ts
   * g.setState(snap);
   * ```
   */
  setState(state: GeneratorState): this {
    if (!(state.words instanceof Uint32Array) || state.words.length !== MT_STATE_SIZE) {
      throw new TypeError(`setState: expected words to be a Uint32Array of length ${MT_STATE_SIZE}`);
    }
    if (!Number.isInteger(state.index) || state.index < 0 || state.index > MT_STATE_SIZE) {
      throw new RangeError(`setState: expected index in [0, ${MT_STATE_SIZE}], got ${state.index}`);
    }
    this.mt.seed = normalizeSeed(state.initialSeed);
    this.mt.state.set(state.words);
    this.mt.index = state.index;
    this.nextDouble = state.nextDoubleNormal;
    this.nextFloat = state.nextFloatNormal;
    return this;
  }

  /**
   * Returns a new generator with a copy of this one's state.
   *
   * @example
   * ```ts
   * const h = g.clone(); // h and g now produce the same stream independently
   * ```
   */
  clone(): Generator {
    return new Generator().setState(this.getState());
  }

  /**
   * Draws one raw 32-bit output (`CPUGeneratorImpl::random`), as an unsigned integer.
   *
   * @example
   * ```ts
   * new Generator().manualSeed(0).random(); // 2357136044
   * ```
   */
  random(): number {
    return this.mt.nextUint32();
  }

  /**
   * Draws a raw 64-bit value (`random64`): the first 32-bit draw is the high half.
   *
   * @example
   * ```ts
   * new Generator().manualSeed(0).random64(); // 10123822223749065263n
   * ```
   */
  random64(): bigint {
    const hi = this.mt.nextUint32();
    return (BigInt(hi) << 32n) | BigInt(this.mt.nextUint32());
  }

  /**
   * Uniform float in [0, 1) as `uniform_real_distribution<float>`: 24 low bits
   * of one 32-bit draw, so the result is exactly representable in float32.
   *
   * @example
   * ```ts
   * const x = g.uniformFloat();
   * ```
   */
  uniformFloat(): number {
    return (this.mt.nextUint32() & 0xffffff) * TWO_POW_M24;
  }

  /**
   * Uniform double in [0, 1) as `uniform_real_distribution<double>`: the 53
   * low bits of one `random64()` draw (two 32-bit draws).
   *
   * @example
   * ```ts
   * const x = g.uniformDouble();
   * ```
   */
  uniformDouble(): number {
    const hi = this.mt.nextUint32() & 0x1fffff;
    const lo = this.mt.nextUint32();
    return (hi * 4294967296 + lo) * TWO_POW_M53;
  }

  /**
   * One sample of `normal_distribution<double>(mean, std)`: Box-Muller on two
   * uniform doubles; the sine half is cached and returned by the next call.
   * This is what `normal_` uses for tensors of fewer than 16 elements.
   *
   * @example
   * ```ts
   * const z = g.normalDouble(); // torch.randn(1, dtype=torch.float64, generator=g)
   * ```
   */
  normalDouble(mean = 0, std = 1): number {
    let z: number;
    if (this.nextDouble !== null) {
      z = this.nextDouble;
      this.nextDouble = null;
    } else {
      const u1 = this.uniformDouble();
      const u2 = this.uniformDouble();
      // 1 - u2 is exact for a 53-bit u2, so log never sees 0.
      const r = Math.sqrt(-2 * Math.log(1 - u2));
      const theta = TWO_PI * u1;
      this.nextDouble = r * Math.sin(theta);
      z = r * Math.cos(theta);
    }
    // PyTorch's compiled kernel fuses `z * std + mean` into one FMA.
    return std === 1 ? z + mean : fma64(z, std, mean);
  }

  /**
   * The cached second sample of `normal_distribution<double>`
   * (`next_double_normal_sample`), or null; assignable.
   *
   * @example
   * ```ts
   * g.normalDouble(); g.nextDoubleNormalSample; // the cached sine half
   * ```
   */
  get nextDoubleNormalSample(): number | null {
    return this.nextDouble;
  }

  set nextDoubleNormalSample(value: number | null) {
    this.nextDouble = value;
  }

  /**
   * The cached float normal sample (`next_float_normal_sample`), or null;
   * assignable (stored rounded to float32). No kernel reproduced here fills
   * it, but it is part of PyTorch's state.
   *
   * @example
   * ```ts
   * g.nextFloatNormalSample = 0.5;
   * ```
   */
  get nextFloatNormalSample(): number | null {
    return this.nextFloat;
  }

  set nextFloatNormalSample(value: number | null) {
    this.nextFloat = value === null ? null : Math.fround(value);
  }
}

/**
 * The process-wide generator used when none is passed, seeded with PyTorch's
 * default CPU seed 67280421310721.
 *
 * @example
 * ```ts
 * defaultGenerator.random();
 * ```
 */
export const defaultGenerator = new Generator(DEFAULT_SEED);

/**
 * Seeds {@link defaultGenerator} like `torch.manual_seed(seed)` and returns it.
 *
 * @example
 * ```ts
 * manualSeed(2147483647);
 * ```
 */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}
