"""The contraction family: eq-4-5 (contraction lemma), prop-1, lem-7, thm-5 (scope).

Statements are in our words; the paper is cited by section and equation (v2).
"""

from __future__ import annotations

from fractions import Fraction

import mpmath
import sympy as sp

from numerics import contraction as num
from proofs import contraction as pf
from theorems import evidence as ev
from theorems.model import CheckResult, Claim, Outcome, Verdict
from theorems.shorthand import (
    PROOF,
    REF,
    SAMPLED,
    SUP,
    TINY,
    M,
    S,
    Z,
    check,
)

# --- eq-4-5 ------------------------------------------------------------------------------


def _eq45_induction() -> CheckResult:
    return ev.from_derivations(
        [
            pf.contraction_step(),
            pf.contraction_closed_form(),
            pf.contraction_recurrence_of_closed_form(),
        ]
    )


def _eq45_z3() -> CheckResult:
    queries = [("induction step (p = c^n, s = Σc^i)", pf.contraction_step_z3())]
    queries += [(f"unrolled n = {k}", pf.contraction_unrolled(k)) for k in (1, 2, 3, 5)]
    return ev.from_smt_all(queries)


def _eq45_floor() -> CheckResult:
    f = pf.contraction_floor()
    delta = pf.delta
    ok = (
        sp.simplify(f["limit_at_c_half"] - 2 * delta) == 0
        and sp.simplify(f["floor_in_alpha"] - delta / pf.alpha) == 0
        and f["limit_alpha_to_0"] is sp.oo
    )
    detail = (
        f"floor δ(1−c^n)/(1−c) at c = 1/2 tends to {f['limit_at_c_half']}; with c = 1 − α the "
        f"floor is {f['floor_in_alpha']}, and as α → 0+ (δ = 1) it tends to "
        f"{f['limit_alpha_to_0']}: the bound becomes vacuous, it does not prove collapse"
    )
    return ev.numeric(ok, detail) if not ok else CheckResult(Outcome.SUPPORTS, detail)


def _eq45_mpmath() -> CheckResult:
    cases = [("1/2", "1/10", "3", 60), ("9/10", "1/100", "1", 200), ("1", "1/7", "2", 50)]
    gaps = [num.contraction_gap(*case) for case in cases]
    worst = max(gaps)
    return ev.numeric(
        worst < TINY,
        f"worst case D_(t+1) = c D_t + δ iterated at 50 digits matches c^n D_0 + δ Σ c^i on "
        f"{len(cases)} cases; largest relative gap {mpmath.nstr(worst, 3)}",
    )


# --- prop-1 ------------------------------------------------------------------------------


def _prop1_sympy() -> CheckResult:
    return ev.from_derivations(
        [pf.idealised_closed_form_step(), pf.idealised_closed_form_direct(), pf.idealised_tv()]
    )


def _prop1_z3() -> CheckResult:
    return ev.from_smt_all(
        [(f"K = 3, t = {k}: TV identity", pf.idealised_tv_z3(3, k)) for k in (1, 2, 3)]
        + [("K = 4, t = 2: TV identity", pf.idealised_tv_z3(4, 2))]
    )


def _prop1_mpmath() -> CheckResult:
    cases = [
        (["1/3", "1/3", "1/3"], ["1/2", "1/4", "1/4"], "1/10", 80),
        (["0.7", "0.2", "0.1"], ["0", "0", "1"], "0.5", 40),
        (["1/4"] * 4, ["1", "0", "0", "0"], "1/100", 300),
    ]
    worst = max(num.idealised_gap(*case) for case in cases)
    return ev.numeric(
        worst < TINY,
        f"iterated update vs closed form and TV identity at 50 "
        f"digits: largest gap {mpmath.nstr(worst, 3)}",
    )


# --- lem-7 -------------------------------------------------------------------------------


def _lem7_sympy() -> CheckResult:
    return ev.from_derivation(pf.self_reference_pointwise())


def _lem7_z3() -> CheckResult:
    return ev.from_smt_all(pf.self_reference_z3(3) + pf.self_reference_z3(4))


def _lem7_mpmath() -> CheckResult:
    cases = [
        (["1/3", "1/3", "1/3"], ["1/2", "1/4", "1/4"], "1/10"),
        (["0.7", "0.2", "0.1"], ["0", "0", "1"], "0.999"),
        (["1/7"] * 7, ["1"] + ["0"] * 6, "1/1000"),
    ]
    worst = max(num.self_reference_gap(*case) for case in cases)
    return ev.numeric(
        worst < TINY, f"TV(P', Q) vs α TV(P, Q) at 50 digits: largest gap {mpmath.nstr(worst, 3)}"
    )


# --- thm-5 -------------------------------------------------------------------------------


def _thm5_sufficient_sympy() -> CheckResult:
    return ev.from_derivations([pf.scope_product_step(), pf.one_minus_x_below_exp()])


def _thm5_sufficient_z3() -> CheckResult:
    return ev.from_smt(pf.scope_sufficient_z3(), "product bound step")


