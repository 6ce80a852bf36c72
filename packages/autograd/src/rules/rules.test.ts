import { describe, expect, it } from 'vitest';
import { Generator, cat, getDefaultDevice, histc, histogram, layerNorm, linear, meanCrossEntropy, onesLike, randn, rand, scaledDotProductAttention, setDefaultDevice, stack, tensor, toDevice, where, type Tensor } from '@typegrad/tensor';
import { gradcheck } from '../index.js';
import { GRAD_RULES } from './index.js';
import { describeWebGPU, values } from '@typegrad/tensor/testing';

const g = new Generator().manualSeed(0);
const f64 = { dtype: 'float64' as const, generator: g };
/** A float64 leaf that requires grad, normal values (or uniform in [lo, hi)). */
const leaf = (shape: number[], lo?: number, hi?: number): Tensor =>
  (lo === undefined ? randn(shape, f64) : rand(shape, f64).mul(hi! - lo).add(lo)).requiresGrad_();
const idx = (values: number[], shape?: number[]) => tensor(values, { dtype: 'int32', shape: shape ?? [values.length] });

type Case = [name: string, fn: (...xs: Tensor[]) => Tensor, inputs: () => Tensor[]];

// every case compares autograd's Jacobian with central differences in float64
const cases: Case[] = [
  ['neg', (x) => x.neg(), () => [leaf([3, 2])]],
  ['abs', (x) => x.abs(), () => [leaf([5], 0.2, 2).mul(tensor([1, -1, 1, -1, 1], { dtype: 'float64' })).detach().requiresGrad_()]],
  ['exp', (x) => x.exp(), () => [leaf([2, 3])]],
  ['expm1', (x) => x.expm1(), () => [leaf([4])]],
  ['log', (x) => x.log(), () => [leaf([2, 3], 0.5, 3)]],
  ['log1p', (x) => x.log1p(), () => [leaf([4], -0.5, 2)]],
  ['log2', (x) => x.log2(), () => [leaf([2, 3], 0.5, 3)]],
  ['log10', (x) => x.log10(), () => [leaf([2, 3], 0.5, 3)]],
  ['sqrt', (x) => x.sqrt(), () => [leaf([4], 0.5, 3)]],
  ['rsqrt', (x) => x.rsqrt(), () => [leaf([4], 0.5, 3)]],
  ['reciprocal', (x) => x.reciprocal(), () => [leaf([4], 0.5, 3)]],
  ['sin', (x) => x.sin(), () => [leaf([4])]],
  ['cos', (x) => x.cos(), () => [leaf([4])]],
  ['tanh', (x) => x.tanh(), () => [leaf([3, 3])]],
  ['sigmoid', (x) => x.sigmoid(), () => [leaf([3, 3])]],
  ['relu', (x) => x.relu(), () => [leaf([6], 0.1, 1).mul(tensor([1, -1, 1, -1, 1, -1], { dtype: 'float64' })).detach().requiresGrad_()]],
  ['gelu', (x) => x.gelu(), () => [leaf([6])]],
  ['gelu tanh', (x) => x.gelu({ approximate: 'tanh' }), () => [leaf([6])]],
  ['erf', (x) => x.erf(), () => [leaf([5])]],
  ['clamp', (x) => x.clamp(-0.5, 0.5), () => [tensor([-1, -0.3, 0.1, 0.4, 2], { dtype: 'float64' }).requiresGrad_()]],
  ['pow scalar', (x) => x.pow(3), () => [leaf([4])]],
  ['pow fractional', (x) => x.pow(1.5), () => [leaf([4], 0.5, 2)]],
  ['pow tensor', (a, b) => a.pow(b), () => [leaf([3, 1], 0.5, 2), leaf([4], -1, 2)]],
  ['add broadcast', (a, b) => a.add(b), () => [leaf([3, 1]), leaf([1, 4])]],
  ['add alpha', (a, b) => a.add(b, { alpha: 2 }), () => [leaf([3]), leaf([3])]],
  ['sub broadcast', (a, b) => a.sub(b), () => [leaf([2, 3]), leaf([3])]],
  ['mul broadcast', (a, b) => a.mul(b), () => [leaf([2, 1, 3]), leaf([4, 1])]],
  ['div broadcast', (a, b) => a.div(b), () => [leaf([2, 3]), leaf([3], 0.5, 2)]],
  ['mul by scalar', (a) => a.mul(3).add(1), () => [leaf([4])]],
  ['maximum', (a, b) => a.maximum(b), () => [leaf([5]), leaf([5])]],
  ['minimum', (a, b) => a.minimum(b), () => [leaf([2, 3]), leaf([3])]],
  ['where', (a, b) => where(a.gt(0), a, b), () => [leaf([2, 3]), leaf([3])]],
  ['sum all', (x) => x.sum(), () => [leaf([2, 3])]],
  ['sum dims keepdim', (x) => x.sum({ dim: [0, 2], keepdim: true }), () => [leaf([2, 3, 4])]],
  ['sum negative dim', (x) => x.sum(-1), () => [leaf([2, 3])]],
  ['mean', (x) => x.mean(1), () => [leaf([2, 3])]],
  ['prod', (x) => x.prod(1), () => [leaf([2, 3])]],
  ['prod with one zero', (x) => x.prod(), () => [tensor([2, 0, 3], { dtype: 'float64' }).requiresGrad_()]],
  ['amax', (x) => x.amax(1), () => [leaf([3, 4])]],
  ['amin keepdim', (x) => x.amin({ dim: 0, keepdim: true }), () => [leaf([3, 4])]],
  ['max along dim', (x) => x.max(1).values, () => [leaf([3, 4])]],
  ['min along dim', (x) => x.min(0).values, () => [leaf([3, 4])]],
  ['var', (x) => x.var(1), () => [leaf([2, 5])]],
  ['std correction 0', (x) => x.std({ dim: [0, 1], correction: 0 }), () => [leaf([2, 3])]],
  ['logsumexp', (x) => x.logsumexp(1), () => [leaf([3, 4])]],
  ['layerNorm', (x, w, b) => layerNorm(x, [4], { weight: w, bias: b }), () => [leaf([3, 4]), leaf([4]), leaf([4])]],
  ['layerNorm over two dims, no affine', (x) => layerNorm(x, [2, 3], { eps: 1e-3 }), () => [leaf([2, 2, 3])]],
  ['layerNorm weight only', (x, w) => layerNorm(x, [5], { weight: w }), () => [leaf([2, 5]), leaf([5])]],
  ['attention', (q, k, v) => scaledDotProductAttention(q, k, v), () => [leaf([2, 3, 4]), leaf([2, 5, 4]), leaf([2, 5, 3])]],
  ['attention causal, broadcast batch', (q, k, v) => scaledDotProductAttention(q, k, v, { causal: true, scale: 0.7 }), () => [leaf([2, 1, 4, 3]), leaf([1, 2, 4, 3]), leaf([2, 2, 4, 3])]],
  ['attention bool mask', (q, k, v) => scaledDotProductAttention(q, k, v, { mask: tensor([[1, 0, 1], [1, 1, 0]], { dtype: 'bool', device: q.device }) }), () => [leaf([2, 4]), leaf([3, 4]), leaf([3, 2])]],
  ['attention padding mask', (q, k, v) => scaledDotProductAttention(q, k, v, { mask: tensor([[1, 1, 0], [1, 1, 1]], { dtype: 'bool', device: q.device }).reshape([2, 1, 1, 3]) }), () => [leaf([2, 2, 2, 4]), leaf([2, 2, 3, 4]), leaf([2, 2, 3, 4])]],
  ['attention float mask', (q, k, v) => scaledDotProductAttention(q, k, v, { mask: tensor([[0.5, -1, 0], [2, 0, -3]], { dtype: q.dtype, device: q.device }) }), () => [leaf([2, 4]), leaf([3, 4]), leaf([3, 4])]],
  ['attention float mask with a gradient', (q, k, v, m) => scaledDotProductAttention(q, k, v, { mask: m }), () => [leaf([2, 4]), leaf([3, 4]), leaf([3, 4]), leaf([2, 3])]],
  ['softmax', (x) => x.softmax(-1), () => [leaf([2, 4])]],
  ['logSoftmax', (x) => x.logSoftmax(0), () => [leaf([3, 2])]],
  ['logsumexp keepdim, several dims', (x) => x.logsumexp({ dim: [0, 2], keepdim: true }), () => [leaf([2, 3, 2])]],
  ['softmax of large logits', (x) => x.add(1e4).softmax(1), () => [leaf([2, 3])]],
  ['cumsum', (x) => x.cumsum(1), () => [leaf([2, 4])]],
  ['matmul 2-d', (a, b) => a.matmul(b), () => [leaf([3, 4]), leaf([4, 2])]],
  ['linear', (x, w, b) => linear(x, w, b), () => [leaf([3, 4]), leaf([2, 4]), leaf([2])]],
  ['linear batched', (x, w, b) => linear(x, w, b), () => [leaf([2, 3, 4]), leaf([5, 4]), leaf([5])]],
  ['matmul batched broadcast', (a, b) => a.matmul(b), () => [leaf([2, 1, 3, 4]), leaf([3, 4, 2])]],
  ['matmul vector-matrix', (a, b) => a.matmul(b), () => [leaf([4]), leaf([4, 3])]],
  ['matmul dot', (a, b) => a.matmul(b), () => [leaf([4]), leaf([4])]],
  ['matmul transposed', (a, b) => a.T.matmul(b), () => [leaf([4, 3]), leaf([4, 2])]],
  ['matmul with a transposed weight, as Linear', (x, w) => x.matmul(w.T), () => [leaf([5, 3]), leaf([4, 3])]],
  ['matmul of a batch by one matrix, as Linear on [B, T, E]', (x, w) => x.matmul(w.T), () => [leaf([2, 3, 4]), leaf([5, 4])]],
  ['matmul of a transposed batch by one matrix', (x, w) => x.mT.matmul(w), () => [leaf([2, 4, 3]), leaf([4, 5])]],
  ['matmul batched, both transposed and broadcast', (a, b) => a.mT.matmul(b.mT), () => [leaf([2, 4, 3]), leaf([2, 1, 5, 4])]],
  ['reshape', (x) => x.reshape([3, 2]).mul(tensor([[1, 2], [3, 4], [5, 6]], { dtype: 'float64' })), () => [leaf([2, 3])]],
  ['permute', (x, w) => x.permute(2, 0, 1).mul(w), () => [leaf([2, 3, 4]), randn([4, 2, 3], f64)]],
  ['transpose', (x) => x.transpose(0, 1).contiguous(), () => [leaf([2, 3])]],
  ['expand', (x, w) => x.expand([3, 2, 4]).mul(w), () => [leaf([2, 1]), randn([3, 2, 4], f64)]],
  ['slice with step', (x) => x.slice(1, 1, 5, 2), () => [leaf([2, 6])]],
  ['narrow + select', (x) => x.narrow(0, 1, 2).select(1, 0), () => [leaf([3, 2])]],
  ['squeeze/unsqueeze/flatten', (x) => x.unsqueeze(0).squeeze(0).flatten(), () => [leaf([2, 3])]],
  ['index with ints and slices', (x) => x.index(1, '::2'), () => [leaf([3, 5])]],
  ['embedding lookup C[X]', (c) => c.index(idx([0, 2, 2, 1, 0, 0], [2, 3])), () => [leaf([4, 2])]],
  ['gather', (x) => x.gather(1, idx([0, 0, 2, 1, 1, 1], [3, 2])), () => [leaf([3, 3])]],
  ['meanCrossEntropy', (x) => meanCrossEntropy(x, idx([2, 0, 1, 2])), () => [leaf([4, 3])]],
  ['indexSelect repeats', (x) => x.indexSelect(0, idx([2, 0, 2])), () => [leaf([3, 2])]],
  ['scatterAdd', (x, s) => x.scatterAdd(0, idx([1, 0, 1, 1], [2, 2]), s), () => [leaf([3, 2]), leaf([2, 2])]],
  ['indexAdd', (x, s) => x.indexAdd(1, idx([0, 0, 2]), s), () => [leaf([2, 3]), leaf([2, 3])]],
  ['cat', (a, b) => cat([a, b], 1), () => [leaf([2, 2]), leaf([2, 3])]],
  ['stack', (a, b) => stack([a, b], 0), () => [leaf([3]), leaf([3])]],
  ['split', (x) => x.split([1, 2], 1)[1], () => [leaf([2, 3])]],
  ['tril/triu', (x) => x.tril().add(x.triu(1).mul(2)), () => [leaf([3, 3])]],
  ['maskedFill', (x) => x.maskedFill(x.gt(0), 0), () => [leaf([2, 3])]],
];

