/** Errors of predicted ratings: RMSE and MAE, predictions clipped to the rating scale first (as Surprise clips them). */

/** Root mean squared and mean absolute error. */
export interface RatingErrors {
  rmse: number;
  mae: number;
}

/**
 * RMSE and MAE of predictions against ratings, each prediction clipped to `scale` first: a prediction of 5.3 stars
 * for a 5-star scale counts as 5.
 * @example ratingErrors(Float32Array.of(3.9, 5.3), Float32Array.of(4, 5), [0.5, 5]) // { rmse: 0.0707, mae: 0.05 }
 */
export function ratingErrors(predicted: ArrayLike<number>, actual: ArrayLike<number>, scale: readonly [number, number]): RatingErrors {
  if (predicted.length !== actual.length) throw new Error(`ratingErrors: ${predicted.length} predictions for ${actual.length} ratings`);
  if (actual.length === 0) throw new Error('ratingErrors: no ratings to compare with');
  let squared = 0;
  let absolute = 0;
  for (let k = 0; k < actual.length; k++) {
    const e = Math.min(scale[1], Math.max(scale[0], predicted[k])) - actual[k];
    squared += e * e;
    absolute += Math.abs(e);
  }
  return { rmse: Math.sqrt(squared / actual.length), mae: absolute / actual.length };
}
