"""Theorem 4 and the Gaussian refit constants: exact values against independent computations.

Every identity is checked twice: the claimed form must pass and a plausible wrong variant
(dropped factor, swapped divisor, flipped sign) must fail the same comparison.
"""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp

from numerics.errors import InputError
from numerics.variance import (
    accumulation_mean_variance,
    accumulation_real_fraction,
    accumulation_variance_bound,
    accumulation_variance_rational_bound,
    certify_digamma_bound,
    digamma_remainder_bounds,
    drift_variance,
    drift_variance_alpha_zero,
    drift_variance_constant_alpha,
    drift_variance_harmonic,
    expected_sigma2_refit,
    gaussian_refit,
    harmonic_drift_ratio,
    mixed_refit_moments,
    mixed_refit_moments_mp,
    mixed_sample_mean_step,
    refit_mean_variance,
    replace_mean_variance_varying_n,
    sample_mean_noise_variance,
    stationary_drift_variance,
    unbiased_drift_negativity_evidence,
    unbiased_log_drift,
)

DPS = 45
TOL = mpmath.mpf(10) ** -30
SIZES = (2, 3, 5, 20, 101)


def chi2_expect(k: int, f, dps: int = DPS) -> mpmath.mpf:  # type: ignore[no-untyped-def]
    """E f(X) for X ~ χ²_k by tanh-sinh quadrature, after X = U² (smooth density in u)."""
    with mpmath.workdps(dps):
        hk = mpmath.mpf(k) / 2
        norm = 2**hk * mpmath.gamma(hk)
        s = mpmath.sqrt(k)
        return mpmath.quad(
            lambda u: f(u * u) * 2 * u ** (k - 1) * mpmath.exp(-u * u / 2) / norm,
            [0, s / 2, s, 2 * s, 4 * s + 5, mpmath.inf],
        )


def close(a: mpmath.mpf, b: mpmath.mpf) -> bool:
    with mpmath.workdps(DPS):
        return bool(abs(a - b) < TOL)


# --------------------------------------------------------------------------------------------
# Gaussian refit constants
# --------------------------------------------------------------------------------------------


@pytest.mark.mpmath
@pytest.mark.parametrize("estimator", ["mle", "unbiased"])
@pytest.mark.parametrize("n", SIZES)
def test_refit_constants_match_quadrature(n: int, estimator: str) -> None:
    r = gaussian_refit(n, estimator, dps=50)
    d, k = (n if estimator == "mle" else n - 1), n - 1
    with mpmath.workdps(DPS):
        assert close(r.sigma2_factor, chi2_expect(k, lambda x: x / d))
        assert close(r.sigma_factor, chi2_expect(k, lambda x: mpmath.sqrt(x / d)))
        log_drift = chi2_expect(k, lambda x: mpmath.log(x / d))
        assert close(r.log_sigma2_drift, log_drift)
        assert close(r.entropy_drift, chi2_expect(k, lambda x: mpmath.log(x / d) / 2))
        second = chi2_expect(k, lambda x: mpmath.log(x) ** 2)
        assert close(r.log_sigma2_step_variance, second - chi2_expect(k, mpmath.log) ** 2)
        # wrong variants are rejected by the same comparison
        other_d = n - 1 if estimator == "mle" else n
        wrong_drift = mpmath.digamma(mpmath.mpf(k) / 2) + mpmath.log(mpmath.mpf(2) / other_d)
        assert not close(wrong_drift, log_drift)                  # swapped divisor
        assert not close(mpmath.digamma(mpmath.mpf(k) / 2) - mpmath.log(d), log_drift)  # no ln 2
        assert not close(r.log_sigma2_drift, chi2_expect(k, lambda x: mpmath.log(x / d) / 2))
        inverted = mpmath.sqrt(mpmath.mpf(2) / d) * mpmath.gamma(mpmath.mpf(k) / 2) / mpmath.gamma(
            mpmath.mpf(n) / 2)
        assert not close(inverted, r.sigma_factor)
    assert r.sigma2_factor_exact == (Fraction(n - 1, n) if estimator == "mle" else 1)


