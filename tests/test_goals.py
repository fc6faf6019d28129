"""The formal-goal engine: goals, lemma schemas, induction, the verdict rule, mutants.

Every false statement here must fail to prove: a closed form with the wrong exponent, a bound
with a wrong constant, a lemma applied to a step that is not its instance, a proof of a
weaker fact counted for a stronger goal, an instance counted as a general proof.
"""

from __future__ import annotations

import os

import pytest
import sympy as sp

from proofs import contraction as pf
from proofs.derivation import Algebra, Derivation, Given, Induction, Smt, Step, Use, at
from proofs.goal import Goal, follows, nonzero_somewhere, parse_goal
from proofs.lemmas import MONOTONE_FROM_ZERO, ONE_MINUS_X_LE_EXP, SUM_CONGRUENCE
from theorems import evidence as ev
from theorems import readings, readme, registry
from theorems.evaluate import summarise_results
from theorems.model import (
    Check,
    CheckResult,
    Claim,
    Method,
    Outcome,
    Strength,
    Verdict,
    derive_verdict,
    run_check,
)
from theorems.mutants import classify, mutants_of, run_mutants

x = sp.Symbol("x", real=True)
xp = sp.Symbol("x", positive=True)


# --- goals ---------------------------------------------------------------------------------

def test_goal_text_parses_back_with_assumptions() -> None:
    for goal in (pf.EQ45_GOAL, pf.PROP1_GOAL, pf.LEM7_GOAL, pf.SCOPE_GOAL):
        assert parse_goal(goal.text) == goal.formula


def test_follows_refuses_other_statements() -> None:
    g = Goal(sp.Ge(xp + 1 / xp, 2), (xp,))
    assert follows(Goal(sp.Le(2, xp + 1 / xp), (xp,)), g) is not None
    assert follows(g, Goal(sp.Ge(xp + 1 / xp, 3), (xp,))) is None
    # a conclusion that needs a hypothesis the goal does not have proves nothing
    assert follows(Goal(sp.Ge(x, 0), (x,), (sp.Ge(x, 1),)), Goal(sp.Ge(x, 0), (x,))) is None


def test_statement_mathematics_is_printed_from_the_goal() -> None:
    claim = Claim("demo", "demo", "we claim {goal}.", "nowhere",
                  goal=Goal(sp.Le(1 - x, sp.exp(-x)), (x,)))
    assert claim.statement == f"we claim ${claim.goal.latex()}$."


# --- lemma schemas ---------------------------------------------------------------------------

def test_schema_step_must_be_the_instantiated_conclusion() -> None:
    bad = Derivation("1 - x/2 <= e^-x", 1 - x / 2,
                     [Step("<=", sp.exp(-x), Use(ONE_MINUS_X_LE_EXP))],
                     goal=(1 - x / 2, "<=", sp.exp(-x)))
    assert not bad.check().ok


def test_schema_premises_are_checked_at_the_substitution() -> None:
    z = sp.Symbol("z", real=True)
    # g(z) = e^{-z} - (1 - z) - 1/10: g(0) != 0, so monotonicity does not give g >= 0
    g = sp.Lambda(z, sp.exp(-z) - (1 - z) - sp.Rational(1, 10))
    xx = sp.Symbol("x", real=True)
    bad = Derivation("shifted", 1 - xx + sp.Rational(1, 10),
                     [Step("<=", sp.exp(-xx), Use(MONOTONE_FROM_ZERO, bind={"g": g, "a": 0},
                                                  by=(Smt(), Algebra(), Algebra(), Algebra())))],
                     goal=(1 - xx + sp.Rational(1, 10), "<=", sp.exp(-xx)),
                     hypotheses=(sp.Le(0, xx),))
    assert not bad.check().ok


