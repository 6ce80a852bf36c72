import { describe, expect, it } from 'vitest';
import { noGrad } from '@typegrad/autograd';
import { Generator, tensor } from '@typegrad/tensor';
import { interactionsOf, itemsByUser, meanRating } from '../data/interactions.js';
import { modelConfig } from '../models/config.js';
import { createModel } from '../models/create.js';
import { MatrixFactorization } from '../models/matrix-factorization.js';
import { rawOffset } from '../models/rating-model.js';
import { syntheticRatings } from '../testing/synthetic.js';
import { trainModel } from '../train/train.js';
import { explainItem } from './explain.js';
import { foldInUser } from './fold-in.js';
import { solveSpd, topEigenvectors } from './linear-algebra.js';
import { recommendNewUser } from './new-user.js';
import { recommendForUser } from './recommend.js';
import { similarItems } from './similar.js';

const data = { numUsers: 3, numItems: 5, mean: 3, scale: [1, 5] as [number, number] };

/** A matrix factorisation with the given tables (2 factors). */
function handMade(kind: 'mf' | 'bpr', items: number[][], itemBias = [0, 0, 0, 0, 0]) {
  const model = createModel(modelConfig(kind, { ...data, factors: 2, yRange: false })) as MatrixFactorization;
  model.loadStateDict({
    'userFactors.weight': tensor([[1, 0], [0, 1], [1, 1]]),
    'itemFactors.weight': tensor(items),
    'userBias.weight': tensor([[0], [0.5], [0]]),
    'itemBias.weight': tensor(itemBias.map((b) => [b])),
  });
  return model;
}

async function trained() {
  const ratings = syntheticRatings(50, 30, 14);
  const train = interactionsOf(ratings);
  const generator = new Generator().manualSeed(3);
  const model = createModel(modelConfig('mf', { numUsers: train.numUsers, numItems: train.numItems, mean: meanRating(train), scale: ratings.scale, factors: 6 }), generator);
  await trainModel(model, train, { epochs: 15, batchSize: 32, lr: 0.05, reg: 0.01, generator });
  return { model, train };
}

describe('small linear algebra', () => {
  it('solves a positive-definite system; finds the top eigenvectors', () => {
    expect(Array.from(solveSpd(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 1)))).toEqual([0.5, 0]);
    expect(() => solveSpd(Float64Array.of(1, 2, 2, 1), Float64Array.of(1, 1))).toThrow('solveSpd: the matrix is not positive definite');
    const [first, second] = topEigenvectors(Float64Array.of(2, 1, 1, 2), 2);
    expect(first.value).toBeCloseTo(3, 8);
    expect(Array.from(first.vector).map((v) => Number(v.toFixed(6)))).toEqual([0.707107, 0.707107]);
    expect(second.value).toBeCloseTo(1, 8);
  });
});

