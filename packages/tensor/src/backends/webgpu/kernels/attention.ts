import type { AttentionViews } from '../../../backend.js';
import { coalesce } from '../../cpu/strided.js';
import type { GpuView, KernelContext } from '../context.js';
import { mathPrelude } from '../wgsl/math.js';
import { binding, param, paramsBinding, toBits } from '../wgsl/codegen.js';
import { walkCode, walkParams } from '../wgsl/strided.js';

/** Query rows per workgroup (one thread each), and keys staged in workgroup memory per step. */
const BR = 64;
const BC = 16;
const MAX_Z = 65535;
/** Workgroup memory WebGPU guarantees: the staged keys and values (BC·(E + Ev) floats) must fit in it. */
const WORKGROUP_BYTES = 16384;

/**
 * Generates the flash-style forward (Dao et al., 2022): each thread owns one query row, its q in registers; the
 * workgroup stages BC keys and values at a time in workgroup memory, and each thread folds them into its row with
 * an online softmax (running max m and sum l, the output rescaled as m grows), so no score matrix is stored.
 * Batch dims are walked by the z index; rows and keys are read through their strides.
 */
function source(E: number, Ev: number, batchRank: number, masked: boolean, words: number): string {
  const names = ['oo', 'lo', 'qo', 'ko', 'vo', ...(masked ? ['mo'] : [])];
  const main = `const E = ${E}u;
const EV = ${Ev}u;
var<workgroup> Ks: array<f32, ${BC * E}>;
var<workgroup> Vs: array<f32, ${BC * Ev}>;
fn neg_inf(x: f32) -> bool { return bitcast<u32>(x) == 0xff800000u; }
@compute @workgroup_size(${BR})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3u) {
  let L = ${param(0)}; let S = ${param(1)}; let scale = bitcast<f32>(${param(2)}); let causal = ${param(3)} != 0u;
  let sqL = ${param(4)}; let skS = ${param(5)}; let svS = ${param(6)}; let soL = ${param(7)}; let slL = ${param(8)};
  let msL = ${param(9)}; let msS = ${param(10)};
  let batch = wid.z + ${param(11)};
  ${walkCode(batchRank, names, 12, 'batch')}
  let i = wid.x * ${BR}u + lid;
  let live = i < L;
  var qr: array<f32, ${E}>;
  if (live) { for (var c = 0u; c < E; c++) { qr[c] = q[qo + i * sqL + c]; } }
  var acc: array<f32, ${Ev}>;
  var m = -tg_inf();
  var l = 0.0;
  var end = S;
  if (causal) { end = min(S, min(L, wid.x * ${BR}u + ${BR}u)); }
  for (var j0 = 0u; j0 < end; j0 += ${BC}u) {
    for (var e = lid; e < ${BC}u * E; e += ${BR}u) {
      let t = e / E;
      var x = 0.0;
      if (j0 + t < S) { x = k[ko + (j0 + t) * skS + e % E]; }
      Ks[e] = x;
    }
    for (var e = lid; e < ${BC}u * EV; e += ${BR}u) {
      let t = e / EV;
      var x = 0.0;
      if (j0 + t < S) { x = v[vo + (j0 + t) * svS + e % EV]; }
      Vs[e] = x;
    }
    workgroupBarrier();
    if (live) {
      var lim = min(${BC}u, S - j0);
      if (causal) { lim = select(0u, min(lim, i + 1u - j0), i >= j0); }
      var sc: array<f32, ${BC}>;
      var mb = -tg_inf();
      for (var t = 0u; t < lim; t++) {
        var s = 0.0;
        for (var c = 0u; c < E; c++) { s += qr[c] * Ks[t * E + c]; }
        s = s * scale;
        ${masked ? 's += mask[mo + i * msL + (j0 + t) * msS];' : ''}
        sc[t] = s;
        mb = tg_max(mb, s);
      }
      let mNew = tg_max(m, mb);
      if (!neg_inf(mNew)) {
        if (!(mNew == m)) {
          let alpha = select(tg_exp(m - mNew), 0.0, neg_inf(m));
          for (var c = 0u; c < EV; c++) { acc[c] *= alpha; }
          l *= alpha;
          m = mNew;
        }
        for (var t = 0u; t < lim; t++) {
          let p = select(tg_exp(sc[t] - m), 0.0, neg_inf(sc[t]));
          l += p;
          for (var c = 0u; c < EV; c++) { acc[c] += p * Vs[t * EV + c]; }
        }
      }
    }
    workgroupBarrier();
  }
  if (live) {
    // a row with every key masked has l = 0: NaN, as the composed softmax gives
    let inv = select(1.0 / l, tg_nan(), l == 0.0);
    for (var c = 0u; c < EV; c++) { out[oo + i * soL + c] = acc[c] * inv; }
    lse[lo + i * slL] = m + tg_log(l);
  }
}`;
  return [
    binding(0, 'out', 'f32', 'read_write'),
    binding(1, 'lse', 'f32', 'read_write'),
    binding(2, 'q', 'f32', 'read'),
    binding(3, 'k', 'f32', 'read'),
    binding(4, 'v', 'f32', 'read'),
    ...(masked ? [binding(5, 'mask', 'f32', 'read')] : []),
    paramsBinding(masked ? 6 : 5, words),
    mathPrelude('f32', main),
    main,
  ].join('\n');
}

