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
from proofs.derivation import Algebra, Derivation, Step
from proofs.goal import Goal, follows
from proofs.lemmas import (
    LINEAR_COMBINATION_OF_SUMS,
    MI_CHAIN_RULE,
    POWER_MEAN,
    SUBSTITUTE_EQUAL,
    ConditionalMutualInformation,
    MutualInformation,
)
from proofs.smt import prove
from theorems import entropy as th
from theorems.model import Outcome

N, q, k = pf.N, pf.q, pf.k


def _replace_last(d: Derivation, rel: str, end: sp.Basic, *, hypotheses: tuple | None = None,
                  by: object | None = None) -> Derivation:
    """``d`` with its last step changed to ``rel end`` (same justification unless ``by``)."""
    last = d.steps[-1]
    steps = [*d.steps[:-1], Step(rel, end, by if by is not None else last.by, last.note)]
    return Derivation(d.name + " (false variant)", d.start, steps, goal=(d.start, rel, end),
                      hypotheses=d.hypotheses if hypotheses is None else hypotheses)


# --- the true derivations check ------------------------------------------------------------------

TRUE_BUILDERS: list[Callable[[], Derivation]] = [
    pf.mean_of_binomial, pf.second_moment_of_binomial, pf.jensen_one_category,
    pf.point_mass_is_fixed, pf.plugin_entropy_nonnegative, pf.entropy_rises_witness,
    pf.rise_probability, pf.support_never_grows, pf.fixation_harmonic, pf.kernel_free_of_truth,
    pf.dpi_step, pf.information_rises,
]


@pytest.mark.parametrize("builder", TRUE_BUILDERS, ids=lambda b: b.__name__)
def test_true_derivation_checks(builder: Callable[[], Derivation]) -> None:
    report = builder().check()
    assert report.ok, report.summary()


# --- the schemas of this family refuse false instances ----------------------------------------

Y = pf.Y
S = pf._over_categories


def test_mean_with_wrong_value_is_refused() -> None:
    bad = _replace_last(pf.mean_of_binomial(), "=", q**2)
    assert not bad.check().ok


def test_mean_outside_the_unit_interval_is_refused() -> None:
    d = pf.mean_of_binomial()
    assert not Derivation(d.name, d.start, d.steps, goal=d.goal).check().ok  # no q ≤ 1


def test_second_moment_with_dropped_factor_is_refused() -> None:
    bad = _replace_last(pf.second_moment_of_binomial(), "=", q**2 + q * (1 - q) / (2 * N))
    assert not bad.check().ok


def test_power_mean_too_strong_or_for_signed_entries_is_refused() -> None:
    d = pf.absorption_certain()
    too_strong = pf.K ** (2 - N)
    bad = Derivation(d.name, d.start, [d.steps[0], Step("=", too_strong, d.steps[1].by)],
                     goal=(d.start, ">=", too_strong), hypotheses=d.hypotheses)
    assert not bad.check().ok
    a = sp.IndexedBase("a", real=True)  # entries of either sign: the premise a(x) ≥ 0 fails
    start = S(a[pf.x] ** 2)
    end = pf.K ** (-1) * S(a[pf.x]) ** 2
    use = pf.Use(POWER_MEAN, bind={"g": sp.Lambda(pf._z, a[pf._z]), "n": 2})
    assert not Derivation("signed", start, [Step(">=", end, use)],
                          goal=(start, ">=", end)).check().ok


def test_substitution_needs_the_equation() -> None:
    z = sp.Symbol("z", real=True)
    start = pf.K ** (1 - N) * S(pf.Qv[pf.x]) ** N
    use = pf.Use(SUBSTITUTE_EQUAL, bind={"g": sp.Lambda(z, pf.K ** (1 - N) * z**N),
                                         "a": S(pf.Qv[pf.x]), "b": sp.Integer(2)},
                 by=(pf.Given(),))
    end = pf.K ** (1 - N) * 2**N
    bad = Derivation("Σ Q = 2", start, [Step("=", end, use)], goal=(start, "=", end),
                     hypotheses=(pf.ABSORPTION_VECTOR,))
    assert not bad.check().ok


