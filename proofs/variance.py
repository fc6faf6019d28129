"""Symbolic evidence for Theorem 4 (variance amplification) and the Gaussian refit (thm-2/gaussian).

The formal goals of the family are defined here (``*_GOAL``) next to the proofs that conclude
them. Conventions, as in :mod:`proofs.contraction`:

* Moments of random quantities are the unevaluated functions ``Var``, ``Cov``, ``E``,
  ``CondMean``, ``CondVar`` of :mod:`proofs.lemmas`; a step that rewrites one is an instance
  of a schema of the trust base (variance of a linear combination, linearity and monotonicity
  of expectation, the law of total variance), whose premises the engine checks. Model facts
  (independence: a covariance is 0; a draw's variance) are hypotheses of the goal.
* Sequences are undefined functions of an integer time (``v(t)``), a recursion is a
  ``Lambda`` hypothesis ("for every t"), and closed forms are proved by
  :class:`proofs.derivation.Induction` (a checked base case and a checked step).
* The one transcendental inequality, ψ(x) < ln x − 1/(2x), is the schema ``DIGAMMA_BINET``
  (DLMF 5.9.13, a positive integrand); :mod:`numerics.variance` also certifies it with arb on
  a finite range.
"""

from __future__ import annotations

import sympy as sp

from proofs.derivation import (
    Algebra,
    Derivation,
    Given,
    Induction,
    Smt,
    Step,
    Use,
    at,
)
from proofs.goal import Goal
from proofs.lemmas import (
    ADD_TO_BOTH_SIDES,
    CHI2_LINEAR,
    CHI2_LOG_MEAN,
    CHI2_MOMENT,
    CHI2_X,
    DIGAMMA_BINET,
    EQUAL_ARGUMENTS,
    EXPECTATION_LINEAR,
    EXPECTATION_NONNEGATIVE,
    PARTIAL_SUM_BELOW_SERIES,
    POWER_NONNEGATIVE,
    STRONG_LAW_LOG_REFIT,
    SUM_SPLIT_LAST,
    TOTAL_VARIANCE,
    VARIANCE_FROM_MOMENTS,
    VARIANCE_OF_COMBINATION,
    Chi2Average,
    CondMean,
    CondVar,
    GrowthRate,
    instance,
)
from proofs.lemmas import Covariance as Cov
from proofs.lemmas import Expectation as E
from proofs.lemmas import Variance as Var
from proofs.smt import SmtResult, prove

# --- symbols -------------------------------------------------------------------------------
alpha = sp.Symbol("alpha", nonnegative=True)  # α_t ∈ [0, 1]; the upper bound is a hypothesis
alpha_c = sp.Symbol("alpha_c", positive=True)  # a constant α ∈ (0, 1]
alpha_p = alpha_c  # (older name)
a = sp.Symbol("a", positive=True)  # an upper bound on α_t
a2 = sp.Symbol("a'", positive=True)  # a later, smaller α
v = sp.Symbol("v_t", nonnegative=True)  # v_t = Var(μ_t − μ_P)
v0 = sp.Symbol("v_0", nonnegative=True)
vT = sp.Symbol("v_T", nonnegative=True)
s2 = sp.Symbol("s^2", positive=True)  # per-step noise variance
B = sp.Symbol("B", positive=True)  # a level the variance should exceed
t = sp.Symbol("t", integer=True, nonnegative=True)
tp = sp.Symbol("t", integer=True, positive=True)
k = sp.Symbol("k", integer=True, nonnegative=True)
j = sp.Symbol("j", integer=True, positive=True)
rho_t = sp.Symbol("r", nonnegative=True)  # stands for a power in [0, 1]
mu_t, mu_P, xi = sp.symbols("mu_t mu_P xi_t", real=True)
N = sp.Symbol("N", positive=True)  # samples per generation (N ≥ 2 as a hypothesis)
nt = sp.Symbol("N_t", positive=True)  # samples at generation t
sigma2 = sp.Symbol("sigma^2", positive=True)
sigma2_0 = sp.Symbol("sigma^2_0", positive=True)
sigma2_t = sp.Symbol("sigma^2_t", positive=True)
# degrees of freedom N − 1 of the χ² pivot: an integer ≥ 1 (N ≥ 2 samples)
kdf = sp.Symbol("k", integer=True, positive=True)
p_exp = sp.Symbol("p", positive=True)  # a moment order
X = sp.Symbol("X", positive=True)  # a χ²_k variable
x = sp.Symbol("x", positive=True)  # x = (N − 1)/2
tau = sp.Symbol("tau", positive=True)

_HALF = sp.Rational(1, 2)
_z = sp.Symbol("z", real=True)


def _induction(
    name: str, var: sp.Symbol, stmt: sp.Basic, base_steps: list[Step],
    step_steps: list[Step], hypotheses: tuple[sp.Basic, ...],
    base_hypotheses: tuple[sp.Basic, ...] = (), start: sp.Basic = sp.S.Zero,
) -> Induction:
    """``∀ var ≥ start: stmt`` from the steps of its base case and of its step (the step's
    derivation may use the ``Lambda`` hypotheses at ``var`` and the induction hypothesis)."""
    base = at(stmt, var, start)
    nxt = at(stmt, var, var + 1)
    rel = {sp.Equality: "=", sp.GreaterThan: ">=", sp.LessThan: "<="}[type(stmt)]
    step_hyps = tuple(h.expr if isinstance(h, sp.Lambda) else h for h in hypotheses)
    if start != 0:
        step_hyps = (*step_hyps, sp.Ge(var, start))
    return Induction(
        name, var, stmt,
        Derivation(f"base case {var} = {start}", base.lhs, base_steps,
                   goal=(base.lhs, rel, base.rhs), hypotheses=base_hypotheses),
        Derivation(f"step {var} → {var} + 1", nxt.lhs, step_steps,
                   goal=(nxt.lhs, rel, nxt.rhs), hypotheses=(*step_hyps, stmt)),
        start=start,
        hypotheses=hypotheses,
    )


# --- thm-4/recursion -----------------------------------------------------------------------

e_t = mu_t - mu_P  # the error of the model's mean
#: eq. 13 minus μ_P: μ_{t+1} − μ_P with μ_{t+1} = (1 − α)μ_t + αμ_P + ξ_t
EQ13_ERROR = (1 - alpha) * mu_t + alpha * mu_P + xi - mu_P
INDEPENDENT_NOISE = sp.Eq(Cov(e_t, xi), 0)


def error_recursion() -> Derivation:
    """μ_{t+1} − μ_P = (1 − α_t)(μ_t − μ_P) + ξ_t (eq. 13 written for the error)."""
    end = (1 - alpha) * e_t + xi
    return Derivation(
        "eq. 13 for the error e_t = μ_t − μ_P",
        EQ13_ERROR,
        [Step("=", end, Algebra(), "subtract μ_P and regroup")],
        goal=(EQ13_ERROR, "=", end),
    )


def variance_recursion(
    coefficient: sp.Basic | None = None, independent: bool = True
) -> Derivation:
    """Var(e_{t+1}) = (1 − α)² Var(e_t) + Var(ξ_t) when ξ_t is uncorrelated with e_t.

    ``coefficient`` overrides the factor in front of Var(e_t) and ``independent=False``
    drops the independence hypothesis (both for false-variant tests).
    """
    factor = (1 - alpha) ** 2 if coefficient is None else coefficient
    combo = instance(VARIANCE_OF_COMBINATION, a=1 - alpha, y=e_t, b=1, z_v=xi, r=mu_t)
    start = Var(EQ13_ERROR)
    end = factor * Var(e_t) + Var(xi)
    hyps = (sp.Le(alpha, 1), INDEPENDENT_NOISE) if independent else (sp.Le(alpha, 1),)
    return Derivation(
        "thm-4: variance recursion v_{t+1} = (1 − α_t)² v_t + s²",
        start,
        [
            Step("=", combo.lhs, Use(EQUAL_ARGUMENTS, bind={
                "g": sp.Lambda(_z, Var(_z)), "a": EQ13_ERROR, "b": combo.lhs.args[0]}),
                 "e_{t+1} = (1 − α)e_t + ξ_t by eq. 13"),
            Step("=", combo.rhs, Use(VARIANCE_OF_COMBINATION, bind={
                "a": 1 - alpha, "y": e_t, "b": 1, "z_v": xi, "r": mu_t}),
                 "variance of a linear combination"),
            Step("=", end, Smt(), "ξ_t independent of e_t: Cov(e_t, ξ_t) = 0"),
        ],
        goal=(start, "=", end),
        hypotheses=hyps,
    )


R_, S_ = sp.symbols("R S", real=True)  # sums of the real and of the synthetic draws
SAMPLE_MEAN_HYPOTHESES = (
    sp.Le(alpha, 1), sp.Eq(Cov(R_, S_), 0),
    sp.Eq(Var(R_), alpha * N * sigma2), sp.Eq(Var(S_), (1 - alpha) * N * sigma2),
)


