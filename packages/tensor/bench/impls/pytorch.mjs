/**
 * PyTorch peers of the tensor bench: bench/torch_ops.py under the system Python (BENCH_PYTHON overrides
 * /usr/bin/python3), one process per row so rows interleave with the in-process implementations, on one
 * thread and on every core. Each peer is { name, measureRow(row) → { rate } | { skipped } }, and `notes()`
 * lists the PyTorch setups seen.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../torch_ops.py', import.meta.url));
const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';

function run(threads, row, seconds) {
  const n = String(threads);
  const args = [SCRIPT, '--threads', n, '--rows', `${row.kind}:${row.size}`, '--seconds', String(seconds)];
  const env = { ...process.env, OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n };
  return new Promise((resolve) => {
    execFile(PYTHON, args, { env, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) {
        resolve({ skipped: `${PYTHON} ${err.code === 'ENOENT' ? 'not found' : `failed: ${(stderr || err.message).trim().split('\n').pop()}`}` });
        return;
      }
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()));
      } catch {
        resolve({ skipped: `unreadable output from torch_ops.py: ${stdout.slice(0, 200)}` });
      }
    });
  });
}

/** Peers on one thread (`pytorch`) and, with more than one core, on all of them (`pytorch-N`). */
export function loadPytorchPeers(cores, seconds) {
  const setups = new Set();
  const peers = [1, ...(cores > 1 ? [cores] : [])].map((threads) => ({
    name: threads === 1 ? 'pytorch' : `pytorch-${threads}`,
    async measureRow(row) {
      const r = await run(threads, row, seconds);
      if (r.skipped) return { skipped: r.skipped };
      setups.add(`pytorch ${r.torch} on ${r.threads} thread${r.threads === 1 ? '' : 's'}`);
      const s = r.seconds[`${row.kind}:${row.size}`];
      return s === undefined ? { skipped: `no ${row.kind} in torch_ops.py` } : { rate: row.work / s };
    },
  }));
  return { peers, notes: () => [...setups] };
}
