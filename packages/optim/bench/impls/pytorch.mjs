/**
 * PyTorch peers: bench/mlp_step.py run by tooling/bench/python.mjs (the system Python, PyTorch's best environment),
 * one process per measurement, on one thread or on every core. The script times itself as tooling/bench/measure.mjs
 * times typegrad, after picking the fastest of torch.optim.Adam's forms (and of two ways to write the forward).
 */
import { fileURLToPath } from 'node:url';
import { pytorchStepPeer } from '../../../../tooling/bench/python.mjs';

const SCRIPT = fileURLToPath(new URL('../mlp_step.py', import.meta.url));

/** The peer on `threads` threads, named `pytorch Nt`; `notes()` adds the variants it ran to the setups seen. */
export function loadPytorchPeer(threads = 1) {
  const peer = pytorchStepPeer(SCRIPT, { threads, args: (batch) => ['--batch', String(batch)] });
  const notes = () => {
    const lines = [];
    const batches = [...new Set(peer.history.map((h) => h.arg))];
    for (const batch of batches) {
      const runs = peer.history.filter((h) => h.arg === batch).map((h) => h.result);
      const chosen = runs.map((r) => r.variant).join(', ');
      const trials = Object.entries(runs.at(-1).trials ?? {})
        .map(([v, x]) => `${v} ${typeof x === 'number' ? x.toFixed(0) : x.startsWith('unavailable') ? 'unavailable' : x}`)
        .join(', ');
      lines.push(`${peer.name}, batch ${batch}: ran ${chosen} (forward/Adam; the last run's trials, best steps/s: ${trials})`);
    }
    const unavailable = Object.entries(peer.history.at(-1)?.result.trials ?? {}).find(([, x]) => typeof x === 'string');
    if (unavailable) lines.push(`${peer.name}: Adam ${unavailable[0].split('/')[1]}=True ${unavailable[1]}`);
    return [...peer.notes(), ...lines];
  };
  return { peer, notes };
}
