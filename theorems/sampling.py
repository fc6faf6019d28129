"""The error budget of the simulation checks, the re-run rule and the seed families.

Every check whose method is ``simulation`` is written as an *attempt*: a function of
``(seed, replicates, alpha)`` that runs a laboratory, compares it with the exact theory in a
:class:`numerics.stats.FamilyTest` at family-wise error rate ``alpha``, and states its power
(the smallest error of the theory's key rate it detects with probability 0.9 at that size).
:func:`sampled` turns an attempt into a check:

* a fast check has α = :data:`FAST_ALPHA` = 5·10⁻⁴: the 13 fast simulation checks together fail
  for a random seed with probability at most 13 · 5·10⁻⁴ ≈ 0.65 % on the first run;
* a fast check that fails is run once more with a fresh seed and four times the replicates,
  and only a second failure counts; a correct check is then counted as failed with probability
  at most α² (the runs are independent), while a false theory fails both runs (more so the
  second, which has twice the resolution);
* a deep check has α = :data:`DEEP_ALPHA` = 2.5·10⁻³ (4 deep checks: at most 1 %) and is not
  re-run.

:func:`seed_family` remaps every ``numpy.random.default_rng(s)`` to ``default_rng([k, s])``, so
a whole check can be re-run under an independent family of seeds k = 1, 2, …; the deep tier
(``tests/test_seed_sweep.py``, 20 families) and ``python -m benchmarks.seed_sweep`` (30
families) count the failures of each check over many families against their binomial law.

>>> from numerics.stats import FamilyTest, detectable_error, failures_p
>>> def attempt(seed: int, replicates: int, alpha: float) -> Attempt:
...     f = FamilyTest(alpha)
...     f.add_mean("t = 1", 0.5 + 0.1 * (seed == 1), 0.5, 0.01)  # seed 1 is unlucky
...     return Attempt(f, f"{replicates} replicates", "detects nothing in particular")
>>> r = sampled(attempt, seed=1, replicates=10)()
>>> r.outcome.value, r.data["attempts"][1]["replicates"]
('supports', 40)
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from numerics.stats import FamilyTest, detectable_error, failures_p
from theorems import evidence as ev
from theorems.model import Check, CheckResult, Method, Tier

__all__ = [
    "DEEP_ALPHA",
    "FAST_ALPHA",
    "RETRY_FACTOR",
    "RETRY_SEED_OFFSET",
    "Attempt",
    "Power",
    "SweepRow",
    "max_shift_z",
    "rate_power",
    "sampled",
    "seed_family",
    "simulation_checks",
    "sweep_check",
]

#: Family-wise error rate of one fast simulation check (one run).
FAST_ALPHA = 5e-4
#: Family-wise error rate of one deep simulation check.
DEEP_ALPHA = 2.5e-3
#: A failed fast check is re-run with this many times the replicates ...
RETRY_FACTOR = 4
#: ... and the seed moved by this offset (a seed no check uses otherwise).
RETRY_SEED_OFFSET = 7919


@dataclass
class Attempt:
    """One run of a simulation check: its comparisons, a description, its stated power.

    ``exact_ok`` carries the deterministic side conditions of the check (an exact curve below
    a bound, a closed form matching): a failure there is not a matter of chance.
    """

    family: FamilyTest
    detail: str
    power: str
    data: dict[str, Any] = field(default_factory=dict)
    exact_ok: bool = True

    @property
    def passed(self) -> bool:
        """Every comparison within the family's level and every exact condition met."""
        return self.family.passed and self.exact_ok


AttemptFn = Callable[..., Attempt]


