/** A benchmark input's shape: square for matmul, 27 classes a row for logSoftmax (the makemore MLP's logits), flat otherwise. */
export const shapeOf = (kind, size) => (kind === 'matmul' ? [size, size] : kind === 'logSoftmax' ? [size, 27] : [size]);
