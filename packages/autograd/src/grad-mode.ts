import { isGradEnabled, setGradEnabled } from '@typegrad/tensor';

/**
 * Runs `fn` without recording ops for differentiation (evaluation, sampling, optimizer updates).
 * If `fn` returns a promise, recording stays off until it settles — recording is a global switch, so do not
 * interleave other training work with an async `noGrad` body.
 * @example const logits = noGrad(() => model.forward(x));
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs `fn` with recording on, even inside `noGrad`. */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}

function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const prev = setGradEnabled(enabled);
  let result: T;
  try {
    result = fn();
  } catch (e) {
    setGradEnabled(prev);
    throw e;
  }
  if (result instanceof Promise) {
    return result.finally(() => setGradEnabled(prev)) as T;
  }
  setGradEnabled(prev);
  return result;
}

export { isGradEnabled, setGradEnabled };