@pytest.mark.sympy
def test_chi_square_moment_derivation_with_sympy() -> None:
    """E X^p = 2^p Γ(k/2 + p)/Γ(k/2); p = 1, 1/2 and d/dp at 0 give the three constants."""
    x, p, k = sp.symbols("x p k", positive=True)
    m = sp.simplify(sp.integrate(x ** (k / 2 + p - 1) * sp.exp(-x / 2), (x, 0, sp.oo))
                    / (2 ** (k / 2) * sp.gamma(k / 2)))
    assert sp.simplify(m - 2**p * sp.gamma(k / 2 + p) / sp.gamma(k / 2)) == 0
    assert sp.simplify(m.subs(p, 1) - k) == 0
    assert sp.simplify(m.subs(p, 1) - (k + 1)) != 0
    e_log = sp.simplify(sp.diff(m, p).subs(p, 0))
    assert sp.simplify(e_log - (sp.polygamma(0, k / 2) + sp.log(2))) == 0
    assert sp.simplify(e_log - sp.polygamma(0, k / 2)) != 0
    e_sqrt = m.subs(p, sp.Rational(1, 2))
    assert sp.simplify(e_sqrt - sp.sqrt(2) * sp.gamma((k + 1) / 2) / sp.gamma(k / 2)) == 0


def test_refit_bad_inputs() -> None:
    for bad in (1, 0, -3, 2.5, "x", float("nan"), True):
        with pytest.raises(InputError):
            gaussian_refit(bad, "mle")
    with pytest.raises(InputError, match="point mass"):
        gaussian_refit(1, "mle")
    with pytest.raises(InputError, match="N - 1 = 0"):
        gaussian_refit(1, "unbiased")
    with pytest.raises(InputError, match="estimator"):
        gaussian_refit(5, "MLE")
    with pytest.raises(InputError):
        expected_sigma2_refit(5, "mle", -1)
    with pytest.raises(InputError):
        refit_mean_variance(5, "mle", 3, 0)


def test_mean_variance_of_the_refit_loop() -> None:
    for n in (2, 5, 20):
        for t in range(0, 40):
            # independent increments: Var(μ_t) = Σ_{s<t} E[σ²_s]/N
            direct = {est: sum((expected_sigma2_refit(n, est, s) / n for s in range(t)),
                               Fraction(0)) for est in ("mle", "unbiased")}
            assert refit_mean_variance(n, "mle", t) == direct["mle"]
            assert refit_mean_variance(n, "unbiased", t) == direct["unbiased"] == Fraction(t, n)
            moments = mixed_refit_moments(n, "mle", [0] * t)
            assert moments.mean_variance[t] == direct["mle"]
            assert moments.sigma2[t] == Fraction(n - 1, n) ** t
            if t >= 2:  # the linear formula is wrong for the mle loop
                assert Fraction(t, n) != direct["mle"]
    # bounded versus linear
    assert refit_mean_variance(20, "mle", 10_000) < 1 < refit_mean_variance(20, "unbiased", 21)


# --------------------------------------------------------------------------------------------
# The mean recursion of eq. 13
# --------------------------------------------------------------------------------------------


@pytest.mark.exact
def test_closed_forms_match_the_recursion() -> None:
    s2, v0 = Fraction(1, 20), Fraction(3, 7)
    zero = drift_variance([0] * 60, s2, v0)
    assert zero == [drift_variance_alpha_zero(t, s2, v0) for t in range(61)]
    for alpha in (Fraction(1, 10), Fraction(1, 2), Fraction(1)):
        seq = drift_variance([alpha] * 60, s2, v0)
        assert seq == [drift_variance_constant_alpha(alpha, t, s2, v0) for t in range(61)]
        # the distance to the fixed point shrinks by exactly ρ = (1 − α)² per step
        star = stationary_drift_variance(alpha, s2)
        rho = (1 - alpha) ** 2
        assert all(v - star == rho**t * (v0 - star) for t, v in enumerate(seq))
        # wrong variant: contraction (1 − α) instead of (1 − α)²
        wrong = [v0]
        for _ in range(60):
            wrong.append((1 - alpha) * wrong[-1] + s2)
        assert (wrong != seq) == (alpha < 1)  # the variants agree only when α = 1
    assert stationary_drift_variance("1/10", s2) == s2 / (Fraction(1, 10) * Fraction(19, 10))
    assert stationary_drift_variance("1/10", s2) != s2 / Fraction(1, 10)   # s²/α is wrong
    assert drift_variance_constant_alpha(0, 7, s2, v0) == drift_variance_alpha_zero(7, s2, v0)