def sample_mean_noise(real_share: sp.Basic | None = None) -> Derivation:
    """The sample-mean learner on αN real and (1−α)N synthetic draws: s² = σ²/N for every α.

    R and S are the sums of the real and the synthetic draws; all draws are independent with
    variance σ² (known and equal for both sources), so Var R = αNσ², Var S = (1−α)Nσ².
    ``real_share`` overrides the share used for Var R (false-variant tests).
    """
    share = alpha if real_share is None else real_share
    combo = instance(VARIANCE_OF_COMBINATION, a=1 / N, y=R_, b=1 / N, z_v=S_, r=R_)
    hyps = (*SAMPLE_MEAN_HYPOTHESES[:2], sp.Eq(Var(R_), share * N * sigma2),
            SAMPLE_MEAN_HYPOTHESES[3])
    return Derivation(
        "thm-4: sample-mean learner, s² = σ²/N whatever α",
        combo.lhs,
        [
            Step("=", combo.rhs, Use(VARIANCE_OF_COMBINATION, bind={
                "a": 1 / N, "y": R_, "b": 1 / N, "z_v": S_, "r": R_}),
                 "the mean of all N draws is R/N + S/N"),
            Step("=", sigma2 / N, Smt(),
                 "independent draws: Cov(R, S) = 0, Var R = αNσ², Var S = (1 − α)Nσ²"),
        ],
        goal=(combo.lhs, "=", sigma2 / N),
        hypotheses=hyps,
    )


def sample_mean_contraction() -> Derivation:
    """E[(R + S)/N | μ_t] = (1 − α)μ_t + αμ_P: the contraction factor of eq. 13 is 1 − α."""
    start = (alpha * N * mu_P + (1 - alpha) * N * mu_t) / N
    end = (1 - alpha) * mu_t + alpha * mu_P
    return Derivation(
        "thm-4: sample-mean learner, contraction factor 1 − α",
        start,
        [Step("=", end, Algebra(), "αN draws of mean μ_P and (1 − α)N of mean μ_t")],
        goal=(start, "=", end),
    )


w_seq = sp.Function("w")  # the drift variance when α = 0
v_seq = sp.Function("v")  # the drift variance for a constant α_c
RHO = (1 - alpha_c) ** 2
V_STAR = s2 / (alpha_c * (2 - alpha_c))
ALPHA_ZERO_RECURSION = sp.Lambda(t, sp.Eq(w_seq(t + 1), w_seq(t) + s2))
CONSTANT_RECURSION = sp.Lambda(t, sp.Eq(v_seq(t + 1), RHO * v_seq(t) + s2))


def alpha_zero_closed(steps: sp.Basic) -> sp.Basic:
    """w(0) + t s²."""
    return w_seq(0) + steps * s2


def constant_alpha_closed(steps: sp.Basic) -> sp.Basic:
    """v* + ρ^t (v(0) − v*) with ρ = (1 − α)² and v* = s²/(α(2 − α))."""
    return V_STAR + RHO**steps * (v_seq(0) - V_STAR)


def alpha_zero_induction(closed: sp.Basic | None = None) -> Induction:
    """α = 0: w(t) = w(0) + t s² by induction on t. ``closed`` replaces the closed form."""
    form = alpha_zero_closed(t) if closed is None else closed
    stmt = sp.Eq(w_seq(t), form)
    return _induction(
        "thm-4: α = 0 closed form by induction on t", t, stmt,
        [Step("=", at(stmt, t, 0).rhs, Algebra(), "0·s² = 0")],
        [
            Step("=", w_seq(t) + s2, Given(), "the recursion at t"),
            Step("=", form + s2, Smt(), "induction hypothesis"),
            Step("=", at(stmt, t, t + 1).rhs, Algebra(), "(w(0) + t s²) + s²"),
        ],
        (ALPHA_ZERO_RECURSION,),
    )


def constant_alpha_induction(closed: sp.Basic | None = None) -> Induction:
    """Constant α ∈ (0, 1]: v(t) = v* + ρ^t (v(0) − v*) by induction on t (symbolic t).

    ``closed`` replaces the closed form (false-variant tests).
    """
    form = constant_alpha_closed(t) if closed is None else closed
    stmt = sp.Eq(v_seq(t), form)
    return _induction(
        "thm-4: constant α closed form by induction on t", t, stmt,
        [Step("=", at(stmt, t, 0).rhs, Algebra(), "ρ^0 = 1")],
        [
            Step("=", RHO * v_seq(t) + s2, Given(), "the recursion at t"),
            Step("=", RHO * form + s2, Smt(), "induction hypothesis"),
            Step("=", at(stmt, t, t + 1).rhs, Algebra(),
                 "ρ·ρ^t = ρ^{t+1} and ρ v* + s² = v* since 1 − ρ = α(2 − α)"),
        ],
        (sp.Le(alpha_c, 1), CONSTANT_RECURSION),
    )


def constant_alpha_rate() -> Derivation:
    """0 ≤ ρ = (1 − α)² < 1 for α ∈ (0, 1], so ρ^t → 0 and v(t) → v* geometrically."""
    return Derivation(
        "thm-4: the contraction factor ρ = (1 − α)² is below 1",
        RHO,
        [Step("<", sp.Integer(1), Smt(), "0 < α ≤ 1")],
        goal=(RHO, "<", sp.Integer(1)),
        hypotheses=(sp.Le(alpha_c, 1),),
    )


#: thm-4/recursion: the variance recursion, the closed forms for α = 0 (induction) and for a
#: constant α (induction, with ρ < 1: geometric convergence to v*), and the sample-mean learner.
RECURSION_GOAL = Goal(
    sp.And(
        sp.Eq(Var(EQ13_ERROR), (1 - alpha) ** 2 * Var(e_t) + Var(xi)),
        sp.Eq(w_seq(t), alpha_zero_closed(t)),
        sp.Eq(v_seq(t), constant_alpha_closed(t)),
        sp.Lt(RHO, 1),
        sp.Eq(Var(R_ / N + S_ / N), sigma2 / N),
        sp.Eq((alpha * N * mu_P + (1 - alpha) * N * mu_t) / N, (1 - alpha) * mu_t + alpha * mu_P),
        evaluate=False,
    ),
    (alpha, alpha_c, mu_t, mu_P, xi, s2, t, N, sigma2, R_, S_),
    (sp.Le(alpha, 1), INDEPENDENT_NOISE, ALPHA_ZERO_RECURSION, sp.Le(alpha_c, 1),
     CONSTANT_RECURSION, *SAMPLE_MEAN_HYPOTHESES[1:]),
    "thm-4/recursion",
)


def recursion_proofs() -> list[Derivation | Induction]:
    """Everything thm-4/recursion's goal needs, in the goal's order."""
    return [variance_recursion(), alpha_zero_induction(), constant_alpha_induction(),
            constant_alpha_rate(), sample_mean_noise(), sample_mean_contraction()]


def one_step_z3() -> list[tuple[str, SmtResult]]:
    """Polynomial one-step facts of f(v) = (1 − α)² v + s² with α ∈ (0, 1]."""
    f = (1 - alpha_c) ** 2 * v + s2
    star = s2 / (alpha_c * (2 - alpha_c))
    hyps = [sp.Le(alpha_c, 1)]
    return [
        ("fixed point: f(v*) = v* for v* = s²/(α(2−α))",
         prove(sp.Eq(f.subs(v, star), star), hyps)),
        ("contraction: f(v) − v* = (1−α)²(v − v*)",
         prove(sp.Eq(f - star, (1 - alpha_c) ** 2 * (v - star)), hyps)),
        ("monotone approach from below: v ≤ v* ⇒ v ≤ f(v) ≤ v*",
         prove(sp.And(sp.Le(v, f), sp.Le(f, star)), [*hyps, sp.Le(v, star)])),
        ("monotone approach from above: v ≥ v* ⇒ v* ≤ f(v) ≤ v",
         prove(sp.And(sp.Le(star, f), sp.Le(f, v)), [*hyps, sp.Ge(v, star)])),
        ("α = 0: every step adds s² (no fixed point)",
         prove(sp.Eq(v + s2 - v, s2), [])),
    ]


# --- thm-4/divergence ----------------------------------------------------------------------

d_seq = sp.Function("v")  # the drift variance under a schedule α(k) ≤ a
A_seq = sp.Function("alpha")  # the schedule α(k), from the time it stays below a
DIVERGENCE_RECURSION = sp.Lambda(k, sp.Eq(d_seq(k + 1), (1 - A_seq(k)) ** 2 * d_seq(k) + s2))
DIVERGENCE_HYPOTHESES = (
    DIVERGENCE_RECURSION,
    sp.Lambda(k, sp.Ge(A_seq(k), 0)),
    sp.Lambda(k, sp.Le(A_seq(k), a)),
    sp.Le(a, 1),
    sp.Le(4 * a * B, s2),
    sp.Ge(d_seq(0), 0),
)


