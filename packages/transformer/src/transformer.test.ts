// The layers' behaviour that has no single PyTorch fixture: gradients of a whole block against finite
// differences, the KV cache against recomputation, padding that changes nothing, parameter groups, schedules and
// gradient accumulation.
import { gradcheck, noGrad } from '@typegrad/autograd';
import { Generator, randint, randn, tensor, type Tensor } from '@typegrad/tensor';
import { describe, expect, it } from 'vitest';
import {
  configureOptimizer, EncoderClassifier, generate, GPT, languageModelLoss, nanoGPTLearningRate, TransformerBlock, trainStep, type GPTConfig,
} from './index.js';

const small: GPTConfig = { vocabSize: 11, blockSize: 8, nLayer: 2, nHead: 2, nEmbd: 16 };

describe('gradients of a whole block (float64, CPU)', () => {
  it.each([
    ['causal self-attention', { causal: true }],
    ['key padding', { keyPaddingMask: tensor([[false, false, true], [false, false, false]]) }],
  ] as const)('match finite differences through LayerNorm, attention (%s) and the GELU MLP', (_, opts) => {
    const g = new Generator().manualSeed(3);
    const block = new TransformerBlock(4, 2, { dtype: 'float64', generator: g });
    const x = randn([2, 3, 4], { dtype: 'float64', generator: g }).requiresGrad_();
    // gradcheck perturbs its inputs in place, so the block's own parameters can be inputs too
    expect(gradcheck((input) => block.forward(input, opts), [x, ...block.parameters()])).toBe(true);
  });
});

describe('the KV cache', () => {
  it('gives the logits of recomputing the whole context at every step, past the block size too', async () => {
    const model = new GPT(small, { generator: new Generator().manualSeed(1) });
    model.eval();
    const ids = [1, 2, 3];
    let cache = model.newCache();
    let cached = noGrad(() => model.forward(tensor([ids], { dtype: 'int32' }), { cache }));
    for (let step = 0; step < 12; step++) {
      const full = noGrad(() => model.forward(tensor([ids.slice(-small.blockSize)], { dtype: 'int32' })));
      const want = full.select(1, full.shape[1] - 1).toArraySync() as number[][];
      const got = cached.select(1, cached.shape[1] - 1).toArraySync() as number[][];
      got[0].forEach((v, i) => expect(Math.abs(v - want[0][i]), `step ${step}, logit ${i}`).toBeLessThan(1e-5));
      const next = (step * 5) % small.vocabSize;
      ids.push(next);
      if (ids.length > small.blockSize) {
        cache = model.newCache(); // positions shift once the context is cropped: start again
        cached = noGrad(() => model.forward(tensor([ids.slice(-small.blockSize)], { dtype: 'int32' }), { cache }));
      } else {
        cached = noGrad(() => model.forward(tensor([[next]], { dtype: 'int32' }), { cache }));
      }
    }
  });

  it('makes generate draw the same tokens as without it, and stops at a stop token', async () => {
    const model = new GPT(small, { generator: new Generator().manualSeed(2) });
    const run = async (useCache: boolean, stop?: number) => {
      const out: number[] = [];
      for await (const t of generate(model, [1], { maxNewTokens: 20, useCache, stop, generator: new Generator().manualSeed(5) })) out.push(t);
      return out;
    };
    const cached = await run(true);
    expect(cached).toHaveLength(20);
    expect(await run(false)).toEqual(cached);
    const stopAt = cached[6];
    expect(await run(true, stopAt)).toEqual(cached.slice(0, cached.indexOf(stopAt)));
    expect(model.training).toBe(true); // back in the mode it was in
  });

  it('refuses what it cannot do, with the reason', async () => {
    const model = new GPT(small);
    await expect(generate(model, [], { maxNewTokens: 1 }).next()).rejects.toThrow('generate: the prompt needs at least one token');
    await expect(generate(model, [1], { maxNewTokens: 1, topP: 0 }).next()).rejects.toThrow('generate: topP must be in (0, 1], got 0');
    expect(() => model.forward(tensor([[1, 2, 3, 4, 5, 6, 7, 8, 9]], { dtype: 'int32' }))).toThrow('GPT: cannot forward a sequence of length 9, block size is only 8');
  });
});

