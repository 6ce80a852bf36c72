import { afterAll, describe, expect, it } from 'vitest';
import { Generator, randn, setCpuKernels, type Tensor } from '../../index.js';
import { wasmSimdSupported } from './wasm/select.js';

// Under 'auto' a folded product can be big enough for the Wasm kernel where each batch alone stays on the JS one
// (their float32 roundings differ), so each kernel is compared with itself.
const KERNELS = wasmSimdSupported() ? (['wasm', 'js'] as const) : (['js'] as const);

/** The product batch by batch: each [M, K] slice of `a` times `b` as a plain 2-D matmul. */
function byBatch(a: Tensor, b: Tensor): number[] {
  const rows = a.reshape([-1, a.shape[a.ndim - 2], a.shape[a.ndim - 1]]);
  const out: number[] = [];
  for (let i = 0; i < rows.shape[0]; i++) out.push(...rows.select(0, i).matmul(b).dataSync());
  return out;
}

describe('batched matmul against one shared matrix (x @ weight.T on [batch, T, C])', () => {
  const g = new Generator().manualSeed(7);
  const b = randn([7, 4], { generator: g });
  const cases: [string, () => Tensor][] = [
    ['contiguous [3, 5, 7]', () => randn([3, 5, 7], { generator: g })],
    ['two batch dims [2, 3, 5, 7]', () => randn([2, 3, 5, 7], { generator: g })],
    ['one row a batch [6, 1, 7]', () => randn([6, 1, 7], { generator: g })],
    ['batch dims of size 1 [1, 4, 1, 5, 7]', () => randn([1, 4, 1, 5, 7], { generator: g })],
    ['batches not evenly spaced (a slice of the rows)', () => randn([3, 8, 7], { generator: g }).slice(1, 2, 7)],
    ['transposed rows', () => randn([3, 7, 5], { generator: g }).mT],
    ['batch and row dims swapped', () => randn([5, 3, 7], { generator: g }).transpose(0, 1)],
  ];
  afterAll(() => setCpuKernels('auto'));
  for (const kernel of KERNELS) for (const [name, make] of cases) {
    it(`gives the same bits as batch by batch on the ${kernel} kernel: ${name}`, async () => {
      await setCpuKernels(kernel);
      const a = make();
      const got = a.matmul(b);
      expect(got.shape).toEqual([...a.shape.slice(0, -1), 4]);
      expect(Array.from(got.dataSync())).toEqual(byBatch(a, b));
    });
  }

  it.each(KERNELS)('gives the same bits with the shared matrix transposed (a Linear weight), on the %s kernel', async (kernel) => {
    await setCpuKernels(kernel);
    const a = randn([4, 6, 7], { generator: g });
    const w = randn([4, 7], { generator: g }); // a Linear weight: x @ w.T
    expect(Array.from(a.matmul(w.T).dataSync())).toEqual(byBatch(a, w.T));
  });
});
