"""False variants of the Theorem 4 and thm-2/gaussian proofs must not be accepted.

Each test feeds the checker that proves a statement of ``proofs/variance.py`` (the derivation
checker, z3, or the arb certifier) a false variant of it: a flipped inequality, a dropped or
wrong factor, a wrong constant, a missing hypothesis. None may be accepted; where the true
version is cheap its acceptance is asserted alongside, so the test also shows the checker is
not simply rejecting everything.
"""

from __future__ import annotations

import pytest
import sympy as sp

from numerics import variance as nv
from proofs import variance as pf
from proofs.derivation import Algebra, Derivation, Step, check_relation
from proofs.smt import prove
from theorems import registry
from theorems.model import Outcome, run_check


def _accepted(d: Derivation) -> bool:
    return d.check().ok


def _rejected(d: Derivation) -> bool:
    """Not accepted, and because a step failed: the false chain still links start to goal."""
    report = d.check()
    return not report.ok and "start and end" not in report.conclusion


def _refuted(goal: sp.Basic, hyps: list[sp.Basic]) -> bool:
    r = prove(goal, hyps)
    return r.status == "refuted" and r.confirmed


# --- thm-4/recursion -------------------------------------------------------------------------

def test_recursion_true_version_accepted() -> None:
    assert _accepted(pf.variance_recursion())


def test_recursion_dropped_square_rejected() -> None:
    """v_{t+1} = (1 − α) v_t + s² (factor not squared)."""
    assert _rejected(pf.variance_recursion(coefficient=1 - pf.alpha))


def test_recursion_dropped_factor_rejected() -> None:
    """v_{t+1} = v_t + s² (contraction dropped)."""
    assert _rejected(pf.variance_recursion(coefficient=sp.Integer(1)))


def test_recursion_missing_independence_rejected() -> None:
    """Without Cov(e_t, ξ_t) = 0 the cross term cannot be dropped."""
    assert _rejected(pf.variance_recursion(independent=False))


def test_sample_mean_wrong_share_rejected() -> None:
    """Var R = 2αNσ² instead of αNσ²: then s² ≠ σ²/N."""
    assert _accepted(pf.sample_mean_noise())
    assert _rejected(pf.sample_mean_noise(real_share=2 * pf.alpha))


@pytest.mark.parametrize("wrong", [
    2 * pf.s2 / (pf.alpha_p * (2 - pf.alpha_p)),  # wrong constant
    pf.s2 / pf.alpha_p,  # the contraction-lemma floor δ/α, not the exact limit
    pf.s2 / (pf.alpha_p * (1 - pf.alpha_p)),  # wrong factor
])
def test_constant_alpha_wrong_limit_rejected(wrong: sp.Basic) -> None:
    assert _accepted(pf.constant_alpha_limit())
    assert _rejected(pf.constant_alpha_limit(limit_value=wrong))


def test_one_step_false_variants_refuted() -> None:
    a, v, s2 = pf.alpha_p, pf.v, pf.s2
    f = (1 - a) ** 2 * v + s2
    star = s2 / (a * (2 - a))
    hyps = [sp.Le(a, 1)]
    assert _refuted(sp.Eq(f.subs(v, s2 / a), s2 / a), hyps)  # s²/α is not the fixed point
    assert _refuted(sp.Le(f, v), [*hyps, sp.Le(v, star)])  # flipped: below v* it increases
    assert _refuted(sp.Eq(f - star, (1 - a) * (v - star)), hyps)  # contraction factor unsquared


def test_variance_lemma_wrong_combination_rejected() -> None:
    """The lemma's first side condition ties the coefficients to the model's quantity."""
    al, mu_t, mu_p, xi = pf.alpha, pf.mu_t, pf.mu_P, pf.xi
    claimed = (1 - al) ** 2 * pf.v + 2 * (1 - al) * pf.cov + pf.s2
    eq13 = (1 - al) * mu_t + al * mu_p + xi - mu_p
    wrong_source = mu_t + xi - mu_p  # α dropped from the model
    for source, ok in ((eq13, True), (wrong_source, False)):
        lemma = pf.variance_of_combination(source, [mu_t - mu_p, xi], [1 - al, 1],
                                           [pf.v, pf.s2], {(0, 1): pf.cov}, claimed, "test")
        report = check_relation(pf.Var(pf.e_next), "=", claimed, lemma, (sp.Le(al, 1),))
        assert (report.mark == "✓") is ok


