/**
 * Threads for the Wasm float32 matmul: the thread count, whether shared memory is available, and the team of
 * workers (Node `worker_threads`, or Web Workers) that take row blocks of large products (gemm-wasm.ts).
 *
 * Workers run a small self-contained source (WORKER_SOURCE): they receive the compiled module and the shared
 * memory in one message, instantiate the kernel, and from then on only sleep in `Atomics.wait` on the ticket
 * and run `work` when the calling thread starts a round. They start on the first product large enough to
 * share, are reused, and never keep a Node process alive (`unref`).
 */
import { CTL, type Team, type WasmKernels } from './gemm-wasm.js';

/** Upper bound for setCpuThreads: the kernel's memory grows by about 1.1 MiB a thread. */
export const MAX_THREADS = 256;

/** How long the caller waits for a worker that holds a block without finishing any before it gives up. */
const STALL_MS = 10_000;

interface NodeProcess {
  env?: Record<string, string | undefined>;
  versions?: { node?: string };
  getBuiltinModule?: (id: string) => unknown;
}
const proc = (globalThis as { process?: NodeProcess }).process;
const isNode = typeof proc?.versions?.node === 'string';

/**
 * A Node built-in, loaded on demand: `process.getBuiltinModule` (Node 20.16+) is synchronous and invisible to
 * bundlers, so browser builds never see a `node:` import. Where it is missing (older Node) threads are off.
 */
function nodeBuiltin<T>(id: string): T | null {
  return isNode && typeof proc?.getBuiltinModule === 'function' ? (proc.getBuiltinModule(id) as T) : null;
}

let threads: number | undefined;
let sharedOverride: boolean | undefined;

function cores(): number {
  const os = nodeBuiltin<{ availableParallelism?: () => number; cpus(): unknown[] }>('node:os');
  const n = os ? (os.availableParallelism?.() ?? os.cpus().length)
    : (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return Number.isInteger(n) && (n as number) >= 1 ? Math.min(n as number, MAX_THREADS) : 1;
}

/** The configured count: setCpuThreads, else TYPEGRAD_THREADS (ignored unless an integer 1..MAX_THREADS), else the cores. */
function configured(): number {
  if (threads === undefined) {
    const env = Number(proc?.env?.TYPEGRAD_THREADS ?? NaN);
    threads = Number.isInteger(env) && env >= 1 && env <= MAX_THREADS ? env : cores();
  }
  return threads;
}

/**
 * Sets how many threads (the calling one included) a large float32 matmul on the CPU uses; 1 means no
 * workers. The default is the number of cores, or TYPEGRAD_THREADS from the environment. Results are bitwise
 * the same for every count. Workers already running for another count are stopped.
 */
export function setCpuThreads(n: number): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new RangeError(`setCpuThreads: expected an integer from 1 to ${MAX_THREADS}, got ${String(n)}`);
  }
  threads = n;
}

/**
 * The threads a large float32 matmul uses now: the count set (or the default), or 1 where threads are
 * unavailable (no shared memory, a page without cross-origin isolation, no workers).
 */
export function cpuThreads(): number {
  return sharedMemoryAvailable() ? configured() : 1;
}

/**
 * Whether workers over shared memory can run here: SharedArrayBuffer exists, the page (if any) is
 * cross-origin isolated, and workers can be created.
 */
export function sharedMemoryAvailable(): boolean {
  if (sharedOverride !== undefined) return sharedOverride;
  if (typeof SharedArrayBuffer === 'undefined') return false;
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return false;
  workersAvailable ??= isNode ? nodeBuiltin('node:worker_threads') !== null : typeof Worker === 'function';
  return workersAvailable;
}
/** Whether workers can be created here (checked once; every matmul asks). */
let workersAvailable: boolean | undefined;

/** For tests: report shared memory as available or not (undefined: detect again). */
export function overrideSharedMemory(available: boolean | undefined): void {
  sharedOverride = available;
}

/**
 * The worker, as source text so that it needs no file or bundler entry of its own (Node: `eval`, browsers: a
 * Blob URL). On failure it writes the message into the control block, raises ERROR and wakes the caller.
 */
const WORKER_SOURCE = `'use strict';
const W = ${JSON.stringify(CTL)};
function run(init) {
  const { module, memory, ctl, packed } = init;
  const i32 = new Int32Array(memory.buffer);
  const at = (k) => (ctl >> 2) + k;
  try {
    const work = new WebAssembly.Instance(module, { env: { memory } }).exports.work;
    for (;;) {
      // FAULT (tests only) passes a packing address past the memory's end: a trap in the middle of a block
      const seen = work(ctl, Atomics.load(i32, at(W.FAULT)) ? -256 : packed);
      Atomics.notify(i32, at(W.DONE));
      Atomics.wait(i32, at(W.TICKET), seen);
      if (Atomics.load(i32, at(W.QUIT))) return;
    }
  } catch (e) {
    if (Atomics.compareExchange(i32, at(W.CLAIM), 0, 1) === 0) {
      const text = String((e && e.message) || e).slice(0, W.WORDS - W.MESSAGE - 1);
      for (let k = 0; k < text.length; k++) i32[at(W.MESSAGE) + k] = text.charCodeAt(k);
      i32[at(W.MESSAGE) + text.length] = 0;
    }
    Atomics.store(i32, at(W.ERROR), 1);
    Atomics.notify(i32, at(W.DONE));
  }
}
if (typeof require === 'function') require('node:worker_threads').parentPort.once('message', run);
else self.onmessage = (e) => run(e.data);
`;

