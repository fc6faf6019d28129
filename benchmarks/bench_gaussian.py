"""Timings and long measurements for Theorem 4 and the Gaussian laboratory (run on demand).

    python -m benchmarks.bench_gaussian [--quick]      (from the repository root)

Prints: laboratory run times for the default CLI size; how often the exact curves sit inside
the bands over several seeds (max |z| over generations); arb certification cost of
ψ(x) < ln x − 1/(2x) against the range; exact v_t/(t s²) for α_t = 1/(t+1) next to a
simulation of eq. 13; the accumulation variance against its bound; the cost of the exact
moment recursion with fractions and with mpmath.
"""

from __future__ import annotations

import argparse
import math
import time
from fractions import Fraction

import numpy as np

from numerics.loops.gaussian import QUANTITIES, run
from numerics.variance import (
    accumulation_mean_variance,
    certify_digamma_bound,
    drift_variance,
    harmonic_drift_ratio,
    mixed_refit_moments,
    mixed_refit_moments_mp,
)


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def lab_timings(quick: bool) -> None:
    print("== laboratory: N = 20, 200 generations, 2000 replicates ==")
    for est in ("mle", "unbiased"):
        for mode in ("replace", "accumulate"):
            for alpha in ("0", "0.1", "1/(t+1)"):
                _, dt = timed(run, 20, 200, 2000, estimator=est, alpha=alpha, mode=mode, seed=0)
                print(f"  {est:9s} {mode:10s} alpha={alpha:8s} {dt:6.2f} s")
                if quick:
                    break


def lab_coverage(quick: bool) -> None:
    seeds = range(5 if quick else 20)
    print(f"== coverage: N = 10, 30 generations, 3000 replicates, {len(seeds)} seeds ==")
    for est, alpha, mode in [("mle", "0", "replace"), ("unbiased", "0", "replace"),
                             ("unbiased", "0.2", "replace"), ("mle", "0", "accumulate"),
                             ("unbiased", "1/(t+1)", "accumulate")]:
        worst: dict[str, float] = {}
        for seed in seeds:
            r = run(10, 30, 3000, estimator=est, alpha=alpha, mode=mode, seed=seed)
            for name in QUANTITIES:
                z = r.max_abs_z(name)
                if z is not None:
                    worst[name] = max(worst.get(name, 0.0), z)
        text = ", ".join(f"{k} {v:.2f}" for k, v in worst.items())
        print(f"  {est:9s} {mode:10s} alpha={alpha:8s} worst max|z|: {text}")


def arb_costs(quick: bool) -> None:
    print("== arb: certify psi(x) < ln x - 1/(2x) on [1/2, hi] ==")
    for hi in (16, 64) if quick else (16, 64, 128):
        cert, dt = timed(certify_digamma_bound, "1/2", hi)
        print(f"  hi = {hi:4d}: {cert.status}, {cert.intervals} subintervals, "
              f"{cert.evaluations} arb evaluations, {dt:.2f} s")


def harmonic_drift(quick: bool) -> None:
    print("== eq. 13 with alpha_t = 1/(t+1): v_t / (t s^2) ==")
    s2 = Fraction(1, 20)
    for t in (10, 100, 1000, 10**6):
        print(f"  t = {t:>7d}: exact ratio {float(harmonic_drift_ratio(t)):.9f}")
    t_max = 200 if quick else 1000
    seq = drift_variance([Fraction(1, s + 1) for s in range(t_max)], s2, 0)
    assert seq[t_max] / (t_max * s2) == harmonic_drift_ratio(t_max)
    rng = np.random.default_rng(0)
    reps = 20_000
    e = np.zeros(reps)
    for s in range(t_max):
        a = 1.0 / (s + 1)
        e = (1 - a) * e + math.sqrt(float(s2)) * rng.standard_normal(reps)
    sim = float((e**2).mean()) / (t_max * float(s2))
    se = sim * math.sqrt(2 / reps)
    print(f"  simulation, t = {t_max}, {reps} replicates: {sim:.4f} ± {1.96 * se:.4f} "
          f"(exact {float(harmonic_drift_ratio(t_max)):.4f})")


def accumulation() -> None:
    print("== accumulation, N = 20, sigma^2 = 1: Var(m_t - mu_P) vs (sigma^2/N) pi^2/6 ==")
    bound = math.pi**2 / 120
    for t in (0, 1, 10, 100, 1000):
        v = accumulation_mean_variance(20, 1, t)
        print(f"  t = {t:5d}: {float(v):.10f}  gap {bound - float(v):.3e}")


def moment_costs(quick: bool) -> None:
    print("== exact moment recursion: fractions vs mpmath (30 digits), N = 20 ==")
    for g in (200, 1000) if quick else (200, 1000, 2000):
        for mode in ("replace", "accumulate"):
            ks = [2] * g
            _, dt_mp = timed(mixed_refit_moments_mp, 20, "unbiased", ks, mode)
            if g <= 1000:
                _, dt_ex = timed(mixed_refit_moments, 20, "unbiased", ks, mode)
                exact = f"{dt_ex:7.2f} s"
            else:
                exact = "skipped"
            print(f"  G = {g:5d} {mode:10s} fractions {exact}, mpmath {dt_mp:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer seeds and sizes")
    quick = parser.parse_args().quick
    lab_timings(quick)
    lab_coverage(quick)
    arb_costs(quick)
    harmonic_drift(quick)
    accumulation()
    moment_costs(quick)


if __name__ == "__main__":
    main()
