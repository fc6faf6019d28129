"""Symbolic evidence for Definition 3 and Theorem 8 (ensembles of self-training models).

Model: m models with weights ω_i ≥ 0, Σω_i = 1, on K categories. At each generation every
model draws N samples from the training distribution T = αP + (1 − α)R (R the current
ensemble) and becomes their empirical distribution Q̂^i; the new ensemble is R' = Σ ω_i Q̂^i.

What is proved here:

* well-posedness (def-3): R and T are probability vectors (z3, K, m ∈ {2, 3});
* the binomial moments E[j/N] = T and E[(j/N)²] = T² + T(1 − T)/N from the probability
  generating function (1 − T + Tz)^N;
* the Gini identity E[G(R')] = (1 − Σω²/N)·G(T): independence across models (Lemma) and the
  binomial moments per category, then a sum over categories (general m and K with Σω² and
  ΣT² as symbols; fully explicit for small K and m);
* the factor c = 1 − Σω²/N lies in [1 − 1/N, 1 − 1/(mN)] (z3): an ensemble slows the decay by
  at most the factor m in the effective sample size, and never stops it;
* absorption (α = 0): R_t(x) is a martingale, a category with R(x) = 0 never returns, the
  one-step probability of unanimity is at least K^{−mN}, survival decays geometrically, and the
  probability of ending at δ_x is squeezed onto R_0(x);
* grounding (α > 0): the (g, s) recursion, its fixed point g* = cα(2 − α)G(P)/(1 − c(1 − α)²),
  g* ≤ c·G(P) < G(P) (g* > 0 when c > 0), and convergence (triangular linear recursion with
  diagonal in [0, 1));
* vanishing grounding: G(αP + (1 − α)R) ≤ G(R) + 2α, so E[G(R_t)] ≤ c·E[G(R_{t−1})] + 2cα_t
  and E[G(R_t)] → 0 whenever α_t → 0 (the contraction lemma eq-4-5 with a vanishing floor).
"""

from __future__ import annotations

import itertools

import sympy as sp

from proofs.derivation import Algebra, Derivation, Given, Induction, Smt, Step, Use, at
from proofs.goal import Goal
from proofs.lemmas import (
    BINOMIAL_FREQUENCY_MEAN,
    BINOMIAL_FREQUENCY_SECOND_MOMENT,
    BINOMIAL_Y,
    FACTOR_OUT_OF_SUM,
    POWER_MONOTONE,
    SUM_CONGRUENCE,
    SUM_MONOTONE,
    BinomialAverage,
)
from proofs.smt import SmtResult, prove

__all__ = [
    "absorbing_category",
    "binomial_mean",
    "binomial_second_moment",
    "cross_term_mean",
    "error_recursion",
    "factor_bounds",
    "fixation_sandwich",
    "fixed_point",
    "gini_identity_explicit",
    "gini_mixing_bound",
    "gini_mixing_derivation",
    "gini_sum_general",
    "grounded_contraction",
    "martingale_step",
    "mix_gini_expansion",
    "mixture_second_moment",
    "mixture_second_moment_general",
    "pigeonhole",
    "stationary_gini",
    "training_mix",
    "unanimity_bound",
    "vanishing_floor",
    "well_posed",
]

# --- symbols ---------------------------------------------------------------------------
N = sp.Symbol("N", integer=True, positive=True)
T = sp.Symbol("T", positive=True)  # training probability of one category
z = sp.Symbol("z", positive=True)
j = sp.Symbol("j", integer=True, nonnegative=True)
W2 = sp.Symbol("W_2", positive=True)  # Σω_i²
S1 = sp.Symbol("S_1", positive=True)  # Σ_x T(x)
S2 = sp.Symbol("S_2", positive=True)  # Σ_x T(x)²
alpha = sp.Symbol("alpha", positive=True)
c = sp.Symbol("c", nonnegative=True)  # the Gini factor 1 − Σω²/N
gp = sp.Symbol("G_P", positive=True)  # G(P)
p2 = sp.Symbol("p_2", positive=True)  # ΣP² = 1 − G(P)
g = sp.Symbol("g", nonnegative=True)
s = sp.Symbol("s", nonnegative=True)

_y = BINOMIAL_Y


def frequency_mean(prob: sp.Basic = T) -> sp.Basic:
    """E[j/N] for j ~ Binomial(N, prob), kept unevaluated (the schemas give its value)."""
    return BinomialAverage(_y, _y, N, prob)


def frequency_square(prob: sp.Basic = T) -> sp.Basic:
    """E[(j/N)²] for j ~ Binomial(N, prob), kept unevaluated."""
    return BinomialAverage(_y**2, _y, N, prob)


def binomial_mean() -> Derivation:
    """E[j/N] = T for j ~ Binomial(N, T): the empirical frequency is unbiased."""
    start = frequency_mean()
    return Derivation(
        "binomial mean: E[j/N] = T",
        start,
        [Step("=", T, Use(BINOMIAL_FREQUENCY_MEAN, by=(Algebra(), Given())),
              "E[j] = G'(1) = N T for the generating function G(z) = (1 − T + T z)^N")],
        goal=(start, "=", T),
        hypotheses=(sp.Le(T, 1),),
    )


