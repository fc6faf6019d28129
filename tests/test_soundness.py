"""False statements the proof engine once accepted: each must now fail to prove.

Every case here was a way to make a derivation "check" while its conclusion is false. They
are regression tests for the engine's rules, not for any claim: an induction may start only
inside its variable's domain; a "for every t" hypothesis is used only at values of t's
domain; "does not involve m" is a structural fact, not a zero derivative; a derivative premise
about a function with jumps or kinks is not accepted; a schema's pattern variables keep their
domains; a step's local SMT hypotheses are derived, never assumed.
"""

from __future__ import annotations

import sympy as sp

from proofs.derivation import Algebra, Derivation, Given, Induction, Smt, Step, Use
from proofs.goal import Goal, follows
from proofs.lemmas import (
    BINOMIAL_Y,
    DATA_PROCESSING,
    JENSEN_BINOMIAL,
    KERNEL_M,
    KERNEL_T,
    KERNEL_X,
    RV_M,
    RV_X,
    BinomialAverage,
    LearnerOutput,
    MutualInformation,
)


def test_induction_cannot_start_below_the_domain() -> None:
    n = sp.Symbol("n", integer=True, nonnegative=True)
    stmt = sp.Gt(n**2, 0)  # false at n = 0
    base = Derivation("base", sp.Integer(1), [Step(">", sp.Integer(0), Algebra())],
                      goal=(sp.Integer(1), ">", sp.Integer(0)))
    step = Derivation("step", (n + 1) ** 2, [Step(">", sp.Integer(0), Smt())],
                      goal=((n + 1) ** 2, ">", sp.Integer(0)), hypotheses=(stmt, sp.Ge(n, -1)))
    report = Induction("n^2 > 0", n, stmt, base, step, start=sp.Integer(-1)).check()
    assert not report.ok
    assert report.established is None


def test_induction_start_must_be_an_integer() -> None:
    m = sp.Symbol("m", integer=True)
    stmt = sp.Gt((m - 1) ** 2, 0)  # false at m = 1
    base = Derivation("base", sp.Rational(1, 4), [Step(">", sp.Integer(0), Algebra())],
                      goal=(sp.Rational(1, 4), ">", sp.Integer(0)))
    step = Derivation("step", m**2, [Step(">", sp.Integer(0), Smt())],
                      goal=(m**2, ">", sp.Integer(0)),
                      hypotheses=(stmt, sp.Ge(m, sp.Rational(1, 2))))
    assert not Induction("(m-1)^2 > 0", m, stmt, base, step, start=sp.Rational(1, 2)).check().ok


def test_for_every_t_is_not_used_outside_the_domain_of_t() -> None:
    t = sp.Symbol("t", integer=True, nonnegative=True)
    q = sp.Function("Q")
    rec = sp.Lambda(t, sp.Eq(q(t + 1), q(t) / 2))
    d = Derivation("Q(0)", q(0), [Step("=", q(-1) / 2, Given())],
                   goal=(q(0), "=", q(-1) / 2), hypotheses=(rec,))
    assert not d.check().ok
    half = sp.Eq(q(sp.Rational(3, 2)), q(sp.Rational(1, 2)) / 2)
    assert follows(Goal(half, (), (half,)), Goal(half, (), (rec,))) is None
    # inside the domain the hypothesis is still usable
    ok = Derivation("Q(1)", q(1), [Step("=", q(0) / 2, Given())],
                    goal=(q(1), "=", q(0) / 2), hypotheses=(rec,))
    assert ok.check().ok


def test_a_kernel_that_involves_m_is_not_a_markov_chain() -> None:
    t, x, m = KERNEL_T, KERNEL_X, KERNEL_M
    kern = sp.Piecewise((1, sp.Eq(t, m)), (0, True))  # T is a copy of M
    lhs = MutualInformation(RV_M, LearnerOutput(kern))
    d = Derivation("DPI", lhs, [Step("<=", MutualInformation(RV_M, RV_X),
                                     Use(DATA_PROCESSING, bind={"k": sp.Lambda((t, x, m), kern)}))],
                   goal=(lhs, "<=", MutualInformation(RV_M, RV_X)))
    assert not d.check().ok


def test_jensen_refuses_a_function_with_a_jump() -> None:
    y = BINOMIAL_Y
    q = sp.Symbol("q", real=True)
    g = sp.Piecewise((y, y < sp.Rational(1, 2)), (y + 1, True))  # not concave
    lhs = BinomialAverage(g, y, sp.Symbol("n", integer=True, positive=True), q)
    d = Derivation("Jensen", lhs, [Step("<=", g.subs(y, q), Use(
        JENSEN_BINOMIAL, bind={"g": sp.Lambda(y, g)}, by=(Given(), Given())))],
        goal=(lhs, "<=", g.subs(y, q)), hypotheses=(sp.Lt(0, q), sp.Le(q, 1)))
    assert not d.check().ok


def test_jensen_needs_an_integer_number_of_draws() -> None:
    y = BINOMIAL_Y
    q = sp.Symbol("q", real=True)
    g = y - y**2
    lhs = BinomialAverage(g, y, sp.Symbol("r", positive=True), q)
    d = Derivation("Jensen", lhs, [Step("<=", g.subs(y, q), Use(
        JENSEN_BINOMIAL, bind={"g": sp.Lambda(y, g)}, by=(Given(), Given())))],
        goal=(lhs, "<=", g.subs(y, q)), hypotheses=(sp.Lt(0, q), sp.Le(q, 1)))
    assert not d.check().ok


def test_smt_local_hypotheses_are_derived_not_assumed() -> None:
    x = sp.Symbol("x", real=True)
    assumed = Derivation("x > 0", x, [Step(">", sp.Integer(0), Smt(hypotheses=(sp.Gt(x, 0),)))],
                         goal=(x, ">", sp.Integer(0)))
    assert not assumed.check().ok
    derived = Derivation("x > 0", x, [Step(">", sp.Integer(0), Smt(hypotheses=(sp.Gt(x, 0),)))],
                         goal=(x, ">", sp.Integer(0)), hypotheses=(sp.Gt(x, 1),))
    assert derived.check().ok
