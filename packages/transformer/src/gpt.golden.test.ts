// A small GPT against PyTorch 1.13 running nanoGPT's model (fixtures/make_transformer_fixtures.py): the weights the
// same seed builds, the logits, loss and every gradient for the same weights and batch, five AdamW steps, and the
// tokens nanoGPT's generate samples from the same seed. Tolerances: float32, 2e-6 on the CPU (the two libraries
// sum in different orders), the GPU's on WebGPU.
import { readFileSync } from 'node:fs';
import { loadSafetensors } from '@typegrad/nn/node';
import { Generator, tensor, toDevice, type Tensor } from '@typegrad/tensor';
import { describeBackends, expectClose } from '@typegrad/tensor/testing';
import { describe, expect, it } from 'vitest';
import { configureOptimizer, generate, GPT, languageModelLoss, type GPTConfig } from './index.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/gpt_small.json', import.meta.url), 'utf8'));
const file = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const config: GPTConfig = {
  vocabSize: fixture.config.vocab_size, blockSize: fixture.config.block_size, nLayer: fixture.config.n_layer,
  nHead: fixture.config.n_head, nEmbd: fixture.config.n_embd, dropout: fixture.config.dropout, bias: fixture.config.bias,
};

async function loadModel(device: string): Promise<GPT> {
  const model = new GPT(config, { device });
  const { tensors } = await loadSafetensors(file('gpt_small.safetensors'), { device });
  model.loadStateDict(tensors);
  return model;
}

describe('GPT built from a seed', () => {
  it("gives nanoGPT's initial weights for torch.manual_seed(1337), by the same names", async () => {
    const model = new GPT(config, { generator: new Generator().manualSeed(1337) });
    const { tensors } = await loadSafetensors(file('gpt_small.safetensors'));
    const ours = model.stateDict();
    expect(Object.keys(ours).sort()).toEqual(Object.keys(tensors).sort());
    for (const [name, t] of Object.entries(tensors)) expect(ours[name].toArraySync(), name).toEqual(t.toArraySync());
    expect(model.lm_head.weight).toBe(model.wte.weight); // tied
  });
});

describeBackends('GPT against PyTorch', (b) => {
  const tol = Math.max(b.tol, 2e-6);
  const on = (t: Tensor) => toDevice(t, b.device);

  it('gives the logits, the loss and every gradient for the same weights and batch', async () => {
    const model = await loadModel(b.device);
    const idx = await on(tensor(fixture.idx, { dtype: 'int32' }));
    const targets = await on(tensor(fixture.targets, { dtype: 'int32' }));
    const logits = model.forward(idx);
    await expectClose(logits, { shape: fixture.logits_shape, values: fixture.logits }, 'logits', tol, tol);
    const loss = languageModelLoss(logits, targets);
    expect(await loss.item()).toBeCloseTo(fixture.loss, 5);
    loss.backward();
    const { tensors: grads } = await loadSafetensors(file('gpt_small_grads.safetensors'));
    for (const [name, p] of model.namedParameters()) {
      const want = grads[name];
      await expectClose(p.grad, { shape: want.shape, values: Array.from(want.dataSync()) }, name, 10 * tol, 10 * tol);
    }
  });

  it('follows PyTorch through five AdamW steps (decay on linear weights only)', async () => {
    const model = await loadModel(b.device);
    const idx = await on(tensor(fixture.idx, { dtype: 'int32' }));
    const targets = await on(tensor(fixture.targets, { dtype: 'int32' }));
    const { lr, betas, weight_decay: weightDecay, losses } = fixture.adamw;
    const optimizer = configureOptimizer(model, { lr, betas, weightDecay });
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      optimizer.zeroGrad();
      const loss = languageModelLoss(model.forward(idx), targets);
      seen.push(await loss.item());
      loss.backward();
      optimizer.step();
    }
    seen.push(await languageModelLoss(model.forward(idx), targets).item());
    seen.forEach((l, i) => expect(l, `loss ${i}`).toBeCloseTo(losses[i], 4));
  });

  it.each(['plain', 'top_k', 'top_p'])("samples nanoGPT's 50 tokens (%s), with the KV cache and without", async (kind) => {
    const model = await loadModel(b.device);
    const options = { plain: {}, top_k: { topK: 5 }, top_p: { topP: 0.9, temperature: 0.8 } }[kind]!;
    for (const useCache of [true, false]) {
      const tokens: number[] = [];
      const generator = new Generator().manualSeed(fixture.samples.seed);
      for await (const t of generate(model, fixture.samples.prompt, { maxNewTokens: 50, generator, useCache, ...options })) tokens.push(t);
      expect(tokens, `useCache ${useCache}`).toEqual(fixture.samples.tokens[kind]);
    }
  });
});
