import { describe, expect, it } from 'vitest';
import { sparseGrad } from '@typegrad/autograd';
import { init } from '@typegrad/nn';
import { Generator, tensor } from '@typegrad/tensor';
import { modelConfig, stateShapes, embeddingWidth, describeModel } from './config.js';
import { createModel } from './create.js';
import { EmbeddingNN } from './embedding-nn.js';
import { MatrixFactorization } from './matrix-factorization.js';
import { rawOffset } from './rating-model.js';

const data = { numUsers: 4, numItems: 6, mean: 3.5, scale: [0.5, 5] as [number, number] };
const ids = (v: number[]) => tensor(v, { dtype: 'int32' });
const close = (a: ArrayLike<number>, b: ArrayLike<number>, digits = 5) => Array.from(a).map((x, i) => expect(x).toBeCloseTo(b[i], digits));

describe('models', () => {
  it("settings: fastai's embedding widths, the squashing range half a star beyond the ratings", () => {
    expect(embeddingWidth(610)).toBe(58);
    expect(embeddingWidth(9724)).toBe(274);
    expect(modelConfig('mf', data)).toEqual({ kind: 'mf', ...data, scale: undefined, yRange: [0, 5.5], factors: 50 } as never);
    expect(modelConfig('bpr', data)).toMatchObject({ kind: 'bpr', mean: 0, yRange: null, factors: 64 });
    expect(describeModel(modelConfig('nn', data))).toBe('nn: embeddings 3 + 4, hidden 100 (ReLU), squashed into (0, 5.5)');
    expect(() => modelConfig('mf', { ...data, yRange: [1, 5] })).toThrow('the squashing range (1, 5) must hold the ratings\' scale (0.5, 5) strictly inside it');
  });

  it('matrix factorisation: σ(dot(U[u], V[i]) + b_u + b_i + logit of μ) squashed into the range; untrained, about μ', () => {
    const model = createModel(modelConfig('mf', { ...data, factors: 3 }), new Generator().manualSeed(1)) as MatrixFactorization;
    expect(Array.from(model.forward(ids([0, 3]), ids([5, 0])).dataSync()).map((v) => Number(v.toFixed(2)))).toEqual([3.5, 3.5]);
    model.loadStateDict({
      'userFactors.weight': tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]]),
      'itemFactors.weight': tensor([[0.5, 0.5, 0.5], [1, 0, 0], [0, 2, 0], [0, 0, 0], [0, 0, 0], [-1, 0, 0]]),
      'userBias.weight': tensor([[0.1], [0], [0], [-0.2]]),
      'itemBias.weight': tensor([[0.3], [0], [0], [0], [0], [0]]),
    });
    const z = [1 * -1 + 0.1 + 0, 1.5 - 0.2 + 0.3].map((v) => v + rawOffset(3.5, [0, 5.5]));
    close(model.forward(ids([0, 3]), ids([5, 0])).dataSync(), z.map((v) => 5.5 / (1 + Math.exp(-v))));
    // every item for some users: the same numbers as pairs
    const all = model.scoreItems(ids([3])).dataSync();
    close([all[5], all[0]], model.forward(ids([3, 3]), ids([5, 0])).dataSync());
    // a user given as a row: the same as their index
    close(model.forwardRow(model.userRow(3), ids([0, 2])).dataSync(), model.forward(ids([3, 3]), ids([0, 2])).dataSync());
  });

  it('the embedding network: scoring every item splits the first layer and gives what forward gives', () => {
    const model = createModel(modelConfig('nn', { ...data, hidden: [5, 3] }), new Generator().manualSeed(2)) as EmbeddingNN;
    for (const p of model.sparseParameters()) init.normal_(p, 0, 1); // away from the near-zero start, so the layers matter
    const scores = model.scoreItems(ids([1, 2])).dataSync();
    const pairs = model.forward(ids([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]), ids([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5])).dataSync();
    close(scores, pairs);
    close(model.forwardRow(model.userRow(2), ids([4])).dataSync(), [pairs[10]]);
  });

  it('state dicts have the shapes checkpoints are checked against', () => {
    for (const kind of ['mf', 'nn', 'bpr'] as const) {
      const config = modelConfig(kind, { ...data, hidden: [7] });
      const state = createModel(config).stateDict();
      expect(Object.fromEntries(Object.entries(state).map(([k, t]) => [k, t.shape]))).toEqual(stateShapes(config));
    }
  });

  it('embedding tables get row-sparse gradients; only the layers get dense ones', () => {
    const model = createModel(modelConfig('nn', data), new Generator().manualSeed(3));
    const { output, penalty } = model.forwardWithPenalty(ids([0, 2]), ids([1, 1]));
    output.sum().add(penalty).backward();
    for (const p of model.sparseParameters()) {
      expect(p.grad).toBeNull();
      expect(sparseGrad(p)).not.toBeNull();
    }
    for (const p of model.denseParameters()) expect(p.grad).not.toBeNull();
    expect(model.sparseParameters()).toHaveLength(2);
    expect(createModel(modelConfig('mf', data)).sparseParameters()).toHaveLength(4);
  });
});
