import type { GradNode, Tensor } from '@typegrad/tensor';

/**
 * One recorded op in the graph: the op's name, the tensors it read, the values its gradient rule needs, and the
 * storage versions of its inputs when it ran (so a later in-place write to them is caught at backward time).
 */
export class Node implements GradNode {
  inputs: readonly Tensor[];
  saved: Readonly<Record<string, unknown>>;
  private versions: number[];
  private freed = false;

  constructor(
    readonly op: string,
    inputs: readonly Tensor[],
    saved: Readonly<Record<string, unknown>>,
  ) {
    this.inputs = inputs;
    this.saved = saved;
    this.versions = inputs.map((t) => t.storage.version);
  }

  /** PyTorch's name for the node (`MatmulBackward`), made when asked for: most nodes are never named. */
  get name(): string {
    return `${this.op[0].toUpperCase()}${this.op.slice(1)}Backward`;
  }

  /** Throws PyTorch's errors for a graph already freed by backward, or inputs modified in place since recording. */
  check(): void {
    if (this.freed) {
      throw new Error(
        'backward: trying to backward through the graph a second time (or directly access saved tensors after they have ' +
          'already been freed). Saved intermediate values of the graph are freed when you call .backward(). ' +
          'Specify { retainGraph: true } if you need to backward through the graph a second time.',
      );
    }
    this.inputs.forEach((t, i) => {
      if (t.storage.isReleased) {
        const how = t.storage.releaseReason === 'dispose' ? 'by dispose()' : 'as a temporary (releaseTemporaries)';
        throw new Error(
          `backward: one of the variables needed for gradient computation was released ${how}: ` +
            `[${t.dtype} [${t.shape.join(', ')}]], which is input ${i} of ${this.name}; keep tensors a graph uses undisposed until backward has run.`,
        );
      }
      if (t.storage.version !== this.versions[i]) {
        throw new Error(
          `backward: one of the variables needed for gradient computation has been modified by an inplace operation: ` +
            `[${t.dtype} [${t.shape.join(', ')}]], which is input ${i} of ${this.name}, is at version ${t.storage.version}; ` +
            `expected version ${this.versions[i]} instead.`,
        );
      }
    });
  }

  /** Drops the saved values and edges so the intermediate tensors can be collected. */
  free(): void {
    this.freed = true;
    this.inputs = [];
    this.saved = {};
  }
}
