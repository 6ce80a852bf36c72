// The Optimizer base: parameter groups, zeroGrad, step, and saving/restoring state.
import { describe, expect, it } from 'vitest';
import { manualSeed, randn, tensor, type Tensor } from '@typegrad/tensor';
import '@typegrad/autograd';
import { Adam, AdamW, SGD, type OptimizerStateDict, type AdamOptions } from './index.js';
import * as optim from './index.js';

/** A small least-squares problem on fixed data, and its parameters. */
function problem(seed = 0) {
  manualSeed(seed);
  const X = randn([16, 3]);
  const y = randn([16, 2]);
  const params = { w: randn([3, 2]).requiresGrad_(), b: randn([2]).requiresGrad_() };
  const loss = (w: Tensor, b: Tensor) => X.matmul(w).add(b).sub(y).pow(2).mean();
  return { params, loss };
}

function clone(t: Tensor): Tensor {
  return t.detach().clone().requiresGrad_();
}

describe('Optimizer', () => {
  it('takes parameters or groups whose options override the defaults', () => {
    const a = tensor([1]).requiresGrad_();
    const b = tensor([2]).requiresGrad_();
    const single = new SGD([a, b], { lr: 0.1 });
    expect(single.paramGroups).toHaveLength(1);
    expect(single.paramGroups[0]).toMatchObject({ lr: 0.1, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false });
    expect(single.paramGroups[0].params).toEqual([a, b]);

    const grouped = new SGD([{ params: [a], lr: 1 }, { params: b, momentum: 0.5 }], { lr: 0.1 });
    expect(grouped.paramGroups.map((g) => [g.lr, g.momentum])).toEqual([[1, 0], [0.1, 0.5]]);
    expect(grouped.paramGroups[1].params).toEqual([b]);
  });

  it('accepts any iterable of parameters, e.g. a generator', () => {
    function* params() {
      yield tensor([1]).requiresGrad_();
      yield tensor([2]).requiresGrad_();
    }
    expect(new Adam(params()).paramGroups[0].params).toHaveLength(2);
  });

  it('adds parameter groups later, each parameter in one group only', () => {
    const a = tensor([1]).requiresGrad_();
    const b = tensor([2]).requiresGrad_();
    const optimizer = new AdamW([a]);
    optimizer.addParamGroup({ params: [b], lr: 1e-4, weightDecay: 0 });
    expect(optimizer.paramGroups[1]).toMatchObject({ lr: 1e-4, weightDecay: 0, betas: [0.9, 0.999] });
    expect(optimizer.paramGroups[1].betas).not.toBe(optimizer.paramGroups[0].betas);
    expect(() => optimizer.addParamGroup({ params: [a] })).toThrow('AdamW: some parameters appear in more than one parameter group');
  });

  it('refuses what it cannot optimize, with clear messages', () => {
    const p = tensor([1]).requiresGrad_();
    expect(() => new SGD([])).toThrow('SGD: optimizer got an empty parameter list');
    expect(() => new SGD(p as unknown as Tensor[])).toThrow('should be an iterable of Tensors or param groups, but got a Tensor');
    expect(() => new SGD([p.mul(2)])).toThrow("SGD: can't optimize a non-leaf Tensor");
    expect(() => new SGD([tensor([1], { dtype: 'int32' })])).toThrow('can only optimize floating point Tensors');
    expect(() => new SGD([p, p])).toThrow('duplicate parameters');
    expect(() => new Adam([p], { betas: [1, 0.999] })).toThrow('Adam: Invalid beta parameter at index 0: 1');
    expect(() => new Adam([p], { eps: -1 })).toThrow('Adam: Invalid epsilon value: -1');
    expect(() => new AdamW([p], { weightDecay: -0.1 })).toThrow('AdamW: Invalid weight_decay value: -0.1');
  });

  it('names every optimizer and scheduler by its declared typeName, which minifiers leave alone', () => {
    const classes = Object.values(optim).filter((v) => typeof v === 'function' && /^class /.test(Function.prototype.toString.call(v)));
    expect(classes.map((c) => c.name)).toEqual(expect.arrayContaining(['SGD', 'Adam', 'AdamW', 'StepLR', 'CosineAnnealingLR']));
    for (const c of classes) expect(Object.hasOwn(c, 'typeName') && (c as { typeName?: string }).typeName, c.name).toBe(c.name);
    const Minified = { [`It`]: class extends SGD {} }.It; // no typeName of its own: its (renamed) class name
    expect(() => new Minified([])).toThrow('It: optimizer got an empty parameter list');
  });

  it('zeroGrad sets grads to null, or to zeros when asked', () => {
    const p = tensor([1, 2]).requiresGrad_();
    const optimizer = new SGD([p], { lr: 0.1 });
    p.mul(3).sum().backward();
    optimizer.zeroGrad(false);
    expect(p.grad!.toArraySync()).toEqual([0, 0]);
    optimizer.zeroGrad();
    expect(p.grad).toBeNull();
  });

  it('step runs without recording and returns the closure’s loss', () => {
    const { params, loss } = problem();
    const optimizer = new SGD([params.w, params.b], { lr: 0.1 });
    const before = loss(params.w, params.b).itemSync();
    const l = optimizer.step(() => {
      optimizer.zeroGrad();
      const value = loss(params.w, params.b);
      value.backward();
      return value;
    });
    expect(l!.itemSync()).toBeCloseTo(before, 6);
    expect(params.w.gradFn).toBeNull();
    expect(loss(params.w, params.b).itemSync()).toBeLessThan(before);
  });
});

