"""Laboratory throughput against plain per-replicate loops, measured in the same run.

Each figure times the project's laboratory (``run`` of :mod:`numerics.loops`, compiled
kernels when numba is installed) and a *plain loop*: one replicate at a time, resampled with
NumPy's ``Generator.choice`` / ``normal`` and the same statistics per generation, as one would
write the loop without vectorising it. The plain loop runs only ``plain_replicates``
replicates; its time is scaled linearly to the laboratory's replicate count (each replicate
does the same work, so the scaling is exact up to noise). The categorical laboratory is timed
without its exact theory curves (``theory=False``), which the plain loop does not compute. A
third column times the NumPy fallback backend (the vectorised NumPy implementation,
``COLLAPSE_CHECK_KERNELS=numpy``).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from numerics.loops import categorical, ensemble, gaussian, kernels, verifier


@dataclass(frozen=True)
class Figure:
    """One benchmark figure: the project's time, the plain loop's (scaled) and the fallback's."""

    name: str
    size: str
    project: float
    plain: float
    fallback: float | None
    work: float  # category·replicate·generations (categorical) or draws, for a throughput
    unit: str
    project_cpu: float = math.nan  # CPU seconds (all threads) of the timed project run
    plain_cpu: float = math.nan  # CPU seconds of the plain loop, scaled like its wall time

    @property
    def cpu_ratio(self) -> float:
        """Plain CPU time over project CPU time: the work saved, whatever the machine's load."""
        return self.plain_cpu / self.project_cpu

    @property
    def ratio(self) -> float:
        return self.plain / self.project

    @property
    def throughput(self) -> float:
        return self.work / self.project

    @property
    def cpu_throughput(self) -> float:
        """Work per CPU second of the project's run (all threads)."""
        return self.work / self.project_cpu


_LAST_CPU: list[float] = [math.nan]


