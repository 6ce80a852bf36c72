import { expect, it } from 'vitest';
import { tensor, Tensor } from './index.js';
import { describeBackends } from './testing/backends.js';

const POINTER = /noGrad\(\(\) => t\.add_\(…\)\) from @typegrad\/autograd; for a tensor cut off from the graph, use t\.detach\(\)/;

describeBackends("Tensor.data is a method, and PyTorch's .data habits say so", ({ device }) => {
  const p = () => tensor([1, 2, 3], { device });
  /** Reads a property of p.data as PyTorch code would. */
  const read = (name: string | number) => () => (p().data as unknown as Record<string | number, unknown>)[name];

  it('p.data.add_, .mul_, .zero_, .shape and every other tensor member throw, pointing to noGrad and detach', () => {
    expect(read('add_')).toThrow(TypeError);
    expect(read('add_')).toThrow("Tensor.data.add_: data is a method that reads the values (await t.data()), not PyTorch's .data tensor; to change the values without recording gradients, use");
    expect(read('add_')).toThrow(POINTER);
    for (const name of ['mul_', 'zero_', 'copy_', 'shape', 'dtype', 'grad', 'size', 'T', 'item', 'sub']) expect(read(name), name).toThrow(POINTER);
    // PyTorch's in-place names, even those typegrad lacks
    expect(read('addmm_')).toThrow('Tensor.data.addmm_: data is a method');
  });

  it("guards every field a tensor has, so a new one can't slip through", () => {
    const fields = Object.keys(p());
    expect(fields).toContain('shape');
    for (const name of fields) expect(read(name), name).toThrow(POINTER);
  });

  it('indexing p.data, awaiting it uncalled, and assigning it are errors too', async () => {
    expect(read(0)).toThrow('Tensor.data[0]: data is a method; read the values with (await t.data())[0], or index the tensor: t.index(0)');
    await expect((async () => await (p().data as unknown))()).rejects.toThrow('Tensor.data: `await t.data` awaits the method itself; call it: `await t.data()`');
    const t = p();
    expect(() => {
      (t as unknown as { data: unknown }).data = tensor([0]);
    }).toThrow("Tensor.data: data is a method that reads the values, not PyTorch's .data tensor, and cannot be assigned; to overwrite the values, use noGrad(() => t.copy_(src))");
    expect(Array.from(await t.data())).toEqual([1, 2, 3]); // the method is still there
  });

  it('calling it, and what a function has, keep working', async () => {
    const t = p();
    expect(Array.from(await t.data())).toEqual([1, 2, 3]);
    expect(Array.from(await t.data.call(t))).toEqual([1, 2, 3]);
    expect(Array.from(await t.data.apply(t, []))).toEqual([1, 2, 3]);
    expect(Array.from(await t.data.bind(t)())).toEqual([1, 2, 3]);
    expect(t.data.name).toBe('data');
    expect(t.data.length).toBe(0);
    expect(typeof t.data).toBe('function');
    expect(t.data).toBe(Tensor.prototype.data);
    // names that generic code probes on any value read as undefined, as on any function
    const probe = t.data as unknown as Record<string, unknown>;
    expect([probe.toJSON, probe.prototype, probe.$$typeof, probe.asymmetricMatch]).toEqual([undefined, undefined, undefined, undefined]);
    expect(String(t.data)).toContain('function');
  });
});
