// Three steps of a 4-8-3 Linear-Tanh-Linear model under each optimizer, compared with PyTorch 1.13 (float32, CPU):
// to 1e-5 on the CPU, and within float32 tolerance on WebGPU.
import { expect, it } from 'vitest';
import { full, memoryStats, tensor, toDevice, type Device, type Tensor } from '@typegrad/tensor';
import '@typegrad/autograd';
import { Adam, AdamW, clipGradNorm, cosineWithWarmup, SGD, StepLR, type Optimizer, type LrOptions } from './index.js';
import { loadFixture, maxAbsDiff, type Nested } from './testing/fixtures.js';
import { describeBackends, describeWebGPU, values } from '@typegrad/tensor/testing';

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
const NAMES: Name[] = ['w1', 'b1', 'w2', 'b2'];

/** Linear(4, 8) → Tanh → Linear(8, 3) → cross-entropy, written with plain tensor ops. */
function loss(P: Record<Name, Tensor>, x: Tensor, y: Tensor): Tensor {
  const h = x.matmul(P.w1.T).add(P.b1).tanh();
  const logits = h.matmul(P.w2.T).add(P.b2);
  return logits.logSoftmax(1).gather(1, y.unsqueeze(1)).neg().mean();
}

function build(c: Case, P: Record<Name, Tensor>): Optimizer<LrOptions> {
  const Ctor = { SGD, Adam, AdamW }[c.optimizer];
  const params = c.groups ? c.groups.map((g) => ({ ...g, params: g.params.map((n) => P[n]) })) : NAMES.map((n) => P[n]);
  return new Ctor(params, c.options) as Optimizer<LrOptions>;
}

describeBackends('optimizers match PyTorch on a small model', (b) => {
  const on = { device: b.device as Device };
  // 1e-5 on the CPU, as PyTorch's own float32 CPU run; a GPU sums in another order (it agrees to about 2e-5)
  const tol = b.device === 'cpu' ? 1e-5 : b.tol;
  for (const c of fx.cases) {
    it(`${c.name}: three steps`, async () => {
      const x = tensor(fx.model.x as number[][], on);
      const y = tensor(fx.model.y, { dtype: 'int32', ...on });
      const P = Object.fromEntries(NAMES.map((n) => [n, tensor(fx.model.params[n] as number[], on).requiresGrad_()])) as Record<Name, Tensor>;
      const originals = { ...P };
      const optimizer = build(c, P);
      for (const [k, expected] of c.steps.entries()) {
        optimizer.zeroGrad();
        const l = loss(P, x, y);
        l.backward();
        optimizer.step();
        expect(Math.abs((await l.item()) - expected.loss), `loss at step ${k}`).toBeLessThan(tol);
        for (const n of NAMES) expect(maxAbsDiff(await values(P[n]), expected.params[n]), `${n} after step ${k + 1}`).toBeLessThan(tol);
      }
      for (const n of NAMES) {
        expect(P[n]).toBe(originals[n]); // updated in place: same tensors
        expect(P[n].device).toBe(b.device);
      }
      for (const s of optimizer.state.values()) for (const v of Object.values(s)) if (typeof v === 'object' && v !== null && 'device' in v) expect((v as Tensor).device).toBe(b.device);
    });
  }
});

