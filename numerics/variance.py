"""Theorem 4 (variance amplification, v2 §4, eq. 13) and the Gaussian refit loop (thm-2/gaussian).

Two families of exact results live here.

*Gaussian refit.* Each generation draws N samples from the current model N(μ_t, σ²_t) and
refits μ by the sample mean and σ² by the sample variance, with divisor N ("mle") or N − 1
("unbiased"). Because (N − 1)s²/σ²_t ~ χ²_{N−1} independently of the past, the ratio
σ²_{t+1}/σ²_t is an i.i.d. pivot, and every per-step constant is a moment of χ²_{N−1}:

* ``sigma2_factor``  E[σ²_{t+1}]/σ²_t = (N − 1)/N (mle) or 1 (unbiased);
* ``sigma_factor``   E[σ_{t+1}]/σ_t = √(2/N)·Γ(N/2)/Γ((N−1)/2) (mle), with N − 1 under the
  root for the unbiased fit, from E√χ²_k = √2·Γ((k+1)/2)/Γ(k/2);
* ``log_sigma2_drift``  E[ln σ²_{t+1} − ln σ²_t] = ψ((N−1)/2) + ln(2/N) (mle) or
  ψ((N−1)/2) + ln(2/(N−1)) (unbiased), from E ln χ²_k = ψ(k/2) + ln 2;
* ``entropy_drift``  the expected change of the differential entropy ½ ln(2πeσ²) per step,
  half the log-variance drift.

>>> r = gaussian_refit(20, "mle", dps=20)
>>> print(mpmath.nstr(r.sigma2_factor, 30))
0.95
>>> print(mpmath.nstr(r.log_sigma2_drift, 12))
-0.104847216591
>>> gaussian_refit(20, "unbiased").sigma2_factor
mpf('1.0')

*Mean drift (eq. 13).* With independent per-step noise of variance s², the squared error
v_t = Var(μ_t − μ_P) of μ_{t+1} = (1 − α_t)μ_t + α_t μ_P + ξ_t obeys
v_{t+1} = (1 − α_t)² v_t + s². Everything below is exact in :class:`fractions.Fraction`.

>>> drift_variance(["0"] * 3, "1/20", 0)
[Fraction(0, 1), Fraction(1, 20), Fraction(1, 10), Fraction(3, 20)]
>>> stationary_drift_variance("1/2", 1)
Fraction(4, 3)
>>> harmonic_drift_ratio(10**6) - Fraction(1, 3) < Fraction(1, 10**6)
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import flint
import mpmath
import sympy

from numerics.errors import InputError
from numerics.validate import as_alpha, as_fraction, as_positive_int

__all__ = [
    "DigammaCertificate",
    "DriftNegativityEvidence",
    "GaussianRefit",
    "RefitMoments",
    "accumulation_mean_variance",
    "accumulation_real_fraction",
    "accumulation_variance_bound",
    "accumulation_variance_rational_bound",
    "certify_digamma_bound",
    "digamma_remainder_bounds",
    "drift_variance",
    "drift_variance_alpha_zero",
    "drift_variance_constant_alpha",
    "drift_variance_harmonic",
    "expected_sigma2_refit",
    "gaussian_refit",
    "harmonic_drift_ratio",
    "mixed_refit_moments",
    "mixed_refit_moments_mp",
    "mixed_sample_mean_step",
    "refit_mean_variance",
    "replace_mean_variance_varying_n",
    "sample_mean_noise_variance",
    "stationary_drift_variance",
    "unbiased_drift_negativity_evidence",
    "unbiased_log_drift",
]

Estimator = Literal["mle", "unbiased"]
ESTIMATORS: tuple[str, ...] = ("mle", "unbiased")
_GUARD_DIGITS = 10


def _estimator(estimator: object) -> Estimator:
    if estimator not in ESTIMATORS:
        raise InputError(f"estimator must be 'mle' or 'unbiased', got {estimator!r}")
    return estimator  # type: ignore[return-value]


def _refit_n(n: object, estimator: Estimator) -> int:
    """N ≥ 2 for either estimator, with the reason spelled out."""
    value = as_positive_int(n, "N")
    if value < 2:
        if estimator == "mle":
            raise InputError("N must be >= 2: the mle variance of one sample is 0 "
                             "(the fit collapses to a point mass in one step)")
        raise InputError("N must be >= 2: the unbiased variance divides by N - 1 = 0")
    return value


def _nonnegative(x: object, name: str) -> Fraction:
    value = as_fraction(x, name)
    if value < 0:
        raise InputError(f"{name} must be >= 0, got {value}")
    return value


def _positive(x: object, name: str) -> Fraction:
    value = as_fraction(x, name)
    if value <= 0:
        raise InputError(f"{name} must be > 0, got {value}")
    return value


def _time(t: object, name: str = "t") -> int:
    return as_positive_int(t, name, minimum=0)


# --------------------------------------------------------------------------------------------
# Gaussian refit constants
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GaussianRefit:
    """Exact per-step constants of the Gaussian refit loop (see the module docstring).

    Every ``mpf`` attribute is computed with ``dps`` + 10 working digits, so it is correct to
    at least ``dps`` significant digits. ``log_sigma2_step_variance`` is Var(ln σ²_{t+1} −
    ln σ²_t) = ψ'((N−1)/2) (trigamma; the same for both estimators, which differ by a constant
    factor only), so Var(ln σ²_t) = t·ψ'((N−1)/2).
    """

    n: int
    estimator: Estimator
    dps: int
    sigma2_factor_exact: Fraction
    sigma2_factor: mpmath.mpf
    sigma_factor: mpmath.mpf
    log_sigma2_drift: mpmath.mpf
    entropy_drift: mpmath.mpf
    log_sigma2_step_variance: mpmath.mpf

    @property
    def divisor(self) -> int:
        """The divisor of the sum of squared deviations: N (mle) or N − 1 (unbiased)."""
        return self.n if self.estimator == "mle" else self.n - 1


def gaussian_refit(n: object, estimator: str = "mle", dps: int = 50) -> GaussianRefit:
    """The per-step constants of refitting N(μ, σ²) to N samples of the current model.

    >>> r = gaussian_refit(2, "unbiased", dps=15)
    >>> print(mpmath.nstr(r.sigma_factor, 10))    # √2·Γ(1)/Γ(1/2) = √(2/π)
    0.7978845608
    >>> print(mpmath.nstr(r.log_sigma2_drift, 10))   # ψ(1/2) + ln 2 = −γ − ln 2
    -1.270362845
    >>> gaussian_refit(1, "mle")
    Traceback (most recent call last):
    ...
    numerics.errors.InputError: N must be >= 2: the mle variance of one sample is 0 (the fit \
collapses to a point mass in one step)
    """
    est = _estimator(estimator)
    n_int = _refit_n(n, est)
    dps_int = as_positive_int(dps, "dps")
    d = n_int if est == "mle" else n_int - 1
    k = n_int - 1  # degrees of freedom of the chi-square pivot
    factor = Fraction(k, d)
    with mpmath.workdps(dps_int + _GUARD_DIGITS):
        half_k = mpmath.mpf(k) / 2
        sigma2_factor = mpmath.mpf(factor.numerator) / factor.denominator
        # E√χ²_k = √2 Γ((k+1)/2)/Γ(k/2), and σ_{t+1}/σ_t = √(χ²_k / d)
        sigma_factor = mpmath.sqrt(mpmath.mpf(2) / d) * mpmath.exp(
            mpmath.loggamma(mpmath.mpf(n_int) / 2) - mpmath.loggamma(half_k)
        )
        log_drift = mpmath.digamma(half_k) + mpmath.log(mpmath.mpf(2) / d)
        entropy_drift = log_drift / 2
        step_var = mpmath.psi(1, half_k)
    # mpf values keep the precision they were computed at; arithmetic on them should be done
    # inside ``mpmath.workdps(dps)`` to keep it.
    return GaussianRefit(n_int, est, dps_int, factor, sigma2_factor, sigma_factor,
                         log_drift, entropy_drift, step_var)


def expected_sigma2_refit(n: object, estimator: str, t: object, sigma2_0: object = 1) -> Fraction:
    """E[σ²_t] = ((N−1)/N)^t σ²_0 (mle) or σ²_0 (unbiased, a martingale), exactly.

    >>> expected_sigma2_refit(20, "mle", 2, 1)
    Fraction(361, 400)
    >>> expected_sigma2_refit(20, "unbiased", 50, "0.3")
    Fraction(3, 10)
    """
    est = _estimator(estimator)
    n_int = _refit_n(n, est)
    steps = _time(t)
    s2 = _positive(sigma2_0, "sigma2_0")
    factor = Fraction(n_int - 1, n_int) if est == "mle" else Fraction(1)
    return factor**steps * s2


def refit_mean_variance(n: object, estimator: str, t: object, sigma2_0: object = 1) -> Fraction:
    """Var(μ_t − μ_0) of the α = 0 Gaussian refit loop started from (μ_0, σ²_0), exactly.

    μ_{t+1} = μ_t + σ_t Z_t/√N with Z_t independent of σ_t, so the increments are
    uncorrelated and Var(μ_t) = Σ_{s<t} E[σ²_s]/N. With the mle, E[σ²_s] = (1 − 1/N)^s σ²_0
    and the geometric sum gives σ²_0(1 − (1 − 1/N)^t), bounded by σ²_0; with the unbiased fit
    E[σ²_s] = σ²_0 and Var(μ_t) = tσ²_0/N grows linearly.

    >>> refit_mean_variance(4, "mle", 2, 1)
    Fraction(7, 16)
    >>> refit_mean_variance(4, "unbiased", 2, 1)
    Fraction(1, 2)
    """
    est = _estimator(estimator)
    n_int = _refit_n(n, est)
    steps = _time(t)
    s2 = _positive(sigma2_0, "sigma2_0")
    if est == "mle":
        return s2 * (1 - Fraction(n_int - 1, n_int) ** steps)
    return Fraction(steps, n_int) * s2


# --------------------------------------------------------------------------------------------
# The mean recursion of eq. 13
# --------------------------------------------------------------------------------------------


def drift_variance(alphas: Iterable[object], s2: object, v0: object = 0) -> list[Fraction]:
    """[v_0, v_1, ..., v_T] of v_{t+1} = (1 − α_t)² v_t + s² for the finite sequence α_0..α_{T−1}.

    >>> drift_variance(["1/2", "1/2"], 1, 4)
    [Fraction(4, 1), Fraction(2, 1), Fraction(3, 2)]
    >>> drift_variance(["1.5"], 1)
    Traceback (most recent call last):
    ...
    numerics.errors.InputError: alpha_0 must lie in [0, 1], got 3/2
    """
    noise = _nonnegative(s2, "s2")
    v = _nonnegative(v0, "v0")
    out = [v]
    for i, a in enumerate(alphas):
        alpha = as_alpha(a, f"alpha_{i}")
        v = (1 - alpha) ** 2 * v + noise
        out.append(v)
    return out


def drift_variance_alpha_zero(t: object, s2: object, v0: object = 0) -> Fraction:
    """α = 0: v_t = v_0 + t s² (linear growth).

    >>> drift_variance_alpha_zero(10, "1/20", 0)
    Fraction(1, 2)
    """
    return _nonnegative(v0, "v0") + _time(t) * _nonnegative(s2, "s2")


def drift_variance_constant_alpha(alpha: object, t: object, s2: object, v0: object = 0) -> Fraction:
    """Constant α: v_t = ρ^t v_0 + s²(1 − ρ^t)/(1 − ρ) with ρ = (1 − α)²; α = 0 gives v_0 + t s².

    >>> drift_variance_constant_alpha("1/2", 2, 1, 4)
    Fraction(3, 2)
    """
    a = as_alpha(alpha)
    steps = _time(t)
    noise = _nonnegative(s2, "s2")
    v = _nonnegative(v0, "v0")
    if a == 0:
        return v + steps * noise
    rho = (1 - a) ** 2
    return rho**steps * v + noise * (1 - rho**steps) / (1 - rho)


def stationary_drift_variance(alpha: object, s2: object) -> Fraction:
    """lim v_t = s²/(α(2 − α)) for constant α ∈ (0, 1] (the fixed point of the recursion).

    >>> stationary_drift_variance("0.1", "1/20")
    Fraction(5, 19)
    >>> stationary_drift_variance(0, 1)
    Traceback (most recent call last):
    ...
    numerics.errors.InputError: alpha must lie in (0, 1] for a stationary variance, got 0
    """
    a = as_fraction(alpha, "alpha")
    if not 0 < a <= 1:
        raise InputError(f"alpha must lie in (0, 1] for a stationary variance, got {a}")
    return _nonnegative(s2, "s2") / (a * (2 - a))


def drift_variance_harmonic(t: object, s2: object) -> Fraction:
    """α_t = 1/(t+1): v_t = s²(t+1)(2t+1)/(6t) for t ≥ 1, whatever v_0 is (α_0 = 1 resets it).

    Multiplying the recursion by (t+1)² gives u_{t+1} = u_t + (t+1)² s² for u_t = t² v_t, so
    u_t = s² Σ_{k≤t} k² = s² t(t+1)(2t+1)/6. Hence v_t/(t s²) → 1/3: the drift variance still
    grows linearly, at a third of the α = 0 rate.

    >>> drift_variance_harmonic(3, 1)
    Fraction(14, 9)
    """
    steps = as_positive_int(t, "t", minimum=1)
    return _nonnegative(s2, "s2") * Fraction((steps + 1) * (2 * steps + 1), 6 * steps)


def harmonic_drift_ratio(t: object) -> Fraction:
    """v_t/(t s²) = (t+1)(2t+1)/(6t²) for α_t = 1/(t+1); decreases to 1/3.

    >>> [harmonic_drift_ratio(t) for t in (1, 10, 1000)]
    [Fraction(1, 1), Fraction(77, 200), Fraction(667667, 2000000)]
    """
    steps = as_positive_int(t, "t", minimum=1)
    return Fraction((steps + 1) * (2 * steps + 1), 6 * steps * steps)


def mixed_sample_mean_step(
    n: object, k: object, sigma2_real: object, sigma2_synthetic: object
) -> tuple[Fraction, Fraction]:
    """One step of the sample-mean learner on k real and N − k synthetic draws.

    Real draws come from N(μ_P, σ²_real), synthetic ones from N(μ_t, σ²_synthetic). The mean of
    all N is μ_{t+1} = (k/N)μ_P + (1 − k/N)μ_t + ξ with Var ξ = (kσ²_real + (N−k)σ²_synthetic)/N².
    Returns (1 − k/N, Var ξ): the contraction factor of eq. 13 and the per-step noise.

    >>> mixed_sample_mean_step(10, 3, 1, 1)
    (Fraction(7, 10), Fraction(1, 10))
    >>> mixed_sample_mean_step(10, 3, 1, 0)
    (Fraction(7, 10), Fraction(3, 100))
    """
    n_int = as_positive_int(n, "N")
    k_int = as_positive_int(k, "k", minimum=0)
    if k_int > n_int:
        raise InputError(f"k must be <= N = {n_int}, got {k_int}")
    r2 = _nonnegative(sigma2_real, "sigma2_real")
    q2 = _nonnegative(sigma2_synthetic, "sigma2_synthetic")
    return Fraction(n_int - k_int, n_int), (k_int * r2 + (n_int - k_int) * q2) / n_int**2


def sample_mean_noise_variance(n: object, sigma2: object, alpha: object) -> Fraction:
    """s² of the sample-mean learner on αN real and (1 − α)N synthetic draws of equal variance.

    Computed from the two components, (αN·σ² + (1 − α)N·σ²)/N², which is σ²/N for every α:
    grounding shrinks the drift through the contraction (1 − α), not through the noise.

    >>> [sample_mean_noise_variance(20, 1, a) for a in ("0", "0.25", "1")]
    [Fraction(1, 20), Fraction(1, 20), Fraction(1, 20)]
    """
    n_int = as_positive_int(n, "N")
    s2 = _nonnegative(sigma2, "sigma2")
    a = as_alpha(alpha)
    real, synthetic = a * n_int, (1 - a) * n_int
    return (real * s2 + synthetic * s2) / n_int**2


def replace_mean_variance_varying_n(ns: Iterable[object], sigma2: object) -> Fraction:
    """Var(μ_t − μ_0) = σ² Σ_{s<t} 1/N_s for the α = 0 sample-mean loop with sizes N_0..N_{t−1}.

    The model keeps the true σ² and refits only the mean, so the increments σZ_s/√N_s are
    independent; the variance is unbounded iff Σ 1/N_s diverges (N_s = s + 1: harmonic,
    unbounded; N_s = (s + 1)²: bounded by σ²π²/6).

    >>> replace_mean_variance_varying_n([1, 2, 3], 6)
    Fraction(11, 1)
    """
    s2 = _nonnegative(sigma2, "sigma2")
    total = Fraction(0)
    for i, n in enumerate(ns):
        total += Fraction(1, as_positive_int(n, f"N_{i}"))
    return s2 * total


# --------------------------------------------------------------------------------------------
# Accumulating all past data
# --------------------------------------------------------------------------------------------


def accumulation_mean_variance(n: object, sigma2: object, t: object) -> Fraction:
    """Var(m_t − μ_P) when every generation keeps all past data (known variance σ²).

    The model: m_0 is the mean of N real draws from N(μ_P, σ²). At generation t ≥ 1 the
    learner draws a batch of N synthetic samples from N(m_{t−1}, σ²) (the previous model, same
    σ²), adds it to everything kept so far (the N real draws and the t − 1 earlier batches) and
    fits m_t = the mean of all N(t + 1) samples. With b_s the batch means,
    Σ_{s≤t} b_s = t·m_{t−1} + b_t and b_t = m_{t−1} + η_t, η_t ~ N(0, σ²/N), so
    m_t = m_{t−1} + η_t/(t + 1): independent increments, and

        Var(m_t − μ_P) = (σ²/N) Σ_{k=1}^{t+1} 1/k²  <  (σ²/N)·π²/6,

    while the real share of the training data is 1/(t + 1) → 0.

    >>> accumulation_mean_variance(1, 1, 1)
    Fraction(5, 4)
    """
    n_int = as_positive_int(n, "N")
    s2 = _nonnegative(sigma2, "sigma2")
    steps = _time(t)
    return s2 / n_int * sum((Fraction(1, k * k) for k in range(1, steps + 2)), Fraction(0))


def accumulation_real_fraction(t: object) -> Fraction:
    """The share of real samples in the data of generation t under accumulation: 1/(t + 1).

    >>> accumulation_real_fraction(3)
    Fraction(1, 4)
    """
    return Fraction(1, _time(t) + 1)


def accumulation_variance_bound(n: object, sigma2: object) -> sympy.Expr:
    """The sharp bound sup_t Var(m_t − μ_P) = (σ²/N)·π²/6 under accumulation (sympy, exact).

    Sharp because Σ_{k≤t+1} 1/k² increases to ζ(2) = π²/6.

    >>> accumulation_variance_bound(20, 1)
    pi**2/120
    """
    n_int = as_positive_int(n, "N")
    s2 = _nonnegative(sigma2, "sigma2")
    return sympy.Rational(s2.numerator, s2.denominator * n_int) * sympy.pi**2 / 6


def accumulation_variance_rational_bound(n: object, sigma2: object, t: object) -> Fraction:
    """A rational bound (σ²/N)(2 − 1/(t+1)) ≥ Var(m_t − μ_P), from 1/k² < 1/(k(k−1)) for k ≥ 2.

    The telescoping sum gives Σ_{k=1}^{m} 1/k² ≤ 1 + (1 − 1/m) = 2 − 1/m, equality only at m = 1.

    >>> accumulation_variance_rational_bound(1, 1, 1)
    Fraction(3, 2)
    """
    n_int = as_positive_int(n, "N")
    s2 = _nonnegative(sigma2, "sigma2")
    m = _time(t) + 1
    return s2 / n_int * (2 - Fraction(1, m))


# --------------------------------------------------------------------------------------------
# Exact moments of the Gaussian laboratory (mixing and accumulation, estimated variance)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RefitMoments:
    """Exact E[σ²_t] and Var(μ_t) = E[(μ_t − μ_P)²] for t = 0..T of the Gaussian laboratory."""

    sigma2: list[Fraction]
    mean_variance: list[Fraction]


def mixed_refit_moments(
    n: object,
    estimator: str,
    real_counts: Sequence[object],
    mode: str = "replace",
    sigma2_p: object = 1,
) -> RefitMoments:
    """Exact E[σ²_t] and Var(μ_t) of the Gaussian loop with k_t real draws per generation.

    The loop: Q_0 = P = N(μ_P, σ²_P). Generation t draws k_t samples from P and N − k_t from
    Q_t = N(μ_t, σ²_t), then fits Q_{t+1} by the sample mean and the sample variance (divisor
    M or M − 1 for M points) of that batch ("replace") or of all batches 0..t ("accumulate").

    Replace mode. For independent x_i with means m_i and variances s²_i,
    E Σ(x_i − x̄)² = (1 − 1/N)Σ s²_i + Σ(m_i − m̄)²; with a = k_t/N, e_t = μ_t − μ_P and
    w_t = E σ²_t, v_t = E e²_t, this closes into a linear recursion:

        v_{t+1} = (1 − a)² v_t + (aσ²_P + (1 − a)w_t)/N,
        w_{t+1} = c(aσ²_P + (1 − a)w_t) + κ a(1 − a) v_t,

    with (c, κ) = ((N−1)/N, 1) for the mle and (1, N/(N−1)) for the unbiased fit.

    Accumulate mode (μ_P = 0 by translation). With S_t, Q_t the sum and sum of squares of the
    M_t = Nt points kept after t batches, μ_t = S_t/M_t, and the conditional moments of the
    next batch give a linear recursion for q_t = E Q_t and A_t = E S²_t (batch 0 comes from
    Q_0 = P, so q_1 = A_1 = Nσ²_P):

        q_{t+1} = q_t + kσ²_P + (N − k)·E[σ²_t + μ²_t],
        A_{t+1} = A_t(1 + (N−k)/M_t)² + kσ²_P + (N − k)·E σ²_t,

    and Var(μ_t) = A_t/M²_t, E σ²_t = q_t/M_t − A_t/M²_t (mle) or (q_t − A_t/M_t)/(M_t − 1).

    >>> m = mixed_refit_moments(4, "mle", [0, 0], "replace")
    >>> m.sigma2, m.mean_variance
    ([Fraction(1, 1), Fraction(3, 4), Fraction(9, 16)], [Fraction(0, 1), Fraction(1, 4), \
Fraction(7, 16)])
    >>> mixed_refit_moments(4, "mle", [0, 0], "accumulate").mean_variance
    [Fraction(0, 1), Fraction(1, 4), Fraction(19, 64)]
    """
    n_int, est, ks, s2p = _moment_inputs(n, estimator, real_counts, mode, sigma2_p)
    sig, var = _moments(n_int, est, ks, mode, s2p, Fraction)
    return RefitMoments(sig, var)


def mixed_refit_moments_mp(
    n: object,
    estimator: str,
    real_counts: Sequence[object],
    mode: str = "replace",
    sigma2_p: object = 1,
    dps: int = 30,
) -> tuple[list[mpmath.mpf], list[mpmath.mpf]]:
    """(E[σ²_t], Var(μ_t)) of :func:`mixed_refit_moments` in mpmath at ``dps`` digits.

    The same recursion, for long horizons where exact fractions grow too large (accumulation
    with mixed batches over 2,000 generations takes about a minute exactly, well under a
    second here). Every term of the recursion is non-negative except the final difference in
    E σ²_t, so the rounding error stays near t·10^−dps relative.

    >>> s, v = mixed_refit_moments_mp(4, "mle", [0, 0], "accumulate")
    >>> print(mpmath.nstr(v[2], 20))
    0.296875
    """
    n_int, est, ks, s2p = _moment_inputs(n, estimator, real_counts, mode, sigma2_p)
    dps_int = as_positive_int(dps, "dps")
    with mpmath.workdps(dps_int):
        return _moments(n_int, est, ks, mode, s2p, lambda p, q: mpmath.mpf(p) / q)


def _moment_inputs(
    n: object, estimator: str, real_counts: Sequence[object], mode: str, sigma2_p: object
) -> tuple[int, Estimator, list[int], Fraction]:
    est = _estimator(estimator)
    n_int = _refit_n(n, est)
    if mode not in ("replace", "accumulate"):
        raise InputError(f"mode must be 'replace' or 'accumulate', got {mode!r}")
    s2p = _positive(sigma2_p, "sigma2_p")
    ks = []
    for i, k in enumerate(real_counts):
        k_int = as_positive_int(k, f"k_{i}", minimum=0)
        if k_int > n_int:
            raise InputError(f"k_{i} must be <= N = {n_int}, got {k_int}")
        ks.append(k_int)
    return n_int, est, ks, s2p


def _moments(
    n_int: int, est: Estimator, ks: list[int], mode: str, sigma2_p: Fraction,
    ratio: Callable[[int, int], Any],
) -> tuple[list[Any], list[Any]]:
    """The recursions of :func:`mixed_refit_moments` over a number type built by ``ratio``."""
    s2p = ratio(sigma2_p.numerator, sigma2_p.denominator)
    zero = ratio(0, 1)
    sig = [s2p]
    var = [zero]
    if mode == "replace":
        c = ratio(n_int - 1, n_int) if est == "mle" else ratio(1, 1)
        kappa = ratio(1, 1) if est == "mle" else ratio(n_int, n_int - 1)
        w, v = s2p, zero
        for k in ks:
            a = ratio(k, n_int)
            pooled = a * s2p + (1 - a) * w
            w, v = c * pooled + kappa * a * (1 - a) * v, (1 - a) ** 2 * v + pooled / n_int
            sig.append(w)
            var.append(v)
        return sig, var
    q = a_s = zero
    for t, k in enumerate(ks):
        if t == 0:  # batch 0 comes from Q_0 = P whatever k_0 is
            q = a_s = n_int * s2p
        else:
            m = n_int * t
            w = sig[-1]
            second = q / m if est == "mle" else (q - a_s / m) / (m - 1) + a_s / m**2
            q, a_s = (q + k * s2p + (n_int - k) * second,
                      a_s * (1 + ratio(n_int - k, m)) ** 2 + k * s2p + (n_int - k) * w)
        m = n_int * (t + 1)
        sig.append(q / m - a_s / m**2 if est == "mle" else (q - a_s / m) / (m - 1))
        var.append(a_s / m**2)
    return sig, var


# --------------------------------------------------------------------------------------------
# Negativity of the unbiased log-variance drift: ψ(x) < ln x − 1/(2x)
# --------------------------------------------------------------------------------------------


def unbiased_log_drift(n: object, dps: int = 50) -> mpmath.mpf:
    """d(N) = ψ((N−1)/2) + ln(2/(N−1)) = ψ(x) − ln x with x = (N − 1)/2 (negative for N ≥ 2).

    >>> print(mpmath.nstr(unbiased_log_drift(20, dps=20), 10))
    -0.0535539222
    """
    return gaussian_refit(n, "unbiased", dps).log_sigma2_drift


def digamma_remainder_bounds(x: object) -> tuple[Fraction, Fraction]:
    """Exact (L, U) with L < ψ(x) − ln x + 1/(2x) < U for real x > 0.

    Source: the integral representation ψ(x) = ln x − 1/(2x) − 2∫_0^∞ t dt/((t² + x²)(e^{2πt} − 1))
    (obtained from Binet's second formula for ln Γ; DLMF §5.9, Whittaker–Watson §12.32; the
    tests check it by quadrature). Since 1/(t² + x²) = 1/x² − t²/(x²(t² + x²)) and
    ∫_0^∞ t^{s−1}/(e^{2πt} − 1) dt = Γ(s)ζ(s)/(2π)^s, which is 1/24 for s = 2 and 1/240 for s = 4,

        ψ(x) = ln x − 1/(2x) − 1/(12x²) + R(x),   0 < R(x) < 1/(120x⁴),

    the first two terms of the enveloping asymptotic series (the remainder has the sign of, and
    is smaller than, the first omitted Bernoulli term −B₄/(4x⁴)). So L = −1/(12x²) and
    U = −1/(12x²) + 1/(120x⁴) = −(1 − 1/(10x²))/(12x²), negative for every x > 1/√10; in
    particular ψ(x) < ln x − 1/(2x) − 1/(20x²) for x ≥ 1/2. The integral itself is positive,
    which already gives ψ(x) < ln x − 1/(2x) for every x > 0.

    >>> digamma_remainder_bounds("1/2")
    (Fraction(-1, 3), Fraction(-1, 5))
    """
    xv = _positive(x, "x")
    lower = -1 / (12 * xv**2)
    return lower, lower + 1 / (120 * xv**4)


@dataclass(frozen=True)
class DigammaCertificate:
    """Outcome of :func:`certify_digamma_bound` on [lo, hi].

    ``status`` is "certified" (every subinterval separated by arb), "refuted" (arb proved
    ψ(x) > ln x − c/x − e/x² at ``counterexample``) or "undecided" (budget exhausted).
    """

    status: Literal["certified", "refuted", "undecided"]
    lo: Fraction
    hi: Fraction
    c: Fraction
    e: Fraction
    intervals: int
    evaluations: int
    counterexample: Fraction | None = None
    reason: str = ""

    @property
    def certified(self) -> bool:
        return self.status == "certified"

    def __bool__(self) -> bool:
        return self.certified


def _arb(x: Fraction) -> flint.arb:
    return flint.arb(flint.fmpq(x.numerator, x.denominator))


def certify_digamma_bound(
    lo: object,
    hi: object,
    c: object = "1/2",
    e: object = 0,
    *,
    prec: int = 128,
    max_intervals: int = 200_000,
) -> DigammaCertificate:
    """Certify ψ(x) < g(x) := ln x − c/x − e/x² for all x ∈ [lo, hi] with arb ball arithmetic.

    The default (c, e) = (1/2, 0) is the bound behind the negativity of the unbiased drift.

    Enclosure: on [a, b] ⊂ (0, ∞) ψ is increasing (ψ'(x) = Σ_{k≥0} 1/(x + k)² > 0) and so is g
    when c, e ≥ 0 (g'(x) = 1/x + c/x² + 2e/x³ > 0). Hence sup_{[a,b]} ψ = ψ(b) and
    inf_{[a,b]} g = g(a), and ψ(b) < g(a), decided by arb on balls that contain the exact
    values, proves ψ < g on all of [a, b]. Intervals that are not separated are bisected
    (exact rational endpoints); if arb shows ψ(p) > g(p) at an endpoint p the statement is
    refuted there. Work grows like ∫ dx/width(x) with width(x) ≈ (g − ψ)/g' ≈ 1/(12x) for
    the default bound, i.e. about 6(hi² − lo²) subintervals.

    >>> certify_digamma_bound("1/2", 4).status
    'certified'
    >>> r = certify_digamma_bound("1/2", 4, c=1)      # ψ(x) > ln x − 1/x: false everywhere
    >>> r.status, r.counterexample
    ('refuted', Fraction(1, 2))
    """
    a0 = _positive(lo, "lo")
    b0 = as_fraction(hi, "hi")
    if b0 < a0:
        raise InputError(f"need lo <= hi, got lo = {a0}, hi = {b0}")
    cc = _nonnegative(c, "c")
    ee = _nonnegative(e, "e")
    budget = as_positive_int(max_intervals, "max_intervals")
    prec_int = as_positive_int(prec, "prec", minimum=16)
    evaluations = 0
    with flint.ctx.workprec(prec_int):
        c_arb, e_arb = _arb(cc), _arb(ee)
        cache: dict[Fraction, tuple[flint.arb, flint.arb]] = {}

        def values(p: Fraction) -> tuple[flint.arb, flint.arb]:
            nonlocal evaluations
            if p not in cache:
                evaluations += 1
                xa = _arb(p)
                cache[p] = (xa.digamma(), xa.log() - c_arb / xa - e_arb / (xa * xa))
            return cache[p]

        stack = [(a0, b0)]
        done = 0
        while stack:
            a, b = stack.pop()
            psi_b = values(b)[0]
            g_a = values(a)[1]
            if psi_b < g_a:
                done += 1
                cache.pop(a, None)  # a is never needed again (depth-first, left to right)
                continue
            for p in (a, b):
                psi_p, g_p = values(p)
                if psi_p > g_p:
                    return DigammaCertificate("refuted", a0, b0, cc, ee, done, evaluations, p,
                                              f"arb: psi({p}) > g({p})")
            if done + len(stack) + 2 > budget or a == b:
                return DigammaCertificate("undecided", a0, b0, cc, ee, done, evaluations, None,
                                          f"could not separate on [{a}, {b}] within the budget")
            mid = (a + b) / 2
            stack.append((mid, b))
            stack.append((a, mid))
    return DigammaCertificate("certified", a0, b0, cc, ee, done, evaluations)


@dataclass(frozen=True)
class DriftNegativityEvidence:
    """The pieces of the proof that d(N) = ψ((N−1)/2) + ln(2/(N−1)) < 0 for every N ≥ 2.

    1. ``identity``: d(N) = ψ(x) − ln x with x = (N − 1)/2 ≥ 1/2 (algebra: ln(2/(N−1)) = −ln x).
    2. ``certificate``: arb certifies ψ(x) < ln x − 1/(2x) on [1/2, tail_from].
    3. ``tail_upper``: for x ≥ tail_from, ψ(x) − ln x + 1/(2x) < U(x) = −(1 − 1/(10x²))/(12x²),
       negative because tail_from² > 1/10 (:func:`digamma_remainder_bounds`).
    Together: d(N) < −1/(2x) = −1/(N − 1) < 0 for every N ≥ 2.
    """

    certificate: DigammaCertificate
    tail_from: Fraction
    tail_upper_at_tail_from: Fraction
    tail_valid: bool
    identity_residuals: tuple[mpmath.mpf, ...]

    @property
    def proved(self) -> bool:
        return self.certificate.certified and self.tail_valid


def unbiased_drift_negativity_evidence(
    tail_from: object = 16, check_n: Sequence[int] = (2, 3, 10, 101), dps: int = 40
) -> DriftNegativityEvidence:
    """Assemble the evidence listed in :class:`DriftNegativityEvidence`.

    ``identity_residuals`` are |d(N) − (ψ(x) − ln x)| at the sample sizes ``check_n``.

    >>> ev = unbiased_drift_negativity_evidence(8)
    >>> ev.proved, ev.certificate.status, ev.tail_upper_at_tail_from < 0
    (True, 'certified', True)
    """
    x_tail = _positive(tail_from, "tail_from")
    if x_tail < Fraction(1, 2):
        raise InputError(f"tail_from must be >= 1/2, got {x_tail}")
    cert = certify_digamma_bound(Fraction(1, 2), x_tail)
    upper = digamma_remainder_bounds(x_tail)[1]
    tail_valid = x_tail**2 > Fraction(1, 10)  # U(x) < 0 for every x >= tail_from
    residuals = []
    for n in check_n:
        d = unbiased_log_drift(n, dps)
        with mpmath.workdps(dps + _GUARD_DIGITS):
            x = mpmath.mpf(n - 1) / 2
            residuals.append(+abs(d - (mpmath.digamma(x) - mpmath.log(x))))
    return DriftNegativityEvidence(cert, x_tail, upper, tail_valid and upper < 0,
                                   tuple(residuals))