def test_smoothness_premise_catches_a_pole() -> None:
    z = sp.Symbol("z", real=True)
    xx = sp.Symbol("x", real=True)
    # g = -1/(z-1) - 1 has g(0) = 0 and g' >= 0 where defined, but g(2) = -2 < 0
    g = sp.Lambda(z, -1 / (z - 1) - 1)
    bad = Derivation("pole", sp.Integer(0),
                     [Step("<=", g(xx), Use(MONOTONE_FROM_ZERO, bind={"g": g, "a": 0},
                                           by=(Smt(), Algebra(), Algebra(), Algebra())))],
                     goal=(sp.Integer(0), "<=", g(xx)),
                     hypotheses=(sp.Le(0, xx), sp.Le(xx, 2)))
    assert not bad.check().ok


def test_sum_congruence_premise_is_the_termwise_relation() -> None:
    K = sp.Symbol("K", integer=True, positive=True)
    i = sp.Symbol("i", integer=True, positive=True)
    p = sp.IndexedBase("p", nonnegative=True)
    lhs = sp.Sum(2 * p[i], (i, 1, K))
    bad = Derivation("wrong termwise", lhs,
                     [Step("=", sp.Sum(p[i] + 1, (i, 1, K)),
                           Use(SUM_CONGRUENCE, bind={"g": 2 * p[i], "h": p[i] + 1}))],
                     goal=(lhs, "=", sp.Sum(p[i] + 1, (i, 1, K))))
    assert not bad.check().ok


# --- induction -------------------------------------------------------------------------------

def test_prop1_closed_form_with_wrong_exponent_fails_at_the_base_case() -> None:
    good = pf.idealised_induction().check()
    assert good.ok
    wrong = (1 - (1 - pf.alpha) ** (pf.t + 1)) * pf.P_ + (1 - pf.alpha) ** (pf.t + 1) * pf.Q(0)
    r = pf.idealised_induction(wrong).check()
    assert not r.ok and "base case" in r.conclusion


def test_contraction_bound_with_wrong_exponent_fails() -> None:
    assert pf.contraction_induction().check().ok
    stmt = sp.Le(pf.D(pf.n), pf.c ** (pf.n + 1) * pf.D(0)
                 + pf.delta * sp.Sum(pf.c**pf.i, (pf.i, 0, pf.n - 1)))
    assert not pf.contraction_induction(stmt).check().ok


def test_induction_step_may_not_assume_more_than_the_hypothesis() -> None:
    n = sp.Symbol("n", integer=True, nonnegative=True)
    f = sp.Function("f")
    stmt = sp.Eq(f(n), 0)
    extra = sp.Eq(f(n + 1), 0)  # assumes what is to be shown
    ind = Induction("cheat", n, stmt,
                    Derivation("base", f(0), [Step("=", sp.Integer(0), Given())],
                               goal=(f(0), "=", 0), hypotheses=(sp.Eq(f(0), 0),)),
                    Derivation("step", f(n + 1), [Step("=", sp.Integer(0), Given())],
                               goal=(f(n + 1), "=", 0), hypotheses=(stmt, extra)),
                    hypotheses=(sp.Eq(f(0), 0),))
    assert not ind.check().ok
    assert at(stmt, n, 0) == sp.Eq(f(0), 0, evaluate=False)


# --- the verdict rule ------------------------------------------------------------------------

def _res(outcome: Outcome, conclusion: Goal | None = None) -> CheckResult:
    return CheckResult(outcome, "test", conclusion=conclusion)


def test_disagreeing_proof_checks_are_undecided() -> None:
    P = Strength.PROOF
    assert derive_verdict([(P, _res(Outcome.SUPPORTS)), (P, _res(Outcome.UNDECIDED))]) \
        is Verdict.UNDECIDED
    assert derive_verdict([(P, _res(Outcome.SUPPORTS)), (Strength.SAMPLED,
                                                           _res(Outcome.REFUTES))]) \
        is Verdict.UNDECIDED


def test_a_weaker_conclusion_does_not_prove_the_goal() -> None:
    goal = Goal(sp.Le(1 - x, sp.exp(-x)), (x,))
    weaker = Goal(sp.Le(1 - x, sp.exp(-x) + 1), (x,))
    chk = Check("weak", Method.SYMPY, Strength.PROOF,
                lambda: CheckResult(Outcome.SUPPORTS, "ok", conclusion=weaker))
    claim = Claim("demo", "demo", "{goal}", "nowhere", goal=goal, checks=(chk,))
    status = summarise_results(claim, [(chk, run_check(chk, goal))], [])
    assert status.verdict is not Verdict.PROVED


