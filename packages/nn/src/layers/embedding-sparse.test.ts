// Embedding with sparse: true against PyTorch 1.13's nn.Embedding(sparse=True) (fixtures/sparse_embedding.json, made
// by fixtures/make_sparse_embedding_fixtures.py): the output, and the weight's gradient uncoalesced, coalesced and dense.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { gradcheck, sparseGrad } from '@typegrad/autograd';
import { randn, tensor } from '@typegrad/tensor';
import { describeBackends, values } from '@typegrad/tensor/testing';
import { Embedding } from './embedding.js';

interface Case {
  name: string;
  num: number;
  dim: number;
  paddingIdx: number | null;
  weight: number[][];
  ids: number[][];
  scale: number[][][];
  out: number[][][];
  grad: { indices: number[]; values: number[][]; coalescedIndices: number[]; coalescedValues: number[][]; dense: number[][] };
}

const { cases } = JSON.parse(readFileSync(new URL('../../fixtures/sparse_embedding.json', import.meta.url), 'utf8')) as { cases: Case[] };
const close = (a: number[], b: number[], tol: number) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= tol);

describeBackends('Embedding with sparse: true matches PyTorch', (b) => {
  const on = { device: b.device };
  const tol = b.device === 'cpu' ? 1e-6 : b.tol;
  for (const c of cases) {
    // leaving the padding row out reads the rows on the host
    if (c.paddingIdx !== null && !b.syncRead) continue;
    it(c.name, async () => {
      const emb = new Embedding(c.num, c.dim, { ...on, sparse: true, paddingIdx: c.paddingIdx ?? undefined });
      emb.loadStateDict({ weight: tensor(c.weight, on) });
      const out = emb.forward(tensor(c.ids, { ...on, dtype: 'int32' }));
      expect(close(await values(out), c.out.flat(2), tol)).toBe(true);
      out.mul(tensor(c.scale, on)).sum().backward();
      expect(emb.weight.grad).toBeNull();
      const g = sparseGrad(emb.weight)!;
      expect(await values(g.indices)).toEqual(c.grad.indices);
      expect(close(await values(g.values), c.grad.values.flat(), tol)).toBe(true);
      expect(close(await values(g.toDense()), c.grad.dense.flat(), tol)).toBe(true);
      if (b.syncRead) {
        const coalesced = g.coalesce();
        expect(await values(coalesced.indices)).toEqual(c.grad.coalescedIndices);
        expect(close(await values(coalesced.values), c.grad.coalescedValues.flat(), tol)).toBe(true);
      }
      emb.zeroGrad();
      expect(sparseGrad(emb.weight)).toBeNull();
    });
  }

  it("prints sparse=True as PyTorch does", () => {
    expect(new Embedding(10, 3, { ...on, sparse: true }).toString()).toBe('Embedding(10, 3, sparse=True)');
  });

  if (b.syncRead) {
    it('gradcheck in float64 through a sparse lookup', () => {
      const emb = new Embedding(4, 2, { sparse: true, dtype: 'float64' });
      const ids = tensor([[3, 1], [3, 3]], { dtype: 'int32' });
      const scale = randn([2, 2, 2], { dtype: 'float64' });
      expect(gradcheck((w) => {
        emb.weight = w;
        return emb.forward(ids).mul(scale).sin();
      }, [emb.weight])).toBe(true);
    });
  }
});
