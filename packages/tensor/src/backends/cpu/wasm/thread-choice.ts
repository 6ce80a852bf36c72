/**
 * Whether a product is shared with the worker threads, chosen per shape by timing it both ways. Size alone says
 * too little: a training loop repeats a few shapes thousands of times, and whether waking a worker pays for a given
 * shape depends on the machine and on what else is running on it (on a busy 2-core machine two threads are often
 * slower than one). The results are bitwise the same either way, so only the time changes.
 */

/** How a product runs: on the calling thread alone, or shared with the team. */
export type ThreadMode = 'alone' | 'team';

/** Per shape: the fastest time seen each way in the current trial, and where the shape stands. */
interface ShapeRecord {
  best: { alone: number; team: number };
  tried: { alone: number; team: number };
  /** The mode chosen after the last trial; null while trying. */
  chosen: ThreadMode | null;
  /** Products run since the choice was made. */
  since: number;
  /** Products to run on the choice before trying both ways again: doubles at each trial, up to `retryAfter`. */
  interval: number;
}

/** Options of {@link ThreadChooser}. */
export interface ThreadChoiceOptions {
  /** Products timed each way before choosing (the fastest of them counts). Default 3. */
  trials?: number;
  /** Products run on a choice before the shape is tried both ways again (the machine's load changes). Default 512. */
  retryAfter?: number;
  /**
   * Products run on a shape's first choice before it is tried again; the interval then doubles up to `retryAfter`.
   * The first trials are the least reliable: a worker runs its first products on V8's baseline code for WebAssembly
   * until the optimised code is compiled (measured: a 768×384×128 product took 2.1 ms on two threads in its first
   * trials, 1.2–1.5 ms later, against 2.0 ms alone). Default 16.
   */
  firstRetryAfter?: number;
  /** The team must be this much faster to be chosen (it also occupies another core). Default 0.95. */
  teamMargin?: number;
  /** Shapes remembered at most; the oldest is forgotten beyond that (generation grows one dimension a token). Default 256. */
  maxShapes?: number;
  /** The clock, in milliseconds. Default `performance.now`. */
  now?: () => number;
}

/**
 * Chooses between running a product alone and sharing it with the team, for each shape: the first products of a
 * shape alternate (the team first, which also starts the workers), then the faster mode runs, and the shape is tried
 * both ways again after `firstRetryAfter` products, then after twice as many each time, up to every `retryAfter`.
 * @example
 * const chooser = new ThreadChooser();
 * const t0 = chooser.start();
 * const mode = chooser.choose(key); // run the product that way, then:
 * chooser.record(key, mode, t0);
 */
export class ThreadChooser {
  private readonly shapes = new Map<string, ShapeRecord>();
  private readonly trials: number;
  private readonly retryAfter: number;
  private readonly firstRetryAfter: number;
  private readonly teamMargin: number;
  private readonly maxShapes: number;
  private readonly now: () => number;

  constructor(options: ThreadChoiceOptions = {}) {
    this.trials = options.trials ?? 3;
    this.retryAfter = options.retryAfter ?? 512;
    this.firstRetryAfter = Math.min(options.firstRetryAfter ?? 16, this.retryAfter);
    this.teamMargin = options.teamMargin ?? 0.95;
    this.maxShapes = options.maxShapes ?? 256;
    this.now = options.now ?? (() => performance.now());
  }

  /** The time now, to pass to {@link record} after the product. */
  start(): number {
    return this.now();
  }

  /** How the next product of this shape runs. */
  choose(key: string): ThreadMode {
    let s = this.shapes.get(key);
    if (s === undefined) {
      if (this.shapes.size >= this.maxShapes) this.shapes.delete(this.shapes.keys().next().value!);
      s = { ...fresh(), interval: this.firstRetryAfter };
      this.shapes.set(key, s);
    }
    if (s.chosen !== null) return s.chosen;
    // alternate, the team first (its first product also waits for the workers to start: the fastest counts)
    return s.tried.team <= s.tried.alone ? 'team' : 'alone';
  }

  /** Records how long a product of this shape took in `mode`, since `started` (from {@link start}). */
  record(key: string, mode: ThreadMode, started: number): void {
    const s = this.shapes.get(key);
    if (s === undefined) return;
    if (s.chosen !== null) {
      if (++s.since >= s.interval) Object.assign(s, fresh(), { interval: Math.min(2 * s.interval, this.retryAfter) });
      return;
    }
    s.best[mode] = Math.min(s.best[mode], this.now() - started);
    s.tried[mode]++;
    if (s.tried.alone >= this.trials && s.tried.team >= this.trials) {
      s.chosen = s.best.team < s.best.alone * this.teamMargin ? 'team' : 'alone';
      s.since = 0;
    }
  }

  /** The mode chosen for a shape, or null while it is being tried (or unknown). */
  chosenFor(key: string): ThreadMode | null {
    return this.shapes.get(key)?.chosen ?? null;
  }
}

/** A shape's trial state before any product is timed (the retry interval is kept apart). */
function fresh(): Omit<ShapeRecord, 'interval'> {
  return { best: { alone: Infinity, team: Infinity }, tried: { alone: 0, team: 0 }, chosen: null, since: 0 };
}
