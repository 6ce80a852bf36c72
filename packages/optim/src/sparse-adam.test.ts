// Optimizers on row-sparse gradients (Embedding with sparse: true) against PyTorch 1.13's SparseAdam and SGD, four
// steps each (fixtures/make_sparse_fixtures.py), and what a step costs: the rows a batch used, not the table.
import { describe, expect, it } from 'vitest';
import { cat, tensor, zeros, type Device, type Tensor } from '@typegrad/tensor';
import { sparseGrad, sparseIndexSelect } from '@typegrad/autograd';
import { Adam, AdamW, clipGradNorm, SGD, SparseAdam, type Optimizer, type LrOptions } from './index.js';
import { loadFixture, maxAbsDiff, type Nested } from './testing/fixtures.js';
import { describeBackends, values } from '@typegrad/tensor/testing';

interface Step {
  loss: number;
  user: Nested;
  item: Nested;
  weight?: Nested;
  bias?: Nested;
}
interface Fixture {
  batches: { users: number[][]; items: number[][]; ratings: number[][]; reg: number };
  cases: { name: string; options: Record<string, unknown>; initial: { user: Nested; item: Nested }; steps: Step[] }[];
  network: { initial: { user: Nested; item: Nested; weight: Nested; bias: Nested }; steps: Step[] };
}

const fx = loadFixture<Fixture>('sparse_optimizers.json');
const { users, items, ratings, reg } = fx.batches;

