/**
 * A training loop that reports each step through a callback, driven one step per call: the loop runs a step, then
 * waits in its callback until the next `step()`. So a bench times an app's own loop (its minibatches, its
 * optimizer, its read-back and yields) step by step, as it times any other step function.
 *
 * `start(onStep, signal)` starts the loop (e.g. `trainModel(model, data, { …, onStep, signal })`) and returns its
 * promise; the loop must await `onStep(info)` after every step (`info.loss` becomes what `step()` resolves to) and
 * stop when `signal` is aborted. `stop()` ends it.
 * @example const { step, stop } = loopSteps((onStep, signal) => lib.trainModel(model, data, { steps: Infinity, onStep, signal }));
 */
export function loopSteps(start) {
  const ctrl = new AbortController();
  let stepped = null; // resolves the pending step() with the step's loss
  let failed = null; // rejects it
  let resume = null; // lets the loop go on to its next step
  let loop = null;
  const onStep = ({ loss }) =>
    new Promise((go) => {
      resume = go;
      stepped(loss);
    });
  const step = () =>
    new Promise((resolve, reject) => {
      stepped = resolve;
      failed = reject;
      if (loop === null) {
        loop = start(onStep, ctrl.signal);
        loop.catch((err) => failed(err));
      } else {
        resume();
      }
    });
  const stop = async () => {
    ctrl.abort();
    resume?.();
    await loop;
  };
  return { step, stop };
}
