// Three steps of a 4-8-3 Linear-Tanh-Linear model under each optimizer, compared with PyTorch 1.13 (float32, CPU).
import { describe, expect, it } from 'vitest';
import { tensor, type Tensor } from '@typegrad/tensor';
import '@typegrad/autograd';
import { Adam, AdamW, SGD, type Optimizer, type LrOptions } from './index.js';
import { loadFixture, maxAbsDiff, type Nested } from './testing/fixtures.js';

type Name = 'w1' | 'b1' | 'w2' | 'b2';
interface Case {
  name: string;
  optimizer: 'SGD' | 'Adam' | 'AdamW';
  options: Record<string, unknown>;
  groups?: ({ params: Name[] } & Record<string, unknown>)[];
  steps: { loss: number; params: Record<Name, Nested> }[];
}
interface Fixture {
  model: { x: Nested; y: number[]; params: Record<Name, Nested> };
  cases: Case[];
}

const fx = loadFixture<Fixture>('optimizers.json');
const x = tensor(fx.model.x as number[][]);
const y = tensor(fx.model.y, { dtype: 'int32' });
const NAMES: Name[] = ['w1', 'b1', 'w2', 'b2'];

/** Linear(4, 8) → Tanh → Linear(8, 3) → cross-entropy, written with plain tensor ops. */
function loss(P: Record<Name, Tensor>): Tensor {
  const h = x.matmul(P.w1.T).add(P.b1).tanh();
  const logits = h.matmul(P.w2.T).add(P.b2);
  return logits.logSoftmax(1).gather(1, y.unsqueeze(1)).neg().mean();
}

function build(c: Case, P: Record<Name, Tensor>): Optimizer<LrOptions> {
  const Ctor = { SGD, Adam, AdamW }[c.optimizer];
  const params = c.groups ? c.groups.map((g) => ({ ...g, params: g.params.map((n) => P[n]) })) : NAMES.map((n) => P[n]);
  return new Ctor(params, c.options) as Optimizer<LrOptions>;
}

describe('optimizers match PyTorch on a small model', () => {
  for (const c of fx.cases) {
    it(`${c.name}: three steps`, () => {
      const P = Object.fromEntries(NAMES.map((n) => [n, tensor(fx.model.params[n] as number[]).requiresGrad_()])) as Record<Name, Tensor>;
      const originals = { ...P };
      const optimizer = build(c, P);
      for (const [k, expected] of c.steps.entries()) {
        optimizer.zeroGrad();
        const l = loss(P);
        l.backward();
        optimizer.step();
        expect(Math.abs(l.itemSync() - expected.loss), `loss at step ${k}`).toBeLessThan(1e-5);
        for (const n of NAMES) expect(maxAbsDiff(P[n], expected.params[n]), `${n} after step ${k + 1}`).toBeLessThan(1e-5);
      }
      for (const n of NAMES) expect(P[n]).toBe(originals[n]); // updated in place: same tensors
    });
  }
});
