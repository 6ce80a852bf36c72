"""The PyTorch side of every benchmark row: the environment a PyTorch user would run at its best, a description of
it, and the timing loop the JS side uses (tooling/bench/measure.mjs): warm-up, then batches of steps of about
`seconds` each, the median batch reported, wall time and CPU time alike.

A peer script parses its arguments with `arguments()` (--threads, --seconds, --runs, --sgemm, plus its own), calls
`setup(threads)` for torch, builds its model and step, then calls `run(torch, step, seconds, runs, ...)`, which
prints one line of JSON; a script timing several things calls `measure` and `describe` and prints with `emit`.
tooling/bench/python.mjs runs these scripts; they also run on their own (`/usr/bin/python3 script.py --help`).

What "at its best" means here (Debian's PyTorch 1.13 with OpenBLAS, libopenblas0-pthread):
- glibc's allocator keeps freed memory (GLIBC_TUNABLES below) instead of giving large blocks back to the OS and
  faulting them in again every step (issue 20: the optim bench's Adam step at batch 1024 ran 534-537 steps/s with
  it, 187-191 without);
- OPENBLAS_CORETYPE is removed: where it is set to Haswell it forces AVX2 kernels, and OpenBLAS's own choice for
  this CPU (AVX-512) is ~2x faster (issue 20);
- ATEN_CPU_CAPABILITY=avx512 where the CPU has AVX-512: PyTorch 1.13 keeps its AVX-512 kernels opt-in (they can be
  slower on some Intel parts) and runs AVX2 ones otherwise; on this machine (AMD EPYC) the MLP steps at batch 1024
  ran 10-20% faster with them (interleaved runs), and as fast at batch 32;
- OMP_WAIT_POLICY=PASSIVE: PyTorch's OpenMP workers sleep between parallel regions instead of spinning. With the
  default, spinning, policy PyTorch on 2 threads (beside OpenBLAS's own worker) ran the MLP step 20-60x slower on this
  shared 2-core machine under load (the lecture's loop at batch 32: 42-93 steps/s against 1,864-2,463); it changes
  nothing on one thread;
- the thread count is set for PyTorch (torch.set_num_threads) and for OpenBLAS, whose own pool
  torch.set_num_threads does not limit: OPENBLAS_NUM_THREADS (read as OpenBLAS loads), checked after import with
  openblas_get_num_threads and set with openblas_set_num_threads if it differs.
glibc reads GLIBC_TUNABLES only as a process starts, so `setup` re-executes the script with it when it is unset (the
runner sets it, so that happens only for a script started by hand). TORCH_PEER_PLAIN=1 leaves the environment as
it is (to see what these settings are worth).
"""
import argparse
import ctypes
import json
import os
import statistics
import sys
import time

