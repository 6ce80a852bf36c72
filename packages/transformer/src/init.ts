import { noGrad } from '@typegrad/autograd';
import { Embedding, Linear, init, type Module } from '@typegrad/nn';
import type { Generator } from '@typegrad/tensor';

/**
 * nanoGPT's `_init_weights` (GPT-2's initialisation), applied in PyTorch's `Module.apply` order (children before
 * parents): every Linear weight and Embedding N(0, 0.02), biases 0; then each residual projection `c_proj.weight`
 * N(0, 0.02/√(2·nLayer)), in parameter order. The draws match nanoGPT's one for one, so the same seed gives the
 * same weights.
 * @example initNanoGPT(model, config.nLayer, generator);
 */
export function initNanoGPT(model: Module, nLayer: number, generator?: Generator): void {
  const opts = { generator };
  noGrad(() => {
    const visit = (m: Module) => {
      for (const child of m.children()) visit(child);
      if (m instanceof Linear) {
        init.normal_(m.weight, 0, 0.02, opts);
        if (m.bias) m.bias.zero_();
      } else if (m instanceof Embedding) {
        init.normal_(m.weight, 0, 0.02, opts);
      }
    };
    visit(model);
    const std = 0.02 / Math.sqrt(2 * nLayer);
    for (const [name, p] of model.namedParameters()) if (name.endsWith('c_proj.weight')) init.normal_(p, 0, std, opts);
  });
}