def test_an_instance_check_is_not_a_proof() -> None:
    goal = Goal(sp.Ge(x**2, 0), (x,))
    chk = Check("inst", Method.SYMPY, Strength.PROOF,
                lambda: ev.from_derivation(Derivation("x=3", sp.Integer(9),
                                                      [Step(">=", sp.Integer(0), Algebra())],
                                                      goal=(sp.Integer(9), ">=", 0))),
                instance="x = 3")
    claim = Claim("demo", "demo", "{goal}", "nowhere", goal=goal, checks=(chk,))
    status = summarise_results(claim, [(chk, run_check(chk, goal))], [])
    assert status.verdict is Verdict.SUPPORTED


def test_a_proof_of_the_goal_is_proved() -> None:
    goal = Goal(sp.Le(1 - x, sp.exp(-x)), (x,))
    chk = Check("lemma", Method.SYMPY, Strength.PROOF,
                lambda: ev.from_derivation(Derivation(
                    "1-x <= e^-x", 1 - x, [Step("<=", sp.exp(-x), Use(ONE_MINUS_X_LE_EXP))],
                    goal=(1 - x, "<=", sp.exp(-x)))))
    claim = Claim("demo", "demo", "{goal}", "nowhere", goal=goal, checks=(chk,))
    status = summarise_results(claim, [(chk, run_check(chk, goal))], [])
    assert status.verdict is Verdict.PROVED
    # the same check asked about a mutant goal no longer reaches it
    mutant = goal.with_relation(sp.Le(1 - 2 * x, sp.exp(-x)))
    assert run_check(chk, mutant).goal_link == "none"


# --- mutants -----------------------------------------------------------------------------------

def test_mutants_of_a_bound_are_killed_or_recognised_as_weaker() -> None:
    goal = Goal(sp.Le(1 - x, sp.exp(-x)), (x,))
    conclusion = Goal(sp.Le(1 - x, sp.exp(-x)), (x,))
    statuses = {d: classify(m, [conclusion])[0] for d, m in mutants_of(goal)}
    assert statuses["reverse the relation"] == "killed"
    assert statuses["strict <-> non-strict"] == "killed"
    assert "survived" not in statuses.values()


def _demo_claim(conclusion: Goal, goal: Goal) -> Claim:
    chk = Check("demo", Method.SYMPY, Strength.PROOF,
                lambda: CheckResult(Outcome.SUPPORTS, "ok", conclusion=conclusion))
    return Claim("demo", "demo", "{goal}", "nowhere", goal=goal, checks=(chk,))


def test_mutate_claim_counts_per_claim_and_kills_false_mutants() -> None:
    goal = Goal(sp.Le(1 - x, sp.exp(-x)), (x,))
    data = run_mutants([_demo_claim(goal, goal)])
    per = data["claims"]["demo"]
    assert per["baseline"] is True and per["mutants"] == data["mutants"] > 0
    assert per["survived"] == 0 and per["killed"] == data["killed"]
    assert data["kill_rate"] == 1.0


def test_mutants_of_a_claim_whose_proof_misses_the_goal_are_not_counted() -> None:
    # the proof concludes something else: every mutant would be "killed" by a proof that
    # proves nothing about the goal, so none is counted
    goal = Goal(sp.Le(1 - x, sp.exp(-x)), (x,))
    other = Goal(sp.Ge(x**2, 0), (x,))
    data = run_mutants([_demo_claim(other, goal)])
    assert data["mutants"] == 0 and data["claims"]["demo"]["baseline"] is False
    assert data["kill_rate"] is None


def test_a_false_conclusion_that_reaches_a_mutant_is_a_survivor() -> None:
    # a broken check that "concludes" 1 - 2x <= e^-x: the mutant it reaches is false, and the
    # exact spot check finds the counterexample, so it is reported as survived, not weaker
    goal = Goal(sp.Le(1 - x, sp.exp(-x)), (x,))
    mutant = goal.with_relation(sp.Le(1 - x, sp.exp(-x) - 1))
    status, info = classify(mutant, [mutant])
    assert status == "survived" and info["counterexample"]


