// linear (x·weightᵀ + bias) on every backend: the bits of x.matmul(weight.T).add(bias) on the CPU, whichever
// paths the product takes (K slices, column panels, chunks of rows, folded batches, several threads, the JS
// kernels), within float32 tolerance elsewhere; one recorded op; and its errors.
import { afterAll, describe, expect, it } from 'vitest';
import { Generator, getBackend, linear, randn, setCpuKernels, setCpuThreads, cpuThreads, setOpRecorder, toDevice, type Tensor } from '../index.js';
import { describeBackends } from '../testing/backends.js';
import { setThreadChoice } from '../backends/cpu/wasm/gemm-wasm.js';
import { sharedMemoryAvailable } from '../backends/cpu/wasm/threads.js';
import { wasmSimdSupported } from '../backends/cpu/wasm/select.js';

interface Case {
  name: string;
  x: number[];
  out: number;
  /** Makes x a transposed view, or the bias a strided slice. */
  transposedX?: boolean;
  stridedBias?: boolean;
}

const CASES: Case[] = [
  { name: 'a makemore layer, [32, 30] → 200', x: [32, 30], out: 200 },
  { name: 'an output layer, [32, 200] → 27', x: [32, 200], out: 27 },
  { name: 'batched rows folded into one product, [4, 16, 48] → 64', x: [4, 16, 48], out: 64 },
  { name: 'deep K in several slices, [8, 600] → 40', x: [8, 600], out: 40 },
  { name: 'wide output in several panels, [5, 20] → 700', x: [5, 20], out: 700 },
  { name: 'more rows than a chunk, [600, 24] → 33', x: [600, 24], out: 33 },
  { name: 'a transposed input and a strided bias, [12, 9] → 10', x: [12, 9], out: 10, transposedX: true, stridedBias: true },
];

function operands(c: Case, dtype: 'float32' | 'float64' = 'float32') {
  const g = new Generator().manualSeed(7);
  const opts = { generator: g, dtype };
  const inF = c.x[c.x.length - 1];
  const x = c.transposedX ? randn([inF, c.x[0]], opts).T : randn(c.x, opts);
  const weight = randn([c.out, inF], opts);
  const bias = c.stridedBias ? randn([2 * c.out], opts).slice(0, 0, null, 2) : randn([c.out], opts);
  return { x, weight, bias };
}

const bits = async (t: Tensor) => Array.from((await toDevice(t, 'cpu')).contiguous().dataSync());

describeBackends('linear', (b) => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: the bits of matmul then add', async (_, c) => {
    const o = operands(c);
    const [x, weight, bias] = await Promise.all([o.x, o.weight, o.bias].map((t) => toDevice(t, b.device)));
    const y = linear(x, weight, bias);
    const want = x.matmul(weight.T).add(bias);
    expect(y.shape).toEqual(want.shape);
    if (b.device === 'cpu') expect(await bits(y)).toEqual(await bits(want));
    else {
      const [got, exp] = [await bits(y), await bits(want)];
      got.forEach((v, i) => expect(Math.abs(v - exp[i]), `[${i}]`).toBeLessThanOrEqual(b.tol * (1 + Math.abs(exp[i]))));
    }
  });

  it('is one recorded op with a bias, a product without one', async () => {
    const [x, weight, bias] = await Promise.all([randn([3, 4]), randn([2, 4]), randn([2])].map((t) => toDevice(t, b.device)));
    const ops: string[] = [];
    setOpRecorder((op) => void ops.push(op));
    try {
      linear(x.requiresGrad_(), weight, bias);
      linear(x, weight);
    } finally {
      setOpRecorder(null);
    }
    expect(ops).toEqual(['linear', 'matmul']);
  });

  it('names the shapes it expected', async () => {
    const [x, weight, bias] = await Promise.all([randn([3, 4]), randn([2, 4]), randn([2])].map((t) => toDevice(t, b.device)));
    expect(() => linear(x, weight.reshape([8]), bias)).toThrow('linear: expected weight of shape [out, in], got [8]');
    expect(() => linear(x, weight, bias.reshape([1, 2]))).toThrow('linear: expected bias of shape [2] for weight [2,4], got [1,2]');
    expect(() => linear(x.T, weight, bias)).toThrow('linear: input [4,3] and weight [2,4] cannot be multiplied (3 != 4)');
  });
});

describe('linear on the CPU', () => {
  it('float64 and a 1-D input: the bits of matmul then add', () => {
    const o = operands(CASES[0], 'float64');
    expect(Array.from(linear(o.x, o.weight, o.bias).dataSync())).toEqual(Array.from(o.x.matmul(o.weight.T).add(o.bias).dataSync()));
    const v = o.x.slice(0, 0, 1).reshape([30]);
    expect(Array.from(linear(v, o.weight, o.bias).dataSync())).toEqual(Array.from(v.matmul(o.weight.T).add(o.bias).dataSync()));
  });

  it('runs the backend kernel', () => {
    const cpu = getBackend('cpu');
    const kernel = cpu.matmulBias!;
    let calls = 0;
    cpu.matmulBias = (...args) => (calls++, kernel(...args));
    try {
      const o = operands(CASES[0]);
      linear(o.x, o.weight, o.bias);
    } finally {
      cpu.matmulBias = kernel;
    }
    expect(calls).toBe(1);
  });

  describe.skipIf(!wasmSimdSupported() || !sharedMemoryAvailable())('on two threads', () => {
    const initial = cpuThreads();
    afterAll(async () => {
      setThreadChoice('measured');
      setCpuThreads(initial);
      await setCpuKernels('auto');
    });

    it('a product shared with a worker gets the same bits', async () => {
      expect(await setCpuKernels('wasm')).toBe('wasm');
      setCpuThreads(2);
      setThreadChoice('always');
      const o = operands({ name: 'large', x: [300, 260], out: 150 });
      const y = await bits(linear(o.x, o.weight, o.bias));
      setCpuThreads(1);
      expect(y).toEqual(await bits(o.x.matmul(o.weight.T).add(o.bias)));
    });
  });
});
