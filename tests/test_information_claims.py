"""False variants of the information-family proofs (Props. 9–10, eq. 20, §5.1) are not accepted.

Each test feeds the checker that proves a statement of ``proofs/information.py`` (the
derivation checker, z3 or the arb certifier) a false variant of it: a learner that reads the
mechanism, a prior that depends on it, a flipped inequality, a concave generator, a factor
(1 − α)² instead of 1 − α, a wrong constant. None may be accepted. Where the true version is
cheap, its acceptance is asserted alongside, so the test also shows the checker is not simply
rejecting everything.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from numerics import information as ni
from numerics.precision import certify
from proofs import information as pf
from proofs.derivation import Algebra, Derivation, Given, Step, Use
from proofs.lemmas import (
    DATA_PROCESSING,
    LOG_LE_MINUS_ONE,
    LOG_MONOTONE,
    MARKOV_SQRT,
    PERSPECTIVE_CONVEX,
)
from proofs.smt import SmtResult
from theorems import information as ti
from theorems import registry
from theorems.model import Outcome, Strength, run_check
from theorems.mutants import classify, mutants_of


def _accepted(d: Derivation) -> bool:
    return d.check().ok


def _rejected(d: Derivation) -> bool:
    """Not accepted, and because a step failed: the false chain still links start to goal."""
    report = d.check()
    return not report.ok and "start and end" not in report.conclusion


def _refuted(result: SmtResult) -> bool:
    return result.status == "refuted" and result.confirmed


# --- prop-9 / prop-10: the data-processing inequality ----------------------------------------

def test_dpi_true_version_accepted() -> None:
    assert _accepted(pf.dpi())


def test_dpi_learner_that_reads_m_rejected() -> None:
    """A learner whose output law depends on M is not in a Markov chain M → X → T."""
    assert _rejected(pf.dpi(pf.statistic_kernels(peeks=True)))


def test_dpi_flipped_goal_not_accepted() -> None:
    d = pf.dpi()
    lhs, _, rhs = d.goal
    flipped = Derivation(d.name, d.start, d.steps, goal=(lhs, ">=", rhs),
                         hypotheses=d.hypotheses)
    assert not flipped.check().ok


def test_dpi_program_learner_fixed_prior_accepted() -> None:
    assert _accepted(pf.dpi(pf.program_kernels(), "G"))


def test_dpi_program_learner_prior_depending_on_m_rejected() -> None:
    """The 'exogenous information' loophole: a prior chosen with knowledge of M."""
    assert _rejected(pf.dpi(pf.program_kernels(prior_depends_on_m=True), "G"))


def test_gibbs_true_and_flipped() -> None:
    assert _accepted(pf.gibbs())
    assert not pf.gibbs(flip=True).check().ok


def test_gibbs_equality_case_needs_u_not_one() -> None:
    """The strictness side condition (u − 1)²/u > 0 holds only away from u = 1."""
    u = pf.u
    assert pf.prove(sp.Gt((u - 1) ** 2 / u, 0), [sp.Ne(u, 1)]).status == "proved"
    assert _refuted(pf.prove(sp.Gt((u - 1) ** 2 / u, 0), []))


def test_strictness_counterexample_needs_sufficiency() -> None:
    """The prop-9/strict counterexample rests on sufficiency: the first draw, also
    non-invertible, is not sufficient and strictly loses information."""
    j = ni.bernoulli_joint(ti.PRIOR9, ti.N9)
    assert ni.is_sufficient(j, ni.fitted_parameter)
    assert not ni.is_sufficient(j, ni.first_draw)
    assert ni.information_loss(j, ni.first_draw, 30) > 0


# --- eq-16-20 ------------------------------------------------------------------------------------

def test_tv_true_and_squared_factor() -> None:
    assert _accepted(pf.tv_sum())
    assert _rejected(pf.tv_sum(factor=(1 - pf.alpha) ** 2))
    assert pf.tv_sum_z3(3).status == "proved"
    assert _refuted(pf.tv_sum_z3(3, factor=(1 - pf.alpha) ** 2))


@pytest.mark.parametrize("factor", [(1 - pf.alpha) ** 2, pf.alpha])
def test_chi2_wrong_factor_rejected(factor: sp.Expr) -> None:
    assert _rejected(pf.eq20_sum("chi2", "convexity", factor=factor))


def test_chi2_not_squared_factor_exact() -> None:
    """The exact ratio 25/42 exceeds 1 − α = 1/2, so (1 − α)² is not a valid χ² factor."""
    r = ni.mixing_ratio("chi2", ["9/10", "1/10"], ["1/2", "1/2"], "1/2")
    assert r == Fraction(25, 42) and r > Fraction(1, 2)


def test_hellinger_wrong_factor_rejected() -> None:
    assert _rejected(pf.eq20_sum("hellinger", "z3", factor=1 - 2 * pf.alpha))


def test_kl_flipped_rejected() -> None:
    assert _rejected(pf.eq20_sum("kl", flip=True))


@pytest.mark.parametrize("f", [
    -pf.t_ * sp.log(pf.t_),  # concave generator
    sp.log(pf.t_),  # concave, f(1) = 0
])
def test_kl_with_another_generator_rejected(f: sp.Expr) -> None:
    """The perspective schema applied with a generator other than KL's is not the KL term."""
    assert _rejected(pf.eq20_sum("kl", "convexity", f=f))


