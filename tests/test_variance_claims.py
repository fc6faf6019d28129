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
from proofs import lemmas as lm
from proofs import variance as pf
from proofs.derivation import Algebra, Derivation, Given, Smt, Step, Use, check_relation
from proofs.goal import Goal, follows
from proofs.lemmas import Covariance as Cov
from proofs.lemmas import Expectation as E
from proofs.lemmas import Variance as Var
from proofs.lemmas import instance
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


# --- lemma schemas of the family: false instances are rejected ----------------------------

def _use(lhs: sp.Basic, rel: str, rhs: sp.Basic, use: Use, hyps: tuple = ()) -> str:
    return check_relation(lhs, rel, rhs, use, hyps).mark


def test_variance_of_combination_schema() -> None:
    y, z = sp.symbols("y z", real=True)
    a = pf.alpha
    bind = {"a": 1 - a, "y": y, "b": 1, "z_v": z, "r": y}
    inst = instance(lm.VARIANCE_OF_COMBINATION, **bind)
    assert _use(inst.lhs, "=", inst.rhs, Use(lm.VARIANCE_OF_COMBINATION, bind=bind)) == "✓"
    unsquared = (1 - a) * Var(y) + 2 * (1 - a) * Cov(y, z) + Var(z)
    assert _use(inst.lhs, "=", unsquared, Use(lm.VARIANCE_OF_COMBINATION, bind=bind)) != "✓"
    random_coefficient = {"a": y, "y": y, "b": 1, "z_v": z, "r": y}
    inst2 = instance(lm.VARIANCE_OF_COMBINATION, **random_coefficient)
    assert _use(inst2.lhs, "=", inst2.rhs,
                Use(lm.VARIANCE_OF_COMBINATION, bind=random_coefficient)) != "✓"


def test_expectation_schemas() -> None:
    x = sp.Symbol("X", real=True)
    lin = {"a": 2, "y": x**2, "b": 3, "z_v": x, "c": 1, "r": x}
    inst = instance(lm.EXPECTATION_LINEAR, **lin)
    assert _use(inst.lhs, "=", inst.rhs, Use(lm.EXPECTATION_LINEAR, bind=lin)) == "✓"
    assert _use(inst.lhs, "=", inst.rhs + 1, Use(lm.EXPECTATION_LINEAR, bind=lin)) != "✓"
    random_a = {**lin, "a": x}
    inst2 = instance(lm.EXPECTATION_LINEAR, **random_a)
    assert _use(inst2.lhs, "=", inst2.rhs, Use(lm.EXPECTATION_LINEAR, bind=random_a)) != "✓"
    box = (sp.Le(0, x), sp.Le(x, 1))
    ok = Use(lm.EXPECTATION_NONNEGATIVE, bind={"y": x * (1 - x)}, by=(Smt(),))
    assert _use(E(x * (1 - x)), ">=", sp.Integer(0), ok, box) == "✓"
    bad = Use(lm.EXPECTATION_NONNEGATIVE, bind={"y": x - 1}, by=(Smt(),))
    assert _use(E(x - 1), ">=", sp.Integer(0), bad, box) != "✓"
    y = sp.Symbol("Y", real=True)
    tv = instance(lm.TOTAL_VARIANCE, y=y)
    assert _use(tv.lhs, "=", tv.rhs, Use(lm.TOTAL_VARIANCE, bind={"y": y})) == "✓"
    assert _use(tv.lhs, "=", tv.rhs.args[0], Use(lm.TOTAL_VARIANCE, bind={"y": y})) != "✓"


def test_equal_arguments_schema() -> None:
    x = sp.Symbol("x", real=True)
    g = sp.Lambda(pf._z, Var(pf._z))
    ok = Use(lm.EQUAL_ARGUMENTS, bind={"g": g, "a": x * (x + 1), "b": x**2 + x})
    assert _use(Var(x * (x + 1)), "=", Var(x**2 + x), ok) == "✓"
    bad = Use(lm.EQUAL_ARGUMENTS, bind={"g": g, "a": 2 * x, "b": x})
    assert _use(Var(2 * x), "=", Var(x), bad) != "✓"


