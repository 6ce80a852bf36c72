import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { getBackend, logSoftmax, logSoftmaxBackward, setCpuKernels, softmax, softmaxBackward, tensor, type SoftmaxKind as Kind, type Tensor } from '../../../index.js';
import { layoutArb, makeInput, shapeArb, valuesOf, type InputSpec } from '../../../testing/random-views.js';
import { wasmSimdSupported } from './select.js';

const sumAlong = (t: Tensor, dim: number) => t.sum({ dim, keepdim: true });

/** Each op written out as the op layer's composition: the same float32 operations the fused kernel performs. */
const COMPOSED: Record<Kind, (a: Tensor, b: Tensor, dim: number) => Tensor> = {
  softmax: (x, _, d) => {
    const e = x.sub(x.amax({ dim: d, keepdim: true })).exp();
    return e.div(sumAlong(e, d));
  },
  logSoftmax: (x, _, d) => {
    const shifted = x.sub(x.amax({ dim: d, keepdim: true }));
    return shifted.sub(sumAlong(shifted.exp(), d).log());
  },
  softmaxBackward: (g, y, d) => y.mul(g.sub(sumAlong(g.mul(y), d))),
  logSoftmaxBackward: (g, y, d) => g.sub(y.exp().mul(sumAlong(g, d))),
};

const FUSED: Record<Kind, (a: Tensor, b: Tensor, dim: number) => Tensor> = {
  softmax: (x, _, d) => softmax(x, d),
  logSoftmax: (x, _, d) => logSoftmax(x, d),
  softmaxBackward: (g, y, d) => softmaxBackward(g, y, d),
  logSoftmaxBackward: (g, y, d) => logSoftmaxBackward(g, y, d),
};

/** Equal as float32 bits, NaN equal to NaN. */
function expectSameBits(got: ArrayLike<number>, want: ArrayLike<number>, what: string): void {
  expect(got.length, `${what}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i]) && !(Number.isNaN(got[i]) && Number.isNaN(want[i]))) {
      throw new Error(`${what}: element ${i} is ${got[i]} from the fused kernel, ${want[i]} from the composition`);
    }
  }
}

describe.skipIf(!wasmSimdSupported())('softmax and logSoftmax, forward and backward, on the WebAssembly kernel', () => {
  // whether the last softmax call ran the backend's kernel (it declines views whose rows are not contiguous)
  const cpu = getBackend('cpu');
  const kernel = cpu.softmax!;
  let ran = false;
  let kernelRuns = 0;
  cpu.softmax = (...args) => {
    ran = kernel(...args);
    if (ran) kernelRuns++;
    return ran;
  };
  afterAll(() => {
    cpu.softmax = kernel;
    return setCpuKernels('auto');
  });

  it.each(Object.keys(FUSED) as Kind[])('%s equals its composition bit for bit on random shapes, layouts and dims', async (kind) => {
    expect(await setCpuKernels('wasm')).toBe('wasm');
    kernelRuns = 0;
    const arb = shapeArb(3, 40).filter((shape) => shape.length > 0).chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        dim: fc.integer({ min: 0, max: shape.length - 1 }),
        layouts: fc.array(layoutArb, { minLength: 2, maxLength: 2 }),
        seeds: fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
      }),
    );
    await fc.assert(
      fc.property(arb, ({ shape, dim, layouts, seeds }) => {
        const specs: InputSpec[] = layouts.map((layout, i) => ({ shape, dtype: 'float32', layout, seed: seeds[i] }));
        const n = shape.reduce((a, b) => a * b, 1);
        // backward kinds take an output of the forward op: probabilities for softmax, log-probabilities for logSoftmax
        const [a, b] = specs.map((s, i) => {
          const values = valuesOf(s, n, i === 0);
          const v = i === 1 && kind === 'softmaxBackward' ? values.map((x) => Math.abs(x) / 4) : i === 1 ? values.map((x) => -Math.abs(x)) : values;
          return makeInput(s, v, 'cpu');
        });
        const what = `${kind} [${shape}] dim ${dim} ${layouts}`;
        const fused = FUSED[kind](a, b, dim).dataSync();
        // where the kernel ran, the composition on contiguous copies, whose elementwise ops then all run on the
        // Wasm kernels too; elsewhere the op composed itself from the views as they are
        const composed = ran ? COMPOSED[kind](a.contiguous(), b.contiguous(), dim) : COMPOSED[kind](a, b, dim);
        expectSameBits(fused, composed.dataSync(), `${what} (${ran ? 'fused kernel' : 'composition'})`);
      }),
      { numRuns: 60 },
    );
    expect(kernelRuns, 'cases the fused kernel ran').toBeGreaterThan(5);
  });

  it('agrees with the JS kernels within float32 rounding', async () => {
    const x = tensor(Array.from({ length: 64 * 27 }, (_, i) => Math.sin(i) * 6)).reshape(64, 27);
    const g = tensor(Array.from({ length: 64 * 27 }, (_, i) => Math.cos(i * 0.7))).reshape(64, 27);
    const runAll = () => {
      const y = softmax(x, 1);
      const logp = logSoftmax(x, 1);
      return [y, logp, softmaxBackward(g, y, 1), logSoftmaxBackward(g, logp, 1)].map((t) => Array.from(t.dataSync()));
    };
    expect(await setCpuKernels('js')).toBe('js');
    const js = runAll();
    expect(await setCpuKernels('wasm')).toBe('wasm');
    const wasm = runAll();
    js.forEach((want, k) => want.forEach((v, i) => expect(Math.abs(wasm[k][i] - v), `result ${k}, element ${i}`).toBeLessThan(2e-6 * Math.max(1, Math.abs(v)))));
  });

  it('stays finite at logits of 1e4, and gives NaN rows for +inf, only -inf or NaN, as PyTorch', async () => {
    expect(await setCpuKernels('wasm')).toBe('wasm');
    const x = tensor([[1e4, 0, -1e4, 5, 6], [Infinity, 0, 1, 2, 3], [-Infinity, -Infinity, -Infinity, -Infinity, -Infinity], [0, NaN, 1, 2, 3], [-Infinity, 0, 0, 0, 0]]);
    const p = softmax(x, 1).toArraySync() as number[][];
    expect(p[0]).toEqual([1, 0, 0, 0, 0]);
    for (const row of [1, 2, 3]) expect(p[row].every(Number.isNaN)).toBe(true);
    expect(p[4]).toEqual([0, 0.25, 0.25, 0.25, 0.25]);
    const logp = logSoftmax(x, 1).toArraySync() as number[][];
    expect(logp[0]).toEqual([0, -1e4, -2e4, Math.fround(5 - 1e4), Math.fround(6 - 1e4)]);
    expect(logp[4][0]).toBe(-Infinity);
    expect(logp[4][1]).toBeCloseTo(-Math.log(4), 6);
  });

  it('runs rows longer than the block on the composition, and many rows across blocks', async () => {
    expect(await setCpuKernels('wasm')).toBe('wasm');
    for (const shape of [[2, 20_000], [3000, 7]]) {
      const x = tensor(Array.from({ length: shape[0] * shape[1] }, (_, i) => Math.sin(i) * 3)).reshape(shape);
      for (const kind of ['softmax', 'logSoftmax'] as const) {
        expectSameBits(FUSED[kind](x, x, 1).dataSync(), COMPOSED[kind](x, x, 1).dataSync(), `${kind} [${shape}]`);
      }
      const rows = softmax(x, 1).sum(1).dataSync();
      for (const s of rows) expect(s).toBeCloseTo(1, 5);
    }
  });
});