# --- thm-4/divergence ------------------------------------------------------------------------

def test_divergence_weaker_condition_rejected() -> None:
    """a(2 − a)B ≤ s² does not give a gain of s²/2 per step."""
    assert _accepted(pf.divergence_key_step())
    assert _rejected(pf.divergence_key_step(weaker=True))


def test_divergence_condition_is_necessary() -> None:
    a, alpha, v, s2, b = pf.a, pf.alpha, pf.v, pf.s2, pf.B
    f = (1 - alpha) ** 2 * v + s2
    region = [sp.Le(alpha, a), sp.Le(a, 1), sp.Le(v, b)]
    assert _refuted(sp.Ge(f - v, s2 / 2), [*region, sp.Le(a * (2 - a) * b, s2)])
    assert _refuted(sp.Ge(f - v, s2 / 2), region)  # no condition at all


def test_divergence_escape_too_few_steps_rejected() -> None:
    assert _accepted(pf.divergence_escape())
    assert _rejected(pf.divergence_escape(steps_factor=1))


def test_harmonic_wrong_closed_form_rejected() -> None:
    assert _accepted(pf.harmonic_closed_form())
    assert _rejected(pf.harmonic_closed_form(denominator=3))


# --- thm-4/as-stated -------------------------------------------------------------------------

def test_sublinear_invariant_false_variants_refuted() -> None:
    a, v, s2 = pf.a, pf.v, pf.s2
    f = (1 - a) ** 2 * v + s2
    assert _refuted(sp.Le(f, s2 / (2 * a)), [sp.Le(a, 1), sp.Le(v, s2 / (2 * a))])
    assert _refuted(sp.Le(s2 / (a * (2 - a)), s2 / (2 * a)), [sp.Le(a, 1)])
    # F(α) = s²/(α(2 − α)) is non-increasing, not non-decreasing
    assert _refuted(sp.Le(s2 / (pf.a2 * (2 - pf.a2)), s2 / (a * (2 - a))),
                    [sp.Le(pf.a2, a), sp.Le(a, 1)])


# --- thm-4/support-diameter ------------------------------------------------------------------

@pytest.mark.parametrize("wrong", [
    (pf.hi - pf.lo) ** 2 / 5,  # wrong constant
    (pf.hi - pf.lo) / 4,  # dropped square
])
def test_popoviciu_wrong_bound_rejected(wrong: sp.Basic) -> None:
    assert _rejected(pf.popoviciu(bound=wrong))


def test_popoviciu_true_version_accepted() -> None:
    assert _accepted(pf.popoviciu())


def test_popoviciu_z3_wrong_bound_refuted() -> None:
    results = pf.popoviciu_z3(bound=(pf.hi - pf.lo) ** 2 / 5)
    statuses = [r.status for _, r in results]
    assert statuses[1:] == ["refuted", "refuted"]
    assert all(r.confirmed for _, r in results[1:])


def test_mean_error_half_diameter_refuted() -> None:
    m, y = pf.mean_x, sp.Symbol("y", real=True)
    box = [sp.Le(pf.lo, m), sp.Le(m, pf.hi), sp.Le(pf.lo, y), sp.Le(y, pf.hi)]
    assert _refuted(sp.Le(sp.Abs(m - y), (pf.hi - pf.lo) / 2), box)


# --- thm-4/accumulation ----------------------------------------------------------------------

def test_accumulation_wrong_last_term_rejected() -> None:
    assert _accepted(pf.accumulation_closed_form_step())
    assert _rejected(pf.accumulation_closed_form_step(last_term=1 / (pf.t + 2) ** 2))


@pytest.mark.parametrize("wrong", [sp.Rational(8, 5), sp.Integer(1), sp.pi**2 / 8])
def test_accumulation_wrong_series_sum_rejected(wrong: sp.Basic) -> None:
    assert _rejected(pf.accumulation_bound(claimed=wrong))


def test_accumulation_true_bound_accepted() -> None:
    assert _accepted(pf.accumulation_bound())


def test_accumulation_rational_bound_false_variant_refuted() -> None:
    mm = sp.Symbol("m", positive=True)
    ss = sp.Symbol("S_m", positive=True)
    assert pf.accumulation_rational_bound_z3().status == "proved"
    assert _refuted(sp.Le(ss + 1 / (mm + 1) ** 2, 2 - 2 / (mm + 1)),
                    [sp.Ge(mm, 1), sp.Le(ss, 2 - 1 / mm)])