@pytest.mark.exact
def test_harmonic_schedule_grows_like_a_third() -> None:
    s2 = Fraction(1, 20)
    for v0 in (Fraction(0), Fraction(5)):
        seq = drift_variance([Fraction(1, t + 1) for t in range(200)], s2, v0)
        assert all(seq[t] == drift_variance_harmonic(t, s2) for t in range(1, 201))
        assert all(seq[t] / (t * s2) == harmonic_drift_ratio(t) for t in range(1, 201))
        # the α = 0 rate v_t = t s² is not what happens
        assert seq[200] != 200 * s2
    # the ratio decreases to 1/3, with 1/3 + 1/(2t) + 1/(6t²) exactly
    for t in (10, 1000, 10**6):
        assert harmonic_drift_ratio(t) - Fraction(1, 3) == Fraction(1, 2 * t) + Fraction(
            1, 6 * t * t)
    assert harmonic_drift_ratio(10**6) - Fraction(1, 3) < Fraction(1, 10**6)
    assert abs(harmonic_drift_ratio(10**6) - Fraction(1, 2)) > Fraction(1, 10)


def test_sample_mean_noise_is_independent_of_alpha() -> None:
    for n in (1, 7, 20):
        for alpha in ("0", "1/7", "0.5", "1"):
            assert sample_mean_noise_variance(n, 3, alpha) == Fraction(3, n)
    # symbolic: Var of the mean of k draws of variance σ² and N − k of variance σ²
    n, k, s2 = sp.symbols("N k sigma2", positive=True)
    assert sp.simplify((k * s2 + (n - k) * s2) / n**2 - s2 / n) == 0
    # a wrong variant (each half treated as a full sample of N) depends on α and fails
    a = sp.Symbol("alpha", positive=True)
    assert sp.simplify((a**2 + (1 - a) ** 2) * s2 / n - s2 / n) != 0
    # with unequal variances the noise does depend on k (so the α-independence can fail)
    assert mixed_sample_mean_step(10, 3, 1, 2)[1] != mixed_sample_mean_step(10, 7, 1, 2)[1]
    assert mixed_sample_mean_step(10, 3, 1, 1) == (Fraction(7, 10), Fraction(1, 10))


@pytest.mark.simulation
def test_sample_mean_noise_by_simulation() -> None:
    rng = np.random.default_rng(7)
    n, reps, sigma = 10, 200_000, 1.5
    for k in (0, 3, 10):
        mu_t = 2.0  # the current model's mean; the true mean is 0
        real = sigma * rng.standard_normal((reps, k))
        synth = mu_t + sigma * rng.standard_normal((reps, n - k))
        mean = np.concatenate([real, synth], axis=1).mean(axis=1)
        centre = (1 - k / n) * mu_t
        var = float(((mean - centre) ** 2).mean())
        se = var * math.sqrt(2 / reps)
        assert abs(var - float(sample_mean_noise_variance(n, sigma**2, Fraction(k, n)))) < 4 * se
        if 0 < k < n:  # the wrong variant (1 − α)² σ²/N is rejected
            assert abs(var - (1 - k / n) ** 2 * sigma**2 / n) > 10 * se


def test_varying_sample_sizes() -> None:
    s2 = Fraction(2)
    harmonic = replace_mean_variance_varying_n(range(1, 1001), s2)
    assert harmonic == s2 * sum((Fraction(1, m) for m in range(1, 1001)), Fraction(0))
    assert harmonic > s2 * Fraction(math.floor(math.log(1001) * 1000), 1000)  # ≥ σ² ln(t+1)
    squares = replace_mean_variance_varying_n([m * m for m in range(1, 1001)], s2)
    assert squares < s2 * Fraction(16449341, 10**7)  # < σ² π²/6 (π²/6 = 1.64493406...)
    assert replace_mean_variance_varying_n([5] * 8, 1) == drift_variance_alpha_zero(8, "1/5")
    with pytest.raises(InputError):
        replace_mean_variance_varying_n([3, 0], 1)


# --------------------------------------------------------------------------------------------
# Accumulation
# --------------------------------------------------------------------------------------------


def _accumulation_by_coefficients(n: int, sigma2: Fraction, t: int) -> Fraction:
    """Var(m_t − μ_P) straight from the model's definition, as a linear map of the noises.

    Noise 0 is the real batch's mean error, noise s ≥ 1 the s-th synthetic batch's; each has
    variance σ²/N. Batch means and fits are tracked as coefficient vectors.
    """
    size = t + 1
    unit = [[Fraction(int(i == j)) for j in range(size)] for i in range(size)]
    batches = [unit[0]]
    fit = unit[0]
    for s in range(1, t + 1):
        batches.append([f + u for f, u in zip(fit, unit[s], strict=True)])  # m_{s−1} + η_s
        fit = [sum(col, Fraction(0)) / (s + 1) for col in zip(*batches, strict=True)]
    return sigma2 / n * sum((c * c for c in fit), Fraction(0))