def test_sum_schemas() -> None:
    j, t = pf.j, pf.t
    split = {"u": 1, "g": sp.Lambda(j, 1 / j**2), "i": j, "lo": 1, "hi": t}
    inst = instance(lm.SUM_SPLIT_LAST, **split)
    assert _use(inst.lhs, "=", inst.rhs, Use(lm.SUM_SPLIT_LAST, bind=split)) == "✓"
    wrong_term = sp.Sum(1 / j**2, (j, 1, t)) + 1 / (t + 2) ** 2
    assert _use(wrong_term, "=", inst.rhs, Use(lm.SUM_SPLIT_LAST, bind=split)) != "✓"
    below = {"u": 1, "g": sp.Lambda(j, 1 / j**2), "i": j, "lo": 1, "hi": t + 1}
    by = (Algebra(), Smt(), Algebra())
    inst = instance(lm.PARTIAL_SUM_BELOW_SERIES, **below)
    assert _use(inst.lhs, "<", inst.rhs, Use(lm.PARTIAL_SUM_BELOW_SERIES, bind=below,
                                             by=by)) == "✓"
    harmonic = {**below, "g": sp.Lambda(j, 1 / j)}  # the series diverges
    inst = instance(lm.PARTIAL_SUM_BELOW_SERIES, **harmonic)
    assert _use(inst.lhs, "<", inst.rhs, Use(lm.PARTIAL_SUM_BELOW_SERIES, bind=harmonic,
                                             by=by)) != "✓"
    signed = {**below, "g": sp.Lambda(j, (-1) ** j / j**2)}  # terms of both signs
    inst = instance(lm.PARTIAL_SUM_BELOW_SERIES, **signed)
    assert _use(inst.lhs, "<", inst.rhs, Use(lm.PARTIAL_SUM_BELOW_SERIES, bind=signed,
                                             by=by)) != "✓"


def test_digamma_schema() -> None:
    x = sp.Symbol("x", positive=True)
    ok = Use(lm.DIGAMMA_BINET, bind={"x": x})
    assert _use(sp.digamma(x), "<", sp.log(x) - 1 / (2 * x), ok) == "✓"
    assert _use(sp.digamma(x), "<", sp.log(x) - 1 / x, ok) != "✓"  # not the schema's constant
    assert _use(sp.digamma(x + 1), "<", sp.log(x) - 1 / (2 * x), ok) != "✓"  # wrong argument


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


def _induction_ok(ind: object) -> bool:
    return ind.check().ok  # type: ignore[attr-defined]


def test_closed_forms_true_versions_accepted() -> None:
    assert _induction_ok(pf.alpha_zero_induction())
    assert _induction_ok(pf.constant_alpha_induction())


def test_closed_form_with_shifted_exponent_fails_at_the_base_case() -> None:
    """v* + ρ^{t+1}(v_0 − v*) obeys the recursion but not v(0) = v_0."""
    shifted = pf.V_STAR + pf.RHO ** (pf.t + 1) * (pf.v_seq(0) - pf.V_STAR)
    report = pf.constant_alpha_induction(closed=shifted).check()
    assert not report.ok and not report.base.ok and report.step.ok


@pytest.mark.parametrize("wrong", [
    pf.alpha_zero_closed(pf.t + 1),  # wrong base case
    pf.w_seq(0) + 2 * pf.t * pf.s2,  # wrong slope
])
def test_alpha_zero_wrong_closed_form_rejected(wrong: sp.Basic) -> None:
    assert not _induction_ok(pf.alpha_zero_induction(closed=wrong))


@pytest.mark.parametrize("wrong_limit", [
    2 * pf.s2 / (pf.alpha_c * (2 - pf.alpha_c)),  # wrong constant
    pf.s2 / pf.alpha_c,  # the contraction-lemma floor δ/α, not the exact limit
    pf.s2 / (pf.alpha_c * (1 - pf.alpha_c)),  # wrong factor
])
def test_constant_alpha_wrong_limit_rejected(wrong_limit: sp.Basic) -> None:
    wrong = wrong_limit + pf.RHO**pf.t * (pf.v_seq(0) - wrong_limit)
    assert not _induction_ok(pf.constant_alpha_induction(closed=wrong))


