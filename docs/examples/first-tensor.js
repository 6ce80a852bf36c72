import { Generator, randn, tensor } from '@typegrad/tensor';

// A tensor from nested arrays: its shape, its dtype, its values.
const a = tensor([[1, 2, 3], [4, 5, 6]]);
console.log(a.shape, a.dtype);
console.log(a.toString());

// Broadcasting: a row is added to each row, as in NumPy and PyTorch.
console.log(a.add(tensor([10, 20, 30])).toString());

// A seeded generator gives the same numbers as torch.Generator().manual_seed(42).
const g = new Generator().manualSeed(42);
const w = randn([3, 2], { generator: g });
console.log(a.matmul(w).shape);
console.log('sum of squares', (await a.square().sum().item()).toFixed(1));
