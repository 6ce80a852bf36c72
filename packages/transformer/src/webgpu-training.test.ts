// The same GPT trained on the CPU and on WebGPU, from the same weights and batches: the losses of the first 20
// steps agree within float32 tolerance (the GPU sums in other orders, and AdamW carries the differences along).
import { Generator, randint, toDevice, type Tensor } from '@typegrad/tensor';
import { describeWebGPU } from '@typegrad/tensor/testing';
import { expect, it } from 'vitest';
import { configureOptimizer, GPT, languageModelLoss } from './index.js';

const config = { vocabSize: 65, blockSize: 32, nLayer: 2, nHead: 4, nEmbd: 64, bias: false };

async function losses(device: string, batches: [Tensor, Tensor][]): Promise<number[]> {
  const model = new GPT(config, { generator: new Generator().manualSeed(1337), device });
  const optimizer = configureOptimizer(model, { lr: 1e-3, betas: [0.9, 0.99], weightDecay: 0.1 });
  const out: number[] = [];
  for (const [x, y] of batches) {
    const [xd, yd] = await Promise.all([toDevice(x, device), toDevice(y, device)]);
    optimizer.zeroGrad();
    const loss = languageModelLoss(model.forward(xd), yd);
    loss.backward();
    optimizer.step();
    out.push(await loss.item());
  }
  return out;
}

describeWebGPU('a GPT training on WebGPU', () => {
  it('follows the CPU over its first 20 steps', async () => {
    const g = new Generator().manualSeed(0);
    const batches = Array.from({ length: 20 }, () => [0, 1].map(() => randint(0, config.vocabSize, [4, config.blockSize], { generator: g })) as [Tensor, Tensor]);
    const cpu = await losses('cpu', batches);
    const gpu = await losses('webgpu', batches);
    expect(cpu[19]).toBeLessThan(cpu[0]);
    gpu.forEach((l, i) => expect(Math.abs(l - cpu[i]), `step ${i + 1}: ${l} on WebGPU, ${cpu[i]} on the CPU`).toBeLessThan(2e-4 * (i + 1)));
  }, 300_000);
});
