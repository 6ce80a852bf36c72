// makemore's MLP, trained in a Web Worker with @typegrad/makemore's library entry. Messages from the page:
// { type: 'init', device } · { type: 'train', steps } · { type: 'stop' } · { type: 'sample', temperature, count }.
import namesUrl from '@typegrad/datasets/data/names.txt?url';
import { parseNames } from '@typegrad/datasets';
import { LECTURE_SEED, createModel, evaluateAll, modelConfig, prepareData, sampleNames, trainModel } from '@typegrad/makemore';
import { noGrad } from '@typegrad/autograd';
import { crossEntropy } from '@typegrad/nn';
import { Generator, randint, setDefaultDevice } from '@typegrad/tensor';

const post = (message) => self.postMessage(message);
let data = null;
let model = null;
let generator = null;
let step = 0;
let schedulerState;
let controller = null;
let sampleSeed = LECTURE_SEED;
let device = 'cpu';

// The examples stay on the CPU, where they were built; on WebGPU each minibatch (and each chunk of the dev set) is
// drawn there, with the same generator as the CLI's run, then copied to the GPU, where the model lives.
const onDevice = (t) => (device === 'cpu' ? t : t.to(device));
const batches = (examples) => ({
  batch(size, g) {
    const ix = randint(0, examples.Y.shape[0], [size], { generator: g, device: 'cpu' });
    return [onDevice(examples.X.indexSelect(0, ix)), onDevice(examples.Y.indexSelect(0, ix))];
  },
});
async function devLoss() {
  if (device === 'cpu') return (await evaluateAll(model, { dev: data.splits.dev })).dev;
  const { X, Y } = data.splits.dev;
  const n = Y.shape[0];
  let total = 0;
  model.eval();
  for (let start = 0; start < n; start += 8192) {
    const end = Math.min(n, start + 8192);
    const sum = noGrad(() => crossEntropy(model.forward(onDevice(X.narrow(0, start, end - start))), onDevice(Y.narrow(0, start, end - start)), { reduction: 'sum' }));
    total += await sum.item();
  }
  model.train();
  return total / n;
}

async function init(message) {
  device = message.device;
  let adapter = 'CPU (WebAssembly and JavaScript kernels)';
  const text = await (await fetch(namesUrl)).text();
  const { names } = parseNames(text);
  data = prepareData(names, { blockSize: 3 });
  if (device === 'webgpu') {
    const { initWebGPU } = await import('@typegrad/tensor/webgpu');
    const info = await initWebGPU();
    adapter = info.adapter;
    // the model's weights, and the tensors sampling makes, are created on the GPU
    setDefaultDevice('webgpu');
  }
  generator = new Generator().manualSeed(LECTURE_SEED);
  model = createModel(modelConfig('mlp', data.vocab.vocabSize), generator);
  step = 0;
  schedulerState = undefined;
  post({ type: 'ready', device, adapter, names: names.length, train: data.splits.train.Y.shape[0], dev: data.splits.dev.Y.shape[0], parameters: model.parameters().reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0) });
}

async function train({ steps, total }) {
  controller = new AbortController();
  let pending = [];
  let lastPost = performance.now();
  const flush = () => {
    if (pending.length) post({ type: 'steps', losses: pending, step });
    pending = [];
    lastPost = performance.now();
  };
  const result = await trainModel(model, device === 'cpu' ? data.splits.train : batches(data.splits.train), {
    steps: Math.min(step + steps, total),
    batchSize: 32,
    lr: 0.1,
    decayAt: Math.floor(total / 2),
    generator,
    startStep: step,
    schedulerState,
    signal: controller.signal,
    yieldEveryMs: 50,
    evalEvery: 500,
    evaluate: async () => ({ dev: await devLoss() }),
    onStep: (info) => {
      step = info.step;
      pending.push(info.loss);
      if (performance.now() - lastPost > 100) flush();
    },
    onEval: ({ step: at, losses }) => {
      flush();
      post({ type: 'eval', step: at, dev: losses.dev });
    },
  });
  flush();
  step = result.step;
  schedulerState = result.schedulerState ?? undefined;
  const dev = await devLoss();
  post({ type: 'trained', step, stopped: result.stopped, seconds: result.seconds, stepsThisRun: result.losses.length, dev });
  controller = null;
}

async function sample({ temperature, count }) {
  const g = new Generator().manualSeed(sampleSeed++);
  const names = await sampleNames(model, data.vocab, { count, temperature, generator: g });
  post({ type: 'samples', names, temperature });
}

self.onmessage = async ({ data: message }) => {
  try {
    if (message.type === 'init') await init(message);
    else if (message.type === 'train') await train(message);
    else if (message.type === 'stop') controller?.abort();
    else if (message.type === 'sample') await sample(message);
  } catch (error) {
    post({ type: 'error', text: error instanceof Error ? error.message : String(error) });
  }
};
