import { describe, expect, it } from 'vitest';
import { arange, availableDevices, eye, full, getBackend, linspace, ones, registerBackend, tensor, unregisterBackend, zeros, resultType, Tensor } from './index.js';
import { describeBackends, expectValues } from './testing/backends.js';

describeBackends('creating tensors', ({ device }) => {
  it('infers shape and dtype from nested arrays', async () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]], { device });
    expect(x.shape).toEqual([2, 3]);
    expect(x.dtype).toBe('float32');
    expect(x.strides).toEqual([3, 1]);
    await expectValues(x, [[1, 2, 3], [4, 5, 6]]);
    expect(tensor([true, false], { device }).dtype).toBe('bool');
    expect(tensor([1, 2], { dtype: 'int32', device }).dtype).toBe('int32');
    expect(tensor(3.5, { device }).shape).toEqual([]);
    expect(await tensor(3.5, { device }).item()).toBe(3.5);
  });

  it('keeps the type of typed arrays and takes a shape', async () => {
    const x = tensor(new Int32Array([1, 2, 3, 4, 5, 6]), { shape: [3, 2], device });
    expect(x.dtype).toBe('int32');
    await expectValues(x, [[1, 2], [3, 4], [5, 6]]);
    expect(tensor(new Float32Array(4), { device }).dtype).toBe('float32');
  });

  it('converts values into the requested dtype', async () => {
    await expectValues(tensor([1.7, -1.7, 2.5], { dtype: 'int32', device }), [1, -1, 2]);
    await expectValues(tensor([0, 2, -1], { dtype: 'bool', device }), [false, true, true]);
    await expectValues(tensor([0.1], { device }), [Math.fround(0.1)], 0);
  });

  it('rejects ragged and non-numeric data', () => {
    expect(() => tensor([[1, 2], [3]], { device })).toThrow('tensor: expected sequence of length 2 at dim 1 (got 1)');
    expect(() => tensor([[1, 2], 3] as never, { device })).toThrow('expected sequence of length 2 at dim 1 (got a scalar)');
    expect(() => tensor(['a'] as never, { device })).toThrow('could not convert a (string) to a number');
    expect(() => tensor(new Float32Array(5), { shape: [2, 2], device })).toThrow('tensor: shape [2,2] needs 4 elements, but the data has 5');
  });

  it('makes filled, ranged and identity tensors', async () => {
    await expectValues(zeros([2, 2], { device }), [[0, 0], [0, 0]]);
    await expectValues(ones([3], { dtype: 'int32', device }), [1, 1, 1]);
    await expectValues(full([2], 7, { device }), [7, 7]);
    expect(full([1], true, { device }).dtype).toBe('bool');
    const r = arange(5, undefined, undefined, { device });
    expect(r.dtype).toBe('int32');
    await expectValues(r, [0, 1, 2, 3, 4]);
    await expectValues(arange(1, 2, 0.25, { device }), [1, 1.25, 1.5, 1.75]);
    await expectValues(arange(5, 0, -2, { device }), [5, 3, 1]);
    await expectValues(linspace(0, 1, 5, { device }), [0, 0.25, 0.5, 0.75, 1]);
    await expectValues(eye(2, 3, { device }), [[1, 0, 0], [0, 1, 0]]);
    expect(() => arange(0, 5, -1, { device })).toThrow('arange: upper bound and larger bound inconsistent with step sign');
  });

  it('empty and 0-d tensors behave', async () => {
    const e = zeros([0, 3], { device });
    expect(e.numel).toBe(0);
    await expectValues(e.sum(0), [0, 0, 0]);
    await expectValues(tensor(2, { device }).mul(tensor([1, 2], { device })), [2, 4]);
    await expectValues(tensor(4, { device }).sqrt(), 2);
  });

  it('item() insists on one element', async () => {
    await expect(tensor([1, 2], { device }).item()).rejects.toThrow('item: a Tensor with 2 elements cannot be converted to Scalar');
  });
});

describe('dtype promotion, as PyTorch', () => {
  const f32 = tensor([1.5]);
  const f64 = tensor([1.5], { dtype: 'float64' });
  const i32 = tensor([1], { dtype: 'int32' });
  const b = tensor([true]);
  it('promotes between tensors by kind and size', () => {
    expect(resultType(i32, f32)).toBe('float32');
    expect(resultType(f32, f64)).toBe('float64');
    expect(resultType(b, i32)).toBe('int32');
  });
  it('lets scalars and 0-d tensors raise only the kind', () => {
    expect(resultType(i32, 2)).toBe('int32');
    expect(resultType(i32, 2.5)).toBe('float32');
    expect(resultType(f32, tensor(1, { dtype: 'float64' }))).toBe('float32');
    expect(resultType(i32, tensor(1, { dtype: 'float64' }))).toBe('float64');
    expect(resultType(b, true)).toBe('bool');
    expect(resultType(b, 3)).toBe('int32');
  });
  it('applies to results', () => {
    expect(i32.add(1).dtype).toBe('int32');
    expect(i32.mul(0.5).dtype).toBe('float32');
    expect(i32.div(2).dtype).toBe('float32');
    expect(i32.lt(2).dtype).toBe('bool');
    expect(f32.add(f64).dtype).toBe('float64');
  });
});

