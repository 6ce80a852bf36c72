import type { Backend, View } from '../backend.js';
import { category, DEFAULT_FLOAT, DEFAULT_INT, promoteTypes, type DType } from '../dtype.js';
import { broadcastStrides, contiguousStrides, type Shape } from '../shape.js';
import { Storage } from '../storage.js';
import { Tensor } from '../tensor.js';
import { record } from './record.js';
import { allocateChecked, uploadChecked } from './allocation.js';
import { checkUsable } from '../released.js';

/** What binary ops accept besides a tensor: a JavaScript number or boolean, treated like a Python scalar. */
export type TensorLike = Tensor | number | boolean;

/**
 * A new, uninitialised-by-contract (zero-filled in practice) contiguous tensor. `op` names the caller in the error
 * for a size the device cannot hold (checked before anything is allocated).
 */
export function empty(backend: Backend, dtype: DType, shape: Shape, contents: 'zeros' | 'any' = 'any', op = 'empty'): Tensor {
  backend.checkDType(op, dtype);
  const { buffer, size } = allocateChecked(op, backend, dtype, shape, contents);
  return new Tensor(new Storage(backend, buffer, dtype, size), [...shape], contiguousStrides(shape), 0);
}

/** A tensor on `backend` holding a copy of `data` (contiguous, `shape`). */
export function fromArray(backend: Backend, dtype: DType, shape: Shape, data: Parameters<Backend['upload']>[1], op = 'tensor'): Tensor {
  backend.checkDType(op, dtype);
  const storage = new Storage(backend, uploadChecked(op, backend, dtype, shape, data), dtype, data.length);
  return new Tensor(storage, [...shape], contiguousStrides(shape), 0);
}

/**
 * The kernel-facing view of a tensor, optionally read as a broadcast to `shape`. Ops check their inputs by name
 * first (see `deviceOf`, `checkUsable`); this check stops any that do not from reading released memory.
 */
export function viewOf(t: Tensor, shape?: Shape): View {
  checkUsable('tensor', t);
  return {
    buffer: t.storage.buffer,
    dtype: t.dtype,
    shape: shape ?? t.shape,
    strides: shape ? broadcastStrides(t.shape, t.strides, shape) : t.strides,
    offset: t.offset,
  };
}

/** The backend all tensor inputs live on, or an error naming the op and the two devices. */
export function deviceOf(op: string, tensors: readonly TensorLike[]): Backend {
  let backend: Backend | null = null;
  for (const t of tensors) {
    if (!(t instanceof Tensor)) continue;
    checkUsable(op, t);
    const b = t.storage.backend;
    if (backend === null) backend = b;
    else if (b !== backend) {
      throw new Error(`${op}: expected all tensors to be on the same device, but found at least two devices, ${backend.name} and ${b.name}`);
    }
  }
  if (backend === null) throw new Error(`${op}: expected at least one tensor argument`);
  return backend;
}

/**
 * The dtype an op computes in, by PyTorch's rules: tensors with dims decide; a 0-d tensor or a scalar only
 * raises the result when it is of a higher kind (bool < integer < float), a scalar then giving the default dtype.
 * JavaScript numbers with an integer value count as integer scalars.
 */
export function resultType(...args: TensorLike[]): DType {
  let dims: DType | null = null;
  let zeros: DType | null = null;
  let scalarKind = -1;
  for (const a of args) {
    if (a instanceof Tensor) {
      if (a.ndim > 0) dims = dims === null ? a.dtype : promoteTypes(dims, a.dtype);
      else zeros = zeros === null ? a.dtype : promoteTypes(zeros, a.dtype);
    } else {
      const kind = typeof a === 'boolean' ? 0 : Number.isInteger(a) ? 1 : 2;
      scalarKind = Math.max(scalarKind, kind);
    }
  }
  let result: DType | null = dims;
  if (zeros !== null && (result === null || category(zeros) > category(result))) result = zeros;
  if (scalarKind >= 0 && (result === null || scalarKind > category(result))) {
    result = scalarKind === 2 ? DEFAULT_FLOAT : scalarKind === 1 ? DEFAULT_INT : 'bool';
  }
  return result ?? DEFAULT_FLOAT;
}

/** A tensor for an op argument: tensors pass through, scalars become 0-d tensors of `dtype` on `backend`. */
export function asTensor(x: TensorLike, dtype: DType, backend: Backend): Tensor {
  if (x instanceof Tensor) return x;
  const t = empty(backend, dtype, []);
  backend.fill(viewOf(t), typeof x === 'boolean' ? (x ? 1 : 0) : x);
  return t;
}

/** A tensor with `dtype`: itself when it already has it, else a converted copy. */
export function cast(t: Tensor, dtype: DType): Tensor {
  if (t.dtype === dtype) return t;
  checkUsable('to', t);
  const backend = t.storage.backend;
  const out = empty(backend, dtype, t.shape, 'any', 'to');
  backend.copy(viewOf(out), viewOf(t));
  return record('cast', [t], out, { dtype: t.dtype });
}

/** A view of the same storage with new geometry (no copy), made by `op` (named if t's memory was released). */
export function restride(op: string, t: Tensor, shape: Shape, strides: readonly number[], offset = t.offset): Tensor {
  checkUsable(op, t);
  return new Tensor(t.storage, [...shape], [...strides], offset);
}