def test_the_consequent_of_an_implication_is_mutated_and_its_counterexample_found() -> None:
    # x > 1 ⇒ x² > x: the consequent's mutants are goals too; one that is false where the
    # premise holds is a survivor when a (broken) conclusion reaches it
    y = sp.Symbol("y", real=True)
    goal = Goal(sp.Implies(sp.Gt(y, 1), sp.Gt(y**2, y), evaluate=False), (y,))
    mutants = dict(mutants_of(goal))
    assert "consequent: reverse the relation" in mutants
    assert all(isinstance(m.relation, sp.Implies) for m in mutants.values())
    reversed_ = mutants["consequent: reverse the relation"]
    assert classify(reversed_, [goal])[0] == "killed"
    status, info = classify(reversed_, [reversed_])
    assert status == "survived" and sp.Rational(info["counterexample"]["y"]) > 1
    # y > 1 ⇒ y³ > y is true where the premise holds (false only at points it excludes,
    # y = 1/2): no counterexample, so a conclusion reaching it leaves it weaker, not survived
    cubed = mutants["consequent: lhs: exponent 2 -> 3"]
    assert classify(cubed, [cubed])[0] == "equivalent-or-weaker"


def test_nonzero_probe_never_calls_an_identity_non_zero() -> None:
    K = sp.Symbol("K", integer=True, positive=True)
    i = sp.Symbol("i", integer=True, positive=True)
    p = sp.IndexedBase("p", nonnegative=True)
    t = sp.Symbol("t", integer=True, nonnegative=True)
    a = sp.Symbol("a", positive=True)
    identities = [
        sp.Sum(2 * p[i], (i, 1, K)) - 2 * sp.Sum(p[i], (i, 1, K)),
        (1 - a) ** (t + 1) - (1 - a) * (1 - a) ** t,
        sp.log(a**2) - 2 * sp.log(a),
        sp.Abs(a) - a,
    ]
    ev_n = sp.Symbol("n", even=True)
    identities.append((-1) ** ev_n - 1)  # zero on its declared domain (n even) only
    assert not any(nonzero_somewhere(e) for e in identities)
    assert nonzero_somewhere(sp.Sum(p[i], (i, 1, K + 1)) - sp.Sum(p[i], (i, 1, K)))
    assert nonzero_somewhere((1 - a) ** (t + 1) - (1 - a) ** t)
    # closed numbers: a divergent series is not 0; a convergent one equal to 0 is not non-zero
    k = sp.Symbol("k", integer=True, nonnegative=True)
    assert nonzero_somewhere(sp.Sum(2**k * 2 ** (k - 1), (k, 0, sp.oo)) - 1)
    assert nonzero_somewhere(1 - sp.Sum(1 / (k + 1), (k, 0, sp.oo)))
    assert not nonzero_somewhere(sp.Sum(2**k * 2 ** (-2 * k - 1), (k, 0, sp.oo)) - 1)
    assert not nonzero_somewhere(sp.Sum((-1) ** k, (k, 0, sp.oo)))  # no value at all
    # an infinite value at a probe point says nothing: (1 − a)·Σ aᵏ − 1 is 0 for a < 1
    assert not nonzero_somewhere((1 - a) * sp.Sum(a**k, (k, 0, sp.oo)) - 1)


def test_nonzero_probe_evaluates_a_number_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from proofs import goal

    calls: list[sp.Basic] = []
    probe = goal._probe
    monkeypatch.setattr(goal, "_probe", lambda e, k: calls.append(e) or probe(e, k))
    k = sp.Symbol("k", integer=True, nonnegative=True)
    assert not nonzero_somewhere(sp.Sum(2**-k, (k, 0, sp.oo)) - 2)
    assert len(calls) == 1
    calls.clear()
    a = sp.Symbol("a", positive=True)
    assert not nonzero_somewhere(sp.log(a**2) - 2 * sp.log(a))
    assert len(calls) == 3


# --- the verdict rule for certified checks ----------------------------------------------------

