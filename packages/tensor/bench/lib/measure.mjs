/**
 * Timing helper shared by every benchmark row.
 *
 * `fn` performs one call of the operation and returns its result. Calls are timed in batches: every
 * result but the batch's last is handed to `release` (free it), the last one to `sync`, which must read
 * it back so the clock only stops once the work is really done. Backends that queue work run it in
 * order, so waiting for the last result waits for the whole batch; eager CPU backends have finished
 * already and pay for one readback per batch.
 */

const now = () => performance.now() / 1e3;
const noop = () => {};

/** Seconds each figure should take; BENCH_TIME overrides it (e.g. BENCH_TIME=0.2 for a quick look). */
export const DEFAULT_TARGET_SECONDS = Number(process.env.BENCH_TIME ?? 0.6);

/**
 * @param {string} name label used in error messages
 * @param {() => unknown} fn one call of the operation under test
 * @param {object} [opts]
 * @param {(result: unknown) => unknown} [opts.sync] read the result back (may return a promise)
 * @param {(result: unknown) => void} [opts.release] free a result that is no longer needed
 * @param {number} [opts.targetSeconds] wall time of each timed batch
 * @param {number} [opts.runs] timed batches; the median is reported
 * @param {number} [opts.maxSeconds] cap on the time spent in timed batches (slow ops get fewer runs)
 * @returns {Promise<{ name: string, seconds: number, reps: number, runs: number, samples: number[] }>}
 *   `seconds` is the median time per call.
 */
export async function measure(name, fn, opts = {}) {
  const {
    sync = noop,
    release = noop,
    targetSeconds = DEFAULT_TARGET_SECONDS,
    runs = 3,
    maxSeconds = 8 * targetSeconds,
  } = opts;

  // One batch: `reps` calls, the last result read back. Returns seconds for the whole batch.
  const batch = async (reps) => {
    const t0 = now();
    let last;
    for (let i = 0; i < reps; i++) {
      if (i > 0) release(last);
      last = fn();
    }
    await sync(last);
    const t = now() - t0;
    release(last);
    return t;
  };

  // Warm up (JIT tiers, caches, lazy allocations) with single calls, then grow the batch until it takes
  // about `targetSeconds`. A batch includes one readback, so a call's cost is only known from batches.
  const warmupSeconds = Math.min(0.3, targetSeconds / 2);
  const start = now();
  let single = Infinity;
  for (let calls = 0; calls === 0 || (now() - start < warmupSeconds && calls < 1000); calls++) {
    single = Math.min(single, await batch(1));
  }
  let reps = 1;
  let t = single;
  let calibrated = false; // true once a batch (already warm) has run long enough to count as a sample
  while (t < 0.7 * targetSeconds) {
    reps = Math.ceil(reps * Math.min(100, (0.9 * targetSeconds) / Math.max(t, 1e-6)));
    t = await batch(reps);
    calibrated = true;
  }

  const nRuns = Math.max(1, Math.min(runs, Math.floor(maxSeconds / t)));
  const samples = calibrated ? [t / reps] : [];
  while (samples.length < nRuns) samples.push((await batch(reps)) / reps);
  if (!samples.every(Number.isFinite)) throw new Error(`${name}: timing failed`);
  return { name, seconds: median(samples), reps, runs: nRuns, samples };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