describeBackends('optimizers on sparse gradients match PyTorch', (b) => {
  const on = { device: b.device as Device };
  const tol = b.device === 'cpu' ? 1e-5 : b.tol;
  const ids = (v: number[]) => tensor(v, { ...on, dtype: 'int32' });
  const param = (v: Nested) => tensor(v as number[][], on).requiresGrad_();
  // coalescing reads the rows on the host
  if (!b.syncRead) {
    it('SparseAdam says it needs a device that reads synchronously; SGD takes sparse gradients there', async () => {
      const w = param([[1, 2], [3, 4]]);
      sparseIndexSelect(w, ids([1, 1])).sum().backward();
      expect(() => new SparseAdam([w]).step()).toThrow(`RowSparseGrad.coalesce: the rows of a sparse gradient are read on the host, which ${b.device} cannot do synchronously`);
      new SGD([w], { lr: 0.5 }).step();
      expect(await values(w)).toEqual([1, 2, 2, 3]);
    });
    return;
  }

  for (const c of fx.cases) {
    it(`${c.name}: four steps of a matrix factorisation`, async () => {
      const user = param(c.initial.user);
      const item = param(c.initial.item);
      const optimizer: Optimizer<LrOptions> = c.name.startsWith('SGD') ? new SGD([user, item], c.options) : new SparseAdam([user, item], c.options);
      for (const [k, expected] of c.steps.entries()) {
        optimizer.zeroGrad();
        const pu = sparseIndexSelect(user, ids(users[k]));
        const qi = sparseIndexSelect(item, ids(items[k]));
        const pred = pu.mul(qi).sum(1);
        const loss = pred.sub(tensor(ratings[k], on)).square().mean().add(pu.square().sum(1).add(qi.square().sum(1)).mean().mul(reg));
        loss.backward();
        expect(user.grad).toBeNull();
        optimizer.step();
        expect(Math.abs((await loss.item()) - expected.loss), `loss at step ${k}`).toBeLessThan(tol);
        expect(maxAbsDiff(await values(user), expected.user), `user after step ${k + 1}`).toBeLessThan(tol);
        expect(maxAbsDiff(await values(item), expected.item), `item after step ${k + 1}`).toBeLessThan(tol);
      }
    });
  }

  it('an embedding network: SparseAdam on the embeddings beside Adam on the linear layer', async () => {
    const { initial, steps } = fx.network;
    const user = param(initial.user);
    const item = param(initial.item);
    const weight = param(initial.weight);
    const bias = tensor(initial.bias as number[], on).requiresGrad_();
    const sparse = new SparseAdam([user, item], { lr: 0.05 });
    const dense = new Adam([weight, bias], { lr: 0.05 });
    for (const [k, expected] of steps.entries()) {
      sparse.zeroGrad();
      dense.zeroGrad();
      const x = cat([sparseIndexSelect(user, ids(users[k])), sparseIndexSelect(item, ids(items[k]))], 1);
      const loss = x.matmul(weight.T).add(bias).select(1, 0).sub(tensor(ratings[k], on)).square().mean();
      loss.backward();
      sparse.step();
      dense.step();
      expect(Math.abs((await loss.item()) - expected.loss)).toBeLessThan(tol);
      for (const [name, t] of Object.entries({ user, item, weight, bias })) {
        expect(maxAbsDiff(await values(t), expected[name as keyof Step] as Nested), `${name} after step ${k + 1}`).toBeLessThan(tol);
      }
    }
  });

  it('moves only the rows in the gradient: other rows keep their values and their moments', async () => {
    const w = param([[1, 1], [2, 2], [3, 3]]);
    const optimizer = new SparseAdam([w], { lr: 0.1 });
    sparseIndexSelect(w, ids([0, 0])).sum().backward();
    optimizer.step();
    const state = optimizer.state.get(w)!;
    expect(state.step).toBe(1);
    expect(await values(w)).toEqual([0.9, 0.9, 2, 2, 3, 3].map((v) => expect.closeTo(v, 6)));
    expect(await values(state.exp_avg as Tensor)).toEqual([0.2, 0.2, 0, 0, 0, 0].map((v) => expect.closeTo(v, 6)));
    optimizer.zeroGrad();
    expect(sparseGrad(w)).toBeNull();
    sparseIndexSelect(w, ids([2])).sum().backward();
    optimizer.step();
    // row 0's moments did not decay: SparseAdam is lazy
    expect((await values(state.exp_avg as Tensor)).map((v) => Number(v.toFixed(6)))).toEqual([0.2, 0.2, 0, 0, 0.1, 0.1]);
  });

  it('refuses what it cannot do, with PyTorch\'s messages', () => {
    const w = param([[1, 2], [3, 4]]);
    sparseIndexSelect(w, ids([1])).sum().backward();
    expect(() => new Adam([w]).step()).toThrow('Adam does not support sparse gradients, please consider SparseAdam instead');
    expect(() => new AdamW([w]).step()).toThrow('AdamW does not support sparse gradients, please consider SparseAdam instead');
    expect(() => new SGD([w], { lr: 0.1, momentum: 0.9 }).step()).toThrow('SGD: sparse gradients are supported without momentum and weight decay only');
    const dense = param([[1, 2]]);
    dense.sum().backward();
    expect(() => new SparseAdam([dense]).step()).toThrow('SparseAdam does not support dense gradients, please consider Adam instead');
    expect(() => new SparseAdam([dense], { lr: 0 })).toThrow('SparseAdam: Invalid learning rate: 0');
    expect(() => new SparseAdam([dense], { eps: 0 })).toThrow('SparseAdam: Invalid epsilon value: 0');
    expect(() => new SparseAdam([dense], { betas: [0.9, 1] })).toThrow('SparseAdam: Invalid beta parameter at index 1: 1');
  });

  it('clipGradNorm counts a sparse gradient by its rows, each once, and scales it', async () => {
    const w = param([[0, 0], [0, 0]]);
    sparseIndexSelect(w, ids([1, 1])).mul(tensor([[1.5, 0], [1.5, 2]], on)).sum().backward(); // row 1: [3, 2]... summed
    const total = clipGradNorm([w], 1);
    expect(await total.item()).toBeCloseTo(Math.hypot(3, 2), 5);
    expect(await values(sparseGrad(w)!.toDense())).toEqual([0, 0, 3 / Math.hypot(3, 2), 2 / Math.hypot(3, 2)].map((v) => expect.closeTo(v, 5)));
  });
});

describe('a sparse step costs the rows it uses', () => {
  it('SparseAdam takes about as long on a table 100× as large (a dense step takes some 50–100× as long)', () => {
    const stepper = (rows: number) => {
      const w = zeros([rows, 8]).requiresGrad_();
      const optimizer = new SparseAdam([w], { lr: 0.1 });
      const ids = tensor([5, 17, 5, 1000 % rows], { dtype: 'int32' });
      return () => {
        optimizer.zeroGrad();
        sparseIndexSelect(w, ids).sum().backward();
        optimizer.step();
      };
    };
    const small = stepper(2_000);
    const large = stepper(200_000);
    small(); // the moments are made, full size, on the first step
    large();
    // interleaved rounds, so a busy machine slows both alike; the fastest round of each counts
    const best = { small: Infinity, large: Infinity };
    for (let round = 0; round < 7; round++) {
      for (const [name, step] of [['small', small], ['large', large]] as const) {
        const t0 = performance.now();
        for (let i = 0; i < 30; i++) step();
        best[name] = Math.min(best[name], performance.now() - t0);
      }
    }
    // a generous bound for a busy machine, still far below what a step over the whole table costs
    expect(best.large / best.small).toBeLessThan(8);
  });
});
