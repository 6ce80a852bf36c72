/**
 * Property tests: the WebGPU backend against the CPU backend on random shapes, layouts (transposed, strided,
 * offset) and broadcasts, for every op of the elementwise table, the reductions, and matmul.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { ELEMENTWISE, elementwise, setCpuKernels, type DType, type ElementwiseOp, type Tensor } from '../index.js';
import { describeWebGPU } from '../testing/backends.js';
import { broadcastArb, expectClose, layoutArb, makeInput, shapeArb, valuesOf, type InputSpec } from '../testing/random-views.js';

// more runs with TYPEGRAD_PROPERTY_RUNS=… (Node only; a page has no environment)
const RUNS = Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.TYPEGRAD_PROPERTY_RUNS ?? 12);

/** Builds the same input on the CPU and on WebGPU. */
function pair(spec: InputSpec, specials = true): [Tensor, Tensor] {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  const values = valuesOf(spec, n, specials);
  return [makeInput(spec, values, 'cpu'), makeInput(spec, values, 'webgpu')];
}

const inputArb = (shape: readonly number[], dtype: DType) =>
  fc.record({ shape: broadcastArb(shape), dtype: fc.constant(dtype), layout: layoutArb, seed: fc.nat() });

/** Dtypes each op is tried with: float32 always; int32 where the op takes integers; bool for logical ops. */
function dtypesFor(op: ElementwiseOp): DType[] {
  if (op.startsWith('logical')) return ['bool', 'float32', 'int32'];
  if (op in FUSED_PARAMS || op.endsWith('Backward')) return ['float32'];
  return ['float32', 'int32'];
}

/** The optimizers' fused update ops: float only, with parameters as the optimizers pass them. */
const FUSED_PARAMS: Partial<Record<ElementwiseOp, number[][]>> = {
  scaleAdd: [[0.9, 0.1], [1, -0.01]],
  scaleAddSquare: [[0.999, 0.001]],
  adamStep: [[0.01, 1e-8], [0.3, 0.5]],
};

/** Parameters of the ops that take them. */
const paramsArb = (op: ElementwiseOp) =>
  FUSED_PARAMS[op]
    ? fc.constantFrom(...FUSED_PARAMS[op])
    : op === 'clamp'
    ? fc.tuple(fc.integer({ min: -3, max: 0 }), fc.integer({ min: 0, max: 3 })).map(([lo, hi]) => [lo - 0.5, hi + 0.5])
    : op === 'powScalar'
      ? fc.constantFrom(2, 0.5, -0.5, 3, -1, 1.5, 0).map((p) => [p])
      : fc.constant([] as number[]);

