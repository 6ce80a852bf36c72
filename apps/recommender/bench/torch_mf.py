"""The recommender's matrix factorisation training step in PyTorch, the recommender bench's PyTorch peer (run by
bench/run.mjs).

The same model and step as `recommender train --model mf` (50 factors, squashed into (0, 5.5), batch 512):

    u, i, r = users[ix], items[ix], ratings[ix]
    pu, qi = P(u), Q(i)                                  # nn.Embedding(..., sparse=True), four tables
    z = (pu * qi).sum(1) + bu(u)[:, 0] + bi(i)[:, 0] + offset
    pred = 5.5 * torch.sigmoid(z)
    loss = F.mse_loss(pred, r) + reg * ((pu ** 2).sum(1) + (qi ** 2).sum(1)).mean()
    opt.zero_grad(); loss.backward(); opt.step()         # torch.optim.SparseAdam
    loss.item()

With --ratings, the batches are drawn, without replacement, from a shuffled order of the training ratings of
MovieLens ml-latest-small's 80/20 split (the epoch the README's speed target is about); without it, users and items
are drawn uniformly from --users and --items tables (the catalogue-size rows). --dense uses dense embedding
gradients and torch.optim.Adam instead, to show what the sparse ones save.

Usage: /usr/bin/python3 torch_mf.py [--ratings data/movielens-small/ratings.csv] [--users 610 --items 9724]
       [--factors 50] [--batch 512] [--dense] [--threads 1] [--seconds 0.3] [--runs 5]
Prints one line of JSON (see tooling/bench/torch_peer.py's run).
"""
import csv
import math
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside tooling/bench/torch_peer.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tooling", "bench"))
import torch_peer  # noqa: E402


def training_ratings(torch, path, seed=42):
    """The 80% of ml-latest-small that `recommender train` trains on (randperm and random_split's cut)."""
    users, items, ratings, uid, iid = [], [], [], {}, {}
    with open(path, newline="") as f:
        rows = csv.reader(f)
        next(rows)
        for row in rows:
            users.append(uid.setdefault(row[0], len(uid)))
            items.append(iid.setdefault(row[1], len(iid)))
            ratings.append(float(row[2]))
    n = len(ratings)
    train = math.floor(0.8 * n) + (n - math.floor(0.8 * n) - math.floor(0.2 * n))
    perm = torch.randperm(n, generator=torch.Generator().manual_seed(seed))[:train]
    return torch.tensor(users)[perm], torch.tensor(items)[perm], torch.tensor(ratings)[perm], len(uid), len(iid)


def main():
    ap = torch_peer.arguments(__doc__.split("\n")[0])
    ap.add_argument("--ratings", help="train on these ratings (ml-latest-small's ratings.csv)")
    ap.add_argument("--users", type=int, default=610)
    ap.add_argument("--items", type=int, default=9724)
    ap.add_argument("--factors", type=int, default=50)
    ap.add_argument("--batch", type=int, default=512)
    ap.add_argument("--dense", action="store_true", help="dense embedding gradients and Adam")
    args = ap.parse_args()
    torch = torch_peer.setup(args.threads)
    if torch is None:
        return
    nn, F = torch.nn, torch.nn.functional
    g = torch.Generator().manual_seed(42)
    if args.ratings:
        users, items, ratings, n_users, n_items = training_ratings(torch, args.ratings)
    else:
        n_users, n_items = args.users, args.items
        users = torch.randint(0, n_users, (100_000,), generator=g)
        items = torch.randint(0, n_items, (100_000,), generator=g)
        ratings = torch.randint(1, 11, (100_000,), generator=g).float() / 2
    sparse = not args.dense
    P, Q = nn.Embedding(n_users, args.factors, sparse=sparse), nn.Embedding(n_items, args.factors, sparse=sparse)
    bu, bi = nn.Embedding(n_users, 1, sparse=sparse), nn.Embedding(n_items, 1, sparse=sparse)
    for e in (P, Q):
        nn.init.normal_(e.weight, 0, 0.01)
    for e in (bu, bi):
        nn.init.zeros_(e.weight)
    params = [P.weight, Q.weight, bu.weight, bi.weight]
    opt = torch.optim.SparseAdam(params, lr=0.01) if sparse else torch.optim.Adam(params, lr=0.01)
    offset = math.log(3.5 / (5.5 - 3.5))
    order, at = torch.randperm(len(ratings), generator=g), [0]

    def step():
        if at[0] + args.batch > len(order):
            order.copy_(torch.randperm(len(ratings), generator=g))
            at[0] = 0
        ix = order[at[0]:at[0] + args.batch]
        at[0] += args.batch
        u, i, r = users[ix], items[ix], ratings[ix]
        pu, qi = P(u), Q(i)
        z = (pu * qi).sum(1) + bu(u)[:, 0] + bi(i)[:, 0] + offset
        loss = F.mse_loss(5.5 * torch.sigmoid(z), r) + 0.1 * ((pu ** 2).sum(1) + (qi ** 2).sum(1)).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss.item()

    torch_peer.run(torch, step, args.seconds, args.runs, sgemm=args.sgemm, batch=args.batch, users=n_users, items=n_items,
                   variant=f"nn.Embedding(sparse={sparse}), {'SparseAdam' if sparse else 'Adam'}")


if __name__ == "__main__":
    main()
