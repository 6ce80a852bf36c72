/**
 * Which float32 matmul kernel the CPU backend uses: the WebAssembly SIMD one (gemm-wasm.ts) or the plain JS
 * `gemm`, which is the reference and the fallback.
 *
 * 'auto' (the default) uses Wasm where the engine validates a SIMD module, for products big enough to repay
 * the packing; 'wasm' uses it for every float32 product (tests use this to cover small shapes); 'js' never
 * does. The environment variable TYPEGRAD_WASM=0 (or 1) starts in 'js' (or 'wasm') instead of 'auto'.
 *
 * The module is compiled on first use. Synchronous compilation works in Node and workers; Chromium refuses it
 * on a page's main thread for modules over 4 KiB, in which case the JS kernel runs until an asynchronous
 * compile finishes.
 */
import { WASM_BASE64 } from './kernels.wasm.js';
import { createWasmGemm, type WasmGemm } from './gemm-wasm.js';

export type CpuKernelChoice = 'wasm' | 'js' | 'auto';

/**
 * Under 'auto', products with fewer multiply-adds than this stay on the JS kernel: packing and the calls
 * into Wasm cost more than they save there. Measured crossover (Node 20, x64): about 5×5×5.
 */
const AUTO_MIN_WORK = 125;

// The smallest module using a SIMD instruction: one function returning i32x4.splat(0).
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type section: () -> v128
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x11, 0x0b, // code: i32.const 0; i32x4.splat; end
]);

let simd: boolean | undefined;
/** Whether this engine runs WebAssembly with 128-bit SIMD (checked once). */
export function wasmSimdSupported(): boolean {
  if (simd === undefined) {
    try {
      simd = typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
    } catch {
      simd = false;
    }
  }
  return simd;
}

const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.TYPEGRAD_WASM;
let choice: CpuKernelChoice = env === '0' ? 'js' : env === '1' ? 'wasm' : 'auto';
let instance: WasmGemm | null = null;
let pending: Promise<void> | null = null;
let failed = false;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Compiles the kernel synchronously where allowed, else starts an asynchronous compile and returns null. */
function load(): WasmGemm | null {
  if (instance || failed || pending) return instance;
  if (!wasmSimdSupported()) {
    failed = true;
    return null;
  }
  const bytes = decode(WASM_BASE64);
  try {
    instance = createWasmGemm(new WebAssembly.Module(bytes));
  } catch {
    pending = WebAssembly.compile(bytes).then(
      (m) => { instance = createWasmGemm(m); },
      () => { failed = true; },
    );
  }
  return instance;
}

/**
 * The Wasm kernel for a float32 product of `work` multiply-adds, or null where the JS kernel should run
 * (the choice is 'js', Wasm is unavailable or still compiling, or the product is small under 'auto').
 */
export function wasmGemmFor(work: number): WasmGemm | null {
  if (choice === 'js' || (choice === 'auto' && work < AUTO_MIN_WORK)) return null;
  return instance ?? load();
}

/**
 * Chooses the CPU backend's float32 matmul kernel (see the module comment). Forcing 'wasm' on an engine
 * without WebAssembly SIMD throws. The promise resolves, with what is then in use, once the choice has taken
 * effect: at once, except in a browser page compiling the module asynchronously.
 */
export function setCpuKernels(kernels: CpuKernelChoice): Promise<'wasm' | 'js'> {
  if (kernels !== 'wasm' && kernels !== 'js' && kernels !== 'auto') {
    throw new Error(`setCpuKernels: expected 'wasm', 'js' or 'auto', got ${String(kernels)}`);
  }
  if (kernels === 'wasm' && !wasmSimdSupported()) {
    throw new Error("setCpuKernels('wasm'): this engine has no WebAssembly SIMD");
  }
  choice = kernels;
  if (kernels !== 'js') load();
  return (pending ?? Promise.resolve()).then(cpuKernels);
}

/** The float32 matmul kernel in use now: 'wasm' or 'js'. */
export function cpuKernels(): 'wasm' | 'js' {
  if (choice === 'js') return 'js';
  return (instance ?? load()) ? 'wasm' : 'js';
}
