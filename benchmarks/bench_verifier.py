"""Timings and long measurements for Remark 6 (verifiers) and Theorem 8 (ensembles).

    python -m benchmarks.bench_verifier [--quick]      (from the repository root)

Prints: laboratory run times at the default CLI sizes (four verifier modes, the ensemble);
how far the finite-N mean of the fixed-verifier loop sits from the infinite-sample curve
(Jensen gap, with z-scores); max |z| of the exact finite-N curves over several seeds (learned
verifier, ensemble); the exact proxy collapse time and its cost for close acceptance values;
the cost of the exact ensemble enumeration and of the K = 2 absorbing chain.
"""

from __future__ import annotations

import argparse
import time
from fractions import Fraction

import numpy as np

from numerics import ensembles as E
from numerics import verifiers as V
from numerics.loops import ensemble as ensemble_lab
from numerics.loops import verifier as verifier_lab


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def zmax(band, curve, start: int = 1) -> float:  # type: ignore[no-untyped-def]
    half = (band.ci_high - band.ci_low) / 2
    se = np.where(half > 0, half / 1.959963984540054, np.inf)
    return float(np.abs((band.mean - curve) / se)[start:].max())


def lab_timings() -> None:
    print("== verifier laboratory, defaults (20 answers, 5 correct, n = 200, 100 gens, "
          "500 replicates) ==")
    for mode in verifier_lab.MODES:
        res, dt = timed(verifier_lab.run, mode=mode)
        acc = res.bands["accuracy"]
        print(f"  {mode:8s} {dt:6.2f} s  accuracy t=100: {acc.mean[-1]:.4f}  "
              f"theory {res.theory['accuracy'][-1]:.4f} ({res.theory_labels['accuracy']}); "
              f"correct answers kept {res.bands['correct_support'].mean[-1]:.2f}/5; "
              f"Gini {res.bands['gini'].mean[-1]:.4f}")
    print("== ensemble laboratory, defaults (m = 4, K = 10, n = 100, 200 gens, 500 reps) ==")
    for alpha in ("0", "0.1", "1/(t+1)"):
        res, dt = timed(ensemble_lab.run, alpha=alpha)
        z = zmax(res.bands["gini"], res.theory["gini"])
        print(f"  alpha = {alpha:8s} {dt:6.2f} s  Gini t=200: {res.bands['gini'].mean[-1]:.4f} "
              f"exact {res.theory['gini'][-1]:.4f}; max|z| {z:.2f}; "
              f"support {res.bands['support'].mean[-1]:.2f}")


def jensen_gap(quick: bool) -> None:
    reps = 2000 if quick else 20000
    print(f"== fixed verifier: finite-N mean vs infinite-sample curve ({reps} replicates) ==")
    for n in (20, 200):
        res = verifier_lab.run(n=n, generations=10, replicates=reps, seed=1)
        b, th = res.bands["accuracy"], res.theory["accuracy"]
        se = (b.ci_high - b.ci_low) / 3.919927969080108
        gaps = ", ".join(f"t={t}: {b.mean[t] - th[t]:+.5f} (z {(b.mean[t] - th[t]) / se[t]:+.1f})"
                         for t in (1, 2, 3, 5))
        print(f"  n = {n}: {gaps}")


def seeds_check(quick: bool) -> None:
    seeds = range(3 if quick else 10)
    print("== max |z| of exact finite-N curves over seeds (t >= 1) ==")
    zs = []
    for s in seeds:
        res = verifier_lab.run(answers=10, correct=3, n=20, generations=30, replicates=2000,
                               seed=s, mode="learned")
        zs.append((zmax(res.bands["accuracy"], res.theory["accuracy"]),
                   zmax(res.bands["gini"], res.theory["gini"])))
    print("  learned verifier (accuracy, Gini):", [(round(a, 2), round(g, 2)) for a, g in zs])
    ez = []
    for s in seeds:
        res = ensemble_lab.run(models=3, weights="1/6,1/3,1/2", k=5, n=10, generations=40,
                               replicates=2000, seed=s)
        ez.append(round(zmax(res.bands["gini"], res.theory["gini"]), 2))
    print("  ensemble Gini:", ez)


def exact_costs() -> None:
    print("== exact computations ==")
    t, dt = timed(V.proxy_collapse_time, ["1/4"] * 4, ["0.9", "0.9", "0.5", "1"], {0, 1},
                  "1/4")
    print(f"  proxy collapse time (π0 uniform, r = 0.9, 0.9, 0.5, 1; θ = 1/4): {t} "
          f"[{dt * 1e3:.2f} ms]")
    t, dt = timed(V.proxy_collapse_time, ["1/2", "1/2"], ["999/1000", "1"], {0}, "1/3")
    print(f"  proxy collapse time, r = 0.999 vs 1, θ = 1/3: {t} [{dt * 1e3:.1f} ms]")
    t, dt = timed(V.proxy_collapse_time, ["1/2", "1/2"], ["1", "999/1000"], {0}, "1/3")
    print(f"  proving 'never' for r = 1 vs 0.999: {t} [{dt * 1e3:.1f} ms]")
    for r, w, n in [((Fraction(1, 5),) * 5, (Fraction(1, 4),) * 4, 2),
                    ((Fraction(1, 3),) * 3, (Fraction(1, 3),) * 3, 4)]:
        g, dt = timed(E.expected_ensemble_gini, r, w, n)
        print(f"  enumeration K={len(r)} m={len(w)} N={n}: E[G] = {g} [{dt:.2f} s]")
    for w, n in [(("1/2", "1/2"), 10), (("1/3", "2/3"), 8), (("1/4",) * 4, 4)]:
        ch, dt = timed(E.ensemble_chain, w, n, "1/2")
        times, dt2 = timed(ch.expected_absorption_time)
        print(f"  chain weights {w} N={n}: {len(ch.states)} states [{dt:.2f} s build, "
              f"{dt2:.2f} s solve]; E[absorption time from 1/2] = "
              f"{float(times[Fraction(1, 2)]):.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    lab_timings()
    jensen_gap(args.quick)
    seeds_check(args.quick)
    exact_costs()


if __name__ == "__main__":
    main()
