import { DEFAULT_FLOAT, category, isFloat, type DType } from '../dtype.js';
import { broadcastShapes, fmtShape, shapesEqual } from '../shape.js';
import { Tensor } from '../tensor.js';
import { asTensor, cast, deviceOf, empty, resultType, viewOf, type TensorLike } from './core.js';
import { ELEMENTWISE, type ElementwiseOp } from './elementwise-table.js';
import { isGradEnabled, record } from './record.js';
import { clampBounds } from './scalar-args.js';
import { toElement } from '../convert.js';

function outDType(op: ElementwiseOp, computeType: DType): DType {
  const rule = ELEMENTWISE[op].result;
  if (rule === 'bool') return 'bool';
  if (rule === 'float' && !isFloat(computeType)) return DEFAULT_FLOAT;
  return computeType;
}

/**
 * Runs an op of the elementwise table on tensors or scalars: promotes dtypes, broadcasts shapes,
 * allocates the result and records the op for differentiation.
 */
export function elementwise(op: ElementwiseOp, args: readonly TensorLike[], params: readonly number[] = []): Tensor {
  const backend = deviceOf(op, args);
  const def = ELEMENTWISE[op];
  const operands = op === 'where' ? args.slice(1) : args;
  // powScalar's exponent promotes like a scalar operand: int32 ** 0.5 is float32
  const computeType = op === 'powScalar' ? resultType(...operands, params[0]) : resultType(...operands);
  // where's scalar branches become values of the result (PyTorch checks them); other ops' scalars wrap as PyTorch's do
  const scalar = (a: TensorLike): TensorLike => (op === 'where' && !(a instanceof Tensor) ? toElement('where', a, computeType) : a);
  const tensors = args.map((a, i) => asTensor(i === 0 ? a : scalar(a), op === 'where' && i === 0 ? 'bool' : computeType, backend));
  if (op === 'where' && tensors[0].dtype !== 'bool') {
    throw new TypeError(`where: expected condition to be a bool tensor, but got ${tensors[0].dtype}`);
  }
  if (def.boolInputs) {
    for (const t of tensors) if (t.dtype !== 'bool') throw new TypeError(`${op}: expected bool tensors, but got ${t.dtype}`);
  }
  const shape = tensors.length === 1 ? tensors[0].shape : broadcastShapes(op, ...tensors.map((t) => t.shape));
  const out = empty(backend, outDType(op, computeType), shape, 'any', op);
  backend.map(op, viewOf(out), tensors.map((t) => viewOf(t, shape)), params);
  return record(op, tensors, out, params.length ? { params } : {});
}

/** Refuses in-place writes that would corrupt a graph being recorded, as PyTorch does. */
export function checkInPlace(op: string, self: Tensor): void {
  if (self.requiresGrad && isGradEnabled()) {
    if (self.isLeaf) {
      throw new Error(`${op}: a leaf Variable that requires grad is being used in an in-place operation.`);
    }
    throw new Error(`${op}: in-place operations on tensors that are part of a recorded graph are not supported; use the out-of-place form`);
  }
}

/**
 * The in-place form of an elementwise op: writes op(self, …args) into self's own memory (every view of it
 * sees the change). Other arguments must broadcast to self's shape, and the result must be castable to self's dtype.
 */
export function elementwiseInPlace(op: ElementwiseOp, self: Tensor, args: readonly TensorLike[], params: readonly number[] = []): Tensor {
  const name = `${op}_`;
  checkInPlace(name, self);
  const backend = deviceOf(name, [self, ...args]);
  const all = op === 'where' ? args.slice(1) : [self, ...args];
  const computeType = resultType(...all);
  const result = outDType(op, computeType);
  if (category(result) > category(self.dtype)) {
    throw new TypeError(`${name}: result type ${result} can't be cast to the desired output type ${self.dtype}`);
  }
  const tensors = [self, ...args.map((a) => asTensor(a, computeType, backend))];
  const shape = broadcastShapes(name, ...tensors.map((t) => t.shape));
  if (!shapesEqual(shape, self.shape)) {
    throw new Error(`${name}: output with shape ${fmtShape(self.shape)} doesn't match the broadcast shape ${fmtShape(shape)}`);
  }
  backend.map(op, viewOf(self), tensors.map((t) => viewOf(t, shape)), params);
  self.storage.version++;
  return self;
}

/** clamp(x, min, max) with scalar or tensor bounds; either bound may be omitted. */
export function clamp(x: Tensor, min?: TensorLike | null, max?: TensorLike | null): Tensor {
  if (min == null && max == null) throw new Error("clamp: at least one of 'min' or 'max' must not be None");
  if (min instanceof Tensor || max instanceof Tensor) {
    let y: Tensor = x;
    if (min != null) y = elementwise('maximum', [y, min]);
    if (max != null) y = elementwise('minimum', [y, max]);
    return y;
  }
  const dtype = resultType(x, ...[min, max].filter((v): v is number => v != null));
  const bounds = clampBounds('clamp', dtype, min as number | null | undefined, max as number | null | undefined);
  return elementwise('clamp', [cast(x, dtype)], bounds);
}
