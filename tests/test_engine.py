"""Tests of the engine itself: the checkers must refuse false statements.

A verifier that proves a false statement is the worst bug this project can have, so every
back-end is fed a corpus of false variants (flipped inequalities, dropped factors, missing
hypotheses, unguarded divisions) and must not accept any of them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.errors import EncodingError, FormulaError, InputError, UnknownClaimError
from numerics.precision import certify
from proofs.derivation import Algebra, Condition, Derivation, Lemma, Smt, Step
from proofs.formula import parse_box, parse_expression, parse_relations
from proofs.smt import prove
from theorems import readme, registry
from theorems.evaluate import Report, evaluate
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

ROOT = Path(__file__).resolve().parent.parent
x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
xp = sp.Symbol("x", positive=True)

# --- z3 back-end ------------------------------------------------------------------------

TRUE_Z3 = [
    ("x*(1-x) <= 1/4", ["0 < x", "x < 1"]),
    ("x*(1-x) <= 1/4", []),
    ("x**2 + y**2 >= 2*x*y", []),
    ("(x**2 - 1)/(x - 1) == x + 1", ["x > 1"]),
    ("1/x > 0", ["x > 0"]),
    ("sqrt(x) <= (1 + x)/2", ["x >= 0"]),
    ("abs(x + y) <= abs(x) + abs(y)", []),
]

FALSE_Z3 = [
    ("x**2 >= x", ["x > 0"]),  # false on (0, 1)
    ("x*(1-x) >= 1/4", ["0 < x", "x < 1"]),  # flipped inequality
    ("x*(1-x) <= 1/5", ["0 < x", "x < 1"]),  # wrong constant
    ("x**2 + y**2 >= 3*x*y", []),  # wrong factor
    ("1/x > 0", []),  # missing hypothesis
    ("(1 - x)**2 <= 1 - x", ["0 <= x", "x <= 2"]),  # missing hypothesis x <= 1
    ("abs(x + y) <= abs(x)", []),  # dropped term
]


@pytest.mark.parametrize(("goal", "hyps"), TRUE_Z3)
def test_z3_proves_true_statements(goal: str, hyps: list[str]) -> None:
    assert prove(goal, hyps).status == "proved"


@pytest.mark.parametrize(("goal", "hyps"), FALSE_Z3)
def test_z3_never_proves_false_statements(goal: str, hyps: list[str]) -> None:
    result = prove(goal, hyps)
    assert result.status != "proved"
    assert result.status == "refuted" and result.confirmed, result.summary()


def test_z3_refutation_comes_with_confirmed_model() -> None:
    r = prove("x**2 >= x", ["x > 0"])
    value = Fraction(r.model["x"])
    assert 0 < value < 1


def test_z3_irrational_counterexample_is_confirmed_exactly() -> None:
    r = prove("x**2 >= 2", ["x**3 == 2"])  # x = 2^(1/3), x² ≈ 1.587
    assert r.status == "refuted" and r.confirmed and r.model["x"].endswith("…")


def test_z3_inconsistent_hypotheses_are_not_a_proof() -> None:
    r = prove("x > 100", ["x > 2", "x < 1"])
    assert r.status == "undecided" and "inconsistent" in r.reason


def test_z3_division_gets_a_reported_side_condition() -> None:
    r = prove("(x**2 - 1)/(x - 1) == x + 1")
    assert r.status == "proved" and r.side_conditions == ["x - 1 != 0"]
    r = prove("(x**2 - 1)/(x - 1) == x + 1", ["x > 1"])
    assert r.status == "proved" and r.side_conditions == []


def test_z3_tiny_rlimit_is_undecided_not_proved() -> None:
    r = prove("x**10 + y**10 + x*y >= -1", rlimit=500)
    assert r.status == "undecided"


def test_z3_rejects_floats_and_transcendentals() -> None:
    with pytest.raises(EncodingError):
        prove(sp.Le(sp.Float("0.1") * x, 1))
    with pytest.raises(EncodingError):
        prove("log(x) <= x - 1", ["x > 0"])


# --- derivation checker -----------------------------------------------------------------

def _chain(start, steps, goal, hyps=()):
    return Derivation("t", start, steps, goal=goal, hypotheses=hyps).check()


def test_derivation_accepts_true_chain() -> None:
    r = _chain((xp + 1) ** 2, [Step("=", xp**2 + 2 * xp + 1, Algebra()),
                               Step(">", xp**2 + 1, Algebra())],
               ((xp + 1) ** 2, ">", xp**2 + 1))
    assert r.ok


@pytest.mark.parametrize(
    ("start", "rel", "end", "why"),
    [
        ((x + 1) ** 2, "=", x**2 + 1, "dropped cross term"),
        ((x + 1) ** 2, "<=", x**2 + 1, "false inequality"),
        (x**2, ">=", x, "false without hypotheses"),
        (sp.Abs(x * y), "=", x * sp.Abs(y), "|x|y| needs x >= 0"),
        (sp.log(x**2), "=", 2 * sp.log(x), "needs x > 0"),
    ],
)
def test_derivation_refuses_false_steps(start, rel, end, why) -> None:
    for by in (Algebra(), Smt()):
        r = _chain(start, [Step(rel, end, by)], (start, rel, end))
        assert not r.ok, why
        assert r.steps[0].mark in ("✗", "?")


def test_piecewise_branches_are_only_dropped_under_a_matching_hypothesis() -> None:
    c = sp.Symbol("c", positive=True)
    n = sp.Symbol("n", integer=True, nonnegative=True)
    i = sp.Symbol("i", integer=True, nonnegative=True)
    total = sp.Sum(c**i, (i, 0, n - 1))
    right, wrong = (1 - c**n) / (1 - c), (1 - c ** (n + 1)) / (1 - c)
    assert _chain(total, [Step("=", right, Algebra())], (total, "=", right),
                  hyps=(sp.Ne(c, 1),)).ok
    assert not _chain(total, [Step("=", wrong, Algebra())], (total, "=", wrong),
                      hyps=(sp.Ne(c, 1),)).ok
    assert not _chain(total, [Step("=", right, Algebra())], (total, "=", right)).ok


def test_spot_check_runs_when_hypotheses_mention_other_symbols() -> None:
    z = sp.Symbol("z", real=True)
    # a false step (x**2 <= x on [0, 2]) must be caught although the hypotheses also constrain z
    hyps = (sp.Le(0, x), sp.Le(x, 2), sp.Le(0, z), sp.Le(z, 1))
    r = _chain(x**2, [Step("<=", x, Lemma("made-up"))], (x**2, "<=", x), hyps=hyps)
    assert not r.ok and r.steps[0].mark == "✗"


def test_spot_check_respects_bound_variables_and_unevaluable_values() -> None:
    k = sp.Symbol("k", integer=True, nonnegative=True)
    n = sp.Symbol("n", integer=True, positive=True)
    total = sp.Sum(k, (k, 0, n))
    closed = n * (n + 1) / 2
    # k is bound inside the sum and also free outside it: substituting into the bound k
    # would make this true identity look false
    r = _chain(total + k, [Step("=", closed + k, Algebra())], (total + k, "=", closed + k))
    assert r.ok
    wrong = n * (n - 1) / 2
    assert not _chain(total, [Step("=", wrong, Algebra())], (total, "=", wrong)).ok


def test_sampler_finds_points_on_equality_hypotheses() -> None:
    a, b, c = (sp.Symbol(f"m{i}", nonnegative=True) for i in range(3))
    from proofs.derivation import _sample_points

    points = _sample_points([a, b, c], [sp.Eq(a + b + c, 1)])
    assert len(points) >= 5  # (1/3, 1/3, 1/3), (1, 0, 0), (1/2, 1/2, 0), ...
    # and a false step under such a hypothesis is caught
    r = _chain(a**2 + b**2 + c**2, [Step(">=", sp.Rational(1, 2), Lemma("made-up"))],
               (a**2 + b**2 + c**2, ">=", sp.Rational(1, 2)), hyps=(sp.Eq(a + b + c, 1),))
    assert not r.ok and r.steps[0].mark == "✗"


def test_derivation_refuses_misapplied_lemma() -> None:
    # a 'lemma' step whose conclusion is false is caught by the spot check
    r = _chain(x**2, [Step("<=", x, Lemma("made-up lemma"))], (x**2, "<=", x))
    assert not r.ok and r.steps[0].mark == "✗"


def test_derivation_lemma_side_conditions_are_checked() -> None:
    bad = Lemma("Jensen", side_conditions=(Condition(sp.Ge(x**2 - 1, 0), Algebra()),))
    r = _chain(x, [Step("<=", x, bad)], (x, "<=", x))
    assert not r.ok


def test_derivation_chain_must_reach_goal_and_direction() -> None:
    r = _chain(xp, [Step("<=", xp + 1, Algebra())], (xp, "<", xp + 1))
    assert not r.ok  # chain gives <=, goal asks <
    r = _chain(xp, [Step("<=", xp + 1, Algebra()), Step(">=", xp, Algebra())], (xp, "<=", xp))
    assert not r.ok  # mixed directions prove nothing
    r = _chain(xp, [Step("<=", xp + 1, Algebra())], (xp, "<=", xp + 2))
    assert not r.ok  # does not end at the goal


def test_derivation_hypotheses_limit_spot_checks() -> None:
    ok = _chain(x**2, [Step("<=", x, Smt())], (x**2, "<=", x), hyps=(sp.Le(0, x), sp.Le(x, 1)))
    assert ok.ok
    r = _chain(x**2, [Step("<=", x, Smt())], (x**2, "<=", x), hyps=(sp.Le(0, x), sp.Le(x, 2)))
    assert not r.ok


# --- arb certifier --------------------------------------------------------------------------

def test_arb_certifies_true_and_refutes_false() -> None:
    assert certify(sp.log(1 + x), "<", x, {x: ("1/10", "2")}).status == "certified"
    assert certify(sp.exp(x), "<", sp.exp(x) + 1, {x: (0, 1)}).status == "certified"
    r = certify(x, "<=", sp.log(1 + x), {x: ("1/10", "2")})
    assert r.status == "refuted" and r.witness
    r = certify(sp.sqrt(x), "<", x, {x: (0, 4)})  # false on (0, 1)
    assert r.status == "refuted"


def test_arb_touching_case_is_undecided_not_certified() -> None:
    r = certify(sp.log(1 + x), "<", x, {x: (0, 1)}, max_boxes=300)  # equality at 0
    assert r.status in ("undecided", "refuted")


def test_arb_rejects_bad_boxes() -> None:
    with pytest.raises(InputError):
        certify(x, "<=", x + 1, {x: (1, 0)})
    with pytest.raises(InputError):
        certify(x, "<=", y, {x: (0, 1)})


# --- formula parser -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    ["__import__('os').system('x')", "x.real > 0", "open('f') > 0", "lambda: 1", "[1, 2] > 0",
     "x <", "", "x >> 2", "f(x) > 0", "_x > 0"],
)
def test_parser_refuses_malformed_or_unsafe_input(text: str) -> None:
    with pytest.raises(FormulaError):
        parse_relations(text)


def test_parser_is_exact_and_power_binds_tightly() -> None:
    assert parse_expression("0.1") == sp.Rational(1, 10)
    assert parse_expression("2*x^2") == 2 * sp.Symbol("x", real=True) ** 2
    assert parse_box("y=0.25..1/2")[1:] == (sp.Rational(1, 4), sp.Rational(1, 2))


@settings(max_examples=40, deadline=None)
@given(st.fractions(min_value=-5, max_value=5), st.fractions(min_value=-5, max_value=5))
def test_z3_agrees_with_exact_arithmetic_on_constants(a: Fraction, b: Fraction) -> None:
    """prove('a <= b') for constants must match exact rational comparison."""
    r = prove(f"({a.numerator})/({a.denominator}) + 0*x <= ({b.numerator})/({b.denominator})")
    assert r.status == ("proved" if a <= b else "refuted")


@settings(max_examples=25, deadline=None)
@given(st.fractions(min_value=0, max_value=1))
def test_z3_refutes_shifted_am_gm(c: Fraction) -> None:
    """x*y <= (x² + y²)/2 - c is false whenever c > 0 (take x = y)."""
    goal = f"x*y <= (x**2 + y**2)/2 - ({c.numerator})/({c.denominator})"
    r = prove(goal)
    assert r.status == ("proved" if c == 0 else "refuted")


# --- verdicts and registry ------------------------------------------------------------------

def _res(outcome: Outcome, error: str | None = None) -> CheckResult:
    return CheckResult(outcome, "", error=error)


def test_verdict_rules() -> None:
    P, C, S = Strength.PROOF, Strength.CERTIFIED, Strength.SAMPLED
    assert derive_verdict([(P, _res(Outcome.SUPPORTS))]) is Verdict.PROVED
    assert derive_verdict([(C, _res(Outcome.SUPPORTS))]) is Verdict.CERTIFIED
    assert derive_verdict([(S, _res(Outcome.SUPPORTS)), (P, _res(Outcome.UNDECIDED))]) \
        is Verdict.SUPPORTED
    assert derive_verdict([(S, _res(Outcome.SUPPORTS)), (S, _res(Outcome.REFUTES))]) \
        is Verdict.REFUTED
    assert derive_verdict([(P, _res(Outcome.UNDECIDED))]) is Verdict.UNDECIDED
    assert derive_verdict([(P, _res(Outcome.SUPPORTS, error="boom"))]) is Verdict.UNDECIDED


def test_exception_in_check_is_undecided_never_a_pass() -> None:
    def boom() -> CheckResult:
        raise RuntimeError("solver crashed")

    chk = Check("boom", Method.Z3, Strength.PROOF, boom)
    res = run_check(chk)
    assert res.outcome is Outcome.UNDECIDED and "solver crashed" in (res.error or "")


def test_run_check_measures_cpu_apart_from_wall_time() -> None:
    """A check that waits uses wall time but little CPU; one that computes uses both."""
    import time

    def waits() -> CheckResult:
        time.sleep(0.3)
        return CheckResult(Outcome.SUPPORTS, "waited")

    def computes() -> CheckResult:
        end = time.process_time() + 0.3
        while time.process_time() < end:
            pass
        return CheckResult(Outcome.SUPPORTS, "computed")

    slept = run_check(Check("waits", Method.SYMPY, Strength.PROOF, waits))
    busy = run_check(Check("computes", Method.SYMPY, Strength.PROOF, computes))
    assert slept.seconds >= 0.3 and slept.cpu_seconds < 0.1
    assert busy.cpu_seconds >= 0.3 and busy.seconds >= 0.3


def test_every_claims_md_id_is_registered_in_order() -> None:
    claims_md = (ROOT.parent / "shared" / "paper" / "CLAIMS.md")
    ids = list(registry.TOP_LEVEL_IDS)
    if claims_md.exists():
        text = claims_md.read_text()
        fixed = re.search(r"`(def-1 def-2[^`]*)`", text).group(1).split()
        for cid in [*fixed, "eq-4-5", "eq-16-20", "sec-5-1", "sec-5-5", "sec-2-1", "abstract-v1"]:
            assert cid in ids
    top = [c.id for c in registry.all_claims() if c.parent is None]
    assert top == ids


def test_registry_names_resolve_to_real_code() -> None:
    for claim in registry.all_claims():
        assert claim.statement and claim.location and claim.title
        for check in claim.checks:
            assert callable(check.run)
        if claim.checks:
            assert claim.expected is not None, f"{claim.id} has checks but no recorded verdict"
        for used in claim.uses:
            registry.get(used)


def test_unknown_id_names_closest() -> None:
    with pytest.raises(UnknownClaimError, match="closest"):
        registry.get("thm2")


def test_fully_checked_needs_everything_used(thm5_report: Report) -> None:
    by = thm5_report.by_id()
    assert by["thm-5/vanishing-alpha-idealised"].verdict is Verdict.REFUTED
    assert not by["thm-5/vanishing-alpha-idealised"].fully_checked
    # the parent shows its as-written verdict: the conjunction of its parts
    assert by["thm-5"].verdict is by["thm-5/converse"].verdict is Verdict.REFUTED
    assert by["thm-5"].as_written.claim == "thm-5/converse"
    assert by["thm-5"].holds.claim == "thm-5/converse-diversity"


def test_readme_table_is_in_sync() -> None:
    rows = readme.current_rows((ROOT / "README.md").read_text())
    assert rows == readme.rows_from_expectations(), "run: python -m theorems.readme"


def test_pending_claims_never_show_stronger() -> None:
    bare = Claim(id="x", title="t", statement="s", location="l")
    from theorems.evaluate import summarise_results

    assert summarise_results(bare, [], []).verdict is Verdict.PENDING


# --- CLI ------------------------------------------------------------------------------------

def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "theorems.cli", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (("prove", "x**2 >= x", "--assume", "x > 0"), 1, "refuted: counterexample x = 1/2"),
        (("prove", "x*(1-x) <= 1/4", "--assume", "0 < x < 1"), 0, "proved"),
        (("prove", "log(1+x) < x", "--box", "x=1/10..2"), 0, "certified by arb"),
        (("prove", "x**10 + y**10 >= x*y - 1"), None, ""),
    ],
)
def test_cli_prove(args, code, needle) -> None:
    r = _cli(*args)
    if code is not None:
        assert r.returncode == code, r.stderr
    assert needle in r.stdout
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("prove", "x <<< 1"),
        ("prove", "__import__('os').system('echo hi') > 0"),
        ("prove", "log(x) < x"),
        ("prove", "x < 1", "--box", "x=2..1"),
        ("verify", "thm-99"),
        ("show", "nope"),
        ("verify", "--frobnicate"),
    ],
)
def test_cli_bad_input_is_one_line_exit_2(args) -> None:
    r = _cli(*args)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr


def test_cli_verify_json_lists_every_top_level_id() -> None:
    import json

    r = _cli("verify", "--json", "eq-4-5", "--jobs", "1")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert {c["id"] for c in data["claims"]} == {"eq-4-5"}
    assert data["claims"][0]["checks"][0]["method"]


def test_parallel_evaluation_gives_the_same_results(shared_results, report_for,
                                                    request) -> None:
    # every method: sympy, z3, exact, mpmath, arb and a seeded simulation (thm-2/gini)
    ids = ["cor-3", "lem-7", "thm-2/gini"]
    claims = registry.resolve(ids)
    one = evaluate(claims, jobs=1)
    # the session's shared evaluation ran on a worker pool when there are two CPUs
    pooled = shared_results is not None and (os.cpu_count() or 1) >= 2
    if pooled:
        two = report_for(ids)
        fallbacks = request.getfixturevalue("full_report").run.get("pool_fallbacks")
    else:
        two = evaluate(claims, jobs=2)
        fallbacks = two.run.get("pool_fallbacks")
    # every check came back from the pool (none was run again in the parent)
    assert fallbacks == [], fallbacks
    assert [(s.claim.id, s.verdict, [r.outcome for _, r in s.results]) for s in one.statuses] \
        == [(s.claim.id, s.verdict, [r.outcome for _, r in s.results]) for s in two.statuses]


def test_spot_check_evaluation_shortcuts_agree_with_subs() -> None:
    """The spot checker's xreplace shortcut and cached sample points change no value."""
    import sympy as sp

    from proofs import derivation as d

    x, y = sp.symbols("x y", positive=True)
    expr = sp.exp(-x / y) * sp.log(1 + x) / (x + y) ** 3 + sp.sqrt(x * y)
    point = {x: sp.Rational(3, 7), y: sp.Rational(5, 2)}
    assert d._numeric(expr, point) == sp.Float(sp.N(expr.subs(point), 60), 60)
    # a bound variable that shares a sampled symbol's name is left alone (subs path)
    assert float(d._numeric(sp.Sum(x, (x, 1, 3)) + x, {x: sp.Integer(10)})) == 16.0
    # sample points are reused, and callers get their own dicts
    first = d._sample_points([x, y], [x < y])
    second = d._sample_points([x, y], [x < y])
    assert first == second and first and first[0] is not second[0]
    first[0][x] = sp.Integer(-1)
    assert d._sample_points([x, y], [x < y])[0][x] != -1
    # a false relation is still refuted at a sampled point
    assert d._spot_check(x * y, "<=", x + y, []) is not None