def divergence_bound(steps: sp.Basic, gain: sp.Basic = _HALF) -> sp.Basic:
    """min(B, k s²/2): the level the drift variance has reached after k steps."""
    return sp.Min(B, steps * s2 * gain)


#: thm-4/divergence: while α ≤ a with 4aB ≤ s², v_k ≥ min(B, k s²/2) for every k, so v_k ≥ B
#: from k = 2B/s² on; as α_t → 0 such a time exists for every B: v_t → ∞.
DIVERGENCE_GOAL = Goal(
    sp.Ge(d_seq(k), divergence_bound(k)),
    (a, B, s2, k),
    DIVERGENCE_HYPOTHESES,
    "thm-4/divergence",
)


def divergence_induction(gain: sp.Basic = _HALF, condition: sp.Basic | None = None) -> Induction:
    """v_k ≥ min(B, k·gain·s²) by induction on k. ``gain`` and ``condition`` (replacing
    4aB ≤ s²) are for false-variant tests."""
    hyps = DIVERGENCE_HYPOTHESES if condition is None else (
        *DIVERGENCE_HYPOTHESES[:4], condition, DIVERGENCE_HYPOTHESES[5])
    stmt = sp.Ge(d_seq(k), divergence_bound(k, gain))
    return _induction(
        "thm-4/divergence by induction on k", k, stmt,
        [Step(">=", at(stmt, k, 0).rhs, Given(), "a variance is nonnegative")],
        [
            Step("=", (1 - A_seq(k)) ** 2 * d_seq(k) + s2, Given(), "the recursion at k"),
            Step(">=", at(stmt, k, k + 1).rhs, Smt(),
                 "below B each step adds s² − α(2 − α)v ≥ s² − 2aB ≥ s²/2; at or above B "
                 "it stays above: (1 − α)²B + s² ≥ B"),
        ],
        hyps,
        base_hypotheses=(sp.Ge(d_seq(0), 0),),
    )


def _worst_case_condition(weaker: bool = False) -> sp.Basic:
    """a(2 − a)B ≤ s²/2 (the exact condition); ``weaker`` uses s² instead (false variant)."""
    return sp.Le(a * (2 - a) * B, s2 if weaker else s2 / 2)


def divergence_key_step(weaker: bool = False) -> Derivation:
    """If 0 ≤ v ≤ B, 0 ≤ α ≤ a ≤ 1 and a(2 − a)B ≤ s²/2, then v_{t+1} − v_t ≥ s²/2."""
    hyps = (sp.Le(alpha, a), sp.Le(a, 1), sp.Le(v, B), _worst_case_condition(weaker))
    start = (1 - alpha) ** 2 * v + s2 - v
    return Derivation(
        "thm-4: below B with α ≤ a, each step adds at least s²/2",
        start,
        [
            Step("=", s2 - alpha * (2 - alpha) * v, Algebra(), "expand (1 − α)² v − v"),
            Step(">=", s2 - a * (2 - a) * B, Smt(),
                 "α(2 − α) is increasing on [0, 1], so α(2 − α)v ≤ a(2 − a)B"),
            Step(">=", s2 / 2, Smt(), "the condition a(2 − a)B ≤ s²/2"),
        ],
        goal=(start, ">=", s2 / 2),
        hypotheses=hyps,
    )


def divergence_escape(steps_factor: int = 2) -> Derivation:
    """While v stays ≤ B it grows by s²/2 per step: v_{T+k} ≥ v_T + k s²/2 > B once k > 2B/s².

    ``steps_factor`` replaces the 2 in k > 2B/s² (false-variant tests).
    """
    hyps = (sp.Gt(k * s2, steps_factor * B),)
    start = vT + k * s2 / 2
    return Derivation(
        "thm-4: the variance must leave [0, B]",
        start,
        [Step(">", B, Smt(), "k > 2B/s² steps of at least s²/2 each")],
        goal=(start, ">", B),
        hypotheses=hyps,
    )


def divergence_z3() -> list[tuple[str, SmtResult]]:
    """z3: the key step, its exact condition (sufficient and necessary), and a valid choice of a."""
    f = (1 - alpha) ** 2 * v + s2
    region = [sp.Le(alpha, a), sp.Le(a, 1), sp.Le(v, B)]
    return [
        ("key step: v ≤ B, α ≤ a ≤ 1, a(2−a)B ≤ s²/2 ⇒ f(v) − v ≥ s²/2",
         prove(sp.Ge(f - v, s2 / 2), [*region, _worst_case_condition()])),
        ("stays above: v ≥ B, α ≤ a ≤ 1, a(2−a)B ≤ s²/2 ⇒ f(v) ≥ B",
         prove(sp.Ge(f, B), [sp.Le(alpha, a), sp.Le(a, 1), sp.Ge(v, B),
                             _worst_case_condition()])),
        ("necessity: the worst point v = B, α = a gains exactly s² − a(2−a)B",
         prove(sp.Eq(f.subs({v: B, alpha: a}) - B, s2 - a * (2 - a) * B), [])),
        ("necessity: if a(2−a)B > s²/2 the worst point gains less than s²/2",
         prove(sp.Lt(f.subs({v: B, alpha: a}) - B, s2 / 2),
               [sp.Le(a, 1), sp.Gt(a * (2 - a) * B, s2 / 2)])),
        ("a choice exists: 0 < a ≤ 1 and 4aB ≤ s² ⇒ a(2−a)B ≤ s²/2",
         prove(_worst_case_condition(), [sp.Le(a, 1), sp.Le(4 * a * B, s2)])),
        ("escape: k > 2B/s² steps of s²/2 take any v_T ≥ 0 above B",
         prove(sp.Gt(vT + k * s2 / 2, B), [sp.Gt(k * s2, 2 * B)])),
    ]


h_seq = sp.Function("h")  # the drift variance for α_t = 1/(t + 1)
HARMONIC_RECURSION = sp.Lambda(tp, sp.Eq(h_seq(tp + 1), (tp / (tp + 1)) ** 2 * h_seq(tp) + s2))


def _harmonic_v(steps: sp.Basic, denominator: int = 6) -> sp.Basic:
    return s2 * (steps + 1) * (2 * steps + 1) / (denominator * steps)


def harmonic_induction(denominator: int = 6) -> Induction:
    """α_t = 1/(t + 1): h(t) = s²(t+1)(2t+1)/(6t) for t ≥ 1 by induction, h(1) = s² (α_0 = 1).

    ``denominator`` replaces the 6 (false-variant tests).
    """
    stmt = sp.Eq(h_seq(tp), _harmonic_v(tp, denominator))
    return _induction(
        "thm-4: α_t = 1/(t+1) closed form by induction on t ≥ 1", tp, stmt,
        [Step("=", s2, Given(), "h(1) = (1 − α_0)² h(0) + s² = s² since α_0 = 1"),
         Step("=", at(stmt, tp, 1).rhs, Algebra(), "2·3/6 = 1")],
        [
            Step("=", (tp / (tp + 1)) ** 2 * h_seq(tp) + s2, Given(), "the recursion at t"),
            Step("=", (tp / (tp + 1)) ** 2 * stmt.rhs + s2, Smt(), "induction hypothesis"),
            Step("=", at(stmt, tp, tp + 1).rhs, Algebra(), "multiply through by (t + 1)²"),
        ],
        (HARMONIC_RECURSION, sp.Eq(h_seq(1), s2)),
        base_hypotheses=(sp.Eq(h_seq(1), s2),),
        start=sp.Integer(1),
    )


def harmonic_limit() -> dict[str, sp.Basic]:
    """v_1 from the recursion, and lim v_t/(t s²) = 1/3 for α_t = 1/(t + 1)."""
    tt = sp.Symbol("t", positive=True)
    return {
        "v1_from_recursion": sp.simplify((1 - sp.Integer(1)) ** 2 * v0 + s2),
        "v1_closed": sp.simplify(_harmonic_v(sp.Integer(1))),
        "ratio_limit": sp.limit(_harmonic_v(tt) / (tt * s2), tt, sp.oo),
        "alpha_limit": sp.limit(1 / (tt + 1), tt, sp.oo),
    }


# --- thm-4/as-stated: a constant-noise schedule with sublinear growth ----------------------

