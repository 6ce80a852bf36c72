import type { ReduceOp } from '../../../backend.js';
import { splitDims } from '../../cpu/strided.js';
import { wholeView, type GpuView, type KernelContext } from '../context.js';
import { fill } from './elementwise.js';
import { mathPrelude } from '../wgsl/math.js';
import { binding, computeType, convertTo, grid, linearIndex, param, paramsBinding, storageType, toBits } from '../wgsl/codegen.js';
import { walkCode, walkLength, walkParams } from '../wgsl/strided.js';

const COMBINE: Record<ReduceOp, string> = { sum: 'a + b', prod: 'a * b', max: 'tg_max(a, b)', min: 'tg_min(a, b)' };
const INIT: Record<ReduceOp, number> = { sum: 0, prod: 1, max: -Infinity, min: Infinity };

export { splitDims };

/** Workgroup size for reducing `len` elements per output: a power of two from 32 to 256. */
export function groupSize(len: number): number {
  let wg = 32;
  while (wg < 256 && wg < len) wg *= 2;
  return wg;
}

/**
 * Generates a reduction kernel. Each workgroup owns one output (or one chunk of it, when a long reduction is
 * split over several workgroups): its threads fold strided elements of the chunk, then combine their partial
 * results by a tree in workgroup memory.
 */
function reduceSource(op: ReduceOp, out: GpuView, x: GpuView, keptRank: number, redRank: number, wg: number, partial: boolean, words: number): string {
  const t = computeType(out.dtype);
  const combine = `fn combine(a: T, b: T) -> T { return ${COMBINE[op]}; }`;
  const redBase = 5 + walkLength(keptRank, 2);
  const outIndex = partial ? 'w' : 'oo';
  const main = `var<workgroup> part: array<T, ${wg}>;
@compute @workgroup_size(${wg})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3u, @builtin(num_workgroups) nwg: vec3u) {
  let w = ${linearIndex('wid', 'nwg', 1)};
  let chunks = ${param(3)};
  if (w >= ${param(0)} * chunks) { return; }
  let k = w / chunks;
  ${walkCode(keptRank, ['oo', 'xo'], 5, 'k')}
  let start = (w % chunks) * ${param(2)};
  let end = min(start + ${param(2)}, ${param(1)});
  var acc = bitcast<T>(${param(4)});
  for (var r = start + lid; r < end; r += ${wg}u) {
    ${walkCode(redRank, ['ro'], redBase, 'r')}
    acc = combine(acc, T(x[xo + ro]));
  }
  part[lid] = acc;
  workgroupBarrier();
  for (var s = ${wg / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) { part[lid] = combine(part[lid], part[lid + s]); }
    workgroupBarrier();
  }
  if (lid == 0u) { out[${outIndex}] = ${convertTo('part[0]', t, storageType(out.dtype))}; }
}`;
  return [
    `alias T = ${t};`,
    binding(0, 'out', storageType(out.dtype), 'read_write'),
    binding(1, 'x', storageType(x.dtype), 'read'),
    paramsBinding(2, words),
    mathPrelude(t, combine + main),
    combine,
    main,
  ].join('\n');
}

function dispatchReduce(ctx: KernelContext, op: ReduceOp, out: GpuView, x: GpuView, s: ReturnType<typeof splitDims>, chunks: number): void {
  const chunk = Math.ceil(s.R / chunks);
  const wg = groupSize(chunk);
  const partial = chunks > 1;
  const t = computeType(out.dtype);
  const params = [
    s.K,
    s.R,
    chunk,
    chunks,
    toBits(INIT[op], t),
    ...walkParams(s.kept.shape, [
      { offset: out.offset, strides: s.kept.strides[0] },
      { offset: x.offset, strides: s.kept.strides[1] },
    ]),
    ...walkParams(s.red.shape, [{ offset: 0, strides: s.red.strides[0] }]),
  ];
  const key = `reduce:${op}:${out.dtype}:${x.dtype}:${s.kept.shape.length}:${s.red.shape.length}:${wg}:${partial}`;
  const kernel = ctx.pipelines.get(key, ['write', 'read'], () =>
    reduceSource(op, out, x, s.kept.shape.length, s.red.shape.length, wg, partial, params.length),
  );
  const buffers = [ctx.output(out), ctx.input(x)];
  ctx.queue.dispatch(kernel, buffers, Uint32Array.from(params), grid(s.K * chunks, 1));
}

/**
 * Reduces x over `dims` into out. A long reduction into few outputs is split in two passes (chunks into a
 * scratch buffer, then the chunks), so it spreads over many workgroups instead of one.
 */
export function reduce(ctx: KernelContext, op: ReduceOp, out: GpuView, x: GpuView, dims: readonly number[]): void {
  const s = splitDims(out, x, dims);
  if (s.K === 0) return;
  if (s.R === 0) {
    fill(ctx, out, INIT[op]);
    return;
  }
  const chunks = s.K < 32 && s.R >= 16384 ? Math.min(256, Math.ceil(s.R / 8192)) : 1;
  if (chunks === 1) {
    dispatchReduce(ctx, op, out, x, s, 1);
    return;
  }
  // pass 1 writes K × chunks partial results in the computation type; pass 2 reduces them like any tensor
  const scratchType = computeType(out.dtype) === 'f32' ? 'float32' : 'int32';
  const scratch = ctx.temp(scratchType, s.K * chunks);
  const scratchView = wholeView(scratch, [s.K * chunks]);
  dispatchReduce(ctx, op, { ...scratchView, shape: out.shape, strides: out.shape.map(() => 0) }, x, s, chunks);
  const pass2 = splitDims(
    { ...out, shape: [...s.kept.shape, 1], strides: [...s.kept.strides[0], 0] },
    { ...scratchView, shape: [...s.kept.shape, chunks], strides: [...s.kept.shape.map((_, d) => chunks * s.kept.shape.slice(d + 1).reduce((a, b) => a * b, 1)), 1] },
    [s.kept.shape.length],
  );
  dispatchReduce(ctx, op, out, scratchView, pass2, 1);
  ctx.releaseTemp(scratch);
}
