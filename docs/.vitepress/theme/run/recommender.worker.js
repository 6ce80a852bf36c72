// The recommender page's model: matrix factorisation on MovieLens (data/movielens-small, GroupLens's licence),
// trained in a Web Worker with @typegrad/recommender. Messages: { type: 'train', epochs } · { type: 'search', query }
// · { type: 'recommend', rated } · { type: 'similar', item }.
import moviesUrl from '../../../../data/movielens-small/movies.csv?url';
import ratingsUrl from '../../../../data/movielens-small/ratings.csv?url';
import { parseMovieLens } from '@typegrad/datasets';
import { compareModels, createModel, itemCounts, itemEmbeddingPlot, meanRating, modelConfig, prepareData, recommendNewUser, similarItems, trainModel } from '@typegrad/recommender';
import { Generator } from '@typegrad/tensor';

const post = (message) => self.postMessage(message);
/** Movies with fewer ratings than this have embeddings too noisy to recommend from or compare. */
const MIN_RATINGS = 20;
let data = null;
let counts = null;
let model = null;

async function load() {
  const [ratings, movies] = await Promise.all([fetch(ratingsUrl).then((r) => r.text()), fetch(moviesUrl).then((r) => r.text())]);
  const ml = parseMovieLens({ ratings, movies });
  data = prepareData(ml.ratings, { kind: 'random', testFraction: 0.1, seed: 42 }, ml.movies);
  counts = itemCounts(data.all);
  post({ type: 'loaded', ratings: data.all.length, users: data.all.numUsers, movies: data.all.numItems, train: data.train.length, test: data.test.length });
}

async function train({ epochs }) {
  const g = new Generator().manualSeed(42);
  model = createModel(modelConfig('mf', { numUsers: data.all.numUsers, numItems: data.all.numItems, mean: meanRating(data.train), scale: data.scale }), g);
  const result = await trainModel(model, data.train, {
    epochs,
    batchSize: 512,
    lr: 0.01,
    reg: 0.1,
    generator: g,
    onEpoch: ({ epoch, loss, seconds }) => post({ type: 'epoch', epoch, loss, seconds }),
  });
  const [row] = compareModels({ train: data.train, test: data.test, scale: data.scale, models: [{ name: 'mf', model }] });
  const plot = itemEmbeddingPlot(model, { names: data.catalog.titles, counts, items: 300, labels: 20, title: 'the 300 most-rated movies, first two principal components' });
  post({ type: 'trained', rmse: row.rmse, seconds: result.seconds, plot });
}

function search({ query }) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const found = [];
  if (words.length) {
    data.catalog.titles.forEach((title, item) => {
      if (counts[item] >= MIN_RATINGS && words.every((w) => title.toLowerCase().includes(w))) found.push({ item, title, count: counts[item] });
    });
  }
  found.sort((a, b) => b.count - a.count);
  post({ type: 'found', query, movies: found.slice(0, 8) });
}

function recommend({ rated }) {
  // ask for more than shown and keep those with enough ratings to trust
  const { recommendations } = recommendNewUser(model, rated, { count: 200, reasons: 2 });
  const title = (i) => data.catalog.titles[i];
  post({
    type: 'recommendations',
    list: recommendations.filter((r) => counts[r.item] >= MIN_RATINGS).slice(0, 10).map((r) => ({ item: r.item, title: title(r.item), score: r.score, genres: data.catalog.genres[r.item], reasons: r.reasons.map((x) => ({ title: title(x.item), rating: x.rating })) })),
  });
}

function similar({ item }) {
  const { cosine, dot } = similarItems(model, item, { count: 6, candidates: (i) => counts[i] >= MIN_RATINGS });
  const named = (list) => list.map((n) => ({ title: data.catalog.titles[n.item], score: n.score }));
  post({ type: 'similar', title: data.catalog.titles[item], cosine: named(cosine), dot: named(dot) });
}

const ready = load();
self.onmessage = async ({ data: message }) => {
  try {
    await ready;
    if (message.type === 'train') await train(message);
    else if (message.type === 'search') search(message);
    else if (message.type === 'recommend') recommend(message);
    else if (message.type === 'similar') similar(message);
  } catch (error) {
    post({ type: 'error', text: error instanceof Error ? error.message : String(error) });
  }
};
ready.catch((error) => post({ type: 'error', text: error instanceof Error ? error.message : String(error) }));
