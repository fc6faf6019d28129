"""Symbolic and exact evidence for Theorem 2 (entropy decay) and Corollary 3 (stagnation).

One generation of the α = 0 loop refits the model to the empirical distribution ``Q̂`` of ``N``
draws from ``Q``, so each count ``N Q̂(x)`` is Binomial(N, Q(x)). Expectations over one
category are binomial averages ``BinomialAverage(g(y), y, N, q)`` = E[g(K/N)], kept
unevaluated; their mean, second moment and Jensen's inequality are schemas of the trust base
(:mod:`proofs.lemmas`), applied with their premises checked. Sums over the categories use
sympy ``Sum`` over an indexed vector with a symbolic number of categories ``K`` and the
linearity schemas; ``Σ_x Q(x) = 1`` enters as a hypothesis that z3 uses over the opaque sums.
Statements over every generation t are proved by induction (base case and step). The formal
goals of the family (``*_GOAL``) are defined at the end, next to the functions that assemble
what the derivations conclude.

The exact helpers at the end (laws of the loop over the rationals) are used by the checks that
compare closed forms with brute-force enumeration.

>>> mean_of_binomial().check().ok
True
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import sympy as sp

from numerics.entropy import compositions
from proofs.derivation import Algebra, Derivation, Given, Induction, Smt, Step, Use, at
from proofs.goal import Goal
from proofs.lemmas import (
    BINOMIAL_MEAN,
    BINOMIAL_SECOND_MOMENT,
    BINOMIAL_Y,
    CMI_NONNEGATIVE,
    JENSEN_BINOMIAL,
    JENSEN_BINOMIAL_STRICT,
    LINEAR_COMBINATION_OF_SUMS,
    MARKOV_REFIT,
    MI_CHAIN_RULE,
    POWER_MEAN,
    SUBSTITUTE_EQUAL,
    SUM_CONGRUENCE,
    SUM_MONOTONE,
    SUM_STRICT,
    BinomialAverage,
    ConditionalMutualInformation,
    MutualInformation,
    Refit,
    Schema,
)
from proofs.smt import SmtResult, prove

__all__ = [
    "ABSORPTION_GOAL",
    "DPI_GOAL",
    "EXPECTATION_GOAL",
    "GINI_GOAL",
    "NEEDS_MARKOV_GOAL",
    "RATE_GOAL",
    "SUPERMARTINGALE_GOAL",
    "absorption_certain",
    "absorption_conclusion",
    "as_stated_limit",
    "binomial_kernel",
    "discharge",
    "dpi_step",
    "entropy_rises_witness",
    "exact_gini_path",
    "expectation_any_k",
    "expectation_conclusion",
    "expectation_strict_any_k",
    "expected_phi",
    "fixation_boundary",
    "fixation_harmonic",
    "formal_loss_coefficients",
    "gini_closed_form_induction",
    "gini_conclusion",
    "gini_mixed_unconditional",
    "gini_one_step",
    "gini_one_step_for",
    "gini_z3",
    "jensen_one_category",
    "kernel_free_of_truth",
    "mean_of_binomial",
    "mean_share_induction",
    "mixture_entry_bounds",
    "mixture_is_probability",
    "phi",
    "plugin_entropy_nonnegative",
    "point_mass_is_fixed",
    "point_mass_is_kept",
    "rise_probability",
    "second_moment_of_binomial",
    "supermartingale_conclusion",
    "support_never_grows",
    "witness_entropy",
]

# --- symbols ----------------------------------------------------------------------------------
N = sp.Symbol("N", integer=True, positive=True)  # draws per generation
q = sp.Symbol("q", positive=True)  # one category's probability (hypothesis q < 1 where needed)
s = sp.Symbol("s", positive=True)  # generating-function variable
k = sp.Symbol("k", integer=True, nonnegative=True)  # a count
j = sp.Symbol("j", integer=True, positive=True)  # Pascal's rule index
y = sp.Symbol("y", positive=True)  # argument of φ(y) = −y ln y
K = sp.Symbol("K", integer=True, positive=True)  # number of categories
x = sp.Symbol("x", integer=True, positive=True)  # category index
alpha = sp.Symbol("alpha", nonnegative=True)
t = sp.Symbol("t", integer=True, nonnegative=True)
r = sp.Symbol("r", nonnegative=True)  # stands for (1 − 1/N)^t
G0 = sp.Symbol("G_0", nonnegative=True)  # G(Q_0)
Et = sp.Symbol("E_t", nonnegative=True)  # E[G(Q_t)]
Qv = sp.IndexedBase("Q", nonnegative=True)  # the current model Q_t
Pv = sp.IndexedBase("P", nonnegative=True)  # the truth

Q_LT_1 = sp.Lt(q, 1)


def _eq(a: sp.Basic, b: sp.Basic) -> sp.Basic:
    """An unevaluated equation (kept as written, so it is checked and displayed, not folded)."""
    return sp.Eq(a, b, evaluate=False)


def _lt(a: sp.Basic, b: sp.Basic) -> sp.Basic:
    return sp.Lt(a, b, evaluate=False)


def _gt(a: sp.Basic, b: sp.Basic) -> sp.Basic:
    return sp.Gt(a, b, evaluate=False)


def _ge(a: sp.Basic, b: sp.Basic) -> sp.Basic:
    return sp.Ge(a, b, evaluate=False)


def _at(expr: sp.Basic, var: sp.Symbol, value: sp.Basic) -> sp.Basic:
    """``expr`` at ``var = value``, unevaluated (shown as a substitution)."""
    return sp.Subs(expr, var, value)


def _pmf(count: sp.Basic = k, size: sp.Basic = N, prob: sp.Basic = q) -> sp.Basic:
    """The Binomial(size, prob) probability of ``count``."""
    return sp.binomial(size, count) * prob**count * (1 - prob) ** (size - count)


def _gf(size: sp.Basic = N, prob: sp.Basic = q) -> sp.Basic:
    """The probability generating function (1 − q + q s)^N of a binomial count."""
    return (1 - prob + prob * s) ** size


def _over_categories(expr: sp.Basic) -> sp.Basic:
    return sp.Sum(expr, (x, 1, K))


def phi(v: sp.Basic) -> sp.Basic:
    """φ(v) = −v ln v, one category's share of the entropy."""
    return -v * sp.log(v)


# --- the binomial moments (schemas of the trust base) ----------------------------------------
#
# One category's refitted share Q̂(x) is K/N with K ~ Binomial(N, Q(x)): its expectations are
# binomial averages E[g(K/N)], written ``BinomialAverage(g(y), y, N, q)`` and kept unevaluated.
# The mean and the second moment are the schemas BINOMIAL_MEAN and BINOMIAL_SECOND_MOMENT of
# :mod:`proofs.lemmas` (with their premises 0 ≤ q ≤ 1 checked at each use).

Y = BINOMIAL_Y
Q_LE_1 = sp.Le(q, 1)


def _average(g: sp.Basic, prob: sp.Basic, size: sp.Basic = N) -> sp.Basic:
    """E[g(Q̂(x))] for a category of probability ``prob`` (g an expression in ``Y``)."""
    return BinomialAverage(g, Y, size, prob)