@pytest.mark.exact
def test_accumulation_variance_exact_and_bounded() -> None:
    n, s2 = 20, Fraction(1)
    for t in range(0, 25):
        exact = accumulation_mean_variance(n, s2, t)
        assert exact == _accumulation_by_coefficients(n, s2, t)
        linear = drift_variance_alpha_zero(t + 1, s2 / n)  # replace-mode linear growth
        assert (exact != linear) == (t >= 1)
        assert accumulation_real_fraction(t) == Fraction(1, t + 1)
    with mpmath.workdps(50):
        bound = mpmath.mpf(sp.N(accumulation_variance_bound(n, s2), 60))
        assert abs(bound - mpmath.pi**2 / 120) < mpmath.mpf(10) ** -45
        for t in (0, 1, 10, 100, 2000):
            v = accumulation_mean_variance(n, s2, t)
            gap = bound - mpmath.mpf(v.numerator) / v.denominator
            assert gap > 0  # bounded by (σ²/N)π²/6 ...
            assert gap < mpmath.mpf(1) / (n * (t + 1))  # ... and sharp: the gap is < σ²/(N(t+1))
            assert v <= accumulation_variance_rational_bound(n, s2, t)
            # the replace-mode linear variance (t+1)σ²/N breaks the same bound for t ≥ 1
            linear = drift_variance_alpha_zero(t + 1, s2 / n)
            if t >= 1:
                assert mpmath.mpf(linear.numerator) / linear.denominator > bound


@pytest.mark.simulation
def test_accumulation_by_simulation() -> None:
    rng = np.random.default_rng(11)
    n, reps, g = 5, 100_000, 12
    fit = rng.standard_normal((reps, n)).mean(axis=1)  # μ_P = 0, σ² = 1
    total = fit * n
    for t in range(1, g + 1):
        batch = fit[:, None] + rng.standard_normal((reps, n))
        total = total + batch.sum(axis=1)
        fit = total / (n * (t + 1))
    var = float((fit**2).mean())
    se = var * math.sqrt(2 / reps)
    assert abs(var - float(accumulation_mean_variance(n, 1, g))) < 4 * se
    assert abs(var - float(drift_variance_alpha_zero(g + 1, Fraction(1, n)))) > 10 * se


def test_accumulate_moments_known_start() -> None:
    # first fit from one real batch in both modes; they differ from the second fit on
    rep = mixed_refit_moments(10, "unbiased", [0, 0, 0], "replace")
    acc = mixed_refit_moments(10, "unbiased", [0, 0, 0], "accumulate")
    assert rep.mean_variance[1] == acc.mean_variance[1] == Fraction(1, 10)
    assert rep.sigma2[1] == acc.sigma2[1] == 1
    assert acc.mean_variance[3] < rep.mean_variance[3] == Fraction(3, 10)
    # the mpmath version of the recursion agrees with the exact one
    for mode in ("replace", "accumulate"):
        for est in ("mle", "unbiased"):
            ks = [(3 * t) % 11 for t in range(120)]
            exact = mixed_refit_moments(10, est, ks, mode, "3/2")
            s2, var = mixed_refit_moments_mp(10, est, ks, mode, "3/2", dps=40)
            with mpmath.workdps(40):
                for a, b in zip(exact.sigma2 + exact.mean_variance, s2 + var, strict=True):
                    assert abs(mpmath.mpf(a.numerator) / a.denominator - b) < mpmath.mpf(
                        10) ** -35
    # all-real batches: each fit is a fresh fit to N real draws
    real = mixed_refit_moments(10, "mle", [10] * 4, "replace")
    assert real.sigma2[1:] == [Fraction(9, 10)] * 4
    assert real.mean_variance[1:] == [Fraction(1, 10)] * 4


# --------------------------------------------------------------------------------------------
# Negativity of the unbiased log-variance drift
# --------------------------------------------------------------------------------------------


@pytest.mark.mpmath
def test_unbiased_drift_is_negative_with_the_proved_bound() -> None:
    with mpmath.workdps(40):
        for n in range(2, 200):
            d = unbiased_log_drift(n, dps=30)
            x = mpmath.mpf(n - 1) / 2
            assert d < -1 / (2 * x) < 0
            mle = gaussian_refit(n, "mle", dps=30).log_sigma2_drift
            assert mle < d


