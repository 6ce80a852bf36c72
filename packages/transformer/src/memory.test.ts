// Training a GPT and generating with it keep live buffers and the heap flat, on every backend, with no dispose
// calls: the trend over a short run (the long one, 2,000 steps and 10,000 tokens, is a bench row).
import { Generator, randint, type Tensor } from '@typegrad/tensor';
import { describeBackends, settleMemory } from '@typegrad/tensor/testing';
import { expect, it } from 'vitest';
import { configureOptimizer, generate, GPT, languageModelLoss } from './index.js';

const gc = (globalThis as { gc?: () => void }).gc;

const config = { vocabSize: 17, blockSize: 16, nLayer: 2, nHead: 2, nEmbd: 16, bias: false };

describeBackends('memory of a GPT', (b) => {
  const [warmup, measured] = b.device === 'cpu' ? [40, 160] : [10, 20]; // SwiftShader runs WebGPU on the CPU, slowly

  it.runIf(gc)(`${warmup + measured} training steps keep live buffers and the heap flat`, async () => {
    const g = new Generator().manualSeed(1);
    const model = new GPT(config, { generator: g, device: b.device });
    const optimizer = configureOptimizer(model, { lr: 1e-3 });
    const x = randint(0, config.vocabSize, [4, 16], { generator: g, device: b.device });
    const y = randint(0, config.vocabSize, [4, 16], { generator: g, device: b.device });
    const run = async (steps: number) => {
      let loss: Tensor | null = null;
      for (let i = 1; i <= steps; i++) {
        optimizer.zeroGrad();
        loss = languageModelLoss(model.forward(x), y);
        loss.backward();
        optimizer.step();
        if (i % 10 === 0) await loss.item();
      }
      return loss!.item();
    };
    const first = await run(warmup);
    const before = await settleMemory(b.device);
    const last = await run(measured);
    const after = await settleMemory(b.device);
    expect(last).toBeLessThan(first);
    expect(after.buffers - before.buffers).toBeLessThanOrEqual(2);
    expect(after.bytes - before.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(after.heap - before.heap).toBeLessThan(4 * 1024 * 1024);
  }, 300_000);

  it.runIf(gc)(`generating ${b.device === 'cpu' ? 400 : 60} tokens with the KV cache keeps live buffers and the heap flat`, async () => {
    const model = new GPT(config, { generator: new Generator().manualSeed(2), device: b.device });
    const tokens = async (n: number, seed: number) => {
      let count = 0;
      for await (const _ of generate(model, [1], { maxNewTokens: n, generator: new Generator().manualSeed(seed) })) count++;
      return count;
    };
    const n = b.device === 'cpu' ? 200 : 30;
    await tokens(n, 1);
    const before = await settleMemory(b.device);
    expect(await tokens(n, 2)).toBe(n);
    const after = await settleMemory(b.device);
    // a leak grows with the tokens (a buffer or more each); a few are the slabs that the allocator and the last
    // tensors happen to hold when it is read (3 was seen once in five runs on the CPU)
    expect(after.buffers - before.buffers).toBeLessThanOrEqual(4);
    expect(after.heap - before.heap).toBeLessThan(4 * 1024 * 1024);
  }, 300_000);
});