def mean_of_binomial() -> Derivation:
    """E[Q̂(x) | Q] = Q(x): a binomial refit is unbiased (the martingale step)."""
    start = _average(Y, q)
    return Derivation(
        "E[Q̂(x) | Q] = Q(x) (unbiased refit)",
        start,
        [Step("=", q, Use(BINOMIAL_MEAN, by=(Algebra("q > 0"), Given("q ≤ 1"))))],
        goal=(start, "=", q),
        hypotheses=(Q_LE_1,),
    )


def second_moment_of_binomial() -> Derivation:
    """E[Q̂(x)² | Q] = Q(x)² + Q(x)(1 − Q(x))/N."""
    start = _average(Y**2, q)
    end = q**2 + q * (1 - q) / N
    return Derivation(
        "E[Q̂(x)² | Q] = Q(x)² + Q(x)(1 − Q(x))/N",
        start,
        [Step("=", end, Use(BINOMIAL_SECOND_MOMENT, by=(Algebra("q > 0"), Given("q ≤ 1"))))],
        goal=(start, "=", end),
        hypotheses=(Q_LE_1,),
    )


# --- one category: strict Jensen -----------------------------------------------------------------

def jensen_one_category() -> Derivation:
    """E[φ(Q̂(x))] < φ(Q(x)) for 0 < Q(x) < 1 (strict Jensen for φ(y) = −y ln y)."""
    lhs = expected_phi(q)
    return Derivation(
        "one category: E[−Q̂ ln Q̂] < −Q ln Q for 0 < Q(x) < 1",
        lhs,
        [Step("<", phi(q), Use(JENSEN_BINOMIAL_STRICT, bind={"g": _PHI},
                               by=(Algebra("q > 0"), Given("q < 1"), Algebra("φ'' = −1/y"),
                                   Algebra("y ln y → 0"))),
              "Jensen with E[Q̂(x)] = Q(x) and Var Q̂(x) > 0")],
        goal=(lhs, "<", phi(q)),
        hypotheses=(Q_LT_1,),
    )


def point_mass_is_fixed() -> Derivation:
    """A category with Q(x) = 1 has Var Q̂(x) = 0, so Q̂ = Q a.s. and the entropy stays 0."""
    var = q * (1 - q) / N
    return Derivation(
        "equality case: at a point mass Var Q̂(x) = Q(1 − Q)/N = 0",
        var,
        [Step("=", sp.Integer(0), Smt(), "Q(x) = 1: zero variance, Q̂ = Q almost surely")],
        goal=(var, "=", 0),
        hypotheses=(sp.Eq(q, 1),),
    )


def plugin_entropy_nonnegative() -> Derivation:
    """−y ln y ≥ 0 on (0, 1], written with y = 1/(1 + u), u ≥ 0: so E[H(Q̂)] ≥ 0."""
    u = sp.Symbol("u", nonnegative=True)
    v = 1 / (1 + u)
    return Derivation(
        "each term of a plug-in entropy is non-negative: φ(y) ≥ 0 on (0, 1]",
        phi(v),
        [Step("=", sp.log(1 + u) / (1 + u), Algebra(), "y = 1/(1 + u)"),
         Step(">=", sp.Integer(0), Algebra(), "ln(1 + u) ≥ 0 for u ≥ 0")],
        goal=(phi(v), ">=", 0),
    )


# --- thm-2/as-stated and thm-2/pointwise ------------------------------------------------------

def as_stated_limit() -> dict[str, sp.Basic]:
    """H(1 − ε, ε) → 0 as ε → 0+, while Δ(N, q) ≤ H(q) because E[H(Q̂)] ≥ 0."""
    eps = sp.Symbol("epsilon", positive=True)
    h = phi(eps) + phi(1 - eps)
    return {"entropy": h, "limit": sp.limit(h, eps, 0, "+")}


_WITNESS = (sp.Rational(9, 10), sp.Rational(1, 10))


def witness_entropy() -> sp.Basic:
    """H(9/10, 1/10), the entropy before the rising step."""
    return phi(_WITNESS[0]) + phi(_WITNESS[1])


def entropy_rises_witness() -> Derivation:
    """H(9/10, 1/10) < ln 2 = H(1/2, 1/2): ln(10^10/9^9)/10 < ln(2^10)/10."""
    h = witness_entropy()
    ratio = sp.Integer(10) ** 10 / sp.Integer(9) ** 9
    return Derivation(
        "one draw of each from (9/10, 1/10) raises the entropy to ln 2",
        h,
        [Step("=", sp.log(ratio) / 10, Algebra(), "H(9/10, 1/10) = ln(10^10 / 9^9) / 10"),
         Step("<", sp.log(2), Algebra("ln is increasing and 10^10/9^9 ≈ 25.8 < 2^10 = 1024; "
                                      "sympy decides the sign of the exact constant"),
              "ln(2^10)/10 = ln 2 = H(1/2, 1/2)")],
        goal=(h, "<", sp.log(2)),
    )


def rise_probability() -> Derivation:
    """P(one draw of each | Q = (q, 1 − q), N = 2) = 2q(1 − q) > 0 for 0 < q < 1."""
    p = _pmf(1, 2, q)
    return Derivation("P(Q̂ = (1/2, 1/2) | Q = (q, 1 − q), N = 2) > 0 for 0 < q < 1", p,
                      [Step(">", sp.Integer(0), Smt(), "2q(1 − q) > 0")],
                      goal=(p, ">", 0), hypotheses=(Q_LT_1,))


# --- thm-2/gini ----------------------------------------------------------------------------------

_z = sp.Symbol("z", integer=True, positive=True)
_i = sp.Symbol("i", integer=True)  # the bound index of the sum schemas' premises
mv = sp.IndexedBase("m", nonnegative=True)  # a sampling vector
Mv = sp.IndexedBase("M", nonnegative=True)  # E[Q_t(x)]
Wv = sp.IndexedBase("W", nonnegative=True)  # E[Q_t(x)²]
ExpectedGini = sp.Function("ExpectedGini")  # t ↦ E[G(Q_t)]
ExpectedShare = sp.Function("ExpectedShare")  # t ↦ E[Q_t(x)] for one category x
Px = sp.Symbol("P_x", nonnegative=True)  # P(x) for that category
SHRINK = 1 - 1 / N


def _lam(f: Callable[[sp.Basic], sp.Basic]) -> sp.Lambda:
    return sp.Lambda(_z, f(_z))


def _mixture(v: sp.Basic) -> sp.Basic:
    """Coordinate ``v`` of the sampling vector αP + (1 − α)Q_t of eq. 9."""
    return alpha * Pv[v] + (1 - alpha) * Qv[v]


def gini_sides(entry: Callable[[sp.Basic], sp.Basic]) -> tuple[sp.Basic, sp.Basic]:
    """E[G(Q̂) | m] = 1 − Σ_x E[Q̂(x)²] and (1 − 1/N) G(m), for the vector x ↦ entry(x)."""
    return (1 - _over_categories(_average(Y**2, entry(x))),
            SHRINK * (1 - _over_categories(entry(x) ** 2)))


