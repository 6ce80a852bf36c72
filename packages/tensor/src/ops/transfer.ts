import type { AnyTypedArray } from '../dtype.js';
import { getBackend, type Device } from '../device.js';
import { contiguousStrides } from '../shape.js';
import { Storage } from '../storage.js';
import { Tensor } from '../tensor.js';
import { record } from './record.js';
import { uploadChecked } from './allocation.js';
import { checkUsable } from '../released.js';

/** Moves a tensor to another device by reading it back and uploading it (contiguous). */
export function transfer(t: Tensor, device: Device): Tensor {
  checkUsable('to', t);
  const src = t.storage.backend;
  const dst = getBackend(device);
  dst.checkDType('to', t.dtype);
  if (!src.syncRead) {
    throw new Error(`to: moving a tensor off '${src.name}' needs an asynchronous read; use await toDevice(t, '${device}')`);
  }
  return record('toDevice', [t], toDeviceFrom(t.dataSync(), t, device), { device: t.device });
}

/**
 * Moves a tensor to another device, waiting for its values when they live on an asynchronous device (a GPU).
 * @example const host = await toDevice(gpuTensor, 'cpu');
 */
export async function toDevice(t: Tensor, device: Device): Promise<Tensor> {
  checkUsable('toDevice', t);
  if (t.device === device) return t;
  getBackend(device).checkDType('to', t.dtype);
  return record('toDevice', [t], toDeviceFrom(await t.data(), t, device), { device: t.device });
}

/** Builds a contiguous tensor on `device` from host values, keeping t's shape and dtype. */
export function toDeviceFrom(values: AnyTypedArray, t: Tensor, device: Device): Tensor {
  const dst = getBackend(device);
  const storage = new Storage(dst, uploadChecked('to', dst, t.dtype, t.shape, values), t.dtype, values.length);
  return new Tensor(storage, [...t.shape], contiguousStrides(t.shape), 0);
}

