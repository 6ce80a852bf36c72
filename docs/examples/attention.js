import { eye, Generator, randn, scaledDotProductAttention } from '@typegrad/tensor';

// Four positions, each with a query and a key of width 8 (one head, batch of one).
const g = new Generator().manualSeed(0);
const T = 4;
const q = randn([1, T, 8], { generator: g });
const k = randn([1, T, 8], { generator: g });

// With the identity as the values, the output is the attention weights themselves: row i says how much
// position i takes from each position. `causal: true` lets position i see positions 0…i only.
const weights = scaledDotProductAttention(q, k, eye(T).reshape([1, T, T]), { causal: true });
console.log('causal weights\n' + weights.reshape([T, T]).toString());

// The same by hand: scores q·kᵀ/√8, −∞ above the diagonal, softmax over each row.
const scores = q.matmul(k.transpose(-2, -1)).div(Math.sqrt(8));
const blocked = eye(T).cumsum(0).eq(0); // true above the diagonal
const byHand = scores.maskedFill(blocked.reshape([1, T, T]), -Infinity).softmax(-1);
console.log('by hand equals the fused op:', (await byHand.sub(weights).abs().max().item()) < 1e-6);
console.log('rows sum to', (await weights.sum(-1).toArray()).flat().map((x) => x.toFixed(3)).join(' '));

// Real values of width 3: each output row is a weighted mean of the value rows it may see.
const v = randn([1, T, 3], { generator: g });
console.log('output\n' + scaledDotProductAttention(q, k, v, { causal: true }).reshape([T, 3]).toString());