def _linear_sum(a_: sp.Basic, f: Callable[[sp.Basic], sp.Basic], b_: sp.Basic,
                g: Callable[[sp.Basic], sp.Basic]) -> tuple[sp.Basic, Use]:
    """Σ_x (a f(x) + b g(x)) = a Σ_x f(x) + b Σ_x g(x), as a schema instance."""
    rel = sp.Eq(_over_categories(a_ * f(x) + b_ * g(x)),
                a_ * _over_categories(f(x)) + b_ * _over_categories(g(x)))
    return rel, Use(LINEAR_COMBINATION_OF_SUMS,
                    bind={"a": a_, "b": b_, "g": _lam(f), "h": _lam(g)})


def gini_one_step_for(
    entry: Callable[[sp.Basic], sp.Basic],
    name: str,
    hypotheses: tuple[sp.Basic, ...],
    bounds: tuple[Any, Any],
    total: Sequence[tuple[sp.Basic, Any]],
) -> Derivation:
    """E[G(Q̂)] = (1 − 1/N) G(m) for N draws from the probability vector x ↦ entry(x).

    Termwise, E[Q̂(x)²] = m(x)² + m(x)(1 − m(x))/N (the second-moment schema, its premises
    0 ≤ m(x) ≤ 1 justified by ``bounds``); then linearity of the finite sums and Σ_x m(x) = 1
    (the facts ``total``) give the factor 1 − 1/N, which z3 checks over the opaque sums.
    """
    start, end = gini_sides(entry)
    mid_term = _lam(lambda v: SHRINK * entry(v) ** 2 + entry(v) / N)
    mid = 1 - _over_categories(mid_term(x))
    per_category = Use(BINOMIAL_SECOND_MOMENT, by=bounds)
    termwise = Use(SUM_CONGRUENCE,
                   bind={"u": -1, "g": _lam(lambda v: _average(Y**2, entry(v))), "h": mid_term},
                   by=(per_category,))
    facts = (_linear_sum(SHRINK, lambda v: entry(v) ** 2, 1 / N, entry), *total)
    return Derivation(
        f"E[G(Q̂)] = (1 − 1/N) G({name}) for N draws from {name}, any K",
        start,
        [Step("=", mid, termwise, "E[Q̂(x)²] = m(x)² + m(x)(1 − m(x))/N for each x"),
         Step("=", end, Smt(facts=tuple(facts)), f"linearity of Σ and Σ_x {name}(x) = 1")],
        goal=(start, "=", end),
        hypotheses=hypotheses,
    )


#: m is a probability vector on K categories
SAMPLING_VECTOR = (sp.Lambda(x, sp.Le(mv[x], 1)), sp.Eq(_over_categories(mv[x]), 1))
#: P and Q_t sum to 1 (the vectors mixed by eq. 9)
MIXTURE_SUMS = (sp.Eq(_over_categories(Pv[x]), 1), sp.Eq(_over_categories(Qv[x]), 1))


def gini_one_step() -> Derivation:
    """E[G(Q̂) | m] = (1 − 1/N) G(m), any K (α = 0: m = Q_t)."""
    return gini_one_step_for(lambda v: mv[v], "m", SAMPLING_VECTOR,
                             (Algebra("m(x) ≥ 0"), Given("m(x) ≤ 1")), [])


def mixture_is_probability() -> Derivation:
    """Σ_x [αP(x) + (1 − α)Q_t(x)] = α Σ_x P(x) + (1 − α) Σ_x Q_t(x) = 1."""
    start = _over_categories(_mixture(x))
    mid = alpha * _over_categories(Pv[x]) + (1 - alpha) * _over_categories(Qv[x])
    _, lin = _linear_sum(alpha, lambda v: Pv[v], 1 - alpha, lambda v: Qv[v])
    return Derivation(
        "the mixture αP + (1 − α)Q_t of eq. 9 sums to 1",
        start,
        [Step("=", mid, lin, "linearity of Σ"),
         Step("=", sp.Integer(1), Smt(), "Σ_x P(x) = Σ_x Q_t(x) = 1")],
        goal=(start, "=", 1),
        hypotheses=MIXTURE_SUMS,
    )


_p, _v = sp.symbols("p v", nonnegative=True)  # one coordinate of P and of Q_t
MIXTURE_ENTRY = alpha * _p + (1 - alpha) * _v
ENTRY_BOUNDS = (sp.Le(alpha, 1), sp.Le(_p, 1), sp.Le(_v, 1))


def mixture_entry_bounds() -> list[Derivation]:
    """0 ≤ αp + (1 − α)v ≤ 1 for p, v ∈ [0, 1] and 0 ≤ α ≤ 1 (z3)."""
    return [Derivation(f"a coordinate of the mixture is {word}", MIXTURE_ENTRY,
                       [Step(rel, bound, Smt())], goal=(MIXTURE_ENTRY, rel, bound),
                       hypotheses=ENTRY_BOUNDS)
            for word, rel, bound in (("≥ 0", ">=", sp.Integer(0)),
                                     ("≤ 1", "<=", sp.Integer(1)))]


#: the one-step recursion of E[G(Q_t)] at α = 0 (the one-step identity, by the tower property)
GINI_RECURSION = sp.Lambda(t, sp.Eq(ExpectedGini(t + 1), SHRINK * ExpectedGini(t)))


def gini_closed_form_induction(closed: sp.Basic | None = None) -> Induction:
    """E[G(Q_t)] = (1 − 1/N)^t E[G(Q_0)] by induction on t (``closed`` replaces the closed
    form, for tests of false ones)."""
    form = closed if closed is not None else SHRINK**t * ExpectedGini(0)
    stmt = sp.Eq(ExpectedGini(t), form)
    base, nxt = at(stmt, t, 0), at(stmt, t, t + 1)
    return Induction(
        "E[G(Q_t)] = (1 − 1/N)^t E[G(Q_0)] by induction on t",
        t,
        stmt,
        Derivation("base case t = 0", base.lhs,
                   [Step("=", base.rhs, Algebra(), "(1 − 1/N)^0 = 1")],
                   goal=(base.lhs, "=", base.rhs)),
        Derivation(
            "step t → t + 1",
            nxt.lhs,
            [Step("=", SHRINK * ExpectedGini(t), Given(), "one generation: factor 1 − 1/N"),
             Step("=", SHRINK * form, Smt(), "induction hypothesis"),
             Step("=", nxt.rhs, Algebra(), "(1 − 1/N)(1 − 1/N)^t = (1 − 1/N)^{t+1}")],
            goal=(nxt.lhs, "=", nxt.rhs),
            hypotheses=(GINI_RECURSION.expr, stmt),
        ),
        hypotheses=(GINI_RECURSION,),
    )


#: the conditional mean of Q_{t+1}(x) is αP(x) + (1 − α)Q_t(x), and Q_0 is a refit to P
SHARE_HYPOTHESES = (
    sp.Eq(ExpectedShare(0), Px),
    sp.Lambda(t, sp.Eq(ExpectedShare(t + 1), alpha * Px + (1 - alpha) * ExpectedShare(t))),
)


