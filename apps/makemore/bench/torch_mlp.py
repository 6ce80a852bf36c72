"""PyTorch's speed on the makemore MLP training step, for `pnpm bench` (run by bench/run.mjs).

Usage: /usr/bin/python3 bench/torch_mlp.py SECONDS BATCH [BATCH ...]
Prints one JSON object: steps/s per batch size, the torch version and the BLAS library loaded.
The step is the lecture's: gather a random minibatch, forward, cross-entropy, backward, SGD update, read the loss.
"""
import json
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
seconds = float(sys.argv[1])
batches = [int(b) for b in sys.argv[2:]]
N, V, BLOCK, EMB, HIDDEN = 182625, 27, 3, 10, 200
g = torch.Generator().manual_seed(2147483647)
X = torch.randint(0, V, (N, BLOCK), generator=g)
Y = torch.randint(0, V, (N,), generator=g)


def steps_per_second(batch):
    C = torch.randn((V, EMB), generator=g)
    W1 = torch.randn((BLOCK * EMB, HIDDEN), generator=g) * 0.2
    b1 = torch.randn(HIDDEN, generator=g) * 0.01
    W2 = torch.randn((HIDDEN, V), generator=g) * 0.01
    b2 = torch.zeros(V)
    params = [C, W1, b1, W2, b2]
    for p in params:
        p.requires_grad = True

    def step():
        ix = torch.randint(0, N, (batch,), generator=g)
        h = torch.tanh(C[X[ix]].view(-1, BLOCK * EMB) @ W1 + b1)
        loss = F.cross_entropy(h @ W2 + b2, Y[ix])
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in params:
                p -= 0.1 * p.grad
        return loss.item()

    start = time.perf_counter()
    while time.perf_counter() - start < min(1.0, seconds / 3):  # warm-up
        step()
    count = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        step()
        count += 1
    return count / (time.perf_counter() - start)


def blas_library():
    """The BLAS shared object this process loaded (Debian's torch uses the system libblas.so.3 alternative)."""
    torch.randn(64, 64) @ torch.randn(64, 64)
    with open('/proc/self/maps') as f:
        paths = {line.split()[-1] for line in f if 'blas' in line.lower() and '/' in line}
    return sorted(paths)


result = {'torch': torch.__version__, 'threads': torch.get_num_threads(), 'blas': blas_library(), 'steps_per_s': {str(b): steps_per_second(b) for b in batches}}
print(json.dumps(result))
