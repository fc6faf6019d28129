"""Calibrated tests for comparing simulations with exact theory.

Every simulation check compares a simulated summary with an exact value at several points
(generations, frequencies). This module supplies the per-comparison tests and the rule that
turns many of them into one decision at a stated family-wise error rate:

* shares and counts of independent replicates are tested with **exact binomial** (or Poisson)
  tail probabilities, never with a normal interval built from the sample's own spread, so a
  count of 0 where 0.5 is expected is no evidence against the theory;
* means of bounded quantities use z = (mean − exact)/s.e. with the exact standard deviation
  when the theory gives it and the sample one otherwise, with no floor on the standard error
  (a zero spread that disagrees with the theory is a disagreement, one that agrees is none);
* a :class:`FamilyTest` holds every comparison of one check and rejects when the smallest
  p-value is below α/m (Bonferroni over the m comparisons; valid under any dependence between
  generations), so the check as a whole fails with probability at most α when the theory holds;
* :func:`detectable_error` turns the standard errors of a run into the smallest error of a
  theory rate that the same test would detect with probability 0.9 (the check's stated power).

>>> round(binomial_p(0, 40000, 1.2e-5), 3)  # 0 survivors where 0.48 are expected: no evidence
1.0
>>> binomial_p(2, 1000, 0.009) < 0.05  # 2 where 9 are expected
True
>>> f = FamilyTest(0.001)
>>> f.add_mean("t = 1", 0.52, 0.5, 0.01)
>>> f.add_count("t = 2", 9, 1000, 0.009)
>>> f.passed, f.m
(True, 2)
>>> round(critical_z(0.001, 100), 2)  # |z| threshold for 100 normal comparisons at α = 0.001
4.42
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any

import mpmath
import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "Z_POWER",
    "Comparison",
    "FamilyTest",
    "binomial_p",
    "binomial_tails",
    "critical_z",
    "detectable_error",
    "failures_p",
    "normal_p",
    "poisson_p",
    "shift_rate",
]

_NORMAL = NormalDist()
#: Φ⁻¹(0.9): a shift of (critical z + Z_POWER) standard errors is detected 90% of the time.
Z_POWER = _NORMAL.inv_cdf(0.9)


def normal_p(z: float) -> float:
    """Two-sided normal tail probability P(|Z| ≥ |z|).

    >>> round(normal_p(1.959963984540054), 6)
    0.05
    """
    return math.erfc(abs(z) / math.sqrt(2.0))


def critical_z(alpha: float, m: int) -> float:
    """The |z| above which a two-sided normal comparison rejects at level α/m (Bonferroni)."""
    if not 0 < alpha < 1 or m < 1:
        raise ValueError(f"need 0 < alpha < 1 and m >= 1, got {alpha}, {m}")
    return _NORMAL.inv_cdf(1.0 - alpha / (2.0 * m))


def _far_tail(k: int, n: int, p: float, upper: bool) -> float:
    """P(X ≥ k) (upper) or P(X ≤ k) for a k on that side of the mode, summed in log space."""
    q = 1.0 - p
    log_pk = (math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)
              + k * math.log(p) + (n - k) * math.log(q))
    width = int(60 * math.sqrt(n * p * q)) + 200  # terms further out are below e^-1000 of these
    if upper:
        j = np.arange(k, min(n, k + width), dtype=float)  # ratio pmf(j+1)/pmf(j)
        steps = np.log((n - j) / (j + 1)) + math.log(p / q)
    else:
        j = np.arange(k, max(0, k - width), -1, dtype=float)  # ratio pmf(j−1)/pmf(j)
        steps = np.log(j / (n - j + 1)) + math.log(q / p)
    logs = log_pk + np.concatenate(([0.0], np.cumsum(steps)))
    top = float(np.max(logs))
    return math.exp(top) * float(np.sum(np.exp(logs - top)))


def binomial_tails(k: int, n: int, p: float) -> tuple[float, float]:
    """(P(X ≤ k), P(X ≥ k)) for X ~ Binomial(n, p), each to about 12 significant digits.

    The tail beyond the mode is summed term by term in log space; the other is its complement.

    >>> [round(v, 4) for v in binomial_tails(3, 10, 0.5)]
    [0.1719, 0.9453]
    >>> f"{binomial_tails(0, 10, 0.9)[0]:.9e}"  # 0.1**10
    '1.000000000e-10'
    """
    if not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n, got k = {k}, n = {n}")
    if p <= 0.0:
        return 1.0, (1.0 if k == 0 else 0.0)
    if p >= 1.0:
        return (1.0 if k == n else 0.0), 1.0
    mean = n * p
    if k >= mean:
        high = _far_tail(k, n, p, upper=True)
        low = 1.0 if k == n else 1.0 - _far_tail(k + 1, n, p, upper=True)
    else:
        low = _far_tail(k, n, p, upper=False)
        high = 1.0 if k == 0 else 1.0 - _far_tail(k - 1, n, p, upper=False)
    return min(1.0, max(0.0, low)), min(1.0, max(0.0, high))


def binomial_p(k: int, n: int, p: float) -> float:
    """Exact two-sided p-value of k successes in n trials at probability p (doubled tail)."""
    low, high = binomial_tails(k, n, p)
    return min(1.0, 2.0 * min(low, high))


def poisson_p(k: int, mu: float) -> float:
    """Exact two-sided p-value of a Poisson(μ) count k (doubled tail).

    >>> round(poisson_p(0, 0.3), 3), poisson_p(5, 0.3) < 1e-4
    (1.0, True)
    """
    if k < 0:
        raise ValueError(f"need k >= 0, got {k}")
    if mu <= 0.0:
        return 1.0 if k == 0 else 0.0
    with mpmath.workdps(20):
        low = float(mpmath.gammainc(k + 1, mu, mpmath.inf, regularized=True))  # P(X ≤ k)
        high = 1.0 if k == 0 else float(mpmath.gammainc(k, 0, mu, regularized=True))
    return min(1.0, 2.0 * min(low, high))


@dataclass(frozen=True)
class Comparison:
    """One simulated value against its exact counterpart."""

    label: str
    observed: float
    expected: float
    p: float
    z: float | None = None
    test: str = "normal"
    weight: float = 1.0
    """Share of the family's α given to this comparison, relative to the others (weighted
    Bonferroni: it rejects when p < α·weight/Σweights)."""


@dataclass
class FamilyTest:
    """Every comparison of one check, decided together at family-wise error rate ``alpha``.

    The family rejects when some comparison has p < α·w/W (weighted Bonferroni: w its weight,
    W the sum of the weights; with unit weights α/m), so under the theory it rejects with
    probability at most α whatever the dependence between comparisons.
    """

    alpha: float
    comparisons: list[Comparison] = field(default_factory=list)

    @property
    def m(self) -> int:
        """Number of comparisons."""
        return len(self.comparisons)

    @property
    def p_min(self) -> float:
        """The smallest p-value (1 when there is no comparison)."""
        return min((c.p for c in self.comparisons), default=1.0)

    @property
    def total_weight(self) -> float:
        """Sum of the comparisons' weights (m with unit weights)."""
        return sum(c.weight for c in self.comparisons)

    @property
    def adjusted_p(self) -> float:
        """Bonferroni-adjusted p-value of the family, min(1, min_i p_i·W/w_i)."""
        w = self.total_weight
        return min(1.0, min((c.p * w / c.weight for c in self.comparisons), default=1.0))

    @property
    def passed(self) -> bool:
        """No comparison rejects at α/m (an empty family never passes)."""
        return self.m > 0 and self.adjusted_p > self.alpha

    @property
    def worst(self) -> Comparison | None:
        """The comparison with the smallest weighted p-value."""
        return min(self.comparisons, key=lambda c: c.p / c.weight, default=None)

    @property
    def max_abs_z(self) -> float:
        """Largest |z| among the normal comparisons (0 when there is none)."""
        return max((abs(c.z) for c in self.comparisons if c.z is not None), default=0.0)

    def critical_z(self, weight: float = 1.0) -> float:
        """The |z| a normal comparison of this weight must exceed to reject."""
        w = self.total_weight
        if w <= 0:
            return critical_z(self.alpha, 1)
        return _NORMAL.inv_cdf(1.0 - self.alpha * weight / (2.0 * w))

    def add(self, comparison: Comparison) -> None:
        """Add one comparison."""
        self.comparisons.append(comparison)

    def add_mean(self, label: str, mean: float, expected: float, se: float,
                 weight: float = 1.0) -> None:
        """A replicate mean against its expectation, z = (mean − expected)/se.

        No floor on ``se``: a zero standard error (at most rounding noise, 10⁻¹² relative) is
        agreement when the mean equals the expectation up to that rounding and a disagreement
        (p = 0) otherwise.
        """
        diff = float(mean) - float(expected)
        if not np.isfinite(diff) or not np.isfinite(se):
            self.add(Comparison(label, float(mean), float(expected), 0.0, math.inf,
                                weight=weight))
            return
        tol = 1e-12 * max(1.0, abs(float(expected)))
        if se <= tol:  # every replicate equal (a spread of pure rounding noise)
            same = abs(diff) <= tol
            self.add(Comparison(label, float(mean), float(expected), 1.0 if same else 0.0,
                                0.0 if same else math.inf, weight=weight))
            return
        z = diff / se
        self.add(Comparison(label, float(mean), float(expected), normal_p(z), z, weight=weight))

    def add_means(self, labels: Sequence[str], means: ArrayLike, expected: ArrayLike,
                  se: ArrayLike) -> None:
        """:meth:`add_mean` for aligned sequences."""
        for lab, m, e, s in zip(labels, np.asarray(means, float), np.asarray(expected, float),
                                np.asarray(se, float), strict=True):
            self.add_mean(lab, m, e, float(s))

    def add_count(self, label: str, k: int, n: int, p: float) -> None:
        """k successes among n independent replicates against probability p (exact binomial)."""
        z = (k - n * p) / math.sqrt(n * p * (1 - p)) if 0 < p < 1 else None
        self.add(Comparison(label, k / n, float(p), binomial_p(int(k), int(n), float(p)), z,
                            "binomial"))

    def add_counts(self, labels: Sequence[str], shares: ArrayLike, n: int,
                   probs: ArrayLike) -> None:
        """Shares of n replicates (replicate means of 0/1 values) against probabilities."""
        for lab, s, p in zip(labels, np.asarray(shares, float), np.asarray(probs, float),
                             strict=True):
            self.add_count(lab, round(float(s) * n), n, float(np.clip(p, 0.0, 1.0)))

    def summary(self) -> str:
        """One line: size, comparisons, smallest p, the worst comparison."""
        w = self.worst
        where = "" if w is None else (
            f"; worst {w.label}: {w.observed:.6g} vs exact {w.expected:.6g}"
            + (f" (z = {w.z:+.2f})" if w.z is not None and math.isfinite(w.z) else "")
        )
        return (f"{self.m} comparisons at family-wise α = {self.alpha:g} (Bonferroni"
                f"{'' if all(c.weight == 1 for c in self.comparisons) else ', weighted'}): "
                f"smallest p = {self.p_min:.3g}, adjusted {self.adjusted_p:.3g} "
                f"{'>' if self.passed else '≤'} α" + where)

    def data(self) -> dict[str, Any]:
        """Machine-readable record (for a check result's data)."""
        w = self.worst
        return {
            "alpha": self.alpha,
            "comparisons": self.m,
            "correction": "bonferroni",
            "p_min": self.p_min,
            "adjusted_p": self.adjusted_p,
            "max_abs_z": self.max_abs_z,
            "critical_z": self.critical_z(),
            "passed": self.passed,
            "worst": None if w is None else w.label,
        }