def mean_share_induction() -> Induction:
    """E[Q_t(x)] = P(x) for every t, by induction: the binomial refit is unbiased (its
    conditional mean is αP(x) + (1 − α)Q_t(x)) and Q_0 is a refit to P."""
    stmt = sp.Eq(ExpectedShare(t), Px)
    base, nxt = at(stmt, t, 0), at(stmt, t, t + 1)
    return Induction(
        "E[Q_t(x)] = P(x) by induction on t",
        t,
        stmt,
        Derivation("base case t = 0", base.lhs,
                   [Step("=", base.rhs, Given(), "Q_0 is an unbiased refit to P")],
                   goal=(base.lhs, "=", base.rhs), hypotheses=(SHARE_HYPOTHESES[0],)),
        Derivation(
            "step t → t + 1",
            nxt.lhs,
            [Step("=", alpha * Px + (1 - alpha) * ExpectedShare(t), Given(),
                  "the conditional mean of the refit"),
             Step("=", alpha * Px + (1 - alpha) * Px, Smt(), "induction hypothesis"),
             Step("=", Px, Algebra(), "αP + (1 − α)P = P")],
            goal=(nxt.lhs, "=", nxt.rhs),
            hypotheses=(SHARE_HYPOTHESES[1].expr, stmt),
        ),
        hypotheses=SHARE_HYPOTHESES,
    )


def mixed_gini_sides() -> tuple[sp.Basic, sp.Basic]:
    """1 − Σ_x E[m_t(x)²] with E[Q_t(x)] = P(x), and (2α − α²) G(P) + (1 − α)² E[G(Q_t)].

    E[m_t(x)²] = α²P(x)² + 2α(1 − α)P(x) E[Q_t(x)] + (1 − α)² W(x) (expanding the square;
    W(x) = E[Q_t(x)²]), with E[Q_t(x)] = P(x) (:func:`mean_share_induction`).
    """
    a = alpha
    second = a**2 * Pv[x] ** 2 + 2 * a * (1 - a) * Pv[x] ** 2 + (1 - a) ** 2 * Wv[x]
    start = 1 - _over_categories(second)
    end = ((2 * a - a**2) * (1 - _over_categories(Pv[x] ** 2))
           + (1 - a) ** 2 * (1 - _over_categories(Wv[x])))
    return start, end


def gini_mixed_unconditional() -> Derivation:
    """E[G(αP + (1−α)Q_t)] = (2α − α²) G(P) + (1 − α)² E[G(Q_t)] when E[Q_t(x)] = P(x)."""
    a = alpha
    start, end = mixed_gini_sides()
    w1, w2 = 2 * a - a**2, (1 - a) ** 2
    mid_term = _lam(lambda v: w1 * Pv[v] ** 2 + w2 * Wv[v])
    termwise = Use(SUM_CONGRUENCE, bind={
        "u": -1,
        "g": _lam(lambda v: a**2 * Pv[v] ** 2 + 2 * a * (1 - a) * Pv[v] ** 2
                  + (1 - a) ** 2 * Wv[v]),
        "h": mid_term,
    })
    lin = _linear_sum(w1, lambda v: Pv[v] ** 2, w2, lambda v: Wv[v])
    return Derivation(
        "unconditional E[G(m_t)] = (2α − α²) G(P) + (1 − α)² E[G(Q_t)]",
        start,
        [Step("=", 1 - _over_categories(mid_term(x)), termwise, "α² + 2α(1 − α) = 2α − α²"),
         Step("=", end, Smt(facts=(lin,)), "linearity of Σ; (2α − α²) + (1 − α)² = 1")],
        goal=(start, "=", end),
    )


def gini_z3() -> list[tuple[str, SmtResult]]:
    """z3: the K = 3 one-step identity, the S₁/S₂ form for any K, and the mixing identity."""
    n_ = sp.Symbol("N", positive=True)
    q1, q2, q3 = sp.symbols("q1 q2 q3", nonnegative=True)
    qs = (q1, q2, q3)
    lhs = 1 - sum(v**2 + v * (1 - v) / n_ for v in qs)
    rhs = (1 - 1 / n_) * (1 - sum(v**2 for v in qs))
    out = [("K = 3: 1 − Σ(q² + q(1−q)/N) = (1 − 1/N)(1 − Σq²) given Σq = 1",
            prove(sp.Eq(lhs, rhs), [sp.Eq(sum(qs), 1)]))]
    s1, s2 = sp.symbols("S1 S2", nonnegative=True)
    out.append(("any K: 1 − S₂ − (S₁ − S₂)/N = (1 − 1/N)(1 − S₂) given S₁ = 1",
                prove(sp.Eq(1 - s2 - (s1 - s2) / n_, (1 - 1 / n_) * (1 - s2)),
                      [sp.Eq(s1, 1)])))
    a = sp.Symbol("alpha", nonnegative=True)
    ps = sp.symbols("p1 p2 p3", nonnegative=True)
    ws = sp.symbols("w1 w2 w3", nonnegative=True)
    mixed = 1 - sum(a**2 * p**2 + 2 * a * (1 - a) * p**2 + (1 - a) ** 2 * w
                    for p, w in zip(ps, ws, strict=True))
    recursion = (2 * a - a**2) * (1 - sum(p**2 for p in ps)) + (1 - a) ** 2 * (1 - sum(ws))
    out.append(("K = 3 mixing: E[G(m)] = (2α − α²)G(P) + (1 − α)² E[G(Q_t)]",
                prove(sp.Eq(mixed, recursion), [sp.Le(a, 1)])))
    ms = [a * p + (1 - a) * v for p, v in zip(ps, qs, strict=True)]
    out.append(("K = 3: the mixture is a probability vector",
                prove(sp.And(sp.Eq(sum(ms), 1), *[sp.Ge(m, 0) for m in ms]),
                      [sp.Le(a, 1), sp.Eq(sum(ps), 1), sp.Eq(sum(qs), 1)])))
    return out


# --- thm-2/absorption ---------------------------------------------------------------------------

def support_never_grows() -> Derivation:
    """A category with Q(x) = 0 is drawn with probability Σ_{k≥1} pmf(k; N, 0) = 0."""
    total = sp.Sum(_pmf(k, N, sp.Integer(0)), (k, 1, N))
    return Derivation("a lost category never returns: P(N Q̂(x) ≥ 1 | Q(x) = 0) = 0", total,
                      [Step("=", sp.Integer(0), Algebra(), "0^k = 0 for k ≥ 1")],
                      goal=(total, "=", 0))


#: Q is a probability vector (entries may be 0: the support can shrink)
ABSORPTION_VECTOR = sp.Eq(_over_categories(Qv[x]), 1)


def absorption_sides() -> tuple[sp.Basic, sp.Basic]:
    """P(Q̂ is a point mass | Q) = Σ_x Q(x)^N, and the bound K^(1−N)."""
    return _over_categories(Qv[x] ** N), K ** (1 - N)


