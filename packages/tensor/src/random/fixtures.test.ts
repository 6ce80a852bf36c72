/**
 * Replays fixtures/random.json (recorded from PyTorch's CPU generator) and
 * checks every output. See fixtures/make_random_fixtures.py for the cases.
 */
import { describe, expect, it } from 'vitest';
import randomFixture from '../../fixtures/random.json?raw';
import {
  Generator,
  bernoulliFill,
  defaultGenerator,
  dropoutMask,
  exponentialFill,
  manualSeed,
  multinomial,
  normalFill,
  randintFill,
  randperm,
  uniformFill,
} from './index.js';

interface Op {
  op: string;
  dtype?: string;
  n?: number;
  from?: number;
  to?: number;
  mean?: number;
  std?: number;
  low?: number;
  high?: number;
  p?: number | number[];
  pDtype?: string;
  rows?: number;
  categories?: number;
  numSamples?: number;
  replacement?: boolean;
  probs?: number[];
  scale?: number[] | null;
  out: (number | string)[];
}
interface Case {
  name: string;
  seed: string | null;
  initialSeed?: string;
  words?: number[];
  makemore?: { P: number[]; names: number[][] };
  ops: Op[];
}
interface Fixture {
  meta: { torch: string; cpuCapability: string; mkl: boolean };
  cases: Case[];
}

// imported as text rather than read from disk, so the suite also runs in a browser (and −0 survives)
const fixture = JSON.parse(randomFixture) as Fixture;

// Our float32 normal kernel reproduces PyTorch's AVX2 build exactly; other
// builds differ in the last bits, so they get a tolerance instead.
const exactF32Normal = fixture.meta.cpuCapability === 'AVX2';

const floatArray = (dtype: string | undefined, n: number): Float32Array | Float64Array =>
  dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
const expected = (op: Op): number[] =>
  op.out.map((v) => (op.dtype === 'float32' ? Math.fround(Number(v)) : Number(v)));

/** Largest distance in units of the expected value's last place. */
function maxUlps(actual: ArrayLike<number>, want: number[], bits: number): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    const scale = 2 ** (Math.floor(Math.log2(Math.abs(want[i]) || 1)) - (bits - 1));
    worst = Math.max(worst, Math.abs(actual[i] - want[i]) / scale);
  }
  return worst;
}

/** Runs one fixture op on `g` and asserts its output. */
function check(g: Generator, op: Op, where: string): void {
  const n = op.n ?? 0;
  switch (op.op) {
    case 'rand': {
      const out = uniformFill(g, floatArray(op.dtype, n), op.from ?? 0, op.to ?? 1);
      expect(Array.from(out), where).toEqual(expected(op));
      return;
    }
    case 'randn': {
      const out = normalFill(g, floatArray(op.dtype, n), op.mean ?? 0, op.std ?? 1);
      if (op.dtype === 'float32' && (exactF32Normal || n < 16)) {
        expect(Array.from(out), where).toEqual(expected(op));
      } else {
        // libm vs V8 log/sin/cos may differ in the last bit of a double.
        expect(maxUlps(out, expected(op), op.dtype === 'float32' ? 24 : 53), where).toBeLessThanOrEqual(4);
      }
      return;
    }
    case 'exponential': {
      const out = exponentialFill(g, floatArray(op.dtype, n));
      expect(maxUlps(out, expected(op), op.dtype === 'float32' ? 24 : 53), where).toBeLessThanOrEqual(2);
      return;
    }
    case 'randint': {
      const out =
        op.dtype === 'int32' ? new Int32Array(n) : op.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
      randintFill(g, out, op.low!, op.high!);
      expect(Array.from(out), where).toEqual(expected(op));
      return;
    }
    case 'randperm':
      expect(Array.from(randperm(g, n)), where).toEqual(op.out);
      return;
    case 'random31':
      expect(Array.from({ length: n }, () => g.random() % 2 ** 31), where).toEqual(op.out);
      return;
    case 'random63':
      expect(Array.from({ length: n }, () => String(g.random64() % (1n << 63n))), where).toEqual(op.out);
      return;
    case 'multinomial': {
      const probs = op.dtype === 'float32' ? Float32Array.from(op.probs!) : Float64Array.from(op.probs!);
      const out = multinomial(g, probs, op.rows!, op.categories!, op.numSamples!, op.replacement!);
      expect(Array.from(out), where).toEqual(op.out);
      return;
    }
    case 'bernoulli': {
      const out = floatArray(op.dtype, n);
      const p = typeof op.p === 'number' ? op.p : op.pDtype === 'float32' ? Float32Array.from(op.p!) : Float64Array.from(op.p!);
      expect(Array.from(bernoulliFill(g, out, p)), where).toEqual(op.out);
      return;
    }
    case 'dropout': {
      const out = dropoutMask(g, floatArray(op.dtype, n), op.p as number);
      expect(Array.from(out), where).toEqual(op.out);
      if (op.scale) {
        const scale = op.dtype === 'float32' ? Math.fround(1 / Math.fround(1 - (op.p as number))) : 1 / (1 - (op.p as number));
        expect(scale, where).toBe(op.dtype === 'float32' ? Math.fround(op.scale[0]) : op.scale[0]);
      }
      return;
    }
    default:
      throw new Error(`unknown fixture op ${op.op}`);
  }
}

describe(`PyTorch ${fixture.meta.torch} CPU generator fixtures (${fixture.meta.cpuCapability})`, () => {
  it('was recorded without MKL (MKL builds draw bernoulli differently)', () => {
    expect(fixture.meta.mkl).toBe(false);
  });

  for (const c of fixture.cases) {
    it(c.name, () => {
      // Dropout cases were recorded on torch's default generator.
      const usesDefault = c.ops.some((o) => o.op === 'dropout');
      const g = c.seed === null ? new Generator() : usesDefault ? manualSeed(BigInt(c.seed)) : new Generator(BigInt(c.seed));
      if (usesDefault) expect(g).toBe(defaultGenerator);
      if (c.initialSeed !== undefined) expect(g.initialSeed()).toBe(BigInt(c.initialSeed));
      if (c.words) {
        const w = g.getState().words;
        expect([w[0], w[1], w[2], w[3], w[623]]).toEqual(c.words);
      }
      c.ops.forEach((op, i) => check(g, op, `${c.name}: op ${i} (${op.op} ${op.dtype ?? ''} n=${op.n ?? ''})`));
      if (c.makemore) {
        const P = Float32Array.from(c.makemore.P);
        const names = c.makemore.names.map((want) => {
          const got: number[] = [];
          let ix = 0;
          do {
            ix = multinomial(g, P.subarray(ix * 27, ix * 27 + 27), 1, 27, 1, true)[0];
            got.push(ix);
          } while (ix !== 0 && got.length < want.length);
          return got;
        });
        expect(names).toEqual(c.makemore.names);
      }
    });
  }
});