# --- the schemas of this family reject false instances -------------------------------------

_P, _Q = sp.symbols("P Q", positive=True)
_W = sp.Symbol("w", nonnegative=True)


def _step(lhs: sp.Expr, rel: str, rhs: sp.Expr, use: Use,
          hyps: tuple[sp.Basic, ...] = ()) -> str:
    return Derivation("schema test", lhs, [Step(rel, rhs, use)], goal=(lhs, rel, rhs),
                      hypotheses=hyps).check().steps[0].mark


def test_perspective_schema_needs_a_convex_generator() -> None:
    """A concave f at two points with the same ratio: the inequality is true (equality), but
    the premise f'' ≥ 0 fails, so the step is not accepted."""
    t = pf.t_
    for gen, mark in (((t - 1) ** 2, "✓"), (-(t - 1) ** 2, "✗")):
        f = sp.Lambda(t, gen)
        b = _W * _P + (1 - _W) * 2 * _P
        lhs = b * f((_W * _Q + (1 - _W) * 2 * _Q) / b)
        rhs = _W * _P * f(_Q / _P) + (1 - _W) * 2 * _P * f(2 * _Q / (2 * _P))
        use = Use(PERSPECTIVE_CONVEX, bind={"f": f, "w": _W, "a_1": _Q, "b_1": _P,
                                            "a_2": 2 * _Q, "b_2": 2 * _P}, by=(Algebra(), Given()))
        assert _step(lhs, "<=", rhs, use, (sp.Le(_W, 1),)) == mark


def test_markov_sqrt_schema_needs_a_nonnegative_weight() -> None:
    """w = −1 at r = c makes the instance true (−1 ≤ −1) but the premise w ≥ 0 fails."""
    ind = sp.Piecewise((1, _P >= _Q), (0, True))
    ok = Use(MARKOV_SQRT, bind={"w": 1, "r": _P, "c": _Q})
    assert _step(ind, "<=", sp.sqrt(_P / _Q), ok) == "✓"
    bad = Use(MARKOV_SQRT, bind={"w": -1, "r": _P, "c": _P})
    assert _step(-sp.Piecewise((1, _P >= _P), (0, True)), "<=", -sp.sqrt(_P / _P), bad) != "✓"


def test_dpi_schema_premise_is_about_the_kernel() -> None:
    """The DPI conclusion for a kernel that involves m is not accepted, and a step that is
    not the schema's conclusion (the inequality reversed) is not either."""
    assert _accepted(pf.dpi())
    assert not pf.dpi(pf.statistic_kernels(peeks=True)).check().ok
    g = pf.DPI_GOAL.relation
    assert _step(g.rhs, "<=", g.lhs, Use(DATA_PROCESSING, bind={
        "k": sp.Lambda((pf._t, pf._x, pf._m), pf.statistic_kernels())})) != "✓"


