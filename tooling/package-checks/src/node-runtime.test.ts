// The packages in Node as users start it: from CommonJS with require(), from `node --input-type=module -e`,
// and bundled and minified.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { publishedPackages, specifier } from './packages.js';

const here = join(import.meta.dirname, '..');

/** Runs node with `args` in this package's folder (where the packages resolve); stdout, stderr and status. */
function node(args: string[], input?: string) {
  const r = spawnSync(process.execPath, args, { cwd: here, encoding: 'utf8', input, timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('require() from CommonJS', () => {
  // Node runs require() of an ES module since 20.19 and 22.12 (process.features.require_module)
  const supported = (process.features as { require_module?: boolean }).require_module === true;
  const entries = publishedPackages().flatMap((pkg) => pkg.entries.filter((e) => e !== './testing').map((e) => specifier(pkg, e)));

  it.runIf(supported).each(entries)('require(%s) gives the same exports as import', async (spec) => {
    const r = node(['-e', `process.stdout.write(JSON.stringify(Object.keys(require(${JSON.stringify(spec)})).sort()))`]);
    expect(r.stderr).not.toMatch(/Error/);
    const viaImport = Object.keys(await import(spec)).sort();
    expect(JSON.parse(r.stdout)).toEqual(viaImport);
  });

  it.runIf(supported)('a CommonJS script trains with required packages', () => {
    const r = node(['-e', `
      const { tensor } = require('@typegrad/tensor');
      const { Linear, mseLoss } = require('@typegrad/nn');
      const { SGD } = require('@typegrad/optim');
      const fc = new Linear(1, 1);
      const opt = new SGD(fc.parameters(), { lr: 0.1 });
      const x = tensor([[1], [2], [3]]), y = tensor([[2], [4], [6]]);
      let first;
      for (let i = 0; i < 50; i++) { opt.zeroGrad(); const loss = mseLoss(fc.forward(x), y); first ??= loss.itemSync(); loss.backward(); opt.step(); }
      process.stdout.write(JSON.stringify([first, mseLoss(fc.forward(x), y).itemSync()]));`]);
    const [first, last] = JSON.parse(r.stdout) as number[];
    expect(last).toBeLessThan(first / 10);
  });
});

describe('matmul worker threads', () => {
  it('run under `node --input-type=module -e` (workers do not inherit the flag)', () => {
    const script = `
      import { randn, setCpuThreads, cpuThreads } from '@typegrad/tensor';
      const a = randn([700, 600]), b = randn([600, 500]);
      setCpuThreads(1);
      const one = a.matmul(b).dataSync();
      setCpuThreads(2);
      const results = [];
      // the first product starts the workers; a worker that fails to start reports it on a later turn of the event loop
      for (let i = 0; i < 3; i++) {
        results.push(a.matmul(b).dataSync());
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
      const same = results.every((r) => r.every((v, j) => Object.is(v, one[j])));
      console.log(JSON.stringify({ threads: cpuThreads(), same }));`;
    const r = node(['--input-type=module', '-e', script]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ threads: 2, same: true });
  });
});

describe('minified bundles', () => {
  it('print layers and name optimizers by their own names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'typegrad-min-'));
    const entry = join(dir, 'entry.js');
    writeFileSync(entry, `
      import { Linear, Sequential, Tanh, Dropout } from '@typegrad/nn';
      import { SGD, StepLR } from '@typegrad/optim';
      const model = new Sequential(new Linear(2, 3), new Tanh(), new Dropout(0.1));
      let error = '';
      try { new SGD([]); } catch (e) { error = e.message; }
      console.log(JSON.stringify({ model: model.toString(), error }));`);
    const out = join(dir, 'bundle.mjs');
    await build({ entryPoints: [entry], bundle: true, minify: true, platform: 'node', format: 'esm', outfile: out, nodePaths: [join(here, 'node_modules')], logLevel: 'silent' });
    const printed = JSON.parse(execFileSync(process.execPath, [out], { encoding: 'utf8' }));
    expect(printed.model).toBe('Sequential(\n  (0): Linear(in_features=2, out_features=3, bias=True)\n  (1): Tanh()\n  (2): Dropout(p=0.1, inplace=False)\n)');
    expect(printed.error).toBe('SGD: optimizer got an empty parameter list');
  });
});