const last = (x: GpuView, from: number) => x.strides[x.shape.length - from];

/** The forward in one kernel; false where the views do not suit it (not float32, or keys too wide to stage). */
export function attention(ctx: KernelContext, a: AttentionViews<GpuView['buffer']>): boolean {
  const views = [a.out, a.lse, a.q, a.k, a.v, ...(a.mask ? [a.mask] : [])] as GpuView[];
  if (views.some((x) => x.dtype !== 'float32')) return false;
  const nd = a.q.shape.length;
  const [L, E] = a.q.shape.slice(nd - 2);
  const S = a.k.shape[nd - 2];
  const Ev = a.v.shape[nd - 1];
  if (4 * BC * (E + Ev) > WORKGROUP_BYTES || L === 0 || E === 0 || Ev === 0) return false;
  const batchShape = a.q.shape.slice(0, nd - 2);
  const batches = batchShape.reduce((p, d) => p * d, 1);
  if (batches === 0) return true;
  const batchStrides = views.map((x) => x.strides.slice(0, nd - 2));
  // lse has one dim fewer: its batch strides are its leading ones
  batchStrides[1] = a.lse.strides.slice(0, nd - 2);
  const walk = coalesce(batchShape, batchStrides);
  const rank = walk.shape.length;
  const walkWords = walkParams(walk.shape, views.map((x, k) => ({ offset: x.offset, strides: walk.strides[k] })));
  const masked = a.mask !== null;
  const key = `attention:${E}:${Ev}:${rank}:${masked}`;
  const kinds = ['write', 'write', 'read', 'read', 'read', ...(masked ? ['read' as const] : [])] as const;
  const kernel = ctx.pipelines.get(key, kinds, () => source(E, Ev, rank, masked, 12 + walkWords.length));
  const buffers = [ctx.output(a.out as GpuView), ctx.output(a.lse as GpuView), ...[a.q, a.k, a.v, ...(a.mask ? [a.mask] : [])].map((x) => ctx.input(x as GpuView))];
  const strides = [last(a.q as GpuView, 2), last(a.k as GpuView, 2), last(a.v as GpuView, 2), last(a.out as GpuView, 2), last(a.lse as GpuView, 1)];
  const maskStrides = a.mask ? [last(a.mask as GpuView, 2), last(a.mask as GpuView, 1)] : [0, 0];
  for (let first = 0; first < batches; first += MAX_Z) {
    const params = Uint32Array.from([L, S, toBits(a.scale, 'f32'), a.causal ? 1 : 0, ...strides, ...maskStrides, first, ...walkWords]);
    ctx.queue.dispatch(kernel, buffers, params, [Math.ceil(L / BR), 1, Math.min(MAX_Z, batches - first)]);
  }
  return true;
}
