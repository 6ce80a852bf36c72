/**
 * @typegrad/sentiment/node — checkpoints as files (Node): `saveClassifier` writes the weights, the features and the
 * manifest so a kill never mixes two saves (app-kit's `saveCheckpointFiles`), and `loadClassifier` reads them from
 * a path. In a browser, `loadClassifier` from `@typegrad/sentiment` fetches the same files from URLs.
 * @example
 * import { loadClassifier } from '@typegrad/sentiment/node';
 * const { classifier } = await loadClassifier('runs/bow-logreg');
 * @packageDocumentation
 */
export { saveClassifier, loadClassifier } from './checkpoint/files.js';
