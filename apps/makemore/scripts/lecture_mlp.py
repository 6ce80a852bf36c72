"""The lecture's MLP trained in PyTorch, to compare with `makemore train` (same seed, split, weights, minibatches).

Usage: /usr/bin/python3 scripts/lecture_mlp.py [STEPS] [INIT] [LOSSES.json]
  STEPS:  default 30000 (the learning rate drops from 0.1 to 0.01 half-way, as `makemore train` does)
  INIT:   kaiming (default, `--init kaiming`) or randn (the MLP lecture's, `--init randn`)
  LOSSES: also write every step's minibatch loss there, as a JSON list (scripts/compare_losses.mjs reads it)
Prints the final loss on the train and dev splits. Debian's python3-torch; single thread.
"""
import json
import os
import random
import sys

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
steps = int(sys.argv[1]) if len(sys.argv) > 1 else 30000
init = sys.argv[2] if len(sys.argv) > 2 else 'kaiming'
losses_file = sys.argv[3] if len(sys.argv) > 3 else None
losses = []
here = os.path.dirname(os.path.abspath(__file__))
words = open(os.path.join(here, '..', '..', '..', 'packages', 'datasets', 'data', 'names.txt')).read().splitlines()
chars = sorted(set(''.join(words)))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi['.'] = 0


def build_dataset(words, block_size=3):
    X, Y = [], []
    for w in words:
        context = [0] * block_size
        for ch in w + '.':
            ix = stoi[ch]
            X.append(context)
            Y.append(ix)
            context = context[1:] + [ix]
    return torch.tensor(X), torch.tensor(Y)


random.seed(42)
random.shuffle(words)
n1, n2 = int(0.8 * len(words)), int(0.9 * len(words))
Xtr, Ytr = build_dataset(words[:n1])
Xdev, Ydev = build_dataset(words[n1:n2])

g = torch.Generator().manual_seed(2147483647)
C = torch.randn((27, 10), generator=g)
W1 = torch.randn((30, 200), generator=g)
b1 = torch.randn(200, generator=g)
W2 = torch.randn((200, 27), generator=g)
b2 = torch.randn(27, generator=g)
if init == 'kaiming':
    W1 = W1 * (5 / 3) / 30**0.5
    b1 = b1 * 0.01
    W2 = W2 * 0.01
    b2 = b2 * 0
parameters = [C, W1, b1, W2, b2]
for p in parameters:
    p.requires_grad = True

for i in range(steps):
    ix = torch.randint(0, Xtr.shape[0], (32,), generator=g)
    h = torch.tanh(C[Xtr[ix]].view(-1, 30) @ W1 + b1)
    loss = F.cross_entropy(h @ W2 + b2, Ytr[ix])
    losses.append(loss.item())
    for p in parameters:
        p.grad = None
    loss.backward()
    lr = 0.1 if i < steps // 2 else 0.01
    for p in parameters:
        p.data += -lr * p.grad

if losses_file:
    with open(losses_file, 'w') as f:
        json.dump(losses, f)

with torch.no_grad():
    def split_loss(X, Y):
        return F.cross_entropy(torch.tanh(C[X].view(-1, 30) @ W1 + b1) @ W2 + b2, Y).item()
    print(f'train {split_loss(Xtr, Ytr):.4f}  dev {split_loss(Xdev, Ydev):.4f}')