def binomial_second_moment() -> Derivation:
    """E[(j/N)²] = T² + T(1 − T)/N for j ~ Binomial(N, T)."""
    start = frequency_square()
    end = T**2 + T * (1 - T) / N
    return Derivation(
        "binomial second moment: E[(j/N)²] = T² + T(1−T)/N",
        start,
        [Step("=", end, Use(BINOMIAL_FREQUENCY_SECOND_MOMENT, by=(Algebra(), Given())),
              "E[j²] = G''(1) + G'(1) = N(N−1)T² + NT")],
        goal=(start, "=", end),
        hypotheses=(sp.Le(T, 1),),
    )


def _weights(m: int) -> tuple[list[sp.Expr], list[sp.Basic]]:
    """m weights with ω_m = 1 − Σ_{i<m} ω_i (so Σω = 1 exactly) and hypotheses ω_m > 0."""
    free = list(sp.symbols(f"omega_1:{m}", positive=True))
    ws: list[sp.Expr] = [*free, 1 - sum(free)]
    return ws, [sp.Gt(ws[-1], 0)]


def _second_moment(tx: sp.Expr) -> sp.Expr:
    return tx**2 + tx * (1 - tx) / N


def _expected_square(ws: list[sp.Expr], tx: sp.Expr) -> sp.Expr:
    """E[(Σ ω_i Y_i)²] for independent Y_i with mean tx and second moment tx² + tx(1−tx)/N.

    Expanding the square, E[Y_i²] is the binomial second moment and E[Y_i Y_j] = tx² for
    i ≠ j by independence: the expectation is taken term by term, not simplified.
    """
    m = len(ws)
    terms = [ws[i] ** 2 * _second_moment(tx) for i in range(m)]
    terms += [ws[i] * ws[k] * tx**2 for i, k in itertools.permutations(range(m), 2)]
    return sp.Add(*terms, evaluate=False)


def mixture_second_moment(m: int) -> Derivation:
    """Explicit m: E[R(x)²] = T² + (Σω²)·T(1 − T)/N, with ω_m = 1 − Σ_{i<m} ω_i."""
    ws, hyps = _weights(m)
    start = _expected_square(ws, T)
    w2 = sum(w**2 for w in ws)
    end = T**2 + w2 * T * (1 - T) / N
    return Derivation(
        f"ensemble (m = {m}): E[R(x)²] = T² + Σω²·T(1−T)/N",
        start,
        [Step("=", end, Algebra(), "Σ_{i≠k} ω_i ω_k = (Σω)² − Σω² = 1 − Σω²")],
        goal=(start, "=", end),
        hypotheses=(*hyps, sp.Le(T, 1)),
    )


def mixture_second_moment_general() -> Derivation:
    """Any m: Σω_i²(T² + v) + (1 − Σω_i²)T² = T² + Σω_i²·v with v = T(1 − T)/N."""
    v = T * (1 - T) / N
    start = W2 * (T**2 + v) + (1 - W2) * T**2
    end = T**2 + W2 * v
    return Derivation(
        "ensemble (any m): E[R(x)²] = T² + Σω²·T(1−T)/N",
        start,
        [Step("=", end, Algebra(), "collect T²")],
        goal=(start, "=", end),
        hypotheses=(sp.Le(W2, 1), sp.Le(T, 1)),
        description="the start is the independence expansion with Σ_{i≠k}ω_iω_k = 1 − Σω_i²",
    )


def gini_sum_general() -> Derivation:
    """Any K: 1 − Σ_x [T(x)² + W_2 T(x)(1 − T(x))/N] = (1 − W_2/N)(1 − ΣT²), using ΣT = 1."""
    start = 1 - (S2 + W2 * (S1 - S2) / N)
    end = (1 - W2 / N) * (1 - S2)
    return Derivation(
        "Gini identity, sum over categories (any K): E[G(R')] = (1 − Σω²/N)·G(T)",
        start,
        [Step("=", end, Smt(), "Σ_x T(x) = S_1 = 1")],
        goal=(start, "=", end),
        hypotheses=(sp.Eq(S1, 1), sp.Le(S2, 1), sp.Le(W2, 1)),
        description="start: 1 − Σ_x E[R(x)²] with Σ_x T(x)² = S_2 and Σ_x T(x)(1 − T(x)) = "
                    "S_1 − S_2",
    )


def _categories(k: int) -> tuple[list[sp.Expr], list[sp.Basic]]:
    free = list(sp.symbols(f"T_1:{k}", positive=True))
    ts: list[sp.Expr] = [*free, 1 - sum(free)]
    return ts, [sp.Gt(ts[-1], 0)]


