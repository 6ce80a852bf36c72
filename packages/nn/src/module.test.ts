import { describe, expect, it } from 'vitest';
import { manualSeed, randn, tensor, toDevice, zeros, type Tensor } from '@typegrad/tensor';
import { BatchNorm1d, Dropout, Embedding, Linear, Module, ModuleDict, ModuleList, Sequential, Tanh, buffer, crossEntropy, parameter } from './index.js';
import { describeBackends, values } from '@typegrad/tensor/testing';
import * as nn from './index.js';

class MLP extends Module {
  emb = new Embedding(27, 10);
  fc1 = new Linear(30, 200);
  act = new Tanh();
  fc2 = new Linear(200, 27);
  forward(x: Tensor): Tensor {
    return this.fc2.forward(this.act.forward(this.fc1.forward(this.emb.forward(x).reshape([-1, 30]))));
  }
}

describe('Module', () => {
  it('finds parameters in its properties, in order, with dotted names', () => {
    const m = new MLP();
    expect(m.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['emb.weight', [27, 10]],
      ['fc1.weight', [200, 30]],
      ['fc1.bias', [200]],
      ['fc2.weight', [27, 200]],
      ['fc2.bias', [27]],
    ]);
    expect(m.parameters().reduce((n, p) => n + p.numel, 0)).toBe(11897); // the lecture's count
    expect(m.parameters().every((p) => p.requiresGrad)).toBe(true);
    expect([...m.namedModules()].map(([n]) => n)).toEqual(['', 'emb', 'fc1', 'act', 'fc2']);
  });

  it('lists shared parameters once', () => {
    class Tied extends Module {
      a = new Linear(4, 4);
      b = new Linear(4, 4);
      constructor() {
        super();
        this.b.weight = this.a.weight;
      }
      forward(x: Tensor) {
        return this.b.forward(this.a.forward(x));
      }
    }
    expect(new Tied().parameters().length).toBe(3);
  });

  it('prints like PyTorch, with a parameter summary', () => {
    const m = new Sequential(new Linear(2, 3), new Tanh(), new Dropout(0.2));
    expect(m.toString()).toBe(
      'Sequential(\n  (0): Linear(in_features=2, out_features=3, bias=True)\n  (1): Tanh()\n  (2): Dropout(p=0.2, inplace=False)\n)',
    );
    expect(m.summary()).toContain('Total parameters: 9 (trainable: 9)');
    expect(m.summary()).toContain('0.weight   [3, 2]      6');
  });

  it('prints each class by its declared typeName, which survives minification, else by its class name', () => {
    class Lin extends Linear {} // a subclass declaring no typeName of its own shows its class name, as in PyTorch
    const Renamed = { [`Ps`]: class extends Module { static readonly typeName = 'Head'; forward() {} } }.Ps; // as a minifier leaves it
    expect(new Lin(1, 1).toString()).toBe('Lin(in_features=1, out_features=1, bias=True)');
    expect(new Renamed().toString()).toBe('Head()');
    expect(new MLP().typeName).toBe('MLP');
    // every layer the package exports declares its name
    const layers = Object.values(nn).filter((v): v is typeof Module => typeof v === 'function' && v.prototype instanceof Module);
    expect(layers.length).toBeGreaterThan(10);
    for (const layer of layers) expect(Object.hasOwn(layer, 'typeName') && (layer as { typeName?: string }).typeName).toBe(layer.name);
    expect(() => new Renamed().loadStateDict({ x: zeros([1]) })).toThrow('Error(s) in loading state_dict for Head:');
  });

  it('says which value of a state dict is not a tensor, and refuses what is not a state dict', () => {
    const fc = new Linear(2, 1);
    expect(() => fc.loadStateDict({ weight: [[1, 2]], bias: zeros([1]) } as never)).toThrow('Error(s) in loading state_dict for Linear:\n\tvalue for weight is not a Tensor (got an array).');
    expect(() => fc.loadStateDict({ weight: zeros([1, 2]), bias: 3 } as never)).toThrow('value for bias is not a Tensor (got a number (3)).');
    expect(() => fc.loadStateDict(zeros([2]) as never)).toThrow('Linear.loadStateDict: expected an object of tensors by name (a state dict), got an object (a Tensor)');
    expect(() => fc.loadStateDict(null as never)).toThrow('got null');
    // keys are the state dict's own: 'constructor' or 'toString' are not taken from Object.prototype
    class Odd extends Module {
      constructor_ = parameter(zeros([1]));
      forward() {}
    }
    expect(() => new Odd().loadStateDict({ toString: zeros([1]) } as never)).toThrow('Missing key(s) in state_dict: "constructor_".');
  });

  it('switches train/eval on every descendant', () => {
    const m = new Sequential(new Linear(2, 2), new Sequential(new Dropout()));
    m.eval();
    expect(m.modules().every((x) => !x.training)).toBe(true);
    m.train();
    expect(m.modules().every((x) => x.training)).toBe(true);
  });

  it('round-trips its state dict and copies into the same tensors', () => {
    manualSeed(1);
    const a = new MLP();
    const b = new MLP();
    const w = b.fc1.weight;
    b.loadStateDict(a.stateDict());
    expect(b.fc1.weight).toBe(w);
    expect(b.fc1.weight.toArraySync()).toEqual(a.fc1.weight.toArraySync());
  });

  it('names missing, unexpected and mis-shaped keys when loading strictly', () => {
    const m = new Sequential(new Linear(2, 3));
    const bad = { '0.weight': zeros([3, 4]), extra: zeros([1]) };
    expect(() => m.loadStateDict(bad)).toThrow(
      'Error(s) in loading state_dict for Sequential:\n\tMissing key(s) in state_dict: "0.bias".\n\tsize mismatch for 0.weight: copying a param with shape [3, 4] from checkpoint, the shape in current model is [3, 2].\n\tUnexpected key(s) in state_dict: "extra".',
    );
    expect(m.loadStateDict({ '0.weight': zeros([3, 2]) }, { strict: false })).toEqual({ missingKeys: ['0.bias'], unexpectedKeys: [] });
  });

  it('keeps buffers in the state dict but not among parameters', () => {
    const bn = new BatchNorm1d(3);
    expect(bn.parameters().length).toBe(2);
    expect(Object.keys(bn.stateDict())).toEqual(['weight', 'bias', 'running_mean', 'running_var', 'num_batches_tracked']); // PyTorch's keys
  });

  it('converts floating parameters with to(dtype) and keeps integer buffers', () => {
    const bn = new BatchNorm1d(2).to('float64');
    expect(bn.weight!.dtype).toBe('float64');
    expect(bn.runningMean!.dtype).toBe('float64');
    expect(bn.numBatchesTracked!.dtype).toBe('int32');
    expect(bn.weight!.requiresGrad).toBe(true);
  });

  it('zeroGrad clears gradients', () => {
    const m = new Linear(2, 1);
    m.forward(randn([4, 2])).sum().backward();
    expect(m.weight.grad).not.toBeNull();
    m.zeroGrad();
    expect(m.weight.grad).toBeNull();
  });

  it('ModuleList and ModuleDict expose their modules to the parent', () => {
    class Net extends Module {
      layers = new ModuleList([new Linear(2, 2), new Linear(2, 2)]);
      heads = new ModuleDict({ cls: new Linear(2, 3) });
      forward(x: Tensor) {
        let h = x;
        for (const l of this.layers) h = l.forward(h);
        return this.heads.get('cls')!.forward(h);
      }
    }
    const n = new Net();
    expect(n.namedParameters().map(([k]) => k)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.1.weight', 'layers.1.bias', 'heads.cls.weight', 'heads.cls.bias']);
    expect(n.forward(randn([5, 2])).shape).toEqual([5, 3]);
  });

  it('parameter() and buffer() mark plain tensors', () => {
    class Scale extends Module {
      s = parameter(tensor([2]));
      count = buffer(zeros([1]));
      forward(x: Tensor) {
        return x.mul(this.s);
      }
    }
    const m = new Scale();
    expect(m.namedParameters().map(([k]) => k)).toEqual(['s']);
    expect(m.namedBuffers().map(([k]) => k)).toEqual(['count']);
  });
});

