import { describe, expect, it } from 'vitest';
import { Generator, memoryStats, randn, tensor, toDevice, zeros } from '@typegrad/tensor';
import { gradcheck, noGrad, enableGrad, isGradEnabled } from './index.js';
import { describeWebGPU, values } from '@typegrad/tensor/testing';

const vec = (v: number[]) => tensor(v).requiresGrad_();

describe('backward', () => {
  it('computes gradients of a scalar with respect to leaves', async () => {
    const x = vec([1, 2, 3]);
    const y = x.mul(x).sum(); // dy/dx = 2x
    y.backward();
    expect(await x.grad!.toArray()).toEqual([2, 4, 6]);
    expect(y.gradFn?.name).toBe('SumBackward');
    expect(x.isLeaf).toBe(true);
    expect(y.isLeaf).toBe(false);
  });

  it('gives every leaf a gradient of its own, even where backward shares one tensor between inputs', async () => {
    const a = vec([1, 2, 3]);
    const b = vec([4, 5, 6]);
    const w = tensor([1, 10, 100]);
    a.add(b).mul(w).sum().backward(); // add passes one gradient tensor to both inputs
    expect(a.grad!.storage).not.toBe(b.grad!.storage);
    a.grad!.add_(1);
    expect(await b.grad!.toArray()).toEqual([1, 10, 100]);
    expect(await a.grad!.toArray()).toEqual([2, 11, 101]);
  });

  it('accumulates across calls until zeroed, as PyTorch', async () => {
    const w = vec([1, -1]);
    w.mul(3).sum().backward();
    w.mul(3).sum().backward();
    expect(await w.grad!.toArray()).toEqual([6, 6]);
    w.grad = null;
    w.mul(3).sum().backward();
    expect(await w.grad!.toArray()).toEqual([3, 3]);
  });

  it('adds gradients that meet at a tensor used twice', async () => {
    const x = vec([2]);
    const h = x.mul(3);
    h.mul(h).add(h).sum().backward(); // d/dx (9x² + 3x) = 18x + 3
    expect(await x.grad!.toArray()).toEqual([39]);
  });

  it('takes a gradient for non-scalar outputs, and refuses without one', async () => {
    const x = vec([1, 2]);
    expect(() => x.mul(2).backward()).toThrow('backward: grad can be implicitly created only for scalar outputs (got shape [2]); pass a gradient');
    x.mul(2).backward(tensor([1, 10]));
    expect(await x.grad!.toArray()).toEqual([2, 20]);
    expect(() => x.mul(2).backward(tensor([1]))).toThrow('backward: mismatch in shape: grad_output has a shape of [1] and output has a shape of [2]');
  });

  it('refuses a second backward through freed saved values, unless retainGraph', async () => {
    const x = vec([1, 2]);
    const z = x.exp().sum();
    z.backward(undefined, { retainGraph: true });
    z.backward();
    expect(() => z.backward()).toThrow(/trying to backward through the graph a second time/);
  });

  it('refuses backward on tensors that do not require grad', () => {
    expect(() => tensor([1]).sum().backward()).toThrow('backward: element 0 of tensors does not require grad and does not have a grad_fn');
  });

  it('keeps grads of intermediates that retainGrad()', async () => {
    const x = vec([1, 2]);
    const h = x.mul(2).retainGrad();
    h.pow(2).sum().backward();
    expect(await h.grad!.toArray()).toEqual([4, 8]);
    expect(await x.grad!.toArray()).toEqual([8, 16]);
  });

  it('detects in-place changes to values saved for backward', () => {
    const x = vec([1, 2]);
    const a = tensor([3, 4]);
    const y = x.mul(a).sum();
    a.mul_(2);
    expect(() => y.backward()).toThrow(/modified by an inplace operation: \[float32 \[2\]\], which is input 1 of MulBackward, is at version 1; expected version 0/);
  });

  it('names an input that was disposed before backward, rather than calling it modified', () => {
    const x = vec([1, 2]);
    const a = tensor([3, 4]);
    const y = x.mul(a).sum();
    a.dispose();
    expect(() => y.backward()).toThrow(
      'backward: one of the variables needed for gradient computation was released by dispose(): [float32 [2]], which is input 1 of MulBackward; keep tensors a graph uses undisposed until backward has run.',
    );
  });

  it('refuses in-place ops on leaves that require grad, outside noGrad', () => {
    const w = vec([1, 2]);
    expect(() => w.sub_(1)).toThrow('a leaf Variable that requires grad is being used in an in-place operation.');
    noGrad(() => w.sub_(1));
    expect(w.toArraySync()).toEqual([0, 1]);
  });

  it('does not record integer or bool results', () => {
    const x = vec([1, -2]);
    expect(x.gt(0).requiresGrad).toBe(false);
    expect(x.argmax().requiresGrad).toBe(false);
  });

  it('detach() cuts the graph', async () => {
    const x = vec([3]);
    const y = x.mul(x.detach()).sum(); // only one factor differentiates
    y.backward();
    expect(await x.grad!.toArray()).toEqual([3]);
  });

  it('leaf grads own contiguous memory, even from broadcast or summed gradients', () => {
    const b = vec([1, 2, 3]);
    zeros([4, 3]).add(b).sum().backward();
    expect(b.grad!.isContiguous()).toBe(true);
    expect(b.grad!.toArraySync()).toEqual([4, 4, 4]);
    b.grad!.mul_(0.5);
    expect(b.grad!.toArraySync()).toEqual([2, 2, 2]);
  });
});

