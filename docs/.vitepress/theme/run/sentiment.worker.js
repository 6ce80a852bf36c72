// The sentiment page's classifier: @typegrad/sentiment's logistic regression on a bag of words, trained in a Web
// Worker on the UCI sentences that ship with @typegrad/datasets. Messages: { type: 'explain', text }.
import sentencesUrl from '@typegrad/datasets/data/sentiment-sentences.tsv?url';
import { parseSentimentSentences } from '@typegrad/datasets';
import { DEFAULT_SPLIT, TRAINING_DEFAULTS, createClassifier, evaluateClassifier, explain, makeSplit, pick, sentimentDataset, trainClassifier } from '@typegrad/sentiment';
import { Generator } from '@typegrad/tensor';

const post = (message) => self.postMessage(message);
let classifier = null;

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
  post({ type: 'trained', accuracy, seconds: (performance.now() - started) / 1000 });
}

const ready = train().catch((error) => post({ type: 'error', text: error instanceof Error ? error.message : String(error) }));
self.onmessage = async ({ data: message }) => {
  await ready;
  if (!classifier) return;
  try {
    if (message.type === 'explain') {
      const e = explain(classifier, message.text);
      post({ type: 'explained', text: message.text, label: e.label, probability: e.probability, tokens: e.tokens });
    }
  } catch (error) {
    post({ type: 'error', text: error instanceof Error ? error.message : String(error) });
  }
};