def absorption_certain() -> Derivation:
    """P(Q̂ is a point mass | Q) = Σ_x Q(x)^N ≥ K^(1−N) (power means), so absorption is
    certain: after t generations P(not yet absorbed) ≤ (1 − K^(1−N))^t → 0."""
    start, end = absorption_sides()
    mean_form = K ** (1 - N) * _over_categories(Qv[x]) ** N
    z = sp.Symbol("z", real=True)
    return Derivation(
        "P(one step reaches a point mass) = Σ_x Q(x)^N ≥ K^(1−N) > 0",
        start,
        [Step(">=", mean_form, Use(POWER_MEAN, bind={"g": _lam(lambda v: Qv[v]), "n": N},
                                   by=(Algebra("K ≥ 1"), Algebra("Q(x) ≥ 0"))),
              "power means: Σ_x a_x^N ≥ K^(1−N) (Σ_x a_x)^N"),
         Step("=", end, Use(SUBSTITUTE_EQUAL,
                            bind={"g": sp.Lambda(z, K ** (1 - N) * z**N),
                                  "a": _over_categories(Qv[x]), "b": sp.Integer(1)},
                            by=(Given("Σ_x Q(x) = 1"),)),
              "Σ_x Q(x) = 1")],
        goal=(start, ">=", end),
        hypotheses=(ABSORPTION_VECTOR,),
        description="each generation is absorbed with probability at least K^(1−N)",
    )


_c = sp.Symbol("c", integer=True, nonnegative=True)  # the argument of h(c) = c/N
_copies = sp.Symbol("i", integer=True, nonnegative=True)  # copies of the first category


def fixation_harmonic() -> Derivation:
    """Two categories: h(i) = i/N solves h(i) = Σ_j A(i, j) h(j), i.e. E[h(N Q̂)] = h(i) for
    N draws at share i/N (the binomial mean at q = i/N)."""
    start = _average(Y, _copies / N)
    return Derivation(
        "h(i) = i/N is harmonic for the chain: E[Q̂ | Q = i/N] = i/N",
        start,
        [Step("=", _copies / N, Use(BINOMIAL_MEAN, by=(Algebra("i ≥ 0"), Smt(hint="i ≤ N"))))],
        goal=(start, "=", _copies / N),
        hypotheses=(sp.Le(_copies, N),),
    )


def fixation_boundary() -> list[Derivation]:
    """h(0) = 0 and h(N) = 1 for h(c) = c/N."""
    h0, h1 = sp.Subs(_c / N, _c, 0), sp.Subs(_c / N, _c, N)
    return [Derivation("h(0) = 0", h0, [Step("=", sp.Integer(0), Algebra())], goal=(h0, "=", 0)),
            Derivation("h(N) = 1", h1, [Step("=", sp.Integer(1), Algebra())], goal=(h1, "=", 1))]


# --- thm-2/rate: the formal moment expansion (Miller–Madow) -------------------------------------

def formal_loss_coefficients(order: int = 3) -> list[Derivation]:
    """Coefficients of 1/N, 1/N², 1/N³ in the formal expansion of one category's loss.

    Δ_x = φ(q) − E[φ(Q̂(x))] ~ −Σ_{m≥2} φ^(m)(q) μ_m / (m! N^m), μ_m the central moments of the
    binomial count (from its centred moment generating function, symbolic N). The expansion is
    formal: it gives the coefficients, not a bound on the remainder.
    """
    u = sp.Symbol("u", real=True)
    n_ = sp.Symbol("n", positive=True)
    mgf = sp.exp(-u * n_ * q) * (1 - q + q * sp.exp(u)) ** n_
    eps = sp.Symbol("epsilon", positive=True)  # stands for 1/N
    series = sp.Integer(0)
    top = 2 * order
    deriv = mgf
    for m in range(1, top + 1):
        deriv = sp.diff(deriv, u)
        if m < 2:
            continue
        mu = sp.expand(deriv.subs(u, 0))  # at u = 0 the base is 1: a polynomial in n, q
        term = -sp.diff(phi(y), y, m).subs(y, q) * mu / (sp.factorial(m) * n_**m)
        series += term.subs(n_, 1 / eps)
    series = sp.expand(series)
    expected = [(1 - q) / 2, (1 / q - q) / 12, (1 / q**2 - 1 / q) / 12]
    out = []
    for power in range(1, order + 1):
        coeff = sp.factor(sp.simplify(series.coeff(eps, power)))
        out.append(Derivation(
            f"coefficient of 1/N^{power} in one category's loss",
            coeff,
            [Step("=", expected[power - 1], Algebra())],
            goal=(coeff, "=", expected[power - 1]),
        ))
    return out


# --- cor-3: the data-processing inequality ------------------------------------------------------

def kernel_free_of_truth() -> Derivation:
    """At α = 0 the sampling law αP + (1 − α)Q_t of the next generation does not involve P."""
    p_, q_ = sp.symbols("P_x Q_x", nonnegative=True)
    mix = alpha * p_ + (1 - alpha) * q_
    grad = _at(sp.Derivative(mix, p_), alpha, 0)
    return Derivation("α = 0: ∂/∂P [αP + (1 − α)Q_t] = 0", grad,
                      [Step("=", sp.Integer(0), Algebra())], goal=(grad, "=", 0))


#: the truth P and the current model Q_t, as random variables (P drawn from a prior)
P_rv, Qt_rv = sp.symbols("P Q_t")
_u = sp.Symbol("u", real=True)
#: the next generation: N draws from the sampling law of eq. 9
NEXT = Refit(N, alpha * P_rv + (1 - alpha) * Qt_rv)
#: the sampling law of the next generation as a function of (truth, current model)
SAMPLING_LAW = sp.Lambda((_u, sp.Symbol("v", real=True)),
                         alpha * _u + (1 - alpha) * sp.Symbol("v", real=True))
CLOSED_LOOP = sp.Eq(alpha, 0)


def dpi_step() -> Derivation:
    """I(P; Q_{t+1}) ≤ I(P; Q_t) when α = 0, from the chain rule and the Markov property.

    I(P; Q_{t+1}) ≤ I(P; Q_{t+1}) + I(P; Q_t | Q_{t+1}) (non-negativity) = I(P; Q_t) +
    I(P; Q_{t+1} | Q_t) (the chain rule for I(P; Q_t, Q_{t+1}), both orders) = I(P; Q_t),
    the last term 0 because the next generation is drawn from a law that does not vary with
    P when α = 0 (checked: ∂/∂P of the sampling law is α, which is 0).
    """
    mi, cmi = MutualInformation, ConditionalMutualInformation
    back = cmi(P_rv, Qt_rv, NEXT)
    forward = cmi(P_rv, NEXT, Qt_rv)
    markov = Use(MARKOV_REFIT, bind={"n": N, "g": SAMPLING_LAW, "X": P_rv, "Y": Qt_rv},
                 by=(Given("α = 0"),))
    return Derivation(
        "data-processing inequality for P → Q_t → Q_{t+1}",
        mi(P_rv, NEXT),
        [Step("<=", mi(P_rv, NEXT) + back,
              Smt(facts=((sp.Ge(back, 0), Use(CMI_NONNEGATIVE)),)),
              "I(P; Q_t | Q_{t+1}) ≥ 0"),
         Step("=", mi(P_rv, Qt_rv) + forward,
              Use(MI_CHAIN_RULE, bind={"X": P_rv, "Y": Qt_rv, "Z": NEXT}),
              "chain rule: both expand I(P; Q_t, Q_{t+1})"),
         Step("=", mi(P_rv, Qt_rv), Smt(facts=((sp.Eq(forward, 0), markov),)),
              "Markov: I(P; Q_{t+1} | Q_t) = 0 at α = 0")],
        goal=(mi(P_rv, NEXT), "<=", mi(P_rv, Qt_rv)),
        hypotheses=(CLOSED_LOOP,),
    )