def shift_rate(curve: ArrayLike, delta: float, limit: float | ArrayLike = 0.0) -> NDArray[Any]:
    """The curve with its per-step rate of approach to ``limit`` off by the factor 1 + δ.

    With ρ_t = (c_{t+1} − L)/(c_t − L) the curve's own per-step contraction, the result starts
    at c_0 and contracts by 1 − (1 + δ)(1 − ρ_t) at step t: for c_t = L + A(1 − λ)^t it is
    L + A(1 − (1 + δ)λ)^t. This is the false variant of a theory whose key rate is wrong by δ.

    >>> [round(float(v), 6) for v in shift_rate([1.0, 0.9, 0.81], 0.1)]
    [1.0, 0.89, 0.7921]
    """
    c = np.asarray(curve, dtype=float)
    lim = np.broadcast_to(np.asarray(limit, dtype=float), c.shape)
    gap = c - lim
    out = c.copy()
    for t in range(len(c) - 1):
        if gap[t] == 0.0:
            out[t + 1] = lim[t + 1] + 0.0
            continue
        rho = gap[t + 1] / gap[t]
        step = 1.0 - (1.0 + delta) * (1.0 - rho)
        out[t + 1] = lim[t + 1] + (out[t] - lim[t]) * step
    return out


def detectable_error(
    z_of: Callable[[float], float], z_crit: float, start: float = 1e-3, top: float = 10.0
) -> float:
    """Smallest δ (on a ×1.25 grid) whose predicted largest |z| reaches z_crit + Z_POWER.

    ``z_of(δ)`` is the largest |expected shift|/s.e. over the comparisons when the theory's
    rate is off by δ; a shift of z_crit + Z_POWER standard errors is detected with probability
    at least 0.9 at the family's size. Returns ``inf`` when even δ = ``top`` is not detected.

    >>> round(detectable_error(lambda d: 100 * d, 4.0), 4)
    0.0555
    """
    need = z_crit + Z_POWER
    d = start
    while d <= top:
        if z_of(d) >= need:
            return d
        d *= 1.25
    return math.inf


def failures_p(failures: int, runs: int, alpha: float) -> float:
    """P(at least ``failures`` of ``runs`` independent runs fail) when each fails w.p. α.

    >>> round(failures_p(1, 20, 0.001), 4)
    0.0198
    """
    if failures <= 0:
        return 1.0
    return binomial_tails(failures, runs, alpha)[1]
