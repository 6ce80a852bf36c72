"""A reference for the recommender's explicit-rating figures: Surprise's BaselineOnly and SVD, as Surprise documents
them, on the same random 80/20 split of MovieLens ml-latest-small as `recommender train`.

Surprise itself cannot be installed here (only npm and Debian packages are reachable), so this follows its documented
algorithms and defaults with numpy, and draws the split with PyTorch's randperm and random_split rounding, which
typegrad reproduces for the same seed:

- the split: torch.randperm(n, generator=torch.Generator().manual_seed(seed)); the first floor(0.8 n) (+1 for the
  rounding remainder, as random_split gives it) ratings train, the rest are held out;
- BaselineOnly (bsl_options method 'als', reg_i 10, reg_u 15, n_epochs 10): each epoch sets every item's bias, then
  every user's, to their ratings' summed deviation over (reg + count) (Koren 2010, section 2.1);
- SVD (biased, n_factors 100, n_epochs 20, lr_all 0.005, reg_all 0.02, factors drawn N(0, 0.1)): stochastic gradient
  descent over the training ratings grouped by user in the order users first appear, as Surprise's trainset yields
  them, updating b_u, b_i, p_u and q_i after each rating;
- predictions: mu + b_u + b_i (+ q_i . p_u), the terms of an unknown user or item left out, clipped to the rating
  scale (0.5 to 5), as Surprise's predict() clips them.

    /usr/bin/python3 apps/recommender/scripts/surprise_reference.py [--data data/movielens-small] [--seed 42] [--json out.json]

Prints RMSE and MAE for the global mean, BaselineOnly and SVD. Takes a few minutes: SVD's SGD is a loop in Python.
"""
import argparse
import csv
import json
import math
import os
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, '..', '..', '..'))


def read_ratings(folder):
    users, items, ratings = [], [], []
    with open(os.path.join(folder, 'ratings.csv'), newline='') as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            users.append(row[0])
            items.append(row[1])
            ratings.append(float(row[2]))
    return users, items, np.array(ratings)


def random_split(n, test_fraction, seed):
    """torch.utils.data.random_split's cut of randperm(n): floor lengths, the remainder to the first split."""
    perm = torch.randperm(n, generator=torch.Generator().manual_seed(seed)).numpy()
    train = math.floor(n * (1 - test_fraction))
    test = math.floor(n * test_fraction)
    train += n - train - test
    return perm[:train], perm[train:]


class Trainset:
    """Surprise's view of the training ratings: inner ids in order of first appearance, ratings grouped by user."""

    def __init__(self, users, items, ratings, positions):
        self.user_index, self.item_index = {}, {}
        self.ur, self.ir = [], []
        for p in positions:
            u = self.user_index.setdefault(users[p], len(self.user_index))
            i = self.item_index.setdefault(items[p], len(self.item_index))
            if u == len(self.ur):
                self.ur.append([])
            if i == len(self.ir):
                self.ir.append([])
            self.ur[u].append((i, ratings[p]))
            self.ir[i].append((u, ratings[p]))
        self.global_mean = float(np.mean(ratings[positions]))

    def all_ratings(self):
        for u, rated in enumerate(self.ur):
            for i, r in rated:
                yield u, i, r


def baseline_als(ts, reg_u=15.0, reg_i=10.0, epochs=10):
    bu = np.zeros(len(ts.ur))
    bi = np.zeros(len(ts.ir))
    mu = ts.global_mean
    for _ in range(epochs):
        for i, rated in enumerate(ts.ir):
            bi[i] = sum(r - mu - bu[u] for u, r in rated) / (reg_i + len(rated))
        for u, rated in enumerate(ts.ur):
            bu[u] = sum(r - mu - bi[i] for i, r in rated) / (reg_u + len(rated))
    return bu, bi


def svd_sgd(ts, factors=100, epochs=20, lr=0.005, reg=0.02, init_std=0.1, seed=0):
    rng = np.random.RandomState(seed)
    pu = rng.normal(0, init_std, (len(ts.ur), factors))
    qi = rng.normal(0, init_std, (len(ts.ir), factors))
    bu = np.zeros(len(ts.ur))
    bi = np.zeros(len(ts.ir))
    mu = ts.global_mean
    for epoch in range(epochs):
        for u, i, r in ts.all_ratings():
            p, q = pu[u], qi[i]
            err = r - (mu + bu[u] + bi[i] + p.dot(q))
            bu[u] += lr * (err - reg * bu[u])
            bi[i] += lr * (err - reg * bi[i])
            pu[u], qi[i] = p + lr * (err * q - reg * p), q + lr * (err * p - reg * q)
    return bu, bi, pu, qi


def predict(ts, users, items, positions, bu, bi, pu=None, qi=None, scale=(0.5, 5.0)):
    out = np.empty(len(positions))
    for k, p in enumerate(positions):
        u = ts.user_index.get(users[p])
        i = ts.item_index.get(items[p])
        est = ts.global_mean
        if u is not None:
            est += bu[u]
        if i is not None:
            est += bi[i]
        if pu is not None and u is not None and i is not None:
            est += pu[u].dot(qi[i])
        out[k] = min(scale[1], max(scale[0], est))
    return out


def errors(pred, actual):
    e = pred - actual
    return {'rmse': float(np.sqrt(np.mean(e * e))), 'mae': float(np.mean(np.abs(e)))}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('--data', default=os.path.join(REPO, 'data', 'movielens-small'))
    parser.add_argument('--seed', type=int, default=42, help='seed of the split (default 42, as recommender train)')
    parser.add_argument('--test-fraction', type=float, default=0.2)
    parser.add_argument('--svd-seed', type=int, default=0, help="numpy seed of SVD's initial factors")
    parser.add_argument('--json', help='also write the figures to this file')
    args = parser.parse_args()

    users, items, ratings = read_ratings(args.data)
    train, test = random_split(len(ratings), args.test_fraction, args.seed)
    ts = Trainset(users, items, ratings, train)
    actual = ratings[test]
    print(f'{len(ratings):,} ratings; random {round((1 - args.test_fraction) * 100)}/{round(args.test_fraction * 100)} split (seed {args.seed}): {len(train):,} train, {len(test):,} test')

    results = {'data': os.path.basename(os.path.normpath(args.data)), 'ratings': len(ratings), 'train': len(train), 'test': len(test), 'seed': args.seed, 'models': {}}
    results['models']['global mean'] = errors(np.clip(np.full(len(test), ts.global_mean), 0.5, 5.0), actual)
    started = time.time()
    bu, bi = baseline_als(ts)
    results['models']['BaselineOnly (ALS)'] = {**errors(predict(ts, users, items, test, bu, bi), actual), 'seconds': time.time() - started}
    started = time.time()
    sbu, sbi, pu, qi = svd_sgd(ts, seed=args.svd_seed)
    results['models']['SVD (biased, 100 factors, 20 epochs)'] = {**errors(predict(ts, users, items, test, sbu, sbi, pu, qi), actual), 'seconds': time.time() - started}

    print(f"{'model':<40} {'RMSE':>7} {'MAE':>7}")
    for name, m in results['models'].items():
        print(f"{name:<40} {m['rmse']:7.4f} {m['mae']:7.4f}")
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(results, f, indent=1)
            f.write('\n')


if __name__ == '__main__':
    main()
