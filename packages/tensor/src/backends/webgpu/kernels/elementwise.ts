import { isFloat, promoteTypes, castScalar, type DType } from '../../../dtype.js';
import { numel } from '../../../shape.js';
import { ELEMENTWISE, type ElementwiseOp } from '../../../ops/elementwise-table.js';
import { coalesce, type Walk } from '../../cpu/strided.js';
import type { GpuView, KernelContext } from '../context.js';
import { mathPrelude } from '../wgsl/math.js';
import { binding, computeType, convertTo, grid, linearIndex, param, paramsBinding, storageType, toBits, type ComputeType } from '../wgsl/codegen.js';
import { walkCode, walkParams } from '../wgsl/strided.js';

const WG = 256;
const LANES = ['x', 'y', 'z', 'w'] as const;

/** One elementwise kernel: an expression over up to three inputs, computed in `t`. */
interface Elementwise {
  /** Cache key of the expression (an op name, 'copy' or 'fill'). */
  name: string;
  expr: string;
  /** Whether `expr` is a bool (comparisons) rather than a `t` value. */
  bool: boolean;
  t: ComputeType;
  params: readonly number[];
}

/**
 * How each input is read. 'strided': through its own strides (broadcasts and transposes cost no copy);
 * 'vec': contiguous and 16-byte aligned, read four elements at a time; 'scalar': one element for all (stride 0);
 * 'out': the output's own buffer (in-place ops; WebGPU forbids binding one buffer read-only and writable at once).
 */
type Access = 'strided' | 'vec' | 'scalar' | 'out';

/**
 * The vectorised layout: when the output and every input are contiguous and aligned (or scalars), each
 * invocation handles four elements with vec4 loads and stores, which SwiftShader runs about three times faster.
 */
function vectorAccess(out: GpuView, inputs: readonly GpuView[], walk: Walk, n: number): Access[] | null {
  if (walk.shape.length !== 1 || n % 4 !== 0 || walk.strides[0][0] !== 1 || out.offset % 4 !== 0) return null;
  const access: Access[] = [];
  for (let k = 0; k < inputs.length; k++) {
    const s = walk.strides[k + 1][0];
    if (inputs[k].buffer === out.buffer) return null;
    if (s === 0) access.push('scalar');
    else if (s === 1 && inputs[k].offset % 4 === 0) access.push('vec');
    else return null;
  }
  return access;
}

/** WGSL declarations of the output and the inputs' bindings; returns the name each input is read from. */
function declarations(out: GpuView, inputs: readonly GpuView[], access: readonly Access[], vectorised: boolean, words: number): { decls: string[]; arrays: string[] } {
  const vec = (s: string, v: boolean) => (v ? `vec4<${s}>` : s);
  const decls = [binding(0, 'out', vec(storageType(out.dtype), vectorised), 'read_write')];
  let next = 1;
  const arrays = inputs.map((v, k) => {
    if (access[k] === 'out') return 'out';
    decls.push(binding(next++, `x${k}`, vec(storageType(v.dtype), access[k] === 'vec'), 'read'));
    return `x${k}`;
  });
  decls.push(paramsBinding(next, words));
  return { decls, arrays };
}

/** The kernel body that computes one element per invocation, every input through its strides. */
function stridedMain(e: Elementwise, out: GpuView, arrays: readonly string[], rank: number): string {
  const names = ['o0', ...arrays.map((_, k) => `o${k + 1}`)];
  const args = [0, 1, 2].map((k) => (k < arrays.length ? `T(${arrays[k]}[o${k + 1}])` : 'T(0)'));
  return `@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = ${linearIndex('gid', 'nwg', WG)};
  if (i >= ${param(0)}) { return; }
  ${walkCode(rank, names, 3, 'i')}
  let v = op(${args.join(', ')}, bitcast<T>(${param(1)}), bitcast<T>(${param(2)}));
  out[o0] = ${convertTo('v', e.bool ? 'bool' : e.t, storageType(out.dtype))};
}`;
}

/** The vectorised body: four consecutive elements per invocation. Offsets (in vec4s) follow n in the parameters. */
function vectorMain(e: Elementwise, out: GpuView, arrays: readonly string[], access: readonly Access[]): string {
  const loads = arrays.map((a, k) =>
    access[k] === 'vec' ? `let v${k} = vec4<T>(${a}[i + ${param(4 + k)}]);` : `let v${k} = vec4<T>(T(${a}[${param(4 + k)}]));`,
  );
  const lane = (l: string) => {
    const args = [0, 1, 2].map((k) => (k < arrays.length ? `v${k}.${l}` : 'T(0)'));
    return convertTo(`op(${args.join(', ')}, p0, p1)`, e.bool ? 'bool' : e.t, storageType(out.dtype));
  };
  return `@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = ${linearIndex('gid', 'nwg', WG)};
  if (i >= ${param(0)}) { return; }
  let p0 = bitcast<T>(${param(1)});
  let p1 = bitcast<T>(${param(2)});
  ${loads.join('\n  ')}
  out[i + ${param(3)}] = vec4<${storageType(out.dtype)}>(${LANES.map(lane).join(', ')});
}`;
}

