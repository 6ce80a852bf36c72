import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { randn, setCpuKernels, type Tensor } from '../../../index.js';
import { wasmSimdSupported } from './select.js';

/** The sum on the JS kernel and on the Wasm one: the same order of float64 additions, so the same bits. */
async function bothSums(f: () => Tensor): Promise<[number[], number[]]> {
  expect(await setCpuKernels('js')).toBe('js');
  const js = Array.from(f().dataSync());
  expect(await setCpuKernels('wasm')).toBe('wasm');
  return [js, Array.from(f().dataSync())];
}

describe.skipIf(!wasmSimdSupported())('float32 column sums on the WebAssembly kernel', () => {
  afterAll(() => setCpuKernels('auto'));

  it('equal the JS kernel bit for bit: dense, row-strided and batched, across blocks of rows and columns', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3000 }),
        fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 4000, max: 5000 })),
        fc.integer({ min: 0, max: 3 }),
        async (rows, cols, extra) => {
          const x = randn([rows, cols + extra]).slice(1, 0, cols); // rows `extra` floats longer than what is summed
          const [js, wasm] = await bothSums(() => x.sum(0));
          expect(wasm).toEqual(js);
        },
      ),
      { numRuns: 12 },
    );
    const batched = randn([7, 3, 5]);
    const [js, wasm] = await bothSums(() => batched.sum({ dim: 0, keepdim: true }));
    expect(wasm).toEqual(js);
  });

  it('leaves other sums, and NaN and infinities, to the same results', async () => {
    const x = randn([50, 9]);
    const special = x.clone();
    special.dataSync(); // (a CPU tensor: its memory is the array the next lines write)
    const d = special.storage.buffer as Float32Array;
    d[3] = NaN;
    d[13] = Infinity;
    d[22] = -Infinity;
    d[31] = Infinity;
    for (const f of [() => x.sum(1), () => x.T.sum(0), () => special.sum(0), () => x.sum()]) {
      const [js, wasm] = await bothSums(f);
      expect(wasm).toEqual(js);
    }
  });
});