describeWebGPU('WebGPU matches the CPU on random shapes, strides and broadcasts', (b) => {
  const ops = Object.keys(ELEMENTWISE) as ElementwiseOp[];
  it.each(ops)('elementwise %s', async (op) => {
    const def = ELEMENTWISE[op];
    const arb = shapeArb().chain((shape) =>
      fc.record({
        shape: fc.constant(shape),
        dtype: fc.constantFrom(...dtypesFor(op)),
        params: paramsArb(op),
      }).chain(({ shape, dtype, params }) =>
        fc.record({
          inputs: fc.tuple(...Array.from({ length: def.arity }, (_, k) => inputArb(shape, op === 'where' && k === 0 ? 'bool' : dtype))),
          params: fc.constant(params),
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ({ inputs, params }) => {
        const pairs = inputs.map((spec) => pair(spec));
        const want = elementwise(op, pairs.map((p) => p[0]), params);
        const got = elementwise(op, pairs.map((p) => p[1]), params);
        await expectClose(got, want, b.tol, `${op}(${inputs.map((s) => `${s.dtype}[${s.shape}] ${s.layout}`).join(', ')})`);
      }),
      { numRuns: RUNS },
    );
  });

  const reduceArb = shapeArb(4, 7).chain((shape) =>
    fc.record({
      spec: fc.record({ shape: fc.constant(shape), dtype: fc.constantFrom<DType>('float32', 'int32'), layout: layoutArb, seed: fc.nat() }),
      dims: fc.subarray(shape.map((_, i) => i)),
      keepdim: fc.boolean(),
      dim: fc.integer({ min: 0, max: Math.max(0, shape.length - 1) }),
    }),
  );

  it('reductions over any dims: sum, mean, prod, amax, amin, logsumexp', async () => {
    await fc.assert(
      fc.asyncProperty(reduceArb, async ({ spec, dims, keepdim }) => {
        const [c, g] = pair(spec, false);
        const arg = { dim: dims, keepdim };
        const cases: [string, (t: Tensor) => Tensor][] = [
          ['sum', (t) => t.sum(arg)],
          ['amax', (t) => t.amax(arg)],
          ['amin', (t) => t.amin(arg)],
          ['prod', (t) => t.float().mul(0.25).add(1).prod(arg)],
          ['mean', (t) => t.float().mean(arg)],
          ['logsumexp', (t) => t.float().logsumexp(arg)],
        ];
        for (const [name, f] of cases) await expectClose(f(g), f(c), 4 * b.tol, `${name} ${spec.dtype}[${spec.shape}] ${spec.layout} dims [${dims}]`);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it('reductions along one dim: argmax, argmin (first of ties), cumsum, softmax', async () => {
    await fc.assert(
      fc.asyncProperty(reduceArb, async ({ spec, dim, keepdim }) => {
        if (spec.shape.length === 0) return;
        const [c, g] = pair(spec, false);
        const cases: [string, (t: Tensor) => Tensor][] = [
          ['argmax', (t) => t.argmax(dim, keepdim)],
          ['argmin', (t) => t.argmin(dim, keepdim)],
          ['cumsum', (t) => t.cumsum(dim)],
          ['softmax', (t) => t.float().softmax(dim)],
        ];
        for (const [name, f] of cases) await expectClose(f(g), f(c), 4 * b.tol, `${name} ${spec.dtype}[${spec.shape}] ${spec.layout} dim ${dim}`);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  // the CPU reference runs on each float32 kernel: 'wasm' takes every float32 product, however small
  it.each(['js', 'wasm'] as const)('batched, broadcast and transposed matmul (CPU on the %s kernels)', async (kernels) => {
    expect(await setCpuKernels(kernels)).toBe(kernels);
    try {
      const arb = fc
        .record({
          batch: shapeArb(2, 3),
          // rows up to 70 take 4-row-per-thread tiles, from 128 the 8-row ones
          m: fc.oneof(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 120, max: 140 })),
          n: fc.integer({ min: 1, max: 70 }),
          k: fc.integer({ min: 1, max: 70 }),
          dtype: fc.constantFrom<DType>('float32', 'float32', 'int32'),
          transposeA: fc.boolean(),
          transposeB: fc.boolean(),
        })
        .chain((r) =>
          fc.record({
            r: fc.constant(r),
            batchA: broadcastArb(r.batch),
            batchB: broadcastArb(r.batch),
            seeds: fc.tuple(fc.nat(), fc.nat()),
          }),
        );
      await fc.assert(
        fc.asyncProperty(arb, async ({ r, batchA, batchB, seeds }) => {
          // a transposed operand is made as its transpose, contiguous, and read back through .mT
          const spec = (batch: number[], rows: number, cols: number, t: boolean, seed: number): InputSpec => ({
            shape: [...batch, t ? cols : rows, t ? rows : cols],
            dtype: r.dtype,
            layout: 'contiguous',
            seed,
          });
          const [ac, ag] = pair(spec(batchA, r.m, r.k, r.transposeA, seeds[0]), false);
          const [bc, bg] = pair(spec(batchB, r.k, r.n, r.transposeB, seeds[1]), false);
          const op = (x: Tensor, y: Tensor) => (r.transposeA ? x.mT : x).matmul(r.transposeB ? y.mT : y);
          await expectClose(op(ag, bg), op(ac, bc), 4 * b.tol, `matmul ${r.dtype} [${batchA}|${r.m}x${r.k}${r.transposeA ? 'ᵀ' : ''}] @ [${batchB}|${r.k}x${r.n}${r.transposeB ? 'ᵀ' : ''}]`);
        }),
        { numRuns: RUNS * 3 },
      );
    } finally {
      setCpuKernels('auto');
    }
  });
});
