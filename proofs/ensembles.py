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
  0 < g* ≤ c·G(P) < G(P), and convergence (triangular linear recursion with diagonal in [0, 1));
* vanishing grounding: G(αP + (1 − α)R) ≤ G(R) + 2α, so E[G(R_t)] ≤ c·E[G(R_{t−1})] + 2cα_t
  and E[G(R_t)] → 0 whenever α_t → 0 (the contraction lemma eq-4-5 with a vanishing floor).
"""

from __future__ import annotations

import itertools

import sympy as sp

from proofs.derivation import Algebra, Condition, Derivation, Lemma, Smt, Step
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
    "grounded_bounds",
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

_PGF = (1 - T + T * z) ** N


def _binomial_sum(power: sp.Expr) -> sp.Expr:
    return sp.Sum(sp.binomial(N, j) * T**j * (1 - T) ** (N - j) * power, (j, 0, N))


def _pgf_lemma() -> Lemma:
    return Lemma(
        "probability generating function of Binomial(N, T)",
        "E[z^j] = (1 − T + T z)^N (binomial theorem), so E[j] = G'(1), E[j(j−1)] = G''(1)",
    )


def binomial_mean() -> Derivation:
    """E[j/N] = T for j ~ Binomial(N, T): the empirical frequency is unbiased."""
    start = _binomial_sum(j) / N
    pgf = sp.diff(_PGF, z).subs(z, 1) / N
    return Derivation(
        "binomial mean: E[j/N] = T",
        start,
        [Step("=", pgf, _pgf_lemma(), "E[j] = G'(1)"),
         Step("=", T, Algebra(), "G'(1) = N T")],
        goal=(start, "=", T),
        hypotheses=(sp.Le(T, 1),),
    )


def binomial_second_moment() -> Derivation:
    """E[(j/N)²] = T² + T(1 − T)/N for j ~ Binomial(N, T)."""
    start = _binomial_sum(j**2) / N**2
    pgf = (sp.diff(_PGF, z, 2) + sp.diff(_PGF, z)).subs(z, 1) / N**2
    end = T**2 + T * (1 - T) / N
    return Derivation(
        "binomial second moment: E[(j/N)²] = T² + T(1−T)/N",
        start,
        [Step("=", pgf, _pgf_lemma(), "E[j²] = E[j(j−1)] + E[j] = G''(1) + G'(1)"),
         Step("=", end, Algebra(), "G''(1) = N(N−1)T², G'(1) = NT")],
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


def _independence_lemma() -> Lemma:
    return Lemma(
        "independence across models and linearity of expectation",
        "E[(Σω_i Y_i)²] = Σ_i ω_i² E[Y_i²] + Σ_{i≠k} ω_i ω_k E[Y_i] E[Y_k]",
    )


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


def unanimity_bound() -> Derivation:
    """P(all n = mN draws equal the most likely category) = T_max^n ≥ (1/K)^n =: ε > 0.

    T_max ≥ 1/K is the pigeonhole fact (z3, :func:`pigeonhole`); the step is the power
    monotonicity r ≤ s ⇒ r^n ≤ s^n, whose induction step is proved in ``proofs.verifiers``.
    """
    tmax = sp.Symbol("T_max", positive=True)
    kk = sp.Symbol("K", integer=True, positive=True)
    n = sp.Symbol("n", integer=True, positive=True)
    mono = Lemma(
        "powers are monotone on [0, ∞) (induction; step proved with z3)",
        "1/K ≤ T_max ⇒ (1/K)^n ≤ T_max^n",
        (Condition(sp.Ge(tmax, 1 / kk), Smt((sp.Ge(tmax, 1 / kk),)),
                   "pigeonhole: the largest of K probabilities summing to 1 is ≥ 1/K"),
         Condition(sp.Gt(1 / kk, 0), Algebra(), "1/K > 0")),
    )
    return Derivation(
        "one-step absorption probability ≥ ε = K^(−mN)",
        tmax**n,
        [Step(">=", kk ** (-n), mono)],
        goal=(tmax**n, ">=", kk ** (-n)),
        hypotheses=(sp.Ge(tmax, 1 / kk), sp.Le(tmax, 1)),
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


def grounded_bounds() -> list[tuple[str, SmtResult]]:
    """z3: for α ∈ (0, 1], c ∈ (0, 1), G(P) ∈ (0, 1): 0 < g* ≤ c·G(P) < G(P)."""
    gs = stationary_gini()
    cc = sp.Symbol("c", positive=True)
    gs = gs.subs(c, cc)
    hyps = [sp.Lt(cc, 1), sp.Le(alpha, 1), sp.Lt(gp, 1)]
    return [
        ("g* > 0", prove(sp.Gt(gs, 0), hyps)),
        ("g* ≤ c·G(P)", prove(sp.Le(gs, cc * gp), hyps)),
        ("g* < G(P)", prove(sp.Lt(gs, gp), hyps)),
        ("g* = c·G(P) at α = 1", prove(sp.Eq(gs.subs(alpha, 1), cc * gp), hyps)),
    ]


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
