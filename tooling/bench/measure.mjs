/**
 * Timing helper for whole training steps. `step` runs one step, reading its loss back before it returns (a
 * training loop prints its loss, and that read is what waits for the work), so each call is complete and
 * nothing is left to release or sync. Steps are timed in batches; the median batch gives the figure, which
 * keeps the bursts of a shared, noisy machine out of it. The process's CPU time over the same batches is kept
 * too: on a machine shared with other work, steps per CPU-second show the cost of a step when wall time
 * mostly shows how much of a core the process got (every implementation computes on one thread; Node's CPU
 * time also counts V8's background GC and compiler threads).
 */

const now = () => performance.now() / 1e3;
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** Seconds each timed batch should take; BENCH_TIME overrides it. */
export const DEFAULT_TARGET_SECONDS = Number(process.env.BENCH_TIME ?? 0.3);
/** Steps run before timing at the least (bench/mlp_step.py uses the same number). */
const WARMUP_STEPS = 30;
/**
 * Seconds of steps before timing at the least; BENCH_WARMUP overrides it (bench/mlp_step.py reads it too).
 * typegrad's CPU memory reaches its steady state — released memory reused, not fresh pages faulted in — only
 * after a few garbage-collection cycles: a batch-32 step took ~600 µs for its first ~3,000 steps and ~300 µs
 * after, so a shorter warm-up timed the pools filling up rather than training.
 */
export const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 2);
/** Timed batches per figure; BENCH_RUNS overrides it. */
export const DEFAULT_RUNS = Number(process.env.BENCH_RUNS ?? 5);

/**
 * @param {string} name label used in error messages
 * @param {() => unknown} step one training step (may return a promise, which is awaited)
 * @param {{ targetSeconds?: number, runs?: number }} [opts]
 * @returns {Promise<{ name: string, seconds: number, cpuSeconds: number, reps: number, samples: number[] }>}
 *   `seconds` is the median wall time per step over the timed batches, `cpuSeconds` the median CPU time.
 */
export async function measure(name, step, opts = {}) {
  const { targetSeconds = DEFAULT_TARGET_SECONDS, runs = DEFAULT_RUNS } = opts;

  let lastCpu = 0; // CPU seconds of the latest batch
  const batch = async (reps) => {
    const c0 = cpuNow();
    const t0 = now();
    for (let i = 0; i < reps; i++) await step();
    const t = now() - t0;
    lastCpu = cpuNow() - c0;
    return t;
  };

  // Warm up (JIT tiers, buffer pools, optimizer state) with single steps — at least WARMUP_STEPS of them, as a
  // large batch gets few steps into the time — then grow the batch until it takes about `targetSeconds`.
  const start = now();
  let single = Infinity;
  for (let calls = 0; calls < WARMUP_STEPS || now() - start < WARMUP_SECONDS; calls++) {
    single = Math.min(single, await batch(1));
  }
  let reps = 1;
  let t = single;
  let samples = [];
  let cpuSamples = [];
  while (t < 0.7 * targetSeconds) {
    reps = Math.ceil(reps * Math.min(100, (0.9 * targetSeconds) / Math.max(t, 1e-6)));
    t = await batch(reps);
    samples = [t / reps];
    cpuSamples = [lastCpu / reps];
  }
  while (samples.length < runs) {
    samples.push((await batch(reps)) / reps);
    cpuSamples.push(lastCpu / reps);
  }
  if (!samples.every(Number.isFinite)) throw new Error(`${name}: timing failed`);
  return { name, seconds: median(samples), cpuSeconds: median(cpuSamples), reps, samples };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
