/**
 * A checkpoint's weights checked against its JSON before any model is built: both from one save, and every tensor
 * the settings describe present with its shape. A model built from wrong settings could take gigabytes and minutes
 * before loading the weights failed; these checks cost nothing.
 */

/** The shapes a checkpoint's settings call for, by state-dict name. */
export type ExpectedShapes = Readonly<Record<string, readonly number[]>>;

/** Options of {@link checkSavedTensors}. */
export interface SavedTensorsOptions {
  /** What states the shapes, with its verb, in the messages ('the config describes'). Default 'the settings describe'. */
  describedBy?: string;
  /** The model's name in the message about tensors it does not have ('the mlp model'). */
  model: string;
  /** Names of other tensors the file may hold beside the model's (an optimizer's state). */
  alsoAllowed?: (name: string) => boolean;
}

/**
 * Throws unless the weights' save id (from the safetensors metadata) is the JSON's: a save was interrupted or the
 * files were mixed.
 * @example checkSameSave('runs/mf', metadata.checkpoint, meta.id)
 */
export function checkSameSave(source: string, weightsId: string | undefined, jsonId: string, jsonName = 'the JSON'): void {
  if (weightsId !== jsonId) {
    throw new Error(`${source}: the weights (${weightsId ?? 'no id'}) and ${jsonName} (${jsonId}) come from different saves; a save was interrupted or the files were mixed`);
  }
}

/**
 * Throws, naming the tensor, unless the weights hold every tensor `expected` names with its shape, and no tensor
 * besides those (and those `alsoAllowed` accepts).
 * @example checkSavedTensors('runs/mf', tensors, stateShapes(meta.config), { model: 'the mf model' })
 */
export function checkSavedTensors(source: string, tensors: Readonly<Record<string, { readonly shape: readonly number[] }>>, expected: ExpectedShapes, options: SavedTensorsOptions): void {
  const describedBy = options.describedBy ?? 'the settings describe';
  for (const [name, shape] of Object.entries(expected)) {
    const held = Object.hasOwn(tensors, name) ? tensors[name].shape : undefined;
    if (!held || held.length !== shape.length || held.some((d, i) => d !== shape[i])) {
      throw new Error(`${source}: ${describedBy} '${name}' as [${shape.join(', ')}], but the weights ${held ? `hold [${held.join(', ')}]` : 'have no such tensor'}`);
    }
  }
  const extra = Object.keys(tensors).filter((k) => !Object.hasOwn(expected, k) && !(options.alsoAllowed?.(k) ?? false));
  if (extra.length) throw new Error(`${source}: the weights hold tensors ${options.model} does not have: ${extra.join(', ')}`);
}
