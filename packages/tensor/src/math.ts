/** Scalar special functions the kernels need and JavaScript's Math lacks. */

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/**
 * The error function, accurate to about 1e-15 in float64.
 * Below |x| = 3 it sums the everywhere-positive series erf x = 2/√π · e^(−x²) · Σ (2x²)ⁿ x / (1·3·…·(2n+1)),
 * which has no cancellation; above, it evaluates erfc by its continued fraction (modified Lentz).
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax > 6) return Math.sign(x);
  if (ax < 3) {
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
      if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
    }
    return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  }
  return Math.sign(x) * (1 - erfcContinuedFraction(ax));
}

/** erfc(x) for x ≥ 3 by the continued fraction erfc x = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))). */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 300; n++) {
    const an = n / 2;
    d = x + an * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + an / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (f * Math.sqrt(Math.PI));
}

/** Logistic sigmoid, written so neither branch overflows. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

const SQRT_2_OVER_PI = 0.7978845608028654;

/** erfc(x) = 1 − erf(x), without the cancellation of 1 − erf(x) far out (a continued fraction beyond 3). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 27) return 0; // below float64's smallest subnormal; infinity included
  if (x < -27) return 2;
  if (x > 3) return erfcContinuedFraction(x);
  if (x < -3) return 2 - erfcContinuedFraction(-x);
  return 1 - erf(x);
}

/** GELU, exact form: x · Φ(x), with Φ(x) = erfc(−x/√2)/2 so that it keeps its precision far below 0. */
export function gelu(x: number): number {
  return 0.5 * x * erfc(-x * Math.SQRT1_2);
}

/**
 * GELU, tanh approximation (PyTorch's approximate='tanh'): 0.5x(1 + tanh u), u = √(2/π)(x + 0.044715x³), computed as
 * x·sigmoid(2u), which equals it without the cancellation of 1 + tanh u far below 0.
 */
export function geluTanh(x: number): number {
  return x * sigmoid(2 * SQRT_2_OVER_PI * (x + 0.044715 * x * x * x));
}

/** GELU's derivative, exact form: Φ(x) + x·φ(x). */
export function geluGrad(x: number): number {
  return 0.5 * erfc(-x * Math.SQRT1_2) + x * Math.exp(-0.5 * x * x) * 0.3989422804014327;
}

/**
 * The derivative of GELU's tanh form, 0.5(1 + t) + 0.5x(1 − t²)·u′ with t = tanh u, written with s = sigmoid(2u) =
 * (1 + t)/2 as s + 2x·s(1 − s)·u′, u′ = √(2/π)(1 + 3·0.044715x²).
 */
export function geluTanhGrad(x: number): number {
  const s = sigmoid(2 * SQRT_2_OVER_PI * (x + 0.044715 * x * x * x));
  return s + 2 * x * s * (1 - s) * SQRT_2_OVER_PI * (1 + 3 * 0.044715 * x * x);
}