describe('every gradient rule matches finite differences (float64, CPU)', () => {
  for (const [name, fn, inputs] of cases) {
    it(name, () => {
      expect(gradcheck(fn, inputs(), { atol: 1e-6, rtol: 1e-4 })).toBe(true);
    });
  }
});

// The same rules in float32 on WebGPU: the gradients of (fn(inputs) · w).sum() match the CPU's within float32
// tolerance. Constants the cases make inside fn (index tensors) land on the device by the default device.
const FLOAT64_CONSTANTS = new Set(['reshape']); // builds a float64 constant inside fn, which WebGPU cannot hold

describeWebGPU('every gradient rule gives the CPU\'s gradients (float32)', (b) => {
  /** Runs fn on `device` with float32 copies of the inputs; returns its output and the inputs' gradients. */
  async function grads(fn: Case[1], xs: Tensor[], w: Tensor, device: 'cpu' | 'webgpu'): Promise<{ out: number[]; grads: (number[] | null)[] }> {
    const previous = getDefaultDevice();
    setDefaultDevice(device);
    try {
      const leaves = await Promise.all(xs.map(async (x) => {
        const c = await toDevice(x.detach().to(x.dtype === 'float64' ? 'float32' : x.dtype), device);
        return x.requiresGrad ? c.requiresGrad_() : c;
      }));
      const out = fn(...leaves);
      out.mul(await toDevice(w, device)).sum().backward();
      return { out: await values(out), grads: await Promise.all(leaves.map((l) => (l.requiresGrad ? values(l.grad!) : null))) };
    } finally {
      setDefaultDevice(previous);
    }
  }
  const close = (a: number[], e: number[], what: string): void => {
    expect(a.length, what).toBe(e.length);
    const scale = Math.max(1, ...e.map(Math.abs));
    const bad = e.flatMap((v, i) => (Math.abs(a[i] - v) <= b.tol * scale ? [] : [`[${i}] ${a[i]} ≠ ${v}`]));
    expect(bad, what).toEqual([]);
  };
  for (const [name, fn, inputs] of cases) {
    it.skipIf(FLOAT64_CONSTANTS.has(name))(name, async () => {
      const xs = inputs();
      const wg = new Generator().manualSeed(1);
      const w = randn(outputShape(fn, xs), { generator: wg });
      const cpu = await grads(fn, xs, w, 'cpu');
      const gpu = await grads(fn, xs, w, 'webgpu');
      close(gpu.out, cpu.out, 'output');
      cpu.grads.forEach((e, i) => {
        if (e) close(gpu.grads[i]!, e, `gradient of input ${i}`);
      });
    });
  }
});

