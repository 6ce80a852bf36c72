import { fusedRules } from './fused.js';
import { elementwiseRules } from './elementwise.js';
import { indexingRules } from './indexing.js';
import { reductionRules } from './reduction.js';
import type { GradRule } from './types.js';
import { viewRules } from './views.js';
import { sparseRules } from '../sparse/sparse-rows.js';

/** Every gradient rule, by the name the tensor ops record under. */
export const GRAD_RULES: Readonly<Record<string, GradRule>> = {
  ...elementwiseRules,
  ...reductionRules,
  ...viewRules,
  ...indexingRules,
  ...fusedRules,
  ...sparseRules,
};

export type { GradRule, GradContext } from './types.js';
export { sumTo } from './types.js';
