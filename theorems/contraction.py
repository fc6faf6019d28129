"""The contraction family: eq-4-5 (contraction lemma), prop-1, lem-7, thm-5 (scope).

Statements are in our words; the paper is cited by section and equation (v2). Each claim's
mathematics is its formal goal (``proofs.contraction.*_GOAL``), printed into the statement's
``{goal}`` slot; the proof-strength checks conclude that goal (by induction, termwise sums
and lemma schemas), and checks of special cases (unrolled n, K = 3, 4) are labelled
instances: exact evidence, not proof.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath
import sympy as sp

from numerics import contraction as num
from numerics import entropy as nent
from numerics import variance as nvar
from proofs import contraction as pf
from proofs.smt import prove
from theorems import evidence as ev
from theorems.model import Check, CheckResult, Claim, Method, Outcome, Strength, Verdict
from theorems.shorthand import TINY

# --- eq-4-5 ------------------------------------------------------------------------------


def _eq45_induction() -> CheckResult:
    return ev.from_derivations([pf.contraction_induction()])


def _eq45_closed_form() -> CheckResult:
    return ev.from_derivations(
        [pf.contraction_closed_form(), pf.contraction_recurrence_of_closed_form()]
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
    return ev.from_derivations([pf.idealised_induction(), pf.idealised_tv_general()])


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
    return ev.from_derivations(pf.self_reference_general())


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
    return ev.from_derivations([pf.scope_induction()])


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


# --- thm-5 in the finite-sample loop of eq. 9 (N fixed) ------------------------------------
#
# With Q_{t+1} the empirical law of N draws from M_t = α_t P + (1 − α_t) Q_t,
# E[G(Q_{t+1}) | Q_t] = (1 − 1/N) G(M_t) (thm-2/gini). Two coordinate-wise inequalities for
# p, q, α ∈ [0, 1], summed with Σ q = 1, bound G(M) on both sides for every support size K:
#   q² − m² ≤ 2αq            ⇒  G(M) ≤ G(Q) + 2α
#   m² ≤ α p² + (1 − α) q²   ⇒  G(M) ≥ α G(P) + (1 − α) G(Q) ≥ α G(P)
# with m = αp + (1 − α)q.

_p, _q, _a = sp.symbols("p q alpha", real=True)
_UNIT = [sp.Le(0, _p), sp.Le(_p, 1), sp.Le(0, _q), sp.Le(_q, 1), sp.Le(0, _a), sp.Le(_a, 1)]
_m = _a * _p + (1 - _a) * _q

#: schedules with α_t → 0, from fast to very slow (t ≥ 0)
_VANISHING = {
    "1/(t+2)": lambda t: 1 / (t + 2),
    "(t+2)^(-1/2)": lambda t: (t + 2) ** -0.5,
    "1/ln(t+3)": lambda t: 1 / mpmath.log(t + 3),
}


def _squares(t: int) -> Fraction:
    """α_t = 1/2 when t is a perfect square, else 0: inf α_t = 0, Σ α_t = ∞, α_t ↛ 0."""
    r = int(mpmath.sqrt(t)) if t else 0
    while r * r > t:
        r -= 1
    while (r + 1) * (r + 1) <= t:
        r += 1
    return Fraction(1, 2) if r * r == t else Fraction(0)


def _limsup_step() -> object:
    """z3: a limsup L of a sequence in [0, 1] with L ≤ c·L, 0 ≤ c < 1 is 0."""
    big_l, c = sp.symbols("L c", real=True)
    return prove(sp.Eq(big_l, 0), [sp.Le(0, big_l), sp.Le(big_l, 1), sp.Le(0, c), sp.Lt(c, 1),
                                   sp.Le(big_l, c * big_l)])


def _thm5_finite_vanishing_z3() -> CheckResult:
    upper = prove(sp.Le(_q**2 - _m**2, 2 * _a * _q), _UNIT)
    return ev.from_smt_all([
        ("coordinate bound q² − m² ≤ 2αq (so G(M) ≤ G(Q) + 2α for every K)", upper),
        ("limsup step: L ≤ (1 − 1/N) L with L ∈ [0, 1] forces L = 0", _limsup_step()),
    ])


def _thm5_finite_vanishing_exact() -> CheckResult:
    n, horizon = 10, 20000
    p = ["1/2", "3/10", "1/5"]
    lines, ok = [], True
    for name, fn in _VANISHING.items():
        alphas = [float(fn(t)) for t in range(horizon)]
        g = nent.gini_trajectory(p, n, alphas, exact=False)
        # the bound a_{t+1} ≤ (1 − 1/N)(a_t + 2α_t) iterated from the middle of the run
        bound = g[horizon // 2]
        for t in range(horizon // 2, horizon):
            bound = (1 - 1 / n) * (bound + 2 * alphas[t])
        ok &= g[-1] <= bound + 1e-12 and g[-1] < g[horizon // 10] < g[0]
        lines.append(f"α_t = {name}: E[G] {g[0]:.4f} → {g[horizon // 10]:.4f} (t = "
                     f"{horizon // 10}) → {g[-1]:.5f} (t = {horizon}), bound {bound:.5f}")
    v = nvar.drift_variance([Fraction(1, t + 2) for t in range(400)], Fraction(1, n))
    ok &= v[400] > v[200] > v[100]
    lines.append(f"drift variance with α_t = 1/(t+2), s² = 1/N: v_100 = {float(v[100]):.3f}, "
                 f"v_200 = {float(v[200]):.3f}, v_400 = {float(v[400]):.3f} (grows as t/(3N))")
    return ev.numeric(ok, "exact E[G(Q_t)] recursion (eq. 9, N = 10, P = (.5,.3,.2)): "
                      + "; ".join(lines))


def _thm5_converse_refuted() -> CheckResult:
    k, s2, u = sp.symbols("k s2 u", real=True)
    step = prove(sp.Ge(u / 4 + (2 * k + 1) * s2, (k + 1) * s2),
                 [sp.Ge(k, 1), sp.Gt(s2, 0), sp.Ge(u, k * s2)])
    if step.status != "proved":
        return CheckResult(Outcome.UNDECIDED, f"induction step: {step.summary()}")
    horizon = 60**2
    alphas = [_squares(t) for t in range(horizon)]
    v = nvar.drift_variance(alphas, 1)
    at_squares = [v[j * j] for j in range(1, 61)]
    exact_ok = all(x >= j for j, x in enumerate(at_squares, start=1))
    spikes = sum(1 for a in alphas if a == Fraction(1, 2))
    if not exact_ok:
        return CheckResult(Outcome.UNDECIDED, "exact recursion disagrees with the induction")
    return ev.refuted_by(
        "counterexample in the drift recursion of Theorem 4 (fixed noise s²): α_t = 1/2 at "
        "every perfect square t, else 0, so α_t does not tend to 0 (it is 1/2 infinitely "
        "often; inf α_t = 0, Σ α_t = ∞). Yet u_k = v_{k²} obeys u_{k+1} = u_k/4 + (2k+1)s² and "
        "u_1 ≥ s², and z3 proves the induction step u_k ≥ k s² ⇒ u_{k+1} ≥ (k+1)s², so "
        "v_{k²} ≥ k s² → ∞ (and v_t ≥ v_{k²}/4 between squares): Theorem 4's divergence "
        f"occurs without α_t → 0. Exact recursion, s² = 1: v_(k²) for k = 10, 30, 60 = "
        f"{float(at_squares[9]):.2f}, {float(at_squares[29]):.2f}, {float(at_squares[59]):.2f}; "
        f"{spikes} spikes of α = 1/2 in {horizon} steps",
        induction_step=step.summary(),
    )


def _thm5_converse_diversity_z3() -> CheckResult:
    lower = prove(sp.Le(_m**2, _a * _p**2 + (1 - _a) * _q**2), _UNIT)
    return ev.from_smt_all([
        ("coordinate bound m² ≤ αp² + (1 − α)q² (so G(M) ≥ αG(P) + (1 − α)G(Q) ≥ αG(P))",
         lower),
    ])


def _thm5_converse_diversity_exact() -> CheckResult:
    n, horizon = 10, 2500
    p = ["1/2", "3/10", "1/5"]
    gp = nent.gini(p)
    alphas = [float(_squares(t)) for t in range(horizon)]
    g = nent.gini_trajectory(p, n, alphas, exact=False)
    floor = (1 - 1 / n) * 0.5 * float(gp)
    after = [g[j * j + 1] for j in range(1, 50)]
    ok = min(after) >= floor - 1e-12
    return ev.numeric(
        ok,
        f"α_t = 1/2 at perfect squares, else 0 (N = {n}, G(P) = {float(gp):.3f}): E[G(Q_t)] "
        f"right after each spike stays ≥ (1 − 1/N)·½·G(P) = {floor:.4f} (min {min(after):.4f}) "
        f"while between spikes it falls to {min(g):.4f}: no vanishing diversity without "
        "α_t → 0",
    )

def _thm5_vanishing_every_k() -> CheckResult:
    return ev.from_derivations([pf.mixture_diversity_upper(), pf.limsup_step()])


def _thm5_converse_diversity_every_k() -> CheckResult:
    return ev.from_derivations([pf.mixture_diversity_lower()])


SUPPORTS, REFUTES = Outcome.SUPPORTS, Outcome.REFUTES

CLAIMS: list[Claim] = [
    Claim(
        id="eq-4-5",
        model="contraction",
        title="Contraction lemma and its floor",
        goal=pf.EQ45_GOAL,
        statement=(
            "If $D_{t+1} \\le c D_t + \\delta$ for every $t$, with $c \\in (0,1]$ and "
            "$\\delta \\ge 0$, then for every $n$: {goal}. For $c < 1$ the floor is "
            "$\\delta(1-c^n)/(1-c) \\to \\delta/(1-c)$, and with $c = 1-\\alpha$ it is "
            "$\\delta/\\alpha$, which grows without bound as $\\alpha \\to 0$."
        ),
        location="v2 §2, eqs. 4–5 (repeated in §5.3 as eqs. 18–19)",
        hypotheses=("c ∈ (0, 1]", "δ ≥ 0", "D_{t+1} ≤ c D_t + δ for all t"),
        divergence=(
            "The lemma is an upper bound. The paper reads the growing floor δ/α as evidence of "
            "collapse; it only shows the bound becomes uninformative as α → 0. The bound is "
            "proved by induction on n (base case and step both checked); the floor's limits "
            "are computed at c = 1/2 and δ = 1, so they are exact instances, not a proof."
        ),
        checks=(
            Check(
                name="induction",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_eq45_induction,
                expect=SUPPORTS,
                description="induction on n: base case n = 0 and the step n → n + 1",
            ),
            Check(
                name="closed-form",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_eq45_closed_form,
                expect=SUPPORTS,
                instance="the geometric sum Σ_{i<n} c^i = (1 − c^n)/(1 − c), c ≠ 1",
                description="closed form of the geometric sum and its recursion",
            ),
            Check(
                name="z3-unrolled",
                method=Method.Z3,
                strength=Strength.PROOF,
                run=_eq45_z3,
                expect=SUPPORTS,
                instance="n = 1, 2, 3, 5 unrolled, and the step with p = c^n, s = Σ c^i",
                description="the induction step and the unrolled bound for n = 1, 2, 3, 5",
            ),
            Check(
                name="floor",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_eq45_floor,
                expect=SUPPORTS,
                instance="c = 1/2 for the limit in n, δ = 1 for the limit in α",
                description="limits of the floor in n and α",
            ),
            Check(
                name="mpmath-50",
                method=Method.MPMATH,
                strength=Strength.SAMPLED,
                run=_eq45_mpmath,
                expect=SUPPORTS,
                description="the worst-case recursion iterated at 50 digits",
            ),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="prop-1",
        model="idealised",
        title="The idealised update converges geometrically to P",
        goal=pf.PROP1_GOAL,
        statement=(
            "With unlimited capacity and constant $\\alpha \\in (0,1]$, the update "
            "$Q_{t+1} = \\alpha P + (1-\\alpha) Q_t$ (each outcome's probability) gives, for "
            "every $t$ and every number $K$ of outcomes: {goal}; the second identity is "
            "$\\mathrm{TV}(Q_t, P) = (1-\\alpha)^t\\, \\mathrm{TV}(Q_0, P)$, which tends to 0."
        ),
        location="v2 §2, Proposition 1",
        hypotheses=("α ∈ (0, 1] constant", "Q_{t+1} = αP + (1−α)Q_t (infinite capacity)"),
        divergence=(
            "Proved as stated: the closed form by induction on t (base case and step), the TV "
            "identity for symbolic K termwise. The z3 checks for K = 3, 4 are instances."
        ),
        uses=("def-2",),
        checks=(
            Check(
                name="closed-form",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_prop1_sympy,
                expect=SUPPORTS,
                description="closed form by induction on t; TV identity for every K",
            ),
            Check(
                name="z3-tv",
                method=Method.Z3,
                strength=Strength.PROOF,
                run=_prop1_z3,
                expect=SUPPORTS,
                instance="K = 3 with t = 1, 2, 3 and K = 4 with t = 2, unrolled",
                description="TV identity for K = 3, 4 unrolled",
            ),
            Check(
                name="mpmath-50",
                method=Method.MPMATH,
                strength=Strength.SAMPLED,
                run=_prop1_mpmath,
                expect=SUPPORTS,
                description="iteration at 50 digits",
            ),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="lem-7",
        model="idealised",
        title="Asymptotic self-reference: the training target approaches the model",
        goal=pf.LEM7_GOAL,
        statement=(
            "With $P'_t = \\alpha_t P + (1-\\alpha_t) Q_t$, for every number $K$ of outcomes: "
            "{goal}, i.e. $\\mathrm{TV}(P'_t, Q_t) = \\alpha_t\\, \\mathrm{TV}(P, Q_t) \\le "
            "\\alpha_t$: the first inequality of the paper holds with equality."
        ),
        location="v2 §4, Lemma 7",
        hypotheses=("α_t ∈ [0, 1]", "P, Q_t probability vectors"),
        divergence="The paper states ≤; the first relation is in fact an equality.",
        uses=("def-2",),
        checks=(
            Check(
                name="termwise",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_lem7_sympy,
                expect=SUPPORTS,
                description="P' − Q = α(P − Q) termwise, then linearity of the sum (every K)",
            ),
            Check(
                name="z3-tv",
                method=Method.Z3,
                strength=Strength.PROOF,
                run=_lem7_z3,
                expect=SUPPORTS,
                instance="K = 3, 4",
                description="equality, TV ≤ 1 and the chain, K = 3, 4",
            ),
            Check(
                name="mpmath-50",
                method=Method.MPMATH,
                strength=Strength.SAMPLED,
                run=_lem7_mpmath,
                expect=SUPPORTS,
                description="50-digit evaluation",
            ),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="thm-5",
        title="Scope: persistent grounding prevents collapse",
        statement=(
            "If $\\inf_t \\alpha_t > 0$ then $Q_t \\to P$ in the idealised loop; "
            "conversely, the degenerative dynamics of Theorems 2 and 4 require "
            "$\\alpha_t \\to 0$."
        ),
        location="v2 §3, Theorem 5 (new in v2)",
        v1="absent in v1, whose abstract called autonomous self-training inevitably degenerative",
        hypotheses=("idealised update Q_{t+1} = α_t P + (1−α_t) Q_t for the sufficient half",
                    "finite-sample loop of eq. 9 (N fixed) for the converse"),
        divergence=(
            "As written the theorem is the conjunction of its two halves. The sufficient half "
            "is proved (idealised map; sharp criterion Σ α_t = ∞). The converse is decided in "
            "the finite-sample dynamics the theorems it cites live in, including schedules "
            "with inf α_t = 0 that do not tend to 0 (not inf α_t > 0 is not α_t → 0): for "
            "Theorem 2's diversity it holds (E[G(Q_t)] → 0 only if α_t → 0, "
            "thm-5/converse-diversity), but Theorem 4's divergence occurs under α_t = 1/2 at "
            "perfect squares and 0 elsewhere (thm-5/converse), so the theorem as written is "
            "refuted. Earlier the verdict covered only the sufficient half (proved)."
        ),
        uses=("prop-1",),
        model="idealised",
    ),
    Claim(
        id="thm-5/sufficient",
        title="inf α_t > 0 ⇒ Q_t → P (idealised)",
        goal=pf.SCOPE_GOAL,
        statement=(
            "If $a \\le \\alpha_s \\le 1$ for every $s$, with $a > 0$, then for every $t$: "
            "{goal}, and $(1-a)^t \\to 0$."
        ),
        location="v2 §3, Theorem 5",
        hypotheses=("α_t ∈ [a, 1] with a > 0",),
        divergence=(
            "The bound is proved by induction on t; the limit (1 − a)^t → 0 for 0 < a ≤ 1 is "
            "elementary and not part of the formal goal."
        ),
        uses=("prop-1",),
        role="part",
        model="idealised",
        checks=(
            Check(
                name="induction",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_thm5_sufficient_sympy,
                expect=SUPPORTS,
                description="induction on t: each step multiplies |Q − P| by 1 − α_t ≤ 1 − a",
            ),
            Check(
                name="z3-bound",
                method=Method.Z3,
                strength=Strength.PROOF,
                run=_thm5_sufficient_z3,
                expect=SUPPORTS,
                instance="one step of the product bound",
                description="the product bound step",
            ),
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
        divergence=(
            "Supported, not proved: the two elementary inequalities are proved (from the mean "
            "value theorem schema), but their assembly into the 'iff' (bounding the product "
            "by exponentials of the partial sums, then the limits) is argued, not checked."
        ),
        uses=("thm-5/sufficient",),
        model="idealised",
        checks=(
            Check(
                name="inequalities",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_thm5_sharp_sympy,
                expect=SUPPORTS,
                instance="the two elementary inequalities only, not their assembly",
                description="the two elementary inequalities and a summable counter-schedule",
            ),
            Check(
                name="mpmath-50",
                method=Method.MPMATH,
                strength=Strength.SAMPLED,
                run=_thm5_sharp_mpmath,
                expect=SUPPORTS,
                description="harmonic vs summable schedules, 2000 steps at 50 digits",
            ),
        ),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="thm-5/vanishing-alpha",
        title="α_t → 0 forces collapse in the finite-sample loop (eq. 9, N fixed)",
        goal=pf.VANISHING_GOAL,
        statement=(
            "In the loop of eq. 9 with $N$ draws per generation and $N$ fixed, every schedule "
            "$\\alpha_t \\to 0$ gives $\\mathbb{E}[G(Q_t)] \\to 0$ (Gini–Simpson diversity "
            "$G = 1 - \\sum_x Q(x)^2$, any support size $K$) and, with fixed per-step noise, "
            "a diverging drift variance. The formal goal, for every $K$, with "
            "$m_x = \\alpha p_x + (1-\\alpha) q_x$ and a limsup $L$: {goal}. So "
            "$G(M) \\le G(Q) + 2\\alpha$, with thm-2/gini "
            "$\\mathbb{E}[G(Q_{t+1})] \\le (1 - 1/N)(\\mathbb{E}[G(Q_t)] + 2\\alpha_t)$, and "
            "the limsup of $\\mathbb{E}[G(Q_t)]$ satisfies $L \\le (1 - 1/N) L$."
        ),
        location="v2 §3, the sentence after Theorem 5; v1 abstract",
        hypotheses=("N fixed", "P on a finite set", "α_t ∈ [0, 1], α_t → 0"),
        divergence=(
            "Decided in the paper's own finite-sample model, where it is proved for every "
            "vanishing schedule, however slowly it vanishes (the contraction 1 − 1/N per step "
            "does not weaken). Earlier decided in the idealised map only, where it is false "
            "(thm-5/vanishing-alpha-idealised) but where the paper claims no collapse. The "
            "formal goal is the diversity bound for every K (termwise, summed with symbolic K) "
            "and the limsup step; the passage from them to the limit through thm-2/gini's "
            "identity (limsup of a_{t+1} ≤ c(a_t + 2α_t) with α_t → 0) is elementary and not "
            "part of the goal, like the limit of thm-5/sufficient; the drift half is "
            "thm-4/divergence."
        ),
        uses=("thm-2/gini", "thm-4/divergence"),
        checks=(
            Check(
                name="bounds-for-every-K",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_thm5_vanishing_every_k,
                expect=Outcome.SUPPORTS,
                description="Σ(q² − m²) ≤ 2αΣq² for symbolic K (termwise bound, sum schema), "
                "and the limsup step",
            ),
            Check(
                name="coordinate-bound",
                method=Method.Z3,
                strength=Strength.PROOF,
                run=_thm5_finite_vanishing_z3,
                expect=Outcome.SUPPORTS,
                instance="one coordinate (q² − m² ≤ 2αq for p, q ∈ [0, 1]) and the limsup step",
                description="z3: the coordinate bound behind G(M) ≤ G(Q) + 2α, and the limsup step",
            ),
            Check(
                name="exact-recursion",
                method=Method.EXACT,
                strength=Strength.SAMPLED,
                run=_thm5_finite_vanishing_exact,
                expect=Outcome.SUPPORTS,
                description="exact E[G(Q_t)] recursion for three vanishing schedules, 20000 steps",
            ),
        ),
        expected=Verdict.PROVED,
        model="finite-sample",
    ),
    Claim(
        id="thm-5/vanishing-alpha-idealised",
        title="'α_t → 0 implies collapse' in the idealised map (not the paper's model)",
        statement=(
            "Reading: whenever $\\alpha_t \\to 0$, the idealised loop fails to converge to $P$."
        ),
        location="v2 §3, the sentence after Theorem 5, read in the idealised map",
        divergence=(
            "Refuted by α_t = 1/(t+2), which tends to 0 but has a divergent sum. A labelled "
            "extra: the idealised map has no sampling noise and the paper does not claim "
            "collapse there."
        ),
        uses=("thm-5/sharp",),
        checks=(
            Check(
                name="counterexample",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_thm5_vanishing,
                expect=REFUTES,
                description="exact product and limits for α_t = 1/(t+2)",
            ),
        ),
        expected=Verdict.REFUTED,
        role="extra",
        model="idealised",
    ),
    Claim(
        id="thm-5/converse",
        title="Converse: Theorems 2 and 4 degenerate only if α_t → 0",
        statement=(
            "In the finite-sample dynamics (eq. 9 with $N$ fixed; Theorem 4's drift recursion "
            "$v_{t+1} = (1-\\alpha_t)^2 v_t + s^2$), the degenerative behaviour of Theorems 2 "
            "and 4 (vanishing diversity, diverging drift variance) occurs only when "
            "$\\alpha_t \\to 0$."
        ),
        location="v2 §3, Theorem 5 ('conversely')",
        hypotheses=("N fixed", "per-step noise of fixed variance s² > 0"),
        divergence=(
            "Refuted for Theorem 4: α_t = 1/2 at perfect squares and 0 elsewhere does not tend "
            "to 0 (inf α_t = 0, Σ α_t = ∞), yet v_{k²} ≥ k s² → ∞. The weaker statement "
            "'degeneration requires inf α_t = 0' is the contrapositive of a bounded drift "
            "under inf α_t ≥ a > 0 (v_t ≤ s²/(a(2−a)) + v_0); for Theorem 2's diversity the "
            "converse as written holds (thm-5/converse-diversity)."
        ),
        uses=("thm-4/recursion",),
        checks=(
            Check(
                name="inf-zero-schedule",
                method=Method.Z3,
                strength=Strength.PROOF,
                run=_thm5_converse_refuted,
                expect=Outcome.REFUTES,
                description=(
                    "z3 induction step and the exact drift recursion on the perfect-square "
                    "schedule"
                ),
            ),
        ),
        expected=Verdict.REFUTED,
        role="part",
        model="drift",
    ),
    Claim(
        id="thm-5/converse-diversity",
        title="Diversity vanishes only if α_t → 0 (eq. 9, N fixed)",
        goal=pf.CONVERSE_DIVERSITY_GOAL,
        statement=(
            "In the loop of eq. 9 with $N$ fixed and $G(P) > 0$: for every support size $K$, "
            "with $m_x = \\alpha p_x + (1-\\alpha) q_x$, {goal}, i.e. "
            "$G(M) \\ge \\alpha G(P) + (1-\\alpha) G(Q) \\ge \\alpha G(P)$; with thm-2/gini "
            "$\\mathbb{E}[G(Q_{t+1})] \\ge (1 - 1/N)\\,\\alpha_t\\,G(P)$, so "
            "$\\mathbb{E}[G(Q_t)] \\to 0$ only if $\\alpha_t \\to 0$; with "
            "thm-5/vanishing-alpha, $\\mathbb{E}[G(Q_t)] \\to 0$ if and only if "
            "$\\alpha_t \\to 0$."
        ),
        location="v2 §3, Theorem 5 ('conversely'), for Theorem 2's dynamics",
        hypotheses=("N fixed", "G(P) > 0"),
        divergence=(
            "The half of the converse that holds, with the sharp finite-sample criterion for "
            "diversity collapse. It covers schedules with inf α_t = 0 that do not tend to 0: "
            "each generation with α_t ≥ a restores E[G] ≥ (1 − 1/N) a G(P). The formal goal is "
            "the convexity bound for every K (termwise, summed with symbolic K); the step "
            "through thm-2/gini's identity and the limit are elementary and not part of it."
        ),
        uses=("thm-2/gini", "thm-5/vanishing-alpha"),
        checks=(
            Check(
                name="lower-bound-every-K",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_thm5_converse_diversity_every_k,
                expect=Outcome.SUPPORTS,
                description="Σm² ≤ αΣp² + (1 − α)Σq² for symbolic K (termwise convexity, sum "
                "schema)",
            ),
            Check(
                name="coordinate-bound",
                method=Method.Z3,
                strength=Strength.PROOF,
                run=_thm5_converse_diversity_z3,
                expect=Outcome.SUPPORTS,
                instance="one coordinate",
                description="z3: convexity of x² coordinate-wise, hence G(M) ≥ α G(P)",
            ),
            Check(
                name="inf-zero-schedule",
                method=Method.EXACT,
                strength=Strength.SAMPLED,
                run=_thm5_converse_diversity_exact,
                expect=Outcome.SUPPORTS,
                description="exact E[G] recursion under the perfect-square schedule",
            ),
        ),
        expected=Verdict.PROVED,
        role="repair",
        model="finite-sample",
    ),
]