describe('recommendations', () => {
  it("a known user's best unseen items, best first, with the model's output", () => {
    const model = handMade('mf', [[3, 0], [2, 0], [0, 5], [1, 0], [-1, 0]]);
    // user 0 = [1, 0], bias 0: items score 3, 2, 0, 1, −1 (+ μ 3); item 0 is seen
    const recs = recommendForUser(model, 0, new Set([0]), 3);
    expect(recs.map((r) => r.item)).toEqual([1, 3, 2]);
    expect(recs[0].score).toBeCloseTo(5, 6);
  });

  it('explanations: the rated items\' shares add up to the score of the least-squares user vector (Hu, Koren, Volinsky)', () => {
    const model = handMade('mf', [[1, 0], [0, 1], [1, 1], [2, -1], [0.5, 0.5]], [0.1, -0.2, 0, 0.3, 0]);
    const rated = [{ item: 0, rating: 5 }, { item: 1, rating: 2 }, { item: 3, rating: 4 }];
    // by hand: u = (VᵀV + λI)⁻¹ Vᵀ t, with t = rating − μ − b_u − b_i and λ = reg × 3 ratings; item 2 is [1, 1]
    const V = [[1, 0], [0, 1], [2, -1]];
    const t = rated.map((r, j) => r.rating - 3 - 0.25 - [0.1, -0.2, 0.3][j]);
    const A = Float64Array.of(1 + 4 + 0.3, -2, -2, 1 + 1 + 0.3);
    const u = solveSpd(A, Float64Array.of(V.reduce((s, v, j) => s + v[0] * t[j], 0), V.reduce((s, v, j) => s + v[1] * t[j], 0)));
    const every = explainItem(model, rated, 2, { reg: 0.1, userBias: 0.25, all: true });
    expect(every.reduce((s, r) => s + r.share, 0)).toBeCloseTo(u[0] + u[1], 6);
    // by default: the positive shares only, largest first
    const reasons = explainItem(model, rated, 2, { reg: 0.1, userBias: 0.25 });
    expect(reasons).toEqual(every.filter((r) => r.share > 0));
    expect(reasons.map((r) => r.share)).toEqual([...reasons.map((r) => r.share)].sort((x, y) => y - x));
  });

  it('fold-in: a user made from their ratings predicts them about as well as the trained user', async () => {
    const { model, train } = await trained();
    const user = 7;
    const rated = [...itemsByUser(train)[user]].map((item) => ({ item, rating: train.ratings[[...train.items.keys()].find((k) => train.users[k] === user && train.items[k] === item)!] }));
    const row = foldInUser(model, rated, { steps: 150, lr: 0.05, reg: 0.01 });
    const items = tensor(rated.map((r) => r.item), { dtype: 'int32' });
    const rmse = (pred: ArrayLike<number>) => Math.sqrt(rated.reduce((s, r, k) => s + (pred[k] - r.rating) ** 2, 0) / rated.length);
    const folded = rmse(noGrad(() => model.forwardRow(row, items)).dataSync());
    const learned = rmse(noGrad(() => model.forwardRow(model.userRow(user), items)).dataSync());
    const mean = rated.reduce((s, r) => s + r.rating, 0) / rated.length;
    expect(folded).toBeLessThan(Math.max(learned * 1.5, 0.3));
    expect(folded).toBeLessThan(rmse(rated.map(() => mean)));
    // the model itself is unchanged: its parameters have no gradient
    for (const p of model.parameters()) expect(p.grad).toBeNull();
  });

  it("a new user's recommendations leave out what they rated and give reasons from their ratings", async () => {
    const { model } = await trained();
    const rated = [{ item: 0, rating: 5 }, { item: 1, rating: 1 }, { item: 2, rating: 4.5 }];
    const { recommendations } = recommendNewUser(model, rated, { count: 5 });
    expect(recommendations).toHaveLength(5);
    for (const r of recommendations) {
      expect(rated.some((x) => x.item === r.item)).toBe(false);
      for (const reason of r.reasons) expect(rated.some((x) => x.item === reason.item)).toBe(true);
    }
    expect(recommendations.map((r) => r.score)).toEqual([...recommendations.map((r) => r.score)].sort((a, b) => b - a));
  });

  it('similar items: cosine follows the angle, the dot product favours long vectors', () => {
    // item 0 points along x; item 1 is short and exactly aligned; item 2 is long and at 45°
    const model = handMade('bpr', [[1, 0], [0.1, 0], [3, 3], [0, 1], [-1, 0]]);
    const { cosine, dot } = similarItems(model, 0, { count: 2 });
    expect(cosine.map((n) => n.item)).toEqual([1, 2]);
    expect(cosine[0].score).toBeCloseTo(1, 6);
    expect(dot.map((n) => n.item)).toEqual([2, 1]);
    expect(dot[0].score).toBeCloseTo(3, 6);
    expect(similarItems(model, 0, { count: 2, candidates: (i) => i !== 2 }).dot.map((n) => n.item)).toEqual([1, 3]);
    expect(rawOffset(3, null)).toBe(3);
  });
});
