"""The makemore MLP lecture's training step in PyTorch, the makemore bench's PyTorch peer (run by bench/run.mjs).

The lecture's own loop (makemore part 2), on 182,625 random examples of 3-character contexts (the size of the
lecture's training split) and the lecture's tensors:

    ix = torch.randint(0, Xtr.shape[0], (batch,))
    emb = C[Xtr[ix]]
    h = torch.tanh(emb.view(-1, 30) @ W1 + b1)
    logits = h @ W2 + b2
    loss = F.cross_entropy(logits, Ytr[ix])
    for p in parameters: p.grad = None
    loss.backward()
    for p in parameters: p.data += -lr * p.grad
    loss.item()

This plain loop is the fastest ordinary way to run this model in PyTorch 1.13 on the CPU (issue 20, batch 32:
7,060-7,100 steps/s, against 6,350 for the same step through nn.Module layers and torch.optim.SGD and 3,750-3,900
for torch.optim.Adam's per-parameter loop). It runs in the environment tooling/bench/torch_peer.py sets up.

Usage: /usr/bin/python3 torch_mlp.py --batch 32 [--threads 1] [--seconds 0.3] [--runs 5] [--sgemm]
Prints one line of JSON (see tooling/bench/torch_peer.py's run).
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside tooling/bench/torch_peer.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tooling", "bench"))
import torch_peer  # noqa: E402

N, V, BLOCK, EMB, HIDDEN, LR = 182625, 27, 3, 10, 200, 0.1


def main():
    ap = torch_peer.arguments(__doc__.split("\n")[0])
    ap.add_argument("--batch", type=int, default=32)
    args = ap.parse_args()
    torch = torch_peer.setup(args.threads)
    if torch is None:
        return
    F = torch.nn.functional
    g = torch.Generator().manual_seed(2147483647)
    Xtr = torch.randint(0, V, (N, BLOCK), generator=g)
    Ytr = torch.randint(0, V, (N,), generator=g)
    C = torch.randn((V, EMB), generator=g)
    W1 = torch.randn((BLOCK * EMB, HIDDEN), generator=g) * 0.2
    b1 = torch.randn(HIDDEN, generator=g) * 0.01
    W2 = torch.randn((HIDDEN, V), generator=g) * 0.01
    b2 = torch.randn(V, generator=g) * 0
    parameters = [C, W1, b1, W2, b2]
    for p in parameters:
        p.requires_grad = True
    batch = args.batch

    def step():
        ix = torch.randint(0, Xtr.shape[0], (batch,), generator=g)
        emb = C[Xtr[ix]]
        h = torch.tanh(emb.view(-1, BLOCK * EMB) @ W1 + b1)
        logits = h @ W2 + b2
        loss = F.cross_entropy(logits, Ytr[ix])
        for p in parameters:
            p.grad = None
        loss.backward()
        for p in parameters:
            p.data += -LR * p.grad
        return loss.item()  # read back every step, as the lecture's loop does to log it

    torch_peer.run(torch, step, args.seconds, args.runs, sgemm=args.sgemm, batch=batch, variant="lecture loop, SGD")


if __name__ == "__main__":
    main()
