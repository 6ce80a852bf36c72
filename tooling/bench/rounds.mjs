/**
 * Rounds for a benchmark row: every implementation is measured once a round, in the opposite order every other
 * round, each figure is the median over the rounds and each ratio the median of the rounds' ratios. This machine's
 * speed swings up to 2× over minutes, so an implementation measured a minute after another could see another
 * machine; ratios taken within a round, back to back, cancel most of that.
 *
 * An implementation is { name, measure(arg) } where `measure` resolves with an object of figures (e.g.
 * { stepsPerSecond, stepsPerCpuSecond }) or { skipped: reason }; an implementation that skips once is not asked
 * again in the rounds that share the same `skipped` map.
 */
import os from 'node:os';
import { fmt } from './table.mjs';

/** Rounds per row; BENCH_ROUNDS overrides it. */
export const DEFAULT_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** The cores this process may use (the "all cores" thread count of the benches). */
export const CORES = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;

/** The thread counts a row is measured at: 1 and, with more than one core, all of them. */
export const THREAD_COUNTS = CORES > 1 ? [1, CORES] : [1];

/** The median of the finite numbers in `xs` (NaN for none). */
export function median(xs) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Measures `impls` on `arg` in `rounds` rounds, alternating their order. Returns one object per round mapping an
 * implementation's name to its result. `skipped` (a Map of name → reason) collects implementations that skipped;
 * `onRound(i)` is called after each round (for progress on stderr).
 */
export async function measureRounds(impls, arg, { rounds = DEFAULT_ROUNDS, skipped = new Map(), onRound } = {}) {
  const out = [];
  for (let round = 0; round < rounds; round++) {
    const results = {};
    for (const impl of round % 2 === 0 ? impls : [...impls].reverse()) {
      if (skipped.has(impl.name)) continue;
      const r = await impl.measure(arg);
      if (r.skipped) skipped.set(impl.name, r.skipped);
      else results[impl.name] = r;
    }
    out.push(results);
    onRound?.(round);
  }
  return out;
}

/** `key` of `name`'s result in each round (NaN where it is missing). */
export const perRound = (rounds, name, key) => rounds.map((r) => r[name]?.[key] ?? NaN);

/** The median over the rounds of `name`'s `key`. */
export const medianOf = (rounds, name, key) => median(perRound(rounds, name, key));

/** The median over the rounds of a's `key` / b's `key`, each ratio taken within one round. */
export function medianRatio(rounds, a, b, key) {
  const xs = perRound(rounds, a, key);
  const ys = perRound(rounds, b, key);
  return median(xs.map((x, i) => x / ys[i]));
}

/** A ratio as a cell: "1.23×", or "—" when either side is missing. */
export const fmtRatio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '—');

/**
 * A row's cells for `key`: for each entry of `cells`, a string as is, `{ impl }` → the median figure (fmt), or
 * `{ ratio: [a, b] }` → the median ratio a / b.
 */
export function roundsCells(rounds, key, cells) {
  return cells.map((c) => {
    if (typeof c === 'string') return c;
    if (c.impl !== undefined) return fmt(medianOf(rounds, c.impl, key));
    return fmtRatio(medianRatio(rounds, c.ratio[0], c.ratio[1], key));
  });
}

/** A one-line description of the machine and its load now. */
export function machineLine() {
  const cpus = os.cpus();
  const mem = (os.totalmem() / 2 ** 30).toFixed(0);
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  return `machine: ${CORES} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${os.platform()} ${os.arch()}, ${mem} GiB, ` +
    `load average ${load}; node ${process.version} (V8 ${process.versions.v8})`;
}
