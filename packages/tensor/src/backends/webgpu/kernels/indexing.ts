import { numel } from '../../../shape.js';
import { coalesce } from '../../cpu/strided.js';
import type { GpuView, KernelContext } from '../context.js';
import { binding, grid, linearIndex, param, paramsBinding, storageType } from '../wgsl/codegen.js';
import { walkCode, walkParams } from '../wgsl/strided.js';

const WG = 256;

/** Codes kernels leave in the error-flags buffer; the next read turns them into exceptions. */
export const INDEX_ERRORS = { 1: 'gather', 2: 'scatterAdd' } as const;

// An out-of-range index cannot throw inside a kernel: the first one is recorded (op code, index, dim, size) in
// the flags buffer and reported by the next read, as CUDA reports device-side asserts.
const FLAGS = `@group(0) @binding(FLAGS_BINDING) var<storage, read_write> flags: array<atomic<u32>, 4>;
fn out_of_range(code: u32, k: i32, dim: u32, size: u32) {
  if (atomicExchange(&flags[0], code) == 0u) {
    atomicStore(&flags[1], bitcast<u32>(k));
    atomicStore(&flags[2], dim);
    atomicStore(&flags[3], size);
  }
}`;

const flags = (at: number) => FLAGS.replace('FLAGS_BINDING', String(at));

/** Both kernels walk the index's shape with three operands: the index, and two tensors with `dim`'s stride zeroed. */
function walkOf(shape: readonly number[], dim: number, ops: readonly { view: GpuView; zeroDim: boolean }[]) {
  const strides = ops.map(({ view, zeroDim }) => view.strides.map((s, d) => (zeroDim && d === dim ? 0 : s)));
  const walk = coalesce(shape, strides);
  return {
    rank: walk.shape.length,
    words: walkParams(walk.shape, ops.map((o, k) => ({ offset: o.view.offset, strides: walk.strides[k] }))),
  };
}

/** out[p] = x[p with `dim` replaced by index[p]]. */
export function gather(ctx: KernelContext, out: GpuView, x: GpuView, dim: number, index: GpuView): void {
  const n = numel(out.shape);
  if (n === 0) return;
  const w = walkOf(out.shape, dim, [
    { view: out, zeroDim: false },
    { view: index, zeroDim: false },
    { view: x, zeroDim: true },
  ]);
  const s = storageType(x.dtype);
  const kernel = ctx.pipelines.get(`gather:${s}:${w.rank}`, ['write', 'read', 'read', 'write'], () => `${binding(0, 'out', s, 'read_write')}
${binding(1, 'x', s, 'read')}
${binding(2, 'idx', 'i32', 'read')}
${flags(3)}
${paramsBinding(4, 4 + w.words.length)}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = ${linearIndex('gid', 'nwg', WG)};
  if (i >= ${param(0)}) { return; }
  ${walkCode(w.rank, ['oo', 'io', 'xo'], 4, 'i')}
  let k = idx[io];
  if (k < 0 || u32(k) >= ${param(1)}) {
    out_of_range(1u, k, ${param(3)}, ${param(1)});
    out[oo] = ${s}(0);
  } else {
    out[oo] = x[xo + u32(k) * ${param(2)}];
  }
}`);
  const params = Uint32Array.from([n, x.shape[dim], x.strides[dim], dim, ...w.words]);
  ctx.queue.dispatch(kernel, [ctx.output(out), ctx.input(x), ctx.input(index), ctx.flags], params, grid(n, WG));
}

/** How each dtype adds into an atomic word: float32 by a compare-exchange loop on its bits. */
const ACCUMULATE = {
  f32: `var old = atomicLoad(&out[p]);
    loop {
      let r = atomicCompareExchangeWeak(&out[p], old, bitcast<u32>(bitcast<f32>(old) + v));
      if (r.exchanged) { break; }
      old = r.old_value;
    }`,
  i32: 'atomicAdd(&out[p], v);',
  u32: 'if (v != 0u) { atomicOr(&out[p], 1u); }',
} as const;

/** out[p with `dim` replaced by index[p]] += src[p], for every p of index's shape; repeated indices accumulate. */
export function scatterAdd(ctx: KernelContext, out: GpuView, dim: number, index: GpuView, src: GpuView): void {
  const n = numel(index.shape);
  if (n === 0) return;
  const w = walkOf(index.shape, dim, [
    { view: out, zeroDim: true },
    { view: index, zeroDim: false },
    { view: src, zeroDim: false },
  ]);
  const s = storageType(out.dtype);
  const word = s === 'i32' ? 'i32' : 'u32';
  const kernel = ctx.pipelines.get(`scatterAdd:${s}:${w.rank}`, ['write', 'read', 'read', 'write'], () => `${binding(0, 'out', `atomic<${word}>`, 'read_write')}
${binding(1, 'idx', 'i32', 'read')}
${binding(2, 'src', s, 'read')}
${flags(3)}
${paramsBinding(4, 4 + w.words.length)}
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let i = ${linearIndex('gid', 'nwg', WG)};
  if (i >= ${param(0)}) { return; }
  ${walkCode(w.rank, ['oo', 'io', 'so'], 4, 'i')}
  let k = idx[io];
  if (k < 0 || u32(k) >= ${param(1)}) {
    out_of_range(2u, k, ${param(3)}, ${param(1)});
    return;
  }
  let p = oo + u32(k) * ${param(2)};
  let v = src[so];
  ${ACCUMULATE[s]}
}`);
  const params = Uint32Array.from([n, out.shape[dim], out.strides[dim], dim, ...w.words]);
  ctx.queue.dispatch(kernel, [ctx.input(out), ctx.input(index), ctx.input(src), ctx.flags], params, grid(n, WG));
}