describeBackends('printing', ({ device, float64 }) => {
  // PyTorch names the device after the values when it is not the CPU
  const on = device === 'cpu' ? '' : `, device='${device}'`;
  it('formats like PyTorch', async () => {
    expect(await tensor([[1, 2], [3, 4.5]], { device }).format()).toBe(`tensor([[1.0000, 2.0000],\n        [3.0000, 4.5000]]${on})`);
    if (float64) expect(await tensor([1, 2], { dtype: 'float64', device }).format()).toBe(`tensor([1., 2.], dtype=float64${on})`);
    expect(await tensor([1, 2], { dtype: 'int32', device }).format()).toBe(`tensor([1, 2]${on})`);
    expect(await tensor([0.5], { device }).requiresGrad_().format()).toBe(`tensor([0.5000]${on}, requires_grad=True)`);
    expect(await arange(2000, undefined, 1, { device }).format()).toContain('...');
  });
  it('prints transposed views in logical order', async () => {
    expect(await tensor([[1, 2], [3, 4]], { dtype: 'int32', device }).T.format()).toBe(`tensor([[1, 3],\n        [2, 4]]${on})`);
  });
  it('toString() prints on synchronous devices and says how to print elsewhere', () => {
    const t = tensor([1, 2], { dtype: 'int32', device });
    expect(t.toString()).toBe(device === 'cpu' ? 'tensor([1, 2])' : `tensor(<2 int32 on ${device}; await t.format() to print>)`);
  });
});

describeBackends('Tensor basics', ({ device }) => {
  it('reports geometry', () => {
    const x = zeros([2, 3, 4], { device });
    expect(x).toBeInstanceOf(Tensor);
    expect(x.ndim).toBe(3);
    expect(x.numel).toBe(24);
    expect(x.size()).toEqual([2, 3, 4]);
    expect(x.size(-1)).toBe(4);
    expect(x.device).toBe(device);
  });
  it('converts dtypes and refuses grads on integers', async () => {
    expect(await tensor([1.9, -1.9], { device }).to('int32').toArray()).toEqual([1, -1]);
    expect(tensor([1.9], { device }).int().dtype).toBe('int32');
    expect(() => tensor([1], { dtype: 'int32', device }).requiresGrad_()).toThrow('only tensors of floating point dtype can require gradients (got int32)');
  });
  it('refuses in-place ops on leaves that require grad', () => {
    const w = tensor([1, 2], { device }).requiresGrad_();
    expect(() => w.add_(1)).toThrow('add_: a leaf Variable that requires grad is being used in an in-place operation.');
  });
  it('checks in-place shapes and dtypes', () => {
    expect(() => zeros([3], { device }).add_(zeros([2, 3], { device }))).toThrow("add_: output with shape [3] doesn't match the broadcast shape [2,3]");
    expect(() => zeros([3], { dtype: 'int32', device }).mul_(0.5)).toThrow("mul_: result type float32 can't be cast to the desired output type int32");
  });
});

describe('devices', () => {
  it('refuses unknown devices with the list of available ones', () => {
    expect(() => zeros([1], { device: 'tpu' })).toThrow(/device 'tpu' is not available; available devices: cpu/);
    // the test setup may have started WebGPU: take it away for the moment to see the hint
    const webgpu = availableDevices().includes('webgpu') ? getBackend('webgpu') : null;
    if (webgpu) unregisterBackend('webgpu');
    try {
      expect(() => zeros([1]).to('webgpu')).toThrow("call `await initWebGPU()` from '@typegrad/tensor/webgpu' first");
    } finally {
      if (webgpu) registerBackend(webgpu);
    }
  });
});

describe('arange options', () => {
  it('takes options after any number of its numbers, as torch.arange(n, dtype=...)', () => {
    expect(arange(3, { dtype: 'float32' }).dtype).toBe('float32');
    expect(arange(1, 3, { dtype: 'float64' }).toArraySync()).toEqual([1, 2]);
    expect(arange(0, 6, 2, { dtype: 'int32' }).toArraySync()).toEqual([0, 2, 4]);
  });
});
