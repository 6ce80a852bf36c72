// layerNorm on every backend against its formula written out in float64 on the CPU: forward, and the three
// gradients from the op's saved values; and on the CPU's WebAssembly kernel, checked to run.
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Generator, getBackend, layerNorm, layerNormBackward, randn, setCpuKernels, setOpRecorder, toDevice, type Tensor } from '../index.js';
import { describeBackends } from '../testing/backends.js';
import { wasmSimdSupported } from '../backends/cpu/wasm/select.js';

interface Case {
  name: string;
  x: number[];
  shape: number[];
  weight: boolean;
  bias: boolean;
  eps?: number;
}

const CASES: Case[] = [
  { name: 'rows of 64 with weight and bias', x: [3, 5, 64], shape: [64], weight: true, bias: true },
  { name: 'two normalised dims, no bias', x: [4, 3, 6], shape: [3, 6], weight: true, bias: false },
  { name: 'no affine, odd width', x: [7, 13], shape: [13], weight: false, bias: false, eps: 1e-3 },
  { name: 'a transposed input', x: [6, 10], shape: [10], weight: true, bias: true },
];

/** The formula in float64: y = (x − μ)/√(σ² + eps)·w + b, and its gradients for the output gradient g. */
function reference(x: Tensor, w: Tensor | null, b: Tensor | null, g: Tensor, c: Case) {
  const dims = c.shape.map((_, i) => x.ndim - c.shape.length + i);
  const n = c.shape.reduce((a, d) => a * d, 1);
  const mean = x.mean(dims, true);
  const xc = x.sub(mean);
  const rstd = xc.mul(xc).mean(dims, true).add(c.eps ?? 1e-5).rsqrt();
  const xhat = xc.mul(rstd);
  let y = xhat;
  if (w) y = y.mul(w);
  if (b) y = y.add(b);
  const gw = w ? g.mul(w) : g;
  const dx = gw.sub(gw.sum(dims, true).div(n)).sub(xhat.mul(gw.mul(xhat).sum(dims, true).div(n))).mul(rstd);
  const lead = Array.from({ length: x.ndim - c.shape.length }, (_, i) => i);
  return { y, dx, dw: w ? g.mul(xhat).sum(lead) : null, db: b ? g.sum(lead) : null };
}

async function expectNear(got: Tensor | null, want: Tensor | null, tol: number, what: string): Promise<void> {
  if (want === null) return void expect(got, what).toBeNull();
  expect(got!.shape, what).toEqual(want.shape);
  const a = (await toDevice(got!, 'cpu')).double().dataSync();
  const b = want.contiguous().dataSync();
  for (let i = 0; i < b.length; i++) if (!(Math.abs(a[i] - b[i]) <= tol * (1 + Math.abs(b[i])))) throw new Error(`${what}[${i}]: ${a[i]}, expected ${b[i]}`);
}

async function checkCase(c: Case, device: string, float64: boolean): Promise<void> {
  const g = new Generator().manualSeed(11);
  let x = randn(c.x, { generator: g, dtype: 'float64' }).mul(3).add(1);
  if (c.name.includes('transposed')) x = randn([c.x[1], c.x[0]], { generator: g, dtype: 'float64' }).T;
  const w = c.weight ? randn(c.shape, { generator: g, dtype: 'float64' }) : null;
  const b = c.bias ? randn(c.shape, { generator: g, dtype: 'float64' }) : null;
  const dOut = randn([...x.shape], { generator: g, dtype: 'float64' });
  const want = reference(x, w, b, dOut, c);
  const on = (t: Tensor | null) => (t ? toDevice(float64 ? t : t.float(), device) : Promise.resolve(null));
  const [X, W, B, G] = await Promise.all([x, w, b, dOut].map(on));
  let saved: Readonly<Record<string, unknown>> = {};
  setOpRecorder((op, _i, _o, s) => void (op === 'layerNorm' && (saved = s)));
  const y = layerNorm(X!.requiresGrad_(), c.shape, { weight: W, bias: B, eps: c.eps });
  setOpRecorder(null);
  X!.requiresGrad_(false);
  const tol = float64 ? 1e-9 : 2e-5;
  await expectNear(y, want.y, tol, 'y');
  const [dx, dw, db] = layerNormBackward(G!, X!, W, saved);
  await expectNear(dx, want.dx, tol, 'dx');
  await expectNear(dw, want.dw, tol * 10, 'dweight');
  await expectNear(db, want.db, tol * 10, 'dbias');
}

describeBackends('layerNorm', (b) => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: output and gradients', (_, c) => checkCase(c, b.device, b.float64));

  it('names the shapes it expected', async () => {
    const x = await toDevice(randn([2, 3]), b.device);
    expect(() => layerNorm(x, [4])).toThrow('layerNorm: expected input with shape [*, 4], but got input of size [2,3]');
    const weight = await toDevice(randn([2]), b.device);
    expect(() => layerNorm(x, [3], { weight })).toThrow('layerNorm: expected weight of shape [3], got [2]');
  });
});

describe.skipIf(!wasmSimdSupported())('layerNorm on the WebAssembly kernel', () => {
  const cpu = getBackend('cpu');
  const [forward, backward] = [cpu.layerNorm!, cpu.layerNormBackward!];
  afterEach(() => Object.assign(cpu, { layerNorm: forward, layerNormBackward: backward }));
  afterAll(() => setCpuKernels('auto'));

  it.each(CASES.map((c) => [c.name, c] as const))('%s: the kernels run and give the float64 formula', async (_, c) => {
    await setCpuKernels('wasm');
    const ran: string[] = [];
    cpu.layerNorm = (v) => (forward(v) ? ran.push('forward') > 0 : false);
    cpu.layerNormBackward = (v) => (backward(v) ? ran.push('backward') > 0 : false);
    await checkCase(c, 'cpu', false);
    expect(ran).toEqual(['forward', 'backward']);
  });
});
