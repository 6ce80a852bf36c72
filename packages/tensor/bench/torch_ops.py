"""Seconds per call of the tensor bench's rows in PyTorch on the CPU, for the bench's PyTorch columns.

Usage: python3 torch_ops.py --threads 1 --rows matmul:128,matmul:512,add:1048576 [--seconds 0.6]
Prints one line of JSON: {"seconds": {"matmul:128": s, ...}, "torch", "threads", "blas"}, or {"skipped": reason}
when torch cannot be imported. Called by bench/impls/pytorch.mjs.
"""

import argparse
import json
import os
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--rows", required=True, help="comma-separated kind:size")
    ap.add_argument("--seconds", type=float, default=0.6, help="wall time of each timed batch of calls")
    args = ap.parse_args()

    # A system BLAS (Debian's torch calls libblas.so.3, which may be OpenBLAS) reads these only as it loads.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        os.environ[var] = str(args.threads)
    try:
        import torch
    except Exception as err:  # noqa: BLE001 - any import failure means "no peer"
        print(json.dumps({"skipped": f"cannot import torch with {sys.executable}: {err}"}))
        return
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    def op(kind, size):
        if kind == "matmul":
            a, b = torch.randn(size, size), torch.randn(size, size)
            return lambda: torch.mm(a, b)
        if kind == "logSoftmax":
            logits = torch.randn(size, 27)
            return lambda: torch.log_softmax(logits, 1)
        x, y = torch.randn(size), torch.randn(size)
        return {"add": lambda: x + y, "tanh": lambda: torch.tanh(x)}.get(kind)

    def per_call(fn):
        """Median seconds per call over 5 batches of about args.seconds, after warming up."""
        for _ in range(3):
            fn()
        reps, t = 1, 0.0
        while t < 0.05:
            t0 = time.perf_counter()
            for _ in range(reps):
                fn()
            t = time.perf_counter() - t0
            reps = reps if t >= 0.05 else reps * 4
        reps = max(1, int(reps * args.seconds / t))
        samples = []
        for _ in range(5):
            t0 = time.perf_counter()
            for _ in range(reps):
                fn()
            samples.append((time.perf_counter() - t0) / reps)
        samples.sort()
        return samples[2]

    seconds = {}
    for row in args.rows.split(","):
        kind, size = row.split(":")
        fn = op(kind, int(size))
        if fn is not None:
            seconds[row] = per_call(fn)
    print(json.dumps({"seconds": seconds, "torch": torch.__version__, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