def sublinear_schedule_z3() -> list[tuple[str, SmtResult]]:
    """z3: with F(α) = s²/(α(2 − α)), v ≤ F(α_t) is invariant along a non-increasing schedule.

    So v_t ≤ F(α_t) ≤ s²/α_t for all t (v_0 = 0); with α_t = (t + 1)^{−1/2} that is
    v_t ≤ s²√(t + 1), sublinear although α_t → 0 and the noise is constant.
    """
    f = (1 - a) ** 2 * v + s2
    big_f = s2 / (a * (2 - a))
    return [
        ("invariant: v ≤ F(a), 0 < a ≤ 1 ⇒ f(v) ≤ F(a)",
         prove(sp.Le(f, big_f), [sp.Le(a, 1), sp.Le(v, big_f)])),
        ("F is non-increasing: 0 < a' ≤ a ≤ 1 ⇒ F(a) ≤ F(a')",
         prove(sp.Le(big_f, s2 / (a2 * (2 - a2))), [sp.Le(a2, a), sp.Le(a, 1)])),
        ("F(a) ≤ s²/a on (0, 1]", prove(sp.Le(big_f, s2 / a), [sp.Le(a, 1)])),
        ("start: v_0 = 0 ≤ F(α_0)", prove(sp.Le(0, big_f), [sp.Le(a, 1)])),
    ]


def sublinear_schedule_limit() -> dict[str, sp.Basic]:
    """α_t = (t+1)^{−1/2} → 0, and the bound s²√(t+1) is o(t)."""
    tt = sp.Symbol("t", positive=True)
    return {
        "alpha_limit": sp.limit(1 / sp.sqrt(tt + 1), tt, sp.oo),
        "bound_over_t": sp.limit(s2 * sp.sqrt(tt + 1) / tt, tt, sp.oo),
    }


# --- thm-4/support-diameter ----------------------------------------------------------------

lo, hi = sp.symbols("m M", real=True)
mean_x = sp.Symbol("mu", real=True)
mean_y = sp.Symbol("nu", real=True)
X_s = sp.Symbol("X", real=True)  # a random quantity on the support [m, M]
SUPPORT_HYPOTHESES = (
    sp.Lt(lo, hi), sp.Le(lo, X_s), sp.Le(X_s, hi),
    sp.Le(lo, mean_x), sp.Le(mean_x, hi), sp.Le(lo, mean_y), sp.Le(mean_y, hi),
)

#: thm-4/support-diameter: two means in [m, M] differ by at most d = M − m, and a random
#: quantity with values in [m, M] has variance at most d²/4 (Popoviciu).
SUPPORT_GOAL = Goal(
    sp.And(sp.Le(sp.Abs(mean_x - mean_y), hi - lo), sp.Le(Var(X_s), (hi - lo) ** 2 / 4),
           evaluate=False),
    (lo, hi, X_s, mean_x, mean_y),
    SUPPORT_HYPOTHESES,
    "thm-4/support-diameter",
)


def popoviciu(bound: sp.Basic | None = None) -> Derivation:
    """Var X ≤ (M − m)²/4 for X ∈ [m, M] (Popoviciu), via E[(X − m)(M − X)] ≥ 0.

    ``bound`` overrides the final constant (false-variant tests).
    """
    target = (hi - lo) ** 2 / 4 if bound is None else bound
    quad = -X_s**2 + (lo + hi) * X_s - lo * hi  # (X − m)(M − X), expanded
    nonneg = instance(EXPECTATION_NONNEGATIVE, y=quad)
    lin_bind = {"a": -1, "y": X_s**2, "b": lo + hi, "z_v": X_s, "c": -lo * hi, "r": X_s}
    linear = instance(EXPECTATION_LINEAR, **lin_bind)
    moments = instance(VARIANCE_FROM_MOMENTS, y=X_s)
    mu = E(X_s)
    return Derivation(
        "thm-4: Popoviciu's inequality Var X ≤ d²/4 on a support of diameter d = M − m",
        Var(X_s),
        [
            Step("=", moments.rhs, Use(VARIANCE_FROM_MOMENTS, bind={"y": X_s}),
                 "Var X = E X² − (E X)²"),
            Step("<=", (lo + hi) * mu - lo * hi - mu**2, Smt(facts=(
                (nonneg, Use(EXPECTATION_NONNEGATIVE, bind={"y": quad}, by=(Smt(),))),
                (linear, Use(EXPECTATION_LINEAR, bind=lin_bind)),
            )), "E[(X − m)(M − X)] ≥ 0 and linearity: E X² ≤ (m + M)E X − mM"),
            Step("=", (hi - mu) * (mu - lo), Algebra(), "factor"),
            Step("<=", target, Smt(), "AM–GM: (M − μ)(μ − m) ≤ ((M − m)/2)²"),
        ],
        goal=(Var(X_s), "<=", target),
        hypotheses=SUPPORT_HYPOTHESES[:3],
    )


def mean_error_bound(bound: sp.Basic | None = None) -> Derivation:
    """|μ − ν| ≤ M − m for two means in [m, M]."""
    target = hi - lo if bound is None else bound
    start = sp.Abs(mean_x - mean_y)
    return Derivation(
        "thm-4: two means on [m, M] differ by at most the diameter",
        start,
        [Step("<=", target, Smt(), "both lie in [m, M]")],
        goal=(start, "<=", target),
        hypotheses=(sp.Lt(lo, hi), *SUPPORT_HYPOTHESES[3:]),
    )


def popoviciu_z3(bound: sp.Basic | None = None) -> list[tuple[str, SmtResult]]:
    """z3: the mean error is at most d, the two-point case, and the moment form of Popoviciu."""
    target = (hi - lo) ** 2 / 4 if bound is None else bound
    y = sp.Symbol("y", real=True)
    pr = sp.Symbol("p", real=True)
    second = sp.Symbol("q", real=True)  # E[X²]
    box = [sp.Le(lo, mean_x), sp.Le(mean_x, hi)]
    two_point_var = pr * (1 - pr) * (hi - lo) ** 2
    return [
        ("|μ_t − μ_P| ≤ d for two means in [m, M]",
         prove(sp.Le(sp.Abs(mean_x - y), hi - lo), [*box, sp.Le(lo, y), sp.Le(y, hi)])),
        ("two-point law on {m, M}: p(1 − p)(M − m)² ≤ (M − m)²/4",
         prove(sp.Le(two_point_var, target), [sp.Le(0, pr), sp.Le(pr, 1)])),
        ("general: q ≤ (m + M)μ − mM ⇒ q − μ² ≤ (M − m)²/4",
         prove(sp.Le(second - mean_x**2, target),
               [*box, sp.Le(second, (lo + hi) * mean_x - lo * hi)])),
    ]


# --- thm-4/accumulation --------------------------------------------------------------------

m_prev, eta = sp.symbols("m_{t-1} eta_t", real=True)
# t earlier batches of mean m_{t−1} and one new batch (t ≥ 0: the same t as V(t) below, so the
# goal has one variable named t)
POOLED = (t * m_prev + (m_prev + eta)) / (t + 1)
POOLED_HYPOTHESES = (sp.Eq(Cov(m_prev, eta), 0), sp.Eq(Var(eta), sigma2 / N))
V_acc = sp.Function("V")  # Var(m_t − μ_P) under accumulation
C_ACC = sigma2 / N
ACCUMULATION_RECURSION = sp.Lambda(t, sp.Eq(V_acc(t + 1), V_acc(t) + C_ACC / (t + 2) ** 2))
_inv_square = sp.Lambda(j, 1 / j**2)


def _partial_sum(upper: sp.Basic) -> sp.Basic:
    return sp.Sum(1 / j**2, (j, 1, upper))


_zt = sp.Symbol("Z_t", real=True)  # the sum of the N_t centred fresh draws
REPLACE_HYPOTHESES = (sp.Eq(Cov(mu_t, _zt), 0), sp.Eq(Var(_zt), nt * sigma2))
_s = sp.Symbol("s", integer=True, nonnegative=True)
N_seq = sp.Function("N", positive=True)  # the sample size N_s at generation s
W_rep = sp.Function("W")  # Var μ_t in the α = 0 loop with sizes N_s
REPLACE_RECURSION = sp.Lambda(t, sp.Eq(W_rep(t + 1), W_rep(t) + sigma2 / N_seq(t)))
_inv_size = sp.Lambda(_s, sigma2 / N_seq(_s))


def _size_sum(upper: sp.Basic) -> sp.Basic:
    return sp.Sum(sigma2 / N_seq(_s), (_s, 0, upper))

#: thm-4/accumulation: the pooled mean moves by η_t/(t + 1), its variance grows by
#: (σ²/N)/(t + 1)², so V(t) = (σ²/N)Σ_{j≤t+1} 1/j² (induction) < (σ²/N)π²/6; and in the α = 0
#: loop with N_t draws, Var(μ_{t+1}) = Var(μ_t) + σ²/N_t.
ACCUMULATION_GOAL = Goal(
    sp.And(
        sp.Eq(POOLED, m_prev + eta / (t + 1)),
        sp.Eq(Var(POOLED), Var(m_prev) + C_ACC / (t + 1) ** 2),
        sp.Eq(V_acc(t), C_ACC * _partial_sum(t + 1)),
        sp.Lt(_partial_sum(t + 1), sp.pi**2 / 6),
        sp.Eq(Var(mu_t + _zt / nt), Var(mu_t) + sigma2 / nt),
        sp.Eq(W_rep(t), _size_sum(t - 1)),
        evaluate=False,
    ),
    (t, m_prev, eta, sigma2, N, mu_t, nt),
    (*POOLED_HYPOTHESES, ACCUMULATION_RECURSION, sp.Eq(V_acc(0), C_ACC), *REPLACE_HYPOTHESES,
     REPLACE_RECURSION, sp.Eq(W_rep(0), 0)),
    "thm-4/accumulation",
)