/** The shape of fn's output, from the float64 inputs on the CPU. */
function outputShape(fn: Case[1], xs: Tensor[]): number[] {
  return [...fn(...xs.map((x) => x.detach())).shape];
}

describe('casts pass gradients through', () => {
  it('float64 → float32 → float64 (a step large enough for float32 rounding)', () => {
    const x = tensor([0.5, 0.25], { dtype: 'float64' }).requiresGrad_();
    expect(gradcheck((t) => t.to('float32').mul(2).to('float64'), [x], { eps: 1e-3, rtol: 1e-3 })).toBe(true);
  });
});

describe('histograms are not differentiable, as in PyTorch', () => {
  const x = () => tensor([0.5, 1.5, 2.5, 2.9], { dtype: 'float64' }).requiresGrad_();

  it('histc records nothing: its counts do not require grad', () => {
    const h = histc(x(), { bins: 3, min: 0, max: 3 });
    expect(h.requiresGrad).toBe(false);
    expect(h.gradFn).toBeNull();
    expect(Array.from(x().histc(3, 0, 3).dataSync())).toEqual([1, 1, 2]);
  });

  it('histogram records its results, and backward through them throws', () => {
    const w = tensor([1, 2, 3, 4], { dtype: 'float64' }).requiresGrad_();
    const { hist, binEdges } = histogram(x(), 3, { range: [0, 3], weight: w });
    expect(Array.from(hist.dataSync())).toEqual([1, 2, 7]);
    expect(hist.requiresGrad && binEdges.requiresGrad).toBe(true);
    expect(() => hist.sum().backward()).toThrow('histogram: derivative for histogram is not implemented');
  });
});

