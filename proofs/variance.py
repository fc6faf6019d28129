"""Symbolic evidence for Theorem 4 (variance amplification) and the Gaussian refit (thm-2/gaussian).

Conventions, as in :mod:`proofs.contraction`:

* Variances and covariances of random quantities are written ``Var(·)``/``Cov(·,·)`` on the
  left of a step and as declared symbols (``v_t``, ``s^2``, ``c_t``) on the right. A step that
  turns one into the other is a :class:`Lemma` whose side condition re-derives the step's right
  side from raw moments (E[Y], E[YZ], ...) by linearity of expectation, so a wrong coefficient
  on the right makes the side condition fail.
* Powers with a symbolic exponent that z3 cannot take ((1−α)^{2t}, (1 − 1/N)^t) are replaced by
  a symbol standing for the power, with the recursion that power obeys; the closed form with
  symbolic t is checked separately by sympy.
* The one transcendental inequality, ψ(x) < ln x − 1/(2x), is a lemma (the integral
  representation DLMF 5.9.13 with a positive integrand); its instances are spot-checked at
  60 digits, and :mod:`numerics.variance` certifies it with arb on a finite range.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy as sp

from proofs.derivation import Algebra, Condition, Derivation, Lemma, Smt, Step
from proofs.smt import SmtResult, prove

__all__ = [
    "accumulation_bound",
    "accumulation_closed_form_step",
    "accumulation_mean_update",
    "accumulation_rational_bound_z3",
    "accumulation_real_share_limit",
    "accumulation_variance_step",
    "alpha_zero_closed_form",
    "chi2_log_moment",
    "chi2_moments",
    "constant_alpha_closed_form",
    "constant_alpha_closed_form_step",
    "constant_alpha_limit",
    "divergence_escape_z3",
    "divergence_key_step",
    "divergence_stays_above",
    "divergence_z3",
    "error_recursion",
    "gaussian_entropy_drift",
    "gaussian_mle_sigma2",
    "gaussian_sigma_factor",
    "gaussian_unbiased_martingale",
    "harmonic_closed_form",
    "harmonic_limit",
    "log_drift_negative",
    "log_drift_tail_z3",
    "mle_log_drift_negative",
    "mle_mean_variance_bounded",
    "mle_mean_variance_closed_form",
    "mle_mean_variance_geometric_sum",
    "one_step_z3",
    "popoviciu",
    "popoviciu_z3",
    "refit_total_variance",
    "replace_varying_n_examples",
    "replace_varying_n_step",
    "sample_mean_noise",
    "strong_law_collapse",
    "sublinear_schedule_limit",
    "sublinear_schedule_z3",
    "unbiased_mean_variance_closed_form",
    "variance_of_combination",
    "variance_recursion",
]

# --- symbols -------------------------------------------------------------------------------
alpha = sp.Symbol("alpha", nonnegative=True)  # α_t ∈ [0, 1]; the upper bound is a hypothesis
alpha_p = sp.Symbol("alpha", positive=True)  # a constant α ∈ (0, 1]
a = sp.Symbol("a", positive=True)  # an upper bound on α_t
a2 = sp.Symbol("a'", positive=True)  # a later, smaller α
v = sp.Symbol("v_t", nonnegative=True)  # v_t = Var(μ_t − μ_P)
v0 = sp.Symbol("v_0", nonnegative=True)
vT = sp.Symbol("v_T", nonnegative=True)
s2 = sp.Symbol("s^2", positive=True)  # per-step noise variance
B = sp.Symbol("B", positive=True)  # a level the variance should exceed
cov = sp.Symbol("c_t", real=True)  # Cov(e_t, ξ_t)
t = sp.Symbol("t", integer=True, nonnegative=True)
tp = sp.Symbol("t", integer=True, positive=True)
k = sp.Symbol("k", integer=True, nonnegative=True)
j = sp.Symbol("j", integer=True, positive=True)
rho_t = sp.Symbol("r", nonnegative=True)  # stands for (1−α)^{2t}
mu_t, mu_P, xi = sp.symbols("mu_t mu_P xi_t", real=True)
e_next = sp.Symbol("e_{t+1}", real=True)  # μ_{t+1} − μ_P
N = sp.Symbol("N", positive=True)  # samples per generation (N ≥ 2 as a hypothesis)
nt = sp.Symbol("N_t", positive=True)  # samples at generation t
sigma2 = sp.Symbol("sigma^2", positive=True)
sigma2_0 = sp.Symbol("sigma^2_0", positive=True)
sigma2_t = sp.Symbol("sigma^2_t", positive=True)
kdf = sp.Symbol("k", positive=True)  # degrees of freedom N − 1 of the χ² pivot
p_exp = sp.Symbol("p", positive=True)  # a moment order
X = sp.Symbol("X", positive=True)  # a χ²_k variable
x = sp.Symbol("x", positive=True)  # x = (N − 1)/2
tau = sp.Symbol("tau", positive=True)

Var = sp.Function("Var")
Cov = sp.Function("Cov")
E = sp.Function("E")

_HALF = sp.Rational(1, 2)


# --- a reusable lemma: the variance of a linear combination --------------------------------

def _bilinearity_holds(n: int) -> bool:
    """Var(Σ a_i Y_i) = Σ_ij a_i a_j Cov(Y_i, Y_j) in raw moments, expanded by sympy.

    With m_i = E Y_i and q_ij = E[Y_i Y_j], linearity of expectation gives
    E[(Σ a_i Y_i)²] − (E Σ a_i Y_i)² = Σ_ij a_i a_j q_ij − (Σ a_i m_i)², and this must equal
    Σ_ij a_i a_j (q_ij − m_i m_j) identically in the a's, m's and q's.
    """
    coef = sp.symbols(f"a_0:{n}", real=True)
    m = sp.symbols(f"m_0:{n}", real=True)

    def q(i: int, jj: int) -> sp.Symbol:
        return sp.Symbol(f"q_{min(i, jj)}{max(i, jj)}", real=True)

    pairs = [(i, jj) for i in range(n) for jj in range(n)]
    expansion = sum(coef[i] * coef[jj] * q(i, jj) for i, jj in pairs) - sum(
        coef[i] * m[i] for i in range(n)) ** 2
    bilinear = sum(coef[i] * coef[jj] * (q(i, jj) - m[i] * m[jj]) for i, jj in pairs)
    return sp.expand(expansion - bilinear) == 0


def variance_of_combination(
    source: sp.Basic,
    parts: Sequence[sp.Basic],
    coefficients: Sequence[sp.Basic],
    variances: Sequence[sp.Basic],
    covariances: Mapping[tuple[int, int], sp.Basic],
    claimed: sp.Basic,
    what: str,
) -> Lemma:
    """Var(Σ a_i Y_i) = Σ a_i² Var Y_i + 2 Σ_{i<j} a_i a_j Cov(Y_i, Y_j), applied to ``claimed``.

    Three side conditions: ``source`` (the random quantity as the model defines it) equals
    Σ a_i Y_i; the bilinearity identity holds in raw moments (expanded by sympy, so it is
    true or false by evaluation); and ``claimed`` equals Σ_ij a_i a_j C_ij with C_ii the
    declared variances and C_ij the declared covariances. A wrong or dropped coefficient in
    ``claimed`` fails the last condition; a wrong combination fails the first.
    """
    n = len(parts)
    if len(coefficients) != n or len(variances) != n:
        raise ValueError("parts, coefficients and variances must have the same length")

    def c(i: int, jj: int) -> sp.Basic:
        if i == jj:
            return variances[i]
        return covariances[(min(i, jj), max(i, jj))]

    formula = sum(coefficients[i] * coefficients[jj] * c(i, jj)
                  for i in range(n) for jj in range(n))
    combination = sum(coefficients[i] * parts[i] for i in range(n))
    return Lemma(
        "variance of a linear combination (bilinearity of covariance)",
        f"Var(Σ a_i Y_i) = Σ_ij a_i a_j Cov(Y_i, Y_j); here {what}",
        (
            Condition(sp.Eq(source, combination), Algebra(),
                      "the quantity is this linear combination"),
            Condition(sp.true if _bilinearity_holds(n) else sp.false, Algebra(),
                      "E[(Σ a_i Y_i)²] − (E Σ a_i Y_i)² = Σ a_i a_j (E[Y_i Y_j] − E Y_i E Y_j), "
                      "expanded by sympy in raw moments"),
            Condition(sp.Eq(claimed, formula), Algebra(),
                      "the claimed right side is Σ a_i a_j Cov(Y_i, Y_j)"),
        ),
    )


# --- thm-4/recursion -----------------------------------------------------------------------

def error_recursion() -> Derivation:
    """μ_{t+1} − μ_P = (1 − α_t)(μ_t − μ_P) + ξ_t (eq. 13 written for the error)."""
    start = (1 - alpha) * mu_t + alpha * mu_P + xi - mu_P
    end = (1 - alpha) * (mu_t - mu_P) + xi
    return Derivation(
        "eq. 13 for the error e_t = μ_t − μ_P",
        start,
        [Step("=", end, Algebra(), "subtract μ_P and regroup")],
        goal=(start, "=", end),
    )


def variance_recursion(
    coefficient: sp.Basic | None = None, independent: bool = True
) -> Derivation:
    """Var(e_{t+1}) = (1 − α)² v_t + s² when ξ_t is independent of e_t.

    ``coefficient`` overrides the factor in front of v_t and ``independent=False`` drops the
    independence hypothesis (both for false-variant tests).
    """
    factor = (1 - alpha) ** 2 if coefficient is None else coefficient
    start = Var(e_next)
    expanded = factor * v + 2 * (1 - alpha) * cov + s2
    eq13 = (1 - alpha) * mu_t + alpha * mu_P + xi - mu_P
    return Derivation(
        "thm-4: variance recursion v_{t+1} = (1 − α_t)² v_t + s²",
        start,
        [
            Step("=", expanded, variance_of_combination(
                eq13, [mu_t - mu_P, xi], [1 - alpha, 1], [v, s2], {(0, 1): cov}, expanded,
                "e_{t+1} = (1 − α)e_t + ξ_t by eq. 13, v_t = Var(e_t), s² = Var(ξ_t), "
                "c_t = Cov(e_t, ξ_t)"),
                 "expand the variance of e_{t+1} = (1 − α)e_t + ξ_t"),
            Step("=", factor * v + s2, Smt(),
                 "ξ_t independent of e_t, so c_t = Cov(e_t, ξ_t) = 0"),
        ],
        goal=(start, "=", factor * v + s2),
        hypotheses=(sp.Le(alpha, 1), sp.Eq(cov, 0)) if independent else (sp.Le(alpha, 1),),
    )


def sample_mean_noise(real_share: sp.Basic | None = None) -> Derivation:
    """The sample-mean learner on αN real and (1−α)N synthetic draws: s² = σ²/N for every α.

    R and S are the sums of the real and the synthetic draws; all draws are independent with
    variance σ² (known and equal for both sources), so Var R = αNσ², Var S = (1−α)Nσ².
    ``real_share`` overrides the share used for Var R (false-variant tests).
    """
    share = alpha if real_share is None else real_share
    vr, vs = sp.symbols("V_R V_S", nonnegative=True)
    c_rs = sp.Symbol("c_RS", real=True)
    rsum, ssum = sp.symbols("R S", real=True)
    xbar = sp.Symbol("xbar", real=True)  # the mean of all N draws
    start = Var(xbar)
    expanded = vr / N**2 + 2 * c_rs / N**2 + vs / N**2
    hyps = (
        sp.Le(alpha, 1), sp.Eq(c_rs, 0),
        sp.Eq(vr, share * N * sigma2), sp.Eq(vs, (1 - alpha) * N * sigma2),
    )
    return Derivation(
        "thm-4: sample-mean learner, s² = σ²/N whatever α",
        start,
        [
            Step("=", expanded, variance_of_combination(
                (rsum + ssum) / N, [rsum, ssum], [1 / N, 1 / N], [vr, vs], {(0, 1): c_rs},
                expanded,
                "V_R = Var R, V_S = Var S, c_RS = Cov(R, S)"),
                 "the mean of all N draws is (R + S)/N"),
            Step("=", sigma2 / N, Smt(),
                 "independent draws: c_RS = 0, Var R = αNσ², Var S = (1 − α)Nσ²"),
        ],
        goal=(start, "=", sigma2 / N),
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


def alpha_zero_closed_form() -> Derivation:
    """α = 0: v_t = v_0 + t s² obeys v_{t+1} = v_t + s² (and equals v_0 at t = 0)."""
    closed = v0 + t * s2
    start = (1 - sp.Integer(0)) ** 2 * closed + s2
    return Derivation(
        "thm-4: α = 0 closed form v_t = v_0 + t s² (induction step)",
        start,
        [Step("=", v0 + (t + 1) * s2, Algebra(), "(v_0 + t s²) + s²")],
        goal=(start, "=", v0 + (t + 1) * s2),
    )


def _constant_alpha_closed(steps: sp.Basic) -> sp.Basic:
    rho = (1 - alpha_p) ** 2
    return rho**steps * v0 + s2 * (1 - rho**steps) / (alpha_p * (2 - alpha_p))


def constant_alpha_closed_form() -> Derivation:
    """Constant α ∈ (0, 1]: v_t = ρ^t v_0 + s²(1 − ρ^t)/(α(2 − α)), ρ = (1 − α)², symbolic t."""
    start = (1 - alpha_p) ** 2 * _constant_alpha_closed(t) + s2
    return Derivation(
        "thm-4: constant α closed form satisfies the recursion (symbolic t)",
        start,
        [Step("=", _constant_alpha_closed(t + 1), Algebra(), "ρ·ρ^t = ρ^{t+1}")],
        goal=(start, "=", _constant_alpha_closed(t + 1)),
        hypotheses=(sp.Le(alpha_p, 1),),
    )


def constant_alpha_closed_form_step() -> Derivation:
    """The same induction step with r standing for ρ^t (the form z3 can also take)."""
    rho = (1 - alpha_p) ** 2
    den = alpha_p * (2 - alpha_p)
    start = rho * (rho_t * v0 + s2 * (1 - rho_t) / den) + s2
    end = (rho * rho_t) * v0 + s2 * (1 - rho * rho_t) / den
    return Derivation(
        "thm-4: constant α closed form, induction step (r stands for (1−α)^{2t})",
        start,
        [Step("=", end, Smt(), "1 − ρ = α(2 − α): ρ s²(1 − r)/(1 − ρ) + s² = s²(1 − ρr)/(1 − ρ)")],
        goal=(start, "=", end),
        hypotheses=(sp.Le(alpha_p, 1),),
    )


def constant_alpha_limit(limit_value: sp.Basic | None = None) -> Derivation:
    """lim_t v_t = s²/(α(2 − α)) for constant α ∈ (0, 1]: ρ^t → 0 because 0 ≤ ρ < 1."""
    target = s2 / (alpha_p * (2 - alpha_p)) if limit_value is None else limit_value
    closed_r = rho_t * v0 + s2 * (1 - rho_t) / (alpha_p * (2 - alpha_p))
    start = sp.Limit(_constant_alpha_closed(t), t, sp.oo)
    lemma = Lemma(
        "geometric decay: r = ρ^t → 0 for 0 ≤ ρ < 1, and the closed form is continuous in r",
        "v_t = r v_0 + s²(1 − r)/(α(2 − α)) with r = (1 − α)^{2t}",
        (
            Condition(sp.Lt((1 - alpha_p) ** 2, 1), Smt(), "ρ < 1 for α ∈ (0, 1]"),
            Condition(sp.Eq(closed_r.subs(rho_t, 0), target), Algebra(),
                      "the closed form at r = 0 is the claimed limit"),
        ),
    )
    return Derivation(
        "thm-4: constant α, v_t → s²/(α(2 − α))",
        start,
        [Step("=", target, lemma, "ρ^t → 0")],
        goal=(start, "=", target),
        hypotheses=(sp.Le(alpha_p, 1),),
    )


def one_step_z3() -> list[tuple[str, SmtResult]]:
    """Polynomial one-step facts of f(v) = (1 − α)² v + s² with α ∈ (0, 1]."""
    f = (1 - alpha_p) ** 2 * v + s2
    star = s2 / (alpha_p * (2 - alpha_p))
    hyps = [sp.Le(alpha_p, 1)]
    return [
        ("fixed point: f(v*) = v* for v* = s²/(α(2−α))",
         prove(sp.Eq(f.subs(v, star), star), hyps)),
        ("contraction: f(v) − v* = (1−α)²(v − v*)",
         prove(sp.Eq(f - star, (1 - alpha_p) ** 2 * (v - star)), hyps)),
        ("monotone approach from below: v ≤ v* ⇒ v ≤ f(v) ≤ v*",
         prove(sp.And(sp.Le(v, f), sp.Le(f, star)), [*hyps, sp.Le(v, star)])),
        ("monotone approach from above: v ≥ v* ⇒ v* ≤ f(v) ≤ v",
         prove(sp.And(sp.Le(star, f), sp.Le(f, v)), [*hyps, sp.Ge(v, star)])),
        ("α = 0: every step adds s² (no fixed point)",
         prove(sp.Eq(v + s2 - v, s2), [])),
    ]


# --- thm-4/divergence ----------------------------------------------------------------------

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


def divergence_stays_above() -> Derivation:
    """Above B the recursion stays above B: v ≥ B ⇒ v_{t+1} ≥ B + s²/2 (same condition)."""
    hyps = (sp.Le(alpha, a), sp.Le(a, 1), sp.Ge(v, B), _worst_case_condition())
    start = (1 - alpha) ** 2 * v + s2
    return Derivation(
        "thm-4: once above B the variance stays above B",
        start,
        [
            Step(">=", (1 - alpha) ** 2 * B + s2, Smt(), "f is increasing in v"),
            Step(">=", B + s2 / 2, Smt(), "the key step at v = B"),
        ],
        goal=(start, ">=", B + s2 / 2),
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
        ("escape: v_{T+k} ≥ v_T + k s²/2 (induction step)",
         prove(sp.Ge(f, vT + (k + 1) * s2 / 2),
               [*region, _worst_case_condition(), sp.Ge(v, vT + k * s2 / 2)])),
    ]


def divergence_escape_z3() -> SmtResult:
    """z3: k > 2B/s² steps of at least s²/2 take any v_T ≥ 0 above B."""
    return prove(sp.Gt(vT + k * s2 / 2, B), [sp.Gt(k * s2, 2 * B)])


def _harmonic_v(steps: sp.Basic) -> sp.Basic:
    return s2 * (steps + 1) * (2 * steps + 1) / (6 * steps)


def harmonic_closed_form(denominator: int = 6) -> Derivation:
    """α_t = 1/(t + 1): v_t = s²(t+1)(2t+1)/(6t) obeys v_{t+1} = (t/(t+1))² v_t + s² (t ≥ 1).

    ``denominator`` replaces the 6 (false-variant tests).
    """
    def closed(steps: sp.Basic) -> sp.Basic:
        return s2 * (steps + 1) * (2 * steps + 1) / (denominator * steps)

    start = (1 - sp.Integer(1) / (tp + 1)) ** 2 * closed(tp) + s2
    return Derivation(
        "thm-4: α_t = 1/(t+1) closed form (induction step; v_1 = s² since α_0 = 1)",
        start,
        [Step("=", closed(tp + 1), Algebra(), "multiply through by (t + 1)²")],
        goal=(start, "=", closed(tp + 1)),
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
second = sp.Symbol("q", real=True)  # E[X²]


def popoviciu(bound: sp.Basic | None = None) -> Derivation:
    """Var X ≤ (M − m)²/4 for X ∈ [m, M] (Popoviciu), via E[(X − m)(M − X)] ≥ 0.

    μ = E X and q = E X²; the hypothesis q ≤ (m + M)μ − mM is the expectation of the
    pointwise inequality (X − m)(M − X) ≥ 0, whose two facts the lemma checks.
    ``bound`` overrides the final constant (false-variant tests).
    """
    target = (hi - lo) ** 2 / 4 if bound is None else bound
    xx = sp.Symbol("X", real=True)
    lemma = Lemma(
        "monotonicity and linearity of expectation",
        "(X − m)(M − X) ≥ 0 on [m, M], and E[(X − m)(M − X)] = −q + (m + M)μ − mM",
        (
            Condition(sp.Ge((xx - lo) * (hi - xx), 0), Smt((sp.Le(lo, xx), sp.Le(xx, hi))),
                      "pointwise on the support"),
            Condition(sp.Eq((xx - lo) * (hi - xx), -xx**2 + (lo + hi) * xx - lo * hi), Algebra(),
                      "expanded, so its expectation is −q + (m + M)μ − mM"),
        ),
    )
    hyps = (
        sp.Lt(lo, hi), sp.Le(lo, mean_x), sp.Le(mean_x, hi),
        sp.Ge(-second + (lo + hi) * mean_x - lo * hi, 0),
    )
    start = second - mean_x**2
    return Derivation(
        "thm-4: Popoviciu's inequality Var X ≤ d²/4 on a support of diameter d = M − m",
        start,
        [
            Step("<=", (lo + hi) * mean_x - lo * hi - mean_x**2, lemma,
                 "E[(X − m)(M − X)] ≥ 0 gives q ≤ (m + M)μ − mM"),
            Step("=", (hi - mean_x) * (mean_x - lo), Algebra(), "factor"),
            Step("<=", target, Smt(), "AM–GM: (M − μ)(μ − m) ≤ ((M − m)/2)²"),
        ],
        goal=(start, "<=", target),
        hypotheses=hyps,
    )


def popoviciu_z3(bound: sp.Basic | None = None) -> list[tuple[str, SmtResult]]:
    """z3: the mean error is at most d, the two-point case, and the moment form of Popoviciu."""
    target = (hi - lo) ** 2 / 4 if bound is None else bound
    y = sp.Symbol("y", real=True)
    pr = sp.Symbol("p", real=True)
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

def accumulation_mean_update() -> Derivation:
    """Pooling: m_t = (t m_{t−1} + b_t)/(t + 1) with b_t = m_{t−1} + η_t is m_{t−1} + η_t/(t+1)."""
    m_prev, eta = sp.symbols("m_{t-1} eta_t", real=True)
    start = (tp * m_prev + (m_prev + eta)) / (tp + 1)
    end = m_prev + eta / (tp + 1)
    return Derivation(
        "thm-4: accumulated mean after the t-th synthetic batch",
        start,
        [Step("=", end, Algebra(), "t batches of mean m_{t−1}, one new batch b_t")],
        goal=(start, "=", end),
    )


def accumulation_variance_step() -> Derivation:
    """Var(m_{t−1} + η_t/(t+1)) = V_{t−1} + (σ²/N)/(t+1)² with η_t independent of the past."""
    m_prev, eta = sp.symbols("m_{t-1} eta_t", real=True)
    vp, ve = sp.symbols("V_{t-1} V_eta", nonnegative=True)
    ce = sp.Symbol("c_eta", real=True)
    start = Var(sp.Symbol("m_t", real=True))
    expanded = vp + 2 * ce / (tp + 1) + ve / (tp + 1) ** 2
    return Derivation(
        "thm-4: accumulation, variance recursion",
        start,
        [
            Step("=", expanded, variance_of_combination(
                (tp * m_prev + (m_prev + eta)) / (tp + 1), [m_prev, eta], [1, 1 / (tp + 1)],
                [vp, ve], {(0, 1): ce}, expanded,
                "V_{t−1} = Var m_{t−1}, V_η = Var η_t, c_η = Cov(m_{t−1}, η_t)"),
                 "expand"),
            Step("=", vp + sigma2 / N / (tp + 1) ** 2, Smt(),
                 "η_t is the mean of N fresh draws: independent (c_η = 0), variance σ²/N"),
        ],
        goal=(start, "=", vp + sigma2 / N / (tp + 1) ** 2),
        hypotheses=(sp.Eq(ce, 0), sp.Eq(ve, sigma2 / N)),
    )


def _partial_sum(upper: sp.Basic) -> sp.Basic:
    return sp.Sum(1 / j**2, (j, 1, upper))


def accumulation_closed_form_step(last_term: sp.Basic | None = None) -> Derivation:
    """(σ²/N)Σ_{j≤t} 1/j² + (σ²/N)/(t+1)² = (σ²/N)Σ_{j≤t+1} 1/j² (so V_t = (σ²/N)Σ_{j≤t+1})."""
    term = 1 / (t + 1) ** 2 if last_term is None else last_term
    start = sigma2 / N * _partial_sum(t) + sigma2 / N * term
    end = sigma2 / N * _partial_sum(t + 1)
    lemma = Lemma(
        "a finite sum splits off its last term",
        "Σ_{j≤t+1} f(j) = Σ_{j≤t} f(j) + f(t + 1)",
        (Condition(sp.Eq((1 / j**2).subs(j, t + 1), term), Algebra(),
                   "the added term is f(t + 1)"),),
    )
    return Derivation(
        "thm-4: accumulation closed form (induction step; V_0 = σ²/N)",
        start,
        [Step("=", end, lemma, "peel off the last term")],
        goal=(start, "=", end),
    )


def accumulation_bound(claimed: sp.Basic | None = None) -> Derivation:
    """(σ²/N)Σ_{j≤t+1} 1/j² < (σ²/N)π²/6, since Σ_{j≥1} 1/j² = π²/6 (sympy) and terms are > 0."""
    total = sp.pi**2 / 6 if claimed is None else claimed
    start = sigma2 / N * _partial_sum(t + 1)
    lemma = Lemma(
        "partial sums of a series of positive terms stay below its sum",
        "Σ_{j≤n} f(j) < Σ_{j≥1} f(j) when every f(j) > 0",
        (
            Condition(sp.Eq(sp.summation(1 / j**2, (j, 1, sp.oo)), total), Algebra(),
                      "sympy sums the series: Σ 1/j² = π²/6"),
            Condition(sp.Gt(1 / j**2, 0), Algebra(), "every term is positive"),
        ),
    )
    return Derivation(
        "thm-4: accumulation keeps the drift variance below (σ²/N)π²/6",
        start,
        [Step("<", sigma2 / N * total, lemma, "the tail Σ_{j>t+1} 1/j² is positive")],
        goal=(start, "<", sigma2 / N * total),
    )


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


def replace_varying_n_step(claimed: sp.Basic | None = None) -> Derivation:
    """α = 0 replace loop with sizes N_t: Var(μ_{t+1}) = Var(μ_t) + σ²/N_t.

    ``claimed`` replaces the added term σ²/N_t (false-variant tests).
    """
    zt = sp.Symbol("Z_t", real=True)
    vt, vz = sp.symbols("V_t V_Z", nonnegative=True)
    cz = sp.Symbol("c_Z", real=True)
    start = Var(sp.Symbol(r"\mu_{t+1}", real=True))
    expanded = vt + 2 * cz / nt + vz / nt**2
    return Derivation(
        "thm-4: α = 0 sample-mean loop with N_t draws, Var(μ_{t+1}) = Var(μ_t) + σ²/N_t",
        start,
        [
            Step("=", expanded, variance_of_combination(
                mu_t + zt / nt, [mu_t, zt], [1, 1 / nt], [vt, vz], {(0, 1): cz}, expanded,
                "V_t = Var μ_t, V_Z = Var Z_t, Z_t = sum of the N_t centred draws"),
                 "μ_{t+1} = μ_t + Z_t/N_t"),
            Step("=", vt + (sigma2 / nt if claimed is None else claimed), Smt(),
                 "fresh draws: c_Z = 0 and Var Z_t = N_t σ² (known σ²)"),
        ],
        goal=(start, "=", vt + (sigma2 / nt if claimed is None else claimed)),
        hypotheses=(sp.Eq(cz, 0), sp.Eq(vz, nt * sigma2)),
    )


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

w_t = sp.Symbol("w_t", positive=True)  # E[σ²_t]
V_t = sp.Symbol("V_t", nonnegative=True)  # Var μ_t


def refit_total_variance(claimed: sp.Basic | None = None) -> Derivation:
    """Law of total variance: Var μ_{t+1} = E[σ²_t]/N + Var μ_t for the refit loop (α = 0).

    Given the past, μ_{t+1} is the mean of N draws from N(μ_t, σ²_t): conditional mean μ_t,
    conditional variance σ²_t/N.
    """
    rhs = w_t / N + V_t if claimed is None else claimed
    mu_next = sp.Symbol(r"\mu_{t+1}", real=True)
    lemma = Lemma(
        "law of total variance (tower property)",
        "Var Y = E[Var(Y | F)] + Var(E[Y | F]) with F the past up to generation t",
        (
            Condition(sp.Eq(N * mu_t / N, mu_t), Algebra(),
                      "E[μ_{t+1} | F] = (N μ_t)/N = μ_t"),
            Condition(sp.Eq(N * sigma2_t / N**2, sigma2_t / N), Algebra(),
                      "Var(μ_{t+1} | F) = N σ²_t/N² = σ²_t/N"),
            Condition(sp.Eq(rhs, w_t / N + V_t), Algebra(),
                      "E[σ²_t/N] + Var(μ_t) = w_t/N + V_t with w_t = E[σ²_t], V_t = Var μ_t"),
        ),
    )
    return Derivation(
        "thm-4: refit loop, Var μ_{t+1} = E[σ²_t]/N + Var μ_t",
        Var(mu_next),
        [Step("=", rhs, lemma, "condition on generation t")],
        goal=(Var(mu_next), "=", rhs),
    )


def unbiased_mean_variance_closed_form() -> Derivation:
    """Unbiased refit: E[σ²_t] = σ²_0, so V_t = tσ²_0/N obeys V_{t+1} = V_t + σ²_0/N."""
    start = tp * sigma2_0 / N + sigma2_0 / N
    return Derivation(
        "thm-4: unbiased refit, Var μ_t = t σ²_0/N (induction step)",
        start,
        [Step("=", (tp + 1) * sigma2_0 / N, Algebra(), "collect")],
        goal=(start, "=", (tp + 1) * sigma2_0 / N),
    )


def mle_mean_variance_closed_form() -> Derivation:
    """MLE refit: E[σ²_t] = (1 − 1/N)^t σ²_0, so V_t = σ²_0(1 − (1 − 1/N)^t) (symbolic t)."""
    q = 1 - 1 / N
    start = sigma2_0 * (1 - q**t) + q**t * sigma2_0 / N
    end = sigma2_0 * (1 - q ** (t + 1))
    return Derivation(
        "thm-4: mle refit, Var μ_t = σ²_0(1 − (1 − 1/N)^t) (induction step)",
        start,
        [Step("=", end, Algebra(), "σ²_0 q^t (1/N − 1) = −σ²_0 q^{t+1}")],
        goal=(start, "=", end),
        hypotheses=(sp.Ge(N, 2),),
    )


def mle_mean_variance_geometric_sum() -> Derivation:
    """Σ_{s<t} (1 − 1/N)^s σ²_0/N = σ²_0(1 − (1 − 1/N)^t)."""
    s = sp.Symbol("s", integer=True, nonnegative=True)
    q = 1 - 1 / N
    start = sp.Sum(q**s * sigma2_0 / N, (s, 0, t - 1))
    end = sigma2_0 * (1 - q**t)
    return Derivation(
        "thm-4: mle refit, the geometric sum",
        start,
        [Step("=", end, Algebra(), "finite geometric sum")],
        goal=(start, "=", end),
        hypotheses=(sp.Ge(N, 2),),
    )


def mle_mean_variance_bounded() -> Derivation:
    """σ²_0(1 − r) ≤ σ²_0 for r = (1 − 1/N)^t ∈ [0, 1]: the mle drift variance is bounded."""
    hyps = (sp.Le(rho_t, 1),)
    start = sigma2_0 * (1 - rho_t)
    return Derivation(
        "thm-4: mle refit, Var μ_t ≤ σ²_0 (r stands for (1 − 1/N)^t)",
        start,
        [Step("<=", sigma2_0, Algebra(), "r ≥ 0")],
        goal=(start, "<=", sigma2_0),
        hypotheses=hyps,
    )


# --- thm-2/gaussian ------------------------------------------------------------------------

def _chi2_density() -> sp.Basic:
    return X ** (kdf / 2 - 1) * sp.exp(-X / 2) / (2 ** (kdf / 2) * sp.gamma(kdf / 2))


def chi2_moments(claimed: sp.Basic | None = None) -> Derivation:
    """E[X^p] = 2^p Γ(k/2 + p)/Γ(k/2) for X ~ χ²_k (the Gamma integral, evaluated by sympy)."""
    target = _moment(p_exp) if claimed is None else claimed
    integral = sp.integrate(X**p_exp * _chi2_density(), (X, 0, sp.oo))
    lemma = Lemma(
        "expectation under the χ²_k density",
        "E[X^p] = ∫_0^∞ x^p x^{k/2−1} e^{−x/2} dx/(2^{k/2} Γ(k/2))",
        (Condition(sp.Eq(integral, target), Algebra(),
                   "sympy's value of the integral equals the claimed moment"),),
    )
    start = E(X**p_exp)
    return Derivation(
        "thm-2/gaussian: moments of χ²_k",
        start,
        [Step("=", target, lemma, "integrate against the density")],
        goal=(start, "=", target),
    )


def _moment(p: sp.Basic) -> sp.Basic:
    return 2**p * sp.gamma(kdf / 2 + p) / sp.gamma(kdf / 2)


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


# The refit with N = k + 1 samples: σ²_{t+1} = σ²_t X/d with X ~ χ²_k independent of the past,
# d = N = k + 1 for the mle and d = N − 1 = k for the unbiased fit. Everything below is written
# in k > 0 so that sympy knows the Gamma arguments are positive (N ≥ 2 ⇔ k ≥ 1).
n_of_k = kdf + 1


def gaussian_mle_sigma2(factor: sp.Basic | None = None) -> list[Derivation]:
    """MLE: E[σ²_{t+1} | σ_t] = σ²_t E[X]/N = (N−1)/N σ²_t, hence E[σ²_t] = ((N−1)/N)^t σ²_0.

    ``factor`` overrides the claimed one-step factor (false-variant tests).
    """
    claimed = kdf / n_of_k if factor is None else factor
    one = sigma2_t * _moment(sp.Integer(1)) / n_of_k
    step = Derivation(
        "thm-2/gaussian: mle, E[σ²_{t+1} | σ_t] = (N − 1)/N σ²_t (k = N − 1)",
        one,
        [Step("=", claimed * sigma2_t, Algebra(),
              "σ²_{t+1} = σ²_t X/N with X ~ χ²_{N−1}, E X = 2Γ(k/2 + 1)/Γ(k/2) = k")],
        goal=(one, "=", claimed * sigma2_t),
        hypotheses=(sp.Ge(kdf, 1),),
    )
    closed = lambda n: (kdf / n_of_k) ** n * sigma2_0  # noqa: E731 - readable one-liner
    induction = Derivation(
        "thm-2/gaussian: mle, E[σ²_t] = ((N − 1)/N)^t σ²_0 (tower property, induction step)",
        kdf / n_of_k * closed(t),
        [Step("=", closed(t + 1), Algebra(), "E[σ²_{t+1}] = E[E[σ²_{t+1} | σ_t]]")],
        goal=(kdf / n_of_k * closed(t), "=", closed(t + 1)),
        hypotheses=(sp.Ge(kdf, 1),),
    )
    return [step, induction]


def gaussian_sigma_factor() -> list[Derivation]:
    """E[σ_{t+1} | σ_t] = σ_t E√X/√N = a(N) σ_t, a(N) = √(2/N) Γ(N/2)/Γ((N − 1)/2).

    Then E[σ_t] = a(N)^t σ_0 by the tower property (induction step with symbolic t).
    """
    start = sp.sqrt(sigma2_t) * _moment(_HALF) / sp.sqrt(n_of_k)
    a_n = sp.sqrt(2 / n_of_k) * sp.gamma(n_of_k / 2) / sp.gamma(kdf / 2)
    end = a_n * sp.sqrt(sigma2_t)
    sigma_0 = sp.sqrt(sigma2_0)
    return [
        Derivation(
            "thm-2/gaussian: mle, E[σ_{t+1} | σ_t] = a(N) σ_t (k = N − 1)",
            start,
            [Step("=", end, Algebra(), "E√X = √2 Γ(N/2)/Γ((N−1)/2)")],
            goal=(start, "=", end),
            hypotheses=(sp.Ge(kdf, 1),),
        ),
        Derivation(
            "thm-2/gaussian: mle, E[σ_t] = a(N)^t σ_0 (tower property, induction step)",
            a_n * (a_n**t * sigma_0),
            [Step("=", a_n ** (t + 1) * sigma_0, Algebra(), "E[σ_{t+1}] = a(N) E[σ_t]")],
            goal=(a_n * (a_n**t * sigma_0), "=", a_n ** (t + 1) * sigma_0),
            hypotheses=(sp.Ge(kdf, 1),),
        ),
    ]


def gaussian_entropy_drift(claimed: sp.Basic | None = None) -> list[Derivation]:
    """E[H(σ²_{t+1}) − H(σ²_t) | σ_t] = ½(ψ((N−1)/2) + ln(2/N)) for the mle refit.

    H(σ²) = ½ ln(2πeσ²), so the change is ½ ln R with R = σ²_{t+1}/σ²_t = X/N.
    """
    target = _HALF * (sp.digamma(kdf / 2) + sp.log(2 / n_of_k)) if claimed is None else claimed
    ratio = sp.Symbol("R", positive=True)

    def entropy(var: sp.Basic) -> sp.Basic:
        return _HALF * sp.log(2 * sp.pi * sp.E * var)

    diff = entropy(sigma2_t * ratio) - entropy(sigma2_t)
    change = Derivation(
        "thm-2/gaussian: the entropy change is half the log-variance change",
        diff,
        [Step("=", _HALF * sp.log(ratio), Algebra(), "H = ½ ln(2πe σ²)")],
        goal=(diff, "=", _HALF * sp.log(ratio)),
    )
    log_mean = sp.diff(_moment(p_exp), p_exp).subs(p_exp, 0)
    start = E(_HALF * sp.log(ratio))
    lemma = Lemma(
        "linearity of expectation with R = X/N, X ~ χ²_{N−1}",
        "E[½ ln R] = ½(E ln X − ln N) and E ln X = d/dp E[X^p] at p = 0",
        (Condition(sp.Eq(_HALF * (log_mean - sp.log(n_of_k)), target), Algebra(),
                   "½(ψ(k/2) + ln 2 − ln N) is the claimed drift"),),
    )
    expectation = Derivation(
        "thm-2/gaussian: mle, expected entropy change ½(ψ((N−1)/2) + ln(2/N))",
        start,
        [Step("=", target, lemma, "the log moment of χ²_{N−1}")],
        goal=(start, "=", target),
    )
    return [change, expectation]


def gaussian_unbiased_martingale() -> Derivation:
    """Unbiased: E[σ²_{t+1} | σ_t] = σ²_t E[X]/(N − 1) = σ²_t (a martingale)."""
    start = sigma2_t * _moment(sp.Integer(1)) / kdf
    return Derivation(
        "thm-2/gaussian: unbiased refit, E[σ²_{t+1} | σ_t] = σ²_t (k = N − 1)",
        start,
        [Step("=", sigma2_t, Algebra(), "E X = k = N − 1")],
        goal=(start, "=", sigma2_t),
        hypotheses=(sp.Ge(kdf, 1),),
    )


def binet_lemma(c: sp.Basic = _HALF) -> Lemma:
    """ψ(x) < ln x − c/x, justified for c = 1/2 by DLMF 5.9.13 with a positive integrand."""
    w = sp.Symbol("w", positive=True)  # stands for e^{2πτ} − 1 > 0
    f = sp.exp(2 * sp.pi * tau) - 1
    return Lemma(
        "integral representation of ψ (DLMF 5.9.13, from Binet's second formula)",
        f"ψ(x) = ln x − 1/(2x) − 2∫_0^∞ τ dτ/((τ² + x²)(e^{{2πτ}} − 1)); the integral is "
        f"positive, so ψ(x) < ln x − {c}/x only if {c} ≤ 1/2",
        (
            Condition(sp.Gt(f, 0), Lemma(
                "monotonicity: f(0) = 0 and f' > 0 give f > 0 on (0, ∞)",
                "f(τ) = e^{2πτ} − 1",
                (
                    Condition(sp.Eq(f.subs(tau, 0), 0), Algebra(), "f(0) = 0"),
                    Condition(sp.Gt(sp.diff(f, tau), 0), Algebra(), "f'(τ) = 2π e^{2πτ} > 0"),
                ),
            ), "e^{2πτ} − 1 > 0 for τ > 0"),
            Condition(sp.Gt(tau / ((tau**2 + x**2) * w), 0), Algebra(),
                      "the integrand is positive (w = e^{2πτ} − 1 > 0)"),
            Condition(sp.Le(c, _HALF), Algebra(), "the representation's constant is 1/2"),
        ),
    )


def log_drift_negative(c: sp.Basic = _HALF) -> Derivation:
    """d(N) = ψ((N−1)/2) + ln(2/(N−1)) < −1/(N−1) < 0 for every N ≥ 2 (k = N − 1 ≥ 1)."""
    start = sp.digamma(kdf / 2) + sp.log(2 / kdf)
    return Derivation(
        "thm-2/gaussian: the unbiased log-variance drift d(N) is negative for every N ≥ 2",
        start,
        [
            Step("=", sp.digamma(kdf / 2) - sp.log(kdf / 2), Algebra(),
                 "ln(2/k) = −ln(k/2): d = ψ(x) − ln x with x = k/2"),
            Step("<", -2 * c / kdf, binet_lemma(c), "ψ(x) − ln x < −1/(2x) = −1/k"),
            Step("<", sp.Integer(0), Algebra(), "k = N − 1 > 0"),
        ],
        goal=(start, "<", 0),
        hypotheses=(sp.Ge(kdf, 1),),
    )


def mle_log_drift_negative() -> Derivation:
    """The mle log-variance drift ψ((N−1)/2) + ln(2/N) = d(N) + ln((N−1)/N) is negative too."""
    start = sp.digamma(kdf / 2) + sp.log(2 / n_of_k)
    ratio = kdf / n_of_k
    log_negative = Lemma(
        "ln y < 0 for 0 < y < 1",
        "y = (N − 1)/N",
        (Condition(sp.Lt(ratio, 1), Smt(), "(N − 1)/N < 1"),
         Condition(sp.Gt(ratio, 0), Algebra(), "(N − 1)/N > 0")),
    )
    return Derivation(
        "thm-2/gaussian: the mle log-variance drift is negative for every N ≥ 2",
        start,
        [
            Step("=", sp.digamma(kdf / 2) - sp.log(kdf / 2) + sp.log(ratio), Algebra(),
                 "ln(2/N) = −ln(k/2) + ln(k/N) with k = N − 1"),
            Step("<", -1 / kdf + sp.log(ratio), binet_lemma(), "ψ(x) − ln x < −1/(2x)"),
            Step("<", -1 / kdf, log_negative, "ln((N − 1)/N) < 0"),
            Step("<", sp.Integer(0), Algebra(), "k > 0"),
        ],
        goal=(start, "<", 0),
        hypotheses=(sp.Ge(kdf, 1),),
    )


def log_drift_tail_z3(start: object = 16) -> SmtResult:
    """z3: U(x) = −1/(12x²) + 1/(120x⁴) < 0 for x ≥ ``start`` (the tail of the digamma bound)."""
    return prove(sp.Lt(-1 / (12 * x**2) + 1 / (120 * x**4), 0), [sp.Ge(x, sp.Rational(start))])


def strong_law_collapse() -> Derivation:
    """(1/t) ln σ²_t → d(N) < 0 almost surely, hence σ_t → 0 a.s. (unbiased refit).

    ln σ²_t = ln σ²_0 + Σ_{s<t} L_s with L_s = ln(X_s/(N − 1)) i.i.d., E L = d(N) finite and
    Var L = ψ'((N − 1)/2) finite; the strong law gives (1/t) Σ L_s → d(N) a.s.
    """
    rate = sp.Function("ell")(kdf)  # lim_t (1/t) ln σ²_t, an almost-sure limit
    info = chi2_log_moment()
    mean_l = info["log_mean"] - sp.log(kdf)
    slln = Lemma(
        "strong law of large numbers for the i.i.d. log factors L_s = ln(X_s/k)",
        "(1/t) Σ_{s<t} L_s → E L almost surely when E|L| < ∞",
        (
            Condition(sp.Eq(mean_l, sp.digamma(kdf / 2) + sp.log(2 / kdf)), Algebra(),
                      "E L = E ln X − ln k = ψ(k/2) + ln 2 − ln k"),
            Condition(sp.Eq(info["log_variance"], sp.polygamma(1, kdf / 2)), Algebra(),
                      "Var L = ψ'(k/2) < ∞, so E|L| < ∞"),
        ),
    )
    return Derivation(
        "thm-2/gaussian: unbiased refit, σ_t → 0 almost surely",
        rate,
        [
            Step("=", sp.digamma(kdf / 2) + sp.log(2 / kdf), slln, "ln σ²_t/t → E L"),
            Step("=", sp.digamma(kdf / 2) - sp.log(kdf / 2), Algebra(), "x = k/2"),
            Step("<", -1 / kdf, binet_lemma(), "ψ(x) − ln x < −1/(2x)"),
        ],
        goal=(rate, "<", -1 / kdf),
        hypotheses=(sp.Ge(kdf, 1),),
        description="a negative almost-sure growth rate of ln σ²_t means ln σ²_t → −∞",
    )
