import { describe, expect, it } from 'vitest';
import { BufferPool, bufferBytes, sizeClass } from './buffer-pool.js';
import { checkWebGPUAllocation, tensorByteLimit } from './limits.js';

/** Just enough of a GPUDevice for the pool: buffers are plain objects; the error scopes answer as told. */
function fakeDevice(scopeErrors: (string | null)[], limit = 1 << 30): GPUDevice {
  const errors = [...scopeErrors];
  return {
    limits: { maxStorageBufferBindingSize: limit, maxBufferSize: limit },
    createBuffer: ({ size }: { size: number }) => ({ size, destroy() {} }),
    pushErrorScope() {},
    popErrorScope: () => Promise.resolve(errors.length ? (errors.shift() === null ? null : { message: 'Not enough memory left.' }) : null),
  } as unknown as GPUDevice;
}

describe('WebGPU buffer pool', () => {
  it('reports a buffer the device failed to create as that allocation, not as a later error', async () => {
    const reported: string[] = [];
    const pool = new BufferPool(fakeDevice([null, 'out of memory']), undefined, (m) => reported.push(m));
    pool.acquire('float32', 1000);
    await new Promise((r) => setTimeout(r, 0));
    expect(reported).toEqual(['creating a buffer of 4096 bytes failed: Not enough memory left.']);
  });

  it('rounds requests up to their size class, but never past the device limit', () => {
    expect(bufferBytes(1000, 1 << 30)).toBe(sizeClass(1000));
    expect(sizeClass(900_000_004)).toBeGreaterThan(900_000_004);
    expect(bufferBytes(900_000_004, 900_000_004)).toBe(900_000_004);
    const pool = new BufferPool(fakeDevice([], 900_000_004));
    expect(pool.acquire('float32', 225_000_001).gpu.size).toBe(900_000_004);
  });

  it('takes the smaller of the binding limit and the buffer limit less a read header as a tensor limit', () => {
    const limit = tensorByteLimit({ maxStorageBufferBindingSize: 1 << 30, maxBufferSize: 1 << 30 } as GPUSupportedLimits);
    expect(limit).toEqual({ bytes: (1 << 30) - 256, name: 'maxBufferSize (1073741824) less 256 bytes for reads' });
    expect(tensorByteLimit({ maxStorageBufferBindingSize: 1 << 27, maxBufferSize: 1 << 30 } as GPUSupportedLimits)).toEqual({ bytes: 1 << 27, name: 'maxStorageBufferBindingSize' });
    expect(() => checkWebGPUAllocation(limit, 'ones', 'bool', [1 << 28], 1 << 28)).toThrow(
      "ones: cannot allocate a bool tensor of shape [268435456] (1073741824 bytes) on webgpu: more than the 1073741568 bytes one tensor's buffer may take on this device (maxBufferSize (1073741824) less 256 bytes for reads)",
    );
    expect(() => checkWebGPUAllocation(limit, 'ones', 'bool', [(1 << 28) - 64], (1 << 28) - 64)).not.toThrow();
  });
});
