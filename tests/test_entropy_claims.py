"""False variants of the Theorem 2 / Corollary 3 evidence: the same checkers must refuse them.

Every derivation, z3 query and certified comparison used by ``theorems.entropy`` is fed here a
wrong version (flipped inequality, dropped factor, wrong constant, missing hypothesis) and must
not be accepted; the true versions are run alongside so a test cannot pass by breaking both.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction as F

import pytest
import sympy as sp

from numerics import entropy as num
from proofs import entropy as pf
from proofs.derivation import Algebra, Condition, Derivation, Lemma, Smt, Step
from proofs.smt import prove
from theorems import entropy as th

N, q, k, y = pf.N, pf.q, pf.k, pf.y


def _replace_last(d: Derivation, rel: str, end: sp.Basic, *, hypotheses: tuple | None = None,
                  by: object | None = None) -> Derivation:
    """``d`` with its last step changed to ``rel end`` (same justification unless ``by``)."""
    last = d.steps[-1]
    steps = [*d.steps[:-1], Step(rel, end, by if by is not None else last.by, last.note)]
    return Derivation(d.name + " (false variant)", d.start, steps, goal=(d.start, rel, end),
                      hypotheses=d.hypotheses if hypotheses is None else hypotheses)


# --- the true derivations check ------------------------------------------------------------------

TRUE_BUILDERS: list[Callable[[], Derivation]] = [
    pf.normalisation_of_binomial, pf.mean_of_binomial, pf.second_moment_of_binomial,
    pf.jensen_one_category, pf.point_mass_is_fixed, pf.plugin_entropy_nonnegative,
    pf.entropy_rises_witness, pf.rise_probability, pf.gini_one_step,
    pf.mixture_is_probability, pf.gini_induction_step, pf.gini_closed_form,
    pf.support_never_grows, pf.absorption_certain, pf.fixation_is_initial_share,
    pf.kernel_free_of_truth, pf.dpi_step,
]


@pytest.mark.parametrize("builder", TRUE_BUILDERS, ids=lambda b: b.__name__)
def test_true_derivation_checks(builder: Callable[[], Derivation]) -> None:
    report = builder().check()
    assert report.ok, report.summary()


# --- binomial moments ----------------------------------------------------------------------------

def test_mean_with_wrong_value_is_refused() -> None:
    bad = _replace_last(pf.mean_of_binomial(), "=", q**2)
    assert not bad.check().ok


def test_second_moment_with_dropped_factor_is_refused() -> None:
    bad = _replace_last(pf.second_moment_of_binomial(), "=", q**2 + q * (1 - q) / (2 * N))
    assert not bad.check().ok


def test_normalisation_with_wrong_total_is_refused() -> None:
    bad = _replace_last(pf.normalisation_of_binomial(), "=", 1 - q / N)
    assert not bad.check().ok


# --- thm-2/expectation ------------------------------------------------------------------------

def test_jensen_flipped_is_refused() -> None:
    d = pf.jensen_one_category()
    assert not _replace_last(d, ">", pf.phi(q)).check().ok


def test_jensen_for_a_convex_function_is_refused() -> None:
    # the same shape of argument with ψ(y) = y ln y (convex): its concavity side condition fails
    psi = lambda v: v * sp.log(v)  # noqa: E731 - a one-line test helper
    lemma = Lemma("Jensen (misapplied)", "",
                  (Condition(sp.Lt(sp.Derivative(psi(y), (y, 2)), 0, evaluate=False), Algebra()),))
    start = sp.Sum(pf._pmf() * psi(k / N), (k, 1, N))
    bad = Derivation("convex", start, [Step("<", psi(q), lemma)], goal=(start, "<", psi(q)),
                     hypotheses=(pf.Q_LT_1,))
    assert not bad.check().ok


def test_strict_jensen_at_a_point_mass_is_refused() -> None:
    d = pf.jensen_one_category()
    bad = Derivation(d.name, d.start, d.steps, goal=d.goal, hypotheses=(sp.Eq(q, 1),))
    assert not bad.check().ok


def test_three_categories_flipped_is_refused() -> None:
    d = pf.expectation_three_categories()
    end = d.steps[-1].expr
    assert not _replace_last(d, ">", end).check().ok


def test_general_k_strict_without_the_point_mass_exclusion_is_refused() -> None:
    """Strict for every Q is false (a point mass keeps its entropy): without the hypothesis
    that no Q(x) is 1, the strict Jensen premise Q(x) < 1 is not a hypothesis."""
    d = pf.expectation_strict_any_k()
    bad = Derivation(d.name, d.start, d.steps, goal=d.goal,
                     hypotheses=tuple(h for h in d.hypotheses if h != pf.NOT_A_POINT_MASS))
    assert not bad.check().ok


def test_general_k_reversed_is_refused() -> None:
    d = pf.expectation_any_k()
    exp_h, h = d.start, d.steps[-1].expr
    assert not _replace_last(d, ">=", h).check().ok
    # Jensen applied to the convex y ln y cannot give the bound for −y ln y
    y_ = pf.BINOMIAL_Y
    convex = pf.Use(pf.JENSEN_BINOMIAL, bind={"g": sp.Lambda(y_, y_ * sp.log(y_))})
    z = sp.Symbol("z", integer=True, positive=True)
    step = pf.Use(pf.SUM_MONOTONE, bind={"g": sp.Lambda(z, pf.expected_phi(pf.Qp[z])),
                                         "h": sp.Lambda(z, pf.phi(pf.Qp[z])), "u": 1,
                                         "i": pf.x, "lo": 1, "hi": pf.K},
                  by=(Algebra(), convex))
    bad = Derivation("convex", exp_h, [Step("<=", h, step)], goal=(exp_h, "<=", h),
                     hypotheses=d.hypotheses)
    assert not bad.check().ok


def test_general_k_conclusion_reaches_the_goal_and_not_a_mutant() -> None:
    from proofs.goal import follows

    parts = [pf.expectation_any_k(), pf.expectation_strict_any_k(), pf.point_mass_is_kept()]
    concl = pf.expectation_conclusion(parts)
    assert follows(concl, pf.EXPECTATION_GOAL) is not None
    reversed_ = pf.EXPECTATION_GOAL.with_relation(sp.And(
        sp.Ge(*pf._category_sums(), evaluate=False), *pf.EXPECTATION_GOAL.relation.args[1:],
        evaluate=False))
    assert follows(concl, reversed_, use_smt=False) is None
    with pytest.raises(ValueError):
        pf.discharge(parts[0].check().established, pf.NOT_A_POINT_MASS)


def test_point_mass_variance_without_the_hypothesis_is_refused() -> None:
    d = pf.point_mass_is_fixed()
    assert not Derivation(d.name, d.start, d.steps, goal=d.goal).check().ok


def test_plugin_entropy_term_above_one_is_negative() -> None:
    u = sp.Symbol("u", positive=True)
    v = 1 + u  # y > 1: −y ln y < 0
    bad = Derivation("φ ≥ 0 beyond 1", pf.phi(v), [Step(">=", sp.Integer(0), Algebra())],
                     goal=(pf.phi(v), ">=", 0))
    assert not bad.check().ok


# --- thm-2/pointwise and thm-2/as-stated --------------------------------------------------------

def test_rise_witness_with_wrong_constant_is_refused() -> None:
    bad = _replace_last(pf.entropy_rises_witness(), "=", sp.log(2) / 2, by=Algebra())
    assert not bad.check().ok
    lemma = Lemma("ln is increasing", "",
                  (Condition(sp.Lt(sp.Integer(10) ** 10 / sp.Integer(9) ** 9, 8,
                                   evaluate=False), Algebra()),))
    ratio = sp.Integer(10) ** 10 / sp.Integer(9) ** 9
    start = sp.log(ratio) / 10
    assert not Derivation("bad lemma", start, [Step("<", sp.log(8) / 10, lemma)],
                          goal=(start, "<", sp.log(8) / 10)).check().ok


def test_rise_probability_wrong_value_is_refused() -> None:
    assert not _replace_last(pf.rise_probability(), "=", sp.Rational(9, 100)).check().ok


def test_arb_refuses_the_reverse_entropy_comparison() -> None:
    assert th._certify_entropy_below(("9/10", "1/10"), ("1/2", "1/2")) == "certified"
    assert th._certify_entropy_below(("1/2", "1/2"), ("9/10", "1/10")) == "refuted"


def test_no_rise_from_the_uniform_distribution() -> None:
    # the pointwise refutation needs a rise of positive probability; at the maximum there is none
    assert th._rise_witness((F(1, 2), F(1, 2)), 2) == (0, 0)
    assert th._rise_witness((F(9, 10), F(1, 10)), 2) == (F(9, 50), F(9, 50))


def test_uniform_distribution_is_not_a_counterexample_to_eq12() -> None:
    assert th._constant_fails_at((F(1, 2), F(1, 2)), 10)[0] is False
    assert th._constant_fails_at((1 - F(1, 10**6), F(1, 10**6)), 10)[0] is True


def test_entropy_limit_is_not_zero_away_from_the_boundary() -> None:
    eps = sp.Symbol("epsilon", positive=True)
    h = pf.phi(sp.Rational(1, 2) + eps) + pf.phi(sp.Rational(1, 2) - eps)
    assert sp.limit(h, eps, 0, "+") != 0
    assert pf.as_stated_limit()["limit"] == 0


# --- thm-2/gini -----------------------------------------------------------------------------

def test_gini_wrong_factor_is_refused() -> None:
    d = pf.gini_one_step()
    s2 = sp.Sum(sp.IndexedBase("m", nonnegative=True)[pf.x] ** 2, (pf.x, 1, pf.K))
    assert not _replace_last(d, "=", (1 - 2 / N) * (1 - s2)).check().ok


def test_gini_without_normalisation_is_refused() -> None:
    d = pf.gini_one_step()
    kept = tuple(h for h in d.hypotheses if not isinstance(h, sp.Equality))
    assert len(kept) == len(d.hypotheses) - 1
    assert not Derivation(d.name, d.start, d.steps, goal=d.goal, hypotheses=kept).check().ok


def test_gini_induction_with_wrong_power_is_refused() -> None:
    d = pf.gini_induction_step()
    c = 1 - 1 / N
    assert not _replace_last(d, "=", c**2 * pf.r * pf.G0).check().ok


def test_gini_closed_form_with_wrong_exponent_is_refused() -> None:
    c = 1 - 1 / N
    assert not _replace_last(pf.gini_closed_form(), "=", c ** (pf.t + 2) * pf.G0).check().ok


def test_gini_mixing_with_wrong_weight_is_refused() -> None:
    per_category, summed = pf.gini_mixed_unconditional()
    a = pf.alpha
    sp2, sw = sp.symbols("S_P S_W", nonnegative=True)
    bad_end = a * (1 - sp2) + (1 - a) ** 2 * (1 - sw)
    assert not _replace_last(summed, "=", bad_end).check().ok
    # dropping E[Q_t(x)] = P(x) breaks the per-category step
    assert not Derivation(per_category.name, per_category.start, per_category.steps,
                          goal=per_category.goal).check().ok


def test_gini_z3_false_variants_are_refuted() -> None:
    assert all(r.status == "proved" for _, r in pf.gini_z3())
    n_ = sp.Symbol("N", positive=True)
    qs = sp.symbols("q1 q2 q3", nonnegative=True)
    lhs = 1 - sum(v**2 + v * (1 - v) / n_ for v in qs)
    rhs = (1 - 1 / n_) * (1 - sum(v**2 for v in qs))
    missing = prove(sp.Eq(lhs, rhs), [])
    assert missing.status == "refuted" and missing.confirmed
    wrong = prove(sp.Eq(lhs, (1 - 1 / (2 * n_)) * (1 - sum(v**2 for v in qs))),
                  [sp.Eq(sum(qs), 1)])
    assert wrong.status == "refuted" and wrong.confirmed


def test_exact_gini_path_separates_the_plug_in_curve() -> None:
    p = (F(1, 2), F(1, 3), F(1, 6))
    exact = pf.exact_gini_path(p, 3, F(1, 3), 3)
    assert exact == num.gini_trajectory(p, 3, [F(1, 3)] * 3)
    naive = (1 - F(1, 3)) * num.gini(p)
    assert exact[-1] != naive


# --- thm-2/rate ------------------------------------------------------------------------------

def test_formal_coefficients_refuse_a_wrong_constant() -> None:
    first = pf.formal_loss_coefficients(1)[0]
    assert first.check().ok
    assert not _replace_last(first, "=", (1 - q) / 3).check().ok


def test_remainder_check_refuses_a_wrong_third_coefficient() -> None:
    qv = (F(1, 2), F(1, 4), F(1, 4))
    assert th._remainder_ratios(qv, th._third_coefficient(qv), (400,))[0]
    assert not th._remainder_ratios(qv, 2 * th._third_coefficient(qv), (400,))[0]


# --- thm-2/absorption -------------------------------------------------------------------------

def test_absorption_bound_too_strong_is_refused() -> None:
    d = pf.absorption_certain()
    lemma = Lemma("wrong normalisation", "")
    bad = Derivation(d.name, d.start, [d.steps[0], Step("=", pf.K ** (2 - N), lemma)],
                     goal=(d.start, ">=", pf.K ** (2 - N)), hypotheses=d.hypotheses)
    assert not bad.check().ok


def test_fixation_probability_squared_is_refused() -> None:
    d = pf.fixation_is_initial_share()
    i = sp.Symbol("i", integer=True, nonnegative=True)
    assert not _replace_last(d, "=", (i / N) ** 2).check().ok


def test_a_present_category_can_be_drawn() -> None:
    total = sp.Sum(pf._pmf(k, N, sp.Integer(0)), (k, 0, N))  # includes k = 0: probability 1
    bad = Derivation("k from 0", total, [Step("=", sp.Integer(0), Algebra())],
                     goal=(total, "=", 0))
    assert not bad.check().ok


# --- cor-3 -----------------------------------------------------------------------------------

def test_dpi_without_markov_property_is_refused() -> None:
    d = pf.dpi_step()
    chain_rule_only = d.hypotheses[:2]
    assert not Derivation(d.name, d.start, d.steps, goal=d.goal,
                          hypotheses=chain_rule_only).check().ok


def test_dpi_without_chain_rule_is_refused() -> None:
    d = pf.dpi_step()
    markov_only = d.hypotheses[2:]
    assert not Derivation(d.name, d.start, d.steps, goal=d.goal,
                          hypotheses=markov_only).check().ok


def test_dpi_flipped_is_refused() -> None:
    d = pf.dpi_step()
    jj, cb = sp.Symbol("J", nonnegative=True), sp.Symbol("C_b", nonnegative=True)
    bad = Derivation(d.name, jj - cb, [Step(">=", jj, Algebra())], goal=(jj - cb, ">=", jj),
                     hypotheses=d.hypotheses)
    assert not bad.check().ok


def test_kernel_depends_on_truth_when_alpha_positive() -> None:
    p_, q_ = sp.symbols("P_x Q_x", nonnegative=True)
    grad = sp.Subs(sp.Derivative(pf.alpha * p_ + (1 - pf.alpha) * q_, p_), pf.alpha,
                   sp.Rational(1, 2))
    bad = Derivation("α = 1/2", grad, [Step("=", sp.Integer(0), Algebra())], goal=(grad, "=", 0))
    assert not bad.check().ok


def test_markov_laws_coincide_only_at_alpha_zero() -> None:
    closed = th._first_step_laws(F(0))
    grounded = th._first_step_laws(F(1, 2))
    assert closed[0] == closed[1]
    assert grounded[0] != grounded[1]


def test_monotonicity_helper_tells_rise_from_fall() -> None:
    falling = num.stagnation_example(dps=30, T=3).trajectory
    rising = num.grounded_rise_example(dps=30, T=3).trajectory
    assert th._strictly_monotone(falling, -1) and not th._strictly_monotone(falling, +1)
    assert th._strictly_monotone(rising, +1) and not th._strictly_monotone(rising, -1)


def test_smt_justification_refuses_a_false_step() -> None:
    # the induction step of the Gini closed form, with the induction hypothesis dropped
    c = 1 - 1 / N
    bad = Derivation("no hypothesis", c * pf.Et, [Step("=", c * pf.r * pf.G0, Smt())],
                     goal=(c * pf.Et, "=", c * pf.r * pf.G0))
    assert not bad.check().ok
