import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ELEMENTWISE, elementwise, setCpuKernels, tensor, type Tensor } from '../../../index.js';
import { broadcastArb, layoutArb, makeInput, shapeArb, valuesOf, type InputSpec } from '../../../testing/random-views.js';
import { WASM_OPS } from './elementwise-wasm.js';
import { wasmSimdSupported } from './select.js';

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
/** A float32's position on the number line in ulps (negative floats below zero), so two values' distance is |a − b|. */
function ordinal(x: number): number {
  f32[0] = x;
  return i32[0] < 0 ? -2147483648 - i32[0] : i32[0];
}

/** Ops whose float32 result is correctly rounded on both kernels (one IEEE operation), so they must agree exactly. */
const EXACT = new Set<string>(['neg', 'abs', 'sqrt', 'reciprocal', 'relu', 'add', 'sub', 'mul', 'div', 'reluBackward']);
/** Ulps the polynomial functions may differ from the JS kernel's rounding of Math.*: measured at most 2. */
const APPROX_ULPS = 2;
/**
 * tanh is a rational fitted for speed (scripts/fit_tanh.py): within 6.7·10⁻⁹ in exact arithmetic, but float32
 * rounding in its two polynomials costs up to 6 ulps where the result nears ±1 (mean 0.86 over [0, 9]).
 */
const TANH_ULPS = 6;
const ulpsFor = (op: string): number => (op === 'tanh' ? TANH_ULPS : APPROX_ULPS);
/**
 * GELU in float32 (Φ through Cephes' erfc, the tanh form as x·sigmoid(2u)) keeps relative precision far below 0,
 * but rounding the exponent's argument to float32 costs about |argument|·2⁻²⁴ relatively there: measured 3·10⁻⁶
 * at x = −6, 1.2·10⁻⁵ at −9.8. The JS kernel computes in float64 and rounds once.
 */
const GELU_RTOL = 3e-5;
/**
 * The fused ops round each step to float32 in Wasm but only the result in JS; a cancelling sum may then lose
 * relative precision, so they are held to an absolute bound scaled by their operands (which are at most 4).
 */
const FUSED_TOL = 1e-5;

/** Runs `f` on the JS kernels and on the Wasm ones and returns both results' values. */
async function onBoth(f: () => Tensor): Promise<[Float32Array, Float32Array]> {
  expect(await setCpuKernels('js')).toBe('js');
  const js = f().dataSync() as Float32Array;
  expect(await setCpuKernels('wasm')).toBe('wasm');
  const wasm = f().dataSync() as Float32Array;
  return [js, wasm];
}

function expectAgree(op: string, js: ArrayLike<number>, wasm: ArrayLike<number>, what: string): void {
  expect(wasm.length, `${what}: length`).toBe(js.length);
  for (let i = 0; i < js.length; i++) {
    const [j, w] = [js[i], wasm[i]];
    if (Number.isNaN(j) && Number.isNaN(w)) continue;
    let ok: boolean;
    if (EXACT.has(op)) ok = Object.is(j, w);
    else if (op.startsWith('gelu')) ok = j === w || Math.abs(j - w) <= GELU_RTOL * Math.abs(j) + (op.endsWith('Backward') ? FUSED_TOL * Math.max(1, Math.abs(j)) : 0);
    else if (ELEMENTWISE[op as keyof typeof ELEMENTWISE].arity === 1) ok = j === w || Math.abs(ordinal(j) - ordinal(w)) <= ulpsFor(op);
    else ok = j === w || Math.abs(j - w) <= FUSED_TOL * Math.max(1, Math.abs(j));
    if (!ok) throw new Error(`${what}: element ${i} is ${w} on the Wasm kernel, ${j} on the JS one`);
  }
}

const PARAMS: Partial<Record<string, number[]>> = { scaleAdd: [0.9, 0.1], scaleAddSquare: [0.999, 0.001], adamStep: [0.01, 1e-8] };

