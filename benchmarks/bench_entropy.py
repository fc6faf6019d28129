"""Timings for the exact entropy numbers and the categorical laboratory (run on demand).

    python -m benchmarks.bench_entropy [--quick]      (from the repository root)

(1) E[H(Q̂)] and Δ(n, q) at K = 1000, n = 10⁴, 30 certified digits, for a non-uniform q
    (q(x) ∝ x, all 1000 values distinct, so grouping does not help) and the uniform q.
(2) Simulator throughput at K = 1000, N = 1000, 1000 replicates, against a plain reference
    loop that resamples one replicate at a time with ``np.random.choice`` and ``np.bincount``
    and computes the same four statistics. The reference runs only a few replicate-generations;
    its time per replicate-generation is extrapolated (the per-replicate work is identical
    from one replicate-generation to the next, so the extrapolation is linear). Both are
    measured in the same process, one after the other. A second pair at K = 10, N = 100 (the
    CLI's default size) shows where vectorising over replicates pays most: at K = N = 1000 both
    versions spend their time in compiled sampling code (K binomial draws per replicate for the
    multinomial, a cumulative sum and N binary searches for ``choice``), so removing the Python
    loop over replicates gains little; at small K and N the loop overhead is most of the cost.
"""

from __future__ import annotations

import argparse
import math
import time
from fractions import Fraction

import mpmath
import numpy as np

from numerics.entropy import entropy_loss, expected_plugin_entropy, shannon_entropy
from numerics.loops.categorical import run


def _timed(fn, repeat: int = 1):  # type: ignore[no-untyped-def]
    best, value = math.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t0)
    return best, value


def bench_plugin_entropy(k: int, n: int, dps: int) -> list[tuple[str, float, str]]:
    rows = []
    linear = [Fraction(2 * x, k * (k + 1)) for x in range(1, k + 1)]
    uniform = [Fraction(1, k)] * k
    for label, q in (("q(x) ∝ x", linear), ("uniform", uniform)):
        t_e, e = _timed(lambda q=q: expected_plugin_entropy(q, n, dps=dps))
        t_d, d = _timed(lambda q=q: entropy_loss(q, n, dps=dps))
        with mpmath.workdps(dps + 20):
            check = shannon_entropy(q, dps=dps + 20) - e - d
        rows.append((f"E[H(Q̂)]  {label}", t_e, mpmath.nstr(e, dps)))
        rows.append((f"Δ(n, q)   {label}", t_d, mpmath.nstr(d, dps)))
        rows.append((f"  |H − E[H] − Δ| {label}", 0.0, mpmath.nstr(abs(check), 3)))
    return rows


def _reference_loop(k: int, n: int, generations: int, replicates: int, seed: int) -> None:
    """One replicate at a time, np.random.choice resampling, the same four statistics."""
    rng = np.random.default_rng(seed)
    p = np.full(k, 1.0 / k)
    for _ in range(replicates):
        q = np.bincount(rng.choice(k, size=n, p=p), minlength=k) / n
        for _ in range(generations):
            q = np.bincount(rng.choice(k, size=n, p=q), minlength=k) / n
            nz = q[q > 0]
            _ = -(nz * np.log(nz)).sum(), 1 - (q * q).sum(), nz.size, 0.5 * np.abs(q - p).sum()


def bench_simulator(k: int, n: int, replicates: int, generations: int,
                    ref_replicates: int, ref_generations: int) -> list[tuple[str, float, str]]:
    t_vec, _ = _timed(lambda: run(k, n, generations, replicates, seed=1))
    per_vec = t_vec / (replicates * generations)
    t_ref, _ = _timed(lambda: _reference_loop(k, n, ref_generations, ref_replicates, seed=1))
    per_ref = t_ref / (ref_replicates * (ref_generations + 1))  # + the Q_0 draw
    rows = [
        (f"vectorised run: K={k}, N={n}, R={replicates}, G={generations}", t_vec,
         f"{k / per_vec:,.0f} category·replicate·generations/s "
         f"({1 / per_vec:,.0f} replicate·generations/s)"),
        (f"reference loop: R={ref_replicates}, G={ref_generations} (np.random.choice)", t_ref,
         f"{k / per_ref:,.0f} category·replicate·generations/s "
         f"({1 / per_ref:,.0f} replicate·generations/s)"),
        ("speed-up (reference time / vectorised time per replicate-generation)", 0.0,
         f"{per_ref / per_vec:,.1f}x"),
    ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller simulator run")
    args = parser.parse_args()
    rows = bench_plugin_entropy(1000, 10**4, 30)
    if args.quick:
        rows += bench_simulator(1000, 1000, 200, 10, 5, 5)
    else:
        rows += bench_simulator(1000, 1000, 1000, 20, 20, 20)
    # the CLI's default size, where per-replicate Python overhead dominates the reference loop
    rows += bench_simulator(10, 100, 1000, 100, 20, 20)
    width = max(len(r[0]) for r in rows)
    print(f"{'benchmark':<{width}}  {'seconds':>8}  result")
    print("-" * (width + 60))
    for label, seconds, result in rows:
        sec = f"{seconds:8.3f}" if seconds else " " * 8
        print(f"{label:<{width}}  {sec}  {result}")


if __name__ == "__main__":
    main()