def accumulation_mean_update() -> Derivation:
    """Pooling: m_t = (t m_{t−1} + b_t)/(t + 1) with b_t = m_{t−1} + η_t is m_{t−1} + η_t/(t+1)."""
    end = m_prev + eta / (t + 1)
    return Derivation(
        "thm-4: accumulated mean after the t-th synthetic batch",
        POOLED,
        [Step("=", end, Algebra(), "t batches of mean m_{t−1}, one new batch b_t")],
        goal=(POOLED, "=", end),
    )


def accumulation_variance_step(claimed: sp.Basic | None = None) -> Derivation:
    """Var(m_t) = Var(m_{t−1}) + (σ²/N)/(t+1)² with η_t independent of the past.

    ``claimed`` replaces the added term (false-variant tests).
    """
    bind = {"a": 1, "y": m_prev, "b": 1 / (t + 1), "z_v": eta, "r": eta}
    combo = instance(VARIANCE_OF_COMBINATION, **bind)
    end = Var(m_prev) + (C_ACC / (t + 1) ** 2 if claimed is None else claimed)
    return Derivation(
        "thm-4: accumulation, variance recursion",
        Var(POOLED),
        [
            Step("=", combo.lhs, Use(EQUAL_ARGUMENTS, bind={
                "g": sp.Lambda(_z, Var(_z)), "a": POOLED, "b": combo.lhs.args[0]}),
                 "the pooled mean is m_{t−1} + η_t/(t + 1)"),
            Step("=", combo.rhs, Use(VARIANCE_OF_COMBINATION, bind=bind), "expand"),
            Step("=", end, Smt(),
                 "η_t is the mean of N fresh draws: independent (Cov = 0), variance σ²/N"),
        ],
        goal=(Var(POOLED), "=", end),
        hypotheses=POOLED_HYPOTHESES,
    )


def accumulation_induction(closed: sp.Basic | None = None) -> Induction:
    """V(t) = (σ²/N)Σ_{j≤t+1} 1/j² by induction on t (V(0) = σ²/N: N real draws).

    ``closed`` replaces the closed form (false-variant tests).
    """
    form = C_ACC * _partial_sum(t + 1) if closed is None else closed
    stmt = sp.Eq(V_acc(t), form)
    split_bind = {"u": C_ACC, "g": _inv_square, "i": j, "lo": 1, "hi": t + 1}
    split = instance(SUM_SPLIT_LAST, **split_bind)
    return _induction(
        "thm-4: accumulation closed form by induction on t", t, stmt,
        [Step("=", C_ACC, Given(), "V(0) = σ²/N: the N real draws"),
         Step("=", at(stmt, t, 0).rhs, Algebra(), "Σ_{j≤1} 1/j² = 1")],
        [
            Step("=", V_acc(t) + C_ACC / (t + 2) ** 2, Given(), "the recursion at t"),
            Step("=", split.lhs if closed is None else form + C_ACC / (t + 2) ** 2, Smt(),
                 "induction hypothesis"),
            Step("=", at(stmt, t, t + 1).rhs,
                 Use(SUM_SPLIT_LAST, bind=split_bind) if closed is None else Algebra(),
                 "the sum gains its next term 1/(t + 2)²"),
        ],
        (ACCUMULATION_RECURSION, sp.Eq(V_acc(0), C_ACC)),
        base_hypotheses=(sp.Eq(V_acc(0), C_ACC),),
    )


def accumulation_bound(claimed: sp.Basic | None = None) -> Derivation:
    """Σ_{j≤t+1} 1/j² < Σ_{j≥1} 1/j² = π²/6 (a partial sum of positive terms), so the drift
    variance (σ²/N)Σ_{j≤t+1} 1/j² stays below (σ²/N)π²/6.

    ``claimed`` replaces π²/6 (false-variant tests).
    """
    total = sp.pi**2 / 6 if claimed is None else claimed
    below_bind = {"u": 1, "g": _inv_square, "i": j, "lo": 1, "hi": t + 1}
    below = instance(PARTIAL_SUM_BELOW_SERIES, **below_bind)
    start = _partial_sum(t + 1)
    return Derivation(
        "thm-4: accumulation keeps the drift variance below (σ²/N)π²/6",
        start,
        [
            Step("<", below.rhs, Use(PARTIAL_SUM_BELOW_SERIES, bind=below_bind,
                                     by=(Algebra(), Smt(), Algebra())),
                 "the tail Σ_{j>t+1} 1/j² is positive"),
            Step("=", total, Algebra(), "the Basel sum Σ_{j≥1} 1/j² = π²/6 (sympy)"),
        ],
        goal=(start, "<", total),
    )


def replace_varying_n_step(claimed: sp.Basic | None = None) -> Derivation:
    """α = 0 replace loop with sizes N_t: Var(μ_{t+1}) = Var(μ_t) + σ²/N_t.

    ``claimed`` replaces the added term σ²/N_t (false-variant tests).
    """
    bind = {"a": 1, "y": mu_t, "b": 1 / nt, "z_v": _zt, "r": _zt}
    combo = instance(VARIANCE_OF_COMBINATION, **bind)
    end = Var(mu_t) + (sigma2 / nt if claimed is None else claimed)
    return Derivation(
        "thm-4: α = 0 sample-mean loop with N_t draws, Var(μ_{t+1}) = Var(μ_t) + σ²/N_t",
        combo.lhs,
        [
            Step("=", combo.rhs, Use(VARIANCE_OF_COMBINATION, bind=bind),
                 "μ_{t+1} = μ_t + Z_t/N_t"),
            Step("=", end, Smt(), "fresh draws: Cov(μ_t, Z_t) = 0 and Var Z_t = N_t σ²"),
        ],
        goal=(combo.lhs, "=", end),
        hypotheses=REPLACE_HYPOTHESES,
    )


def replace_varying_n_induction(closed: sp.Basic | None = None) -> Induction:
    """Var μ_t = σ² Σ_{s<t} 1/N_s by induction on t (Var μ_0 = 0): unbounded iff Σ 1/N_s = ∞.

    ``closed`` replaces the closed form (false-variant tests).
    """
    form = _size_sum(t - 1) if closed is None else closed
    stmt = sp.Eq(W_rep(t), form)
    split_bind = {"u": 1, "g": _inv_size, "i": _s, "lo": 0, "hi": t - 1}
    split = instance(SUM_SPLIT_LAST, **split_bind)
    return _induction(
        "thm-4: α = 0 loop with sizes N_s, Var μ_t = σ² Σ_{s<t} 1/N_s by induction on t",
        t, stmt,
        [Step("=", sp.Integer(0), Given(), "Var μ_0 = 0"),
         Step("=", at(stmt, t, 0).rhs, Algebra(), "the empty sum")],
        [
            Step("=", W_rep(t) + sigma2 / N_seq(t), Given(), "the recursion at t"),
            Step("=", split.lhs if closed is None else form + sigma2 / N_seq(t), Smt(),
                 "induction hypothesis"),
            Step("=", at(stmt, t, t + 1).rhs,
                 Use(SUM_SPLIT_LAST, bind=split_bind) if closed is None else Algebra(),
                 "the sum gains its next term σ²/N_t"),
        ],
        (REPLACE_RECURSION, sp.Eq(W_rep(0), 0)),
        base_hypotheses=(sp.Eq(W_rep(0), 0),),
    )


def accumulation_proofs() -> list[Derivation | Induction]:
    """Everything thm-4/accumulation's goal needs, in the goal's order."""
    return [accumulation_mean_update(), accumulation_variance_step(), accumulation_induction(),
            accumulation_bound(), replace_varying_n_step(), replace_varying_n_induction()]


def accumulation_rational_bound_z3() -> SmtResult:
    """z3: S_m ≤ 2 − 1/m ⇒ S_m + 1/(m+1)² ≤ 2 − 1/(m+1) (telescoping, m ≥ 1)."""
    mm = sp.Symbol("m", positive=True)
    ss = sp.Symbol("S_m", positive=True)
    return prove(sp.Le(ss + 1 / (mm + 1) ** 2, 2 - 1 / (mm + 1)),
                 [sp.Ge(mm, 1), sp.Le(ss, 2 - 1 / mm)])


def accumulation_real_share_limit() -> sp.Basic:
    """The real share 1/(t + 1) of the accumulated data tends to 0."""
    tt = sp.Symbol("t", positive=True)
    return sp.limit(1 / (tt + 1), tt, sp.oo)


