// The sentiment page's classifier: @typegrad/sentiment's logistic regression on a bag of words. It is trained when
// the site is built (scripts/sentiment-model.mjs) and loaded here by URL with loadClassifier; { type: 'train' }
// trains a new one in this worker instead, on the UCI sentences that ship with @typegrad/datasets.
// Messages in: { type: 'explain', text }, { type: 'train' }.
import sentencesUrl from '@typegrad/datasets/data/sentiment-sentences.tsv?url';
import { parseSentimentSentences } from '@typegrad/datasets';
import { DEFAULT_SPLIT, TRAINING_DEFAULTS, createClassifier, evaluateClassifier, explain, loadClassifier, makeSplit, pick, sentimentDataset, trainClassifier } from '@typegrad/sentiment';
import { Generator } from '@typegrad/tensor';

const post = (message) => self.postMessage(message);
const fail = (error) => post({ type: 'error', text: error instanceof Error ? error.message : String(error) });
const MODEL_URL = new URL(`${import.meta.env.BASE_URL}models/sentiment-bow.json`, self.location.origin);
let classifier = null;

async function load() {
  const started = performance.now();
  const { classifier: loaded, meta } = await loadClassifier(MODEL_URL);
  classifier = loaded;
  post({ type: 'ready', source: 'loaded', url: MODEL_URL.pathname, features: meta.config.numFeatures, accuracy: meta.test.accuracy, seconds: (performance.now() - started) / 1000 });
}

async function train() {
  const { sentences } = parseSentimentSentences(await (await fetch(sentencesUrl)).text());
  const data = sentimentDataset(sentences);
  const split = makeSplit(data.examples, DEFAULT_SPLIT);
  const [trainSet, dev, test] = [split.train, split.dev, split.test].map((part) => pick(data.examples, part));
  post({ type: 'loaded', sentences: data.examples.length, train: trainSet.length, dev: dev.length, test: test.length });
  const g = new Generator().manualSeed(42);
  const model = createClassifier('bow-logreg', trainSet.map((e) => e.text), data.classes, {}, g);
  const started = performance.now();
  await trainClassifier(model, trainSet, dev, {
    ...TRAINING_DEFAULTS['bow-logreg'],
    generator: g,
    onEpoch: (info) => post({ type: 'epoch', epoch: info.epoch, loss: info.loss, devAccuracy: info.devAccuracy }),
  });
  const { accuracy } = evaluateClassifier(model, test);
  classifier = model;
  post({ type: 'ready', source: 'trained', features: model.config.numFeatures, accuracy, seconds: (performance.now() - started) / 1000 });
}

let busy = load().catch(fail);
self.onmessage = async ({ data: message }) => {
  await busy;
  if (message.type === 'train') {
    busy = train().catch(fail);
    return;
  }
  if (!classifier) return;
  try {
    if (message.type === 'explain') {
      const e = explain(classifier, message.text);
      post({ type: 'explained', text: message.text, label: e.label, probability: e.probability, tokens: e.tokens });
    }
  } catch (error) {
    fail(error);
  }
};
