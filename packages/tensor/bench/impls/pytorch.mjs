/**
 * PyTorch peers of the tensor bench: bench/torch_ops.py run by tooling/bench/python.mjs (the system Python, in
 * PyTorch's best environment), one process per row so rows interleave with the in-process implementations, on one
 * thread and on every core. Each peer is { name, measureRow(row) → { rate } | { skipped } }, and `notes()` lists the
 * PyTorch setups seen (versions, threads, BLAS, environment).
 */
import { fileURLToPath } from 'node:url';
import { describeTorch, runPythonPeer } from '../../../../tooling/bench/python.mjs';

const SCRIPT = fileURLToPath(new URL('../torch_ops.py', import.meta.url));

const run = (threads, row, seconds) => runPythonPeer(SCRIPT, ['--rows', `${row.kind}:${row.size}`, '--seconds', String(seconds)], threads);

/** Peers on one thread (`pytorch`) and, with more than one core, on all of them (`pytorch-N`). */
export function loadPytorchPeers(cores, seconds) {
  const setups = new Set();
  const peers = [1, ...(cores > 1 ? [cores] : [])].map((threads) => ({
    name: threads === 1 ? 'pytorch' : `pytorch-${threads}`,
    async measureRow(row) {
      const r = await run(threads, row, seconds);
      if (r.skipped) return { skipped: r.skipped };
      setups.add(describeTorch(r));
      const s = r.seconds[`${row.kind}:${row.size}`];
      return s === undefined ? { skipped: `no ${row.kind} in torch_ops.py` } : { rate: row.work / s };
    },
  }));
  return { peers, notes: () => [...setups] };
}
