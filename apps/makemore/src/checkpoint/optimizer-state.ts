/**
 * An optimizer's state in a checkpoint: its tensors (AdamW's moments) go into the weights file, named
 * `optimizer.<parameter index>.<name>`, and the rest (step counts, groups) into the JSON.
 */
import type { OptimizerStateDict, ParamState } from '@typegrad/optim';
import { Tensor } from '@typegrad/tensor';

/** The state's JSON part and its tensors by file name. @example splitOptimizerState(optimizer.stateDict()) */
export function splitOptimizerState(state: OptimizerStateDict | null): { json: OptimizerStateDict | null; tensors: Record<string, Tensor> } {
  if (!state) return { json: null, tensors: {} };
  const tensors: Record<string, Tensor> = {};
  const plain: Record<number, ParamState> = {};
  for (const [i, s] of Object.entries(state.state)) {
    const kept: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) {
      if (v instanceof Tensor) tensors[`optimizer.${i}.${k}`] = v;
      else kept[k] = v;
    }
    plain[Number(i)] = kept as ParamState;
  }
  return { json: { state: plain, param_groups: state.param_groups }, tensors };
}

/** The state back from its two parts; errors name the checkpoint and the tensor that is missing. */
export function joinOptimizerState(json: OptimizerStateDict | null, tensors: Record<string, Tensor>, source: string): OptimizerStateDict | null {
  if (!json) return null;
  const state: Record<number, ParamState> = {};
  for (const [i, s] of Object.entries(json.state ?? {})) state[Number(i)] = { ...s };
  for (const [name, t] of Object.entries(tensors)) {
    const m = /^optimizer\.(\d+)\.(\w+)$/.exec(name);
    if (!m) continue;
    if (!state[Number(m[1])]) throw new Error(`${source}: the weights hold ${name}, but the JSON has no optimizer state for parameter ${m[1]}`);
    (state[Number(m[1])] as Record<string, unknown>)[m[2]] = t;
  }
  return { state, param_groups: json.param_groups };
}
