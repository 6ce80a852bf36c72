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
 *
 * Large products run on several threads where shared memory allows (threads.ts, setCpuThreads); the engine
 * below is rebuilt for the thread count in use.
 */
import { WASM_BASE64 } from './kernels.wasm.js';
import { createMemory, createWasmKernels, type WasmKernels } from './gemm-wasm.js';
import { cpuThreads, WorkerTeam } from './threads.js';

/**
 * The CPU backend's float32 matmul kernel: WebAssembly SIMD, plain JavaScript, or 'auto' (the default: Wasm where
 * the engine has SIMD, for products big enough to repay the packing).
 * @example setCpuKernels('js')
 */
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
/** The module with its memory import declared unshared (one thread, and wherever shared memory is missing). */
let local: WebAssembly.Module | null = null;
/** The module as built, importing a shared memory; null until needed, false where it does not compile. */
let shared: WebAssembly.Module | null | false = null;
let engine: WasmKernels | null = null;
/** The unshared instance a multi-threaded engine runs its single-thread work on (WasmKernels.solo); made once. */
let soloEngine: WasmKernels | null = null;
let pending: Promise<void> | null = null;
let failed = false;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * The module's bytes with the shared flag of its memory import cleared: one committed module serves engines
 * without shared memory too (an unshared memory cannot be imported where a shared one is declared). Walks
 * the import section to the memory's limits byte (0x03: maximum, shared) and makes it 0x01 (maximum).
 */
export function unshared(bytes: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const out = bytes.slice();
  let at = 8;
  const leb = (): number => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = out[at++];
      v += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return v;
    }
  };
  while (at < out.length) {
    const id = out[at++];
    const size = leb(); // (`at += leb()` would read `at` before leb moves it)
    if (id !== 2) {
      at += size;
      continue;
    }
    for (let n = leb(); n > 0; n--) {
      const moduleName = leb();
      at += moduleName;
      const fieldName = leb();
      at += fieldName;
      const kind = out[at++];
      if (kind === 2) {
        if (out[at] === 0x03) out[at] = 0x01;
        return out;
      }
      if (kind === 0) leb(); // function: type index
      else if (kind === 1) { at++; if (out[at++] & 1) leb(); leb(); } // table: element type, limits
      else if (kind === 3) at += 2; // global: value type, mutability
      else leb(); // tag: attribute, type index
    }
  }
  throw new Error('typegrad: the Wasm kernel module imports no memory');
}

/** Compiles the kernel synchronously where allowed, else starts an asynchronous compile; true once ready. */
function load(): boolean {
  if (local || failed || pending) return local !== null;
  if (!wasmSimdSupported()) {
    failed = true;
    return false;
  }
  const bytes = unshared(decode(WASM_BASE64));
  try {
    local = new WebAssembly.Module(bytes);
  } catch {
    pending = WebAssembly.compile(bytes).then(
      (m) => { local = m; pending = null; },
      () => { failed = true; pending = null; },
    );
  }
  return local !== null;
}

/** The shared-memory module, compiled on first use; null where it does not compile (threads stay off). */
function sharedModule(): WebAssembly.Module | null {
  if (shared === null) {
    try {
      shared = new WebAssembly.Module(decode(WASM_BASE64));
    } catch {
      shared = false;
    }
  }
  return shared || null;
}

/**
 * The kernel instance for the current thread count, replaced when the count changes or a worker failed:
 * on one thread the unshared module on its own memory; on more, the shared module on a shared memory with a
 * team of workers (started on the first large product).
 */
function currentEngine(): WasmKernels | null {
  if (!load() || !local) return null;
  let threads = cpuThreads();
  const module = threads > 1 ? sharedModule() : local;
  if (!module) threads = 1;
  const team = engine?.team as WorkerTeam | null | undefined;
  if (engine && engine.layout.threads === threads && !team?.broken) return engine;
  team?.dispose();
  const m = module ?? local;
  const { memory, layout } = createMemory(m, threads, threads > 1);
  engine = createWasmKernels(m, memory, layout);
  if (threads > 1) {
    engine.team = new WorkerTeam(engine, m, threads - 1);
    if (!soloEngine) {
      const own = createMemory(local, 1, false);
      soloEngine = createWasmKernels(local, own.memory, own.layout);
    }
    engine.solo = soloEngine;
  }
  return engine;
}

/** For tests: the engine a large product would use now. */
export function engineForTests(): WasmKernels | null {
  return currentEngine();
}

/**
 * The Wasm kernel for a float32 product of `work` multiply-adds, or null where the JS kernel should run
 * (the choice is 'js', Wasm is unavailable or still compiling, or the product is small under 'auto').
 */
export function wasmGemmFor(work: number): WasmKernels | null {
  if (choice === 'js' || (choice === 'auto' && work < AUTO_MIN_WORK)) return null;
  return currentEngine();
}

/**
 * Under 'auto', elementwise ops on fewer elements than this stay on the JS loop, where the calls and copies
 * cost more than the SIMD kernel saves. Measured crossover (Node 20, x64): about 32 elements for add, fewer
 * for tanh.
 */
const AUTO_MIN_ELEMENTS = 64;

/**
 * The Wasm kernels for a float32 elementwise op over `size` elements, or null where the JS loop should run
 * (as for matmul: the choice is 'js', Wasm is unavailable or still compiling, or the op is small under 'auto').
 */
export function wasmElementwiseFor(size: number): WasmKernels | null {
  if (choice === 'js' || (choice === 'auto' && size < AUTO_MIN_ELEMENTS)) return null;
  // any instance will do (the scratch is the calling thread's), so the thread count is not checked per op; an
  // unshared one copies faster (WasmKernels.solo)
  const e = engine ?? currentEngine();
  return e?.solo ?? e;
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
  return load() ? 'wasm' : 'js';
}
