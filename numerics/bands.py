"""Per-generation summaries of replicated simulations: means with pointwise and simultaneous bands.

A :class:`Band` holds, for each generation, the mean over replicates, the 95% confidence
interval of that mean (normal approximation, ``mean ± 1.96·sd/√R``), the central 95% range of
the replicates themselves (2.5% and 97.5% quantiles), and the mean and standard deviation of
the logarithm when every replicate is positive.

Pointwise intervals say little about a whole curve: over G generations some 5% of them miss
even a correct theory. :meth:`Band.simultaneous` widens the interval to the Bonferroni level
α/G, so that a correct curve lies inside at *every* generation with probability ≥ 1 − α, and
:meth:`Band.max_abs_z` gives the largest standardised distance of a curve. For a positive,
heavy-tailed quantity (a variance under refitting) the normal interval of the mean can go below
0 and covers badly; :meth:`Band.log_interval` is the interval of the mean built on the log
scale (delta method: mean · exp(± z·s.e./mean)), which stays positive.

>>> import numpy as np
>>> b = summarise(np.array([[0.0, 1.0], [2.0, 3.0]]))
>>> b.mean.tolist()
[1.0, 2.0]
>>> bool(b.contains(np.array([1.0, 2.0])).all())
True
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

__all__ = ["Band", "simultaneous_z", "summarise"]

Z95 = 1.959963984540054  # Φ^{-1}(0.975)


@dataclass(frozen=True)
class Band:
    """Mean, 95% CI of the mean, and 95% replicate range, one entry per generation."""

    mean: NDArray[np.float64]
    ci_low: NDArray[np.float64]
    ci_high: NDArray[np.float64]
    q_low: NDArray[np.float64]
    q_high: NDArray[np.float64]
    replicates: int
    log_mean: NDArray[np.float64] | None = None
    """Mean of ln x over replicates (None unless every value is positive)."""
    log_sd: NDArray[np.float64] | None = None
    """Standard deviation of ln x over replicates (None unless every value is positive)."""

    @property
    def se(self) -> NDArray[np.float64]:
        """Standard error of the mean, sd/√R (0 where every replicate agrees)."""
        return (self.ci_high - self.ci_low) / (2 * Z95)

    def simultaneous(self, alpha: float = 0.05) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Band of the mean that holds at every generation at once w.p. ≥ 1 − α (Bonferroni)."""
        z = simultaneous_z(alpha, len(self.mean))
        return self.mean - z * self.se, self.mean + z * self.se

    def max_abs_z(self, curve: NDArray[np.float64], start: int = 1,
                  stop: int | None = None) -> float:
        """max |mean − curve|/s.e. over start ≤ t < stop (s.e. = 0 counts only if they differ)."""
        c = np.asarray(curve, dtype=float)[start:stop]
        d = np.abs(self.mean[start:stop] - c)
        tol = 1e-12 * np.maximum(1.0, np.abs(c))
        se = np.where(self.se[start:stop] <= tol, 0.0, self.se[start:stop])  # rounding noise
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(se > 0, d / np.where(se > 0, se, 1.0), np.where(d <= tol, 0.0, np.inf))
        return float(np.max(z)) if z.size else 0.0

    def log_interval(self, alpha: float = 0.05, simultaneous: bool = True
                     ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """A positive interval for the mean: mean·exp(∓ z·s.e./mean), z simultaneous or not.

        It is the normal interval of ln(mean) by the delta method, so it never goes below 0;
        requires a positive mean.
        """
        z = simultaneous_z(alpha, len(self.mean)) if simultaneous else Z95
        with np.errstate(divide="ignore", invalid="ignore"):
            rel = np.where(self.mean > 0, self.se / self.mean, np.inf)
            return self.mean * np.exp(-z * rel), self.mean * np.exp(z * rel)

    def contains(self, curve: NDArray[np.float64], slack: float = 0.0) -> NDArray[np.bool_]:
        """Where ``curve`` lies inside the CI of the mean (widened by ``slack``)."""
        curve = np.asarray(curve, dtype=float)
        return (curve >= self.ci_low - slack) & (curve <= self.ci_high + slack)

    def as_columns(self, prefix: str) -> dict[str, NDArray[np.float64]]:
        """The band as named columns (for CSV output)."""
        return {
            f"{prefix}_mean": self.mean,
            f"{prefix}_ci_low": self.ci_low,
            f"{prefix}_ci_high": self.ci_high,
            f"{prefix}_q025": self.q_low,
            f"{prefix}_q975": self.q_high,
        }


def simultaneous_z(alpha: float, m: int) -> float:
    """Two-sided normal critical value at level α/m (Bonferroni over m generations).

    >>> round(simultaneous_z(0.05, 1), 4), round(simultaneous_z(0.05, 100), 3)
    (1.96, 3.481)
    """
    return NormalDist().inv_cdf(1.0 - alpha / (2.0 * max(m, 1)))


def summarise(samples: NDArray[np.float64]) -> Band:
    """Summarise an array of shape (replicates, generations) into a :class:`Band`."""
    x = np.asarray(samples, dtype=float)
    if x.ndim != 2 or x.shape[0] < 1:
        raise ValueError("samples must have shape (replicates, generations)")
    r = x.shape[0]
    mean = x.mean(axis=0)
    sd = x.std(axis=0, ddof=1) if r > 1 else np.zeros_like(mean)
    half = Z95 * sd / np.sqrt(r)
    q_low, q_high = np.quantile(x, [0.025, 0.975], axis=0)
    log_mean = log_sd = None
    if np.all(x > 0) and np.all(np.isfinite(x)):
        lx = np.log(x)
        log_mean = lx.mean(axis=0)
        log_sd = lx.std(axis=0, ddof=1) if r > 1 else np.zeros_like(mean)
    return Band(mean, mean - half, mean + half, q_low, q_high, r, log_mean, log_sd)
