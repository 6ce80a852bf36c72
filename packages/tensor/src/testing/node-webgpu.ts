import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addTestBackend } from './backends.js';

/** Debian's chromium ships SwiftShader, a Vulkan driver on the CPU that Dawn accepts (Mesa 22's lavapipe it does not). */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** The outcome of starting WebGPU in Node: the adapter's name, or why there is none. */
export type NodeWebGPU = { ok: true; adapter: string } | { ok: false; reason: string };

/**
 * Starts the WebGPU backend in Node through the `webgpu` package (Dawn), on SwiftShader when no Vulkan driver is
 * configured. Never throws: a machine without a usable adapter gets the reason instead.
 * `TYPEGRAD_WEBGPU_TESTS=0` turns the WebGPU suites off.
 */
export async function startNodeWebGPU(): Promise<NodeWebGPU> {
  if (process.env.TYPEGRAD_WEBGPU_TESTS === '0') return { ok: false, reason: 'turned off (TYPEGRAD_WEBGPU_TESTS=0)' };
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  // the Vulkan loader probes for a display and complains on stderr without a runtime dir
  process.env.XDG_RUNTIME_DIR ??= mkdtempSync(join(tmpdir(), 'typegrad-xdg-'));
  let create: (options: string[]) => GPU;
  try {
    ({ create } = (await import('webgpu')) as unknown as { create: (options: string[]) => GPU });
  } catch (e) {
    return { ok: false, reason: `the 'webgpu' package does not load (${(e as Error).message.split('\n')[0]})` };
  }
  try {
    const { initWebGPU } = await import('../backends/webgpu/index.js');
    const info = await initWebGPU({ gpu: create([]) });
    return { ok: true, adapter: info.adapter };
  } catch (e) {
    const hint = existsSync(SWIFTSHADER_ICD)
      ? 'is libvulkan1 installed? (apt-get install -y libvulkan1)'
      : 'install chromium (for its SwiftShader driver) and libvulkan1: apt-get install -y chromium libvulkan1';
    return { ok: false, reason: `no adapter (${(e as Error).message}) — ${hint}` };
  }
}

/**
 * For a vitest `setupFiles` entry in Node: adds WebGPU to the shared suites when an adapter starts, or a skipped
 * WebGPU suite carrying the reason. `cpuTol`/`gpuTol` set the tolerances of the two backends.
 */
export async function setupNodeBackends(opts: { cpuTol?: number; gpuTol?: number } = {}): Promise<void> {
  if (opts.cpuTol !== undefined) addTestBackend({ device: 'cpu', tol: opts.cpuTol, float64: true, syncRead: true });
  const started = await startNodeWebGPU();
  if (started.ok) addTestBackend({ device: 'webgpu', tol: opts.gpuTol ?? 1e-5, float64: false, syncRead: false });
  else addTestBackend({ device: 'webgpu', tol: 0, float64: false, syncRead: false, skipReason: `WebGPU: ${started.reason}` });
}

/** For a vitest `globalSetup` entry: prints which adapter the WebGPU suites run on, or why they are skipped. */
export async function announceNodeWebGPU(): Promise<void> {
  const started = await startNodeWebGPU();
  console.log(started.ok ? `WebGPU suites run on: ${started.adapter}` : `WebGPU suites skipped: ${started.reason}`);
}