def test_linear_combination_refuses_a_coefficient_that_varies() -> None:
    m = pf.mv
    start = S(pf.x * m[pf.x] + m[pf.x])
    end = pf.x * S(m[pf.x]) + S(m[pf.x])
    use = pf.Use(LINEAR_COMBINATION_OF_SUMS, bind={
        "a": pf.x, "b": 1, "g": sp.Lambda(pf._z, m[pf._z]), "h": sp.Lambda(pf._z, m[pf._z])})
    assert not Derivation("x is not a constant", start, [Step("=", end, use)],
                          goal=(start, "=", end)).check().ok


def test_chain_rule_in_the_wrong_order_is_refused() -> None:
    mi, cmi = MutualInformation, ConditionalMutualInformation
    xx, yy, zz = sp.symbols("X Y Z")
    start = mi(xx, zz) + cmi(xx, yy, zz)
    wrong = mi(xx, yy) + cmi(xx, yy, zz)  # the conditioning must swap too
    assert not Derivation("chain rule", start, [Step("=", wrong, pf.Use(MI_CHAIN_RULE))],
                          goal=(start, "=", wrong)).check().ok


def test_dpi_without_the_closed_loop_is_refused() -> None:
    d = pf.dpi_step()
    assert not Derivation(d.name, d.start, d.steps, goal=d.goal).check().ok
    grounded = (sp.Eq(pf.alpha, sp.Rational(1, 2)),)
    assert not Derivation(d.name, d.start, d.steps, goal=d.goal,
                          hypotheses=grounded).check().ok


def test_dpi_flipped_is_refused() -> None:
    d = pf.dpi_step()
    first = d.steps[0]
    bad = Derivation(d.name, d.start, [Step(">=", first.expr, first.by)],
                     goal=(d.start, ">=", first.expr), hypotheses=d.hypotheses)
    assert not bad.check().ok


# --- thm-2/expectation ------------------------------------------------------------------------

def test_jensen_flipped_is_refused() -> None:
    d = pf.jensen_one_category()
    assert not _replace_last(d, ">", pf.phi(q)).check().ok


def test_jensen_for_a_convex_function_is_refused() -> None:
    psi = sp.Lambda(Y, Y * sp.log(Y))  # convex: the premise g'' < 0 fails
    start = pf.BinomialAverage(psi(Y), Y, N, q)
    use = pf.Use(pf.JENSEN_BINOMIAL_STRICT, bind={"g": psi},
                 by=(Algebra(), pf.Given(), Algebra(), Algebra()))
    bad = Derivation("convex", start, [Step("<", psi(q), use)], goal=(start, "<", psi(q)),
                     hypotheses=(pf.Q_LT_1,))
    assert not bad.check().ok


def test_strict_jensen_at_a_point_mass_is_refused() -> None:
    d = pf.jensen_one_category()
    bad = Derivation(d.name, d.start, d.steps, goal=d.goal, hypotheses=(sp.Eq(q, 1),))
    assert not bad.check().ok


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
    bad = _replace_last(pf.entropy_rises_witness(), "<", sp.log(2) / 4, by=Algebra())  # H ≈ 0.325
    assert not bad.check().ok
    ratio = sp.Integer(10) ** 10 / sp.Integer(9) ** 9  # ≈ 25.8 > 8: ln(ratio)/10 > ln(8)/10
    start = sp.log(ratio) / 10
    assert not Derivation("ln 25.8 < ln 8", start, [Step("<", sp.log(8) / 10, Algebra())],
                          goal=(start, "<", sp.log(8) / 10)).check().ok


def test_rise_probability_at_a_point_mass_is_refused() -> None:
    d = pf.rise_probability()
    assert not Derivation(d.name, d.start, d.steps, goal=d.goal,
                          hypotheses=(sp.Eq(q, 1),)).check().ok
    assert sp.expand(d.start - 2 * q * (1 - q)) == 0


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