def gini_identity_explicit(k: int, m: int) -> Derivation:
    """Explicit K and m: 1 − Σ_x E[R(x)²] = (1 − Σω²/N)(1 − Σ_x T(x)²), all symbols free."""
    ws, whyps = _weights(m)
    ts, thyps = _categories(k)
    start = 1 - sp.Add(*[_expected_square(ws, tx) for tx in ts], evaluate=False)
    w2 = sum(w**2 for w in ws)
    end = (1 - w2 / N) * (1 - sum(tx**2 for tx in ts))
    return Derivation(
        f"Gini identity, K = {k}, m = {m}: E[G(R')] = (1 − Σω²/N)·G(T)",
        start,
        [Step("=", end, Algebra(), "Σω = 1 and ΣT = 1 built in")],
        goal=(start, "=", end),
        hypotheses=(*whyps, *thyps),
    )


def factor_bounds(m: int) -> list[tuple[str, SmtResult]]:
    """z3: with Σω = 1, ω ≥ 0, N ≥ 1: 1/m ≤ Σω² ≤ 1, hence 1 − 1/N ≤ c ≤ 1 − 1/(mN) < 1."""
    ws = list(sp.symbols(f"omega_1:{m + 1}", nonnegative=True))
    n = sp.Symbol("N", positive=True)
    hyps = [sp.Eq(sum(ws), 1), sp.Ge(n, 1)]
    w2 = sum(w**2 for w in ws)
    cc = 1 - w2 / n
    return [
        (f"m = {m}: Σω² ≥ 1/m (Cauchy–Schwarz)", prove(sp.Ge(w2, sp.Rational(1, m)), hyps)),
        (f"m = {m}: Σω² ≤ 1", prove(sp.Le(w2, 1), hyps)),
        (f"m = {m}: c ≥ 1 − 1/N", prove(sp.Ge(cc, 1 - 1 / n), hyps)),
        (f"m = {m}: c ≤ 1 − 1/(mN) < 1",
         prove(sp.And(sp.Le(cc, 1 - 1 / (m * n)), sp.Lt(cc, 1)), hyps)),
    ]


# --- def-3: well-posedness -------------------------------------------------------------------

def well_posed(k: int, m: int) -> SmtResult:
    """z3: R = Σ_i ω_i Q^i is a probability vector when each Q^i is one and ω is one."""
    ws = list(sp.symbols(f"omega_1:{m + 1}", real=True))
    qs = [list(sp.symbols(f"Q{i}_1:{k + 1}", real=True)) for i in range(1, m + 1)]
    hyps: list[sp.Basic] = [sp.Eq(sum(ws), 1), *[sp.Ge(w, 0) for w in ws]]
    for row in qs:
        hyps += [sp.Eq(sum(row), 1), *[sp.Ge(x, 0) for x in row]]
    rs = [sum(ws[i] * qs[i][x] for i in range(m)) for x in range(k)]
    goal = sp.And(sp.Eq(sum(rs), 1), *[sp.Ge(r, 0) for r in rs])
    return prove(goal, hyps)


def training_mix(k: int) -> SmtResult:
    """z3: αP + (1 − α)R is a probability vector for α ∈ [0, 1]."""
    a = sp.Symbol("alpha", real=True)
    ps = list(sp.symbols(f"P_1:{k + 1}", real=True))
    rs = list(sp.symbols(f"R_1:{k + 1}", real=True))
    hyps: list[sp.Basic] = [sp.Ge(a, 0), sp.Le(a, 1), sp.Eq(sum(ps), 1), sp.Eq(sum(rs), 1)]
    hyps += [sp.Ge(x, 0) for x in ps + rs]
    mix = [a * p_ + (1 - a) * r for p_, r in zip(ps, rs, strict=True)]
    return prove(sp.And(sp.Eq(sum(mix), 1), *[sp.Ge(x, 0) for x in mix]), hyps)


# --- thm-8: absorption (α = 0) -------------------------------------------------------------

def martingale_step(m: int) -> Derivation:
    """E[R'(x) | R] = Σ_i ω_i E[Q̂^i(x)] = Σ_i ω_i T(x) = T(x) = R(x) when α = 0."""
    ws, hyps = _weights(m)
    start = sp.Add(*[w * T for w in ws], evaluate=False)
    return Derivation(
        f"martingale (m = {m}): E[R'(x) | R] = R(x) for α = 0",
        start,
        [Step("=", T, Algebra(), "Σω = 1; each E[Q̂^i(x)] = T(x) (binomial mean)")],
        goal=(start, "=", T),
        hypotheses=(*hyps, sp.Le(T, 1)),
    )


MODELS = sp.Symbol("m", integer=True, positive=True)  # number of models
im = sp.Symbol("i", integer=True, positive=True)  # a model, 1..m
omega = sp.IndexedBase("omega", nonnegative=True)
WEIGHTS_SUM_TO_ONE = sp.Eq(sp.Sum(omega[im], (im, 1, MODELS)), 1)


