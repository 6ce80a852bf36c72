// MultiHeadAttention against PyTorch 1.13's nn.MultiheadAttention (batch_first) with the same weights: every kind of
// mask with PyTorch's meaning (bool true = may not attend; float added; key padding true = ignored), per-head masks
// and cross-attention.
import { readFileSync } from 'node:fs';
import { noGrad } from '@typegrad/autograd';
import { tensor, toDevice } from '@typegrad/tensor';
import { describeBackends, expectClose } from '@typegrad/tensor/testing';
import { expect, it } from 'vitest';
import { MultiHeadAttention } from './index.js';

const fixture = JSON.parse(readFileSync(new URL('../fixtures/attention.json', import.meta.url), 'utf8'));
type Input = { dtype: 'bool' | 'float32'; shape: number[]; values: number[] };

describeBackends('MultiHeadAttention against nn.MultiheadAttention', (b) => {
  const tol = Math.max(b.tol, 2e-6);
  const on = (values: number[], shape: number[], dtype: 'bool' | 'float32' = 'float32') =>
    toDevice(tensor(dtype === 'bool' ? values.map(Boolean) : values, { shape, dtype }), b.device);

  async function layer(): Promise<MultiHeadAttention> {
    const attn = new MultiHeadAttention(fixture.embed_dim, fixture.num_heads, { device: b.device });
    const E = fixture.embed_dim;
    const shapes: Record<string, number[]> = { 'c_attn.weight': [3 * E, E], 'c_attn.bias': [3 * E], 'c_proj.weight': [E, E], 'c_proj.bias': [E] };
    const state = Object.fromEntries(await Promise.all(Object.entries(shapes).map(async ([k, s]) => [k, await on(fixture.weights[k], s)] as const)));
    attn.loadStateDict(state);
    return attn;
  }

  const cases: [string, any][] = fixture.cases.map((c: { name: string }) => [c.name, c]);
  it.each(cases)('%s', async (_, c) => {
    const attn = await layer();
    const x = await on(fixture.x, fixture.x_shape);
    const memory = c.cross ? await on(fixture.memory, fixture.memory_shape) : undefined;
    const mask = async (m?: Input) => (m ? on(m.values, m.shape, m.dtype) : undefined);
    const [attnMask, keyPaddingMask] = [await mask(c.attn_mask), await mask(c.key_padding_mask)];
    const out = noGrad(() => attn.forward(x, { memory, attnMask, keyPaddingMask }));
    await expectClose(out, { shape: c.shape, values: c.out }, c.name, tol, tol);
  });

  it('refuses masks of the wrong shape or dtype, naming them', async () => {
    const attn = await layer();
    const x = await on(fixture.x, fixture.x_shape);
    expect(() => attn.forward(x, { keyPaddingMask: tensor([true]).to(b.device) })).toThrow('MultiHeadAttention: key_padding_mask must be [2, 4], got [1]');
    expect(() => attn.forward(x, { attnMask: tensor([[1, 2]], { dtype: 'int32' }).to(b.device) })).toThrow('attn_mask must be [4, 4], [4, 4, 4] or [2, 2, 4, 4], got [1, 2]');
    expect(() => new MultiHeadAttention(10, 3)).toThrow('MultiHeadAttention: embed_dim must be divisible by num_heads (got 10 and 3)');
  });
});