_BOX = {x: ("1/2", 1)}
_DOMAIN = (sp.Ge(x, sp.Rational(1, 2)), sp.Le(x, 1))


def _certified_claim(*checks: Check, goal: Goal) -> tuple[Claim, object]:
    claim = Claim("demo", "demo", "{goal}", "nowhere", goal=goal, checks=checks)
    return claim, summarise_results(claim, [(c, run_check(c, goal)) for c in checks], [])


def test_a_certification_of_the_goal_certifies_it() -> None:
    goal = Goal(sp.Le(1 - x, sp.exp(-x)), (x,), _DOMAIN)
    arb = Check("arb", Method.ARB, Strength.CERTIFIED,
                lambda: ev.certified(sp.Le(1 - x, sp.exp(-x)), _BOX))
    _, status = _certified_claim(arb, goal=goal)
    assert status.verdict is Verdict.CERTIFIED and not status.problems


def test_a_certification_of_another_statement_does_not_certify_the_goal() -> None:
    # false goal: 1 - x/4 <= e^{-x} fails at x = 1; the check certifies the true 1 - x <= e^-x
    goal = Goal(sp.Le(1 - x / 4, sp.exp(-x)), (x,), _DOMAIN)
    arb = Check("arb", Method.ARB, Strength.CERTIFIED,
                lambda: ev.certified(sp.Le(1 - x, sp.exp(-x)), _BOX))
    _, status = _certified_claim(arb, goal=goal)
    assert status.verdict is Verdict.UNDECIDED
    # on a wider domain than the one certified, the same statement is not certified either
    wide = Goal(sp.Le(1 - x, sp.exp(-x)), (x,), (sp.Ge(x, 0), sp.Le(x, 1)))
    assert _certified_claim(arb, goal=wide)[1].verdict is not Verdict.CERTIFIED


def test_a_certification_without_a_conclusion_does_not_count_for_a_goal() -> None:
    from numerics.precision import certify_relation

    goal = Goal(sp.Le(1 - x, sp.exp(-x)), (x,), _DOMAIN)
    arb = Check("arb", Method.ARB, Strength.CERTIFIED,
                lambda: ev.from_certify(certify_relation(sp.Le(1 - x, sp.exp(-x)), _BOX)))
    assert _certified_claim(arb, goal=goal)[1].verdict is Verdict.UNDECIDED


def test_disagreeing_certified_and_proof_checks_of_one_goal_are_undecided_and_named() -> None:
    goal = Goal(sp.Le(1 - x, sp.exp(-x)), (x,), _DOMAIN)
    good = Check("arb", Method.ARB, Strength.CERTIFIED,
                 lambda: ev.certified(sp.Le(1 - x, sp.exp(-x)), _BOX))
    stuck = Check("arb-tight", Method.ARB, Strength.CERTIFIED,
                  lambda: CheckResult(Outcome.UNDECIDED, "arb could not separate"))
    _, status = _certified_claim(good, stuck, goal=goal)
    assert status.verdict is Verdict.UNDECIDED
    assert any("arb-tight" in p and "disagree" in p for p in status.problems)
    proof = Check("lemma", Method.SYMPY, Strength.PROOF,
                  lambda: ev.from_derivation(Derivation(
                      "1-x <= e^-x", 1 - x, [Step("<=", sp.exp(-x), Use(ONE_MINUS_X_LE_EXP))],
                      goal=(1 - x, "<=", sp.exp(-x)))))
    # a proof that checks and a certification of the same goal that is undecided disagree
    _, status = _certified_claim(proof, stuck, goal=goal)
    assert status.verdict is Verdict.UNDECIDED
    assert any("lemma" in p and "arb-tight" in p for p in status.problems)
    # and agree when both establish it
    _, status = _certified_claim(proof, good, goal=goal)
    assert status.verdict is Verdict.PROVED and not status.problems


# --- false-statement corpus: the mutation kinds of the self-mutation, each must fail ---------

