"""False variants of the rem-6, def-3 and thm-8 proofs: the same checkers must refuse them.

Every derivation and z3 encoding used by the verifier and ensemble families is fed a false
twin (flipped inequality, dropped factor, wrong constant, missing hypothesis); none may be
accepted. The true versions are exercised by ``tests/test_claims.py`` through the registry;
each test here also asserts the true version passes, so a broken checker cannot pass silently.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
import sympy as sp

from numerics import verifiers as nv
from proofs import ensembles as pe
from proofs import verifiers as pv
from proofs.derivation import Algebra, Derivation, Given, Step, Use
from proofs.goal import Goal
from proofs.lemmas import LOG_LE_MINUS_ONE, POWER_MONOTONE
from proofs.smt import prove
from theorems import ensembles as te
from theorems import verifiers as tv
from theorems.model import CheckResult, Outcome


def _with_end(d: Derivation, end: sp.Basic, rel: str | None = None) -> Derivation:
    """The same derivation with its last step (and goal) moved to a different end."""
    last = d.steps[-1]
    steps = [*d.steps[:-1], replace(last, expr=end, rel=rel or last.rel)]
    return replace(d, steps=steps, goal=(d.goal[0], rel or d.goal[1], end))


def _pair(true: Derivation, false: Derivation) -> None:
    assert true.check().ok, true.check().summary()
    assert not false.check().ok, false.check().summary()


# --- rem-6/fixed-verifier ------------------------------------------------------------------

def test_closed_form_step_refuses_dropped_fpr_factor() -> None:
    d = pv.fixed_closed_form_step()
    wrong = pv.A0 * pv.u * pv.TPR / (pv.A0 * pv.u * pv.TPR + (1 - pv.A0) * pv.v)
    _pair(d, _with_end(d, wrong))


def test_closed_form_direct_refuses_wrong_exponent() -> None:
    d = pv.fixed_closed_form_direct()
    t = pv.t
    wrong = pv.A0 * pv.TPR ** (t + 2) / (pv.A0 * pv.TPR ** (t + 2)
                                         + (1 - pv.A0) * pv.FPR ** (t + 1))
    _pair(d, _with_end(d, wrong))


def test_tail_bound_refuses_dropped_denominator() -> None:
    d = pv.fixed_tail_bound()
    _pair(d, _with_end(d, (1 - pv.A0) * pv.w / 2))


def test_bernoulli_refuses_wrong_constant() -> None:
    d = pv.bernoulli_step()
    _pair(d, _with_end(d, 1 + (pv.tr + 2) * pv.h))


def test_geometric_decay_refuses_flipped_inequality() -> None:
    d = pv.geometric_decay()
    flipped = replace(d, steps=[replace(d.steps[0], rel=">=")],
                      goal=(d.goal[0], ">=", d.goal[2]))
    _pair(d, flipped)


def test_threshold_needs_tpr_above_fpr() -> None:
    fa = pv.filter_map(pv.A, pv.TPR, pv.FPR)
    hyps = [sp.Lt(pv.A, 1), sp.Le(pv.TPR, 1), sp.Le(pv.FPR, 1)]
    assert prove(sp.Gt(fa, pv.A), [*hyps, sp.Gt(pv.TPR, pv.FPR)]).status == "proved"
    dropped = prove(sp.Gt(fa, pv.A), hyps)
    assert dropped.status == "refuted" and dropped.confirmed
    flipped = prove(sp.Gt(fa, pv.A), [*hyps, sp.Lt(pv.TPR, pv.FPR)])
    assert flipped.status == "refuted"
    wrong_gain = prove(sp.Eq(pv.A * pv.TPR - pv.A * (pv.A * pv.TPR + (1 - pv.A) * pv.FPR),
                             pv.A * (pv.TPR - pv.FPR)), [])
    assert wrong_gain.status == "refuted"


def test_fixed_points_need_an_informative_verifier() -> None:
    a = sp.Symbol("A", nonnegative=True)
    fa = pv.filter_map(a, pv.TPR, pv.FPR)
    hyps = [sp.Le(a, 1), sp.Le(pv.TPR, 1), sp.Le(pv.FPR, 1),
            sp.Gt(a * pv.TPR + (1 - a) * pv.FPR, 0), sp.Eq(fa, a)]
    ends = sp.Or(sp.Eq(a, 0), sp.Eq(a, 1))
    assert all(r.status == "proved" for _, r in pv.fixed_point_queries())
    # without TPR ≠ FPR every A is a fixed point
    res = prove(ends, hyps)
    assert res.status == "refuted" and res.confirmed


def test_undecided_proof_never_becomes_a_refutation() -> None:
    undecided = CheckResult(Outcome.UNDECIDED, "z3 unknown")
    assert tv._as_refutation(undecided, "cx").outcome is Outcome.UNDECIDED
    ok = CheckResult(Outcome.SUPPORTS, "proved")
    assert tv._as_refutation(ok, "cx").outcome is Outcome.REFUTES


# --- rem-6/proxy-exploit -------------------------------------------------------------------

def test_replicator_step_refuses_wrong_power() -> None:
    d = pv.replicator_closed_form_step()
    ps, rs, us = [pv.P1, pv.P2, pv.P3], [pv.R1, pv.R2, pv.R3], [pv.U1, pv.U2, pv.U3]
    wrong = ps[0] * us[0] * rs[0] ** 2 / sum(p * x * r**2 for p, x, r in zip(ps, us, rs,
                                                                                strict=True))
    _pair(d, _with_end(d, wrong))


def test_accuracy_bound_refuses_halved_bound_and_missing_hypothesis() -> None:
    d = pv.proxy_accuracy_bound()
    _pair(d, _with_end(d, d.goal[2] / 2))
    no_lower = replace(d, hypotheses=tuple(h for h in d.hypotheses
                                           if not isinstance(h, sp.GreaterThan)))
    assert not no_lower.check().ok


def test_power_monotone_refuses_reversed_order() -> None:
    d = pv.power_monotone_step()
    r, s_, p, pp = sp.symbols("r s p p'", nonnegative=True)
    reversed_ = replace(d, hypotheses=(sp.Ge(r, s_), sp.Le(p, pp)))
    _pair(d, reversed_)


def test_odds_fall_needs_strict_maximiser() -> None:
    pc, pw, po = sp.symbols("p_c p_w p_o", positive=True)
    rc, rw, ro = sp.symbols("r_c r_w r_o", positive=True)
    hyps = [sp.Eq(pc + pw + po, 1), sp.Le(rc, 1), sp.Le(rw, 1), sp.Le(ro, 1), sp.Le(ro, rw)]
    z = pc * rc + pw * rw + po * ro
    odds = (pc * rc / z) / (pw * rw / z)
    assert prove(sp.Lt(odds, pc / pw), [*hyps, sp.Lt(rc, rw)]).status == "proved"
    assert prove(sp.Lt(odds, pc / pw), [*hyps, sp.Le(rw, rc)]).status == "refuted"


def test_proxy_limit_depends_on_support_and_ties() -> None:
    pi0 = [Fraction(1, 4)] * 4
    r = [Fraction(9, 10), Fraction(9, 10), Fraction(1, 2), Fraction(1)]
    assert nv.proxy_collapses(pi0, r, {0, 1})
    # a false reading "the largest r anywhere decides" would call this a collapse
    assert not nv.proxy_collapses([Fraction(1, 2), Fraction(1, 2), 0, 0], r, {0, 1})


# --- rem-6/kl-regularised ------------------------------------------------------------------

def test_variational_identity_refuses_flipped_sign() -> None:
    d = pv.gibbs_variational_identity()
    _ref, _rew, star, z = pv._gibbs_parts()
    pol = pv._normalised([pv.W1, pv.W2, pv.W3])
    wrong = pv.beta * sp.log(z) + pv.beta * pv._kl(pol, star)
    _pair(d, _with_end(d, wrong))


def test_stationarity_refuses_missing_constant() -> None:
    d = pv.gibbs_stationarity()
    lam = sp.Symbol("lambda", real=True)
    _pair(d, _with_end(d, pv.beta * sp.log(pv.Z) - lam))


def test_gibbs_inequality_refuses_flipped_direction() -> None:
    d = pv.gibbs_inequality()
    flipped = replace(d, steps=[replace(d.steps[0], rel=">="), *d.steps[1:]],
                      goal=(d.goal[0], ">=", d.goal[2]))
    _pair(d, flipped)


def test_log_schema_refuses_a_steeper_bound() -> None:
    x = sp.Symbol("x", positive=True)
    good = Derivation("ln x ≤ x − 1", sp.log(x), [Step("<=", x - 1, Use(LOG_LE_MINUS_ONE))],
                      goal=(sp.log(x), "<=", x - 1))
    bad = Derivation("ln x ≤ (x − 1)/2", sp.log(x),
                     [Step("<=", (x - 1) / 2, Use(LOG_LE_MINUS_ONE))],
                     goal=(sp.log(x), "<=", (x - 1) / 2))
    _pair(good, bad)


def test_power_schema_needs_the_order_of_the_bases() -> None:
    a, b = sp.symbols("a b", positive=True)
    n = sp.Symbol("n", integer=True, positive=True)
    use = Use(POWER_MONOTONE, bind={"a": a, "b": b, "x": n}, by=(Algebra(), Given(), Algebra()))
    good = Derivation("a^n ≤ b^n", a**n, [Step("<=", b**n, use)], goal=(a**n, "<=", b**n),
                      hypotheses=(sp.Le(a, b),))
    _pair(good, replace(good, hypotheses=(sp.Le(b, a),)))
    # the step must be the schema's conclusion: a^n ≤ b^(n+1) is not an instance
    _pair(good, replace(good, steps=[Step("<=", b ** (n + 1), use)],
                        goal=(a**n, "<=", b ** (n + 1))))


@pytest.mark.parametrize("n", [1, 2, 5])
def test_binomial_schemas_match_the_binomial_sum(n: int) -> None:
    q = sp.Rational(2, 7)
    j = sp.Symbol("j", integer=True, nonnegative=True)
    pmf = sp.binomial(n, j) * q**j * (1 - q) ** (n - j)
    assert sp.Sum(pmf * j / n, (j, 0, n)).doit() == q
    assert sp.Sum(pmf * (j / n) ** 2, (j, 0, n)).doit() == q**2 + q * (1 - q) / n
    # a wrong second moment (variance q(1 − q)/n²) is refused by the schema
    d = pe.binomial_second_moment()
    _pair(d, _with_end(d, pe.T**2 + pe.T * (1 - pe.T) / pe.N**2))


def test_gibbs_iteration_refuses_wrong_exponent() -> None:
    d = pv.gibbs_iteration_step()
    p0 = [pv.Q1, pv.Q2, pv.Q3]
    rew = [pv.RW1, pv.RW2, pv.RW3]
    wrong = pv._normalised([p * sp.exp((pv.t + 2) * r / pv.beta)
                            for p, r in zip(p0, rew, strict=True)])[0]
    _pair(d, _with_end(d, wrong))


def test_rubber_stamp_refuses_partial_acceptance() -> None:
    d = pv.rubber_stamp()
    pol = pv._normalised([pv.W1, pv.W2, pv.W3])
    partial = pv._normalised([pol[0], pol[1] / 2, pol[2]])[0]
    bad = replace(d, start=partial, goal=(partial, "=", d.goal[2]))
    _pair(d, bad)


# --- def-3 / thm-8 -------------------------------------------------------------------------

def test_binomial_moment_refuses_wrong_variance() -> None:
    d = pe.binomial_second_moment()
    _pair(d, _with_end(d, pe.T**2 + pe.T * (1 - pe.T) / pe.N**2))


def test_binomial_mean_refuses_wrong_mean() -> None:
    d = pe.binomial_mean()
    _pair(d, _with_end(d, pe.T * (pe.N - 1) / pe.N))


@pytest.mark.parametrize("m", [2, 3])
def test_mixture_moment_refuses_single_model_factor(m: int) -> None:
    d = pe.mixture_second_moment(m)
    _pair(d, _with_end(d, pe.T**2 + pe.T * (1 - pe.T) / pe.N))


def test_gini_identity_refuses_single_model_factor() -> None:
    d = pe.gini_identity_explicit(3, 2)
    ts, _ = pe._categories(3)
    wrong = (1 - 1 / pe.N) * (1 - sum(x**2 for x in ts))
    _pair(d, _with_end(d, wrong))


def test_gini_sum_needs_normalisation() -> None:
    d = pe.gini_sum_general()
    no_norm = replace(d, hypotheses=tuple(h for h in d.hypotheses if not isinstance(h, sp.Eq)))
    _pair(d, no_norm)


def test_factor_bound_refuses_wrong_m() -> None:
    assert all(r.status == "proved" for _, r in pe.factor_bounds(2))
    ws = list(sp.symbols("omega_1:3", nonnegative=True))
    n = sp.Symbol("N", positive=True)
    res = prove(sp.Le(1 - sum(w**2 for w in ws) / n, 1 - 2 / (3 * n)),  # Σω² ≥ 2/3: false
                [sp.Eq(sum(ws), 1), sp.Ge(n, 1)])
    assert res.status == "refuted" and res.confirmed


def test_well_posed_needs_weights_summing_to_one() -> None:
    assert pe.well_posed(2, 2).status == "proved"
    ws = list(sp.symbols("omega_1:3", real=True))
    qs = [list(sp.symbols(f"Q{i}_1:3", real=True)) for i in (1, 2)]
    hyps = [*[sp.Ge(w, 0) for w in ws]]
    for row in qs:
        hyps += [sp.Eq(sum(row), 1), *[sp.Ge(x, 0) for x in row]]
    rs = [sum(ws[i] * qs[i][x] for i in range(2)) for x in range(2)]
    assert prove(sp.Eq(sum(rs), 1), hyps).status == "refuted"


def test_pigeonhole_refuses_larger_bound() -> None:
    assert pe.pigeonhole(3).status == "proved"
    ts = list(sp.symbols("T_1:4", nonnegative=True))
    assert prove(sp.Ge(sp.Max(*ts), sp.Rational(1, 2)), [sp.Eq(sum(ts), 1)]).status == "refuted"


def test_martingale_refuses_unnormalised_weights() -> None:
    d = pe.martingale_step(2)
    om = sp.Symbol("omega_1", positive=True)
    start = sp.Add(om * pe.T, (1 - om / 2) * pe.T, evaluate=False)
    _pair(d, replace(d, start=start, goal=(start, "=", pe.T)))


def test_unanimity_refuses_reversed_power() -> None:
    d = pe.unanimity_bound()
    flipped = replace(d, steps=[replace(d.steps[0], rel="<=")],
                      goal=(d.goal[0], "<=", d.goal[2]))
    _pair(d, flipped)


def test_fixation_sandwich_refuses_wrong_direction() -> None:
    lower, upper = pe.fixation_sandwich()
    x0 = sp.Symbol("R_0", nonnegative=True)
    at = sp.Symbol("a_t", nonnegative=True)
    wrong = replace(upper, steps=[replace(upper.steps[0], rel=">=")], goal=(at, ">=", x0))
    _pair(upper, wrong)
    _pair(lower, replace(lower, start=x0, goal=(x0, "<=", at)))  # dropped σ_t


def test_stationary_gini_refuses_dropped_factor() -> None:
    d = pe.fixed_point()[0]
    wrong_star = pe.c * pe.alpha * pe.gp / (1 - pe.c * (1 - pe.alpha) ** 2)
    bad = replace(d, start=pe._g_map(wrong_star, 1 - pe.gp), steps=[replace(d.steps[0],
                                                                                expr=wrong_star)],
                  goal=(pe._g_map(wrong_star, 1 - pe.gp), "=", wrong_star))
    _pair(d, bad)


def test_grounded_bound_refuses_strict_at_alpha_one() -> None:
    gs = pe.stationary_gini()
    hyps = list(pe._grounded_hyps())  # c in [0, 1), as in the goal
    assert prove(sp.Le(gs, pe.c * pe.gp), hyps).status == "proved"
    assert prove(sp.Lt(gs, pe.c * pe.gp), hyps).status == "refuted"
    assert prove(sp.Ge(gs, pe.gp), hyps).status == "refuted"
    # g* > 0 needs c > 0: at c = 0 the models copy one draw and g* = 0
    assert prove(sp.Gt(gs, 0), [*hyps, *pe.GROUNDED_POSITIVE]).status == "proved"
    assert prove(sp.Gt(gs, 0), hyps).status == "refuted"


def test_error_recursion_refuses_wrong_diagonal() -> None:
    d = pe.error_recursion()[0]
    eg, es = sp.symbols("e_g e_s", real=True)
    wrong = pe.c * (1 - pe.alpha) * eg - 2 * pe.c * pe.alpha * (1 - pe.alpha) * es
    _pair(d, _with_end(d, wrong))


def test_mixing_bound_refuses_dropped_alpha_term() -> None:
    d = pe.gini_mixing_derivation(2)
    rs = list(sp.symbols("R_1:3", nonnegative=True))
    no_alpha = 1 - sum(r**2 for r in rs)
    bad = replace(d, steps=[*d.steps[:-1], replace(d.steps[-1], expr=no_alpha)],
                  goal=(d.goal[0], "<=", no_alpha))
    _pair(d, bad)


def test_vanishing_floor_refuses_dropped_denominator() -> None:
    d = pe.vanishing_floor()
    p, g0, dl = sp.symbols("p g_0 delta", nonnegative=True)
    _pair(d, _with_end(d, p * g0 + dl))


# --- the general proofs refuse false variants -------------------------------------------------

def test_bernoulli_induction_refuses_wrong_bounds() -> None:
    assert pe.real_draw_induction().check().ok
    n, a = pe.ndraw, pe.a01
    for wrong in (pe.real_draw_statement(n * a / 2),      # halved bound
                  pe.real_draw_statement((n - 1) * a),    # shifted count
                  sp.Ge(1 - (1 - a) ** n, n * a)):        # reversed relation
        assert not pe.real_draw_induction(wrong).check().ok, wrong
    assert pv.bernoulli_induction().check().ok
    t, h = pv.tt, pv.hb
    assert not pv.bernoulli_induction(sp.Ge((1 + h) ** t, 1 + 2 * t * h)).check().ok


def test_refit_gini_refuses_the_ensemble_factor() -> None:
    d = pv.refit_gini_general()
    wrong = (1 - 1 / pv.MA**2) * (1 - sp.Sum(pv.qv[pv.xq] ** 2, (pv.xq, 1, pv.KA)))
    _pair(d, _with_end(d, wrong))


def test_proxy_bound_refuses_a_faster_rate() -> None:
    d = pv.proxy_general()
    faster = pv.proxy_bound() * pv.rC**pv.tt / pv.rmax**pv.tt  # (r_C/r_max)^(2t)
    _pair(d, _with_end(d, faster))


def test_martingale_refuses_a_missing_weight() -> None:
    d = pe.martingale_general()
    _pair(d, _with_end(d, 2 * pe.T))


# --- mutated goals: the claims' proofs must not conclude them ----------------------------------

#: claims whose goal is cheap to compare with a mutant (the others: see the false variants of
#: their derivations above, and ``collapse-check mutants``)
_GOALS = {
    "thm-8/convergence-summable": pe.SUMMABLE_GOAL,
}


def _hand_mutants(goal: Goal) -> list[tuple[str, Goal]]:
    """False variants of the first conjunct: reversed (= made <), its bound tightened by a
    factor 2 (halved for ≤, doubled for = and ≥) and shifted by one."""
    from proofs.goal import relation_atoms

    atoms = relation_atoms(goal.relation)
    first = atoms[0]
    rev = {sp.LessThan: sp.GreaterThan, sp.GreaterThan: sp.LessThan,
           sp.StrictLessThan: sp.StrictGreaterThan, sp.Equality: sp.StrictLessThan}
    kind, rhs = type(first), first.rhs
    below = kind in (sp.LessThan, sp.StrictLessThan)
    variants = (
        ("reversed relation", rev[kind](first.lhs, rhs, evaluate=False)),
        ("tightened by 2", kind(first.lhs, rhs / 2 if below else 2 * rhs, evaluate=False)),
        ("shifted by 1", kind(first.lhs, rhs - 1 if below else rhs + 1, evaluate=False)),
    )
    out = []
    for what, new in variants:
        rel = sp.And(new, *atoms[1:], evaluate=False) if len(atoms) > 1 else new
        out.append((what, goal.with_relation(rel)))
    return out


@pytest.mark.parametrize("claim_id", sorted(_GOALS))
def test_mutated_goals_are_not_concluded(claim_id: str) -> None:
    from proofs.goal import follows
    from theorems import registry

    claim = registry.get(claim_id)
    assert claim.goal is _GOALS[claim_id]
    proofs_ = [c for c in claim.checks if c.strength.value == "proof" and not c.instance]
    assert len(proofs_) == 1
    res = proofs_[0].run()
    assert res.outcome is Outcome.SUPPORTS and follows(res.conclusion, claim.goal) is not None
    for what, mutant in _hand_mutants(claim.goal):
        assert follows(res.conclusion, mutant) is None, what


# --- numeric helpers can fail ----------------------------------------------------------------

def test_two_generation_enumeration_disagrees_with_a_wrong_curve() -> None:
    pi0 = (Fraction(1, 4),) * 4
    v0 = (Fraction(1), Fraction(1), Fraction(0), Fraction(0))
    _acc, gin, stamp = tv._two_generations(pi0, v0, {0, 1}, 2, learned=True)
    assert stamp and gin[2] == Fraction(3, 32)
    # the naive reading "diversity is untouched by refits" would predict G stays 1/2
    assert gin[2] != Fraction(1, 2)


def test_stationary_chain_distinguishes_wrong_formula() -> None:
    from numerics import ensembles as ne

    ch = ne.ensemble_chain(("1/2", "1/2"), 2, "1/2", "1/3", "1/2")
    st = ch.stationary_distribution()
    g = sum((pr * 2 * x * (1 - x) for pr, x in zip(st, ch.states, strict=True)), Fraction(0))
    c = ne.ensemble_gini_factor(("1/2", "1/2"), 2)
    assert g == ne.stationary_ensemble_gini(("1/2", "1/2"), ("1/2", "1/2"), 2, "1/3")
    assert g != c * Fraction(1, 2)  # "grounding restores c·G(P)" is false for α < 1
    assert te._gini((Fraction(1, 2), Fraction(1, 2))) == Fraction(1, 2)


def test_algebra_justification_is_not_trusted_blindly() -> None:
    x = sp.Symbol("x", positive=True)
    bad = Derivation("bad", x, [Step("=", x + 1, Algebra())], goal=(x, "=", x + 1))
    assert not bad.check().ok