def martingale_general() -> Derivation:
    """Every m: E[R'(x) | R] = Σ_i ω_i E[Q̂^i(x)] = Σ_i ω_i T(x) = T(x) when α = 0.

    Each model's frequency of x is j/N with j ~ Binomial(N, T(x)) (binomial mean schema per
    model), then linearity of the finite sum over the m models.
    """
    start = sp.Sum(omega[im] * frequency_mean(), (im, 1, MODELS))
    mean = (sp.Eq(frequency_mean(), T), Use(BINOMIAL_FREQUENCY_MEAN, by=(Algebra(), Given())))
    return Derivation(
        "martingale (every m): E[R'(x) | R] = R(x) for α = 0",
        start,
        [
            Step("=", sp.Sum(omega[im] * T, (im, 1, MODELS)),
                 Use(SUM_CONGRUENCE, bind={"g": omega[im] * frequency_mean(),
                                           "h": omega[im] * T},
                     by=(Smt(facts=(mean,)),)),
                 "each model's E[Q̂^i(x)] = T(x) (binomial mean)"),
            Step("=", T * sp.Sum(omega[im], (im, 1, MODELS)),
                 Use(FACTOR_OUT_OF_SUM, bind={"w": T, "g": omega[im]}),
                 "T(x) does not depend on the model"),
            Step("=", T, Smt(), "Σ_i ω_i = 1"),
        ],
        goal=(start, "=", T),
        hypotheses=(WEIGHTS_SUM_TO_ONE, sp.Le(T, 1)),
    )


def absorbing_category() -> Derivation:
    """A category with T(x) = 0 is drawn by no model: P(j = 0) = (1 − 0)^N = 1."""
    start = ((1 - T) ** N).subs(T, 0)
    return Derivation(
        "a lost category never returns: P(no draw of x | T(x) = 0) = 1",
        start,
        [Step("=", sp.Integer(1), Algebra(), "(1 − 0)^N = 1")],
        goal=(start, "=", sp.Integer(1)),
    )


def pigeonhole(k: int) -> SmtResult:
    """z3: a probability vector on K categories has a coordinate at least 1/K."""
    ts = list(sp.symbols(f"T_1:{k + 1}", nonnegative=True))
    return prove(sp.Ge(sp.Max(*ts), sp.Rational(1, k)), [sp.Eq(sum(ts), 1)])


TMAX = sp.Symbol("T_max", positive=True)
KCAT = sp.Symbol("K", integer=True, positive=True)  # number of categories
NDRAWS = sp.Symbol("n", integer=True, positive=True)  # n = mN draws in one generation
xc = sp.Symbol("x", integer=True, positive=True)  # a category, 1..K
PIGEONHOLE = sp.Ge(TMAX, 1 / KCAT)  # T_max ≥ 1/K
dgap = sp.IndexedBase("d", nonnegative=True)  # T(x) = T_max − d(x): T_max bounds every T(x)


def pigeonhole_general() -> Derivation:
    """Every K: with T(x) = T_max − d(x), d(x) ≥ 0, Σ_x T(x) ≤ Σ_x T_max = K·T_max.

    So when Σ_x T(x) = 1 the largest probability T_max is at least 1/K.
    """
    start = sp.Sum(TMAX - dgap[xc], (xc, 1, KCAT))
    return Derivation(
        "pigeonhole (every K): Σ_x T(x) ≤ K·T_max",
        start,
        [
            Step("<=", sp.Sum(TMAX, (xc, 1, KCAT)),
                 Use(SUM_MONOTONE, bind={"u": sp.Integer(1), "g": TMAX - dgap[xc], "h": TMAX}),
                 "termwise T(x) = T_max − d(x) ≤ T_max"),
            Step("=", KCAT * TMAX, Algebra(), "K equal terms"),
        ],
        goal=(start, "<=", KCAT * TMAX),
    )


def unanimity_bound() -> Derivation:
    """P(all n = mN draws equal the most likely category) = T_max^n ≥ (1/K)^n =: ε > 0.

    T_max ≥ 1/K is the pigeonhole fact (:func:`pigeonhole_general`); the step is an instance
    of the power monotonicity schema.
    """
    return Derivation(
        "one-step absorption probability ≥ ε = K^(−mN)",
        TMAX**NDRAWS,
        [Step(">=", KCAT ** (-NDRAWS),
              Use(POWER_MONOTONE, bind={"a": 1 / KCAT, "b": TMAX, "x": NDRAWS},
                  by=(Algebra(), Given("pigeonhole"), Algebra())),
              "1/K ≤ T_max, so (1/K)^n ≤ T_max^n")],
        goal=(TMAX**NDRAWS, ">=", KCAT ** (-NDRAWS)),
        hypotheses=(PIGEONHOLE,),
    )


def fixation_sandwich() -> list[Derivation]:
    """R_0(x) − σ_t ≤ a_t ≤ R_0(x): a_t = P(absorbed at δ_x by t), σ_t = P(not absorbed by t).

    Hypotheses (standard facts): E[R_t(x)] = R_0(x) (martingale, tower property), and
    E[R_t(x)] = a_t + b_t with b_t = E[R_t(x); not absorbed] ∈ [0, σ_t] since 0 ≤ R_t(x) ≤ 1.
    With σ_t ≤ (1 − ε)^t → 0 both sides tend to R_0(x).
    """
    x0, at, bt, st = sp.symbols("R_0 a_t b_t sigma_t", nonnegative=True)
    hyps = (sp.Eq(at + bt, x0), sp.Le(bt, st), sp.Le(x0, 1))
    lower = Derivation(
        "fixation: P(absorbed at δ_x by t) ≥ R_0(x) − P(not absorbed by t)",
        x0 - st,
        [Step("<=", at, Smt(), "a_t = R_0 − b_t and b_t ≤ σ_t")],
        goal=(x0 - st, "<=", at),
        hypotheses=hyps,
    )
    upper = Derivation(
        "fixation: P(absorbed at δ_x by t) ≤ R_0(x)",
        at,
        [Step("<=", x0, Smt(), "a_t = R_0 − b_t and b_t ≥ 0")],
        goal=(at, "<=", x0),
        hypotheses=hyps,
    )
    return [lower, upper]