def replace_varying_n_examples() -> dict[str, sp.Basic]:
    """N_s = s + 1: Σ_{s<t} 1/N_s = H_t → ∞ like ln t; N_s = (s + 1)²: Σ → π²/6 (bounded).

    The sums are taken over n = s + 1 = 1..t, where sympy recognises the harmonic numbers.
    """
    tt = sp.Symbol("t", integer=True, positive=True)
    n = sp.Symbol("n", integer=True, positive=True)
    lin = sp.summation(1 / n, (n, 1, tt))
    sq = sp.summation(1 / n**2, (n, 1, tt))
    return {
        "linear_sum": lin,
        "linear_limit": sp.limit(lin, tt, sp.oo),
        "linear_over_log": sp.limit(lin / sp.log(tt), tt, sp.oo),
        "square_sum": sq,
        "square_limit": sp.limit(sq, tt, sp.oo),
    }


# --- thm-4/gaussian-estimators -------------------------------------------------------------

mu_next = sp.Symbol("mu_{t+1}", real=True)
REFIT_HYPOTHESES = (sp.Eq(CondMean(mu_next), mu_t), sp.Eq(CondVar(mu_next), sigma2_t / N))
U_seq = sp.Function("V_u")  # Var μ_t, unbiased refit (E σ²_t = σ²_0)
M_seq = sp.Function("V_m")  # Var μ_t, mle refit (E σ²_t = (1 − 1/N)^t σ²_0)
_q = 1 - 1 / N
UNBIASED_RECURSION = sp.Lambda(t, sp.Eq(U_seq(t + 1), U_seq(t) + sigma2_0 / N))
MLE_RECURSION = sp.Lambda(t, sp.Eq(M_seq(t + 1), M_seq(t) + _q**t * sigma2_0 / N))

#: thm-4/gaussian-estimators: the law of total variance for the refit step; Var μ_t = tσ²_0/N
#: (unbiased) and σ²_0(1 − (1 − 1/N)^t) ≤ σ²_0 (mle), both by induction from Var μ_0 = 0.
ESTIMATORS_GOAL = Goal(
    sp.And(
        sp.Eq(Var(mu_next), E(sigma2_t) / N + Var(mu_t)),
        sp.Eq(U_seq(t), t * sigma2_0 / N),
        sp.Eq(M_seq(t), sigma2_0 * (1 - _q**t)),
        sp.Le(sigma2_0 * (1 - _q**t), sigma2_0),
        evaluate=False,
    ),
    (mu_t, sigma2_t, sigma2_0, N, t),
    (*REFIT_HYPOTHESES, sp.Ge(N, 2), UNBIASED_RECURSION, sp.Eq(U_seq(0), 0), MLE_RECURSION,
     sp.Eq(M_seq(0), 0)),
    "thm-4/gaussian-estimators",
)


def refit_total_variance(claimed: sp.Basic | None = None) -> Derivation:
    """Law of total variance: Var μ_{t+1} = E[σ²_t]/N + Var μ_t for the refit loop (α = 0).

    Given the past, μ_{t+1} is the mean of N draws from N(μ_t, σ²_t): conditional mean μ_t,
    conditional variance σ²_t/N (the hypotheses). ``claimed`` replaces the right side.
    """
    rhs = E(sigma2_t) / N + Var(mu_t) if claimed is None else claimed
    tv = instance(TOTAL_VARIANCE, y=mu_next)
    same_var = instance(EQUAL_ARGUMENTS, g=sp.Lambda(_z, E(_z)), a=CondVar(mu_next),
                        b=sigma2_t / N)
    same_mean = instance(EQUAL_ARGUMENTS, g=sp.Lambda(_z, Var(_z)), a=CondMean(mu_next),
                         b=mu_t)
    lin_bind = {"a": 1 / N, "y": sigma2_t, "b": 0, "z_v": 0, "c": 0, "r": sigma2_t}
    linear = instance(EXPECTATION_LINEAR, **lin_bind)
    return Derivation(
        "thm-4: refit loop, Var μ_{t+1} = E[σ²_t]/N + Var μ_t",
        Var(mu_next),
        [
            Step("=", tv.rhs, Use(TOTAL_VARIANCE, bind={"y": mu_next}),
                 "condition on generation t"),
            Step("=", E(sigma2_t / N) + Var(mu_t), Smt(facts=(
                (same_var, Use(EQUAL_ARGUMENTS, bind={
                    "g": sp.Lambda(_z, E(_z)), "a": CondVar(mu_next), "b": sigma2_t / N},
                    by=(Given(),))),
                (same_mean, Use(EQUAL_ARGUMENTS, bind={
                    "g": sp.Lambda(_z, Var(_z)), "a": CondMean(mu_next), "b": mu_t},
                    by=(Given(),))),
            )), "conditional variance σ²_t/N and conditional mean μ_t"),
            Step("=", rhs, Smt(facts=((linear, Use(EXPECTATION_LINEAR, bind=lin_bind)),)),
                 "E[σ²_t/N] = E[σ²_t]/N"),
        ],
        goal=(Var(mu_next), "=", rhs),
        hypotheses=REFIT_HYPOTHESES,
    )


def unbiased_mean_variance_induction(closed: sp.Basic | None = None) -> Induction:
    """Unbiased refit: Var μ_t = tσ²_0/N by induction (each step adds E[σ²_t]/N = σ²_0/N)."""
    form = t * sigma2_0 / N if closed is None else closed
    stmt = sp.Eq(U_seq(t), form)
    return _induction(
        "thm-4: unbiased refit, Var μ_t = t σ²_0/N by induction on t", t, stmt,
        [Step("=", at(stmt, t, 0).rhs, Given(), "Var μ_0 = 0")],
        [
            Step("=", U_seq(t) + sigma2_0 / N, Given(), "the recursion at t"),
            Step("=", form + sigma2_0 / N, Smt(), "induction hypothesis"),
            Step("=", at(stmt, t, t + 1).rhs, Algebra(), "collect"),
        ],
        (UNBIASED_RECURSION, sp.Eq(U_seq(0), 0)),
        base_hypotheses=(sp.Eq(U_seq(0), 0),),
    )


def mle_mean_variance_induction(closed: sp.Basic | None = None) -> Induction:
    """MLE refit: Var μ_t = σ²_0(1 − (1 − 1/N)^t) by induction (steps add (1 − 1/N)^t σ²_0/N)."""
    form = sigma2_0 * (1 - _q**t) if closed is None else closed
    stmt = sp.Eq(M_seq(t), form)
    return _induction(
        "thm-4: mle refit, Var μ_t = σ²_0(1 − (1 − 1/N)^t) by induction on t", t, stmt,
        [Step("=", at(stmt, t, 0).rhs, Given(), "Var μ_0 = 0 = σ²_0(1 − 1)")],
        [
            Step("=", M_seq(t) + _q**t * sigma2_0 / N, Given(), "the recursion at t"),
            Step("=", form + _q**t * sigma2_0 / N, Smt(), "induction hypothesis"),
            Step("=", at(stmt, t, t + 1).rhs, Algebra(), "σ²_0 q^t (1/N − 1) = −σ²_0 q^{t+1}"),
        ],
        (sp.Ge(N, 2), MLE_RECURSION, sp.Eq(M_seq(0), 0)),
        base_hypotheses=(sp.Eq(M_seq(0), 0),),
    )


def mle_mean_variance_bounded(bound: sp.Basic | None = None) -> Derivation:
    """σ²_0(1 − (1 − 1/N)^t) ≤ σ²_0: the power is ≥ 0, so the mle drift variance is bounded."""
    target = sigma2_0 if bound is None else bound
    start = sigma2_0 * (1 - _q**t)
    power = (sp.Ge(_q**t, 0), Use(POWER_NONNEGATIVE, by=(Smt(),)))
    return Derivation(
        "thm-4: mle refit, Var μ_t ≤ σ²_0",
        start,
        [Step("<=", target, Smt(facts=(power,)), "(1 − 1/N)^t ≥ 0 for N ≥ 2")],
        goal=(start, "<=", target),
        hypotheses=(sp.Ge(N, 2),),
    )


def estimators_proofs() -> list[Derivation | Induction]:
    """Everything thm-4/gaussian-estimators' goal needs, in the goal's order."""
    return [refit_total_variance(), unbiased_mean_variance_induction(),
            mle_mean_variance_induction(), mle_mean_variance_bounded()]


# --- thm-2/gaussian ------------------------------------------------------------------------

# The refit with N = k + 1 samples: σ²_{t+1} = σ²_t X/d with X ~ χ²_k independent of the past,
# d = N = k + 1 for the mle and d = N − 1 = k for the unbiased fit. Everything below is written
# in the integer k ≥ 1 (N ≥ 2), so that sympy knows the Gamma arguments are positive.
n_of_k = kdf + 1
Xc = CHI2_X


def _chi2(expr: sp.Basic) -> sp.Basic:
    return Chi2Average(expr, Xc, kdf)


def _moment(p: sp.Basic) -> sp.Basic:
    return 2**p * sp.gamma(kdf / 2 + p) / sp.gamma(kdf / 2)


