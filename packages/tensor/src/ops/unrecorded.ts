import { releaseTemporaries, type Storage } from '../storage.js';
import { setGradEnabled } from './record.js';

/**
 * Runs `compute` with recording off and releases every storage it made except those `keep(result)` names: how an op
 * computes its value from other ops (a fused op's composed form, a gradient) without graph nodes or temporaries left
 * for the garbage collector.
 * @example const y = unrecorded(() => elementwise('add', [matmul(x, wt), bias]), (r) => [r.storage]);
 */
export function unrecorded<T>(compute: () => T, keep: (result: T) => Iterable<Storage>): T {
  const prev = setGradEnabled(false);
  try {
    return releaseTemporaries(compute, keep);
  } finally {
    setGradEnabled(prev);
  }
}