describe('the rule table', () => {
  it('has a rule for every recorded op of the tensor package', () => {
    const recorded = [
      'neg', 'abs', 'sign', 'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sqrt', 'rsqrt', 'reciprocal', 'sin', 'cos', 'tanh', 'sigmoid',
      'relu', 'gelu', 'geluTanh', 'erf', 'floor', 'ceil', 'round', 'clamp', 'powScalar', 'add', 'sub', 'mul', 'div',
      'pow', 'maximum', 'minimum', 'where', 'sum', 'prod', 'amax', 'amin', 'cumsum', 'reshape', 'permute', 'expand',
      'slice', 'clone', 'cast', 'toDevice', 'scaledDotProductAttention', 'layerNorm', 'meanCrossEntropy', 'softmax', 'logSoftmax', 'logsumexp', 'gather', 'indexSelect', 'scatterAdd', 'indexAdd', 'cat', 'matmul', 'linear',
      'histogram',
    ];
    for (const op of recorded) expect(GRAD_RULES, op).toHaveProperty(op);
  });
});

describe('inputs that need no gradient', () => {
  // what the engine passes: the rule computes only the sides whose input requires grad
  const run = (op: string, inputs: Tensor[], output: Tensor, needsInputGrad: boolean[]) =>
    GRAD_RULES[op](onesLike(output), { inputs, output, saved: {}, needsInputGrad });
  const nums = (t: Tensor | null) => Array.from(t!.dataSync());
  const both = (op: string, a: Tensor, b: Tensor, y: Tensor) => run(op, [a, b], y, [true, true]);

  it.each(['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum'])('%s computes only the side asked for, with the values of both', (op) => {
    const a = leaf([2, 3], 0.5, 2);
    const b = leaf([3], 0.5, 2);
    const y = (a as unknown as Record<string, (t: Tensor) => Tensor>)[op](b);
    const [ga, gb] = both(op, a, b, y) as Tensor[];
    const [onlyA, noB] = run(op, [a, b], y, [true, false]);
    const [noA, onlyB] = run(op, [a, b], y, [false, true]);
    expect(op === 'add' ? null : noB).toBeNull(); // add passes the gradient itself to both sides: nothing to skip
    if (op !== 'add' && op !== 'sub') expect(noA).toBeNull();
    expect(nums(onlyA as Tensor)).toEqual(nums(ga));
    expect(nums(onlyB as Tensor)).toEqual(nums(gb));
  });

  it('matmul multiplies only for the operand that needs it (a layer whose input is data)', () => {
    const x = randn([4, 3], f64);
    const w = leaf([3, 2]);
    const y = x.matmul(w);
    const [gx, gw] = run('matmul', [x, w], y, [false, true]);
    expect(gx).toBeNull();
    expect(nums(gw as Tensor)).toEqual(nums(x.T.matmul(onesLike(y))));
    expect(run('matmul', [x, w], y, [true, false])[1]).toBeNull();
  });

  it('linear computes only the gradients asked for (a first layer sees data)', () => {
    const x = randn([4, 3], f64);
    const w = leaf([2, 3]);
    const bias = leaf([2]);
    const y = linear(x, w, bias);
    const [gx, gw, gb] = run('linear', [x, w, bias], y, [false, true, true]);
    expect(gx).toBeNull();
    expect(nums(gw as Tensor)).toEqual(nums(onesLike(y).T.matmul(x)));
    expect(nums(gb as Tensor)).toEqual([4, 4]);
    expect(run('linear', [x, w, bias], y, [true, false, false]).slice(1)).toEqual([null, null]);
  });

  it('where and indexAdd skip the sides that need none', () => {
    const a = leaf([3]);
    const cond = tensor([true, false, true]);
    const [, ga, gb] = run('where', [cond, a, tensor([0, 0, 0], { dtype: 'float64' })], where(cond, a, 0), [false, true, false]);
    expect(nums(ga as Tensor)).toEqual([1, 0, 1]);
    expect(gb).toBeNull();
    const target = leaf([3, 2]);
    const added = target.indexAdd(0, idx([2, 0]), randn([2, 2], f64));
    const [gt, gs] = GRAD_RULES.indexAdd(onesLike(added), { inputs: [target, randn([2, 2], f64)], output: added, saved: { dim: 0, index: idx([2, 0]) }, needsInputGrad: [true, false] });
    expect(nums(gt as Tensor)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(gs).toBeNull();
  });

  it('backward through a product with a constant leaves the constant without a gradient and the leaf with its own', () => {
    const x = leaf([2, 2]);
    const c = randn([2, 2], f64);
    x.mul(c).div(tensor(4, { dtype: 'float64' })).sum().backward();
    expect(nums(x.grad!)).toEqual(nums(c.div(4)));
    expect(c.grad).toBeNull();
  });
});
