"""Symbolic and exact evidence for Theorem 2 (entropy decay) and Corollary 3 (stagnation).

One generation of the α = 0 loop refits the model to the empirical distribution ``Q̂`` of ``N``
draws from ``Q``, so each count ``N Q̂(x)`` is Binomial(N, Q(x)). Every fact below about one
category is derived from the binomial law itself: the binomial theorem (a named lemma whose
inductive step, Pascal's rule, sympy proves) gives the generating function
``G(s) = (1 − q + q s)^N``, and its derivatives at ``s = 1`` give the moments. Sums over the
categories use sympy ``Sum`` over an indexed vector with a symbolic number of categories ``K``;
``Σ_x Q(x) = 1`` enters as a hypothesis, and each step that uses it carries a side condition
showing the difference is a multiple of ``1 − Σ_x Q(x)``.

The exact helpers at the end (laws of the loop over the rationals) are used by the checks that
compare closed forms with brute-force enumeration.

>>> mean_of_binomial().check().ok
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import sympy as sp

from numerics.entropy import compositions
from proofs.derivation import (
    Algebra,
    Condition,
    Derivation,
    Given,
    Lemma,
    Smt,
    Step,
    Use,
)
from proofs.goal import Goal
from proofs.lemmas import (
    BINOMIAL_Y,
    JENSEN_BINOMIAL,
    JENSEN_BINOMIAL_STRICT,
    SUM_MONOTONE,
    SUM_STRICT,
    BinomialAverage,
    Schema,
)
from proofs.smt import SmtResult, prove

__all__ = [
    "absorption_certain",
    "as_stated_limit",
    "binomial_kernel",
    "dpi_step",
    "entropy_rises_witness",
    "exact_gini_path",
    "expectation_three_categories",
    "fixation_is_initial_share",
    "formal_loss_coefficients",
    "gini_closed_form",
    "gini_induction_step",
    "gini_mixed_unconditional",
    "gini_one_step",
    "gini_z3",
    "jensen_one_category",
    "kernel_free_of_truth",
    "mean_of_binomial",
    "mixture_is_probability",
    "normalisation_of_binomial",
    "phi",
    "plugin_entropy_nonnegative",
    "point_mass_is_fixed",
    "rise_probability",
    "second_moment_of_binomial",
    "support_never_grows",
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


# --- the binomial law: normalisation, mean, second moment ------------------------------------

def _binomial_theorem() -> Lemma:
    """The binomial theorem, by induction on N (Pascal's rule is the induction step)."""
    base = sp.Sum(_pmf(k, 1) * s**k, (k, 0, 1))
    return Lemma(
        "binomial theorem (induction on N)",
        "Σ_k C(N,k) q^k (1−q)^(N−k) s^k = (1 − q + q s)^N",
        (
            Condition(_eq(sp.binomial(N + 1, j), sp.binomial(N, j) + sp.binomial(N, j - 1)),
                      Algebra(), "Pascal's rule: the induction step"),
            Condition(_eq(base, _gf(1)), Algebra(), "base case N = 1"),
        ),
    )


def _generating_function() -> Condition:
    """Side condition: Σ_k pmf(k) s^k = (1 − q + q s)^N, by the binomial theorem."""
    return Condition(_eq(sp.Sum(_pmf() * s**k, (k, 0, N)), _gf()), _binomial_theorem(),
                     "generating function of a binomial count")


def _mean_lemma() -> Lemma:
    g1 = _at(sp.Derivative(_gf(), s), s, 1)
    return Lemma(
        "differentiate the generating function once at s = 1",
        "Σ_k k·pmf(k) = G'(1)",
        (_generating_function(),
         Condition(_eq(g1, N * q), Algebra(), "G'(1) = N q")),
    )


def _second_moment_lemma() -> Lemma:
    g1 = _at(sp.Derivative(_gf(), s), s, 1)
    g2 = _at(sp.Derivative(_gf(), (s, 2)), s, 1)
    return Lemma(
        "differentiate the generating function twice at s = 1",
        "Σ_k k²·pmf(k) = G''(1) + G'(1), since k² = k(k−1) + k",
        (_generating_function(),
         Condition(_eq(k**2, k * (k - 1) + k), Algebra(), "k² = k(k − 1) + k"),
         Condition(_eq(g2, N * (N - 1) * q**2), Algebra(), "G''(1) = N(N − 1) q²"),
         Condition(_eq(g1, N * q), Algebra(), "G'(1) = N q")),
    )


def normalisation_of_binomial() -> Derivation:
    """Σ_k C(N,k) q^k (1−q)^(N−k) = 1 (the binomial theorem at s = 1)."""
    total = sp.Sum(_pmf(), (k, 0, N))
    lemma = Lemma("the binomial theorem at s = 1", "G(1) = 1",
                  (_generating_function(),
                   Condition(_eq(_at(_gf(), s, 1), 1), Algebra(), "G(1) = 1")))
    return Derivation("a binomial law sums to 1", total,
                      [Step("=", sp.Integer(1), lemma)],
                      goal=(total, "=", 1), hypotheses=(Q_LT_1,))


def mean_of_binomial() -> Derivation:
    """E[Q̂(x)] = Q(x): Σ_k (k/N) C(N,k) q^k (1−q)^(N−k) = q (unbiasedness, the martingale step)."""
    mean = sp.Sum(k * _pmf(), (k, 0, N)) / N
    return Derivation(
        "E[Q̂(x) | Q] = Q(x) (unbiased refit)",
        mean,
        [Step("=", N * q / N, _mean_lemma(), "Σ_k k·pmf(k) = N q"),
         Step("=", q, Algebra())],
        goal=(mean, "=", q),
        hypotheses=(Q_LT_1,),
        description="E[Q̂(x)] = (1/N) Σ_k k·C(N,k) q^k (1−q)^(N−k), q = Q(x)",
    )


def second_moment_of_binomial() -> Derivation:
    """E[Q̂(x)²] = Q(x)² + Q(x)(1 − Q(x))/N."""
    m2 = sp.Sum(k**2 * _pmf(), (k, 0, N)) / N**2
    return Derivation(
        "E[Q̂(x)² | Q] = Q(x)² + Q(x)(1 − Q(x))/N",
        m2,
        [Step("=", (N * (N - 1) * q**2 + N * q) / N**2, _second_moment_lemma()),
         Step("=", q**2 + q * (1 - q) / N, Algebra())],
        goal=(m2, "=", q**2 + q * (1 - q) / N),
        hypotheses=(Q_LT_1,),
        description="E[Q̂(x)²] = (1/N²) Σ_k k²·C(N,k) q^k (1−q)^(N−k), q = Q(x)",
    )


# --- thm-2/expectation: Jensen per category, then summed --------------------------------------

def _expected_phi(prob: sp.Basic = q) -> sp.Basic:
    """E[φ(Q̂(x))] over the binomial count (the k = 0 term is φ(0) = 0 and is left out)."""
    return sp.Sum(_pmf(k, N, prob) * phi(k / N), (k, 1, N))


def _strict_jensen() -> Lemma:
    mean = sp.Sum(k * _pmf(), (k, 0, N)) / N
    m2 = sp.Sum(k**2 * _pmf(), (k, 0, N)) / N**2
    return Lemma(
        "Jensen's inequality, strict form",
        "E[φ(Y)] < φ(E[Y]) for a strictly concave φ and a non-constant Y",
        (
            Condition(_lt(sp.Derivative(phi(y), (y, 2)), 0), Algebra(),
                      "φ''(y) = −1/y < 0 on (0, 1]: φ is strictly concave"),
            Condition(_eq(sp.Sum(_pmf(), (k, 0, N)), 1),
                      Lemma("the binomial theorem at s = 1", "G(1) = 1",
                            (_generating_function(),
                             Condition(_eq(_at(_gf(), s, 1), 1), Algebra(), "G(1) = 1"))),
                      "the weights form a probability law"),
            Condition(_eq(mean, q), _mean_lemma_scaled(), "E[Q̂(x)] = q"),
            Condition(_eq(m2 - q**2, q * (1 - q) / N), _variance_lemma(),
                      "Var Q̂(x) = q(1 − q)/N"),
            Condition(_gt(q * (1 - q) / N, 0), Smt((Q_LT_1,)),
                      "the variance is positive for 0 < q < 1: Q̂(x) is not constant"),
        ),
    )


def _mean_lemma_scaled() -> Lemma:
    return Lemma("unbiasedness (derivation 'E[Q̂(x) | Q] = Q(x)')", "Σ_k (k/N) pmf(k) = q",
                 (Condition(_eq(sp.Sum(k * _pmf(), (k, 0, N)), N * q), _mean_lemma()),))


def _variance_lemma() -> Lemma:
    return Lemma("second moment (derivation 'E[Q̂(x)²| Q]')", "E[Q̂²] − q² = q(1 − q)/N",
                 (Condition(_eq(sp.Sum(k**2 * _pmf(), (k, 0, N)), N * (N - 1) * q**2 + N * q),
                            _second_moment_lemma()),))


def jensen_one_category() -> Derivation:
    """E[φ(Q̂(x))] < φ(Q(x)) for 0 < Q(x) < 1 (strict Jensen; φ(y) = −y ln y)."""
    lhs = _expected_phi()
    return Derivation(
        "one category: E[−Q̂ ln Q̂] < −Q ln Q for 0 < Q(x) < 1",
        lhs,
        [Step("<", phi(q), _strict_jensen(), "Jensen with E[Q̂(x)] = Q(x)")],
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


def expectation_three_categories() -> Derivation:
    """K = 3: E[H(Q̂)] = Σ_x E[φ(Q̂(x))] < Σ_x φ(Q(x)) = H(Q), each term by Jensen."""
    q1, q2 = sp.symbols("q_1 q_2", positive=True)
    q3 = 1 - q1 - q2
    hyps = (sp.Lt(q1 + q2, 1),)
    parts = [(q1, "q_1"), (q2, "q_2"), (q3, "q_3 = 1 − q_1 − q_2")]
    expected = sum(_expected_phi(v) for v, _ in parts)
    entropy = sum(phi(v) for v, _ in parts)
    # each per-category inequality cites the one-category derivation (checked in full there);
    # here its hypothesis 0 < Q(x) < 1 is checked and the inequality is spot-checked
    conds = tuple(
        Condition(_lt(_expected_phi(v), phi(v)),
                  Lemma("one category (derivation 'one category: E[−Q̂ ln Q̂] < −Q ln Q')",
                        "strict Jensen for a binomial count, valid for 0 < Q(x) < 1",
                        (Condition(sp.And(sp.Gt(v, 0), sp.Lt(v, 1)), Smt(hyps),
                                   f"0 < {name.split(' = ')[0]} < 1"),)),
                  f"category {name}")
        for v, name in parts
    )
    return Derivation(
        "K = 3: E[H(Q̂) | Q] < H(Q) off the point masses",
        expected,
        [Step("<", entropy, Lemma("add the per-category inequalities",
                                  "linearity of expectation; each count is binomial", conds))],
        goal=(expected, "<", entropy),
        hypotheses=hyps,
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


def entropy_rises_witness() -> Derivation:
    """H(9/10, 1/10) < ln 2 = H(1/2, 1/2), exactly: 2^10 · 9^9 > 10^10."""
    a, b = sp.Rational(9, 10), sp.Rational(1, 10)
    h = phi(a) + phi(b)
    ratio = sp.Integer(10) ** 10 / sp.Integer(9) ** 9
    return Derivation(
        "one draw of each from (9/10, 1/10) raises the entropy to ln 2",
        h,
        [Step("=", sp.log(ratio) / 10, Algebra(), "H(9/10, 1/10) = ln(10^10 / 9^9) / 10"),
         Step("<", sp.log(sp.Integer(2) ** 10) / 10,
              Lemma("ln is strictly increasing", "a < b ⇒ ln a < ln b",
                    (Condition(_lt(ratio, sp.Integer(2) ** 10), Algebra(),
                               "10^10/9^9 ≈ 25.8 < 2^10 = 1024"),)),
              "compare the arguments exactly"),
         Step("=", sp.log(2), Algebra(), "ln(2^10)/10 = ln 2 = H(1/2, 1/2)")],
        goal=(h, "<", sp.log(2)),
    )


def rise_probability() -> Derivation:
    """P(one draw of each | Q = (9/10, 1/10), N = 2) = C(2,1)(9/10)(1/10) = 9/50."""
    p = _pmf(1, 2, sp.Rational(9, 10))
    return Derivation("P(Q̂ = (1/2, 1/2)) for Q = (9/10, 1/10), N = 2", p,
                      [Step("=", sp.Rational(9, 50), Algebra())], goal=(p, "=", sp.Rational(9, 50)))


# --- thm-2/gini ----------------------------------------------------------------------------------

def _second_moment_condition(prob: sp.Basic) -> Condition:
    """The per-category second moment, citing derivation 'E[Q̂(x)² | Q]' (checked in full
    there, and spot-checked here at the category's own probability)."""
    del prob  # the condition is stated for one category's probability m_x, a plain symbol
    mx = sp.Symbol("m_x", positive=True)
    m2 = sp.Sum(k**2 * _pmf(k, N, mx), (k, 0, N)) / N**2
    return Condition(
        sp.Eq(m2, mx**2 + mx * (1 - mx) / N),
        Lemma("second moment of a binomial count (derivation 'E[Q̂(x)² | Q]')",
              "E[Q̂(x)²] = Q(x)² + Q(x)(1 − Q(x))/N"),
        "per category, with the category's sampling probability in place of q",
    )


def gini_one_step(name: str = "m") -> Derivation:
    """E[G(Q̂)] = (1 − 1/N) G(m) for the empirical law of N draws from a probability vector m.

    With α = 0 the sampling vector is m = Q_t; with the mixture of eq. 9 it is
    m = αP + (1 − α)Q_t (a probability vector by :func:`mixture_is_probability`), which gives
    E[G(Q_{t+1}) | Q_t] = (1 − 1/N) G(αP + (1 − α)Q_t).
    """
    base = sp.IndexedBase(name, nonnegative=True)
    m = base[x]
    # 1/N² stays outside the inner sum (a nested Sum with a bare summand would be flattened
    # into one multi-limit Sum, which sympy cannot evaluate at the spot-check points)
    m2 = sp.Sum(k**2 * _pmf(k, N, m), (k, 0, N)) / N**2
    start = 1 - _over_categories(m2)
    step1 = 1 - _over_categories(m**2 + m * (1 - m) / N)
    s1, s2 = _over_categories(m), _over_categories(m**2)
    end = (1 - 1 / N) * (1 - s2)
    # N ≥ 2: for N = 1 both sides are 0 (Q̂ is a point mass); excluding it keeps 1/N² ≠ 1 at
    # the spot-check points, where sympy would otherwise merge the nested sums into one it
    # cannot evaluate
    return Derivation(
        f"E[G(Q̂)] = (1 − 1/N) G({name}) for N draws from a probability vector {name}, any K",
        start,
        [Step("=", step1, Lemma("second moment, summed over the categories", "linearity of Σ",
                                (_second_moment_condition(m),)),
              "E[G(Q̂)] = 1 − Σ_x E[Q̂(x)²]; each count is binomial"),
         Step("=", end, Lemma(
             f"{name} is a probability vector: Σ_x {name}(x) = 1",
             "the two sides differ by a multiple of 1 − Σ_x m(x)",
             (Condition(_eq(step1 - end, (1 - s1) / N), Algebra(),
                        f"split the sums: the two sides differ by (1 − Σ_x {name}(x))/N"),),
         ))],
        goal=(start, "=", end),
        hypotheses=(sp.Ge(N, 2), sp.Eq(s1, 1)),
    )


def mixture_is_probability() -> Derivation:
    """Σ_x [αP(x) + (1 − α)Q_t(x)] − 1 = α(Σ P − 1) + (1 − α)(Σ Q_t − 1): it sums to 1."""
    mix = _over_categories(alpha * Pv[x] + (1 - alpha) * Qv[x]) - 1
    end = alpha * (_over_categories(Pv[x]) - 1) + (1 - alpha) * (_over_categories(Qv[x]) - 1)
    return Derivation(
        "the mixture αP + (1 − α)Q_t of eq. 9 sums to 1 when P and Q_t do",
        mix,
        [Step("=", end, Algebra(), "linearity of Σ")],
        goal=(mix, "=", end),
    )


def gini_induction_step() -> Derivation:
    """If E[G(Q_t)] = r G(Q_0) (r = (1 − 1/N)^t) then E[G(Q_{t+1})] = (1 − 1/N) r G(Q_0)."""
    c = 1 - 1 / N
    return Derivation(
        "t-step closed form, induction step (r stands for (1 − 1/N)^t)",
        c * Et,
        [Step("=", c * r * G0, Smt(), "induction hypothesis E[G(Q_t)] = r G(Q_0)")],
        goal=(c * Et, "=", c * r * G0),
        hypotheses=(sp.Eq(Et, r * G0),),
        description="E[G(Q_{t+1})] = E[E[G(Q_{t+1}) | Q_t]] = (1 − 1/N) E[G(Q_t)] (tower property)",
    )


def gini_closed_form() -> Derivation:
    """(1 − 1/N)·(1 − 1/N)^t G_0 = (1 − 1/N)^(t+1) G_0, with symbolic t."""
    c = 1 - 1 / N
    start = c * (c**t * G0)
    return Derivation("closed form E[G(Q_t)] = (1 − 1/N)^t G(Q_0) satisfies the recursion",
                      start, [Step("=", c ** (t + 1) * G0, Algebra())],
                      goal=(start, "=", c ** (t + 1) * G0))


def gini_mixed_unconditional() -> list[Derivation]:
    """E[G(αP + (1−α)Q_t)] = (2α − α²) G(P) + (1 − α)² E[G(Q_t)], given E[Q_t(x)] = P(x).

    Then E[G(Q_{t+1})] = (1 − 1/N)[(2α − α²) G(P) + (1 − α)² E[G(Q_t)]] by the conditional
    identity and the tower property. Per category, with ``P`` = P(x), ``M`` = E[Q_t(x)] and
    ``W`` = E[Q_t(x)²]; then summed, with S_P = Σ_x P(x)² and S_W = Σ_x E[Q_t(x)²].
    """
    a = alpha
    p_, m_, w_ = sp.symbols("P M W", nonnegative=True)
    start = a**2 * p_**2 + 2 * a * (1 - a) * p_ * m_ + (1 - a) ** 2 * w_
    step1 = a**2 * p_**2 + 2 * a * (1 - a) * p_**2 + (1 - a) ** 2 * w_
    mean_p = Lemma(
        "E[Q_t(x)] = P(x) for every t (induction)",
        "E[Q_0(x)] = P(x) (Q_0 is an unbiased refit to P); the conditional mean of Q_{t+1}(x) "
        "is αP(x) + (1−α)Q_t(x)",
        (Condition(_eq(a * p_ + (1 - a) * p_, p_), Algebra(),
                   "induction step: αP + (1 − α)P = P"),
         Condition(_eq(sp.Sum(k * _pmf(), (k, 0, N)) / N, q), _mean_lemma_scaled(),
                   "base case and conditional mean: a binomial refit is unbiased"),
         Condition(_eq(m_, p_), Smt(), "so M = E[Q_t(x)] = P(x)")),
    )
    per_category = Derivation(
        "E[m_t(x)²] with E[Q_t(x)] = P(x)",
        start,
        [Step("=", step1, mean_p, "replace E[Q_t(x)] by P(x)")],
        goal=(start, "=", step1),
        hypotheses=(sp.Eq(m_, p_),),
        description="E[(αP + (1 − α)Q_t)(x)²] = α²P² + 2α(1 − α)P E[Q_t(x)] + (1 − α)² "
                    "E[Q_t(x)²]",
    )
    sp2, sw = sp.symbols("S_P S_W", nonnegative=True)
    total = 1 - (2 * a - a**2) * sp2 - (1 - a) ** 2 * sw
    end = (2 * a - a**2) * (1 - sp2) + (1 - a) ** 2 * (1 - sw)
    summed = Derivation(
        "unconditional E[G(m_t)] = (2α − α²) G(P) + (1 − α)² E[G(Q_t)]",
        total,
        [Step("=", end, Algebra(), "(2α − α²) + (1 − α)² = 1")],
        goal=(total, "=", end),
        description="1 − Σ_x E[m_t(x)²] after the per-category step, with S_P = Σ P(x)², "
                    "S_W = Σ E[Q_t(x)²]",
    )
    return [per_category, summed]


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


def absorption_certain() -> Derivation:
    """P(Q̂ is a point mass | Q) = Σ_x Q(x)^N ≥ K^(1−N) (Jensen for y^N), so absorption is certain.

    After t generations P(not yet absorbed) ≤ (1 − K^(1−N))^t → 0.
    """
    start = _over_categories(Qv[x] ** N)
    jensen = K * (_over_categories(Qv[x]) / K) ** N
    end = K ** (1 - N)
    return Derivation(
        "P(one step reaches a point mass) = Σ_x Q(x)^N ≥ K^(1−N) > 0",
        start,
        [Step(">=", jensen, Lemma(
            "Jensen's inequality for the convex map y ↦ y^N", "mean of f ≥ f of the mean",
            (Condition(_ge(sp.Derivative(y**N, (y, 2)), 0), Algebra(),
                       "(y^N)'' = N(N − 1) y^(N−2) ≥ 0 for N ≥ 1"),))),
         Step("=", end, Lemma("Q is a probability vector: Σ_x Q(x) = 1", "",
                              (Condition(_eq(K * (sp.Integer(1) / K) ** N, end), Algebra(),
                                         "K (1/K)^N = K^(1−N)"),)))],
        goal=(start, ">=", end),
        hypotheses=(sp.Eq(_over_categories(Qv[x]), 1),),
        description="each generation is absorbed with probability at least K^(1−N)",
    )


def fixation_is_initial_share() -> Derivation:
    """Two categories: h(i) = i/N solves the absorption equations h(i) = Σ_j A(i, j) h(j).

    With h(0) = 0, h(N) = 1 and absorption certain, the bounded solution is unique, so the
    probability of fixing the first category from i copies is i/N (the martingale value).
    """
    i = sp.Symbol("i", integer=True, nonnegative=True)
    c = sp.Symbol("c", integer=True, nonnegative=True)  # the argument of h(c) = c/N
    prob = i / N
    start = sp.Sum(_pmf(k, N, prob) * k / N, (k, 0, N))
    uniq = Lemma(
        "optional stopping for the bounded martingale Q_t(x)",
        "h = A h with boundary values 0 and 1 has a unique bounded solution when absorption is "
        "certain",
        (Condition(_eq(sp.Sum(k * _pmf(), (k, 0, N)) / N, q),
                   Lemma("martingale step (derivation 'E[Q̂(x) | Q] = Q(x)')"),
                   "martingale step: E[Q_{t+1}(x) | Q_t] = Q_t(x)"),
         Condition(_eq(_at(c / N, c, 0), 0), Algebra(), "h(0) = 0"),
         Condition(_eq(_at(c / N, c, N), 1), Algebra(), "h(N) = 1"),
         Condition(_gt(sp.Integer(2) ** (1 - N), 0), Algebra(),
                   "absorption certain: each step reaches a point mass w.p. ≥ 2^(1−N)")),
    )
    return Derivation(
        "fixation probability = initial share: Σ_j A(i, j)·(j/N) = i/N",
        start,
        [Step("=", prob, uniq)],
        goal=(start, "=", prob),
        hypotheses=(sp.Le(i, N),),
    )


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
        mu = sp.expand(sp.simplify(deriv.subs(u, 0)))
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


def dpi_step() -> Derivation:
    """I(P; Q_{t+1}) ≤ I(P; Q_t) from the chain rule and the Markov property (α = 0).

    Symbols: J = I(P; Q_t, Q_{t+1}); C_b = I(P; Q_t | Q_{t+1}) ≥ 0; C_f = I(P; Q_{t+1} | Q_t).
    The chain rule, both ways (hypotheses): I(P; Q_{t+1}) = J − C_b and I(P; Q_t) = J − C_f.
    """
    i_next = sp.Symbol("I_{t+1}", nonnegative=True)
    i_now = sp.Symbol("I_t", nonnegative=True)
    jj = sp.Symbol("J", nonnegative=True)
    cb = sp.Symbol("C_b", nonnegative=True)
    cf = sp.Symbol("C_f", nonnegative=True)
    p_, q_ = sp.symbols("P_x Q_x", nonnegative=True)
    markov = Lemma(
        "Markov property: P → Q_t → Q_{t+1} when α = 0",
        "the law of Q_{t+1} given (P, Q_t) depends on Q_t only, so I(P; Q_{t+1} | Q_t) = 0",
        (Condition(_eq(_at(sp.Derivative(alpha * p_ + (1 - alpha) * q_, p_), alpha, 0), 0),
                   Algebra(), "the next generation's sampling law does not involve P"),
         Condition(_eq(cf, 0), Smt(), "hence C_f = I(P; Q_{t+1} | Q_t) = 0")),
    )
    return Derivation(
        "data-processing inequality for P → Q_t → Q_{t+1}",
        i_next,
        [Step("=", jj - cb, Smt(), "chain rule: J = I(P; Q_{t+1}) + I(P; Q_t | Q_{t+1})"),
         Step("<=", jj, Algebra(), "C_b = I(P; Q_t | Q_{t+1}) ≥ 0 (Gibbs)"),
         Step("=", jj - cf, markov),
         Step("=", i_now, Smt(), "chain rule: J = I(P; Q_t) + I(P; Q_{t+1} | Q_t)")],
        goal=(i_next, "<=", i_now),
        hypotheses=(sp.Eq(i_next, jj - cb), sp.Eq(i_now, jj - cf), sp.Eq(cf, 0)),
        description="J = I(P; Q_t, Q_{t+1}), C_b = I(P; Q_t | Q_{t+1}), C_f = I(P; Q_{t+1} | Q_t)",
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