describe('grad mode', () => {
  it('noGrad stops recording and restores the mode, also on throw', () => {
    const x = vec([1]);
    const y = noGrad(() => x.mul(2));
    expect(y.requiresGrad).toBe(false);
    expect(() => noGrad(() => { throw new Error('boom'); })).toThrow('boom');
    expect(isGradEnabled()).toBe(true);
    expect(noGrad(() => enableGrad(() => x.mul(2))).requiresGrad).toBe(true);
  });

  it('noGrad restores the mode after an async body settles', async () => {
    const p = noGrad(async () => {
      await Promise.resolve();
      return isGradEnabled();
    });
    expect(await p).toBe(false);
    expect(isGradEnabled()).toBe(true);
  });
});

describe('gradcheck', () => {
  it('passes correct gradients and reports a wrong one with both values', () => {
    const x = tensor([0.3, -0.2], { dtype: 'float64' }).requiresGrad_();
    expect(gradcheck((t) => t.tanh().mul(t), [x])).toBe(true);
    expect(() => gradcheck((t) => t.mul(1), [tensor([1], { dtype: 'float32' }).requiresGrad_()])).toThrow('should be float64');
  });
});

describeWebGPU('backward of a small MLP gives the CPU\'s gradients', (b) => {
  it('Linear-Tanh-Linear with cross-entropy on a batch: every parameter\'s gradient within float32 tolerance', async () => {
    const g = new Generator().manualSeed(3);
    const host = {
      x: randn([16, 5], { generator: g }),
      w1: randn([5, 12], { generator: g }).mul(0.4),
      b1: randn([12], { generator: g }).mul(0.1),
      w2: randn([12, 4], { generator: g }).mul(0.3),
      b2: randn([4], { generator: g }).mul(0.1),
      y: tensor([0, 1, 2, 3, 3, 2, 1, 0, 0, 0, 1, 1, 2, 2, 3, 3], { dtype: 'int32' }),
    };
    const run = async (device: 'cpu' | 'webgpu') => {
      const t = Object.fromEntries(await Promise.all(Object.entries(host).map(async ([k, v]) => [k, await toDevice(v.detach(), device)] as const))) as typeof host;
      const params = [t.w1, t.b1, t.w2, t.b2].map((p) => p.requiresGrad_());
      const h = t.x.matmul(t.w1).add(t.b1).tanh();
      const logits = h.matmul(t.w2).add(t.b2);
      const loss = logits.logSoftmax(1).gather(1, t.y.unsqueeze(1)).neg().mean();
      loss.backward();
      return { loss: await loss.item(), grads: await Promise.all(params.map((p) => values(p.grad!))) };
    };
    const cpu = await run('cpu');
    const gpu = await run('webgpu');
    expect(Math.abs(gpu.loss - cpu.loss)).toBeLessThanOrEqual(b.tol * Math.max(1, Math.abs(cpu.loss)));
    cpu.grads.forEach((e, i) => {
      const a = gpu.grads[i];
      expect(a.length).toBe(e.length);
      e.forEach((v, j) => expect(Math.abs(a[j] - v), `parameter ${i}, element ${j}: ${a[j]} vs ${v}`).toBeLessThanOrEqual(b.tol * Math.max(1, Math.abs(v))));
    });
  });
});

describeWebGPU('backward returns its temporaries at once', (b) => {
  // a GPU buffer otherwise goes back only when its tensor is collected and the event loop turns, so a synchronous
  // loop of many steps would hold every step's gradient temporaries
  it('after backward, the only new live buffers are the leaves\' gradients, without a garbage collection', async () => {
    const g = new Generator().manualSeed(5);
    const on = { generator: g, device: b.device };
    const x = randn([8, 3], on);
    const w1 = randn([3, 6], on).requiresGrad_();
    const w2 = randn([6, 2], on).requiresGrad_();
    const loss = x.matmul(w1).tanh().matmul(w2).softmax(1).pow(2).sum();
    const before = memoryStats(b.device).buffers;
    loss.backward();
    expect(memoryStats(b.device).buffers - before).toBe(2);
    // the gradients are intact: d/dw of sum(softmax²) summed over the batch is finite and not all zero
    const gw1 = await values(w1.grad!);
    expect(gw1.every(Number.isFinite)).toBe(true);
    expect(gw1.some((v) => v !== 0)).toBe(true);
  });

  it('keeps a retained intermediate\'s gradient', async () => {
    const x = tensor([1, 2, 3], { device: b.device }).requiresGrad_();
    const h = x.mul(2);
    h.retainGrad();
    h.pow(2).sum().backward(); // d/dh = 2h = 4x; d/dx = 8x
    expect(await values(h.grad!)).toEqual([4, 8, 12]);
    expect(await values(x.grad!)).toEqual([8, 16, 24]);
  });
});
