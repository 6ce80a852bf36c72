/** typegrad through its public API, as built by tsup into each package's dist/. */
import { VOCAB, BLOCK, EMB, HIDDEN, LR } from './model.mjs';
import { measure } from '../../../../tooling/bench/measure.mjs';

/**
 * Loads typegrad; returns `at(threads)`, the implementation on that many threads (setCpuThreads; named
 * `typegrad Nt`), and `threads()`, typegrad's default count.
 */
export async function loadTypegrad() {
  let tensor, nn, optim;
  try {
    tensor = await import('@typegrad/tensor');
    nn = await import('@typegrad/nn');
    optim = await import('@typegrad/optim'); // this package, by its own name: dist/index.js
  } catch (err) {
    console.error(`Cannot load typegrad (${err.message}). Run \`pnpm --filter @typegrad/optim... build\` first.`);
    process.exit(1);
  }
  const { manualSeed, randint, setCpuThreads, cpuThreads, cpuKernels } = tensor;
  const { Embedding, Linear, Module, crossEntropy } = nn;
  const { Adam } = optim;
  const defaultThreads = cpuThreads();

  class MLP extends Module {
    emb = new Embedding(VOCAB, EMB);
    fc1 = new Linear(BLOCK * EMB, HIDDEN);
    fc2 = new Linear(HIDDEN, VOCAB);
    forward(x) {
      const h = this.fc1.forward(this.emb.forward(x).reshape(-1, BLOCK * EMB)).tanh();
      return this.fc2.forward(h);
    }
  }

  const at = (threads) => ({
    name: `typegrad ${threads}t`,
    threads,
    async measure(batch) {
      setCpuThreads(threads);
      manualSeed(0);
      const model = new MLP();
      const optimizer = new Adam(model.parameters(), { lr: LR });
      const X = randint(0, VOCAB, [batch, BLOCK]);
      const Y = randint(0, VOCAB, [batch]);
      const step = async () => {
        const loss = crossEntropy(model.forward(X), Y);
        optimizer.zeroGrad(); // grads set to null, as PyTorch's zero_grad(set_to_none=True)
        loss.backward();
        optimizer.step();
        return loss.item();
      };
      try {
        const { seconds, cpuSeconds } = await measure(`typegrad batch ${batch}, ${threads} threads`, step);
        return { stepsPerSecond: 1 / seconds, stepsPerCpuSecond: 1 / cpuSeconds };
      } finally {
        setCpuThreads(defaultThreads);
      }
    },
  });
  return { at, threads: () => defaultThreads, kernels: () => cpuKernels() };
}
