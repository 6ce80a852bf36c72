"""Fits the rational approximation behind the WebAssembly tanh kernel (assembly/math.ts) and reports its float32 error.

tanh(x) ≈ x·P(x²)/Q(x²) with P of degree 6 and Q of degree 3 in x² (P(0) = Q(0) = 1, so tiny x come back
unchanged), fitted for relative error on [0, 9] by linearised least squares (Q from the previous round divides
the residual) with Lawson's reweighting towards the minimax solution. The coefficients are then rounded to
float32 and the function evaluated as the kernel evaluates it (Horner, float32 multiply and add, no fused
multiply-add, one division), against float64 tanh rounded to float32, over 4 million points.

Usage: /usr/bin/python3 packages/tensor/scripts/fit_tanh.py   (numpy only; prints the coefficients and the error)
"""
import numpy as np

F = np.float32
HI = 9.0  # beyond this float32 tanh is within one ulp of ±1; the kernel clamps its argument (see SATURATION below)


def fit(num_degree=6, den_degree=3, rounds=60):
    xs = np.concatenate([np.linspace(1e-4, HI, 200_000), np.logspace(-6, -4, 2_000)])
    s = xs * xs
    target = np.tanh(xs) / xs  # even in x: a function of s
    u = s / (HI * HI)  # scaled for conditioning
    weights = np.ones_like(u)
    q_prev = np.ones_like(u)
    for _ in range(rounds):
        cols = [u**i for i in range(num_degree + 1)] + [-target * u**i for i in range(1, den_degree + 1)]
        scale = weights / (target * q_prev)
        m = np.stack(cols, 1) * scale[:, None]
        c, *_ = np.linalg.lstsq(m, target * scale, rcond=None)
        p, q = c[: num_degree + 1], np.concatenate([[1.0], c[num_degree + 1 :]])
        pv, qv = np.polyval(p[::-1], u), np.polyval(q[::-1], u)
        err = np.abs(pv / qv - target) / target
        q_prev = qv
        weights = weights * np.sqrt(err / err.max()) + 1e-12
        weights /= weights.mean()
    p = [F(p[i] / (HI * HI) ** i) for i in range(num_degree + 1)]
    q = [F(q[i] / (HI * HI) ** i) for i in range(den_degree + 1)]
    return p, q, err.max()


def evaluate(p, q, x):
    """The kernel's arithmetic on float32 arrays: Horner in x², times x, one division."""
    x = x.astype(F)
    x2 = (x * x).astype(F)
    num = p[-1]
    for c in p[-2::-1]:
        num = (num * x2).astype(F) + c
    num = (num * x).astype(F)
    den = q[-1]
    for c in q[-2::-1]:
        den = (den * x2).astype(F) + c
    return np.clip((num / den).astype(F), F(-1), F(1))


def ordinal(v):
    i = v.astype(F).view(np.int32).astype(np.int64)
    return np.where(i < 0, -(i & 0x7FFFFFFF), i)


def main():
    p, q, rel = fit()
    x = np.concatenate([np.linspace(0, HI, 4_000_001), np.logspace(-10, 0, 200_001)]).astype(F)
    ulps = np.abs(ordinal(evaluate(p, q, x)) - ordinal(np.tanh(x.astype(np.float64)).astype(F)))
    # the smallest argument (on a 2^-10 grid) whose value rounds to 1: the kernel clamps there, so every larger |x|
    # (and ±inf) gives exactly ±1
    grid = np.arange(8.0, HI + 1, 2.0**-10).astype(F)
    saturation = grid[np.argmax(evaluate(p, q, grid) >= 1)]
    print(f"relative error in exact arithmetic: {rel:.3g}")
    print(f"float32 evaluation: at most {ulps.max()} ulps (at {x[ulps.argmax()]}), mean {ulps.mean():.3f}")
    print(f"SATURATION = {float(saturation)!r}")
    print("P (x^0 … x^12):", ", ".join(repr(float(c)) for c in p))
    print("Q (x^0 … x^6):", ", ".join(repr(float(c)) for c in q))


if __name__ == "__main__":
    main()