def _chi2_density() -> sp.Basic:
    return Xc ** (kdf / 2 - 1) * sp.exp(-Xc / 2) / (2 ** (kdf / 2) * sp.gamma(kdf / 2))


def _substitute(g: sp.Lambda, a_: sp.Basic, b_: sp.Basic, by: object) -> tuple[sp.Basic, Use]:
    """g(b) and the step g(a) = g(b) as an instance of EQUAL_ARGUMENTS, a = b justified by
    ``by``."""
    return g(b_), Use(EQUAL_ARGUMENTS, bind={"g": g, "a": a_, "b": b_}, by=(by,))


def _moment_use(p: sp.Basic) -> Use:
    return Use(CHI2_MOMENT, bind={"p": p, "k": kdf}, by=(Smt(),))


_LOG_MEAN = Use(CHI2_LOG_MEAN, bind={"k": kdf})


A_N = sp.sqrt(2 / n_of_k) * sp.gamma(n_of_k / 2) / sp.gamma(kdf / 2)  # a(N)
S_mle = sp.Function("S")  # E σ²_t, mle refit
R_mle = sp.Function("R")  # E σ_t, mle refit
MLE_TOWER = sp.Lambda(t, sp.Eq(S_mle(t + 1), kdf / n_of_k * S_mle(t)))
SIGMA_TOWER = sp.Lambda(t, sp.Eq(R_mle(t + 1), A_N * R_mle(t)))
_ratio = sp.Symbol("R", positive=True)  # σ²_{t+1}/σ²_t


def _entropy(var: sp.Basic) -> sp.Basic:
    return _HALF * sp.log(2 * sp.pi * sp.E * var)


D_UNBIASED = sp.digamma(kdf / 2) + sp.log(2 / kdf)  # d(N), the unbiased log-variance drift
D_MLE = sp.digamma(kdf / 2) + sp.log(2 / n_of_k)  # the mle log-variance drift

#: thm-2/gaussian (k = N − 1 ≥ 1): the χ² moments; the mle factor (N−1)/N of E σ²_t and a(N)
#: of E σ_t, with their closed forms by induction (the tower property as the recursion); the
#: entropy change ½ ln R and its mean ½(ψ(k/2) + ln(2/N)); the unbiased martingale; d(N) <
#: −1/(N−1), the mle drift < 0, and the almost-sure rate of ln σ²_t below −1/(N−1).
GAUSSIAN_GOAL = Goal(
    sp.And(
        sp.Eq(_chi2(Xc**p_exp), _moment(p_exp)),
        sp.Eq(sigma2_t * _chi2(Xc) / n_of_k, kdf / n_of_k * sigma2_t),
        sp.Eq(S_mle(t), (kdf / n_of_k) ** t * sigma2_0),
        sp.Eq(sp.sqrt(sigma2_t) * _chi2(sp.sqrt(Xc)) / sp.sqrt(n_of_k), A_N * sp.sqrt(sigma2_t)),
        sp.Eq(R_mle(t), A_N**t * sp.sqrt(sigma2_0)),
        sp.Eq(_entropy(sigma2_t * _ratio) - _entropy(sigma2_t), _HALF * sp.log(_ratio)),
        sp.Eq(_chi2(_HALF * sp.log(Xc / n_of_k)), _HALF * D_MLE),
        sp.Eq(sigma2_t * _chi2(Xc) / kdf, sigma2_t),
        sp.Lt(D_UNBIASED, -1 / kdf),
        sp.Lt(D_MLE, 0),
        sp.Lt(GrowthRate(kdf), -1 / kdf),
        evaluate=False,
    ),
    (kdf, p_exp, sigma2_t, sigma2_0, t, _ratio),
    (MLE_TOWER, sp.Eq(S_mle(0), sigma2_0), SIGMA_TOWER, sp.Eq(R_mle(0), sp.sqrt(sigma2_0))),
    "thm-2/gaussian",
)


def chi2_moments(claimed: sp.Basic | None = None) -> Derivation:
    """E[X^p] = 2^p Γ(k/2 + p)/Γ(k/2) for X ~ χ²_k (the schema, the Gamma integral)."""
    target = _moment(p_exp) if claimed is None else claimed
    start = _chi2(Xc**p_exp)
    return Derivation(
        "thm-2/gaussian: moments of χ²_k",
        start,
        [Step("=", target, Use(CHI2_MOMENT, bind={"p": p_exp, "k": kdf}, by=(Smt(),)),
              "the Gamma integral against the χ²_k density")],
        goal=(start, "=", target),
    )


def chi2_integral() -> dict[str, sp.Basic]:
    """sympy's value of ∫_0^∞ x^p f_k(x) dx, the moment the schema states."""
    return {"integral": sp.integrate(Xc**p_exp * _chi2_density(), (Xc, 0, sp.oo)),
            "moment": _moment(p_exp)}


def chi2_log_moment() -> dict[str, sp.Basic]:
    """E[X] = k, E√X = √2 Γ((k+1)/2)/Γ(k/2), E ln X = ψ(k/2) + ln 2, Var ln X = ψ'(k/2).

    The log moments are the first two derivatives of p ↦ E[X^p] at p = 0.
    """
    m = _moment(p_exp)
    d1 = sp.diff(m, p_exp).subs(p_exp, 0)
    d2 = sp.diff(m, p_exp, 2).subs(p_exp, 0)
    return {
        "mean": sp.gammasimp(_moment(sp.Integer(1))),
        "sqrt_mean": sp.simplify(_moment(_HALF)),
        "log_mean": sp.simplify(d1),
        "log_variance": sp.simplify(d2 - d1**2),
    }


def gaussian_mle_sigma2(factor: sp.Basic | None = None) -> list[Derivation | Induction]:
    """MLE: E[σ²_{t+1} | σ_t] = σ²_t E[X]/N = (N−1)/N σ²_t, hence E[σ²_t] = ((N−1)/N)^t σ²_0.

    ``factor`` overrides the claimed one-step factor (false-variant tests).
    """
    claimed = kdf / n_of_k if factor is None else factor
    start = sigma2_t * _chi2(Xc) / n_of_k
    step = Derivation(
        "thm-2/gaussian: mle, E[σ²_{t+1} | σ_t] = (N − 1)/N σ²_t (k = N − 1)",
        start,
        [
            Step("=", *_substitute(sp.Lambda(_z, sigma2_t * _z / n_of_k), _chi2(Xc),
                                   _moment(sp.Integer(1)), _moment_use(sp.Integer(1))),
                 "E X = 2Γ(k/2 + 1)/Γ(k/2)"),
            Step("=", claimed * sigma2_t, Algebra(), "Γ(k/2 + 1) = (k/2)Γ(k/2)"),
        ],
        goal=(start, "=", claimed * sigma2_t),
    )
    stmt = sp.Eq(S_mle(t), (kdf / n_of_k) ** t * sigma2_0)
    induction = _induction(
        "thm-2/gaussian: mle, E[σ²_t] = ((N − 1)/N)^t σ²_0 by induction on t", t, stmt,
        [Step("=", at(stmt, t, 0).rhs, Given(), "E σ²_0 = σ²_0")],
        [
            Step("=", kdf / n_of_k * S_mle(t), Given(), "tower property: E σ²_{t+1} = "
                 "E[E[σ²_{t+1} | σ_t]]"),
            Step("=", kdf / n_of_k * stmt.rhs, Smt(), "induction hypothesis"),
            Step("=", at(stmt, t, t + 1).rhs, Algebra(), "collect the power"),
        ],
        (MLE_TOWER, sp.Eq(S_mle(0), sigma2_0)),
        base_hypotheses=(sp.Eq(S_mle(0), sigma2_0),),
    )
    return [step, induction]


def gaussian_sigma_factor() -> list[Derivation | Induction]:
    """E[σ_{t+1} | σ_t] = σ_t E√X/√N = a(N) σ_t, a(N) = √(2/N) Γ(N/2)/Γ((N − 1)/2).

    Then E[σ_t] = a(N)^t σ_0 by induction (the tower property as the recursion).
    """
    start = sp.sqrt(sigma2_t) * _chi2(sp.sqrt(Xc)) / sp.sqrt(n_of_k)
    end = A_N * sp.sqrt(sigma2_t)
    stmt = sp.Eq(R_mle(t), A_N**t * sp.sqrt(sigma2_0))
    return [
        Derivation(
            "thm-2/gaussian: mle, E[σ_{t+1} | σ_t] = a(N) σ_t (k = N − 1)",
            start,
            [
                Step("=", *_substitute(sp.Lambda(_z, sp.sqrt(sigma2_t) * _z / sp.sqrt(n_of_k)),
                                       _chi2(sp.sqrt(Xc)), _moment(_HALF), _moment_use(_HALF)),
                     "E√X = √2 Γ((k + 1)/2)/Γ(k/2)"),
                Step("=", end, Algebra(), "regroup √2/√N"),
            ],
            goal=(start, "=", end),
        ),
        _induction(
            "thm-2/gaussian: mle, E[σ_t] = a(N)^t σ_0 by induction on t", t, stmt,
            [Step("=", at(stmt, t, 0).rhs, Given(), "E σ_0 = σ_0")],
            [
                Step("=", A_N * R_mle(t), Given(), "tower property"),
                Step("=", *_substitute(sp.Lambda(_z, A_N * _z), R_mle(t), stmt.rhs, Given()),
                     "induction hypothesis"),
                Step("=", at(stmt, t, t + 1).rhs, Algebra(), "collect the power"),
            ],
            (SIGMA_TOWER, sp.Eq(R_mle(0), sp.sqrt(sigma2_0))),
            base_hypotheses=(sp.Eq(R_mle(0), sp.sqrt(sigma2_0)),),
        ),
    ]


