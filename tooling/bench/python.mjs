/**
 * The one runner of PyTorch peers: runs a benchmark's Python peer script (built on tooling/bench/torch_peer.py) on
 * `threads` threads in the environment where PyTorch runs fastest here, and resolves with the JSON object it prints
 * last, or { skipped: reason } when Python or torch is missing or the script fails. BENCH_PYTHON overrides the
 * interpreter, /usr/bin/python3 by default (Debian's python3-torch is importable only there).
 *
 * The environment (PYTORCH_BEST_ENV; see torch_peer.py for the figures behind each setting):
 * - GLIBC_TUNABLES: glibc's allocator keeps freed memory instead of returning it to the OS and faulting it in again
 *   every step (glibc reads it only as a process starts, so it must be set here);
 * - OPENBLAS_CORETYPE removed: set to Haswell it forces OpenBLAS's AVX2 kernels where its own choice is AVX-512;
 * - ATEN_CPU_CAPABILITY=avx512 where the CPU has AVX-512 (F, BW, DQ, VL): PyTorch 1.13 keeps its AVX-512 kernels
 *   opt-in and runs AVX2 ones otherwise; the MLP step at batch 1024 ran 10–20% faster with them;
 * - OMP_WAIT_POLICY=PASSIVE: PyTorch's OpenMP workers sleep between parallel regions instead of spinning; spinning
 *   made PyTorch on 2 threads (beside OpenBLAS's own worker) 20–60× slower on this shared 2-core machine;
 * - the thread count in OMP_NUM_THREADS, OPENBLAS_NUM_THREADS (torch.set_num_threads does not limit Debian's
 *   OpenBLAS pool), MKL_NUM_THREADS and BLIS_NUM_THREADS; the script also passes it to torch.set_num_threads.
 * `options.env` adds to (or, with undefined, removes from) the child's environment after these; `options.best:
 * false` runs with the caller's environment as it is (TORCH_PEER_PLAIN=1, so torch_peer.py changes nothing either),
 * to see what the settings are worth. Every result says what it ran under (`env`, `blas_info`, `cpu_capability`);
 * `describeTorch` turns that into a line for a report.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_RUNS, DEFAULT_TARGET_SECONDS } from './measure.mjs';

const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';

/** Whether this CPU runs PyTorch's AVX-512 kernels (the flags PyTorch's own AVX-512 check wants), from /proc/cpuinfo. */
function hasAvx512() {
  try {
    const flags = new Set((readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1] ?? '').trim().split(/\s+/));
    return ['avx512f', 'avx512bw', 'avx512dq', 'avx512vl', 'fma'].every((f) => flags.has(f));
  } catch {
    return false;
  }
}

/** Settings that make PyTorch fastest here, applied to every peer by default (undefined: removed). */
export const PYTORCH_BEST_ENV = Object.freeze({
  GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=67108864:glibc.malloc.trim_threshold=268435456',
  OPENBLAS_CORETYPE: undefined,
  OMP_WAIT_POLICY: 'PASSIVE',
  ...(hasAvx512() ? { ATEN_CPU_CAPABILITY: 'avx512' } : {}),
});

/** The environment variables that set the thread count of PyTorch and of a BLAS with its own pool. */
export const THREAD_VARS = ['OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS', 'BLIS_NUM_THREADS'];

/**
 * @param {string} script path of the peer script
 * @param {string[]} args its arguments (`--threads` is added)
 * @param {number} threads
 * @param {{ env?: Record<string, string | undefined>, best?: boolean, timeout?: number }} [options]
 * @returns {Promise<object>} the script's last line of JSON, or { skipped }
 */
export function runPythonPeer(script, args, threads, options = {}) {
  const n = String(threads);
  const best = options.best !== false;
  const env = {
    ...process.env,
    ...(best ? PYTORCH_BEST_ENV : { TORCH_PEER_PLAIN: '1' }),
    ...Object.fromEntries(THREAD_VARS.map((v) => [v, n])),
    PYTHONDONTWRITEBYTECODE: '1', // no __pycache__ folders in the repository
    ...options.env,
  };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return new Promise((resolve) => {
    execFile(PYTHON, [script, ...args, '--threads', n], { env, timeout: options.timeout ?? 300_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) {
        resolve({ skipped: `${PYTHON} ${err.code === 'ENOENT' ? 'not found' : `failed: ${(stderr || err.message).trim().split('\n').pop()}`}` });
        return;
      }
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()));
      } catch {
        resolve({ skipped: `unreadable output from ${path.basename(script)}: ${stdout.slice(0, 200)}` });
      }
    });
  });
}

/**
 * One line describing the setup a peer's result ran under: torch and Python versions, threads, PyTorch's kernels,
 * the BLAS (kind, its own thread count and kernels, path) and the environment settings above.
 */
export function describeTorch(r) {
  const plural = (k, word) => `${k} ${word}${k === 1 ? '' : 's'}`;
  const info = r.blas_info ?? { kind: 'unknown', paths: r.blas ?? [] };
  const lib = info.paths.find((p) => /openblas|mkl|blis/i.test(path.basename(p))) ?? info.paths[0] ?? 'no BLAS library mapped';
  const blas = [info.kind, info.threads == null ? null : `own pool ${plural(info.threads, 'thread')}`, info.core ? `core ${info.core}` : null, lib]
    .filter(Boolean).join(', ');
  const env = Object.entries(r.env ?? {}).map(([k, v]) => `${k}=${v ?? '(unset)'}`).join(' ');
  return `pytorch ${r.torch} (Python ${r.python ?? '?'}, ${plural(r.threads, 'thread')}, ${r.cpu_capability ?? '?'} kernels): ` +
    `BLAS ${blas}; ${env}${r.best_env === false ? ' (TORCH_PEER_PLAIN: settings left as found)' : ''}`;
}

/**
 * A PyTorch peer for tooling/bench/rounds.mjs: `measure(arg)` runs `script` (a torch_peer.py script timing training
 * steps) with `args(arg)`, BENCH_TIME/BENCH_RUNS's batches (as measure.mjs times typegrad) and a single-thread sgemm
 * check, on `threads` threads, and resolves with { stepsPerSecond, stepsPerCpuSecond, variant, result } or { skipped }.
 * `history` keeps every (arg, result); `notes()` gives the setups seen and the sgemm speeds, for the report.
 */
export function pytorchStepPeer(script, { threads, args = () => [], name = `pytorch ${threads}t`, sgemm = true, options = {} }) {
  const setups = new Set();
  const gflops = [];
  const history = [];
  return {
    name,
    threads,
    history,
    async measure(arg) {
      const r = await runPythonPeer(script, [...args(arg), '--seconds', String(DEFAULT_TARGET_SECONDS), '--runs', String(DEFAULT_RUNS), ...(sgemm ? ['--sgemm'] : [])], threads, options);
      if (r.skipped) return { skipped: r.skipped };
      history.push({ arg, result: r });
      setups.add(describeTorch(r));
      if (Number.isFinite(r.sgemm512_gflops)) gflops.push(r.sgemm512_gflops);
      return { stepsPerSecond: r.steps_per_s, stepsPerCpuSecond: r.steps_per_cpu_s, variant: r.variant, result: r };
    },
    notes: () => [
      ...setups,
      ...(gflops.length ? [`${name}: sgemm 512×512 on one thread after each measurement: ${gflops.map((g) => g.toFixed(0)).join(', ')} GFLOP/s (reference BLAS manages a few)`] : []),
    ],
  };
}