# --- mutated goals: the conclusions of the proofs do not reach them ---------------------------

def _mutate(goal: Goal, k: int, new: sp.Basic) -> Goal:
    """``goal`` with its k-th conjunct replaced."""
    atoms = list(goal.relation.args)
    atoms[k] = new
    return goal.with_relation(sp.And(*atoms, evaluate=False))


def _gini_concl() -> Goal:
    return pf.gini_conclusion(pf.gini_parts())  # built from the parts' statements (no run)


def test_gini_conclusion_reaches_its_goal() -> None:
    assert follows(_gini_concl(), pf.GINI_GOAL) is not None


@pytest.mark.parametrize("which", ["factor", "exponent", "constant", "reversed", "dropped"])
def test_gini_mutated_goals_are_not_concluded(which: str) -> None:
    m, t = pf.mv, pf.t
    lhs, _ = pf.gini_sides(lambda v: m[v])
    mutants = {
        "factor": (0, sp.Eq(lhs, (1 - 2 / N) * (1 - S(m[pf.x] ** 2)), evaluate=False)),
        "exponent": (1, sp.Eq(pf.ExpectedGini(t), pf.SHRINK ** (t + 1) * pf.ExpectedGini(0),
                              evaluate=False)),
        "constant": (2, sp.Eq(S(pf._mixture(pf.x)), 2, evaluate=False)),
        "reversed": (3, sp.Ge(pf.MIXTURE_ENTRY, 1, evaluate=False)),
        "dropped": (5, sp.Eq(pf.mixed_gini_sides()[0],
                             (1 - pf.alpha) ** 2 * (1 - S(pf.Wv[pf.x])), evaluate=False)),
    }
    k, new = mutants[which]
    assert follows(_gini_concl(), _mutate(pf.GINI_GOAL, k, new)) is None


def test_gini_closed_form_with_a_wrong_base_case_fails() -> None:
    assert pf.gini_closed_form_induction().check().ok
    shifted = pf.SHRINK ** (pf.t + 1) * pf.ExpectedGini(0)  # satisfies the step, not the base
    report = pf.gini_closed_form_induction(shifted).check()
    assert not report.ok and "base case" in report.conclusion


def test_gini_one_step_without_normalisation_is_refused() -> None:
    d = pf.gini_one_step()
    kept = tuple(h for h in d.hypotheses if not isinstance(h, sp.Equality))
    assert len(kept) == len(d.hypotheses) - 1
    # only the last step uses Σ m = 1: check it alone, without the hypothesis
    last = d.steps[-1]
    bad = Derivation(d.name, d.steps[0].expr, [last], goal=(d.steps[0].expr, "=", last.expr),
                     hypotheses=kept)
    assert not bad.check().ok


def test_mean_share_without_an_unbiased_start_is_refused() -> None:
    ind = pf.mean_share_induction()
    base = ind.base
    bad_base = Derivation(base.name, base.start, base.steps, goal=base.goal)
    bad = pf.Induction(ind.name, ind.var, ind.statement, bad_base, ind.step,
                       hypotheses=ind.hypotheses[1:])
    assert not bad.check().ok


def test_mixed_gini_with_wrong_weight_is_refused() -> None:
    d = pf.gini_mixed_unconditional()
    a = pf.alpha
    bad_end = a * (1 - S(pf.Pv[pf.x] ** 2)) + (1 - a) ** 2 * (1 - S(pf.Wv[pf.x]))
    bad = Derivation(d.name, d.steps[0].expr, [Step("=", bad_end, d.steps[1].by)],
                     goal=(d.steps[0].expr, "=", bad_end))
    assert not bad.check().ok


