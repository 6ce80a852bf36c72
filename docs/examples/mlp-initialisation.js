import { Generator, randn } from '@typegrad/tensor';

// A batch of 1,000 inputs through 10 tanh layers of 200 units: how big are the activations at each depth?
const g = new Generator().manualSeed(0);
const x0 = randn([1000, 200], { generator: g });

async function depths(scale) {
  let x = x0;
  const out = [];
  for (let layer = 0; layer < 10; layer++) {
    const W = randn([200, 200], { generator: g }).mul(scale);
    x = x.matmul(W).tanh();
    const saturated = await x.abs().gt(0.99).to('float32').mean().item();
    out.push({ std: await x.std().item(), saturated });
  }
  return out;
}

// randn weights: each pre-activation sums 200 terms, its std is about √200 ≈ 14, and tanh saturates at ±1,
// where its gradient is 0. Kaiming's gain/√fan_in, (5/3)/√200 for tanh, keeps the scale from layer to layer.
const plain = await depths(1);
const kaiming = await depths(5 / 3 / Math.sqrt(200));
const tiny = await depths(0.01);
console.log('layer   std (randn)  saturated   std (Kaiming)  saturated   std (×0.01)');
for (let i = 0; i < 10; i += 3) {
  const f = (v) => v.toFixed(3).padStart(8);
  const p = (v) => `${(100 * v).toFixed(1)}%`.padStart(7);
  console.log(`${String(i + 1).padStart(5)}  ${f(plain[i].std)}     ${p(plain[i].saturated)}    ${f(kaiming[i].std)}      ${p(kaiming[i].saturated)}    ${f(tiny[i].std)}`);
}
plot(
  [
    { x: plain.map((_, i) => i + 1), y: plain.map((d) => d.std), label: 'randn' },
    { x: kaiming.map((_, i) => i + 1), y: kaiming.map((d) => d.std), label: 'Kaiming' },
    { x: tiny.map((_, i) => i + 1), y: tiny.map((d) => d.std), label: '×0.01' },
  ],
  { title: 'activation std by layer', xLabel: 'layer', yLabel: 'std', width: 640, height: 300 },
);
