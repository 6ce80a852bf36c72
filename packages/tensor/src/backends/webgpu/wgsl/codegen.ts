import type { DType } from '../../../dtype.js';

/** WGSL element types: how each dtype is stored (bool as u32, one word per element). */
export type StorageType = 'f32' | 'i32' | 'u32';
/** The type kernels compute in: bool and int32 values are computed as i32. */
export type ComputeType = 'f32' | 'i32';

/** How a dtype is stored in a GPU buffer. */
export function storageType(dtype: DType): StorageType {
  switch (dtype) {
    case 'float32':
      return 'f32';
    case 'int32':
      return 'i32';
    case 'bool':
      return 'u32';
    default:
      throw new Error(`webgpu: ${dtype} has no WGSL storage type`);
  }
}

/** The type a dtype's values are computed in. */
export function computeType(dtype: DType): ComputeType {
  return dtype === 'float32' ? 'f32' : 'i32';
}

const f32Bits = new Float32Array(1);
const u32View = new Uint32Array(f32Bits.buffer);

/** A number as the 32 bits of its value in type `t` (integers truncate and saturate; bools are 0/1). */
export function toBits(value: number, t: ComputeType): number {
  if (t === 'f32') {
    f32Bits[0] = value;
    return u32View[0];
  }
  if (Number.isNaN(value)) return 0;
  const v = Math.max(-2147483648, Math.min(2147483647, Math.trunc(value)));
  return v >>> 0;
}

/** A storage-buffer binding declaration. */
export function binding(index: number, name: string, element: string, access: 'read' | 'read_write'): string {
  return `@group(0) @binding(${index}) var<storage, ${access}> ${name}: array<${element}>;`;
}

/**
 * The parameter block every kernel gets as its last binding: a uniform buffer of `words` u32 values (shapes,
 * strides, offsets), whose loads are cheaper than a storage buffer's. Uniform arrays step by 16 bytes, so it is
 * declared as vec4s, 64 words per 256-byte slot; read it with {@link param}.
 */
export function paramsBinding(index: number, words: number): string {
  return `@group(0) @binding(${index}) var<uniform> P: array<vec4<u32>, ${16 * Math.max(1, Math.ceil(words / 64))}>;`;
}

/** WGSL reading parameter word `i` of the block. */
export function param(i: number): string {
  return `P[${i >> 2}].${'xyzw'[i & 3]}`;
}

/**
 * Converts an expression of type `from` ('bool' for comparisons) to the storage type `to`, with the CPU's rules:
 * nonzero (NaN included) is true, float → int truncates with NaN and ±inf giving 0.
 */
export function convertTo(expr: string, from: ComputeType | 'bool', to: StorageType): string {
  if (from === 'bool') return to === 'u32' ? `select(0u, 1u, ${expr})` : `select(${to}(0), ${to}(1), ${expr})`;
  if (to === 'u32') return `select(0u, 1u, !(${expr} == ${from}(0)))`;
  if (from === to) return expr;
  return from === 'f32' ? `tg_f2i(${expr})` : `f32(${expr})`;
}

/**
 * A grid of workgroups covering `threads` invocations of `size` each. WebGPU allows at most 65535 workgroups per
 * dimension, so large grids fold into y; kernels recover the linear index with {@link linearIndex}.
 */
export function grid(threads: number, size: number): [number, number, number] {
  const groups = Math.ceil(threads / size);
  if (groups <= 65535) return [Math.max(groups, 1), 1, 1];
  const y = Math.ceil(groups / 65535);
  return [Math.ceil(groups / y), y, 1];
}

/** WGSL for the linear invocation (or workgroup, when `size` is 1) index of a {@link grid}. */
export function linearIndex(id: string, count: string, size: number): string {
  return size === 1 ? `${id}.x + ${id}.y * ${count}.x` : `${id}.x + ${id}.y * ${count}.x * ${size}u`;
}
