/**
 * @typegrad/autograd — reverse-mode automatic differentiation for typegrad tensors.
 *
 * Importing this package switches recording on: from then on, ops on tensors that require grad build a graph,
 * and `loss.backward()` fills the leaves' `grad`.
 * @packageDocumentation
 */
import { setBackwardEngine, setOpRecorder } from '@typegrad/tensor';
import { backward, recordOp } from './engine.js';

setOpRecorder(recordOp);
setBackwardEngine(backward);

export { backward } from './engine.js';
export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from './grad-mode.js';
export { gradcheck, type GradcheckOptions } from './gradcheck.js';
export { GRAD_RULES, sumTo, type GradRule, type GradContext } from './rules/index.js';
export { Node } from './node.js';
export { RowSparseGrad } from './sparse/row-sparse.js';
export { sparseGrad, setSparseGrad } from './sparse/slot.js';
export { sparseIndexSelect, type SparseIndexSelectOptions } from './sparse/sparse-rows.js';
