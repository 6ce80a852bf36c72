/**
 * The errors for using a tensor whose memory was given back. A backend hands released memory to the next tensor
 * that asks, so reading such a tensor would show another tensor's values: every read and every op checks first.
 */
import type { ReleaseReason } from './storage.js';
import type { Tensor } from './tensor.js';

const WHY: Record<ReleaseReason, string> = {
  dispose: "this tensor's memory was released by dispose(); it can no longer be read or used (dispose a tensor only once nothing needs its values)",
  temporary:
    "this tensor's memory was released by releaseTemporaries() (it was a temporary of a backward pass, an optimizer step or a composite op, which free what they make except what they keep); it can no longer be read or used",
};

/**
 * The error for `op` reading or using a tensor whose memory was released, saying how it was released.
 * @example releasedError('toArraySync', 'dispose').message
 * // "toArraySync: this tensor's memory was released by dispose(); it can no longer be read or used (…)"
 */
export function releasedError(op: string, reason: ReleaseReason): Error {
  return new Error(`${op}: ${WHY[reason]}`);
}

/**
 * Throws {@link releasedError} when `t`'s memory was released, before `op` reads it or builds on it.
 * @example checkUsable('narrow', x)
 */
export function checkUsable(op: string, t: Tensor): void {
  const reason = t.storage.releaseReason;
  if (reason !== null) throw releasedError(op, reason);
}
