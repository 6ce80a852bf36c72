import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's chromium ships SwiftShader, a Vulkan driver on the CPU that Dawn accepts. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** The outcome of starting WebGPU in Node: the adapter's name, or why there is none. */
export type NodeWebGPU = { ok: true; adapter: string } | { ok: false; reason: string };

/**
 * Registers the `'webgpu'` device of `@typegrad/tensor/webgpu` through the `webgpu` package (Dawn), on SwiftShader
 * when no Vulkan driver is configured. Never throws: a machine without a usable adapter gets the reason instead.
 * `TYPEGRAD_WEBGPU_TESTS=0` turns the WebGPU suites off.
 */
export async function startNodeWebGPU(): Promise<NodeWebGPU> {
  if (process.env.TYPEGRAD_WEBGPU_TESTS === '0') return { ok: false, reason: 'turned off (TYPEGRAD_WEBGPU_TESTS=0)' };
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  // the Vulkan loader probes for a display and complains on stderr without a runtime dir
  process.env.XDG_RUNTIME_DIR ??= mkdtempSync(join(tmpdir(), 'typegrad-xdg-'));
  let create: (options: string[]) => unknown;
  try {
    ({ create } = (await import('webgpu')) as unknown as { create: (options: string[]) => unknown });
  } catch (e) {
    return { ok: false, reason: `the 'webgpu' package does not load (${(e as Error).message.split('\n')[0]})` };
  }
  try {
    const { initWebGPU } = await import('@typegrad/tensor/webgpu');
    const info = await initWebGPU({ gpu: create([]) as never });
    return { ok: true, adapter: info.adapter };
  } catch (e) {
    const hint = existsSync(SWIFTSHADER_ICD)
      ? 'is libvulkan1 installed? (apt-get install -y libvulkan1)'
      : 'install chromium (for its SwiftShader driver) and libvulkan1: apt-get install -y chromium libvulkan1';
    return { ok: false, reason: `no adapter (${(e as Error).message}) — ${hint}` };
  }
}