interface WorkerHandle {
  terminate(): void;
}

type NodeWorker = {
  postMessage(m: unknown): void;
  unref(): void;
  on(event: 'error', f: (e: Error) => void): void;
  terminate(): Promise<number>;
};

/** Starts one worker thread with `init` as its first message; `onError` gets errors it does not catch itself. */
function spawn(init: unknown, onError: (message: string) => void): WorkerHandle {
  const wt = nodeBuiltin<{ Worker: new (src: string, o: { eval: true; execArgv: string[] }) => NodeWorker }>('node:worker_threads');
  if (wt) {
    // no execArgv of the parent's: `--input-type=module` (node -e with ESM) would make the source a module,
    // where `require` does not exist; loaders and other flags have nothing to do in this worker either
    const worker = new wt.Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
    worker.unref();
    worker.on('error', (e) => onError(e.message));
    worker.postMessage(init);
    return { terminate: () => void worker.terminate() };
  }
  const url = URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const worker = new Worker(url);
  URL.revokeObjectURL(url);
  worker.onerror = (e) => onError(e.message);
  worker.postMessage(init);
  return { terminate: () => worker.terminate() };
}

let canBlock: boolean | undefined;
/** Whether this thread may block in Atomics.wait (not on a browser page's main thread). */
function blockingAllowed(i32: Int32Array, index: number): boolean {
  if (canBlock === undefined) {
    try {
      Atomics.wait(i32, index, Atomics.load(i32, index) + 1, 0); // the value differs: returns at once where allowed
      canBlock = true;
    } catch {
      canBlock = false;
    }
  }
  return canBlock;
}

/** A team of `helpers` workers on the shared memory of `w`, started on the first `wake`. */
export class WorkerTeam implements Team {
  private workers: WorkerHandle[] = [];
  private failure: string | null = null;
  private disposed = false;

  constructor(private readonly w: WasmKernels, private readonly module: WebAssembly.Module, readonly helpers: number) {}

  wake(): void {
    if (this.workers.length === 0) this.start();
    Atomics.notify(this.w.i32, (this.w.layout.ctl >> 2) + CTL.TICKET);
  }

  /**
   * Waits for the round's last blocks, which workers hold: each is one block's work, so the wait is short. It
   * blocks in Atomics.wait where the thread may; a page's main thread (where Atomics.wait throws) spins
   * instead: it only ever waits for blocks already running, as it takes every block no worker has taken.
   */
  wait(blocks: number): void {
    const i32 = this.w.i32;
    const ctl = this.w.layout.ctl >> 2;
    const block = blockingAllowed(i32, ctl + CTL.DONE);
    let done = Atomics.load(i32, ctl + CTL.DONE);
    let since = performance.now();
    for (;;) {
      if (this.failure !== null || Atomics.load(i32, ctl + CTL.ERROR) !== 0) throw this.fail();
      if (done >= blocks) return;
      if (block) Atomics.wait(i32, ctl + CTL.DONE, done, 50);
      const now = Atomics.load(i32, ctl + CTL.DONE);
      if (now !== done) {
        done = now;
        since = performance.now();
      } else if (performance.now() - since > STALL_MS) {
        this.dispose();
        throw new Error(`typegrad: a matmul worker stopped responding (no block finished in ${STALL_MS / 1000} s)`);
      }
    }
  }

  /** Stops the workers; the engine holding this team is then replaced (select.ts). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const i32 = this.w.i32;
    const ctl = this.w.layout.ctl >> 2;
    Atomics.store(i32, ctl + CTL.QUIT, 1);
    Atomics.notify(i32, ctl + CTL.TICKET);
    for (const worker of this.workers) worker.terminate();
    this.workers = [];
  }

  get broken(): boolean {
    return this.disposed;
  }

  private start(): void {
    const { memory, layout } = this.w;
    for (let t = 1; t <= this.helpers; t++) {
      const init = { module: this.module, memory, ctl: layout.ctl, packed: layout.packA[t] };
      this.workers.push(spawn(init, (message) => { this.failure ??= message; }));
    }
  }

  /** The worker's error (its message from the control block, or one its thread reported), and stops the team. */
  private fail(): Error {
    const i32 = this.w.i32;
    const at = (this.w.layout.ctl >> 2) + CTL.MESSAGE;
    let text = '';
    for (let k = 0; k < CTL.WORDS - CTL.MESSAGE && i32[at + k] !== 0; k++) text += String.fromCharCode(i32[at + k]);
    this.dispose();
    return new Error(`typegrad: a matmul worker failed: ${this.failure ?? (text || 'unknown error')}`);
  }
}