def sampled(
    attempt: AttemptFn, *, seed: int, replicates: int, tier: Tier = Tier.FAST, **kwargs: Any
) -> Callable[[], CheckResult]:
    """The check that runs ``attempt(seed=, replicates=, alpha=, **kwargs)`` under the budget.

    ``kwargs`` are passed through to every run (the false-variant tests pass a wrong rate).
    """
    alpha = FAST_ALPHA if tier is Tier.FAST else DEEP_ALPHA

    def run() -> CheckResult:
        runs = [(seed, replicates, attempt(seed=seed, replicates=replicates, alpha=alpha,
                                           **kwargs))]
        if not runs[0][2].passed and tier is Tier.FAST and runs[0][2].exact_ok:
            s2, r2 = seed + RETRY_SEED_OFFSET, RETRY_FACTOR * replicates
            runs.append((s2, r2, attempt(seed=s2, replicates=r2, alpha=alpha, **kwargs)))
        s, r, final = runs[-1]
        detail = f"{final.detail}; {final.family.summary()}; power: {final.power}"
        if len(runs) > 1:
            first = runs[0][2].family
            detail += (
                f" (this is the re-run with seed {s} and {RETRY_FACTOR}× the replicates: the "
                f"first run, seed {runs[0][0]}, had adjusted p = {first.adjusted_p:.3g})"
            )
        if not final.exact_ok:
            detail += "; an exact condition of the check failed"
        return ev.numeric(
            final.passed,
            detail,
            alpha=alpha,
            tier=tier.value,
            seed=s,
            replicates=r,
            family=final.family.data(),
            power=str(final.power),
            detectable_error=getattr(final.power, "error", None),
            attempts=[
                {"seed": s_, "replicates": r_, "passed": a.passed,
                 "adjusted_p": a.family.adjusted_p}
                for s_, r_, a in runs
            ],
            **final.data,
        )

    return run


@contextlib.contextmanager
def seed_family(k: int) -> Iterator[None]:
    """Within the block, ``numpy.random.default_rng(s)`` means ``default_rng([k, s])``.

    Seeds given as integers or sequences of integers are remapped, both through
    ``default_rng`` and through ``numpy.random.SeedSequence`` (which the laboratories' kernels
    use for their per-chunk streams); ``None``, seed sequences, bit generators and generators
    pass through unchanged.

    >>> with seed_family(3):
    ...     a = np.random.default_rng(5).random()
    ...     b = np.random.SeedSequence(5, spawn_key=(1,)).generate_state(1)
    >>> a == np.random.default_rng([3, 5]).random(), a == np.random.default_rng(5).random()
    (True, False)
    >>> bool(b == np.random.SeedSequence([3, 5], spawn_key=(1,)).generate_state(1))
    True
    """
    original = np.random.default_rng
    original_seq = np.random.SeedSequence

    def remap(seed: Any) -> Any:
        if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
            return [k, int(seed)]
        if isinstance(seed, (list, tuple)):
            return [k, *seed]
        return seed

    class RemappedSeedSequence(original_seq):  # type: ignore[misc, valid-type]
        def __init__(self, entropy: Any = None, **kwargs: Any) -> None:
            super().__init__(remap(entropy), **kwargs)

    def remapped(seed: Any = None) -> np.random.Generator:
        return original(remap(seed))

    np.random.default_rng = remapped
    np.random.SeedSequence = RemappedSeedSequence  # type: ignore[misc]
    try:
        yield
    finally:
        np.random.default_rng = original
        np.random.SeedSequence = original_seq  # type: ignore[misc]


class Power(str):
    """A stated power: the text, and the smallest detected relative error as ``error``."""

    error: float

    def __new__(cls, text: str, error: float) -> Power:
        obj = super().__new__(cls, text)
        obj.error = error
        return obj


def rate_power(what: str, z_of: Callable[[float], float], family: FamilyTest,
               data: dict[str, Any] | None = None) -> Power:
    """The stated power: the smallest relative error of ``what`` detected w.p. ≥ 0.9.

    ``z_of(δ)`` is the largest |shift|/s.e. over the family's comparisons when the rate is off
    by the relative amount δ (see :func:`numerics.stats.detectable_error`), judged against the
    critical value of the family's heaviest comparison.
    """
    heaviest = max((c.weight for c in family.comparisons), default=1.0)
    d = detectable_error(z_of, family.critical_z(heaviest))
    if not np.isfinite(d):
        return Power(f"no error of {what} up to 1000 % is detected reliably at this size", d)
    return Power(f"detects {what} off by {100 * d:.2g} % or more with probability ≥ 0.9 at "
                 f"family-wise α = {family.alpha:g}", d)


def max_shift_z(pairs: list[tuple[Any, Any, Any]]) -> float:
    """max over (curve, shifted curve, s.e.) triples of |shifted − curve|/s.e. (s.e. > 0)."""
    worst = 0.0
    for curve, shifted, se in pairs:
        c, s, e = (np.asarray(x, dtype=float) for x in (curve, shifted, se))
        ok = e > 0
        if ok.any():
            worst = max(worst, float(np.max(np.abs(s[ok] - c[ok]) / e[ok])))
    return worst


