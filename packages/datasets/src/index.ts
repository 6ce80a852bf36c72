/**
 * @typegrad/datasets — data sets and data loading: `Dataset`, `TensorDataset`, a seeded `DataLoader`, random and
 * lecture splits, and parsers for names lists, plain text and typed CSV/TSV. This entry runs in browsers too;
 * the loaders that read local files (never a download) are in `@typegrad/datasets/node`.
 * @packageDocumentation
 */
export { type Dataset, type BatchedDataset, TensorDataset, ArrayDataset, Subset, hasGetBatch } from './dataset.js';
export { defaultCollate, type Collated } from './collate.js';
export { DataLoader, type DataLoaderOptions } from './dataloader.js';
export { randomSplit, splitLengths } from './random-split.js';
export { lectureSplit, type LectureSplitOptions, type TrainDevTest } from './lecture-split.js';
export { PythonRandom } from './python-random.js';
export { DataFormatError, formatProblem, type DataProblem, type OnInvalid } from './errors.js';
export { decodeUtf8, splitLines } from './loaders/source.js';
export { parseNames, type NamesOptions, type NamesList } from './loaders/names.js';
export { parseText, type TextOptions, type TextCorpus } from './loaders/text.js';
export {
  parseDelimited,
  parseCsv,
  parseTsv,
  type ColumnType,
  type ColumnSpec,
  type Schema,
  type RowOf,
  type DelimitedOptions,
  type FormatOptions,
  type Table,
} from './loaders/delimited.js';
export { namesUrl, NAMES_ATTRIBUTION, shakespeareUrl, SHAKESPEARE_ATTRIBUTION } from './shipped.js';
export { parseRatings, type Ratings, type RatingsOptions, type RatingColumn } from './loaders/ratings.js';
export { parseMovies, parseMovieLens, type MovieCatalog, type MovieLens } from './loaders/movielens.js';
export { parseSentimentSentences, type SentimentSentence, type SentimentSentences, type SentimentOptions } from './loaders/sentiment.js';
export { sentimentSentencesUrl, SENTIMENT_ATTRIBUTION } from './shipped.js';
