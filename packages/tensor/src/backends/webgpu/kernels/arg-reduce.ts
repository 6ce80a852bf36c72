import type { ArgReduceOp } from '../../../backend.js';
import type { GpuView, KernelContext } from '../context.js';
import { mathPrelude } from '../wgsl/math.js';
import { binding, computeType, grid, linearIndex, param, paramsBinding, storageType } from '../wgsl/codegen.js';
import { walkCode, walkParams } from '../wgsl/strided.js';
import { groupSize, splitDims } from './reduce.js';

/**
 * Generates an argmax/argmin kernel: one workgroup per output, each thread keeps the best (value, index) of the
 * elements it visits, then a tree in workgroup memory picks the best of those. Ties go to the lower index and
 * NaN counts as the extreme (the first NaN wins), as in PyTorch.
 */
function source(op: ArgReduceOp, x: GpuView, keptRank: number, wg: number, words: number): string {
  const t = computeType(x.dtype);
  const better = op === 'argmax' ? 'vb > va' : 'vb < va';
  const pick = `// whether (vb, ib) beats (va, ia); an index of 0xffffffff marks "no element yet"
fn takes(va: T, ia: u32, vb: T, ib: u32) -> bool {
  if (ib == 0xffffffffu) { return false; }
  if (ia == 0xffffffffu) { return true; }
  let na = tg_isnan(va);
  let nb = tg_isnan(vb);
  if (na || nb) { return nb && (!na || ib < ia); }
  return ${better} || (vb == va && ib < ia);
}`;
  const main = `var<workgroup> vals: array<T, ${wg}>;
var<workgroup> idxs: array<u32, ${wg}>;
@compute @workgroup_size(${wg})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let w = ${linearIndex('wid', 'nwg', 1)};
  if (w >= ${param(0)}) { return; }
  ${walkCode(keptRank, ['oo', 'xo'], 3, 'w')}
  var bv = T(0);
  var bi = 0xffffffffu;
  for (var r = lid; r < ${param(1)}; r += ${wg}u) {
    let v = T(x[xo + r * ${param(2)}]);
    if (takes(bv, bi, v, r)) { bv = v; bi = r; }
  }
  vals[lid] = bv;
  idxs[lid] = bi;
  workgroupBarrier();
  for (var s = ${wg / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s && takes(vals[lid], idxs[lid], vals[lid + s], idxs[lid + s])) {
      vals[lid] = vals[lid + s];
      idxs[lid] = idxs[lid + s];
    }
    workgroupBarrier();
  }
  if (lid == 0u) { out[oo] = i32(idxs[0]); }
}`;
  return [
    `alias T = ${t};`,
    binding(0, 'out', 'i32', 'read_write'),
    binding(1, 'x', storageType(x.dtype), 'read'),
    paramsBinding(2, words),
    mathPrelude(t, pick),
    pick,
    main,
  ].join('\n');
}

/** Index (int32) of the first extreme value of x along `dim`. */
export function argReduce(ctx: KernelContext, op: ArgReduceOp, out: GpuView, x: GpuView, dim: number): void {
  const s = splitDims(out, x, [dim]);
  if (s.K === 0 || s.R === 0) return;
  const wg = groupSize(s.R);
  const rank = s.kept.shape.length;
  const params = [
    s.K,
    s.R,
    x.strides[dim],
    ...walkParams(s.kept.shape, [
      { offset: out.offset, strides: s.kept.strides[0] },
      { offset: x.offset, strides: s.kept.strides[1] },
    ]),
  ];
  const kernel = ctx.pipelines.get(`arg:${op}:${x.dtype}:${rank}:${wg}`, ['write', 'read'], () => source(op, x, rank, wg, params.length));
  ctx.queue.dispatch(kernel, [ctx.output(out), ctx.input(x)], Uint32Array.from(params), grid(s.K, 1));
}
