"""makemore's transformer trained in PyTorch, to see what PyTorch reaches on each split with makemore's settings.

Usage: /usr/bin/python3 scripts/torch_transformer.py [--split lecture|makemore] [--steps 20000] [--eval-every 1000]
                                                      [--lr 5e-4] [--weight-decay 0.01] [--dropout 0] [--seed 3407]
  lecture:  the names shuffled with Python's random.seed(42), cut 80/10/10 (what `makemore train` uses); prints
            train (first 2,500 names), dev and test losses
  makemore: makemore.py's own cut: torch.randperm under torch.manual_seed(seed), the last 1,000 names held out as
            its "test" set, the other 31,033 for training; prints train and test (the set makemore.py keeps its best
            model by)
The model is makemore's: 4 pre-LayerNorm blocks of 4 heads, width 64, tanh GELU, block = longest name + 1, PyTorch's
default initialisation; AdamW with betas (0.9, 0.99), eps 1e-8, weight decay on every parameter, a constant learning
rate, batch 32. Losses are the mean over predicted characters (the end included, padding excluded). Single thread.
"""
import argparse
import math
import os
import random
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

ap = argparse.ArgumentParser()
ap.add_argument("--split", choices=["lecture", "makemore"], default="lecture")
ap.add_argument("--steps", type=int, default=20000)
ap.add_argument("--eval-every", type=int, default=1000)
ap.add_argument("--lr", type=float, default=5e-4)
ap.add_argument("--weight-decay", type=float, default=0.01)
ap.add_argument("--dropout", type=float, default=0.0)
ap.add_argument("--seed", type=int, default=3407)
args = ap.parse_args()
torch.set_num_threads(1)
torch.manual_seed(args.seed)

here = os.path.dirname(os.path.abspath(__file__))
words = [w for w in open(os.path.join(here, "..", "..", "..", "packages", "datasets", "data", "names.txt")).read().splitlines() if w]
chars = sorted(set("".join(words)))
stoi = {c: i + 1 for i, c in enumerate(chars)}
block = max(len(w) for w in words) + 1
V = len(chars) + 1

if args.split == "lecture":
    shuffled = list(words)
    random.seed(42)
    random.shuffle(shuffled)
    n1, n2 = int(0.8 * len(shuffled)), int(0.9 * len(shuffled))
    train, sets = shuffled[:n1], {"train": shuffled[:n1][:2500], "dev": shuffled[n1:n2], "test": shuffled[n2:]}
else:
    perm = torch.randperm(len(words)).tolist()
    held = min(1000, int(len(words) * 0.1))
    train = [words[i] for i in perm[:-held]]
    sets = {"train": train[:2500], "test": [words[i] for i in perm[-held:]]}


def encode(names):
    """x: the boundary then the characters; y: the characters then the boundary, -1 where there is nothing to predict."""
    x = torch.zeros(len(names), block, dtype=torch.long)
    y = torch.full((len(names), block), -1, dtype=torch.long)
    for r, w in enumerate(names):
        ix = [stoi[c] for c in w]
        x[r, 1 : 1 + len(ix)] = torch.tensor(ix)
        y[r, : len(ix)] = torch.tensor(ix)
        y[r, len(ix)] = 0
    return x, y


class Block(nn.Module):
    def __init__(self, emb=64, heads=4):
        super().__init__()
        self.heads = heads
        self.ln_1, self.ln_2 = nn.LayerNorm(emb), nn.LayerNorm(emb)
        self.c_attn, self.c_proj = nn.Linear(emb, 3 * emb), nn.Linear(emb, emb)
        self.c_fc, self.mlp_proj = nn.Linear(emb, 4 * emb), nn.Linear(4 * emb, emb)
        self.drop = nn.Dropout(args.dropout)
        self.register_buffer("mask", torch.tril(torch.ones(block, block)).view(1, 1, block, block))

    def attend(self, x):
        B, T, C = x.shape
        q, k, v = (t.view(B, T, self.heads, C // self.heads).transpose(1, 2) for t in self.c_attn(x).split(C, dim=2))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(k.size(-1))
        att = self.drop(F.softmax(att.masked_fill(self.mask[:, :, :T, :T] == 0, float("-inf")), dim=-1))
        return self.drop(self.c_proj((att @ v).transpose(1, 2).contiguous().view(B, T, C)))

    def forward(self, x):
        x = x + self.attend(self.ln_1(x))
        return x + self.drop(self.mlp_proj(F.gelu(self.c_fc(self.ln_2(x)), approximate="tanh")))


class Transformer(nn.Module):
    def __init__(self, emb=64, layers=4):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(V, emb), nn.Embedding(block, emb)
        self.blocks = nn.ModuleList([Block(emb) for _ in range(layers)])
        self.ln_f, self.lm_head = nn.LayerNorm(emb), nn.Linear(emb, V, bias=False)
        self.drop = nn.Dropout(args.dropout)

    def forward(self, x, y):
        h = self.drop(self.wte(x) + self.wpe(torch.arange(x.size(1))))
        for b in self.blocks:
            h = b(h)
        logits = self.lm_head(self.ln_f(h))
        return F.cross_entropy(logits.view(-1, V), y.view(-1), ignore_index=-1)


@torch.no_grad()
def loss_on(model, names):
    model.eval()
    x, y = encode(names)
    total, count = 0.0, 0
    for i in range(0, len(names), 500):
        n = int((y[i : i + 500] >= 0).sum())
        total += model(x[i : i + 500], y[i : i + 500]).item() * n
        count += n
    model.train()
    return total / count


model = Transformer()
optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.99), eps=1e-8, weight_decay=args.weight_decay)
X, Y = encode(train)
print(f"split {args.split}: {len(train)} training names; {sum(p.numel() for p in model.parameters())} parameters; block {block}")
best, start = {}, time.time()
for step in range(1, args.steps + 1):
    ix = torch.randint(0, len(train), (32,))
    loss = model(X[ix], Y[ix])
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
    if step % args.eval_every == 0 or step == args.steps:
        losses = {name: loss_on(model, names) for name, names in sets.items()}
        for name, value in losses.items():
            best[name] = min(best.get(name, math.inf), value)
        print(f"step {step}: " + "  ".join(f"{k} {v:.4f}" for k, v in losses.items()) + f"  ({time.time() - start:.0f} s)", flush=True)
print("best: " + "  ".join(f"{k} {v:.4f}" for k, v in best.items()))