/**
 * Records one elementwise kernel writing `out`: WGSL generated from the expression (one source per op, dtypes,
 * rank and access pattern, compiled once), operands converted to `T`, the result to the output's storage type.
 */
function run(ctx: KernelContext, e: Elementwise, out: GpuView, inputs: readonly GpuView[]): void {
  const n = numel(out.shape);
  if (n === 0) return;
  const walk = coalesce(out.shape, [out.strides, ...inputs.map((v) => v.strides)]);
  const rank = walk.shape.length;
  const vector = vectorAccess(out, inputs, walk, n);
  const access: Access[] = vector ?? inputs.map((v) => (v.buffer === out.buffer ? 'out' : 'strided'));
  const head = [n, toBits(e.params[0] ?? 0, e.t), toBits(e.params[1] ?? 0, e.t)];
  const offsets = [out.offset, ...inputs.map((v) => v.offset)];
  const params = vector
    ? [n / 4, ...head.slice(1), ...offsets.map((o, k) => (k === 0 || vector[k - 1] === 'vec' ? o / 4 : o))]
    : [...head, ...walkParams(walk.shape, walk.strides.map((strides, k) => ({ offset: offsets[k], strides })))];
  const key = `ew:${e.name}:${e.t}:${out.dtype}:${inputs.map((v, k) => `${v.dtype}/${access[k]}`).join(',')}:${vector ? 'v4' : rank}`;
  const bound = inputs.filter((_, k) => access[k] !== 'out');
  const kernel = ctx.pipelines.get(key, ['write', ...bound.map(() => 'read' as const)], () => {
    const { decls, arrays } = declarations(out, inputs, access, vector !== null, params.length);
    const body = `fn op(a: T, b: T, c: T, p0: T, p1: T) -> ${e.bool ? 'bool' : 'T'} { return ${e.expr}; }`;
    const main = vector ? vectorMain(e, out, arrays, access) : stridedMain(e, out, arrays, rank);
    return [`alias T = ${e.t};`, ...decls, mathPrelude(e.t, body + main), body, main].join('\n');
  });
  // an input that is the output itself (an in-place op) is read through the output's binding: the buffer must be
  // cleared first if it still owes zeros, even though the kernel writes all of it
  const readsOut = inputs.some((v) => v.buffer === out.buffer);
  const buffers = [readsOut ? ctx.input(out) : ctx.output(out), ...bound.map((v) => ctx.input(v))];
  ctx.queue.dispatch(kernel, buffers, Uint32Array.from(params), grid(vector ? n / 4 : n, WG));
}

/**
 * The type an op of the table computes in: its inputs' promoted dtype (a `where` condition does not count), raised
 * to the output's for ops whose result keeps the computation type (a float scalar exponent makes
 * `intTensor.pow(0.5)` float, and that scalar never reaches the backend as an input).
 */
function opComputeType(op: ElementwiseOp, out: GpuView, inputs: readonly GpuView[]): ComputeType {
  const operands = op === 'where' ? inputs.slice(1) : inputs;
  let dtype: DType = operands[0]?.dtype ?? out.dtype;
  for (const v of operands) dtype = promoteTypes(dtype, v.dtype);
  const rule = ELEMENTWISE[op].result;
  if (rule !== 'bool') dtype = promoteTypes(dtype, out.dtype);
  if (rule === 'float' && !isFloat(dtype)) dtype = 'float32';
  return computeType(dtype);
}

/** out[i] = op(inputs…[i], params), for an op of the elementwise table. */
export function map(ctx: KernelContext, op: ElementwiseOp, out: GpuView, inputs: readonly GpuView[], params: readonly number[]): void {
  const def = ELEMENTWISE[op];
  run(ctx, { name: op, expr: def.wgsl, bool: def.result === 'bool', t: opComputeType(op, out, inputs), params }, out, inputs);
}

/** out[i] = x[i], converting dtypes as the CPU does. */
export function copy(ctx: KernelContext, out: GpuView, x: GpuView): void {
  run(ctx, { name: 'copy', expr: 'a', bool: false, t: computeType(x.dtype), params: [] }, out, [x]);
}

/** out[i] = value. */
export function fill(ctx: KernelContext, out: GpuView, value: number): void {
  const t = computeType(out.dtype);
  run(ctx, { name: 'fill', expr: 'p0', bool: false, t, params: [castScalar(value, out.dtype)] }, out, []);
}