def _thm5_sharp_sympy() -> CheckResult:
    facts = pf.harmonic_schedule_product()
    summable_ok = facts["summable_product"].equals((pf.t + 2) / (2 * (pf.t + 1))) is True and facts[
        "summable_limit"
    ] == sp.Rational(1, 2)
    res = ev.from_derivations(
        [pf.scope_product_step(), pf.one_minus_x_below_exp(), pf.log_one_minus_x_lower()]
    )
    if res.outcome is Outcome.SUPPORTS and not summable_ok:
        return CheckResult(Outcome.UNDECIDED, "summable-schedule example did not check")
    res.detail += (
        f"; summable example α_t = 1/(t+2)^2: Π(1 − α_s) = {facts['summable_product']} → "
        f"{facts['summable_limit']}, so Q_t stops halfway: Σα_t = ∞ is needed"
    )
    return res


def _thm5_sharp_mpmath() -> CheckResult:
    t = 2000
    harmonic = num.schedule_distance([Fraction(1, s + 2) for s in range(t)])
    summable = num.schedule_distance([Fraction(1, (s + 2) ** 2) for s in range(t)])
    with mpmath.workdps(60):
        ok_h = abs(harmonic[-1] - mpmath.mpf(1) / (t + 1)) < TINY
        ok_s = abs(summable[-1] - mpmath.mpf(t + 2) / (2 * (t + 1))) < TINY
    return ev.numeric(
        ok_h and ok_s,
        f"after {t} steps: harmonic schedule distance ratio {mpmath.nstr(harmonic[-1], 12)} "
        f"(= 1/(t+1)), summable schedule {mpmath.nstr(summable[-1], 12)} (= (t+2)/(2(t+1)))",
    )


def _thm5_vanishing() -> CheckResult:
    facts = pf.harmonic_schedule_product()
    ok = (
        sp.simplify(facts["harmonic_product"] - 1 / (pf.t + 1)) == 0
        and facts["harmonic_limit"] == 0
        and facts["harmonic_alpha_limit"] == 0
    )
    if not ok:
        return CheckResult(Outcome.UNDECIDED, f"sympy gave {facts}")
    return ev.refuted_by(
        "counterexample: α_t = 1/(t+2) → 0, yet TV(Q_t, P) = TV(Q_0, P)·Π_{s<t}(1 − α_s) = "
        f"TV(Q_0, P)·{facts['harmonic_product']} → 0 (sympy product and limit, exact): the "
        "idealised loop converges to P although α_t → 0",
        product=str(facts["harmonic_product"]),
    )