# Settings that make PyTorch fastest here (see above); OPENBLAS_CORETYPE is removed besides.
BEST_ENV = {"GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=67108864:glibc.malloc.trim_threshold=268435456"}
REMOVED_ENV = ("OPENBLAS_CORETYPE",)
# Settings read as the libraries load (not at process start), so setting them before torch is imported is enough.
LOAD_ENV = {"OMP_WAIT_POLICY": "PASSIVE"}
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")
# The environment variables a result reports.
REPORTED_ENV = ("GLIBC_TUNABLES", "OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                "OMP_WAIT_POLICY", "ATEN_CPU_CAPABILITY")
PLAIN_VAR = "TORCH_PEER_PLAIN"
# Steps and seconds run before timing at the least, as tooling/bench/measure.mjs does (BENCH_WARMUP overrides both).
WARMUP_STEPS = 30
WARMUP_SECONDS = float(os.environ.get("BENCH_WARMUP", "2"))


def arguments(description=None):
    """An argument parser with the options every peer takes; add the script's own and call parse_args()."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--threads", type=int, default=1, help="threads for PyTorch and its BLAS (default 1)")
    ap.add_argument("--seconds", type=float, default=0.3, help="wall time of each timed batch of steps (default 0.3)")
    ap.add_argument("--runs", type=int, default=5, help="timed batches; the median is reported (default 5)")
    ap.add_argument("--sgemm", action="store_true", help="also time a 512x512 sgemm on one thread (a BLAS check)")
    return ap


def plain():
    return os.environ.get(PLAIN_VAR, "") not in ("", "0")


def cpu_has_avx512():
    """Whether this CPU has the AVX-512 subsets PyTorch's AVX-512 kernels need (its own check: F, BW, DQ, VL, FMA)."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    return {"avx512f", "avx512bw", "avx512dq", "avx512vl", "fma"} <= flags
    except OSError:
        pass
    return False


def best_environment():
    """Applies BEST_ENV, REMOVED_ENV, LOAD_ENV and (on an AVX-512 CPU) ATEN_CPU_CAPABILITY to this process before
    torch loads, re-executing it if glibc must see them."""
    if plain():
        return
    for var in REMOVED_ENV:
        os.environ.pop(var, None)
    for var, value in LOAD_ENV.items():
        os.environ.setdefault(var, value)
    if "ATEN_CPU_CAPABILITY" not in os.environ and cpu_has_avx512():
        os.environ["ATEN_CPU_CAPABILITY"] = "avx512"  # read when PyTorch first dispatches, so no re-exec is needed
    missing = {k: v for k, v in BEST_ENV.items() if k not in os.environ}
    if missing and sys.argv and os.path.isfile(sys.argv[0]):
        sys.stdout.flush()
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, **missing})


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


def _openblas():
    """The loaded OpenBLAS as a ctypes library (the first mapped library exporting openblas_get_num_threads), or None."""
    for path in loaded_blas():
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_num_threads  # noqa: B018 - AttributeError when it is not OpenBLAS
            return lib
        except (OSError, AttributeError):
            continue
    return None


def _openblas_string(lib, name):
    try:
        fn = getattr(lib, name)
    except AttributeError:
        return None
    fn.restype = ctypes.c_char_p
    value = fn()
    return value.decode().strip() if value else None


def blas_description(torch=None):
    """{kind, paths, threads, core, config}: which BLAS is loaded and, for OpenBLAS, its own thread count and kernels."""
    paths = loaded_blas()
    kind, threads, core, config = "unknown", None, None, None
    lib = _openblas()
    if lib is not None:
        kind = "OpenBLAS"
        threads = lib.openblas_get_num_threads()
        core = _openblas_string(lib, "openblas_get_corename")
        config = _openblas_string(lib, "openblas_get_config")
    elif any("/blas/" in p or p.endswith("libblas.so.3") for p in paths):
        kind = "reference BLAS"
    elif any("blis" in p for p in paths):
        kind = "BLIS"
    elif any("mkl" in p for p in paths):
        kind = "MKL"
    elif torch is not None and "BLAS_INFO=mkl" in torch.__config__.show():
        kind = "MKL (linked in)"
    return {"kind": kind, "paths": paths, "threads": threads, "core": core, "config": config}


def setup(threads):
    """Imports torch on `threads` threads (PyTorch's pool and the BLAS's), in the best environment; returns torch, or
    None after printing why not."""
    best_environment()
    for var in THREAD_VARS:
        os.environ[var] = str(threads)
    try:
        import torch
    except Exception as err:  # noqa: BLE001 - any import failure means "no peer"
        print(json.dumps({"skipped": f"cannot import torch with {sys.executable}: {err}"}))
        return None
    torch.set_num_threads(threads)
    # a matmul maps the BLAS in; then make sure its own pool has the same count
    torch.mm(torch.ones(8, 8), torch.ones(8, 8))
    lib = _openblas()
    if lib is not None and lib.openblas_get_num_threads() != threads and hasattr(lib, "openblas_set_num_threads"):
        lib.openblas_set_num_threads(threads)
    return torch


