/**
 * A tensor's values read back to the host, in row-major order. A tensor that is not contiguous is first copied into
 * a scratch buffer, which is released as soon as it has been read, so reading makes nothing that lingers (and no
 * view that would hold a claim on the tensor's memory after the read).
 */
import type { AnyTypedArray } from '../dtype.js';
import { checkUsable } from '../released.js';
import type { Storage } from '../storage.js';
import type { Tensor } from '../tensor.js';
import { empty, viewOf } from './core.js';

/** Where t's values lie contiguously: its own storage, or a scratch copy to release after reading. */
function dense(op: string, t: Tensor): { storage: Storage; offset: number; scratch: boolean } {
  checkUsable(op, t);
  if (t.isContiguous()) return { storage: t.storage, offset: t.offset, scratch: false };
  const backend = t.storage.backend;
  const copy = empty(backend, t.dtype, t.shape, 'any', op);
  backend.copy(viewOf(copy), viewOf(t));
  return { storage: copy.storage, offset: 0, scratch: true };
}

function ownValues(all: AnyTypedArray, offset: number, count: number, copied: boolean): AnyTypedArray {
  if (offset === 0 && all.length === count) return copied ? all : all.slice();
  return all.slice(offset, offset + count);
}

/**
 * t's values as a new typed array, on any device; `op` names the caller in errors (a released tensor's).
 * @example const values = await readValues('data', t);
 */
export async function readValues(op: string, t: Tensor): Promise<AnyTypedArray> {
  const { storage, offset, scratch } = dense(op, t);
  try {
    const all = await storage.backend.read(storage.buffer, t.dtype, storage.size);
    return ownValues(all, offset, t.numel, true);
  } finally {
    if (scratch) storage.release();
  }
}

/**
 * t's values as a new typed array, read at once: only on devices that read synchronously (the caller checks).
 * @example const values = readValuesSync('dataSync', t);
 */
export function readValuesSync(op: string, t: Tensor): AnyTypedArray {
  const { storage, offset, scratch } = dense(op, t);
  try {
    return ownValues(storage.backend.readSync(storage.buffer, t.dtype, storage.size), offset, t.numel, false);
  } finally {
    if (scratch) storage.release();
  }
}
