/**
 * Element types a tensor can hold. float64 exists on the CPU only (gradient checks need it);
 * int32 is the integer type (indices, labels, counts); bool is stored one byte per element.
 */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

/** The typed array that stores each dtype on the CPU. */
export type TypedArrayOf<D extends DType> = D extends 'float32'
  ? Float32Array
  : D extends 'float64'
    ? Float64Array
    : D extends 'int32'
      ? Int32Array
      : Uint8Array;

/** Any typed array a tensor may be stored in. */
export type AnyTypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** The dtype new floating tensors get when none is asked for (PyTorch's default too). */
export const DEFAULT_FLOAT: DType = 'float32';
/** The dtype new integer tensors get when none is asked for (PyTorch uses int64; we have no int64). */
export const DEFAULT_INT: DType = 'int32';

const ARRAY_CTORS = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  bool: Uint8Array,
} as const;

/** Allocates a zeroed typed array for `dtype`. */
export function allocArray<D extends DType>(dtype: D, size: number): TypedArrayOf<D> {
  return new (ctorOf(dtype))(size) as TypedArrayOf<D>;
}

/** Bytes per element. */
export function itemSize(dtype: DType): number {
  return ctorOf(dtype).BYTES_PER_ELEMENT;
}

// entry points check dtypes by name first (dtype-arg.ts); this stops one that does not from failing obscurely
function ctorOf(dtype: DType): (typeof ARRAY_CTORS)[DType] {
  const ctor = ARRAY_CTORS[dtype];
  if (!isDType(dtype)) throw new TypeError(`unsupported dtype '${String(dtype)}'; typegrad's dtypes are float32, float64, int32 and bool`);
  return ctor;
}

/** Whether a dtype holds floating-point numbers (float32 or float64). @example isFloat('int32') // false */
export function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

export function isDType(x: unknown): x is DType {
  return x === 'float32' || x === 'float64' || x === 'int32' || x === 'bool';
}

/** Kind ordering used by promotion: bool < integer < floating. */
export function category(dtype: DType): 0 | 1 | 2 {
  return dtype === 'bool' ? 0 : dtype === 'int32' ? 1 : 2;
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/**
 * The smallest dtype both can be cast to without losing their kind, as `torch.promote_types`.
 * @example promoteTypes('int32', 'float32') // 'float32'
 */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Converts a number to what storing it in `dtype` would give (int32 truncates toward zero, bool is 0/1). */
export function castScalar(value: number, dtype: DType): number {
  switch (dtype) {
    case 'int32':
      return Number.isFinite(value) ? Math.trunc(value) | 0 : 0;
    case 'bool':
      return value !== 0 ? 1 : 0;
    case 'float32':
      return Math.fround(value);
    default:
      return value;
  }
}
