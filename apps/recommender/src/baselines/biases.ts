/**
 * The baselines every model must beat, computed in closed form in the same run: the global mean, and user + item
 * biases, regularised, found by alternating least squares as Surprise's `BaselineOnly` finds them.
 */
import { meanRating, type Interactions } from '../data/interactions.js';

/** Predicted rating = mean + userBias[u] + itemBias[i]. */
export interface BiasBaseline {
  mean: number;
  userBias: Float64Array;
  itemBias: Float64Array;
}

/** Options of {@link fitBiases}: Surprise's BaselineOnly defaults (reg_u 15, reg_i 10, 10 epochs). */
export interface BiasOptions {
  regUser?: number;
  regItem?: number;
  epochs?: number;
}

/**
 * User and item biases by alternating least squares (Koren 2010, §2.1): each epoch sets every item's bias to its
 * ratings' mean deviation from μ + b_u, shrunk by regItem, then every user's likewise; regularisation pulls rarely
 * rated items and quiet users towards the mean. Items or users without training ratings keep a bias of 0.
 * @example const b = fitBiases(train); predictBiases(b, 0, 31) // μ + b_u + b_i
 */
export function fitBiases(train: Interactions, options: BiasOptions = {}): BiasBaseline {
  const { regUser = 15, regItem = 10, epochs = 10 } = options;
  const mean = meanRating(train);
  const userBias = new Float64Array(train.numUsers);
  const itemBias = new Float64Array(train.numItems);
  const userCount = new Float64Array(train.numUsers);
  const itemCount = new Float64Array(train.numItems);
  for (let k = 0; k < train.length; k++) {
    userCount[train.users[k]]++;
    itemCount[train.items[k]]++;
  }
  const deviation = (size: number) => new Float64Array(size);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const itemDev = deviation(train.numItems);
    for (let k = 0; k < train.length; k++) itemDev[train.items[k]] += train.ratings[k] - mean - userBias[train.users[k]];
    for (let i = 0; i < train.numItems; i++) itemBias[i] = itemCount[i] ? itemDev[i] / (regItem + itemCount[i]) : 0;
    const userDev = deviation(train.numUsers);
    for (let k = 0; k < train.length; k++) userDev[train.users[k]] += train.ratings[k] - mean - itemBias[train.items[k]];
    for (let u = 0; u < train.numUsers; u++) userBias[u] = userCount[u] ? userDev[u] / (regUser + userCount[u]) : 0;
  }
  return { mean, userBias, itemBias };
}

/** The baseline's rating of item `item` by user `user`. @example predictBiases(b, 0, 31) */
export function predictBiases(b: BiasBaseline, user: number, item: number): number {
  return b.mean + b.userBias[user] + b.itemBias[item];
}
