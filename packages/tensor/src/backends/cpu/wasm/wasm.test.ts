import { afterAll, describe, expect, it } from 'vitest';
import { WASM_BASE64 } from './kernels.wasm.js';
import { cpuKernels, setCpuKernels, unshared, wasmSimdSupported } from './select.js';

const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node !== undefined
  && typeof document === 'undefined';

describe('the committed Wasm kernels', () => {
  // Node only: a page cannot run the compiler script
  it.runIf(node)('equal a fresh build of assembly/ (run `pnpm build:wasm` after editing it)', async () => {
    // specifiers in variables keep the browser bundler from resolving Node built-ins
    const cp = 'node:child_process';
    const url = 'node:url';
    const { execFileSync } = (await import(/* @vite-ignore */ cp)) as typeof import('node:child_process');
    const { fileURLToPath } = (await import(/* @vite-ignore */ url)) as typeof import('node:url');
    const script = fileURLToPath(new URL('../../../../scripts/build-wasm.mjs', import.meta.url));
    const fresh = execFileSync(process.execPath, [script, '--print'], { encoding: 'utf8' }).trim();
    expect(fresh.length).toBeGreaterThan(100);
    expect(WASM_BASE64 === fresh, 'src/backends/cpu/wasm/kernels.wasm.ts is stale: run `pnpm build:wasm`').toBe(true);
  }, 180_000);

  it('are valid WebAssembly importing one memory and exporting the kernel entry points', () => {
    const bytes = unshared(Uint8Array.from(atob(WASM_BASE64), (ch) => ch.charCodeAt(0)));
    expect(WebAssembly.validate(bytes)).toBe(true);
    const module = new WebAssembly.Module(bytes);
    expect(WebAssembly.Module.imports(module)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    expect(WebAssembly.Module.exports(module).map((e) => e.name).sort()).toEqual(['adam', 'attentionBackward', 'attentionForward', 'compactRows', 'heapBase', 'layerNormBackwardRows', 'layerNormRows', 'macroKernel', 'mapRows', 'packA', 'packB', 'softmaxRows', 'sumColumns', 'work']);
  });
});

describe('CPU kernel selection', () => {
  afterAll(() => setCpuKernels('auto'));

  it('reports the kernel in use and follows setCpuKernels', async () => {
    expect(wasmSimdSupported()).toBe(true); // Node 20 and Chromium both have SIMD
    expect(await setCpuKernels('js')).toBe('js');
    expect(cpuKernels()).toBe('js');
    expect(await setCpuKernels('wasm')).toBe('wasm');
    expect(cpuKernels()).toBe('wasm');
    expect(await setCpuKernels('auto')).toBe('wasm');
  });

  it('rejects an unknown choice', () => {
    expect(() => setCpuKernels('simd' as 'wasm')).toThrow("setCpuKernels: expected 'wasm', 'js' or 'auto', got simd");
  });
});
