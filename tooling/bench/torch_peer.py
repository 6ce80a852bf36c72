"""The PyTorch side of a benchmark row: the environment a PyTorch user would run at its best, a description of it,
and the timing loop the JS side uses (tooling/bench/measure.mjs): warm-up, then batches of steps of about
`seconds` each, the median batch reported. A peer script builds its model and step, then calls `run(step, ...)`,
which prints one line of JSON.
"""
import json
import os
import statistics
import sys
import time

# Settings that make PyTorch fastest here, applied before torch loads (the runner also sets them in the child's
# environment): glibc keeps freed memory instead of returning it to the OS and faulting it in again every step,
# and OpenBLAS picks its kernels for this CPU rather than the AVX2 ones OPENBLAS_CORETYPE=Haswell would force.
BEST_ENV = {"GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=67108864:glibc.malloc.trim_threshold=268435456"}
WARMUP_STEPS = 30
WARMUP_SECONDS = float(os.environ.get("BENCH_WARMUP", "2"))


def loaded_blas():
    """Paths of the BLAS libraries mapped into this process (resolved through Debian's alternatives)."""
    found = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                name = os.path.basename(path)
                if ("blas" in name or "blis" in name or "mkl_" in name) and path not in found:
                    found.append(path)
    except OSError:
        pass
    return [os.path.realpath(p) for p in found]


def setup(threads):
    """Imports torch on `threads` threads (PyTorch's pool and the BLAS's); returns torch, or None after printing why."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
        os.environ[var] = str(threads)
    try:
        import torch
    except Exception as err:  # noqa: BLE001 - any import failure means "no peer"
        print(json.dumps({"skipped": f"cannot import torch with {sys.executable}: {err}"}))
        return None
    torch.set_num_threads(threads)
    return torch


def run(torch, step, seconds, runs, **extra):
    """Times `step` as measure.mjs does and prints the result with the settings it ran under."""
    def batch(reps):
        t0 = time.perf_counter()
        for _ in range(reps):
            step()
        return time.perf_counter() - t0

    start, single, calls = time.perf_counter(), float("inf"), 0
    while calls < WARMUP_STEPS or time.perf_counter() - start < WARMUP_SECONDS:
        single = min(single, batch(1))
        calls += 1
    reps, t, samples = 1, single, []
    while t < 0.7 * seconds:
        reps = max(1, int(reps * min(100, 0.9 * seconds / max(t, 1e-6)) + 0.999))
        t = batch(reps)
        samples = [t / reps]
    while len(samples) < runs:
        samples.append(batch(reps) / reps)
    print(json.dumps({
        "steps_per_s": 1 / statistics.median(samples),
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": loaded_blas(),
        "env": {k: os.environ.get(k) for k in ("GLIBC_TUNABLES", "OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")},
        **extra,
    }))