def test_recursion_goal_mutants_are_not_reached() -> None:
    """A conclusion reaches its own statement and none of these mutants of it."""
    concl = pf.alpha_zero_induction().check().established
    stmt = sp.Eq(pf.w_seq(pf.t), pf.alpha_zero_closed(pf.t))
    goal = Goal(stmt, pf.RECURSION_GOAL.variables, pf.RECURSION_GOAL.hypotheses)
    assert follows(concl, goal, use_smt=False) is not None
    mutants = [
        sp.Eq(pf.w_seq(pf.t), pf.alpha_zero_closed(pf.t + 1)),  # shifted
        sp.Eq(pf.w_seq(pf.t), pf.w_seq(0) + 2 * pf.t * pf.s2),  # perturbed constant
        sp.Eq(pf.w_seq(pf.t), pf.t * pf.s2),  # dropped term
        sp.Lt(pf.w_seq(pf.t), pf.alpha_zero_closed(pf.t)),  # strict
    ]
    for m in mutants:
        assert follows(concl, goal.with_relation(m), use_smt=False) is None, m
    rate = pf.constant_alpha_rate().check().established
    assert follows(rate, goal.with_relation(sp.Lt(pf.RHO, sp.Rational(1, 2))),
                   use_smt=False) is None


def test_one_step_false_variants_refuted() -> None:
    a, v, s2 = pf.alpha_c, pf.v, pf.s2
    f = (1 - a) ** 2 * v + s2
    star = s2 / (a * (2 - a))
    hyps = [sp.Le(a, 1)]
    assert _refuted(sp.Eq(f.subs(v, s2 / a), s2 / a), hyps)  # s²/α is not the fixed point
    assert _refuted(sp.Le(f, v), [*hyps, sp.Le(v, star)])  # flipped: below v* it increases
    assert _refuted(sp.Eq(f - star, (1 - a) * (v - star)), hyps)  # contraction factor unsquared


# --- thm-4/divergence ------------------------------------------------------------------------

def test_divergence_induction_accepted_and_its_goal_reached() -> None:
    report = pf.divergence_induction().check()
    assert report.ok
    assert follows(report.established, pf.DIVERGENCE_GOAL) is not None
    for m in (sp.Ge(pf.d_seq(pf.k), sp.Min(pf.B, pf.k * pf.s2)),  # perturbed constant
              sp.Le(pf.d_seq(pf.k), pf.divergence_bound(pf.k)),  # reversed
              sp.Ge(pf.d_seq(pf.k), sp.Min(pf.B, (pf.k + 1) * pf.s2 / 2)),  # shifted
              sp.Ge(pf.d_seq(pf.k), pf.B)):  # dropped term
        assert follows(report.established, pf.DIVERGENCE_GOAL.with_relation(m),
                       use_smt=False) is None, m


@pytest.mark.parametrize("variant", [
    {"gain": sp.Integer(1)},  # a gain of s² per step is too much
    {"condition": sp.Le(pf.a * pf.B, pf.s2)},  # a too large: the gain can vanish
])
def test_divergence_false_variants_rejected(variant: dict) -> None:
    assert not _induction_ok(pf.divergence_induction(**variant))


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
    assert _induction_ok(pf.harmonic_induction())
    assert not _induction_ok(pf.harmonic_induction(denominator=3))


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


def test_popoviciu_true_version_accepted_and_mutants_not_reached() -> None:
    report = pf.popoviciu().check()
    assert report.ok
    goal = Goal(report.established.relation, pf.SUPPORT_GOAL.variables,
                pf.SUPPORT_GOAL.hypotheses)
    assert follows(report.established, goal, use_smt=False) is not None
    for m in (sp.Le(Var(pf.X_s), (pf.hi - pf.lo) ** 2 / 5),
              sp.Ge(Var(pf.X_s), (pf.hi - pf.lo) ** 2 / 4),
              sp.Le(Var(pf.X_s), (pf.hi - pf.lo) / 4)):
        assert follows(report.established, goal.with_relation(m), use_smt=False) is None