def test_goals_and_conclusions_cross_processes_unchanged() -> None:
    """Results travel from the worker pool by pickle: every goal, and the conclusion of a
    fresh run of thm-2/rate's arb check, come back equal (that conclusion, a relation sympy
    cannot show real, used to fail to unpickle, which broke the pool and pushed every queued
    check into the parent)."""
    import pickle

    from proofs import entropy as pe
    from theorems.evaluate import _run_by_name

    goals = [c.goal for c in registry.all_claims() if c.goal is not None]
    fresh = pickle.loads(_run_by_name("thm-2/rate", "arb-remainder"))
    assert fresh.conclusion is not None
    for g in [*goals, pe.RATE_GOAL, fresh.conclusion]:
        back = pickle.loads(pickle.dumps(g))
        assert back == g and str(back) == str(g)


def test_pool_workers_see_a_changed_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork-server workers keep the settings the server started with; once one changes here,
    the pool starts fresh interpreters, which read it."""
    from theorems import evaluate as ev

    first = ev.pool_context()
    if first.get_start_method() != "forkserver":
        pytest.skip("no fork server on this platform")
    assert ev.pool_context().get_start_method() == "forkserver"
    monkeypatch.setenv("COLLAPSE_CHECK_KERNELS", "numpy")
    assert ev.pool_context().get_start_method() == "spawn"
    monkeypatch.delenv("COLLAPSE_CHECK_KERNELS")
    if ev._SERVER_ENV == ev._settings():
        assert ev.pool_context().get_start_method() == "forkserver"
