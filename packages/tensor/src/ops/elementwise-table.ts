import { erf, gelu, geluGrad, geluTanh, geluTanhGrad, sigmoid } from '../math.js';

/**
 * The declaration of every elementwise op, once: its arity, how its result dtype follows from its inputs', and
 * its kernel for each backend — a JavaScript function for the CPU and a WGSL expression for WebGPU (in terms of
 * `a`, `b`, `c` and the parameters `p0`, `p1`, already converted to the computation type `T`, which is f32 or
 * i32; bool values arrive as 0/1). Expressions may call the `tg_*` helpers of `backends/webgpu/wgsl/math.ts`,
 * which give IEEE NaN/infinity behaviour and float32 precision where WGSL built-ins do not.
 * A backend builds its kernels from this table; adding an op means adding one entry here.
 */
export interface ElementwiseOpDef {
  readonly name: string;
  readonly arity: 1 | 2 | 3;
  /**
   * Result dtype: 'same' keeps the promoted input dtype, 'float' turns bool/int into the default float,
   * 'bool' gives bool (comparisons, predicates).
   */
  readonly result: 'same' | 'float' | 'bool';
  /** Inputs must be bool (logical ops); others are cast by promotion. */
  readonly boolInputs?: boolean;
  readonly cpu: (a: number, b: number, c: number, p0: number, p1: number) => number;
  readonly wgsl: string;
}

/** C's pow (and so PyTorch's): unlike JavaScript's Math.pow, 1 ** y is 1 for every y and (−1) ** ±∞ is 1. */
const pow = (a: number, b: number) => (a === 1 || (a === -1 && (b === Infinity || b === -Infinity)) ? 1 : Math.pow(a, b));

const def = <N extends string>(name: N, d: Omit<ElementwiseOpDef, 'name'>) => ({ ...d, name }) as ElementwiseOpDef & { name: N };