# --- thm-8: grounding (α > 0) --------------------------------------------------------------

def _vectors(k: int) -> tuple[list[sp.Expr], list[sp.Expr], list[sp.Basic]]:
    pf = list(sp.symbols(f"P_1:{k}", positive=True))
    rf = list(sp.symbols(f"R_1:{k}", positive=True))
    ps: list[sp.Expr] = [*pf, 1 - sum(pf)]
    rs: list[sp.Expr] = [*rf, 1 - sum(rf)]
    return ps, rs, [sp.Gt(ps[-1], 0), sp.Gt(rs[-1], 0)]


def _gini(vec: list[sp.Expr]) -> sp.Expr:
    return 1 - sum(x**2 for x in vec)


def mix_gini_expansion(k: int = 3) -> Derivation:
    """G(αP + (1 − α)R) = 1 − α²ΣP² − 2α(1 − α)ΣPR − (1 − α)²ΣR² (explicit K)."""
    ps, rs, hyps = _vectors(k)
    mix = [alpha * a + (1 - alpha) * b for a, b in zip(ps, rs, strict=True)]
    start = _gini(mix)
    end = (1 - alpha**2 * sum(a**2 for a in ps)
           - 2 * alpha * (1 - alpha) * sum(a * b for a, b in zip(ps, rs, strict=True))
           - (1 - alpha) ** 2 * sum(b**2 for b in rs))
    return Derivation(
        f"grounded (K = {k}): G(T) in terms of ΣP², ΣPR, ΣR²",
        start,
        [Step("=", end, Algebra(), "expand the square")],
        goal=(start, "=", end),
        hypotheses=(*hyps, sp.Le(alpha, 1)),
    )


def cross_term_mean(k: int = 3) -> Derivation:
    """E[Σ P R'] = Σ P·T = α ΣP² + (1 − α) Σ P R, since E[R'(x)] = T(x) (binomial mean)."""
    ps, rs, hyps = _vectors(k)
    start = sum(a * (alpha * a + (1 - alpha) * b) for a, b in zip(ps, rs, strict=True))
    end = alpha * sum(a**2 for a in ps) + (1 - alpha) * sum(
        a * b for a, b in zip(ps, rs, strict=True))
    return Derivation(
        f"grounded (K = {k}): s_t = α ΣP² + (1 − α) s_(t−1)",
        start,
        [Step("=", end, Algebra(), "linearity")],
        goal=(start, "=", end),
        hypotheses=(*hyps, sp.Le(alpha, 1)),
    )


def stationary_gini() -> sp.Expr:
    """g* = c α(2 − α) G(P) / (1 − c(1 − α)²)."""
    return c * alpha * (2 - alpha) * gp / (1 - c * (1 - alpha) ** 2)


def _g_map(gv: sp.Expr, sv: sp.Expr) -> sp.Expr:
    return c * (1 - alpha**2 * (1 - gp) - 2 * alpha * (1 - alpha) * sv
                - (1 - alpha) ** 2 * (1 - gv))


def fixed_point() -> list[Derivation]:
    """(g*, s*) = (g*, ΣP²) is a fixed point of the (g, s) recursion."""
    gs = stationary_gini()
    hyps = (sp.Lt(c, 1), sp.Le(alpha, 1), sp.Lt(gp, 1))
    g_fix = Derivation(
        "grounded: g* is fixed by the g-recursion (with s = ΣP²)",
        _g_map(gs, 1 - gp),
        [Step("=", gs, Algebra(), "substitute g = g*, s = ΣP² and simplify")],
        goal=(_g_map(gs, 1 - gp), "=", gs),
        hypotheses=hyps,
    )
    s_fix = Derivation(
        "grounded: s* = ΣP² is fixed by the s-recursion",
        alpha * (1 - gp) + (1 - alpha) * (1 - gp),
        [Step("=", 1 - gp, Algebra(), "α p₂ + (1 − α) p₂ = p₂")],
        goal=(alpha * (1 - gp) + (1 - alpha) * (1 - gp), "=", 1 - gp),
        hypotheses=hyps,
    )
    return [g_fix, s_fix]


def fixed_point_unique() -> SmtResult:
    """z3: any (g, s) fixed by both recursions (α ∈ (0, 1], c ∈ [0, 1)) is (g*, ΣP²)."""
    gs = stationary_gini()
    hyps = [sp.Lt(c, 1), sp.Le(alpha, 1), sp.Lt(gp, 1),
            sp.Eq(g, _g_map(g, s)), sp.Eq(s, alpha * (1 - gp) + (1 - alpha) * s)]
    return prove(sp.And(sp.Eq(s, 1 - gp), sp.Eq(g, gs)), hyps)