def measure(step, seconds, runs, warmup_seconds=None, warmup_steps=WARMUP_STEPS):
    """Times `step` as measure.mjs does: warm-up (at least `warmup_steps` calls and `warmup_seconds`), then `runs`
    batches of about `seconds`. Returns steps/s and steps per CPU-second (the process's CPU time, all its threads) of
    the median batches, and the samples (seconds per step)."""
    warmup_seconds = WARMUP_SECONDS if warmup_seconds is None else warmup_seconds
    last_cpu = [0.0]

    def batch(reps):
        c0 = time.process_time()
        t0 = time.perf_counter()
        for _ in range(reps):
            step()
        t = time.perf_counter() - t0
        last_cpu[0] = time.process_time() - c0
        return t

    start, single, calls = time.perf_counter(), float("inf"), 0
    while calls < warmup_steps or time.perf_counter() - start < warmup_seconds:
        single = min(single, batch(1))
        calls += 1
    reps, t, samples, cpu_samples = 1, single, [], []
    while t < 0.7 * seconds:
        reps = max(1, int(reps * min(100, 0.9 * seconds / max(t, 1e-6)) + 0.999))
        t = batch(reps)
        samples, cpu_samples = [t / reps], [last_cpu[0] / reps]
    while len(samples) < runs:
        samples.append(batch(reps) / reps)
        cpu_samples.append(last_cpu[0] / reps)
    wall, cpu = statistics.median(samples), statistics.median(cpu_samples)
    return {
        "steps_per_s": 1 / wall,
        "steps_per_cpu_s": 1 / cpu if cpu > 0 else None,
        "seconds": wall,
        "cpu_seconds": cpu,
        "samples": samples,
        "cpu_samples": cpu_samples,
        "reps": reps,
    }


def sgemm_gflops(torch, n=512, seconds=0.2):
    """Single-thread sgemm speed, n x n (a check of the BLAS: reference BLAS does a few GFLOP/s, OpenBLAS tens)."""
    before = torch.get_num_threads()
    lib = _openblas()
    blas_before = lib.openblas_get_num_threads() if lib is not None else None
    torch.set_num_threads(1)
    if lib is not None and hasattr(lib, "openblas_set_num_threads"):
        lib.openblas_set_num_threads(1)
    try:
        a, b = torch.randn(n, n), torch.randn(n, n)
        torch.mm(a, b)
        reps, t0 = 0, time.perf_counter()
        while True:
            torch.mm(a, b)
            reps += 1
            t = time.perf_counter() - t0
            if t >= seconds:
                return 2 * n**3 * reps / t / 1e9
    finally:
        torch.set_num_threads(before)
        if blas_before is not None and hasattr(lib, "openblas_set_num_threads"):
            lib.openblas_set_num_threads(blas_before)


def cpu_capability(torch):
    """The vector kernels PyTorch's own ops dispatch to (AVX2, AVX512, ...)."""
    for line in torch.__config__.show().splitlines():
        if "CPU capability usage:" in line:
            return line.split(":", 1)[1].strip()
    return None


def describe(torch):
    """The setup a result ran under: versions, threads, the BLAS, the environment variables that matter."""
    blas = blas_description(torch)
    return {
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "threads": torch.get_num_threads(),
        "blas": blas["paths"],  # a list of paths, as before; blas_info has the rest
        "blas_info": blas,
        "cpu_capability": cpu_capability(torch),
        "env": {k: os.environ.get(k) for k in REPORTED_ENV},
        "best_env": not plain(),
    }


def emit(result):
    """Prints a result as the one line of JSON the runner reads."""
    print(json.dumps(result), flush=True)


def run(torch, step, seconds, runs, sgemm=False, **extra):
    """Times `step` as measure.mjs does and prints the result with the settings it ran under (and, with `sgemm`, a
    single-thread sgemm speed). `extra` is added to the result. Returns the result."""
    result = {**measure(step, seconds, runs), **describe(torch), **extra}
    if sgemm:
        result["sgemm512_gflops"] = sgemm_gflops(torch)
    emit(result)
    return result