def test_mean_error_half_diameter_rejected() -> None:
    assert _accepted(pf.mean_error_bound())
    assert _rejected(pf.mean_error_bound(bound=(pf.hi - pf.lo) / 2))


def test_popoviciu_z3_wrong_bound_refuted() -> None:
    results = pf.popoviciu_z3(bound=(pf.hi - pf.lo) ** 2 / 5)
    statuses = [r.status for _, r in results]
    assert statuses[1:] == ["refuted", "refuted"]
    assert all(r.confirmed for _, r in results[1:])


# --- thm-4/accumulation ----------------------------------------------------------------------

def test_accumulation_closed_form_accepted_and_shifted_rejected() -> None:
    assert _induction_ok(pf.accumulation_induction())
    shifted = pf.C_ACC * pf._partial_sum(pf.t + 2)
    assert not _induction_ok(pf.accumulation_induction(closed=shifted))
    assert not _induction_ok(pf.accumulation_induction(closed=pf.C_ACC * pf._partial_sum(pf.t)))


@pytest.mark.parametrize("wrong", [sp.Rational(8, 5), sp.Integer(1), sp.pi**2 / 8])
def test_accumulation_wrong_series_sum_rejected(wrong: sp.Basic) -> None:
    assert _rejected(pf.accumulation_bound(claimed=wrong))


def test_accumulation_true_bound_accepted() -> None:
    assert _accepted(pf.accumulation_bound())


def test_accumulation_variance_step_wrong_term_rejected() -> None:
    assert _accepted(pf.accumulation_variance_step())
    assert _rejected(pf.accumulation_variance_step(claimed=pf.C_ACC / (pf.t + 1)))


def test_accumulation_rational_bound_false_variant_refuted() -> None:
    mm = sp.Symbol("m", positive=True)
    ss = sp.Symbol("S_m", positive=True)
    assert pf.accumulation_rational_bound_z3().status == "proved"
    assert _refuted(sp.Le(ss + 1 / (mm + 1) ** 2, 2 - 2 / (mm + 1)),
                    [sp.Ge(mm, 1), sp.Le(ss, 2 - 1 / mm)])


def test_replace_varying_n_wrong_increment_rejected() -> None:
    assert _rejected(pf.replace_varying_n_step(claimed=pf.sigma2 / pf.nt**2))
    assert _rejected(pf.replace_varying_n_step(claimed=pf.sigma2))
    assert not _induction_ok(pf.replace_varying_n_induction(closed=pf._size_sum(pf.t)))


# --- thm-4/gaussian-estimators ---------------------------------------------------------------

def test_total_variance_dropped_term_rejected() -> None:
    w = E(pf.sigma2_t)
    assert _accepted(pf.refit_total_variance())
    assert _rejected(pf.refit_total_variance(claimed=w / pf.N))  # Var μ_t dropped
    assert _rejected(pf.refit_total_variance(claimed=w / pf.N**2 + Var(pf.mu_t)))


def test_refit_closed_forms_false_variants_rejected() -> None:
    assert _induction_ok(pf.unbiased_mean_variance_induction())
    assert not _induction_ok(
        pf.unbiased_mean_variance_induction(closed=(pf.t + 1) * pf.sigma2_0 / pf.N))
    q = 1 - 1 / pf.N
    assert _induction_ok(pf.mle_mean_variance_induction())
    assert not _induction_ok(
        pf.mle_mean_variance_induction(closed=pf.sigma2_0 * (1 - q ** (pf.t + 1))))
    assert not _induction_ok(
        pf.mle_mean_variance_induction(closed=pf.sigma2_0 * (1 - q**pf.t) / pf.N))
    assert _rejected(pf.mle_mean_variance_bounded(bound=pf.sigma2_0 / 2))


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