def test_log_schemas_reject_steps_that_are_not_instances() -> None:
    assert _step(sp.log(_P), "<=", _P - 1, Use(LOG_LE_MINUS_ONE)) == "✓"
    assert _step(sp.log(_P), "<=", _P - 2, Use(LOG_LE_MINUS_ONE)) != "✓"
    assert _step(sp.log(_P), "<=", sp.log(_P + 1), Use(LOG_MONOTONE)) == "✓"
    assert _step(sp.log(_P + 1), "<=", sp.log(_P), Use(LOG_MONOTONE)) != "✓"


def test_kl_arb_squared_factor_refuted() -> None:
    """KL(P ‖ αP + (1−α)S) ≤ (1−α)² KL(P ‖ S) is false for P = (9/10, 1/10) far from S: arb
    certifies the true factor on a box and finds a counterexample to the squared one."""
    a, p, s = pf.alpha, pf.p, pf.s
    m = a * p + (1 - a) * s

    def kl2(x: sp.Expr, y: sp.Expr) -> sp.Expr:
        return x * sp.log(x / y) + (1 - x) * sp.log((1 - x) / (1 - y))

    box = {p: ("9/10", "9/10"), s: ("1/10", "1/8"), a: ("3/4", "9/10")}
    assert certify(kl2(p, m), "<", (1 - a) * kl2(p, s), box).status == "certified"
    r = certify(kl2(p, m), "<=", (1 - a) ** 2 * kl2(p, s), box)
    assert r.status == "refuted", r.summary()


def test_composite_chain_needs_nonnegative_kappa() -> None:
    assert pf.composite_chain().status == "proved"
    assert pf.composite_chain(steps=2).status == "proved"
    assert _refuted(pf.composite_chain(kappa_lower=-1))
    bad = pf.composite_goal(kappa_lower=-1)
    assert _refuted(pf.prove(bad.relation, list(bad.hypotheses)))


# --- sec-5-1 -------------------------------------------------------------------------------------

def test_cross_entropy_flipped_sign_rejected() -> None:
    assert _accepted(pf.cross_entropy_identity())
    assert _rejected(pf.cross_entropy_identity(kl_sign=-1))


@pytest.mark.parametrize("scale", [1, 4, sp.Rational(1, 2)])
def test_gaussian_nll_wrong_scale_rejected(scale: int | sp.Expr) -> None:
    assert _rejected(pf.gaussian_nll_identity(scale))


def test_gaussian_nll_true_version_accepted() -> None:
    assert _accepted(pf.gaussian_nll_identity())


def test_js_bound_below_ln2_rejected() -> None:
    assert _accepted(pf.js_bound())
    assert _rejected(pf.js_bound(sp.log(sp.Rational(3, 2))))


def test_kl_family_bound_with_a_wrong_constant_rejected() -> None:
    """KL(P ‖ Q_ε) ≥ −½ ln(2ε) is false (at ε = 2/3, for one)."""
    assert _rejected(pf.kl_family_lower(-sp.log(2 * pf._e) / 2))


def test_projection_counterexample_is_not_symmetric() -> None:
    """The KL ordering of the two models really reverses under TV (not a tie)."""
    p = ("1/3", "1/3", "1/3")
    qa, qb = ("3/5", "1/5", "1/5"), ("1/10", "9/20", "9/20")
    assert ni.tv(p, qa) == Fraction(4, 15) and ni.tv(p, qb) == Fraction(7, 30)
    assert ni.kl(p, qa, 30) < ni.kl(p, qb, 30)


# --- prop-10 anchor ------------------------------------------------------------------------------

def test_bhattacharyya_true_versions_accepted() -> None:
    assert _accepted(pf.bhattacharyya_bound("1/4", 4, "1/2", 1))
    assert _accepted(pf.bhattacharyya_bound("1/4", 4, "3/4", 4))


