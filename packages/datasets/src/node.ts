/**
 * @typegrad/datasets/node — loaders that read local files (Node's file system): the names list that ships with
 * the package, text, CSV and TSV. In a browser, fetch the text and call `parseNames`, `parseText`, `parseCsv` or
 * `parseTsv` from `@typegrad/datasets`, which these wrap.
 * @example
 * import { loadNames } from '@typegrad/datasets/node';
 * const { names } = await loadNames(); // the 32,033 names of the makemore lectures
 * @packageDocumentation
 */
export { type FileLocation, defaultCacheDir, loadNames, loadShakespeare, loadText, loadCsv, loadTsv } from './loaders/files.js';
export { loadRatings, loadMovieLens } from './loaders/ratings-files.js';
export { loadSentimentSentences } from './loaders/sentiment-files.js';
