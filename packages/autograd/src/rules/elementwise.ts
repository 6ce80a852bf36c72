import { elementwise, where, type Tensor } from '@typegrad/tensor';
import { sumTo, type GradRule } from './types.js';

const TWO_OVER_SQRT_PI = 1.1283791670955126;

/** A unary rule from the local derivative (x = input, y = output). */
const unary = (dydx: (x: Tensor, y: Tensor, params: number[]) => Tensor): GradRule => (g, { inputs, output, saved }) => [
  g.mul(dydx(inputs[0], output, saved.params ?? [])),
];

/**
 * A binary rule whose gradients are reduced back over broadcasting; `need` says which sides to compute (a side
 * that needs no gradient, such as the constant in `x.mul(2)`, is returned as null and costs nothing).
 */
const binary = (rule: (g: Tensor, a: Tensor, b: Tensor, y: Tensor, need: readonly boolean[]) => [Tensor | null, Tensor | null]): GradRule => (g, { inputs, output, needsInputGrad }) => {
  const [a, b] = inputs;
  const [ga, gb] = rule(g, a, b, output, needsInputGrad);
  return [ga && sumTo(ga, a.shape), gb && sumTo(gb, b.shape)];
};

/** The gradient `grad()` makes when the side needs one, else null. */
const ifNeeded = (needed: boolean, grad: () => Tensor): Tensor | null => (needed ? grad() : null);

const zero = (x: Tensor) => x.mul(0);

/** Gradient rules of the ops in the elementwise table. */
export const elementwiseRules: Record<string, GradRule> = {
  neg: (g) => [g.neg()],
  abs: unary((x) => x.sign()),
  sign: unary(zero),
  floor: unary(zero),
  ceil: unary(zero),
  round: unary(zero),
  exp: unary((_x, y) => y),
  expm1: unary((_x, y) => y.add(1)),
  log: (g, { inputs }) => [g.div(inputs[0])],
  log1p: (g, { inputs }) => [g.div(inputs[0].add(1))],
  log2: (g, { inputs }) => [g.div(inputs[0].mul(Math.LN2))],
  log10: (g, { inputs }) => [g.div(inputs[0].mul(Math.LN10))],
  sqrt: (g, { output }) => [g.div(output.mul(2))],
  rsqrt: unary((_x, y) => y.pow(3).mul(-0.5)),
  reciprocal: unary((_x, y) => y.mul(y).neg()),
  sin: unary((x) => x.cos()),
  cos: unary((x) => x.sin().neg()),
  // the common activations' gradients are single fused kernels
  tanh: (g, { output }) => [elementwise('tanhBackward', [g, output])],
  sigmoid: (g, { output }) => [elementwise('sigmoidBackward', [g, output])],
  relu: (g, { inputs }) => [elementwise('reluBackward', [g, inputs[0]])],
  erf: unary((x) => x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI)),
  // one fused kernel each: d/dx x·Φ(x) = Φ(x) + x·φ(x), and the tanh form's derivative
  gelu: (g, { inputs }) => [elementwise('geluBackward', [g, inputs[0]])],
  geluTanh: (g, { inputs }) => [elementwise('geluTanhBackward', [g, inputs[0]])],
  // PyTorch passes the gradient where min ≤ x ≤ max
  clamp: unary((x, _y, [lo, hi]) => x.ge(lo).logicalAnd(x.le(hi)).to(x.dtype)),
  powScalar: unary((x, _y, [p]) => (p === 0 ? zero(x) : x.pow(p - 1).mul(p))),

  add: binary((g) => [g, g]),
  sub: binary((g, _a, _b, _y, [, nb]) => [g, ifNeeded(nb, () => g.neg())]),
  mul: binary((g, a, b, _y, [na, nb]) => [ifNeeded(na, () => g.mul(b)), ifNeeded(nb, () => g.mul(a))]),
  div: binary((g, a, b, _y, [na, nb]) => [ifNeeded(na, () => g.div(b)), ifNeeded(nb, () => g.mul(a).div(b.mul(b)).neg())]),
  pow: binary((g, a, b, y, [na, nb]) => [
    ifNeeded(na, () => g.mul(b).mul(a.pow(b.sub(1)))),
    // the exponent's gradient is y·log(a), taken as 0 where a = 0 (PyTorch's convention)
    ifNeeded(nb, () => g.mul(where(a.eq(0), 0, y.mul(a.log())))),
  ]),
  // ties split the gradient evenly, as PyTorch does
  maximum: binary((g, a, b, _y, [na, nb]) => {
    const share = a.gt(b).to(g.dtype).add(a.eq(b).to(g.dtype).mul(0.5));
    return [ifNeeded(na, () => g.mul(share)), ifNeeded(nb, () => g.mul(share.neg().add(1)))];
  }),
  minimum: binary((g, a, b, _y, [na, nb]) => {
    const share = a.lt(b).to(g.dtype).add(a.eq(b).to(g.dtype).mul(0.5));
    return [ifNeeded(na, () => g.mul(share)), ifNeeded(nb, () => g.mul(share.neg().add(1)))];
  }),
  where: (g, { inputs: [cond, a, b], needsInputGrad: [, na, nb] }) => [
    null,
    ifNeeded(na, () => sumTo(where(cond, g, 0), a.shape)),
    ifNeeded(nb, () => sumTo(where(cond, 0, g), b.shape)),
  ],
};
