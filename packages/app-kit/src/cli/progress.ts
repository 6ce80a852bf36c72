/**
 * Training progress on the terminal: a bar redrawn in place (steps, loss, steps/s, ETA) when the output is a
 * terminal, and plain lines every so often when it is not (a log file, CI), so logs stay readable.
 */

/** Where progress goes: a stream such as process.stdout. */
export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Options of {@link Progress}. */
export interface ProgressOptions {
  /** Total steps of the run. */
  steps: number;
  /** The step the run starts at (resuming). Default 0. */
  startStep?: number;
  /** Plain mode: print a line every this many steps. Default: about 20 lines a run. */
  logEvery?: number;
  /** Bar mode: redraw at most this often. Default 100 ms. */
  redrawMs?: number;
  /** Force plain lines even on a terminal. */
  plain?: boolean;
  /** For tests: the clock, in ms. */
  now?: () => number;
}

/** Formats seconds as m:ss or h:mm:ss. @example formatDuration(75) // '1:15' */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * Reports training steps.
 * @example
 * const progress = new Progress(process.stdout, { steps: 30_000 });
 * progress.step(1, 3.31, 0.1);   // on each step
 * progress.log('step 3000: dev 2.31'); // a line above the bar
 * progress.done();
 */
export class Progress {
  private readonly bar: boolean;
  private readonly logEvery: number;
  private readonly redrawMs: number;
  private readonly now: () => number;
  private readonly started: number;
  private readonly startStep: number;
  private lastDraw = -Infinity;
  private smoothed = NaN;
  private current = '';
  private lastLine = '';

  constructor(
    private readonly out: OutputStream,
    private readonly options: ProgressOptions,
  ) {
    this.bar = !options.plain && out.isTTY === true;
    this.logEvery = options.logEvery ?? Math.max(1, Math.round(options.steps / 20));
    this.redrawMs = options.redrawMs ?? 100;
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
    this.startStep = options.startStep ?? 0;
  }

  /** Records step `step` (1-based) with its minibatch loss and learning rate. */
  step(step: number, loss: number, lr: number): void {
    // an exponential moving average: single minibatch losses jump around too much to read
    this.smoothed = Number.isNaN(this.smoothed) ? loss : 0.98 * this.smoothed + 0.02 * loss;
    const elapsed = (this.now() - this.started) / 1000;
    const done = step - this.startStep;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (this.options.steps - step) / rate : Infinity;
    const stats = `loss ${this.smoothed.toFixed(4)}  lr ${Number(lr.toPrecision(3))}  ${rate.toFixed(0)} steps/s  ETA ${formatDuration(eta)}`;
    const last = step === this.options.steps;
    if (this.bar) {
      if (!last && this.now() - this.lastDraw < this.redrawMs) return;
      this.lastDraw = this.now();
      this.current = this.render(step, stats);
      this.out.write(`\r${this.current}\x1b[K`);
    } else if (step % this.logEvery === 0 || last) {
      this.lastLine = `step ${step}/${this.options.steps}  ${stats}`;
      this.out.write(`${this.lastLine}\n`);
    }
  }

  /** Prints a line (an evaluation, a message) without breaking the bar. */
  log(line: string): void {
    if (this.bar && this.current) this.out.write(`\r\x1b[K${line}\n${this.current}`);
    else this.out.write(`${line}\n`);
  }

  /** Ends the bar's line. */
  done(): void {
    if (this.bar && this.current) this.out.write('\n');
    this.current = '';
  }

  private render(step: number, stats: string): string {
    const total = this.options.steps;
    const count = `${String(step).padStart(String(total).length)}/${total}`;
    const width = Math.max(10, Math.min(30, (this.out.columns ?? 100) - count.length - stats.length - 12));
    const filled = Math.round((step / total) * width);
    const percent = `${Math.floor((step / total) * 100)}%`.padStart(4);
    return `${count} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}  ${stats}`;
  }
}
