import { expect, it } from 'vitest';
import { arange, cat, full, getDefaultDevice, manualSeed, randn, setDefaultDevice, tensor, toDevice, zeros, type Tensor } from '../../index.js';
import { describeWebGPU, expectValues } from '../../testing/backends.js';
import { webgpuStats } from './index.js';

/** The same tensor's values on the CPU, for comparing a GPU result with the CPU backend's. */
const onCpu = async (t: Tensor) => toDevice(t, 'cpu');

describeWebGPU('WebGPU backend', () => {
  const device = 'webgpu';

  it('refuses float64 with an error that says it is CPU-only', () => {
    expect(() => zeros([2], { dtype: 'float64', device })).toThrow('float64 is not supported on WebGPU');
    expect(() => tensor([1, 2], { dtype: 'float64' }).to('webgpu')).toThrow('to: float64 is not supported on WebGPU');
  });

  it('names the op and both devices when tensors are on two devices', () => {
    const g = tensor([1, 2], { device });
    const c = tensor([1, 2]);
    expect(() => g.add(c)).toThrow('add: expected all tensors to be on the same device, but found at least two devices, webgpu and cpu');
    expect(() => c.matmul(g)).toThrow('matmul: expected all tensors to be on the same device, but found at least two devices, cpu and webgpu');
  });

  it('moves tensors between devices, and reads only asynchronously', async () => {
    const c = tensor([[1, 2], [3, 4]]);
    const g = c.T.to('webgpu');
    expect(g.device).toBe('webgpu');
    await expectValues(g, [[1, 3], [2, 4]]);
    expect(() => g.to('cpu')).toThrow("use await toDevice(t, 'cpu')");
    expect(() => g.toArraySync()).toThrow('toArraySync: device \'webgpu\' reads asynchronously; use await toArray() instead');
    expect(() => g.sum().itemSync()).toThrow('reads asynchronously');
    expect(g.toString()).toBe('tensor(<2x2 float32 on webgpu; await t.format() to print>)');
    expect(await g.format()).toBe("tensor([[1., 3.],\n        [2., 4.]], device='webgpu')");
    const back = await toDevice(g, 'cpu');
    expect(back.device).toBe('cpu');
    expect(back.toArraySync()).toEqual([[1, 3], [2, 4]]);
  });

  it('creates new tensors on the default device once it is set', async () => {
    const before = getDefaultDevice();
    setDefaultDevice('webgpu');
    try {
      const x = arange(4).float();
      expect(x.device).toBe('webgpu');
      await expectValues(x.mul(2), [0, 2, 4, 6]);
    } finally {
      setDefaultDevice(before);
    }
  });

  it('reports an out-of-range index found by a kernel at the next read', async () => {
    const x = arange(10, undefined, 1, { device }).float();
    const bad = x.gather(0, tensor([1, 12], { dtype: 'int32', device }));
    await expect(bad.toArray()).rejects.toThrow('gather: index 12 is out of bounds for dimension 0 with size 10');
    await expectValues(x.gather(0, tensor([9, 0], { dtype: 'int32', device })), [9, 0]);
    const added = zeros([3], { device }).indexAdd(0, tensor([0, -1], { dtype: 'int32', device }), tensor([1, 1], { device }));
    await expect(added.toArray()).rejects.toThrow('scatterAdd: index -1 is out of bounds for dimension 0 with size 3');
  });

  it('accumulates repeated indices exactly (the embedding gradient)', async () => {
    manualSeed(7);
    const rows = 27;
    const idx = tensor(Int32Array.from({ length: 5000 }, (_, i) => (i * 7919) % rows), { device });
    const grads = full([5000, 4], 0.25, { device });
    const g = zeros([rows, 4], { device }).indexAdd(0, idx, grads);
    const counts = new Array<number>(rows).fill(0);
    for (let i = 0; i < 5000; i++) counts[(i * 7919) % rows]++;
    await expectValues(g, counts.map((c) => [c / 4, c / 4, c / 4, c / 4]), 0);
    const hist = zeros([rows], { dtype: 'int32', device }).scatterAdd(0, idx, full([5000], 1, { dtype: 'int32', device }));
    await expectValues(hist, counts, 0);
  });

  it('keeps softmax, logSoftmax and logsumexp finite at logits of 1e4', async () => {
    const x = tensor([[1e4, 1e4 - 1, -1e4], [0, 0, 0]], { device });
    await expectValues(x.softmax(-1), [[0.7310586, 0.2689414, 0], [1 / 3, 1 / 3, 1 / 3]], 1e-5);
    await expectValues(x.logSoftmax(-1), [[-0.3132617, -1.3132617, -20000.3132617], [-1.0986123, -1.0986123, -1.0986123]], 1e-5);
    await expectValues(x.logsumexp(1), [10000.3132617, 1.0986123], 1e-5);
  });

  it('reduces long rows over many workgroups and propagates NaN', async () => {
    const n = 1 << 20;
    const x = full([n], 0.5, { device });
    await expectValues(x.sum(), n / 2, 0);
    const y = arange(n, undefined, 1, { device });
    await expectValues(y.amax(), n - 1, 0);
    await expectValues(y.argmax(), n - 1, 0);
    const withNan = cat([full([70000], 1, { device }), tensor([NaN], { device }), full([10], 2, { device })]);
    await expectValues(withNan.amax(), NaN);
    await expectValues(withNan.argmax(), 70000);
    await expectValues(y.float().mul(2).cumsum(0).slice(0, n - 3, n).sum(), 2 * ((n - 3) * (n - 2)) / 2 + 2 * ((n - 2) * (n - 1)) / 2 + 2 * ((n - 1) * n) / 2, 1e-6);
  });

  it('matches the CPU on a large, batched, transposed matmul', async () => {
    manualSeed(3);
    const a = randn([3, 1, 130, 70]);
    const b = randn([2, 90, 70]);
    const want = await onCpu(a.matmul(b.mT));
    const got = a.to('webgpu').matmul(b.to('webgpu').mT);
    await expectValues(got, want.toArraySync(), 1e-5);
  });

  it('returns released buffers to its pool', async () => {
    const stats = () => webgpuStats()!;
    const warm = randn([1000], { device }).add(1);
    await warm.data();
    warm.dispose();
    const created = stats().buffersCreated;
    for (let i = 0; i < 20; i++) {
      const t = randn([1000], { device });
      const u = t.exp();
      await u.data();
      u.dispose();
      t.dispose();
    }
    expect(stats().buffersCreated - created).toBeLessThanOrEqual(2);
    expect(stats().pooledBytes).toBeGreaterThan(0);
  });

  it('gives zeros in a reused buffer, also around a partial write', async () => {
    const t = full([64], 7, { device }).add(1);
    await t.data();
    t.dispose();
    const z = zeros([64], { device });
    z.narrow(0, 10, 4).fill_(3);
    const want = new Array<number>(64).fill(0);
    want.fill(3, 10, 14);
    await expectValues(z, want, 0);
  });

  it('runs an elementwise chain with at most one dispatch per op', async () => {
    const x = randn([4096], { device });
    const y = randn([4096], { device });
    const chain = () => x.mul(1.5).add(y).tanh().mul(y).sub(0.25).exp().add(1).log();
    await chain().data();
    const before = webgpuStats()!.dispatches;
    const out = chain();
    expect(webgpuStats()!.dispatches - before).toBeLessThanOrEqual(8);
    await out.data();
  });

  it('writes in place through views, including an input that is the output', async () => {
    const x = arange(6, undefined, 1, { device }).float().reshape([2, 3]);
    x.add_(x);
    x.select(1, 0).mul_(-1);
    x.T.slice(0, 2, 3).copy_(tensor([[9, 9]]));
    await expectValues(x, [[-0, 2, 9], [-6, 8, 9]]);
  });

  it('matches the CPU bit for bit on int32 and bool ops', async () => {
    const a = tensor([2147483647, -5, 7, 0], { dtype: 'int32' });
    const b = tensor([1, 3, -2, 0], { dtype: 'int32' });
    const ops = (x: Tensor, y: Tensor) => [x.add(y), x.mul(y), x.sub(y), y.pow(3), x.gt(y), x.eq(0).logicalOr(y.lt(0)), x.ne(0).sum(), x.maximum(y), x.abs(), x.sign()];
    const want = ops(a, b).map((t) => t.toArraySync());
    const got = await Promise.all(ops(a.to('webgpu'), b.to('webgpu')).map((t) => t.toArray()));
    expect(got).toEqual(want);
  });
});