# --- exact laws over the rationals ---------------------------------------------------------------

State = tuple[Fraction, ...]


def binomial_kernel(m: Sequence[Fraction], n: int) -> dict[State, Fraction]:
    """Exact law of the empirical distribution of ``n`` draws from ``m`` (multinomial).

    >>> binomial_kernel((Fraction(1, 2), Fraction(1, 2)), 2)[(Fraction(1, 2), Fraction(1, 2))]
    Fraction(1, 2)
    """
    out: dict[State, Fraction] = {}
    for counts in compositions(n, len(m)):
        prob = Fraction(math.factorial(n))
        for c, v in zip(counts, m, strict=True):
            prob *= v**c / math.factorial(c)
        if prob:
            state = tuple(Fraction(c, n) for c in counts)
            out[state] = out.get(state, Fraction(0)) + prob
    return out


def exact_gini_path(p: Sequence[Fraction], n: int, alpha_: Fraction, steps: int
                    ) -> list[Fraction]:
    """E[G(Q_t)], t = 0..steps, by propagating the exact law of Q_t (no recursion used).

    Q_0 is the empirical distribution of ``n`` draws from ``p``; Q_{t+1} that of ``n`` draws
    from ``α p + (1 − α) Q_t``.
    """
    law = binomial_kernel(p, n)
    out = []
    for step in range(steps + 1):
        out.append(sum((w * (1 - sum((v * v for v in st), Fraction(0)))
                        for st, w in law.items()), Fraction(0)))
        if step == steps:
            break
        new: dict[State, Fraction] = {}
        for st, w in law.items():
            m = tuple(alpha_ * a + (1 - alpha_) * b for a, b in zip(p, st, strict=True))
            for nxt, pr in binomial_kernel(m, n).items():
                new[nxt] = new.get(nxt, Fraction(0)) + w * pr
        law = new
    return out



# --- thm-2/expectation for every number of categories K ---------------------------------------

_y_real = BINOMIAL_Y
_PHI = sp.Lambda(_y_real, -_y_real * sp.log(_y_real))
Qp = sp.IndexedBase("Q", positive=True)  # a probability vector on its support: Q(x) > 0


def expected_phi(prob: sp.Basic) -> sp.Basic:
    """E[φ(Q̂(x))] for a category of probability ``prob``: the binomial average of φ(k/N)."""
    return BinomialAverage(_PHI(_y_real), _y_real, N, prob)


def _category_sums() -> tuple[sp.Basic, sp.Basic]:
    """E[H(Q̂) | Q] = Σ_x E[φ(Q̂(x))] and H(Q) = Σ_x φ(Q(x)), over the K categories."""
    return _over_categories(expected_phi(Qp[x])), _over_categories(phi(Qp[x]))


def _termwise(schema: Schema, jensen: Schema, bound: Given | Algebra) -> Use:
    z = sp.Symbol("z", integer=True, positive=True)
    per_category = Use(jensen, bind={"g": _PHI},
                       by=(Algebra("Q(x) > 0"), bound, Algebra("φ'' = −1/y"),
                           Algebra("y ln y → 0")))
    bind = {"g": sp.Lambda(z, expected_phi(Qp[z])), "h": sp.Lambda(z, phi(Qp[z])),
            "i": x, "lo": 1, "hi": K}
    if schema is SUM_MONOTONE:  # u·Σg ≤ u·Σh for u ≥ 0, here u = 1
        return Use(schema, bind={**bind, "u": sp.Integer(1)}, by=(Algebra("1 ≥ 0"), per_category))
    return Use(schema, bind=bind, by=(Algebra("K ≥ 1"), per_category))


#: Q is a probability vector on its K categories: Q(x) ≤ 1 for each x and Σ_x Q(x) = 1
#: (Q(x) > 0 is the declared domain of the IndexedBase: K counts the support).
PROBABILITY_VECTOR = (sp.Lambda(x, sp.Le(Qp[x], 1)), sp.Eq(_over_categories(Qp[x]), 1))

#: Q is not a point mass: no category carries all the mass
NOT_A_POINT_MASS = sp.Lambda(x, sp.Lt(Qp[x], 1))


def expectation_any_k() -> Derivation:
    """Every K: E[H(Q̂) | Q] = Σ_x E[φ(Q̂(x))] ≤ Σ_x φ(Q(x)) = H(Q), Jensen per category."""
    exp_h, h = _category_sums()
    return Derivation(
        "any K: E[H(Q̂) | Q] ≤ H(Q)",
        exp_h,
        [Step("<=", h, _termwise(SUM_MONOTONE, JENSEN_BINOMIAL, Given("Q(x) ≤ 1")),
              "Jensen for φ(y) = −y ln y at each Q(x), summed over x = 1..K")],
        goal=(exp_h, "<=", h),
        hypotheses=PROBABILITY_VECTOR,
        description="E[H(Q̂)] = Σ_x E[φ(Q̂(x))] by linearity; N Q̂(x) ~ Binomial(N, Q(x))",
    )


def expectation_strict_any_k() -> Derivation:
    """Every K: off the point masses (each Q(x) < 1) E[H(Q̂) | Q] < H(Q)."""
    exp_h, h = _category_sums()
    return Derivation(
        "any K: E[H(Q̂) | Q] < H(Q) unless Q is a point mass",
        exp_h,
        [Step("<", h, _termwise(SUM_STRICT, JENSEN_BINOMIAL_STRICT, Given("Q(x) < 1")),
              "strict Jensen at each Q(x), summed over x = 1..K (K ≥ 1 terms)")],
        goal=(exp_h, "<", h),
        hypotheses=(*PROBABILITY_VECTOR, NOT_A_POINT_MASS),
    )


def point_mass_is_kept() -> Derivation:
    """At a point mass Q = δ_x the count of x is N with probability C(N,N)·1^N·0^0 = 1, so
    Q̂ = Q almost surely and E[H(Q̂) | Q] = H(Q) = 0."""
    p = _pmf(N, N, sp.Integer(1))
    return Derivation(
        "equality at a point mass: P(Q̂ = Q | Q = δ_x) = 1",
        p,
        [Step("=", sp.Integer(1), Algebra(), "C(N, N) = 1, 1^N = 1, 0^0 = 1")],
        goal=(p, "=", 1),
        hypotheses=(),
    )


_FOR_EVERY = sp.Function("ForEvery")


def _as_antecedent(h: sp.Basic) -> sp.Basic:
    if isinstance(h, sp.Lambda):
        return _FOR_EVERY(h.variables[0], h.expr)
    return h