@pytest.mark.parametrize("b", [sp.Rational(9, 10), sp.Rational(1, 2)])
def test_bhattacharyya_smaller_base_rejected(b: sp.Expr) -> None:
    assert _rejected(pf.bhattacharyya_bound("1/4", 4, "1/2", 1, coefficient=b))


def test_anchor_faster_rate_refuted_by_arb() -> None:
    """ε_N ≤ e^(−N/20) (a rate faster than the Chernoff exponent 0.0347) fails at N = 800."""
    n = 800
    eps = ni.misidentification_probability(ti.ANCHOR, ti.TRUTH, n)
    assert certify(ti._q(eps), "<=", ti._anchor_bound_expr(n), {}).status == "certified"
    assert certify(ti._q(eps), "<=", sp.exp(-sp.Rational(n, 20)), {}).status == "refuted"


def test_bernoulli_inequality_flipped_refuted() -> None:
    assert pf.bernoulli_inequality_step().status == "proved"
    assert _refuted(pf.bernoulli_inequality_step(flip=True))


def test_all_ones_needs_n_at_least_one() -> None:
    assert pf.all_ones_beats_truth().status == "proved"
    assert _refuted(pf.all_ones_beats_truth(n_min=0))


def test_stationary_law_of_a_known_chain() -> None:
    f = Fraction
    k = [[f(1, 2), f(1, 2), f(0)], [f(1, 4), f(1, 2), f(1, 4)], [f(0), f(1, 2), f(1, 2)]]
    assert ti._stationary(k) == [f(1, 4), f(1, 2), f(1, 4)]


# --- the registered claims -----------------------------------------------------------------------

@pytest.mark.parametrize(("top", "part"), [
    ("prop-9", "prop-9/strict"), ("prop-10", "prop-10/as-stated"),
    ("sec-5-1", "sec-5-1/overfitting-refit"), ("eq-16-20", "eq-16-20/composite"),
])
def test_parts(top: str, part: str) -> None:
    claim = registry.get(top)
    assert claim.headline is None and not claim.checks
    assert registry.get(part).role == "part"


@pytest.mark.parametrize("cid", ["prop-9/strict", "prop-10/as-stated", "sec-5-1/as-stated",
                                 "prop-10/anchor-permanent"])
def test_refutations_are_exact_or_proof(cid: str) -> None:
    """Every refuting check is an exact computation, a proof, or a certified enclosure,
    except sampled 50-digit cases that only add to an exact or proof-strength refutation."""
    checks = registry.get(cid).checks
    assert all(c.expect is Outcome.REFUTES for c in checks)
    assert any(c.strength is Strength.PROOF for c in checks)


# --- mutated goals: the proofs of the family do not conclude them ----------------------------

@pytest.mark.parametrize(("cid", "mutation"), [
    ("sec-5-1/mse", "= -> <"),  # the relation made strict
    ("sec-5-1/mse", "rhs: constant 2 -> 3"),  # perturbed constant: (x − μ)²/(3σ²)
    ("sec-5-1/mse", "rhs: exponent 2 -> 3"),  # shifted exponent
    ("eq-16-20/composite", "rhs: drop factor kappa"),  # dropped factor
    ("prop-9/dpi", "reverse the relation"),
])
def test_mutated_goal_is_not_concluded(cid: str, mutation: str) -> None:
    claim = registry.get(cid)
    proofs = [c for c in claim.checks if c.strength is Strength.PROOF and not c.instance]
    conclusions = [r.conclusion for r in (run_check(c) for c in proofs)]
    assert all(c is not None for c in conclusions)
    mutants = dict(mutants_of(claim.goal))
    status, _ = classify(mutants[mutation], conclusions)
    assert status == "killed"


def test_goals_parse_back_with_assumptions() -> None:
    from proofs.goal import parse_goal

    for goal in (pf.TV_GOAL, pf.CHI2_GOAL, pf.HELLINGER_GOAL, pf.KL_GOAL, pf.COMPOSITE_GOAL,
                 pf.DPI_GOAL, pf.CROSS_ENTROPY_GOAL, pf.MSE_GOAL, pf.JS_BOUNDED_GOAL):
        assert parse_goal(goal.text) == goal.formula