def _best(fn: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` runs (its CPU time is left in ``_LAST_CPU``)."""
    best = math.inf
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        if wall < best:
            best, _LAST_CPU[0] = wall, cpu
    return best


def _timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    wall = _best(fn, repeat)
    return wall, _LAST_CPU[0]


def _fallback(fn: Callable[[], object], repeat: int) -> float | None:
    if kernels.backend() != "numba":
        return None
    kernels._NUMBA = False
    try:
        return _best(fn, repeat)
    finally:
        kernels._NUMBA = True


# --------------------------------------------------------------------------------- plain loops


def plain_categorical(k: int, n: int, generations: int, replicates: int, seed: int) -> None:
    """One replicate at a time: ``choice`` resampling, bincount, the four statistics."""
    rng = np.random.default_rng(seed)
    p = np.full(k, 1.0 / k)
    cells = np.arange(k)
    for _ in range(replicates):
        q = np.bincount(rng.choice(cells, size=n, p=p), minlength=k) / n
        for _ in range(generations):
            q = np.bincount(rng.choice(cells, size=n, p=q), minlength=k) / n
            nz = q[q > 0]
            _ = -(nz * np.log(nz)).sum(), 1 - (q * q).sum(), nz.size, 0.5 * np.abs(q - p).sum()


def plain_gaussian(n: int, generations: int, replicates: int, seed: int) -> None:
    """One replicate at a time: draw N normals from the current fit, refit mean and variance."""
    rng = np.random.default_rng(seed)
    for _ in range(replicates):
        mu, s2 = 0.0, 1.0
        for _ in range(generations):
            x = rng.normal(mu, math.sqrt(s2), size=n)
            mu, s2 = float(x.mean()), float(x.var())
            _ = math.log(s2) if s2 > 0 else -math.inf


def plain_verifier(answers: int, correct: int, n: int, generations: int, replicates: int,
                   seed: int) -> None:
    """One replicate at a time: draw, filter by the verifier, refit, the five statistics."""
    rng = np.random.default_rng(seed)
    v = np.where(np.arange(answers) < correct, 0.9, 0.2)
    cells = np.arange(answers)
    for _ in range(replicates):
        pol = np.full(answers, 1.0 / answers)
        for _ in range(generations):
            draws = rng.choice(cells, size=n, p=pol)
            kept = draws[rng.random(n) < v[draws]]
            if kept.size:
                pol = np.bincount(kept, minlength=answers) / kept.size
            acc = pol[:correct].sum()
            nz = pol[pol > 0]
            _ = acc, 1 - (1 - acc) ** 5, -(nz * np.log(nz)).sum(), 1 - (pol * pol).sum()


def plain_ensemble(models: int, k: int, n: int, generations: int, replicates: int,
                   seed: int) -> None:
    """One replicate and one model at a time: each model resamples, the ensemble averages."""
    rng = np.random.default_rng(seed)
    cells = np.arange(k)
    for _ in range(replicates):
        r = np.full(k, 1.0 / k)
        for _ in range(generations):
            r = sum(np.bincount(rng.choice(cells, size=n, p=r), minlength=k) / n
                    for _ in range(models)) / models
            _ = 1 - (r * r).sum(), (r > 0).sum()


# --------------------------------------------------------------------------------- figures


def figures(quick: bool = False) -> list[Figure]:
    """Every laboratory figure (``quick``: smaller runs, for a smoke test)."""
    rep = 1 if quick else 3
    out: list[Figure] = []
    # warm the compiled kernels (loaded from numba's cache, or compiled on first use)
    categorical.run(3, 5, 2, 2)
    gaussian.run(3, 2, 2)
    verifier.run(answers=3, correct=1, n=5, generations=2, replicates=2)
    ensemble.run(models=2, k=3, n=5, generations=2, replicates=2)

    for k, n, g, r, pr in ((1000, 1000, 20, 1000 if not quick else 200, 5 if quick else 20),
                           (10, 100, 400, 300, 3 if quick else 10)):
        def lab(k: int = k, n: int = n, g: int = g, r: int = r) -> object:
            return categorical.run(k, n, g, r, seed=1, theory=False)

        t, t_cpu = _timed(lab, rep)
        plain, p_cpu = _timed(lambda k=k, n=n, g=g, pr=pr: plain_categorical(k, n, g, pr, 1), 1)
        out.append(Figure("categorical", f"K={k}, N={n}, G={g}, R={r}", t, plain * r / pr,
                          _fallback(lab, rep), k * r * g, "category·replicate·generations/s",
                          t_cpu, p_cpu * r / pr))

    g_args = (20, 200, 2000 if not quick else 400)

    def g_lab() -> object:
        return gaussian.run(*g_args, seed=1)

    pr = 50 if not quick else 10
    t, t_cpu = _timed(g_lab, rep)
    plain, p_cpu = _timed(lambda: plain_gaussian(20, 200, pr, 1), 1)
    out.append(Figure(
        "gaussian", f"N=20, G=200, R={g_args[2]}", t, plain * g_args[2] / pr,
        _fallback(g_lab, rep), 20 * 200 * g_args[2], "draws/s", t_cpu, p_cpu * g_args[2] / pr))

    v_r = 500 if not quick else 100

    def v_lab() -> object:
        return verifier.run(answers=20, correct=5, n=200, generations=100, replicates=v_r,
                            seed=1)

    pr = 20 if not quick else 5
    t, t_cpu = _timed(v_lab, rep)
    plain, p_cpu = _timed(lambda: plain_verifier(20, 5, 200, 100, pr, 1), 1)
    out.append(Figure(
        "verifier", f"answers=20, n=200, G=100, R={v_r}", t, plain * v_r / pr,
        _fallback(v_lab, rep), 200 * 100 * v_r, "draws/s", t_cpu, p_cpu * v_r / pr))

    e_r = 500 if not quick else 100

    def e_lab() -> object:
        return ensemble.run(models=4, k=10, n=100, generations=200, replicates=e_r, seed=1)

    pr = 10 if not quick else 3
    t, t_cpu = _timed(e_lab, rep)
    plain, p_cpu = _timed(lambda: plain_ensemble(4, 10, 100, 200, pr, 1), 1)
    out.append(Figure(
        "ensemble", f"models=4, K=10, N=100, G=200, R={e_r}", t, plain * e_r / pr,
        _fallback(e_lab, rep), 4 * 100 * 200 * e_r, "draws/s", t_cpu, p_cpu * e_r / pr))
    return out
