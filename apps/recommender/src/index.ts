/**
 * recommender — the course's recommender-systems unit as a library: ratings split for evaluation, the global-mean
 * and bias baselines, matrix factorisation, fastai's embedding network and BPR for top-N (trained with sparse
 * embedding gradients), rating and ranking metrics, recommendations with their explanations, similar items by
 * cosine and by dot product, cold-start fold-in, and a PCA plot of the item embeddings. This entry has no
 * Node-only imports: in a browser, fetch MovieLens's `ratings.csv` and `movies.csv` and call `parseMovieLens`
 * (from `@typegrad/datasets`), then `prepareData`.
 * @packageDocumentation
 */
export { interactionsOf, subset, meanRating, itemCounts, itemsByUser, type Interactions } from './data/interactions.js';
export { randomSplit, temporalSplit, kFoldSplit, makeSplit, describeSplit, SPLIT_KINDS, type Split, type SplitSpec } from './data/splits.js';
export { epochBatches, orderedBatches, batchAt, batchesPerEpoch, type Batch } from './data/batches.js';
export { MODEL_KINDS, modelConfig, stateShapes, describeModel, embeddingWidth, defaultYRange, type ModelKind, type ModelConfig, type FactorizationConfig, type EmbeddingNNConfig, type ConfigInput } from './models/config.js';
export { RatingModel, squash, rawOffset, type UserRow } from './models/rating-model.js';
export { MatrixFactorization } from './models/matrix-factorization.js';
export { EmbeddingNN } from './models/embedding-nn.js';
export { createModel } from './models/create.js';
export { fitBiases, predictBiases, type BiasBaseline, type BiasOptions } from './baselines/biases.js';
export { popularityScores } from './baselines/popularity.js';
export { trainModel, type TrainOptions, type TrainResult, type EpochInfo } from './train/train.js';
export { optimizersFor, cosineLr } from './train/optimizers.js';
export { sampleNegatives } from './train/negatives.js';
export { ratingErrors, type RatingErrors } from './eval/rating-metrics.js';
export { rankingMetrics, topK, type RankingMetrics, type ScoreUsers } from './eval/ranking-metrics.js';
export { compareModels, predictRatings, modelScores, type ComparisonRow, type CompareOptions } from './eval/evaluate.js';
export { prepareData, type PreparedData } from './data/prepare.js';
export { catalogOf, findItem, type Catalog } from './data/catalog.js';
export { recommendForUser, recommendForRow, type Recommendation } from './recommend/recommend.js';
export { foldInUser, type FoldInOptions, type ItemRating } from './recommend/fold-in.js';
export { explainItem, type Reason, type ExplainOptions } from './recommend/explain.js';
export { recommendNewUser, type ExplainedRecommendation, type NewUserOptions } from './recommend/new-user.js';
export { similarItems, type Neighbour, type SimilarItems, type SimilarOptions } from './recommend/similar.js';
export { solveSpd, topEigenvectors } from './recommend/linear-algebra.js';
export { pca, type Projection } from './plot/pca.js';
export { itemEmbeddingPlot, type ItemPlotOptions } from './plot/movies-plot.js';
export { scatterPlot, type LabelledPoint } from '@typegrad/app-kit';
export { encodeCheckpoint, decodeCheckpoint, CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type CheckpointMeta, type CheckpointInfo, type TrainingInfo } from './checkpoint/checkpoint.js';
export { readMeta } from './checkpoint/meta.js';