def test_chi2_schemas_reject_false_instances() -> None:
    x, k = lm.CHI2_X, pf.kdf
    ok = Use(lm.CHI2_MOMENT, bind={"p": 1, "k": k}, by=(Smt(),))
    mean = lm.Chi2Average(x, x, k)
    assert _use(mean, "=", 2 * sp.gamma(k / 2 + 1) / sp.gamma(k / 2), ok) == "✓"
    assert _use(mean, "=", sp.gamma(k / 2 + 1) / sp.gamma(k / 2), ok) != "✓"  # E X = k/2?
    below = Use(lm.CHI2_MOMENT, bind={"p": -k, "k": k}, by=(Smt(),))  # p ≤ −k/2: infinite
    inst = instance(lm.CHI2_MOMENT, p=-k, k=k)
    assert _use(inst.lhs, "=", inst.rhs, below) != "✓"
    log_mean = Use(lm.CHI2_LOG_MEAN, bind={"k": k})
    e_log = lm.Chi2Average(sp.log(x), x, k)
    assert _use(e_log, "=", sp.digamma(k / 2) + sp.log(2), log_mean) == "✓"
    assert _use(e_log, "=", sp.digamma(k / 2), log_mean) != "✓"
    random_a = {"a": x, "g": sp.Lambda(x, sp.log(x)), "c": 0, "k": k}
    inst = instance(lm.CHI2_LINEAR, **random_a)
    assert _use(inst.lhs, "=", inst.rhs, Use(lm.CHI2_LINEAR, bind=random_a)) != "✓"
    a, b, c = sp.symbols("a b c", real=True)
    add = Use(lm.ADD_TO_BOTH_SIDES, bind={"a": a, "b": b, "c": c}, by=(Given(),))
    assert check_relation(a + c, "<", b + c, add, (sp.Lt(a, b),)).mark == "✓"
    assert check_relation(a + c, "<", b + c, add, (sp.Lt(b, a),)).mark != "✓"


def test_gaussian_goal_reached_and_mutants_not() -> None:
    concl = pf.gaussian_mle_sigma2()[1].check().established
    stmt = sp.Eq(pf.S_mle(pf.t), (pf.kdf / pf.n_of_k) ** pf.t * pf.sigma2_0)
    goal = Goal(stmt, pf.GAUSSIAN_GOAL.variables, pf.GAUSSIAN_GOAL.hypotheses)
    assert follows(concl, goal, use_smt=False) is not None
    for m in (sp.Eq(pf.S_mle(pf.t), (pf.kdf / pf.n_of_k) ** (pf.t + 1) * pf.sigma2_0),
              sp.Eq(pf.S_mle(pf.t), (pf.kdf / pf.n_of_k) ** pf.t),
              sp.Eq(pf.S_mle(pf.t), ((pf.kdf - 1) / pf.n_of_k) ** pf.t * pf.sigma2_0)):
        assert follows(concl, goal.with_relation(m), use_smt=False) is None, m
    drift = pf.log_drift_negative().check().established
    assert follows(drift, goal.with_relation(sp.Lt(pf.D_UNBIASED, -2 / pf.kdf)),
                   use_smt=False) is None
    shifted = (pf.kdf / pf.n_of_k) ** (pf.t + 1) * pf.sigma2_0
    wrong_base = pf._induction(
        "shifted", pf.t, sp.Eq(pf.S_mle(pf.t), shifted),
        [Step("=", shifted.subs(pf.t, 0), Given())],
        [Step("=", pf.kdf / pf.n_of_k * pf.S_mle(pf.t), Given()),
         Step("=", pf.kdf / pf.n_of_k * shifted, Smt()),
         Step("=", shifted.subs(pf.t, pf.t + 1), Algebra())],
        (pf.MLE_TOWER, sp.Eq(pf.S_mle(0), pf.sigma2_0)),
        base_hypotheses=(sp.Eq(pf.S_mle(0), pf.sigma2_0),))
    assert not _induction_ok(wrong_base)


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
