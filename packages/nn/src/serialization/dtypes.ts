import type { AnyTypedArray, DType } from '@typegrad/tensor';

/**
 * The element types a `.safetensors` header may name, in the order of the reference implementation's `Dtype`
 * enum. Writers sort tensors by this rank, highest first, so that every tensor's data stays aligned to its
 * element size; the rank is therefore part of the byte layout, not just a list.
 */
const SAFETENSORS_DTYPES = [
  'BOOL', 'U8', 'I8', 'F8_E5M2', 'F8_E4M3', 'I16', 'U16', 'F16', 'BF16', 'I32', 'U32', 'F32', 'F64', 'I64', 'U64',
] as const;

/** A dtype name as it appears in a `.safetensors` header. */
export type SafetensorsDType = (typeof SAFETENSORS_DTYPES)[number];

/** Bytes per element of each header dtype. */
const ITEM_SIZE: Record<SafetensorsDType, number> = {
  BOOL: 1, U8: 1, I8: 1, F8_E5M2: 1, F8_E4M3: 1, I16: 2, U16: 2, F16: 2, BF16: 2, I32: 4, U32: 4, F32: 4, F64: 8, I64: 8, U64: 8,
};

/** What each header dtype becomes when loaded; dtypes missing here are known to the format but not loadable. */
const LOADS_AS: Partial<Record<SafetensorsDType, DType>> = {
  F32: 'float32',
  F64: 'float64',
  I32: 'int32',
  BOOL: 'bool',
  F16: 'float32',
  BF16: 'float32',
  I64: 'int32',
  I16: 'int32',
  U16: 'int32',
  I8: 'int32',
  U8: 'int32',
};

/** The header dtype each typegrad dtype is written as. */
const WRITES_AS: Record<DType, SafetensorsDType> = { float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL' };

export const LOADABLE_DTYPES = Object.keys(LOADS_AS).join(', ');

export function isSafetensorsDType(x: unknown): x is SafetensorsDType {
  return typeof x === 'string' && (SAFETENSORS_DTYPES as readonly string[]).includes(x);
}
export const itemSize = (dtype: SafetensorsDType): number => ITEM_SIZE[dtype];
export const dtypeRank = (dtype: SafetensorsDType): number => SAFETENSORS_DTYPES.indexOf(dtype);
export const loadsAs = (dtype: SafetensorsDType): DType | undefined => LOADS_AS[dtype];
export const writesAs = (dtype: DType): SafetensorsDType => WRITES_AS[dtype];

/** Whether typed arrays on this machine already store numbers little-endian, as the format does. */
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The little-endian bytes of a typed array (a view of it on little-endian hosts, a swapped copy elsewhere). */
export function toLittleEndianBytes(values: AnyTypedArray): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (HOST_IS_LITTLE_ENDIAN || values.BYTES_PER_ELEMENT === 1) return bytes;
  const out = new Uint8Array(bytes.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < values.length; i++) {
    if (values instanceof Float32Array) view.setFloat32(i * 4, values[i], true);
    else if (values instanceof Float64Array) view.setFloat64(i * 8, values[i], true);
    else view.setInt32(i * 4, values[i], true);
  }
  return out;
}

/**
 * Reads `count` elements of `dtype` from little-endian `bytes` into the typed array of the dtype it loads as.
 * I64 values must fit in int32: `outOfRange` is called with the first one that does not (and must throw).
 */
export function decodeElements(
  dtype: SafetensorsDType,
  bytes: Uint8Array,
  count: number,
  outOfRange: (value: bigint, index: number) => never,
): AnyTypedArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (dtype) {
    case 'F32':
      return HOST_IS_LITTLE_ENDIAN ? new Float32Array(copyOf(bytes)) : fill(new Float32Array(count), (i) => view.getFloat32(i * 4, true));
    case 'F64':
      return HOST_IS_LITTLE_ENDIAN ? new Float64Array(copyOf(bytes)) : fill(new Float64Array(count), (i) => view.getFloat64(i * 8, true));
    case 'I32':
      return HOST_IS_LITTLE_ENDIAN ? new Int32Array(copyOf(bytes)) : fill(new Int32Array(count), (i) => view.getInt32(i * 4, true));
    case 'BOOL':
      return fill(new Uint8Array(count), (i) => (bytes[i] !== 0 ? 1 : 0));
    case 'U8':
      return fill(new Int32Array(count), (i) => bytes[i]);
    case 'I8':
      return fill(new Int32Array(count), (i) => view.getInt8(i));
    case 'I16':
      return fill(new Int32Array(count), (i) => view.getInt16(i * 2, true));
    case 'U16':
      return fill(new Int32Array(count), (i) => view.getUint16(i * 2, true));
    case 'F16':
      return fill(new Float32Array(count), (i) => halfToNumber(view.getUint16(i * 2, true)));
    case 'BF16': {
      // bfloat16 is the top half of a float32, so widening is exact, NaN payloads included
      const bits = fill(new Uint32Array(count), (i) => view.getUint16(i * 2, true) << 16);
      return new Float32Array(bits.buffer);
    }
    case 'I64':
      return fill(new Int32Array(count), (i) => {
        const low = view.getUint32(i * 8, true);
        const high = view.getInt32(i * 8 + 4, true);
        // fits in int32 exactly when the high word is the sign extension of the low word
        if (high !== (low | 0) >> 31) outOfRange((BigInt(high) << 32n) + BigInt(low), i);
        return low | 0;
      });
    default:
      throw new Error(`safetensors: dtype ${dtype} cannot be loaded; supported: ${LOADABLE_DTYPES}`);
  }
}

/** An IEEE half-precision value (given by its 16 bits) as a number; every half is exact in float32. */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // zero and subnormals
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

function copyOf(bytes: Uint8Array): ArrayBuffer {
  // a fresh buffer is aligned for any element type, which a view into the file may not be
  // (and Node's Buffer.slice would not copy)
  return new Uint8Array(bytes).buffer;
}

function fill<A extends AnyTypedArray | Uint32Array>(out: A, element: (i: number) => number): A {
  for (let i = 0; i < out.length; i++) out[i] = element(i);
  return out;
}