_n, _c, _d = pf.n, pf.c, pf.delta
_S = sp.Sum(_c**pf.i, (pf.i, 0, _n - 1))
FALSE_CONTRACTION_BOUNDS = {
    "reversed relation": sp.Ge(pf.D(_n), _c**_n * pf.D(0) + _d * _S),
    "made strict": sp.Lt(pf.D(_n), _c**_n * pf.D(0) + _d * _S),
    "constant perturbed (upper bound n - 1 -> n - 2)":
        sp.Le(pf.D(_n), _c**_n * pf.D(0) + _d * sp.Sum(_c**pf.i, (pf.i, 0, _n - 2))),
    "constant perturbed (lower bound 0 -> 1)":
        sp.Le(pf.D(_n), _c**_n * pf.D(0) + _d * sp.Sum(_c**pf.i, (pf.i, 1, _n - 1))),
    "exponent shifted": sp.Le(pf.D(_n), _c ** (_n + 1) * pf.D(0) + _d * _S),
    "factor dropped (D_0)": sp.Le(pf.D(_n), _c**_n + _d * _S),
    "factor dropped (delta)": sp.Le(pf.D(_n), _c**_n * pf.D(0) + _S),
}


_SLOW = {"constant perturbed (lower bound 0 -> 1)", "factor dropped (D_0)", "exponent shifted"}


@pytest.mark.parametrize("kind", [
    pytest.param(k, marks=pytest.mark.deep) if k in _SLOW else k
    for k in sorted(FALSE_CONTRACTION_BOUNDS)
])
def test_false_contraction_bounds_fail_to_prove(kind: str) -> None:
    assert not pf.contraction_induction(FALSE_CONTRACTION_BOUNDS[kind]).check().ok


_al, _t = pf.alpha, pf.t
_r = (1 - _al) ** _t
FALSE_CLOSED_FORMS = {
    "constant perturbed": (2 - _r) * pf.P_ + _r * pf.Q(0),
    "exponent shifted": (1 - (1 - _al) ** (_t + 1)) * pf.P_ + (1 - _al) ** (_t + 1) * pf.Q(0),
    "exponent shifted in one place": (1 - _r) * pf.P_ + (1 - _al) ** (_t + 1) * pf.Q(0),
    "factor dropped (P)": (1 - _r) + _r * pf.Q(0),
    "factor dropped ((1 - alpha)^t)": (1 - _r) * pf.P_ + pf.Q(0),
}


@pytest.mark.parametrize("kind", sorted(FALSE_CLOSED_FORMS))
def test_false_closed_forms_fail_to_prove(kind: str) -> None:
    assert not pf.idealised_induction(FALSE_CLOSED_FORMS[kind]).check().ok


def _mutant(goal: Goal, prefix: str) -> list[Goal]:
    return [m for d, m in mutants_of(goal) if d.split(": ", 1)[-1].startswith(prefix)
            or prefix in d]


@pytest.mark.parametrize(("goal", "kind"), [
    (pf.EQ45_GOAL, "reverse the relation"),
    (pf.EQ45_GOAL, "strict <-> non-strict"),
    (pf.EQ45_GOAL, "exponent n -> n + 1"),
    (pf.EQ45_GOAL, "drop factor D(0)"),
    (pf.PROP1_GOAL, "= -> <"),
    (pf.PROP1_GOAL, "exponent t -> t + 1"),
    (pf.PROP1_GOAL, "drop factor Q(0)"),
    (pf.PROP1_GOAL, "lower bound: constant 1 -> 2"),
    (pf.SCOPE_GOAL, "exponent t -> t - 1"),
    (pf.LEM7_GOAL, "constant 1/2 -> 3/2"),
])
def test_the_real_goal_does_not_give_its_false_mutants(goal: Goal, kind: str) -> None:
    # the engine's comparison, asked whether the (proved) goal gives a false mutant of it
    mutants = _mutant(goal, kind)
    assert mutants, f"no mutant {kind!r} generated"
    for m in mutants[:2]:
        assert follows(goal, m) is None, str(m)


# --- the kill rate: recorded, in the README, and re-run in the deep tier ----------------------

def test_readme_states_the_recorded_kill_rate() -> None:
    text = readme.README.read_text()
    assert readme.current_mutants_text(text) == readme.mutants_text(readme.recorded_mutants()), \
        "run: python -m theorems.readme"


