import { describe, expect, it } from 'vitest';
import { Generator, memoryStats, randn, type Tensor } from '@typegrad/tensor';
import { noGrad } from './index.js';

const gc = (globalThis as { gc?: () => void }).gc;

/** Collects garbage until finalizers have run, so live counts reflect what is really reachable. */
async function settle(): Promise<{ buffers: number; bytes: number; heap: number }> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((r) => setTimeout(r, 0));
  }
  const { buffers, bytes } = memoryStats('cpu');
  return { buffers, bytes, heap: process.memoryUsage().heapUsed };
}

describe('memory over a long training loop', () => {
  it.runIf(gc)('10,000 steps of a small MLP keep live buffers and the heap flat, with no dispose calls', async () => {
    const g = new Generator().manualSeed(0);
    const x = randn([32, 4], { generator: g });
    const y = randn([32, 1], { generator: g });
    const params = [randn([4, 16], { generator: g }).mul(0.5), randn([16], { generator: g }).mul(0), randn([16, 1], { generator: g }).mul(0.25)].map((p) => p.requiresGrad_());
    const [w1, b1, w2] = params;
    const step = (): number => {
      const pred: Tensor = x.matmul(w1).add(b1).tanh().matmul(w2);
      const loss = pred.sub(y).pow(2).mean();
      for (const p of params) p.grad = null;
      loss.backward();
      noGrad(() => {
        for (const p of params) p.sub_(p.grad!.mul(0.05));
      });
      return loss.itemSync();
    };
    for (let i = 0; i < 1000; i++) step();
    const before = await settle();
    let last = 0;
    for (let i = 0; i < 9000; i++) last = step();
    const after = await settle();
    expect(last).toBeLessThan(0.5);
    expect(after.buffers - before.buffers).toBeLessThanOrEqual(2);
    expect(after.bytes - before.bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(after.heap - before.heap).toBeLessThan(2 * 1024 * 1024);
  }, 120_000);
});