describeBackends('the course training loop, unchanged in shape', (b) => {
  it('trains the makemore MLP a few steps and lowers the loss', async () => {
    manualSeed(42);
    const m = new MLP().to(b.device);
    expect(m.parameters().every((p) => p.device === b.device && p.requiresGrad)).toBe(true);
    const X = tensor(new Int32Array(96).map((_, i) => (i * 7) % 27), { shape: [32, 3], device: b.device });
    const Y = tensor(new Int32Array(32).map((_, i) => (i * 5) % 27), { device: b.device });
    const losses: number[] = [];
    for (let step = 0; step < 20; step++) {
      const loss = crossEntropy(m.forward(X), Y);
      m.zeroGrad();
      loss.backward();
      for (const p of m.parameters()) p.detach().sub_(p.grad!.mul(0.1));
      losses.push(await loss.item());
    }
    expect(losses[0]).toBeGreaterThan(losses[19] + 1);
  });

  it('gives the CPU\'s losses and gradients for the same weights (model.to(device), inputs moved)', async () => {
    manualSeed(7);
    const ref = new Sequential(new Linear(6, 16), new BatchNorm1d(16), new Tanh(), new Dropout(0.2), new Linear(16, 5));
    const m = new Sequential(new Linear(6, 16), new BatchNorm1d(16), new Tanh(), new Dropout(0.2), new Linear(16, 5));
    m.loadStateDict(ref.stateDict());
    m.to(b.device);
    const x = randn([12, 6]);
    const y = tensor([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1], { dtype: 'int32' });
    const run = async (model: Sequential, device: typeof b.device) => {
      manualSeed(3); // the same dropout mask: random numbers are drawn on the host for every device
      const loss = crossEntropy(model.forward(await toDevice(x, device)), await toDevice(y, device));
      model.zeroGrad();
      loss.backward();
      return { loss: await loss.item(), grads: await Promise.all(model.parameters().map((p) => values(p.grad!))), buffers: await Promise.all(model.namedBuffers().map(([, t]) => values(t))) };
    };
    const cpu = await run(ref, 'cpu');
    const dev = await run(m, b.device);
    const tol = b.device === 'cpu' ? 0 : b.tol;
    expect(Math.abs(dev.loss - cpu.loss)).toBeLessThanOrEqual(tol);
    const check = (a: number[][], e: number[][], what: string) =>
      e.forEach((v, i) => v.forEach((x, j) => expect(Math.abs(a[i][j] - x), `${what} ${i}[${j}]: ${a[i][j]} vs ${x}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(x)))));
    check(dev.grads, cpu.grads, 'gradient');
    check(dev.buffers, cpu.buffers, 'buffer');
  });
});
