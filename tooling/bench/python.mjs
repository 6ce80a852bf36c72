/**
 * Runs a benchmark's Python peer script (PyTorch) on `threads` threads and resolves with the JSON object it
 * prints last, or { skipped: reason } when Python or torch is missing or the script fails. BENCH_PYTHON overrides
 * the interpreter, /usr/bin/python3 by default (Debian's python3-torch is importable only there). `options.env` adds
 * to (or, with undefined, removes from) the child's environment.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';

const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';

export function runPythonPeer(script, args, threads, options = {}) {
  const n = String(threads);
  // the thread count for PyTorch and for a system BLAS with its own pool (OpenBLAS reads these when it loads)
  const env = { ...process.env, OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n, ...options.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return new Promise((resolve) => {
    execFile(PYTHON, [script, ...args, '--threads', n], { env, timeout: 120_000 }, (err, stdout, stderr) => {
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