CLAIMS: list[Claim] = [
    Claim(
        id="eq-4-5",
        title="Contraction lemma and its floor",
        statement=(
            "If $D_{t+1} \\le c D_t + \\delta$ with $c \\in (0,1]$, $\\delta \\ge 0$, then "
            "$D_n \\le c^n D_0 + \\delta \\sum_{i<n} c^i$; for $c < 1$ the floor is "
            "$\\delta(1-c^n)/(1-c) \\to \\delta/(1-c)$, and with $c = 1-\\alpha$ it is "
            "$\\delta/\\alpha$, which grows without bound as $\\alpha \\to 0$."
        ),
        location="v2 §2, eqs. 4–5 (repeated in §5.3 as eqs. 18–19)",
        hypotheses=("c ∈ (0, 1]", "δ ≥ 0", "D_{t+1} ≤ c D_t + δ for all t"),
        divergence=(
            "The lemma is an upper bound. The paper reads the growing floor δ/α as evidence of "
            "collapse; it only shows the bound becomes uninformative as α → 0."
        ),
        checks=(
            check(
                "induction",
                S,
                PROOF,
                _eq45_induction,
                SUP,
                "induction step with p = c^n and s = Σ c^i, closed form of s",
            ),
            check(
                "z3-unrolled",
                Z,
                PROOF,
                _eq45_z3,
                SUP,
                "the induction step and the unrolled bound for n = 1, 2, 3, 5",
            ),
            check("floor", S, PROOF, _eq45_floor, SUP, "limits of the floor in n and α"),
            check(
                "mpmath-50",
                M,
                SAMPLED,
                _eq45_mpmath,
                SUP,
                "the worst-case recursion iterated at 50 digits",
            ),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="prop-1",
        title="The idealised update converges geometrically to P",
        statement=(
            "With unlimited capacity and constant $\\alpha \\in (0,1]$, "
            "$Q_{t+1} = \\alpha P + (1-\\alpha) Q_t$ gives "
            "$Q_t = (1-(1-\\alpha)^t) P + (1-\\alpha)^t Q_0$ and "
            "$\\mathrm{TV}(Q_t, P) = (1-\\alpha)^t\\, \\mathrm{TV}(Q_0, P) \\to 0$."
        ),
        location="v2 §2, Proposition 1",
        hypotheses=("α ∈ (0, 1] constant", "Q_{t+1} = αP + (1−α)Q_t (infinite capacity)"),
        uses=("def-2",),
        checks=(
            check(
                "closed-form",
                S,
                PROOF,
                _prop1_sympy,
                SUP,
                "induction step, closed form with symbolic t, pointwise TV factor",
            ),
            check("z3-tv", Z, PROOF, _prop1_z3, SUP, "TV identity for K = 3, 4 unrolled"),
            check("mpmath-50", M, SAMPLED, _prop1_mpmath, SUP, "iteration at 50 digits"),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="lem-7",
        title="Asymptotic self-reference: the training target approaches the model",
        statement=(
            "$\\mathrm{TV}(P'_t, Q_t) = \\alpha_t\\, \\mathrm{TV}(P, Q_t) \\le \\alpha_t$: the "
            "first inequality of the paper holds with equality."
        ),
        location="v2 §4, Lemma 7",
        hypotheses=("α_t ∈ [0, 1]", "P, Q_t probability vectors"),
        divergence="The paper states ≤; the first relation is in fact an equality.",
        uses=("def-2",),
        checks=(
            check("pointwise", S, PROOF, _lem7_sympy, SUP, "P' − Q = α(P − Q) pointwise"),
            check("z3-tv", Z, PROOF, _lem7_z3, SUP, "equality, TV ≤ 1 and the chain, K = 3, 4"),
            check("mpmath-50", M, SAMPLED, _lem7_mpmath, SUP, "50-digit evaluation"),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="thm-5",
        title="Scope: persistent grounding prevents collapse",
        statement=(
            "If $\\inf_t \\alpha_t > 0$ then $Q_t \\to P$ in the idealised loop; collapse "
            "therefore requires $\\alpha_t \\to 0$."
        ),
        location="v2 §3, Theorem 5 (new in v2)",
        v1="absent in v1, whose abstract called autonomous self-training inevitably degenerative",
        hypotheses=("idealised update Q_{t+1} = α_t P + (1−α_t) Q_t",),
        divergence=(
            "Proved as stated. The sharp criterion in the idealised model is Σ α_t = ∞, and the "
            "converse reading 'α_t → 0 implies collapse' is false: α_t = 1/(t+2) still "
            "converges. With α = 0 and no sampling noise, every Q_0 is a fixed point, not a "
            "collapse; with finite N see thm-4/divergence."
        ),
        uses=("prop-1",),
        headline="thm-5/sufficient",
    ),
    Claim(
        id="thm-5/sufficient",
        title="inf α_t > 0 ⇒ Q_t → P (idealised)",
        statement=(
            "$Q_t - P = \\prod_{s<t}(1-\\alpha_s)\\,(Q_0 - P)$, and if $\\alpha_s \\ge a > 0$ the "
            "product is at most $(1-a)^t \\to 0$."
        ),
        location="v2 §3, Theorem 5",
        hypotheses=("α_t ∈ [a, 1] with a > 0",),
        uses=("prop-1",),
        checks=(
            check(
                "product",
                S,
                PROOF,
                _thm5_sufficient_sympy,
                SUP,
                "one-step factor (1 − α_t) and 1 − x ≤ e^{−x}",
            ),
            check("z3-bound", Z, PROOF, _thm5_sufficient_z3, SUP, "the product bound step"),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="thm-5/sharp",
        title="Sharp criterion: Q_t → P for every Q_0 iff Σ α_t = ∞",
        statement=(
            "In the idealised loop, $\\prod_{s<t}(1-\\alpha_s) \\to 0$ iff "
            "$\\sum_t \\alpha_t = \\infty$ (for $\\alpha_t < 1$), via "
            "$1 - x \\le e^{-x}$ and $\\ln(1-x) \\ge -2x$ on $[0, 1/2]$."
        ),
        location="v2 §3, Theorem 5 (our sharpening)",
        hypotheses=("α_t ∈ [0, 1)",),
        uses=("thm-5/sufficient",),
        checks=(
            check(
                "inequalities",
                S,
                PROOF,
                _thm5_sharp_sympy,
                SUP,
                "the two elementary inequalities and a summable counter-schedule",
            ),
            check(
                "mpmath-50",
                M,
                SAMPLED,
                _thm5_sharp_mpmath,
                SUP,
                "harmonic vs summable schedules, 2000 steps at 50 digits",
            ),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="thm-5/vanishing-alpha",
        title="'α_t → 0 implies collapse' (idealised loop)",
        statement=(
            "Reading: whenever $\\alpha_t \\to 0$, the idealised loop fails to converge to $P$."
        ),
        location="v2 §3, the sentence after Theorem 5; v1 abstract",
        divergence="Refuted by α_t = 1/(t+2), which tends to 0 but has a divergent sum.",
        uses=("thm-5/sharp",),
        checks=(
            check(
                "counterexample",
                S,
                PROOF,
                _thm5_vanishing,
                REF,
                "exact product and limits for α_t = 1/(t+2)",
            ),
        ),
        expected=Verdict.REFUTED,
    ),
]