def anchor_comparisons(
    result: Any, family: FamilyTest, label: str = "", epsilon_error: float = 0.0,
    drift_error: float = 0.0, data: dict[str, Any] | None = None,
) -> tuple[str, Callable[[float], float]]:
    """Add a programs-laboratory run's comparisons to ``family``; return (text, power z_of).

    * the share holding the true program and the share that never left it, t = 1..G: exact
      binomial tests against (K^t)[true, true] and (1 − ε)^t;
    * the leaving probability ε pooled over every replicate and generation: L first exits among
      E replicate-steps spent at the truth so far; given the past each such step exits with
      probability ε, so (L − εE)/√(ε(1 − ε)E) is a martingale score, normal for large E. It
      gets half of the family's α (weight = the number of other comparisons);
    * the distributional learner's squared drift against θ(1 − θ)(1 − (1 − 1/N)^t) (means).

    ``epsilon_error`` and ``drift_error`` make ε and 1/N of the theory wrong by that factor.
    The returned z_of(δ) predicts the pooled score's |z| when ε is off by δ.
    """
    r = result
    reps, g = r.replicates, r.generations
    eps_true = float(r.epsilon)
    eps = eps_true * (1 + epsilon_error)
    t = np.arange(1, g + 1)
    tag = f"{label}, " if label else ""
    family.add_counts([f"{tag}holds at t = {i}" for i in t], r.holds.mean[1:], reps,
                      r.theory_holds[1:])
    never = (1 - eps) ** t
    family.add_counts([f"{tag}never left by t = {i}" for i in t], r.never_left.mean[1:], reps,
                      never)
    var1 = float(r.truth * (1 - r.truth))
    drift = var1 * (1 - (1 - (1 + drift_error) / r.n) ** t)
    family.add_means([f"{tag}squared drift at t = {i}" for i in t], r.dist_sq.mean[1:], drift,
                     r.dist_sq.se[1:])
    alive = np.rint(r.never_left.mean * reps).astype(np.int64)
    exits = int(alive[0] - alive[-1])
    exposure = int(alive[:-1].sum())
    sd = float(np.sqrt(eps * (1 - eps) * exposure))
    weight = 3.0 * g
    family.add_mean(f"{tag}pooled leaving probability", exits / exposure, eps,
                    sd / exposure, weight=weight)
    if data is not None:
        data[f"{tag}exits"] = exits
        data[f"{tag}exposure"] = exposure
    sd_true = float(np.sqrt(eps_true * (1 - eps_true) * exposure))
    text = (f"{tag}ε̂ = {exits}/{exposure} = {exits / exposure:.5f} (exact ε_N = {eps_true:.5f}),"
            f" holds the truth at t = {g}: {r.holds.mean[-1]:.3f} (exact "
            f"{r.theory_holds[-1]:.3f})")
    return text, lambda d: d * eps_true * exposure / sd_true


@dataclass(frozen=True)
class SweepRow:
    """One simulation check run under seed families 1..K: which families failed."""

    claim: str
    check: str
    tier: str
    alpha: float
    failed: tuple[int, ...]
    families: int
    seconds: float

    @property
    def binomial_p(self) -> float:
        """P(at least this many failures) if each family fails with probability α."""
        return failures_p(len(self.failed), self.families, self.alpha)


def simulation_checks(tier: Tier | None = None) -> list[tuple[str, Check]]:
    """Every registered simulation check (of one tier, or all), as (claim id, check)."""
    from theorems.registry import all_claims

    return [
        (c.id, ch)
        for c in all_claims()
        for ch in c.checks
        if ch.method is Method.SIMULATION and (tier is None or ch.tier is tier)
    ]


def sweep_check(
    claim_id: str, check: Check, families: int, first: int = 1,
    report: Callable[[int, bool], None] | None = None,
) -> SweepRow:
    """Run one check under seed families ``first``..``first + families − 1``.

    ``report(k, passed)`` is called after each family (progress output).
    """
    import time

    from theorems.model import Outcome, run_check

    failed = []
    start = time.perf_counter()
    for k in range(first, first + families):
        with seed_family(k):
            res = run_check(check)
        if res.outcome is not Outcome.SUPPORTS:
            failed.append(k)
        if report is not None:
            report(k, res.outcome is Outcome.SUPPORTS)
    alpha = FAST_ALPHA if check.tier is Tier.FAST else DEEP_ALPHA
    return SweepRow(claim_id, check.name, check.tier.value, alpha, tuple(failed), families,
                    time.perf_counter() - start)
