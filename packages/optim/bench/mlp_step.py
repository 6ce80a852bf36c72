"""One training step of the makemore MLP in PyTorch on the CPU (one thread unless told), timed like tooling/bench/measure.mjs.

Usage: python3 mlp_step.py --batch 32 [--threads 1] [--seconds 0.3] [--runs 5]
Prints one line of JSON: {"steps_per_s", "steps_per_cpu_s", "samples", "reps", "torch", "blas", ...}, or {"skipped": reason}
when torch cannot be imported. Called by bench/run.mjs; also runs on its own.
"""

import os

import argparse
import ctypes
import json
import statistics
import sys
import time

VOCAB, BLOCK, EMB, HIDDEN = 27, 3, 10, 200


def loaded_blas():
    """Paths of the BLAS libraries mapped into this process (resolved through Debian's alternatives)."""
    found = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                parts = line.split()
                if len(parts) < 6:
                    continue
                path = parts[-1]
                name = os.path.basename(path)
                if ("blas" in name or "blis" in name or "mkl_" in name) and path not in found:
                    found.append(path)
    except OSError:
        pass
    return [os.path.realpath(p) for p in found]


def blas_description(torch):
    paths = loaded_blas()
    kind = "unknown"
    threads = None
    if any("openblas" in p for p in paths):
        kind = "OpenBLAS"
        for p in paths:
            try:
                threads = ctypes.CDLL(p).openblas_get_num_threads()
                break
            except (OSError, AttributeError):
                continue
    elif any("/blas/" in p or p.endswith("libblas.so.3") for p in paths):
        kind = "reference BLAS"
    elif any("blis" in p for p in paths):
        kind = "BLIS"
    elif any("mkl" in p for p in paths):
        kind = "MKL"
    elif "BLAS_INFO=mkl" in torch.__config__.show():
        kind = "MKL (linked in)"
    return {"kind": kind, "paths": paths, "threads": threads}


# Steps and seconds run before timing at the least, as tooling/bench/measure.mjs does.
WARMUP_STEPS = 30
WARMUP_SECONDS = float(os.environ.get("BENCH_WARMUP", "2"))


def matmul_gflops(torch, n=512, seconds=0.3):
    """Single-thread sgemm speed: reference BLAS does a few GFLOP/s, OpenBLAS tens."""
    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    reps, t = 0, 0.0
    t0 = time.perf_counter()
    while t < seconds:
        torch.mm(a, b)
        reps += 1
        t = time.perf_counter() - t0
    return 2 * n**3 * reps / t / 1e9


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=0.3, help="wall time of each timed batch of steps")
    ap.add_argument("--runs", type=int, default=5, help="timed batches; the median is reported")
    ap.add_argument("--threads", type=int, default=1, help="threads for PyTorch and its BLAS")
    args = ap.parse_args()

    # The same thread count everywhere. torch.set_num_threads covers PyTorch's own pool; a system BLAS (Debian's
    # torch calls libblas.so.3, which may be OpenBLAS with its own thread pool) only reads these before it loads.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        os.environ[var] = str(args.threads)

    try:
        import torch
        import torch.nn.functional as F
    except Exception as err:  # noqa: BLE001 - any import failure means "no peer"
        print(json.dumps({"skipped": f"cannot import torch with {sys.executable}: {err}"}))
        return

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    emb = torch.nn.Embedding(VOCAB, EMB)
    fc1 = torch.nn.Linear(BLOCK * EMB, HIDDEN)
    fc2 = torch.nn.Linear(HIDDEN, VOCAB)
    params = [*emb.parameters(), *fc1.parameters(), *fc2.parameters()]
    optimizer = torch.optim.Adam(params, lr=1e-3)
    X = torch.randint(0, VOCAB, (args.batch, BLOCK))
    Y = torch.randint(0, VOCAB, (args.batch,))

    def step():
        h = torch.tanh(fc1(emb(X).view(-1, BLOCK * EMB)))
        logits = fc2(h)
        loss = F.cross_entropy(logits, Y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss.item()  # read back every step, as a training loop that prints its loss does

    last_cpu = [0.0]  # CPU seconds of the latest batch

    def batch(reps):
        c0 = time.process_time()
        t0 = time.perf_counter()
        for _ in range(reps):
            step()
        t = time.perf_counter() - t0
        last_cpu[0] = time.process_time() - c0
        return t

    # Warm up, then grow the batch until it takes about args.seconds.
    start = time.perf_counter()
    single = float("inf")
    calls = 0
    while calls < WARMUP_STEPS or time.perf_counter() - start < WARMUP_SECONDS:
        single = min(single, batch(1))
        calls += 1
    reps, t = 1, single
    samples, cpu_samples = [], []
    while t < 0.7 * args.seconds:
        reps = max(1, int(reps * min(100, 0.9 * args.seconds / max(t, 1e-6)) + 0.999))
        t = batch(reps)
        samples, cpu_samples = [t / reps], [last_cpu[0] / reps]
    while len(samples) < args.runs:
        samples.append(batch(reps) / reps)
        cpu_samples.append(last_cpu[0] / reps)

    print(json.dumps({
        "steps_per_s": 1 / statistics.median(samples),
        "steps_per_cpu_s": 1 / statistics.median(cpu_samples),
        "samples": samples,
        "reps": reps,
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "threads": torch.get_num_threads(),
        "blas": blas_description(torch),
        "matmul512_gflops": matmul_gflops(torch),
    }))


if __name__ == "__main__":
    main()
