"""Seconds per call of the tensor bench's rows in PyTorch on the CPU, for the bench's PyTorch columns.

Each row is timed as bench/lib/measure.mjs times typegrad's (a short warm-up, then 3 batches of about --seconds,
the median taken) by tooling/bench/torch_peer.py, in PyTorch's best environment on --threads threads.

Usage: /usr/bin/python3 torch_ops.py --threads 1 --rows matmul:128,matmul:512,add:1048576 [--seconds 0.6]
Prints one line of JSON: {"seconds": {"matmul:128": s, ...}, "cpu_seconds": {...}, "torch", "threads", "blas",
"blas_info", "env", ...}, or {"skipped": reason} when torch cannot be imported. Called by bench/impls/pytorch.mjs.
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside tooling/bench/torch_peer.py
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "tooling", "bench"))
import torch_peer  # noqa: E402

RUNS = 3  # timed batches per row, as bench/lib/measure.mjs


def op(torch, kind, size):
    """One call of a row's operation, or None for a kind this script does not know."""
    if kind == "matmul":
        a, b = torch.randn(size, size), torch.randn(size, size)
        return lambda: torch.mm(a, b)
    if kind == "logSoftmax":
        logits = torch.randn(size, 27)
        return lambda: torch.log_softmax(logits, 1)
    x, y = torch.randn(size), torch.randn(size)
    return {"add": lambda: x + y, "tanh": lambda: torch.tanh(x)}.get(kind)


def main():
    ap = torch_peer.arguments(__doc__.split("\n")[0])
    ap.set_defaults(seconds=0.6)
    ap.add_argument("--rows", required=True, help="comma-separated kind:size")
    args = ap.parse_args()
    torch = torch_peer.setup(args.threads)
    if torch is None:
        return
    torch.manual_seed(0)
    seconds, cpu_seconds = {}, {}
    for row in args.rows.split(","):
        kind, size = row.split(":")
        fn = op(torch, kind, int(size))
        if fn is None:
            continue
        r = torch_peer.measure(fn, args.seconds, RUNS, warmup_seconds=min(0.3, args.seconds / 2), warmup_steps=3)
        seconds[row], cpu_seconds[row] = r["seconds"], r["cpu_seconds"]
    result = {"seconds": seconds, "cpu_seconds": cpu_seconds, **torch_peer.describe(torch)}
    if args.sgemm:
        result["sgemm512_gflops"] = torch_peer.sgemm_gflops(torch)
    torch_peer.emit(result)


if __name__ == "__main__":
    main()