def discharge(established: Goal, hypothesis: sp.Basic) -> Goal:
    """The deduction rule: from ``H, A ⊢ R`` conclude ``H ⊢ (A ⇒ R)``."""
    if hypothesis not in established.hypotheses:
        raise ValueError(f"{hypothesis} is not a hypothesis of {established}")
    rest = tuple(h for h in established.hypotheses if h != hypothesis)
    rel = sp.Implies(_as_antecedent(hypothesis), established.relation, evaluate=False)
    return Goal(rel, established.variables, rest, established.name)


def _point_mass_relation() -> sp.Basic:
    return sp.Eq(_pmf(N, N, sp.Integer(1)), 1, evaluate=False)


#: thm-2/expectation: for every K and N, and every probability vector Q on K categories,
#: E[H(Q̂) | Q] ≤ H(Q); strictly when no Q(x) is 1; at a point mass Q̂ = Q almost surely.
EXPECTATION_GOAL = Goal(
    sp.And(
        sp.Le(*_category_sums(), evaluate=False),
        sp.Implies(_as_antecedent(NOT_A_POINT_MASS), sp.Lt(*_category_sums(), evaluate=False),
                   evaluate=False),
        _point_mass_relation(),
        evaluate=False,
    ),
    (N, K),
    PROBABILITY_VECTOR,
    "thm-2/expectation",
)


def expectation_conclusion(parts: Sequence[Derivation]) -> Goal:
    """What the three derivations of :func:`expectation_any_k`, :func:`expectation_strict_any_k`
    and :func:`point_mass_is_kept` establish together, once each has checked: the strict
    part's hypothesis that no category carries all the mass is discharged into an implication
    (only that derivation assumes it)."""
    le, lt, pm = parts
    if NOT_A_POINT_MASS in (*le.hypotheses, *pm.hypotheses):
        raise ValueError("only the strict part may assume that Q is not a point mass")
    strict = discharge(Goal(lt.relation, (N, K), tuple(lt.hypotheses)), NOT_A_POINT_MASS)
    hyps: list[sp.Basic] = []
    for h in (*le.hypotheses, *strict.hypotheses, *pm.hypotheses):
        if h not in hyps:
            hyps.append(h)
    return Goal(sp.And(le.relation, strict.relation, pm.relation, evaluate=False), (N, K),
                tuple(hyps), "thm-2/expectation")


# --- the family's formal goals -------------------------------------------------------------------

def _declared(part: Derivation | Induction) -> Goal:
    """What a derivation or induction concludes once it has checked (its relation or ∀t
    statement under its hypotheses)."""
    if isinstance(part, Induction):
        return Goal(part.statement, (part.var,), tuple(part.hypotheses))
    return Goal(part.relation, (), tuple(part.hypotheses))


def conclusion_of(parts: Sequence[Derivation | Induction], name: str,
                  discharged: dict[int, sp.Basic] | None = None) -> Goal:
    """The conjunction of what ``parts`` conclude (call only once every part has checked).

    ``discharged`` maps a part's index to a hypothesis of that part alone, turned into the
    antecedent of an implication (the deduction rule, :func:`discharge`).
    """
    discharged = discharged or {}
    goals = [discharge(_declared(p), discharged[k]) if k in discharged else _declared(p)
             for k, p in enumerate(parts)]
    hyps: list[sp.Basic] = []
    for g in goals:
        hyps += [h for h in g.hypotheses if h not in hyps]
    for h in discharged.values():
        if h in hyps:
            raise ValueError(f"{h} is assumed by a part other than the one that discharges it")
    variables: list[sp.Basic] = []
    for g in goals:
        variables += [v for v in g.variables if v not in variables]
    relation = (sp.And(*[g.relation for g in goals], evaluate=False) if len(goals) > 1
                else goals[0].relation)
    return Goal(relation, tuple(variables), tuple(hyps), name)


def gini_parts() -> list[Derivation | Induction]:
    """The proofs of thm-2/gini's five conjuncts, in the goal's order."""
    return [gini_one_step(), gini_closed_form_induction(), mixture_is_probability(),
            *mixture_entry_bounds(), gini_mixed_unconditional(), mean_share_induction()]


def gini_conclusion(parts: Sequence[Derivation | Induction]) -> Goal:
    """What :func:`gini_parts` conclude together."""
    return conclusion_of(parts, "thm-2/gini")


#: thm-2/gini, for every K, N and t: (1) one generation multiplies the expected Gini–Simpson
#: index of the sampling vector m by 1 − 1/N; (2) at α = 0 E[G(Q_t)] = (1 − 1/N)^t E[G(Q_0)];
#: (3) with eq. 9 the sampling vector αP + (1 − α)Q_t is a probability vector, so (1) applies
#: to it; (4) with E[Q_t(x)] = P(x), E[G(αP + (1 − α)Q_t)] = (2α − α²) G(P) + (1 − α)²
#: E[G(Q_t)]; (5) E[Q_t(x)] = P(x) for every t when Q_0 is a refit to P.
GINI_GOAL = Goal(
    sp.And(
        sp.Eq(*gini_sides(lambda v: mv[v]), evaluate=False),
        sp.Eq(ExpectedGini(t), SHRINK**t * ExpectedGini(0), evaluate=False),
        sp.Eq(_over_categories(_mixture(x)), 1, evaluate=False),
        sp.Ge(MIXTURE_ENTRY, 0, evaluate=False),
        sp.Le(MIXTURE_ENTRY, 1, evaluate=False),
        sp.Eq(*mixed_gini_sides(), evaluate=False),
        sp.Eq(ExpectedShare(t), Px, evaluate=False),
        evaluate=False,
    ),
    (N, K, t, alpha),
    (*SAMPLING_VECTOR, GINI_RECURSION, *MIXTURE_SUMS, *ENTRY_BOUNDS, *SHARE_HYPOTHESES),
    "thm-2/gini",
)


def absorption_parts() -> list[Derivation]:
    """The proofs of thm-2/absorption's conjuncts, in the goal's order."""
    return [mean_of_binomial(), support_never_grows(), absorption_certain(),
            fixation_harmonic(), *fixation_boundary()]


def absorption_conclusion(parts: Sequence[Derivation]) -> Goal:
    """What :func:`absorption_parts` conclude together."""
    return conclusion_of(parts, "thm-2/absorption")


_h0, _h1 = sp.Subs(_c / N, _c, 0), sp.Subs(_c / N, _c, N)

#: thm-2/absorption: the refit is unbiased (Q_t(x) is a martingale); a lost category is never
#: drawn again; each generation reaches a point mass with probability Σ_x Q(x)^N ≥ K^(1−N);
#: for two categories h(i) = i/N is harmonic for the chain with h(0) = 0 and h(N) = 1.
ABSORPTION_GOAL = Goal(
    sp.And(
        sp.Eq(_average(Y, q), q, evaluate=False),
        sp.Eq(sp.Sum(_pmf(k, N, sp.Integer(0)), (k, 1, N)), 0, evaluate=False),
        sp.Ge(*absorption_sides(), evaluate=False),
        sp.Eq(_average(Y, _copies / N), _copies / N, evaluate=False),
        sp.Eq(_h0, 0, evaluate=False),
        sp.Eq(_h1, 1, evaluate=False),
        evaluate=False,
    ),
    (N, K, q, _copies),
    (Q_LE_1, ABSORPTION_VECTOR, sp.Le(_copies, N)),
    "thm-2/absorption",
)