def error_recursion() -> list[Derivation]:
    """Errors e_g = g − g*, e_s = s − ΣP² obey a triangular linear recursion.

    e_g' = c(1 − α)² e_g − 2cα(1 − α) e_s and e_s' = (1 − α) e_s.
    """
    gs = stationary_gini()
    eg, es = sp.symbols("e_g e_s", real=True)
    hyps = (sp.Lt(c, 1), sp.Le(alpha, 1), sp.Lt(gp, 1))
    gstep = _g_map(gs + eg, 1 - gp + es) - gs
    sstep = alpha * (1 - gp) + (1 - alpha) * (1 - gp + es) - (1 - gp)
    return [
        Derivation(
            "grounded: g-error recursion",
            gstep,
            [Step("=", c * (1 - alpha) ** 2 * eg - 2 * c * alpha * (1 - alpha) * es, Algebra(),
                  "the fixed point cancels the constant terms")],
            goal=(gstep, "=", c * (1 - alpha) ** 2 * eg - 2 * c * alpha * (1 - alpha) * es),
            hypotheses=hyps,
        ),
        Derivation(
            "grounded: s-error recursion",
            sstep,
            [Step("=", (1 - alpha) * es, Algebra(), "expand")],
            goal=(sstep, "=", (1 - alpha) * es),
            hypotheses=hyps,
        ),
    ]


def grounded_contraction() -> list[tuple[str, SmtResult]]:
    """z3: both diagonal factors c(1 − α)² and 1 − α lie in [0, 1) for α ∈ (0, 1], c ∈ [0, 1)."""
    hyps = [sp.Lt(c, 1), sp.Le(alpha, 1)]
    return [
        ("0 ≤ c(1−α)² < 1",
         prove(sp.And(sp.Ge(c * (1 - alpha) ** 2, 0), sp.Lt(c * (1 - alpha) ** 2, 1)), hyps)),
        ("0 ≤ 1 − α < 1", prove(sp.And(sp.Ge(1 - alpha, 0), sp.Lt(1 - alpha, 1)), hyps)),
    ]


# --- thm-8: vanishing grounding ------------------------------------------------------------

def gini_mixing_bound(k: int) -> SmtResult:
    """z3: G(αP + (1 − α)R) ≤ G(R) + 2α for probability vectors P, R and α ∈ [0, 1]."""
    a = sp.Symbol("alpha", nonnegative=True)
    ps = list(sp.symbols(f"P_1:{k + 1}", nonnegative=True))
    rs = list(sp.symbols(f"R_1:{k + 1}", nonnegative=True))
    hyps = [sp.Le(a, 1), sp.Eq(sum(ps), 1), sp.Eq(sum(rs), 1)]
    mix = [a * x + (1 - a) * y for x, y in zip(ps, rs, strict=True)]
    return prove(sp.Le(_gini(mix), _gini(rs) + 2 * a), hyps)


def gini_mixing_derivation(k: int) -> Derivation:
    """Explicit K: G(αP + (1 − α)R) ≤ G(R) + 2α·ΣR² ≤ G(R) + 2α, step by step."""
    a = sp.Symbol("alpha", nonnegative=True)
    ps = list(sp.symbols(f"P_1:{k + 1}", nonnegative=True))
    rs = list(sp.symbols(f"R_1:{k + 1}", nonnegative=True))
    hyps = (sp.Le(a, 1), sp.Eq(sum(ps), 1), sp.Eq(sum(rs), 1))
    mix = [y + a * (x - y) for x, y in zip(ps, rs, strict=True)]
    r2 = sum(y**2 for y in rs)
    rp = sum(x * y for x, y in zip(ps, rs, strict=True))
    d2 = sum((x - y) ** 2 for x, y in zip(ps, rs, strict=True))
    start = _gini(mix)
    return Derivation(
        f"vanishing grounding (K = {k}): G(αP + (1−α)R) ≤ G(R) + 2α",
        start,
        [
            Step("=", 1 - r2 - 2 * a * (rp - r2) - a**2 * d2, Algebra(),
                 "expand (R + α(P − R))²"),
            Step("<=", 1 - r2 - 2 * a * (rp - r2), Algebra(), "drop −α²Σ(P − R)² ≤ 0"),
            Step("<=", 1 - r2 + 2 * a * r2, Smt(), "drop −2αΣPR ≤ 0"),
            Step("<=", 1 - r2 + 2 * a, Smt(), "ΣR² ≤ (ΣR)² = 1"),
        ],
        goal=(start, "<=", _gini(rs) + 2 * a),
        hypotheses=hyps,
    )