/** The table. Keys are the op names the backends receive. */
export const ELEMENTWISE = {
  // unary
  neg: def('neg', { arity: 1, result: 'same', cpu: (a) => -a, wgsl: '-a' }),
  abs: def('abs', { arity: 1, result: 'same', cpu: (a) => Math.abs(a), wgsl: 'abs(a)' }),
  // sign(NaN) is 0, as PyTorch
  sign: def('sign', { arity: 1, result: 'same', cpu: (a) => (a > 0 ? 1 : a < 0 ? -1 : 0), wgsl: 'tg_sign(a)' }),
  exp: def('exp', { arity: 1, result: 'float', cpu: Math.exp, wgsl: 'tg_exp(a)' }),
  log: def('log', { arity: 1, result: 'float', cpu: Math.log, wgsl: 'tg_log(a)' }),
  // WGSL has log2 but no log10: log10(a) = log2(a) · log10(2), one more float32 rounding
  log2: def('log2', { arity: 1, result: 'float', cpu: Math.log2, wgsl: 'tg_log2(a)' }),
  log10: def('log10', { arity: 1, result: 'float', cpu: Math.log10, wgsl: 'tg_log2(a) * 0.30102999566398120' }),
  log1p: def('log1p', { arity: 1, result: 'float', cpu: Math.log1p, wgsl: 'tg_log1p(a)' }),
  expm1: def('expm1', { arity: 1, result: 'float', cpu: Math.expm1, wgsl: 'tg_expm1(a)' }),
  sqrt: def('sqrt', { arity: 1, result: 'float', cpu: Math.sqrt, wgsl: 'tg_sqrt(a)' }),
  rsqrt: def('rsqrt', { arity: 1, result: 'float', cpu: (a) => 1 / Math.sqrt(a), wgsl: 'tg_rsqrt(a)' }),
  reciprocal: def('reciprocal', { arity: 1, result: 'float', cpu: (a) => 1 / a, wgsl: '1.0 / a' }),
  sin: def('sin', { arity: 1, result: 'float', cpu: Math.sin, wgsl: 'tg_sin(a)' }),
  cos: def('cos', { arity: 1, result: 'float', cpu: Math.cos, wgsl: 'tg_cos(a)' }),
  tanh: def('tanh', { arity: 1, result: 'float', cpu: Math.tanh, wgsl: 'tg_tanh(a)' }),
  sigmoid: def('sigmoid', { arity: 1, result: 'float', cpu: sigmoid, wgsl: 'tg_sigmoid(a)' }),
  relu: def('relu', { arity: 1, result: 'same', cpu: (a) => (a > 0 ? a : a === a ? 0 : a), wgsl: 'tg_relu(a)' }),
  gelu: def('gelu', { arity: 1, result: 'float', cpu: gelu, wgsl: '0.5 * a * (1.0 + tg_erf(a * 0.7071067811865476))' }),
  geluTanh: def('geluTanh', { arity: 1, result: 'float', cpu: geluTanh, wgsl: '0.5 * a * (1.0 + tg_tanh(0.7978845608028654 * (a + 0.044715 * a * a * a)))' }),
  erf: def('erf', { arity: 1, result: 'float', cpu: erf, wgsl: 'tg_erf(a)' }),
  floor: def('floor', { arity: 1, result: 'same', cpu: Math.floor, wgsl: 'tg_floor(a)' }),
  ceil: def('ceil', { arity: 1, result: 'same', cpu: Math.ceil, wgsl: 'tg_ceil(a)' }),
  // round half to even, as PyTorch
  round: def('round', { arity: 1, result: 'same', cpu: (a) => { const r = Math.round(a); return r - a === 0.5 && r % 2 !== 0 ? r - 1 : r; }, wgsl: 'tg_round(a)' }),
  isnan: def('isnan', { arity: 1, result: 'bool', cpu: (a) => (a !== a ? 1 : 0), wgsl: 'tg_isnan(a)' }),
  isinf: def('isinf', { arity: 1, result: 'bool', cpu: (a) => (a === Infinity || a === -Infinity ? 1 : 0), wgsl: 'tg_isinf(a)' }),
  logicalNot: def('logicalNot', { arity: 1, result: 'bool', cpu: (a) => (a === 0 ? 1 : 0), wgsl: 'a == T(0)' }),
  /** clamp(a, p0, p1); a missing bound is passed as ±Infinity. */
  clamp: def('clamp', { arity: 1, result: 'same', cpu: (a, _b, _c, lo, hi) => { const m = a < lo ? lo : a; return m > hi ? hi : m; }, wgsl: 'tg_clamp(a, p0, p1)' }),
  /** a ** p0, the scalar-exponent fast path of pow; ±0.5 are sqrt and rsqrt, as PyTorch computes them ((−∞) ** 0.5 is NaN). */
  powScalar: def('powScalar', { arity: 1, result: 'same', cpu: (a, _b, _c, p) => (p === 2 ? a * a : p === 0.5 ? Math.sqrt(a) : p === -0.5 ? 1 / Math.sqrt(a) : pow(a, p)), wgsl: 'tg_pow_scalar(a, p0)' }),

  // binary
  add: def('add', { arity: 2, result: 'same', cpu: (a, b) => a + b, wgsl: 'a + b' }),
  sub: def('sub', { arity: 2, result: 'same', cpu: (a, b) => a - b, wgsl: 'a - b' }),
  mul: def('mul', { arity: 2, result: 'same', cpu: (a, b) => a * b, wgsl: 'a * b' }),
  div: def('div', { arity: 2, result: 'float', cpu: (a, b) => a / b, wgsl: 'a / b' }),
  pow: def('pow', { arity: 2, result: 'same', cpu: pow, wgsl: 'tg_pow(a, b)' }),
  maximum: def('maximum', { arity: 2, result: 'same', cpu: (a, b) => (a !== a || b !== b ? NaN : a > b ? a : b), wgsl: 'tg_max(a, b)' }),
  minimum: def('minimum', { arity: 2, result: 'same', cpu: (a, b) => (a !== a || b !== b ? NaN : a < b ? a : b), wgsl: 'tg_min(a, b)' }),
  eq: def('eq', { arity: 2, result: 'bool', cpu: (a, b) => (a === b ? 1 : 0), wgsl: 'a == b' }),
  ne: def('ne', { arity: 2, result: 'bool', cpu: (a, b) => (a !== b ? 1 : 0), wgsl: '!(a == b)' }),
  lt: def('lt', { arity: 2, result: 'bool', cpu: (a, b) => (a < b ? 1 : 0), wgsl: 'a < b' }),
  le: def('le', { arity: 2, result: 'bool', cpu: (a, b) => (a <= b ? 1 : 0), wgsl: 'a <= b' }),
  gt: def('gt', { arity: 2, result: 'bool', cpu: (a, b) => (a > b ? 1 : 0), wgsl: 'a > b' }),
  ge: def('ge', { arity: 2, result: 'bool', cpu: (a, b) => (a >= b ? 1 : 0), wgsl: 'a >= b' }),
  logicalAnd: def('logicalAnd', { arity: 2, result: 'bool', cpu: (a, b) => (a !== 0 && b !== 0 ? 1 : 0), wgsl: '!(a == T(0)) && !(b == T(0))' }),
  logicalOr: def('logicalOr', { arity: 2, result: 'bool', cpu: (a, b) => (a !== 0 || b !== 0 ? 1 : 0), wgsl: '!(a == T(0)) || !(b == T(0))' }),
  logicalXor: def('logicalXor', { arity: 2, result: 'bool', cpu: (a, b) => ((a !== 0) !== (b !== 0) ? 1 : 0), wgsl: '(a == T(0)) != (b == T(0))' }),

  // ternary: a is the bool condition
  where: def('where', { arity: 3, result: 'same', cpu: (a, b, c) => (a !== 0 ? b : c), wgsl: 'select(c, b, a != T(0))' }),
  // local derivatives times the incoming gradient a, in one pass (used by gradient rules; not differentiable)
  /** a·(1 − b²), b = tanh(x) */
  tanhBackward: def('tanhBackward', { arity: 2, result: 'float', cpu: (a, b) => a * (1 - b * b), wgsl: 'a * (T(1) - b * b)' }),
  /** a·b·(1 − b), b = sigmoid(x) */
  sigmoidBackward: def('sigmoidBackward', { arity: 2, result: 'float', cpu: (a, b) => a * b * (1 - b), wgsl: 'a * b * (T(1) - b)' }),
  /** a·GELU′(b), the exact form's derivative at x = b */
  geluBackward: def('geluBackward', { arity: 2, result: 'float', cpu: (a, b) => a * geluGrad(b), wgsl: 'a * (0.5 * (1.0 + tg_erf(b * 0.7071067811865476)) + b * tg_exp(-0.5 * b * b) * 0.3989422804014327)' }),
  /** a·GELU′(b), the tanh form's derivative at x = b */
  geluTanhBackward: def('geluTanhBackward', {
    arity: 2,
    result: 'float',
    cpu: (a, b) => a * geluTanhGrad(b),
    wgsl: 'a * (0.5 * (1.0 + tg_tanh(0.7978845608028654 * (b + 0.044715 * b * b * b))) + 0.5 * b * (1.0 - tg_tanh(0.7978845608028654 * (b + 0.044715 * b * b * b)) * tg_tanh(0.7978845608028654 * (b + 0.044715 * b * b * b))) * 0.7978845608028654 * (1.0 + 0.134145 * b * b))',
  }),
  /** a where b > 0, else 0 (relu's gradient at x = b) */
  reluBackward: def('reluBackward', { arity: 2, result: 'float', cpu: (a, b) => (b > 0 ? a : 0), wgsl: 'select(T(0), a, b > T(0))' }),
  // the update loops of optimizers, each one pass instead of a chain of ops (see fused.ts; not differentiable)
  /** a·p0 + b·p1 */
  scaleAdd: def('scaleAdd', { arity: 2, result: 'float', cpu: (a, b, _c, p0, p1) => a * p0 + b * p1, wgsl: 'a * p0 + b * p1' }),
  /** a·p0 + b²·p1 */
  scaleAddSquare: def('scaleAddSquare', { arity: 2, result: 'float', cpu: (a, b, _c, p0, p1) => a * p0 + b * b * p1, wgsl: 'a * p0 + b * b * p1' }),
  /** a − p0·b / (√c + p1) */
  adamStep: def('adamStep', { arity: 3, result: 'float', cpu: (a, b, c, p0, p1) => a - (p0 * b) / (Math.sqrt(c) + p1), wgsl: 'a - p0 * b / (tg_sqrt(c) + p1)' }),
} as const;

/** Name of an op in the elementwise table. */
export type ElementwiseOp = keyof typeof ELEMENTWISE;