@pytest.mark.deep
@pytest.mark.timeout(2700)  # every claim's mutants: about 12 minutes on two loaded cores
def test_every_mutant_is_killed_or_recognised_and_the_recorded_figure_is_current() -> None:
    data = run_mutants(registry.all_claims(), jobs=os.cpu_count() or 1)
    survivors = [f"{r['claim']}: {r['mutation']}" for r in data["rows"]
                 if r["status"] == "survived"]
    assert not survivors, survivors
    assert all(t["baseline"] is not False for t in data["claims"].values()), data["claims"]
    fix = ("run: collapse-check mutants --out theorems/mutants.json && "
           "python -m theorems.readme")
    assert readme.mutants_summary(data) == readme.mutants_summary(readme.recorded_mutants()), fix
    assert data["claims"] == readme.recorded_mutants()["claims"], fix


# --- proved requires a goal -----------------------------------------------------------------

def test_a_goal_less_proof_is_capped_at_supported() -> None:
    chk = Check("z3", Method.Z3, Strength.PROOF,
                lambda: ev.smt(sp.Ge(xp + 1 / xp, 2)))
    claim = Claim("demo", "demo", "x + 1/x >= 2", "nowhere", checks=(chk,))
    status = summarise_results(claim, [(chk, run_check(chk))], [])
    assert status.verdict is Verdict.SUPPORTED
    assert status.labels["z3"].startswith("no formal goal")
    arb = Check("arb", Method.ARB, Strength.CERTIFIED,
                lambda: ev.certified(sp.Le(1 - x, sp.exp(-x)), _BOX))
    claim = Claim("demo", "demo", "1 - x <= e^-x", "nowhere", checks=(arb,))
    assert summarise_results(claim, [(arb, run_check(arb))], []).verdict is Verdict.SUPPORTED


def test_every_claim_recorded_as_proved_or_certified_has_a_goal() -> None:
    # the claim tests hold each computed verdict equal to the recorded one
    claims = registry.all_claims()
    strong = (Verdict.PROVED, Verdict.CERTIFIED)
    missing = []
    for claim in claims:
        if claim.expected not in strong:
            continue
        comp = readings.compose(claims, claim.id)
        if claim.goal is None and not (comp is not None and comp.proved):
            missing.append(claim.id)
    assert not missing, f"proved or certified without a formal goal: {missing}"


def _trust_rests_on_something(report: dict) -> bool:
    total = report["total"]
    return any(total[k] for k in ("lemmas", "solvers", "simplifications", "rules",
                                  "shipped_tables"))


@pytest.mark.deep
def test_every_proved_or_certified_claim_of_a_fresh_run_has_a_goal_and_a_trust_report() -> None:
    from theorems.evaluate import evaluate
    from theorems.trust import trust_report

    report = evaluate(registry.all_claims(), jobs=os.cpu_count() or 1)
    strong = (Verdict.PROVED, Verdict.CERTIFIED)
    bad = []
    for st in report.statuses:
        if st.verdict not in strong:
            continue
        if st.goal is None or not _trust_rests_on_something(trust_report(report.statuses,
                                                                          st.claim.id)):
            bad.append(st.claim.id)
    assert not bad, f"proved or certified without a goal or a trust report: {bad}"


def test_no_goal_names_two_different_variables_alike() -> None:
    """Every variable of a goal has its own printed name: two symbols called ``c`` with
    different assumptions would print as one variable (an ambiguous statement) and be ordered
    by hash (a results file that differs between identical runs)."""
    clashes = {}
    for claim in registry.all_claims():
        if claim.goal is None:
            continue
        g = claim.goal
        names: dict[str, set[sp.Symbol]] = {}
        for e in (g.relation, *g.hypotheses, *g.variables):
            for sym in getattr(e, "free_symbols", set()):
                if isinstance(sym, sp.Symbol):
                    names.setdefault(sym.name, set()).add(sym)
        bad = sorted(n for n, syms in names.items() if len(syms) > 1)
        if bad:
            clashes[claim.id] = bad
    assert clashes == {}