def test_replace_varying_n_wrong_increment_rejected() -> None:
    assert _rejected(pf.replace_varying_n_step(claimed=pf.sigma2 / pf.nt**2))
    assert _rejected(pf.replace_varying_n_step(claimed=pf.sigma2))


# --- thm-4/gaussian-estimators ---------------------------------------------------------------

def test_total_variance_dropped_term_rejected() -> None:
    assert _accepted(pf.refit_total_variance())
    assert _rejected(pf.refit_total_variance(claimed=pf.w_t / pf.N))  # Var μ_t dropped
    assert _rejected(pf.refit_total_variance(claimed=pf.w_t / pf.N**2 + pf.V_t))


def test_mle_mean_variance_wrong_closed_form_rejected() -> None:
    q = 1 - 1 / pf.N
    s0 = pf.sigma2_0
    start = s0 * (1 - q**pf.t) + q**pf.t * s0 / pf.N
    wrong = s0 * (1 - q ** (pf.t + 1)) / pf.N  # stray 1/N
    d = Derivation("false mle closed form", start, [Step("=", wrong, Algebra())],
                   goal=(start, "=", wrong), hypotheses=(sp.Ge(pf.N, 2),))
    assert _rejected(d)


# --- thm-2/gaussian --------------------------------------------------------------------------

def test_chi2_moment_wrong_constant_rejected() -> None:
    wrong = 2 ** (pf.p_exp + 1) * sp.gamma(pf.kdf / 2 + pf.p_exp) / sp.gamma(pf.kdf / 2)
    assert _rejected(pf.chi2_moments(claimed=wrong))


@pytest.mark.parametrize("wrong", [
    sp.Integer(1),  # claims the mle is a martingale
    (pf.kdf - 1) / (pf.kdf + 1),  # (N − 2)/N
])
def test_mle_factor_wrong_rejected(wrong: sp.Basic) -> None:
    assert _rejected(pf.gaussian_mle_sigma2(factor=wrong)[0])


def test_entropy_drift_unbiased_constant_rejected() -> None:
    """The mle entropy drift is ½(ψ((N−1)/2) + ln(2/N)), not the unbiased ½ d(N)."""
    wrong = (sp.digamma(pf.kdf / 2) + sp.log(2 / pf.kdf)) / 2
    assert _rejected(pf.gaussian_entropy_drift(claimed=wrong)[1])


@pytest.mark.parametrize("c", [sp.Integer(1), sp.Rational(3, 5)])
def test_digamma_bound_too_strong_rejected(c: sp.Basic) -> None:
    """ψ(x) < ln x − c/x is false for c > 1/2 (the lemma's constant is exactly 1/2)."""
    assert _rejected(pf.log_drift_negative(c=c))


def test_digamma_bound_true_version_accepted() -> None:
    assert _accepted(pf.log_drift_negative())


def test_digamma_arb_too_strong_refuted() -> None:
    assert nv.certify_digamma_bound("1/2", 16, c="3/5").status == "refuted"


def test_digamma_tail_too_early_refuted() -> None:
    """The enveloping bound −1/(12x²) + 1/(120x⁴) is positive below x = 1/√10."""
    assert pf.log_drift_tail_z3(16).status == "proved"
    r = pf.log_drift_tail_z3("1/4")
    assert r.status == "refuted" and r.confirmed


# --- the registered checks -------------------------------------------------------------------

def test_as_stated_refutations_are_proof_strength() -> None:
    """The paper-reading sub-claim is refuted by proof-strength checks only."""
    claim = registry.get("thm-4/as-stated")
    assert claim.checks
    for check in claim.checks:
        assert check.expect is Outcome.REFUTES
        assert check.strength.value == "proof"


def test_thm4_reads_with_its_own_hypothesis() -> None:
    """As written, Theorem 4 is its two conclusions under fixed noise; 'linear' is separate."""
    parts = {c.id for c in registry.all_claims() if c.parent == "thm-4" and c.role == "part"}
    assert parts == {"thm-4/divergence", "thm-4/support-diameter"}
    assert registry.get("thm-4/as-stated").role == "extra"
    assert registry.get("thm-4/linear").role == "proof"
    assert not registry.get("thm-4").checks and registry.get("thm-4").headline is None


def test_support_exact_check_runs() -> None:
    result = run_check(next(c for c in registry.get("thm-4/support-diameter").checks
                            if c.name == "exact"))
    assert result.outcome is Outcome.SUPPORTS, result.detail