describe.skipIf(!wasmSimdSupported())('float32 elementwise ops on the WebAssembly SIMD kernel', () => {
  afterAll(() => setCpuKernels('auto'));

  it.each(WASM_OPS)('%s agrees with the JS kernel on random shapes, strides and broadcasts', async (op) => {
    const arity = ELEMENTWISE[op].arity;
    const arb = shapeArb(3, 40).chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        // the other operands broadcast to the first: scalars, rows, columns
        others: fc.array(broadcastArb(shape), { minLength: arity - 1, maxLength: arity - 1 }),
        layouts: fc.array(layoutArb, { minLength: arity, maxLength: arity }),
        seeds: fc.array(fc.nat(), { minLength: arity, maxLength: arity }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ({ shape, others, layouts, seeds }) => {
        const specs: InputSpec[] = [shape, ...others].map((s, i) => ({ shape: s, dtype: 'float32', layout: layouts[i], seed: seeds[i] }));
        // adamStep takes the square root of its third operand, a second moment: keep it non-negative
        const inputs = specs.map((s, i) => {
          const values = valuesOf(s, s.shape.reduce((a, b) => a * b, 1)).map((v) => (op === 'adamStep' && i === 2 ? Math.abs(v) : v));
          return makeInput(s, values, 'cpu');
        });
        const [js, wasm] = await onBoth(() => elementwise(op, inputs, PARAMS[op] ?? []));
        expectAgree(op, js, wasm, `${op} [${specs.map((s) => `${s.shape} ${s.layout}`).join(' | ')}]`);
      }),
      { numRuns: 40 },
    );
  });

  it('computes tensors larger than its block: flat, rows longer than a block, and many short broadcast rows', async () => {
    const n = 40_003;
    const x = tensor(Array.from({ length: n }, (_, i) => Math.sin(i) * 5));
    const wide = x.slice(0, 0, 2 * 20_000).reshape(2, 20_000);
    const row = tensor(Array.from({ length: 20_000 }, (_, i) => Math.cos(i)));
    const tall = x.slice(0, 0, 5_000 * 7).reshape(5_000, 7);
    const column = tensor(Array.from({ length: 5_000 }, (_, i) => i / 1000)).reshape(5_000, 1);
    const cases: [string, () => Tensor][] = [
      ['tanh', () => x.tanh()],
      ['add', () => x.reshape(1, n).expand(2, n).add(x)],
      ['mul', () => wide.mul(row)],
      ['sub', () => tall.sub(column)],
      ['div', () => tall.mT.div(column.mT)],
    ];
    for (const [op, f] of cases) {
      const [js, wasm] = await onBoth(f);
      expectAgree(op, js, wasm, op);
    }
  });

  it('gives IEEE results at the edges of exp, log, tanh and sigmoid, and float32 accuracy between', async () => {
    await setCpuKernels('wasm');
    type Fn = 'exp' | 'log' | 'tanh' | 'sigmoid';
    const run = (op: Fn, xs: number[]) => Array.from(elementwise(op, [tensor(xs)]).dataSync());
    expect(run('exp', [0, -0, Infinity, -Infinity, NaN, 88.8, -104, 1e-10])).toEqual([1, 1, Infinity, 0, NaN, Infinity, 0, 1]);
    expect(run('log', [1, 0, -0, -1, Infinity, -Infinity, NaN])).toEqual([0, -Infinity, -Infinity, NaN, Infinity, NaN, NaN]);
    expect(run('tanh', [0, -0, Infinity, -Infinity, NaN, 1e-8, -20])).toEqual([0, -0, 1, -1, NaN, Math.fround(1e-8), -1]);
    expect(run('sigmoid', [0, Infinity, -Infinity, NaN, 100])).toEqual([0.5, 1, 0, NaN, 1]);
    // near overflow, through subnormals (exp(-100), log(1e-45), sigmoid(-100)), and ordinary values
    const reference: Record<Fn, (x: number) => number> = {
      exp: Math.exp, log: Math.log, tanh: Math.tanh, sigmoid: (x) => 1 / (1 + Math.exp(-x)),
    };
    const xs: Record<Fn, number[]> = { exp: [88.7, -100, -87.5, 1, -0.25], log: [1e-45, 1e-40, Math.E, 3e38], tanh: [0.5, 0.625, -3, 9], sigmoid: [-100, -20, 3] };
    for (const op of Object.keys(xs) as Fn[]) {
      const got = run(op, xs[op]);
      xs[op].forEach((x, i) => {
        const want = Math.fround(reference[op](Math.fround(x)));
        expect(Math.abs(ordinal(got[i]) - ordinal(want)), `${op}(${x}) = ${got[i]}, expected ${want}`).toBeLessThanOrEqual(ulpsFor(op));
      });
    }
  });

  it('keeps float64 and int32 tensors on the JS kernels', async () => {
    await setCpuKernels('wasm');
    expect(Array.from(tensor([1, 2], { dtype: 'float64' }).exp().dataSync())).toEqual([Math.exp(1), Math.exp(2)]);
    expect(Array.from(tensor([7, -3], { dtype: 'int32' }).neg().dataSync())).toEqual([-7, 3]);
  });
});