def vanishing_floor() -> Derivation:
    """From g_t ≤ c g_{t−1} + δ (δ ≥ 2cα_s for s ≥ t_0) and eq-4-5: g_{t0+n} ≤ c^n g + δ/(1−c).

    p stands for c^n ∈ [0, 1]; the limit in n (p → 0) leaves δ/(1 − c), and δ can be taken as
    small as we like once α_t → 0, so limsup E[G(R_t)] = 0.
    """
    p, g0, dl = sp.symbols("p g_0 delta", nonnegative=True)
    cc = sp.Symbol("c", nonnegative=True)
    hyps = (sp.Lt(cc, 1), sp.Le(p, 1), sp.Le(g0, 1))
    start = p * g0 + dl * (1 - p) / (1 - cc)
    return Derivation(
        "vanishing grounding: eq-4-5 bound ≤ c^n g_0 + δ/(1 − c)",
        start,
        [Step("<=", p * g0 + dl / (1 - cc), Smt(), "1 − c^n ≤ 1 and 1 − c > 0")],
        goal=(start, "<=", p * g0 + dl / (1 - cc)),
        hypotheses=hyps,
    )


def vanishing_limits() -> dict[str, sp.Basic]:
    """The two limits that finish the argument: c^n g_0 → 0 (via 1/(1 + nh)) and δ/(1−c) → 0."""
    n_, h, g0, dl = sp.symbols("n h g_0 delta", positive=True)
    cc = sp.Symbol("c", positive=True)
    return {
        "first": sp.limit(g0 / (1 + n_ * h), n_, sp.oo),
        "second": sp.limit(dl / (1 - cc), dl, 0, "+"),
    }


# --- thm-8/convergence-summable: a real draw has probability at most nα ---------------------

a01 = sp.Symbol("alpha", nonnegative=True)
ndraw = sp.Symbol("n", integer=True, nonnegative=True)
UNIT_ALPHA = (sp.Le(a01, 1),)


def real_draw_statement(bound: sp.Basic | None = None) -> sp.Basic:
    """1 − (1 − α)^n ≤ nα: P(at least one of n draws is real) ≤ nα (``bound`` replaces nα)."""
    return sp.Le(1 - (1 - a01) ** ndraw, ndraw * a01 if bound is None else bound)


def real_draw_induction(statement: sp.Basic | None = None) -> Induction:
    """Bernoulli's inequality 1 − (1 − α)^n ≤ nα by induction on n (α ∈ [0, 1]).

    ``statement`` replaces the relation to be proved (tests of false bounds).
    """
    stmt = statement if statement is not None else real_draw_statement()
    base = at(stmt, ndraw, 0)
    nxt = at(stmt, ndraw, ndraw + 1)
    r = (1 - a01) ** ndraw
    return Induction(
        "1 − (1 − α)^n ≤ nα by induction on n",
        ndraw,
        stmt,
        Derivation("base case n = 0", base.lhs,
                   [Step("<=", base.rhs, Algebra(), "(1 − α)^0 = 1")],
                   goal=(base.lhs, "<=", base.rhs), hypotheses=UNIT_ALPHA),
        Derivation(
            "step n → n + 1",
            nxt.lhs,
            [
                Step("=", 1 - (1 - a01) * r, Algebra(), "(1 − α)^{n+1} = (1 − α)(1 − α)^n"),
                Step("<=", 1 - (1 - a01) * (1 - stmt.rhs), Smt(),
                     "induction hypothesis (1 − α)^n ≥ 1 − nα, times 1 − α ≥ 0"),
                Step("<=", nxt.rhs, Smt(), "α + nα − nα² ≤ (n + 1)α"),
            ],
            goal=(nxt.lhs, "<=", nxt.rhs),
            hypotheses=(*UNIT_ALPHA, stmt),
        ),
        hypotheses=UNIT_ALPHA,
    )


#: thm-8/convergence-summable: for every number n = mN of draws in a generation, the
#: probability that at least one is a real sample, 1 − (1 − α_t)^n, is at most nα_t.
SUMMABLE_GOAL = Goal(real_draw_statement(), (a01, ndraw), UNIT_ALPHA,
                     "thm-8/convergence-summable")


# --- goals of thm-8/absorption and thm-8/grounded --------------------------------------------

def implication(antecedents: tuple[sp.Basic, ...], consequent: sp.Basic) -> sp.Basic:
    """``(a_1 ∧ … ∧ a_k) ⇒ consequent``, unevaluated (a conclusion with its premises
    discharged)."""
    lhs = antecedents[0] if len(antecedents) == 1 else sp.And(*antecedents, evaluate=False)
    return sp.Implies(lhs, consequent, evaluate=False)


def discharged(result: Goal, antecedents: tuple[sp.Basic, ...]) -> Goal:
    """The deduction rule: from ``H, A ⊢ R`` conclude ``H ⊢ (A ⇒ R)``."""
    for a_ in antecedents:
        if a_ not in result.hypotheses:
            raise ValueError(f"{a_} is not a hypothesis of {result}")
    rest = tuple(h for h in result.hypotheses if h not in antecedents)
    return Goal(implication(antecedents, result.relation), result.variables, rest, result.name)


_SANDWICH = sp.symbols("R_0 a_t b_t sigma_t", nonnegative=True)


def _sandwich_hyps() -> tuple[sp.Basic, ...]:
    x0, at_, bt, st = _SANDWICH
    return (sp.Eq(at_ + bt, x0), sp.Le(bt, st), sp.Le(x0, 1))


