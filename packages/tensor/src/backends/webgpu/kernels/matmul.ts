import { coalesce } from '../../cpu/strided.js';
import type { GpuView, KernelContext } from '../context.js';
import { binding, computeType, param, paramsBinding, storageType } from '../wgsl/codegen.js';
import { walkCode, walkParams } from '../wgsl/strided.js';

/** Output columns of one workgroup's tile, and the depth of the slices of A and B staged per step. */
const BN = 64;
const BK = 16;
const MAX_Z = 65535;

/**
 * Generates the tiled matmul: a 16×16 workgroup computes a (16·TM)×64 block of out, each thread a TM×4 sub-block
 * held in registers. Per step, the workgroup stages a (16·TM)×16 slice of A and a 16×64 slice of B in workgroup
 * memory (reading them through their strides, so transposed operands need no copy) and every thread accumulates
 * outer products from it. Batch dims, broadcast ones included, are walked by the z index.
 */
function source(out: GpuView, batchRank: number, tm: number, words: number): string {
  const t = computeType(out.dtype);
  const s = storageType(out.dtype);
  const bm = 16 * tm;
  const products = Array.from({ length: tm / 4 }, (_, q) =>
    [`let av${q} = As[kk * ${bm / 4}u + lid.y * ${tm / 4}u + ${q}u];`, ...['x', 'y', 'z', 'w'].map((c, i) => `acc[${4 * q + i}] += av${q}.${c} * bv;`)].join('\n      '),
  );
  return `alias T = ${t};
${binding(0, 'out', s, 'read_write')}
${binding(1, 'a', s, 'read')}
${binding(2, 'b', s, 'read')}
${paramsBinding(3, words)}
var<workgroup> As: array<vec4<T>, ${(BK * bm) / 4}>;
var<workgroup> Bs: array<vec4<T>, ${(BK * BN) / 4}>;
@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3u, @builtin(workgroup_id) wid: vec3u) {
  let M = ${param(0)}; let N = ${param(1)}; let K = ${param(2)};
  let sam = ${param(3)}; let sak = ${param(4)}; let sbk = ${param(5)}; let sbn = ${param(6)}; let som = ${param(7)}; let son = ${param(8)};
  let batch = wid.z + ${param(9)};
  ${walkCode(batchRank, ['oo', 'ao', 'bo'], 10, 'batch')}
  let li = lid.y * 16u + lid.x;
  let m0 = wid.y * ${bm}u;
  let n0 = wid.x * ${BN}u;
  var acc: array<vec4<T>, ${tm}>;
  for (var k0 = 0u; k0 < K; k0 += ${BK}u) {
    for (var e = 0u; e < ${(bm * BK) / 256}u; e++) {
      let idx = li + e * 256u;
      let m = idx / ${BK}u;
      let kk = idx % ${BK}u;
      var v = T(0);
      if (m0 + m < M && k0 + kk < K) { v = T(a[ao + (m0 + m) * sam + (k0 + kk) * sak]); }
      As[(kk * ${bm}u + m) / 4u][m % 4u] = v;
    }
    for (var e = 0u; e < ${(BN * BK) / 256}u; e++) {
      let idx = li + e * 256u;
      let kk = idx / ${BN}u;
      let n = idx % ${BN}u;
      var v = T(0);
      if (n0 + n < N && k0 + kk < K) { v = T(b[bo + (k0 + kk) * sbk + (n0 + n) * sbn]); }
      Bs[(kk * ${BN}u + n) / 4u][n % 4u] = v;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < ${BK}u; kk++) {
      let bv = Bs[kk * ${BN / 4}u + lid.x];
      ${products.join('\n      ')}
    }
    workgroupBarrier();
  }
  for (var i = 0u; i < ${tm}u; i++) {
    let row = m0 + lid.y * ${tm}u + i;
    if (row >= M) { break; }
    for (var j = 0u; j < 4u; j++) {
      let col = n0 + lid.x * 4u + j;
      if (col < N) { out[oo + row * som + col * son] = acc[i][j]; }
    }
  }
}`;
}

/** out = a @ b over the last two dims, batch dims already broadcast to out's. */
export function matmul(ctx: KernelContext, out: GpuView, a: GpuView, b: GpuView): void {
  const nd = out.shape.length;
  const M = out.shape[nd - 2];
  const N = out.shape[nd - 1];
  const K = a.shape[nd - 1];
  const batchShape = out.shape.slice(0, nd - 2);
  const batches = batchShape.reduce((p, d) => p * d, 1);
  if (batches === 0 || M === 0 || N === 0) return;
  const walk = coalesce(batchShape, [out.strides.slice(0, nd - 2), a.strides.slice(0, nd - 2), b.strides.slice(0, nd - 2)]);
  const rank = walk.shape.length;
  // 8 rows per thread halve the loads from workgroup memory per product; short matrices keep 4, wasting less
  const tm = M >= 128 ? 8 : 4;
  const walkWords = walkParams(walk.shape, [
    { offset: out.offset, strides: walk.strides[0] },
    { offset: a.offset, strides: walk.strides[1] },
    { offset: b.offset, strides: walk.strides[2] },
  ]);
  const kernel = ctx.pipelines.get(`matmul:${out.dtype}:${rank}:${tm}`, ['write', 'read', 'read'], () => source(out, rank, tm, 10 + walkWords.length));
  const buffers = [ctx.output(out), ctx.input(a), ctx.input(b)];
  const groups = [Math.ceil(N / BN), Math.ceil(M / (16 * tm))];
  if (groups[0] > MAX_Z || groups[1] > MAX_Z) throw new Error(`matmul: a ${M}x${N} result is too large for one WebGPU dispatch`);
  const strides = [a.strides[nd - 2], a.strides[nd - 1], b.strides[nd - 2], b.strides[nd - 1], out.strides[nd - 2], out.strides[nd - 1]];
  // more batches than one dispatch's z range: several dispatches, each starting at its own batch
  for (let first = 0; first < batches; first += MAX_Z) {
    const params = Uint32Array.from([M, N, K, ...strides, first, ...walkWords]);
    ctx.queue.dispatch(kernel, buffers, params, [groups[0], groups[1], Math.min(MAX_Z, batches - first)]);
  }
}
