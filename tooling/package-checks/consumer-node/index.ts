// A Node-only project (no DOM, no WebGPU types, every declaration file checked) that uses each CPU entry.
import { randn, tensor } from '@typegrad/tensor';
import { noGrad } from '@typegrad/autograd';
import { Linear, crossEntropy } from '@typegrad/nn';
import { loadSafetensors, saveSafetensors } from '@typegrad/nn/node';
import { SGD } from '@typegrad/optim';
import { CharTokenizer } from '@typegrad/tokenizers';
import { readTiktokenFile } from '@typegrad/tokenizers/node';
import { DataLoader, TensorDataset } from '@typegrad/datasets';
import { loadNames } from '@typegrad/datasets/node';
import { createModel, modelConfig } from '@typegrad/makemore';

export async function main(): Promise<number> {
  const fc = new Linear(3, 2);
  const optimizer = new SGD(fc.parameters(), { lr: 0.1 });
  const loss = crossEntropy(fc.forward(randn([4, 3])), tensor([0, 1, 1, 0], { dtype: 'int32' }));
  loss.backward();
  optimizer.step();
  noGrad(() => fc.weight.mul_(0.5));
  await saveSafetensors('fc.safetensors', fc.stateDict());
  const { tensors } = await loadSafetensors('fc.safetensors');
  const { names } = await loadNames();
  const vocab = CharTokenizer.fromCorpus(names);
  const loader = new DataLoader(new TensorDataset(randn([8, 2])), { batchSize: 4 });
  const model = createModel(modelConfig('mlp', vocab.vocabSize));
  void readTiktokenFile;
  return Object.keys(tensors).length + loader.length + model.parameters().length;
}