def gaussian_entropy_drift(claimed: sp.Basic | None = None) -> list[Derivation]:
    """E[H(σ²_{t+1}) − H(σ²_t) | σ_t] = ½(ψ((N−1)/2) + ln(2/N)) for the mle refit.

    H(σ²) = ½ ln(2πeσ²), so the change is ½ ln R with R = σ²_{t+1}/σ²_t = X/N.
    ``claimed`` replaces the drift (false-variant tests).
    """
    target = _HALF * D_MLE if claimed is None else claimed
    diff = _entropy(sigma2_t * _ratio) - _entropy(sigma2_t)
    change = Derivation(
        "thm-2/gaussian: the entropy change is half the log-variance change",
        diff,
        [Step("=", _HALF * sp.log(_ratio), Algebra(), "H = ½ ln(2πe σ²)")],
        goal=(diff, "=", _HALF * sp.log(_ratio)),
    )
    start = _chi2(_HALF * sp.log(Xc / n_of_k))
    split = _HALF * sp.log(Xc) - _HALF * sp.log(n_of_k)
    lin_bind = {"a": _HALF, "g": sp.Lambda(Xc, sp.log(Xc)), "c": -_HALF * sp.log(n_of_k),
                "k": kdf}
    lin = instance(CHI2_LINEAR, **lin_bind)
    expectation = Derivation(
        "thm-2/gaussian: mle, expected entropy change ½(ψ((N−1)/2) + ln(2/N))",
        start,
        [
            Step("=", lin.lhs, Use(EQUAL_ARGUMENTS, bind={
                "g": sp.Lambda(_z, _chi2(_z)), "a": _HALF * sp.log(Xc / n_of_k), "b": split}),
                 "½ ln(X/N) = ½ ln X − ½ ln N"),
            Step("=", lin.rhs, Use(CHI2_LINEAR, bind=lin_bind), "linearity"),
            Step("=", *_substitute(sp.Lambda(_z, _HALF * _z - _HALF * sp.log(n_of_k)),
                                   _chi2(sp.log(Xc)), sp.digamma(kdf / 2) + sp.log(2),
                                   _LOG_MEAN), "E ln X = ψ(k/2) + ln 2"),
            Step("=", target, Algebra(), "ln 2 − ln N = ln(2/N)"),
        ],
        goal=(start, "=", target),
    )
    return [change, expectation]


def gaussian_unbiased_martingale() -> Derivation:
    """Unbiased: E[σ²_{t+1} | σ_t] = σ²_t E[X]/(N − 1) = σ²_t (a martingale)."""
    start = sigma2_t * _chi2(Xc) / kdf
    return Derivation(
        "thm-2/gaussian: unbiased refit, E[σ²_{t+1} | σ_t] = σ²_t (k = N − 1)",
        start,
        [
            Step("=", *_substitute(sp.Lambda(_z, sigma2_t * _z / kdf), _chi2(Xc),
                                   _moment(sp.Integer(1)), _moment_use(sp.Integer(1))),
                 "E X = 2Γ(k/2 + 1)/Γ(k/2)"),
            Step("=", sigma2_t, Algebra(), "E X = k = N − 1"),
        ],
        goal=(start, "=", sigma2_t),
    )


_BINET = Use(DIGAMMA_BINET, bind={"x": kdf / 2})  # ψ(k/2) − ln(k/2) < −1/k


def log_drift_negative(c: sp.Basic = _HALF) -> Derivation:
    """d(N) = ψ((N−1)/2) + ln(2/(N−1)) < −1/(N−1) for every N ≥ 2 (k = N − 1 ≥ 1).

    ``c`` replaces the 1/2 of the digamma bound (false-variant tests).
    """
    return Derivation(
        "thm-2/gaussian: the unbiased log-variance drift d(N) < −1/(N − 1)",
        D_UNBIASED,
        [
            Step("=", sp.digamma(kdf / 2) - sp.log(kdf / 2), Algebra(),
                 "ln(2/k) = −ln(k/2): d = ψ(x) − ln x with x = k/2"),
            Step("<", -2 * c / kdf, _BINET, "ψ(x) − ln x < −1/(2x) = −1/k"),
        ],
        goal=(D_UNBIASED, "<", -2 * c / kdf),
    )


def mle_log_drift_negative() -> Derivation:
    """The mle log-variance drift ψ((N−1)/2) + ln(2/N) = d(N) + ln((N−1)/N) is negative too."""
    ratio = kdf / n_of_k
    return Derivation(
        "thm-2/gaussian: the mle log-variance drift is negative for every N ≥ 2",
        D_MLE,
        [
            Step("=", sp.digamma(kdf / 2) - sp.log(kdf / 2) + sp.log(ratio), Algebra(),
                 "ln(2/N) = −ln(k/2) + ln(k/N) with k = N − 1"),
            Step("<", -1 / kdf + sp.log(ratio), Use(ADD_TO_BOTH_SIDES, bind={
                "a": sp.digamma(kdf / 2) - sp.log(kdf / 2), "b": -1 / kdf, "c": sp.log(ratio)},
                by=(_BINET,)), "ψ(x) − ln x < −1/(2x), plus ln((N − 1)/N)"),
            Step("<", -1 / kdf, Algebra(), "ln((N − 1)/N) < 0 (sympy: the ratio is in (0, 1))"),
            Step("<", sp.Integer(0), Algebra(), "k > 0"),
        ],
        goal=(D_MLE, "<", 0),
    )


def log_drift_tail_z3(start: object = 16) -> SmtResult:
    """z3: U(x) = −1/(12x²) + 1/(120x⁴) < 0 for x ≥ ``start`` (the tail of the digamma bound)."""
    return prove(sp.Lt(-1 / (12 * x**2) + 1 / (120 * x**4), 0), [sp.Ge(x, sp.Rational(start))])


def strong_law_collapse() -> Derivation:
    """(1/t) ln σ²_t → d(N) < −1/(N − 1) almost surely, hence σ_t → 0 a.s. (unbiased refit).

    ln σ²_t = ln σ²_0 + Σ_{s<t} L_s with L_s = ln(X_s/(N − 1)) i.i.d., E L = d(N) finite and
    Var L = ψ'((N − 1)/2) finite; the strong law gives (1/t) Σ L_s → d(N) a.s.
    """
    rate = GrowthRate(kdf)
    slln = instance(STRONG_LAW_LOG_REFIT, k=kdf)
    lin_bind = {"a": 1, "g": sp.Lambda(Xc, sp.log(Xc)), "c": -sp.log(kdf), "k": kdf}
    lin = instance(CHI2_LINEAR, **lin_bind)
    return Derivation(
        "thm-2/gaussian: unbiased refit, σ_t → 0 almost surely",
        rate,
        [
            Step("=", slln.rhs, Use(STRONG_LAW_LOG_REFIT, bind={"k": kdf}), "ln σ²_t/t → E L"),
            Step("=", lin.rhs, Use(CHI2_LINEAR, bind=lin_bind), "E L = E ln X − ln k"),
            Step("=", *_substitute(sp.Lambda(_z, _z - sp.log(kdf)), _chi2(sp.log(Xc)),
                                   sp.digamma(kdf / 2) + sp.log(2), _LOG_MEAN),
                 "E ln X = ψ(k/2) + ln 2"),
            Step("=", sp.digamma(kdf / 2) - sp.log(kdf / 2), Algebra(), "x = k/2"),
            Step("<", -1 / kdf, _BINET, "ψ(x) − ln x < −1/(2x)"),
        ],
        goal=(rate, "<", -1 / kdf),
        description="a negative almost-sure growth rate of ln σ²_t means ln σ²_t → −∞",
    )


def gaussian_proofs() -> list[Derivation | Induction]:
    """Everything thm-2/gaussian's goal needs, in the goal's order."""
    return [chi2_moments(), *gaussian_mle_sigma2(), *gaussian_sigma_factor(),
            *gaussian_entropy_drift(), gaussian_unbiased_martingale(), log_drift_negative(),
            mle_log_drift_negative(), strong_law_collapse()]