describe('EncoderClassifier', () => {
  it.each(['mean', 'first'] as const)('gives the same logits with or without padding after the text (%s pooling)', (pooling) => {
    const model = new EncoderClassifier({ vocabSize: 20, maxLength: 10, nLayer: 2, nHead: 2, nEmbd: 8, numClasses: 3, pooling }, { generator: new Generator().manualSeed(4) });
    model.eval();
    const text = [5, 9, 3, 7];
    const alone = noGrad(() => model.forward(tensor([text], { dtype: 'int32' }))).toArraySync() as number[][];
    const padded = tensor([[...text, 0, 0, 0], [1, 2, 3, 4, 5, 6, 7]], { dtype: 'int32' });
    const paddingMask = tensor([[false, false, false, false, true, true, true], [false, false, false, false, false, false, false]]);
    const both = noGrad(() => model.forward(padded, { paddingMask })).toArraySync() as number[][];
    both[0].forEach((v, i) => expect(v).toBeCloseTo(alone[0][i], 5));
  });
});

describe('training helpers', () => {
  it('configureOptimizer decays linear weights only, the tied head counting as an embedding', () => {
    const model = new GPT(small);
    const [decay, noDecay] = configureOptimizer(model, { lr: 1e-3 }).paramGroups;
    const names = new Map(model.namedParameters().map(([n, p]) => [p, n]));
    expect(decay.weightDecay).toBe(0.1);
    expect(noDecay.weightDecay).toBe(0);
    expect(decay.params.map((p) => names.get(p))).toEqual(expect.arrayContaining(['transformer.h.0.attn.c_attn.weight', 'transformer.h.1.mlp.c_proj.weight']));
    expect(decay.params.map((p) => names.get(p)).every((n) => n!.endsWith('.weight') && !n!.includes('ln_') && !n!.includes('wte'))).toBe(true);
    expect(noDecay.params.map((p) => names.get(p))).toEqual(expect.arrayContaining(['transformer.wte.weight', 'transformer.wpe.weight', 'transformer.ln_f.weight', 'transformer.h.0.attn.c_attn.bias']));
    expect(decay.params.length + noDecay.params.length).toBe(model.parameters().length);
  });

  it("nanoGPTLearningRate warms up, decays by a cosine and holds the minimum, as nanoGPT's get_lr", () => {
    const o = { lr: 1e-3, warmupIters: 100, lrDecayIters: 2000, minLr: 1e-4 };
    expect(nanoGPTLearningRate(0, o)).toBeCloseTo(1e-3 / 101, 12);
    expect(nanoGPTLearningRate(100, o)).toBeCloseTo(1e-3, 12);
    expect(nanoGPTLearningRate(1050, o)).toBeCloseTo(5.5e-4, 12);
    expect(nanoGPTLearningRate(2000, o)).toBeCloseTo(1e-4, 12);
    expect(nanoGPTLearningRate(5000, o)).toBe(1e-4);
  });

  it('trainStep over micro-batches gives the gradient of the whole batch', async () => {
    const g = new Generator().manualSeed(6);
    const x = randint(0, small.vocabSize, [4, 8], { generator: g });
    const y = randint(0, small.vocabSize, [4, 8], { generator: g });
    const grads = async (batches: [Tensor, Tensor][]) => {
      const model = new GPT(small, { generator: new Generator().manualSeed(9) });
      const optimizer = configureOptimizer(model, { lr: 0 });
      await trainStep(optimizer, batches, (a, b) => languageModelLoss(model.forward(a), b), { clipNorm: 1e9 });
      return model.parameters().map((p) => p.grad!.toArraySync());
    };
    const whole = await grads([[x, y]]);
    const split = await grads([[x.narrow(0, 0, 2), y.narrow(0, 0, 2)], [x.narrow(0, 2, 2), y.narrow(0, 2, 2)]]);
    whole.forEach((w, i) => {
      const a = (w as number[][]).flat(2) as number[];
      const b = (split[i] as number[][]).flat(2) as number[];
      a.forEach((v, j) => expect(Math.abs(v - b[j])).toBeLessThan(1e-6));
    });
  });

  it('counts parameters as nanoGPT does', () => {
    const model = new GPT({ vocabSize: 65, blockSize: 64, nLayer: 4, nHead: 4, nEmbd: 128, bias: false });
    // nanoGPT prints "number of parameters: 0.80M" for its CPU Shakespeare model (its count leaves out the position embeddings)
    expect(model.numParameters({ nonEmbedding: true })).toBe(795_904);
    expect(model.numParameters()).toBe(795_904 + 64 * 128);
    expect(model.summary()).toContain('non-embedding parameters: 795,904');
  });
});
