import type { Tensor } from '../tensor.js';

/**
 * The one seam between tensor ops and automatic differentiation. This package declares ops and runs them;
 * it knows no gradient rules. A differentiation package installs a recorder, which every op calls with its name,
 * inputs, output and the values its gradient will need. With no recorder installed, recording costs one check.
 */
export type OpRecorder = (op: string, inputs: readonly Tensor[], output: Tensor, saved: Readonly<Record<string, unknown>>) => void;

let recorder: OpRecorder | null = null;
let gradEnabled = true;

/** Whether ops are being recorded for differentiation (false inside `noGrad`). */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Turns recording on or off, returning the previous setting (used by `noGrad` and `enableGrad`). */
export function setGradEnabled(enabled: boolean): boolean {
  const prev = gradEnabled;
  gradEnabled = enabled;
  return prev;
}

/** Installs (or with null, removes) the function told about every op whose inputs require grad. */
export function setOpRecorder(r: OpRecorder | null): void {
  recorder = r;
}

/** Called by each op after it has computed `output`. */
export function record(op: string, inputs: readonly Tensor[], output: Tensor, saved: Readonly<Record<string, unknown>> = {}): Tensor {
  if (recorder !== null && gradEnabled) {
    for (const t of inputs) {
      if (t.requiresGrad) {
        recorder(op, inputs, output, saved);
        break;
      }
    }
  }
  return output;
}

/** Runs reverse-mode differentiation from a tensor; installed by the differentiation package. */
export type BackwardEngine = (root: Tensor, gradient: Tensor | undefined, opts: BackwardOptions) => void;

/** Options of `tensor.backward()`. */
export interface BackwardOptions {
  /** Keep the saved values so backward can run through this graph again. Default false. */
  retainGraph?: boolean;
}

let engine: BackwardEngine | null = null;

/** Installs the function behind `tensor.backward()`. */
export function setBackwardEngine(e: BackwardEngine | null): void {
  engine = e;
}

/** @internal Called by `Tensor.backward`. */
export function runBackward(root: Tensor, gradient: Tensor | undefined, opts: BackwardOptions): void {
  if (engine === null) {
    throw new Error("backward: differentiation is provided by @typegrad/autograd; import it once (import '@typegrad/autograd') before calling backward()");
  }
  engine(root, gradient, opts);
}