describeWebGPU('a training loop with clipGradNorm and schedulers gives the CPU\'s parameters', (b) => {
  /** Ten steps of SGD-momentum and of AdamW on the fixture's model, gradients clipped, rates scheduled. */
  async function train(device: Device, which: 'SGD' | 'AdamW'): Promise<{ losses: number[]; norms: number[]; lrs: number[]; params: number[][] }> {
    const x = tensor(fx.model.x as number[][], { device });
    const y = tensor(fx.model.y, { dtype: 'int32', device });
    const P = Object.fromEntries(await Promise.all(NAMES.map(async (n) => [n, (await toDevice(tensor(fx.model.params[n] as number[]), device)).requiresGrad_()] as const))) as Record<Name, Tensor>;
    const params = NAMES.map((n) => P[n]);
    const optimizer = which === 'SGD' ? new SGD(params, { lr: 0.5, momentum: 0.9, nesterov: true }) : new AdamW(params, { lr: 0.05 });
    const scheduler = which === 'SGD' ? new StepLR(optimizer, { stepSize: 4, gamma: 0.1 }) : cosineWithWarmup(optimizer, { warmupSteps: 3, totalSteps: 10 });
    const out = { losses: [] as number[], norms: [] as number[], lrs: [] as number[], params: [] as number[][] };
    for (let i = 0; i < 10; i++) {
      optimizer.zeroGrad();
      const l = loss(P, x, y);
      l.backward();
      const norm = clipGradNorm(params, 0.5);
      optimizer.step();
      scheduler.step();
      out.losses.push(await l.item());
      out.norms.push(await norm.item());
      out.lrs.push(optimizer.paramGroups[0].lr);
    }
    for (const p of params) out.params.push(await values(p));
    return out;
  }
  for (const which of ['SGD', 'AdamW'] as const) {
    it(`${which} with ${which === 'SGD' ? 'StepLR' : 'cosineWithWarmup'}: ten steps`, async () => {
      const cpu = await train('cpu', which);
      const gpu = await train(b.device, which);
      expect(gpu.lrs).toEqual(cpu.lrs);
      expect(maxAbsDiff(gpu.losses, cpu.losses)).toBeLessThan(b.tol);
      expect(maxAbsDiff(gpu.norms, cpu.norms)).toBeLessThan(b.tol);
      cpu.params.forEach((e, i) => expect(maxAbsDiff(gpu.params[i], e), NAMES[i]).toBeLessThan(b.tol));
    });
  }
});

describeWebGPU('optimizer state starts at zero on a GPU', (b) => {
  // zerosLike on a GPU may take a pooled buffer that still holds an old tensor's values and clear it lazily; the
  // first in-place update of the state (m ← β1·m + …) must see zeros, not those values
  it('Adam and SGD-momentum after the pool has handed out used buffers of the same size', async () => {
    for (const Ctor of [Adam, SGD] as const) {
      const junk = full([6, 5], 1e3, { device: b.device });
      await junk.data();
      junk.dispose();
      const p = tensor(new Float32Array(30).fill(0.5), { shape: [6, 5], device: b.device }).requiresGrad_();
      p.grad = tensor(new Float32Array(30).fill(1), { shape: [6, 5], device: b.device });
      const opt = Ctor === Adam ? new Adam([p], { lr: 0.1 }) : new SGD([p], { lr: 0.1, momentum: 0.9 });
      opt.step();
      // one Adam step moves each weight by lr (m̂/√v̂ = 1); one SGD step by lr·g
      const bad = (await values(p)).filter((v) => !(Math.abs(v - 0.4) <= 1e-6));
      expect(bad, `${Ctor.name}: weights that did not start from zero state`).toEqual([]);
    }
  });
});

describeWebGPU('step() returns its scratch tensors at once', (b) => {
  it('Adam with weight decay and AMSGrad: after the first step only the state is new; later steps add nothing', async () => {
    const p = tensor(new Float32Array(12).fill(0.5), { shape: [3, 4], device: b.device }).requiresGrad_();
    p.grad = tensor(new Float32Array(12).fill(1), { shape: [3, 4], device: b.device });
    const opt = new Adam([p], { lr: 0.1, weightDecay: 0.01, amsgrad: true, maximize: true });
    const start = memoryStats(b.device).buffers;
    opt.step();
    expect(memoryStats(b.device).buffers - start).toBe(3); // exp_avg, exp_avg_sq, max_exp_avg_sq
    opt.step();
    opt.step();
    expect(memoryStats(b.device).buffers - start).toBe(3);
    // maximize ascends: three steps of lr against a constant gradient (weight decay nudges it slightly)
    for (const v of await values(p)) expect(v).toBeCloseTo(0.8, 2);
  });
});