def supermartingale_parts() -> list[Derivation]:
    """The proofs of thm-2/supermartingale's conjuncts, in the goal's order."""
    return [expectation_any_k(), entropy_rises_witness(), rise_probability()]


def supermartingale_conclusion(parts: Sequence[Derivation]) -> Goal:
    """What :func:`supermartingale_parts` conclude together."""
    return conclusion_of(parts, "thm-2/supermartingale")


#: thm-2/supermartingale: E[H(Q_{t+1}) | Q_t] = Σ_x E[φ(Q̂(x))] ≤ H(Q_t) for every K and N,
#: while a step can raise the entropy: H(9/10, 1/10) < ln 2 = H(1/2, 1/2), and the sample
#: with one draw of each category (N = 2) has probability 2q(1 − q) > 0 for 0 < q < 1.
SUPERMARTINGALE_GOAL = Goal(
    sp.And(
        sp.Le(*_category_sums(), evaluate=False),
        sp.Lt(witness_entropy(), sp.log(2), evaluate=False),
        sp.Gt(_pmf(1, 2, q), 0, evaluate=False),
        evaluate=False,
    ),
    (N, K, q),
    (*PROBABILITY_VECTOR, Q_LT_1),
    "thm-2/supermartingale",
)

#: cor-3/dpi: with α = 0, I(P; Q_{t+1}) ≤ I(P; Q_t), Q_{t+1} the refit to N draws from
#: αP + (1 − α)Q_t.
DPI_GOAL = Goal(
    sp.Le(MutualInformation(P_rv, NEXT), MutualInformation(P_rv, Qt_rv), evaluate=False),
    (N, alpha),
    (CLOSED_LOOP,),
    "cor-3/dpi",
)


# --- cor-3/needs-markov: the exact mutual information after one grounded generation ---------

#: the example: two truths under a uniform prior, Q_0 = (1/2, 1/2) fixed, N = 4, α = 1/2
GROUNDED_TRUTHS = ((Fraction(3, 4), Fraction(1, 4)), (Fraction(1, 4), Fraction(3, 4)))
GROUNDED_START = (Fraction(1, 2), Fraction(1, 2))


def first_step_laws(alpha_: Fraction, n: int = 4) -> list[dict[State, Fraction]]:
    """The law of Q_1 given each truth of the example (Q_0 fixed, so Q_1's kernel)."""
    laws = []
    for truth in GROUNDED_TRUTHS:
        m = tuple(alpha_ * p + (1 - alpha_) * v for p, v in zip(truth, GROUNDED_START,
                                                                 strict=True))
        laws.append(binomial_kernel(m, n))
    return laws


def mutual_information_expr(laws: Sequence[dict[State, Fraction]]) -> sp.Basic:
    """I(P; Q_1) exactly, for a uniform prior over the truths whose laws of Q_1 are ``laws``:
    Σ_P Σ_s π(P) p(s | P) ln(p(s | P) / p(s))."""
    prior = sp.Rational(1, len(laws))
    states = sorted({s for law in laws for s in law})
    total = sp.Integer(0)
    for s in states:
        marginal = sum((prior * sp.Rational(law.get(s, 0).numerator, law.get(s, 0).denominator)
                        for law in laws), sp.Integer(0))
        for law in laws:
            p = law.get(s, Fraction(0))
            if p:
                pr = sp.Rational(p.numerator, p.denominator)
                total += prior * pr * sp.log(pr / marginal)
    return total


def grounded_information() -> sp.Basic:
    """I(P; Q_1) of the example with α = 1/2 (I(P; Q_0) = 0: Q_0 is fixed)."""
    return mutual_information_expr(first_step_laws(Fraction(1, 2)))


def information_rises() -> Derivation:
    """I(P; Q_1) > 0 = I(P; Q_0) in the grounded example: an exact constant, a sum of
    rational multiples of logarithms of rationals, whose sign sympy decides."""
    i1 = grounded_information()
    return Derivation("α = 1/2: I(P; Q_1) > 0", i1,
                      [Step(">", sp.Integer(0), Algebra("the sign of an exact constant"))],
                      goal=(i1, ">", 0))


#: cor-3/needs-markov: in the example, one generation with α = 1/2 makes I(P; Q_1) > 0,
#: while I(P; Q_0) = 0 (Q_0 does not depend on P).
NEEDS_MARKOV_GOAL = Goal(sp.Gt(grounded_information(), 0, evaluate=False), (), (),
                         "cor-3/needs-markov")


# --- thm-2/rate: the certified grid ---------------------------------------------------------

#: Δ(N, Q) = H(Q) − E[H(Q̂)], the per-step entropy loss (``Q`` a Tuple of rationals)
EntropyLoss = sp.Function("EntropyLoss")

RATE_VECTORS: tuple[tuple[Fraction, ...], ...] = (
    (Fraction(1, 2), Fraction(1, 2)),
    (Fraction(9, 10), Fraction(1, 10)),
    (Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)),
    (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)),
    (Fraction(7, 10), Fraction(2, 10), Fraction(1, 10)),
)
RATE_SIZES = (200, 400, 800, 1600)


def _rat(v: Fraction) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


def rate_atoms() -> list[sp.Basic]:
    """The grid statement of thm-2/rate, one relation per (Q, N) and bound.

    With r(N) = Δ(N, Q) − (K−1)/(2N) − (Σ 1/Q − 1)/(12N²) and c₃ = (Σ 1/Q² − Σ 1/Q)/12:
    0.8 c₃ < N³ r(N) < 1.2 c₃; and Δ(10, (9/10, 1/10)) > Δ(10, (1/2, 1/2)).
    """
    from numerics.entropy import miller_madow_first, miller_madow_second, miller_madow_third

    out = []
    for qv in RATE_VECTORS:
        c3 = _rat(miller_madow_third(qv, 1))
        tup = sp.Tuple(*(_rat(v) for v in qv))
        for n in RATE_SIZES:
            lead = _rat(miller_madow_first(qv, n) + miller_madow_second(qv, n))
            scaled = sp.Integer(n) ** 3 * (EntropyLoss(n, tup) - lead)
            out.append(sp.Gt(scaled, sp.Rational(4, 5) * c3, evaluate=False))
            out.append(sp.Lt(scaled, sp.Rational(6, 5) * c3, evaluate=False))
    skewed = EntropyLoss(10, sp.Tuple(sp.Rational(9, 10), sp.Rational(1, 10)))
    uniform = EntropyLoss(10, sp.Tuple(sp.Rational(1, 2), sp.Rational(1, 2)))
    out.append(sp.Gt(skewed, uniform, evaluate=False))
    return out


#: thm-2/rate on its grid: the remainder after two Miller–Madow terms is within 20% of the
#: third term, and the loss depends on Q (not only on K and N).
RATE_GOAL = Goal(sp.And(*rate_atoms(), evaluate=False), (), (), "thm-2/rate")
