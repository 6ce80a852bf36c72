import { describe, expect, it } from 'vitest';
import { arange, getBackend, memoryStats, randn, tensor, zeros, type Backend } from '../index.js';
import { describeBackends, describeWebGPU, expectValues } from '../testing/backends.js';
import { allocateChecked } from './allocation.js';

describeBackends('tensors larger than a device holds', ({ device }) => {
  it('are refused up front, naming the op, the shape, the dtype, the bytes and the limit; nothing is allocated or counted', async () => {
    const [column, row] = [zeros([1e5, 1], { device }), zeros([1, 1e5], { device })];
    const before = memoryStats(device);
    const limit = device === 'cpu' ? 'more than the 4294967296 elements a JavaScript typed array holds' : "one tensor's buffer may take on this device";
    expect(() => zeros([1e6, 1e6], { device })).toThrow(`zeros: cannot allocate a float32 tensor of shape [1000000,1000000] (4000000000000 bytes) on ${device}: `);
    expect(() => zeros([1e6, 1e6], { device })).toThrow(limit);
    expect(() => randn([1e6, 1e6], { device })).toThrow('randn: cannot allocate a float32 tensor of shape [1000000,1000000]');
    expect(() => arange(0, 1e12, 1, { device })).toThrow('arange: cannot allocate an int32 tensor of shape [1000000000000]');
    expect(() => column.add(row)).toThrow('add: cannot allocate a float32 tensor of shape [100000,100000]');
    expect(() => zeros([2 ** 30, 2 ** 30, 2 ** 30], { device })).toThrow('zeros: Storage size calculation overflowed with sizes=[1073741824,1073741824,1073741824]');
    expect(memoryStats(device)).toEqual(before);
    // the refusal leaves nothing behind for the next op to report
    await expectValues(tensor([1, 2], { device }).add(1), [2, 3], 0);
  });
});

describeWebGPU('WebGPU allocation limits', ({ device }) => {
  it("names the device's limit in bytes", () => {
    const limits = (getBackend(device) as unknown as { device: GPUDevice }).device.limits;
    const bytes = Math.min(limits.maxStorageBufferBindingSize, limits.maxBufferSize - 256);
    expect(() => zeros([bytes / 4 + 1], { device })).toThrow(`more than the ${bytes} bytes one tensor's buffer may take on this device`);
    // bool takes 4 bytes an element on a GPU
    expect(() => zeros([bytes / 4 + 1], { device, dtype: 'bool' })).toThrow(`(${bytes + 4} bytes) on webgpu`);
  });
});

describe('allocateChecked', () => {
  it("turns an engine's failure to find memory into the same clear error", () => {
    const failing = {
      name: 'cpu',
      allocate: () => {
        throw new RangeError('Array buffer allocation failed');
      },
    } as unknown as Backend;
    expect(() => allocateChecked('zeros', failing, 'float64', [2 ** 20, 2 ** 12], 'zeros')).toThrow(
      "zeros: cannot allocate a float64 tensor of shape [1048576,4096] (34359738368 bytes) on cpu: can't allocate memory (Array buffer allocation failed)",
    );
  });
});