describe('stateDict', () => {
  function run(optimizer: { zeroGrad(): void; step(): unknown }, w: Tensor, b: Tensor, loss: (w: Tensor, b: Tensor) => Tensor, steps: number) {
    for (let i = 0; i < steps; i++) {
      optimizer.zeroGrad();
      loss(w, b).backward();
      optimizer.step();
    }
  }

  it('lays state out by parameter index, as PyTorch', () => {
    const { params, loss } = problem();
    const optimizer = new Adam([{ params: [params.w] }, { params: [params.b], lr: 0.01, amsgrad: true }]);
    run(optimizer, params.w, params.b, loss, 3);
    const saved = optimizer.stateDict();
    expect(Object.keys(saved.state)).toEqual(['0', '1']);
    expect(saved.state[0].step).toBe(3);
    expect(saved.state[0].exp_avg).toBe(optimizer.state.get(params.w)!.exp_avg);
    expect(Object.keys(saved.state[1]).sort()).toEqual(['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq', 'step']);
    expect(saved.param_groups).toEqual([
      { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, params: [0] },
      { lr: 0.01, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: true, maximize: false, params: [1] },
    ]);
  });

  it('resumes exactly: 3 Adam steps, save, load into a fresh optimizer on cloned params, 2 more steps on both', () => {
    const { params, loss } = problem();
    const optimizer = new Adam([params.w, params.b], { lr: 0.05, weightDecay: 0.01 });
    run(optimizer, params.w, params.b, loss, 3);

    const w2 = clone(params.w);
    const b2 = clone(params.b);
    const resumed = new Adam([w2, b2], { lr: 0.5 }); // options come back from the state dict
    resumed.loadStateDict(optimizer.stateDict());
    expect(resumed.paramGroups[0]).toMatchObject({ lr: 0.05, weightDecay: 0.01 });
    expect(resumed.state.get(w2)!.exp_avg).not.toBe(optimizer.state.get(params.w)!.exp_avg); // copied, not shared

    run(optimizer, params.w, params.b, loss, 2);
    run(resumed, w2, b2, loss, 2);
    expect(w2.toArraySync()).toEqual(params.w.toArraySync());
    expect(b2.toArraySync()).toEqual(params.b.toArraySync());
    expect(resumed.state.get(w2)!.step).toBe(5);
  });

  it('resumes SGD momentum the same way', () => {
    const { params, loss } = problem(1);
    const optimizer = new SGD([params.w, params.b], { lr: 0.1, momentum: 0.9, nesterov: true });
    run(optimizer, params.w, params.b, loss, 3);
    const w2 = clone(params.w);
    const b2 = clone(params.b);
    const resumed = new SGD([w2, b2]);
    resumed.loadStateDict(optimizer.stateDict());
    run(optimizer, params.w, params.b, loss, 2);
    run(resumed, w2, b2, loss, 2);
    expect(w2.toArraySync()).toEqual(params.w.toArraySync());
  });

  it('refuses a state dict that does not fit, naming the mismatch', () => {
    const { params, loss } = problem();
    const optimizer = new Adam([params.w, params.b]);
    run(optimizer, params.w, params.b, loss, 1);
    const saved = optimizer.stateDict();
    const other = new Adam([{ params: [clone(params.w)] }, { params: [clone(params.b)] }]);
    expect(() => other.loadStateDict(saved)).toThrow('Adam.loadStateDict: loaded state dict has 1 parameter groups, but the optimizer has 2');
    const fewer = new Adam([clone(params.w)]);
    expect(() => fewer.loadStateDict(saved)).toThrow("doesn't match the size of optimizer's group (1)");
    const swapped = new Adam([clone(params.b), clone(params.w)]);
    expect(() => swapped.loadStateDict(saved)).toThrow("state 'exp_avg' of parameter 0 has shape [3, 2], but the parameter has shape [2]");
    expect(() => fewer.loadStateDict({} as OptimizerStateDict<AdamOptions>)).toThrow("expected an object with 'state' and 'param_groups'");
  });
});
