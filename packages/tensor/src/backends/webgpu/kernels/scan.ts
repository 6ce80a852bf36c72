import type { ScanOp } from '../../../backend.js';
import { coalesce } from '../../cpu/strided.js';
import type { GpuView, KernelContext } from '../context.js';
import { binding, computeType, convertTo, grid, linearIndex, param, paramsBinding, storageType, toBits } from '../wgsl/codegen.js';
import { walkCode, walkParams } from '../wgsl/strided.js';
import { groupSize } from './reduce.js';

/**
 * Generates an inclusive scan kernel: one workgroup per row. The row is scanned in blocks of the workgroup's
 * size: a Hillis–Steele scan in workgroup memory, plus the running total of the blocks before.
 */
function source(op: ScanOp, out: GpuView, x: GpuView, rank: number, wg: number, words: number): string {
  const t = computeType(out.dtype);
  const combine = op === 'cumsum' ? 'a + b' : 'a * b';
  return `alias T = ${t};
${binding(0, 'out', storageType(out.dtype), 'read_write')}
${binding(1, 'x', storageType(x.dtype), 'read')}
${paramsBinding(2, words)}
fn combine(a: T, b: T) -> T { return ${combine}; }
var<workgroup> block: array<T, ${wg}>;
@compute @workgroup_size(${wg})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let w = ${linearIndex('wid', 'nwg', 1)};
  if (w >= ${param(0)}) { return; }
  ${walkCode(rank, ['oo', 'xo'], 5, 'w')}
  let len = ${param(1)};
  let identity = bitcast<T>(${param(4)});
  var carry = identity;
  for (var base = 0u; base < len; base += ${wg}u) {
    let j = base + lid;
    var v = identity;
    if (j < len) { v = T(x[xo + j * ${param(3)}]); }
    block[lid] = v;
    workgroupBarrier();
    for (var s = 1u; s < ${wg}u; s = s << 1u) {
      var other = identity;
      if (lid >= s) { other = block[lid - s]; }
      workgroupBarrier();
      block[lid] = combine(other, block[lid]);
      workgroupBarrier();
    }
    if (j < len) { out[oo + j * ${param(2)}] = ${convertTo('combine(carry, block[lid])', t, storageType(out.dtype))}; }
    carry = combine(carry, block[${wg - 1}]);
    workgroupBarrier();
  }
}`;
}

/** Inclusive cumulative sum or product of x along `dim`. */
export function scan(ctx: KernelContext, op: ScanOp, out: GpuView, x: GpuView, dim: number): void {
  const len = x.shape[dim];
  const rowsShape = x.shape.map((d, i) => (i === dim ? 1 : d));
  const rows = rowsShape.reduce((a, b) => a * b, 1);
  if (rows === 0 || len === 0) return;
  const walk = coalesce(rowsShape, [out.strides, x.strides]);
  const rank = walk.shape.length;
  const wg = groupSize(len);
  const params = [
    rows,
    len,
    out.strides[dim],
    x.strides[dim],
    toBits(op === 'cumsum' ? 0 : 1, computeType(out.dtype)),
    ...walkParams(walk.shape, [
      { offset: out.offset, strides: walk.strides[0] },
      { offset: x.offset, strides: walk.strides[1] },
    ]),
  ];
  const kernel = ctx.pipelines.get(`scan:${op}:${out.dtype}:${x.dtype}:${rank}:${wg}`, ['write', 'read'], () => source(op, out, x, rank, wg, params.length));
  ctx.queue.dispatch(kernel, [ctx.output(out), ctx.input(x)], Uint32Array.from(params), grid(rows, 1));
}
