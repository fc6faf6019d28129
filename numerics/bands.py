"""Per-generation summaries of replicated simulations: means with 95% intervals.

A :class:`Band` holds, for each generation, the mean over replicates, the 95% confidence
interval of that mean (normal approximation, ``mean ± 1.96·sd/√R``) and the central 95%
range of the replicates themselves (2.5% and 97.5% quantiles). Exact theory curves are
compared with the confidence interval of the mean; the quantile range shows the spread.

>>> import numpy as np
>>> b = summarise(np.array([[0.0, 1.0], [2.0, 3.0]]))
>>> b.mean.tolist()
[1.0, 2.0]
>>> bool(b.contains(np.array([1.0, 2.0])).all())
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

__all__ = ["Band", "summarise"]

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
    return Band(mean, mean - half, mean + half, q_low, q_high, r)
