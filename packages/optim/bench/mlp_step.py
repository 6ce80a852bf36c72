"""One training step of the makemore MLP with torch.optim.Adam (lr 1e-3) on the CPU, the optim bench's PyTorch peer.

The model is typegrad's (impls/typegrad.mjs): embedding 27x10 of a fixed batch of 3-character contexts, Linear(30,
200), tanh, Linear(200, 27), cross-entropy against fixed targets; a step is forward, zero_grad(set_to_none=True),
backward, Adam, loss.item(). It runs as the fastest of the ordinary ways to write it in PyTorch 1.13: the forward
through nn.Embedding/nn.Linear modules or as the lecture writes it on plain tensors (C[X].view(-1, 30) @ W1 + b1),
and Adam's single-tensor loop (the default in 1.13, ~10 ops per parameter), foreach=True (one multi-tensor op per
update stage) or fused=True (CUDA only in 1.13; tried, and reported as unavailable on the CPU). With --variant best
(the default) each variant is warmed up and timed in short interleaved trials, and the fastest (by its best trial:
on a shared machine other work only ever slows a trial down) is timed as usual (tooling/bench/torch_peer.py); the
result names it and lists each variant's best trial in steps/s.

Usage: /usr/bin/python3 mlp_step.py --batch 32 [--threads 1] [--seconds 0.3] [--runs 5] [--variant best|FORWARD/ADAM]
Prints one line of JSON (see torch_peer.run). Called by bench/impls/pytorch.mjs; also runs on its own.
"""
import os
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ beside tooling/bench/torch_peer.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tooling", "bench"))
import torch_peer  # noqa: E402

VOCAB, BLOCK, EMB, HIDDEN, LR = 27, 3, 10, 200, 1e-3
FORWARDS = ("modules", "tensors")
ADAMS = ("default", "foreach", "fused")
TRIAL_ROUNDS = 3


def make_step(torch, forward, adam, batch):
    """The step for one variant, on its own freshly initialised model (PyTorch's default initialisation)."""
    F = torch.nn.functional
    torch.manual_seed(0)
    emb = torch.nn.Embedding(VOCAB, EMB)
    fc1 = torch.nn.Linear(BLOCK * EMB, HIDDEN)
    fc2 = torch.nn.Linear(HIDDEN, VOCAB)
    X = torch.randint(0, VOCAB, (batch, BLOCK))
    Y = torch.randint(0, VOCAB, (batch,))
    if forward == "modules":
        params = [*emb.parameters(), *fc1.parameters(), *fc2.parameters()]

        def loss_fn():
            h = torch.tanh(fc1(emb(X).view(-1, BLOCK * EMB)))
            return F.cross_entropy(fc2(h), Y)
    else:
        # the same numbers as the lecture's tensors: x @ W1 with W1 = fc1.weight transposed
        C = emb.weight.detach().clone().requires_grad_()
        W1 = fc1.weight.detach().t().contiguous().requires_grad_()
        b1 = fc1.bias.detach().clone().requires_grad_()
        W2 = fc2.weight.detach().t().contiguous().requires_grad_()
        b2 = fc2.bias.detach().clone().requires_grad_()
        params = [C, W1, b1, W2, b2]

        def loss_fn():
            h = torch.tanh(C[X].view(-1, BLOCK * EMB) @ W1 + b1)
            return F.cross_entropy(h @ W2 + b2, Y)

    kwargs = {"default": {}, "foreach": {"foreach": True}, "fused": {"fused": True}}[adam]
    optimizer = torch.optim.Adam(params, lr=LR, **kwargs)

    def step():
        loss = loss_fn()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss.item()  # read back every step, as a training loop that prints its loss does

    step()  # fails here for a variant this build cannot run (fused Adam on the CPU)
    return step


def pick(torch, batch, seconds):
    """Warms every variant up and times them in interleaved short batches; returns (name, step, trials)."""
    steps, trials = {}, {}
    for forward in FORWARDS:
        for adam in ADAMS:
            name = f"{forward}/{adam}"
            try:
                steps[name] = make_step(torch, forward, adam, batch)
            except Exception as err:  # noqa: BLE001 - a variant this build lacks
                trials[name] = f"unavailable: {str(err).splitlines()[0]}"
    trial_seconds = max(0.02, min(0.1, seconds / 2))
    rates = {name: [] for name in steps}
    reps = {}
    for name, step in steps.items():  # warm-up, and the reps that make a batch of about trial_seconds
        t0, n = time.perf_counter(), 0
        while n < torch_peer.WARMUP_STEPS or time.perf_counter() - t0 < 0.3:
            step()
            n += 1
        reps[name] = max(1, int(n * trial_seconds / (time.perf_counter() - t0)))
    for r in range(TRIAL_ROUNDS):
        for name in (list(steps) if r % 2 == 0 else list(reversed(steps))):
            t0 = time.perf_counter()
            for _ in range(reps[name]):
                steps[name]()
            rates[name].append(reps[name] / (time.perf_counter() - t0))
    for name, rs in rates.items():
        trials[name] = max(rs)
    best = max(rates, key=lambda name: trials[name])
    return best, steps[best], trials


def main():
    ap = torch_peer.arguments(__doc__.split("\n")[0])
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--variant", default="best", help="best (default), or FORWARD/ADAM with FORWARD modules|tensors, ADAM default|foreach|fused")
    args = ap.parse_args()
    torch = torch_peer.setup(args.threads)
    if torch is None:
        return
    if args.variant == "best":
        variant, step, trials = pick(torch, args.batch, args.seconds)
    else:
        forward, adam = args.variant.split("/")
        variant, step, trials = args.variant, make_step(torch, forward, adam, args.batch), {}
    torch_peer.run(torch, step, args.seconds, args.runs, sgemm=args.sgemm, batch=args.batch, variant=variant, trials=trials)


if __name__ == "__main__":
    main()
