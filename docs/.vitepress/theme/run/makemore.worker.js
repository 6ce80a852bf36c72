// makemore's MLP or its transformer, trained in a Web Worker with @typegrad/makemore's library entry. Messages from
// the page: { type: 'init', device, model } · { type: 'train', steps } · { type: 'stop' } · { type: 'sample', … }.
import namesUrl from '@typegrad/datasets/data/names.txt?url';
import { parseNames } from '@typegrad/datasets';
import { IGNORE, LECTURE_SEED, createModel, evaluateAll, modelConfig, prepareData, sampleNames, targetCount, trainModel } from '@typegrad/makemore';
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
let kind = 'mlp';
let optimizerState;

// What `makemore train` uses for each model: the lecture's SGD for the MLP; for the transformer, AdamW with a short
// warmup and a cosine decay (the CLI's defaults, its 200 warmup steps cut to a tenth of the run by trainModel).
const SETTINGS = {
  mlp: { batchSize: 32, lr: 0.1, optimizer: { kind: 'sgd' } },
  transformer: { batchSize: 32, lr: 1e-3, optimizer: { kind: 'adamw', betas: [0.9, 0.99], eps: 1e-8, weightDecay: 0.01, schedule: 'cosine', warmup: 200, minLr: 1e-4 } },
};

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
  let total = null; // summed on the device, read once
  model.eval();
  for (let start = 0; start < n; start += 8192) {
    const end = Math.min(n, start + 8192);
    const logits = noGrad(() => model.forward(onDevice(X.narrow(0, start, end - start))));
    const targets = onDevice(Y.narrow(0, start, end - start));
    // the transformer predicts at every position: [B, T, V] against [B, T], padding ignored
    const flat = logits.ndim === 3 ? [logits.reshape([-1, logits.shape[2]]), targets.reshape([-1])] : [logits, targets];
    const sum = noGrad(() => crossEntropy(flat[0], flat[1], { reduction: 'sum', ignoreIndex: IGNORE }));
    total = total === null ? sum : total.add(sum);
  }
  model.train();
  // the mean over the targets that count (the transformer's padding positions carry IGNORE), counted on the CPU
  return (await total.item()) / targetCount(data.splits.dev);
}

async function init(message) {
  device = message.device;
  kind = message.model === 'transformer' ? 'transformer' : 'mlp';
  let adapter = 'CPU (WebAssembly and JavaScript kernels)';
  const text = await (await fetch(namesUrl)).text();
  const { names } = parseNames(text);
  // the transformer reads a whole name after one boundary: a block as long as the longest name + 1
  const blockSize = kind === 'mlp' ? 3 : Math.max(...names.map((w) => [...w].length)) + 1;
  data = prepareData(names, { blockSize, sequences: kind === 'transformer' });
  if (device === 'webgpu') {
    const { initWebGPU } = await import('@typegrad/tensor/webgpu');
    const info = await initWebGPU();
    adapter = info.adapter;
    // the model's weights, and the tensors sampling makes, are created on the GPU
    setDefaultDevice('webgpu');
  }
  generator = new Generator().manualSeed(LECTURE_SEED);
  model = createModel(modelConfig(kind, data.vocab.vocabSize, kind === 'transformer' ? { blockSize } : {}), generator);
  step = 0;
  schedulerState = undefined;
  optimizerState = undefined;
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
  // the run's schedule spans all `total` steps (the transformer's cosine decays over them); a press of Train runs
  // `steps` of them and stops there, so a resumed run continues the same schedule
  const target = Math.min(step + steps, total);
  let reached = false;
  const result = await trainModel(model, device === 'cpu' ? data.splits.train : batches(data.splits.train), {
    steps: total,
    ...SETTINGS[kind],
    decayAt: Math.floor(total / 2),
    optimizerState,
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
      if (step >= target) {
        reached = true;
        controller.abort();
      }
    },
    onEval: ({ step: at, losses }) => {
      flush();
      post({ type: 'eval', step: at, dev: losses.dev });
    },
  });
  flush();
  step = result.step;
  schedulerState = result.schedulerState ?? undefined;
  optimizerState = result.optimizerState ?? undefined;
  const dev = await devLoss();
  post({ type: 'trained', step, stopped: result.stopped && !reached, seconds: result.seconds, stepsThisRun: result.losses.length, dev });
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