def absorption_goal() -> Goal:
    """thm-8/absorption's formal goal (see :data:`ABSORPTION_GOAL`)."""
    x0, at_, _, st = _SANDWICH
    rels = (
        sp.Eq(sp.Sum(omega[im] * frequency_mean(), (im, 1, MODELS)), T),
        sp.Le(sp.Sum(TMAX - dgap[xc], (xc, 1, KCAT)), KCAT * TMAX),
        implication((PIGEONHOLE,), sp.Ge(TMAX**NDRAWS, KCAT ** (-NDRAWS))),
        sp.Le(x0 - st, at_),
        sp.Le(at_, x0),
    )
    return Goal(sp.And(*rels, evaluate=False), (N, T, MODELS, KCAT, NDRAWS, TMAX, *_SANDWICH),
                (WEIGHTS_SUM_TO_ONE, sp.Le(T, 1), *_sandwich_hyps()), "thm-8/absorption")


#: thm-8/absorption (α = 0): for every m, N, K, n: the martingale step E[R'(x) | R] = R(x);
#: the pigeonhole bound Σ_x T(x) ≤ K·T_max (so T_max ≥ 1/K);
#: T_max ≥ 1/K ⇒ T_max^n ≥ K^{−n} (all n draws agree); and the fixation sandwich
#: R_0(x) − σ_t ≤ a_t ≤ R_0(x) given E[R_t(x)] = a_t + b_t = R_0(x) with b_t ≤ σ_t.
ABSORPTION_GOAL = absorption_goal()


def _grounded_hyps() -> tuple[sp.Basic, ...]:
    return (sp.Lt(c, 1), sp.Le(alpha, 1), sp.Lt(gp, 1))


FIXED_EQS = (sp.Eq(g, _g_map(g, s)), sp.Eq(s, alpha * (1 - gp) + (1 - alpha) * s))
#: g* > 0 needs c > 0 (at c = 0 the models copy one draw and g* = 0)
GROUNDED_POSITIVE = (sp.Gt(c, 0),)


def grounded_goal() -> Goal:
    """thm-8/grounded's formal goal (see :data:`GROUNDED_GOAL`)."""
    gs = stationary_gini()
    eg, es = sp.symbols("e_g e_s", real=True)
    rels = (
        sp.Eq(_g_map(gs, 1 - gp), gs),
        sp.Eq(alpha * (1 - gp) + (1 - alpha) * (1 - gp), 1 - gp),
        sp.Eq(_g_map(gs + eg, 1 - gp + es) - gs,
              c * (1 - alpha) ** 2 * eg - 2 * c * alpha * (1 - alpha) * es),
        sp.Eq(alpha * (1 - gp) + (1 - alpha) * (1 - gp + es) - (1 - gp), (1 - alpha) * es),
        implication(FIXED_EQS, sp.And(sp.Eq(s, 1 - gp), sp.Eq(g, gs), evaluate=False)),
        implication(GROUNDED_POSITIVE, sp.Gt(gs, 0)),
        sp.Le(gs, c * gp),
        sp.Lt(gs, gp),
        sp.Ge(c * (1 - alpha) ** 2, 0),
        sp.Lt(c * (1 - alpha) ** 2, 1),
        sp.Ge(1 - alpha, 0),
        sp.Lt(1 - alpha, 1),
    )
    return Goal(sp.And(*rels, evaluate=False), (alpha, c, gp, g, s, eg, es),
                _grounded_hyps(), "thm-8/grounded")


#: thm-8/grounded: the (g, s) recursion g' = c(1 − α²ΣP² − 2α(1 − α)s − (1 − α)²(1 − g)),
#: s' = αΣP² + (1 − α)s has the fixed point (g*, ΣP²), which is its only one; the errors obey
#: a triangular linear recursion with diagonal c(1 − α)², 1 − α in [0, 1); and
#: g* ≤ c·G(P) < G(P), with g* > 0 when c > 0.
GROUNDED_GOAL = grounded_goal()


def grounded_queries() -> list[tuple[str, sp.Basic, tuple[sp.Basic, ...]]]:
    """The z3 queries of thm-8/grounded as (what, relation, hypotheses)."""
    gs = stationary_gini()
    hp = _grounded_hyps()
    base = (sp.Lt(c, 1), sp.Le(alpha, 1))
    return [
        ("the fixed point is unique", sp.And(sp.Eq(s, 1 - gp), sp.Eq(g, gs), evaluate=False),
         (*hp, *FIXED_EQS)),
        ("g* > 0 when c > 0", sp.Gt(gs, 0), (*hp, *GROUNDED_POSITIVE)),
        ("g* ≤ c·G(P)", sp.Le(gs, c * gp), hp),
        ("g* < G(P)", sp.Lt(gs, gp), hp),
        ("0 ≤ c(1−α)²", sp.Ge(c * (1 - alpha) ** 2, 0), base),
        ("c(1−α)² < 1", sp.Lt(c * (1 - alpha) ** 2, 1), base),
        ("0 ≤ 1 − α", sp.Ge(1 - alpha, 0), base),
        ("1 − α < 1", sp.Lt(1 - alpha, 1), base),
    ]
