/**
 * PyTorch peers: bench/mlp_step.py run with the system Python (see tooling/bench/python.mjs), one
 * process per row, on one thread or on every core. It times itself the same way as tooling/bench/measure.mjs and prints JSON.
 */
import { fileURLToPath } from 'node:url';
import { DEFAULT_TARGET_SECONDS, DEFAULT_RUNS } from '../../../../tooling/bench/measure.mjs';
import { runPythonPeer } from '../../../../tooling/bench/python.mjs';

const SCRIPT = fileURLToPath(new URL('../mlp_step.py', import.meta.url));

const runScript = (batch, threads) =>
  runPythonPeer(SCRIPT, ['--batch', String(batch), '--seconds', String(DEFAULT_TARGET_SECONDS), '--runs', String(DEFAULT_RUNS)], threads);

function describe(r) {
  const blas = r.blas;
  const where = blas.paths.length ? blas.paths.join(', ') : 'no BLAS library mapped';
  const threads = blas.threads == null ? '' : `, ${blas.threads} thread${blas.threads === 1 ? '' : 's'}`;
  return `pytorch ${r.torch} (Python ${r.python}, ${r.threads} thread${r.threads === 1 ? '' : 's'}): BLAS ${blas.kind}${threads} (${where})`;
}

/**
 * The peer on `threads` threads (named `pytorch` for one, `pytorch-N` otherwise), and `notes()`: the PyTorch
 * setups seen (torch version, BLAS) and sgemm speeds, filled in as rows run.
 */
export async function loadPytorchPeer(threads = 1) {
  const seen = new Set();
  const setups = [];
  const gflops = [];
  return {
    peer: {
      name: threads === 1 ? 'pytorch' : `pytorch-${threads}`,
      async measure(batch) {
        const r = await runScript(batch, threads);
        if (r.skipped) return { skipped: r.skipped };
        gflops.push(r.matmul512_gflops);
        const line = describe(r);
        if (!seen.has(line)) {
          seen.add(line);
          setups.push(line);
        }
        return { stepsPerSecond: r.steps_per_s, stepsPerCpuSecond: r.steps_per_cpu_s };
      },
    },
    /** Lines for the report: the setups seen, and the sgemm speed measured beside each row (a BLAS check). */
    notes: () => [
      ...setups,
      ...(gflops.length ? [`pytorch sgemm 512×512 on ${threads} thread${threads === 1 ? '' : 's'}, after each row: ${gflops.map((g) => g.toFixed(1)).join(', ')} GFLOP/s ` +
        '(reference BLAS manages a few)'] : []),
    ],
  };
}
