// The course's gradient-descent examples, solved with SGD.
import { describe, expect, it } from 'vitest';
import { manualSeed, randn, tensor, zeros, type Tensor } from '@typegrad/tensor';
import '@typegrad/autograd';
import { SGD } from './index.js';

/** Runs `steps` iterations of zeroGrad → loss → backward → step. */
function train(optimizer: SGD, loss: () => Tensor, steps: number): void {
  for (let i = 0; i < steps; i++) {
    optimizer.zeroGrad();
    loss().backward();
    optimizer.step();
  }
}

/** Solves the square system A·x = b in float64 by Gaussian elimination with partial pivoting. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    const pivot = M.slice(c).reduce((best, row, k) => (Math.abs(row[c]) > Math.abs(M[best][c]) ? c + k : best), c);
    [M[c], M[pivot]] = [M[pivot], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) x[r] = (M[r][n] - M[r].slice(r + 1, n).reduce((s, v, k) => s + v * x[r + 1 + k], 0)) / M[r][r];
  return x;
}

describe('gradient descent (the course examples)', () => {
  it('minimises x² to 0', () => {
    const x = tensor([5]).requiresGrad_();
    train(new SGD([x], { lr: 0.1 }), () => x.mul(x).sum(), 100); // x ← 0.8·x each step
    expect(Math.abs(x.itemSync())).toBeLessThan(1e-6);
  });

  it('minimises x² + y² to (0, 0), also with momentum', () => {
    for (const options of [{ lr: 0.1 }, { lr: 0.05, momentum: 0.9 }, { lr: 0.05, momentum: 0.9, nesterov: true }]) {
      const x = tensor(3).requiresGrad_();
      const y = tensor(-4).requiresGrad_();
      train(new SGD([x, y], options), () => x.mul(x).add(y.mul(y)), 300);
      expect(Math.abs(x.itemSync())).toBeLessThan(1e-5);
      expect(Math.abs(y.itemSync())).toBeLessThan(1e-5);
    }
  });

  it('climbs to the maximum of −(x − 2)² with maximize', () => {
    const x = tensor([-1]).requiresGrad_();
    train(new SGD([x], { lr: 0.1, maximize: true }), () => x.sub(2).pow(2).neg().sum(), 200);
    expect(x.itemSync()).toBeCloseTo(2, 5);
  });

  it('fits linear regression to the least-squares solution', () => {
    manualSeed(42);
    const n = 256;
    const X = randn([n, 3]);
    const y = X.matmul(tensor([2, -3.5, 0.5])).add(1.25).add(randn([n]).mul(0.3));
    const w = zeros([3]).requiresGrad_();
    const b = zeros([]).requiresGrad_();
    train(new SGD([w, b], { lr: 0.1 }), () => X.matmul(w).add(b).sub(y).pow(2).mean(), 500);

    // normal equations (AᵀA)β = Aᵀy for A = [X | 1], on the host in float64
    const rows = X.toArraySync() as number[][];
    const ys = y.toArraySync() as number[];
    const A = rows.map((r) => [...r, 1]);
    const AtA = [0, 1, 2, 3].map((i) => [0, 1, 2, 3].map((j) => A.reduce((s, r) => s + r[i] * r[j], 0)));
    const Aty = [0, 1, 2, 3].map((i) => A.reduce((s, r, k) => s + r[i] * ys[k], 0));
    const beta = solve(AtA, Aty);
    const fitted = [...(w.toArraySync() as number[]), b.itemSync()];
    fitted.forEach((v, i) => expect(Math.abs(v - beta[i])).toBeLessThan(1e-4));
  });
});

describe('SGD', () => {
  it('skips parameters without a gradient and keeps no state for them', () => {
    const used = tensor([1, 2]).requiresGrad_();
    const unused = tensor([3, 4]).requiresGrad_();
    const optimizer = new SGD([used, unused], { lr: 0.5, momentum: 0.9 });
    used.mul(used).sum().backward();
    optimizer.step();
    expect(used.toArraySync()).toEqual([0, 0]);
    expect(unused.toArraySync()).toEqual([3, 4]);
    expect(optimizer.state.has(unused)).toBe(false);
    expect(optimizer.state.get(used)!.momentum_buffer).toBeDefined();
  });

  it('updates views of a parameter too (the update is in place)', () => {
    const w = tensor([[1, 2], [3, 4]]).requiresGrad_();
    const row = w.select(0, 1);
    const optimizer = new SGD([w], { lr: 1 });
    w.sum().backward();
    optimizer.step();
    expect(row.toArraySync()).toEqual([2, 3]);
  });

  it('refuses invalid options with PyTorch’s messages', () => {
    const p = tensor([1]).requiresGrad_();
    expect(() => new SGD([p], { lr: -1 })).toThrow('SGD: Invalid learning rate: -1');
    expect(() => new SGD([p], { momentum: -0.5 })).toThrow('SGD: Invalid momentum value: -0.5');
    expect(() => new SGD([p], { weightDecay: -1 })).toThrow('SGD: Invalid weight_decay value: -1');
    expect(() => new SGD([p], { nesterov: true })).toThrow('SGD: Nesterov momentum requires a momentum and zero dampening');
    expect(() => new SGD([p], { nesterov: true, momentum: 0.9, dampening: 0.1 })).toThrow('Nesterov momentum requires');
  });
});
