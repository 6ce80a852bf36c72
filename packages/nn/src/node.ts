/**
 * @typegrad/nn/node — what needs Node's file system: `.safetensors` files on disk, and files written atomically
 * (which checkpoints of several files build on). Everything else (and the format as bytes:
 * `serializeSafetensors`, `parseSafetensors`) is in `@typegrad/nn`, which runs in browsers too.
 * @example
 * import { saveSafetensors, loadSafetensors } from '@typegrad/nn/node';
 * await saveSafetensors('model.safetensors', model.stateDict());
 * @packageDocumentation
 */
export { saveSafetensors, loadSafetensors } from './serialization/safetensors-files.js';
export { writeFileAtomic, removeStaleTemporaries, syncDirectory } from './files/atomic-write.js';
