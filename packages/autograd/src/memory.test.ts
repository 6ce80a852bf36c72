import { expect, it } from 'vitest';
import { Generator, randn, type Tensor } from '@typegrad/tensor';
import { noGrad } from './index.js';
import { describeBackends, settleMemory } from '@typegrad/tensor/testing';

const gc = (globalThis as { gc?: () => void }).gc;

// How often the loop reads the loss. A GPU buffer goes back to the pool when its tensor is garbage-collected and
// the event loop turns (the buffer may only be reused once the commands that use it are submitted), so a real
// training loop on a GPU awaits a read now and then — to log the loss — and this one does the same, on every
// backend alike: no dispose or tidy call anywhere.
const READ_EVERY = 100;

// On SwiftShader (WebGPU on the CPU) a step takes 10–20 ms, so the GPU run is shorter by default: 600 steps to
// warm up (kernels compiled, pools and caches at their working size), then 1,400 measured. TYPEGRAD_LONG_TESTS=1
// runs the full 10,000 there too.
const LONG = process.env.TYPEGRAD_LONG_TESTS === '1';
const stepsOn = (device: string): [warmup: number, measured: number] => (device === 'cpu' || LONG ? [1000, 9000] : [600, 1400]);

describeBackends('memory over a long training loop', (b) => {
  const [warmup, measured] = stepsOn(b.device);
  it.runIf(gc)(`${(warmup + measured).toLocaleString('en')} steps of a small MLP keep live buffers and the heap flat, with no dispose calls`, async () => {
    const g = new Generator().manualSeed(0);
    const on = { generator: g, device: b.device };
    const x = randn([32, 4], on);
    const y = randn([32, 1], on);
    const params = [randn([4, 16], on).mul(0.5), randn([16], on).mul(0), randn([16, 1], on).mul(0.25)].map((p) => p.requiresGrad_());
    const [w1, b1, w2] = params;
    const step = (): Tensor => {
      const pred: Tensor = x.matmul(w1).add(b1).tanh().matmul(w2);
      const loss = pred.sub(y).pow(2).mean();
      for (const p of params) p.grad = null;
      loss.backward();
      noGrad(() => {
        for (const p of params) p.sub_(p.grad!.mul(0.05));
      });
      return loss;
    };
    const run = async (steps: number): Promise<number> => {
      let last = NaN;
      for (let i = 1; i <= steps; i++) {
        const loss = step();
        if (i % READ_EVERY === 0) last = await loss.item();
      }
      return last;
    };
    await run(warmup);
    const before = await settleMemory(b.device);
    const last = await run(measured);
    const after = await settleMemory(b.device);
    expect(last).toBeLessThan(0.5);
    expect(after.buffers - before.buffers).toBeLessThanOrEqual(2);
    expect(after.bytes - before.bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(after.heap - before.heap).toBeLessThan(2 * 1024 * 1024);
  }, 300_000);
});