@pytest.mark.mpmath
def test_digamma_remainder_bounds() -> None:
    with mpmath.workdps(50):
        for x in [Fraction(1, 10), Fraction(1, 2), Fraction(1), Fraction(7, 3), Fraction(50),
                  Fraction(10**4)]:
            xm = mpmath.mpf(x.numerator) / x.denominator
            r = mpmath.digamma(xm) - mpmath.log(xm) + 1 / (2 * xm)
            lo, hi = digamma_remainder_bounds(x)
            assert mpmath.mpf(lo.numerator) / lo.denominator < r < mpmath.mpf(
                hi.numerator) / hi.denominator
            # the integral representation the bounds come from
            integral = mpmath.quad(
                lambda t, xm=xm: t / ((t * t + xm * xm) * mpmath.expm1(2 * mpmath.pi * t)),
                [0, 1, mpmath.inf])
            assert abs(r + 2 * integral) < mpmath.mpf(10) ** -40
            assert abs(r - 2 * integral) > mpmath.mpf(10) ** -12   # the sign matters
            # wrong variants: dropping the remainder term, or flipping the 1/(12x²) sign
            assert not r < mpmath.mpf(lo.numerator) / lo.denominator
            assert not r > 1 / (12 * xm**2)


@pytest.mark.arb
def test_certify_digamma_bound_and_false_variants() -> None:
    assert certify_digamma_bound("1/2", 16).certified
    assert certify_digamma_bound("1/100", "1/2").certified
    # a sharper true variant: ψ(x) < ln x − 1/(2x) − 1/(24x²) holds for x ≥ 1/2
    assert certify_digamma_bound("1/2", 8, e="1/24").certified
    # false variants, each confirmed false at the counterexample with mpmath at 50 digits
    for lo, hi, c, e in [("1/2", 16, 1, 0), ("1/2", 16, "3/5", 0), ("1/2", 16, "1/2", "1/12"),
                         ("1/10", 8, "1/2", "1/24")]:
        res = certify_digamma_bound(lo, hi, c=c, e=e)
        assert res.status == "refuted" and not res
        p = res.counterexample
        assert p is not None and Fraction(lo) <= p <= hi
        with mpmath.workdps(50):
            xm = mpmath.mpf(p.numerator) / p.denominator
            cm = mpmath.mpf(Fraction(c).numerator) / Fraction(c).denominator
            em = mpmath.mpf(Fraction(e).numerator) / Fraction(e).denominator
            assert mpmath.digamma(xm) > mpmath.log(xm) - cm / xm - em / xm**2
    assert certify_digamma_bound("1/2", 16, max_intervals=10).status == "undecided"
    for bad in [(0, 1), ("-1", 2), (3, 2), ("1/2", 2, -1)]:
        with pytest.raises(InputError):
            certify_digamma_bound(*bad)


@pytest.mark.arb
def test_drift_negativity_evidence() -> None:
    ev = unbiased_drift_negativity_evidence(16)
    assert ev.proved
    assert ev.certificate.certified and ev.tail_valid
    assert ev.tail_upper_at_tail_from < 0
    with mpmath.workdps(40):
        assert all(r < mpmath.mpf(10) ** -35 for r in ev.identity_residuals)
    with pytest.raises(InputError):
        unbiased_drift_negativity_evidence("1/4")


def test_bad_inputs() -> None:
    with pytest.raises(InputError):
        stationary_drift_variance(0, 1)
    with pytest.raises(InputError):
        stationary_drift_variance("1.5", 1)
    with pytest.raises(InputError):
        stationary_drift_variance(float("nan"), 1)
    with pytest.raises(InputError):
        drift_variance([0, "nan"], 1)
    with pytest.raises(InputError):
        drift_variance([0], -1)
    with pytest.raises(InputError):
        drift_variance_constant_alpha(2, 3, 1)
    with pytest.raises(InputError):
        drift_variance_harmonic(0, 1)
    with pytest.raises(InputError):
        sample_mean_noise_variance(0, 1, 0)
    with pytest.raises(InputError):
        sample_mean_noise_variance(5, 1, "-0.1")
    with pytest.raises(InputError):
        mixed_sample_mean_step(5, 6, 1, 1)
    with pytest.raises(InputError):
        accumulation_mean_variance(0, 1, 3)
    with pytest.raises(InputError):
        accumulation_mean_variance(5, 1, 1.5)
    with pytest.raises(InputError):
        mixed_refit_moments(5, "mle", [6])
    with pytest.raises(InputError):
        mixed_refit_moments(5, "mle", [1], mode="keep")
    with pytest.raises(InputError):
        digamma_remainder_bounds(0)