def test_absorption_mutated_goals_are_not_concluded() -> None:
    concl = pf.absorption_conclusion(pf.absorption_parts())
    assert follows(concl, pf.ABSORPTION_GOAL) is not None
    start, _ = pf.absorption_sides()
    i = pf._copies
    for k, new in (
        (2, sp.Ge(start, pf.K ** (2 - N), evaluate=False)),  # shifted exponent
        (3, sp.Eq(pf._average(Y, i / N), (i / N) ** 2, evaluate=False)),  # squared share
        (0, sp.Eq(pf._average(Y, q), q**2, evaluate=False)),
    ):
        assert follows(concl, _mutate(pf.ABSORPTION_GOAL, k, new)) is None


def test_supermartingale_mutated_goals_are_not_concluded() -> None:
    concl = pf.supermartingale_conclusion(pf.supermartingale_parts())
    assert follows(concl, pf.SUPERMARTINGALE_GOAL) is not None
    exp_h, h = pf._category_sums()
    for k, new in (
        (0, sp.Ge(exp_h, h, evaluate=False)),
        (1, sp.Lt(pf.witness_entropy(), sp.log(2) / 2, evaluate=False)),
        (2, sp.Gt(pf._pmf(1, 2, q), 1, evaluate=False)),
    ):
        assert follows(concl, _mutate(pf.SUPERMARTINGALE_GOAL, k, new)) is None


def test_dpi_mutated_goals_are_not_concluded() -> None:
    report = pf.dpi_step().check()
    assert follows(report.established, pf.DPI_GOAL) is not None
    mi = MutualInformation
    for new in (sp.Ge(mi(pf.P_rv, pf.NEXT), mi(pf.P_rv, pf.Qt_rv), evaluate=False),
                sp.Lt(mi(pf.P_rv, pf.NEXT), mi(pf.P_rv, pf.Qt_rv), evaluate=False)):
        assert follows(report.established, pf.DPI_GOAL.with_relation(new)) is None
    unconditional = Goal(pf.DPI_GOAL.relation, pf.DPI_GOAL.variables, ())
    assert follows(report.established, unconditional) is None  # needs α = 0


def test_needs_markov_goal_and_a_mutant() -> None:
    report = pf.information_rises().check()
    assert follows(report.established, pf.NEEDS_MARKOV_GOAL) is not None
    i1 = pf.grounded_information()
    too_much = sp.Gt(i1, sp.Rational(1, 5), evaluate=False)  # I(P; Q_1) ≈ 0.1154
    assert follows(report.established, pf.NEEDS_MARKOV_GOAL.with_relation(too_much)) is None
    closed = pf.mutual_information_expr(pf.first_step_laws(F(0)))
    assert sp.simplify(closed) == 0  # at α = 0 the laws coincide: no information
    assert th._needs_markov_arb().outcome is Outcome.SUPPORTS


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



def test_rate_grid_goal_refuses_a_perturbed_bound() -> None:
    res = th._rate_arb()
    assert res.outcome is Outcome.SUPPORTS and follows(res.conclusion, pf.RATE_GOAL)
    atoms = list(pf.RATE_GOAL.relation.args)
    first = atoms[0]  # 8·10⁶ r(200) > 0.8 c₃: with 1.5 c₃ it is false
    atoms[0] = sp.Gt(first.lhs, first.rhs * sp.Rational(15, 8), evaluate=False)
    mutant = pf.RATE_GOAL.with_relation(sp.And(*atoms[:3], evaluate=False))
    assert th._rate_arb(mutant).outcome is Outcome.UNDECIDED


# --- thm-2/absorption -------------------------------------------------------------------------

def test_fixation_probability_squared_is_refused() -> None:
    d = pf.fixation_harmonic()
    i = pf._copies
    assert not _replace_last(d, "=", (i / N) ** 2).check().ok


def test_a_present_category_can_be_drawn() -> None:
    total = sp.Sum(pf._pmf(k, N, sp.Integer(0)), (k, 0, N))  # includes k = 0: probability 1
    bad = Derivation("k from 0", total, [Step("=", sp.Integer(0), Algebra())],
                     goal=(total, "=", 0))
    assert not bad.check().ok


# --- cor-3 -----------------------------------------------------------------------------------

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

