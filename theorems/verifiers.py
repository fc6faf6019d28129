"""Remark 6: RL with imperfect verifiers ("semantic collapse").

The paper gives no model for the remark. Four are supplied as sub-claims and each is decided:
a fixed verifier (the general sentence, refuted for informative verifiers), proxy exploitation
(proved), KL-regularised updates (proved) and a learned verifier (proved: it reduces to the
self-training dynamics of thm-2).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction

import mpmath
import numpy as np
import sympy as sp

from numerics import verifiers as nv
from numerics.loops import verifier as lab
from numerics.stats import FamilyTest, shift_rate
from proofs import verifiers as pf
from theorems import evidence as ev
from theorems.model import (
    Check,
    CheckResult,
    Claim,
    Method,
    Outcome,
    Strength,
    Tier,
    Verdict,
)
from theorems.sampling import Attempt, max_shift_z, rate_power, sampled
from theorems.shorthand import TINY

# The exact counterexample to "a fixed imperfect verifier makes accuracy collapse".
CX_A0, CX_TPR, CX_FPR = Fraction(1, 4), Fraction(9, 10), Fraction(1, 5)


def _as_refutation(result: CheckResult, counterexample: str) -> CheckResult:
    """A proof of the negation (every informative verifier improves) refutes the claim.

    Only a fully successful proof becomes REFUTES; anything else stays UNDECIDED.
    """
    if result.outcome is Outcome.SUPPORTS:
        return ev.refuted_by(f"{result.detail}; {counterexample}", **result.data)
    return CheckResult(Outcome.UNDECIDED, result.detail, data=result.data)


def _cx_text() -> str:
    a1 = nv.verifier_accuracy(CX_A0, CX_TPR, CX_FPR, 1)
    a2 = nv.verifier_accuracy(CX_A0, CX_TPR, CX_FPR, 2)
    return (
        f"counterexample: the imperfect verifier TPR = {CX_TPR}, FPR = {CX_FPR} from "
        f"A_0 = {CX_A0} gives A_1 = {a1}, A_2 = {a2}, strictly increasing to 1 (exact)"
    )


# --- rem-6/fixed-verifier ------------------------------------------------------------------


def _fixed_sympy() -> CheckResult:
    res = ev.from_derivations(
        [
            pf.fixed_closed_form_base(),
            pf.fixed_closed_form_step(),
            pf.fixed_closed_form_direct(),
            pf.fixed_tail_bound(),
            pf.bernoulli_step(),
            pf.geometric_decay(),
        ]
    )
    a0 = sp.Symbol("A_0", positive=True)
    lim = pf.geometric_limit((1 - a0) / a0)
    if lim != 0:
        return CheckResult(Outcome.UNDECIDED, f"limit of the tail bound is {lim}, not 0")
    return _as_refutation(
        res,
        "so for FPR < TPR (ρ = FPR/TPR = 1/(1+h)), 1 − A_t ≤ (1−A_0)/A_0·ρ^t ≤ "
        "(1−A_0)/(A_0(1 + t h)) → 0 (sympy limit): A_t → 1; " + _cx_text(),
    )


def _fixed_z3() -> CheckResult:
    queries = pf.threshold_queries() + pf.fixed_point_queries()
    return _as_refutation(ev.from_smt_all(queries), _cx_text())


def _fixed_exact() -> CheckResult:
    steps = 40
    it = nv.filter_iterate(CX_A0, CX_TPR, CX_FPR, steps)
    closed = [nv.verifier_accuracy(CX_A0, CX_TPR, CX_FPR, t) for t in range(steps + 1)]
    rho = CX_FPR / CX_TPR
    bound_ok = all(1 - a <= (1 - CX_A0) / CX_A0 * rho**t for t, a in enumerate(it))
    increasing = all(b > a for a, b in itertools.pairwise(it))
    close = 1 - it[-1] < Fraction(1, 10**25)
    # finite N: the first generation's expected accuracy still rises (exact)
    pi0 = [Fraction(1, 4)] * 4
    accept = nv.acceptance_vector(4, 2, CX_TPR, CX_FPR)
    finite = nv.expected_refit_accuracy(pi0, accept, {0, 1}, 20)
    infinite = nv.filter_step(Fraction(1, 2), CX_TPR, CX_FPR)
    if not (it == closed and bound_ok and increasing and close and Fraction(1, 2) < finite):
        return CheckResult(Outcome.UNDECIDED, "the exact counterexample did not check")
    return ev.refuted_by(
        f"{_cx_text()}: iteration = closed form for t ≤ {steps}, strictly increasing, "
        f"1 − A_t ≤ 3·(2/9)^t at every t, 1 − A_{steps} = {float(1 - it[-1]):.3e}; at N = 20 "
        f"draws (4 answers, 2 correct, A_0 = 1/2) E[A_1] = {float(finite):.12f} > 1/2, just "
        f"below the infinite-sample {infinite} (the no-acceptance event)",
        a40=str(it[-1]),
        finite_a1=str(finite),
    )


def _mp_closed(a0: mpmath.mpf, tpr: mpmath.mpf, fpr: mpmath.mpf, t: int) -> mpmath.mpf:
    return a0 * tpr**t / (a0 * tpr**t + (1 - a0) * fpr**t)


def _fixed_mpmath() -> CheckResult:
    cases = [
        ("1/4", "9/10", "1/5"),
        ("1/2", "3/10", "9/10"),
        ("1/3", "1/2", "1/2"),
        ("0.01", "0.6", "0.55"),
        ("0.9", "0.99", "0.01"),
    ]
    worst = mpmath.mpf(0)
    with mpmath.workdps(50):
        for a0, tp, fp in cases:
            a, tpr, fpr = (
                mpmath.mpf(Fraction(x).numerator) / Fraction(x).denominator for x in (a0, tp, fp)
            )
            cur = a
            for t in range(1, 120):
                cur = cur * tpr / (cur * tpr + (1 - cur) * fpr)
                worst = max(worst, abs(cur - _mp_closed(a, tpr, fpr, t)))
        agree = worst < TINY
    gaps = []
    for dps in (50, 100):
        with mpmath.workdps(dps):
            gap = 1 - _mp_closed(mpmath.mpf(1) / 4, mpmath.mpf(9) / 10, mpmath.mpf(1) / 5, 60)
            gaps.append((gap < mpmath.mpf(10) ** -30, mpmath.nstr(gap, 6)))
    if not (agree and all(ok for ok, _ in gaps)):
        return CheckResult(Outcome.UNDECIDED, f"50-digit check failed (worst {worst}, {gaps})")
    return ev.refuted_by(
        f"iterated filter = closed form at 50 digits on {len(cases)} cases (worst gap "
        f"{mpmath.nstr(worst, 3)}); for TPR = 9/10, FPR = 1/5, A_0 = 1/4: 1 − A_60 = "
        f"{gaps[0][1]} at 50 digits, {gaps[1][1]} at 100 digits: accuracy tends to 1",
    )


# --- rem-6/proxy-exploit -------------------------------------------------------------------


def _proxy_sympy() -> CheckResult:
    """Every number of answers: the accuracy bound and Bernoulli's inequality, against
    :data:`proofs.verifiers.PROXY_GOAL`."""
    res = ev.from_derivations([pf.proxy_general(), pf.bernoulli_induction()])
    a, m = sp.symbols("a m", positive=True)
    lim = pf.geometric_limit(a / m)
    if res.outcome is Outcome.SUPPORTS and lim != 0:
        return CheckResult(Outcome.UNDECIDED, f"limit of the accuracy bound is {lim}, not 0")
    res.detail += (
        f"; with r_C/r_max = 1/(1+h): accuracy ≤ (π_0(C)/π_0(M))/(1 + t h) → {lim} (sympy)"
    )
    return res


def _proxy_closed_form() -> CheckResult:
    return ev.from_derivations(
        [pf.replicator_closed_form_step(), pf.replicator_closed_form_direct()]
    )


def _proxy_z3() -> CheckResult:
    proved, (what, rises) = pf.proxy_ratio_queries()
    res = ev.from_smt_all(proved)
    detail = f"{res.detail}; {what}: {rises.summary()}"
    if res.outcome is Outcome.SUPPORTS and rises.status == "refuted" and rises.confirmed:
        return CheckResult(
            Outcome.SUPPORTS,
            detail + " (as stated: the accuracy can rise before it collapses)",
            data=res.data | {"rises": rises.model},
        )
    return CheckResult(Outcome.UNDECIDED, detail, data=res.data)


def _proxy_exact() -> CheckResult:
    pi0 = [Fraction(1, 4)] * 4
    r = [Fraction(9, 10), Fraction(9, 10), Fraction(1, 2), Fraction(1)]
    correct = {0, 1}
    theta = Fraction(1, 4)
    t_hit = nv.proxy_collapse_time(pi0, r, correct, theta)
    acc = [nv.proxy_accuracy(pi0, r, correct, t) for t in range(61)]
    traj = list(nv.replicator_trajectory(pi0, r, 60))
    closed_ok = all(traj[t] == nv.replicator(pi0, r, t) for t in (0, 1, 7, 60))
    # proven bound: accuracy ≤ π_0(C)/π_0(M)·(r_C/r_max)^t with π_0(M) = 1/4, r_C/r_max = 9/10
    bound_ok = all(a <= 2 * Fraction(9, 10) ** t for t, a in enumerate(acc))
    rises = acc[1] > acc[0]
    hit_ok = t_hit == 18 and acc[17] >= theta > acc[18]
    limit = nv.proxy_limit_accuracy(pi0, r, correct)
    # ties: a correct answer sharing the largest r keeps its share; off-support maxima are moot
    tie = nv.proxy_limit_accuracy(
        pi0, [Fraction(1), Fraction(9, 10), Fraction(1, 2), Fraction(1)], correct
    )
    off = nv.proxy_limit_accuracy(
        [Fraction(1, 2), Fraction(1, 2), 0, 0],
        [Fraction(9, 10), Fraction(1, 2), Fraction(1, 2), 1],
        {0},
    )
    ok = (
        closed_ok
        and bound_ok
        and rises
        and hit_ok
        and limit == 0
        and tie == Fraction(1, 2)
        and off == 1
    )
    detail = (
        f"π_0 uniform on 4 answers, r = (9/10, 9/10, 1/2, 1), C = {{0, 1}}: accuracy "
        f"{acc[0]} → {acc[1]} (rises first) → first below 1/4 at t = {t_hit} (exact: "
        f"A_17 = {float(acc[17]):.6f}, A_18 = {float(acc[18]):.6f}), limit {limit}; the proven "
        f"bound 2·(9/10)^t holds for t ≤ 60; a correct answer tied at the top keeps limit "
        f"{tie}; a wrong answer with the largest r but π_0 = 0 is harmless (limit {off})"
    )
    return ev.numeric(ok, detail, collapse_time=t_hit)


# --- rem-6/kl-regularised ------------------------------------------------------------------


def _kl_sympy() -> CheckResult:
    return ev.from_derivations(
        [
            *pf.gibbs_stationarity_all(),
            pf.gibbs_variational_identity(),
            pf.gibbs_inequality(),
            pf.gibbs_optimum_value(),
            pf.gibbs_value_at_optimum(),
            pf.gibbs_iteration_step(),
            pf.replicator_is_gibbs(),
        ]
    )


def _kl_mpmath() -> CheckResult:
    ref = ["1/2", "1/3", "1/6"]
    rew = ["1/5", "1", "3/5"]  # answer 0 correct, the wrong answer 1 has the largest reward
    beta = "1/2"
    dps = 50
    others = [["1/3", "1/3", "1/3"], ["0.9", "0.05", "0.05"], ["0.01", "0.98", "0.01"]]
    g = nv.gibbs_policy(ref, rew, beta, dps)
    with mpmath.workdps(dps):
        b = mpmath.mpf(1) / 2
        at_opt = nv.kl_objective(g.policy, ref, rew, beta, dps)
        ok = abs(at_opt - g.value) < TINY
        for pol in others:
            obj = nv.kl_objective(pol, ref, rew, beta, dps)
            p = [mpmath.mpf(Fraction(x).numerator) / Fraction(x).denominator for x in pol]
            kl = mpmath.fsum(x * mpmath.log(x / y) for x, y in zip(p, g.policy, strict=True))
            ok = ok and abs(obj - (g.value - b * kl)) < TINY and obj < g.value
        it = nv.gibbs_iterate(ref, rew, beta, 12, dps)
        gap = max(
            abs(x - y)
            for t in range(13)
            for x, y in zip(it[t], nv.gibbs_closed_form(ref, rew, beta, t, dps), strict=True)
        )
        ok = ok and gap < TINY
        acc = nv.gibbs_accuracy(ref, rew, {0}, beta, 40, dps)
        # proven bound π_0(C)/π_0(M)·e^{−t(r_max − r_C)/β}: (1/2)/(1/3)·e^{−40·(4/5)/(1/2)}
        bound = mpmath.mpf(3) / 2 * mpmath.exp(-40 * (mpmath.mpf(4) / 5) / b)
        ok = ok and acc <= bound and acc < mpmath.mpf(10) ** -25
        detail = (
            f"π_ref = (1/2, 1/3, 1/6), r = (1/5, 1, 3/5), β = 1/2 at 50 digits: objective at π* "
            f"= β ln Z = {mpmath.nstr(g.value, 20)}; three other policies fall short by exactly "
            f"β·KL(π‖π*); Gibbs iteration = closed form for t ≤ 12 (gap {mpmath.nstr(gap, 3)}); "
            f"accuracy after 40 steps {mpmath.nstr(acc, 6)} ≤ (π_0(C)/π_0(M))·e^(−t Δr/β)"
        )
    return ev.numeric(ok, detail)


# --- rem-6/learned-verifier ----------------------------------------------------------------


def _learned_sympy() -> CheckResult:
    """Every number of answers: the refit Gini identity and the rubber stamp, against
    :data:`proofs.verifiers.LEARNED_GOAL`."""
    return ev.from_derivations([pf.refit_gini_general(), pf.rubber_stamp_general()])


def _gini(p: Sequence[Fraction]) -> Fraction:
    return 1 - sum((x * x for x in p), Fraction(0))


def _support(p: Sequence[Fraction]) -> tuple[Fraction, ...]:
    return tuple(Fraction(int(x > 0)) for x in p)


def _first_generation(
    pi: tuple[Fraction, ...], v: tuple[Fraction, ...], n: int
) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...], Fraction, bool]]:
    """(π', v', probability, accepted?) after one generation; the m = 0 event kept apart."""
    law = nv.refit_outcomes(pi, v, n)
    s = sum((a * b for a, b in zip(pi, v, strict=True)), Fraction(0))
    none = (1 - s) ** n
    out = []
    for new, pr in law.items():
        if new == pi:
            pr -= none
        if pr:
            out.append((new, _support(new), pr, True))
    if none:
        out.append((pi, v, none, False))
    return out


def _two_generations(
    pi0: tuple[Fraction, ...],
    v0: tuple[Fraction, ...],
    correct: set[int],
    n: int,
    learned: bool,
) -> tuple[list[Fraction], list[Fraction], bool]:
    """E[A_t], E[G_t] for t = 0, 1, 2 by full enumeration, and whether the rubber stamp held."""
    acc = [sum((pi0[i] for i in correct), Fraction(0))]
    gin = [_gini(pi0)]
    a1 = g1 = a2 = g2 = Fraction(0)
    stamp = True
    for pi1, v1, pr1, accepted in _first_generation(pi0, v0, n):
        verifier = v1 if learned else v0
        a1 += pr1 * sum((pi1[i] for i in correct), Fraction(0))
        g1 += pr1 * _gini(pi1)
        if accepted and learned:
            stamp = (
                stamp and sum((a * b for a, b in zip(pi1, verifier, strict=True)), Fraction(0)) == 1
            )
            stamp = stamp and nv.expected_refit_gini(pi1, verifier, n) == (
                1 - Fraction(1, n)
            ) * _gini(pi1)
        for pi2, pr2 in nv.refit_outcomes(pi1, verifier, n).items():
            a2 += pr1 * pr2 * sum((pi2[i] for i in correct), Fraction(0))
            g2 += pr1 * pr2 * _gini(pi2)
    return [*acc, a1, a2], [*gin, g1, g2], stamp


def _learned_exact() -> CheckResult:
    cases = [
        ((Fraction(1, 4),) * 4, (Fraction(1), Fraction(1), Fraction(0), Fraction(0)), 2),
        (
            (Fraction(1, 4),) * 4,
            (Fraction(9, 10), Fraction(9, 10), Fraction(1, 5), Fraction(1, 5)),
            3,
        ),
        (
            (Fraction(1, 2), Fraction(1, 4), Fraction(1, 8), Fraction(1, 8)),
            (Fraction(1, 2), Fraction(1), Fraction(1, 4), Fraction(1)),
            3,
        ),
    ]
    correct = {0, 1}
    lines = []
    ok = True
    for pi0, v0, n in cases:
        law = nv.refit_outcomes(pi0, v0, n)
        enum_g = sum((pr * _gini(q) for q, pr in law.items()), Fraction(0))
        ok = ok and enum_g == nv.expected_refit_gini(pi0, v0, n)
        acc, gin, stamp = _two_generations(pi0, v0, correct, n, learned=True)
        curves = nv.learned_verifier_curves(pi0, v0, correct, n, 2)
        ok = ok and stamp and list(curves[0]) == acc and list(curves[1]) == gin
        lines.append(f"N = {n}, v_0 = ({', '.join(map(str, v0))}): E[G_2] = {gin[2]}")
    # a fixed perfect verifier gives the same law (only the diversity decays)
    pi0, v0, n = cases[0]
    acc_f, gin_f, _ = _two_generations(pi0, v0, correct, n, learned=False)
    acc_l, gin_l, _ = _two_generations(pi0, v0, correct, n, learned=True)
    ok = ok and acc_f == acc_l and gin_f == gin_l
    detail = (
        "two generations enumerated exactly (policy and verifier refit): every refit after an "
        "acceptance accepts all of the policy's support (rubber stamp) and then E[G'] = "
        "(1 − 1/N)·G exactly; the enumerated E[A_t], E[G_t] equal the closed-form curves; "
        + "; ".join(lines)
        + f"; a fixed perfect verifier gives the same E[A_2] = {acc_f[2]}, E[G_2] = {gin_f[2]}"
    )
    return ev.numeric(ok, detail)


def _learned_simulation(
    seed: int, replicates: int, alpha: float, generations: int = 8, n: int = 10,
    rate_error: float = 0.0,
) -> Attempt:
    """The learned-verifier laboratory's accuracy and Gini bands against the exact curves.

    Means of bounded quantities over independent replicates: normal z with the sample standard
    error, Bonferroni over both curves and t = 1..G. ``rate_error`` = δ makes the theory's
    per-step Gini loss 1/N wrong by the factor 1 + δ.
    """
    res = lab.run(
        answers=4,
        correct=2,
        tpr="0.9",
        fpr="0.2",
        n=n,
        generations=generations,
        replicates=replicates,
        seed=seed,
        mode="learned",
    )
    fam = FamilyTest(alpha)
    t = range(1, generations + 1)
    acc, gin = res.bands["accuracy"], res.bands["gini"]
    fam.add_means([f"accuracy, t = {i}" for i in t], acc.mean[1:], res.theory["accuracy"][1:],
                  acc.se[1:])
    exact = np.asarray(res.theory["gini"], dtype=float)
    fam.add_means([f"Gini, t = {i}" for i in t], gin.mean[1:],
                  shift_rate(exact, rate_error)[1:], gin.se[1:])
    power = rate_power(
        "the per-step Gini loss 1/N",
        lambda d: max_shift_z([(exact[1:], shift_rate(exact, d)[1:], gin.se[1:])]),
        fam,
    )
    ratio = res.theory["gini"][-1] / res.theory["gini"][-2]
    return Attempt(
        fam,
        f"learned-verifier loop, 4 answers (2 correct), TPR 0.9, FPR 0.2, N = {n}, "
        f"{replicates} replicates × {generations} generations, seed {seed}: the exact E[A_t] "
        f"and E[G_t] against the simulated means at every generation; late exact Gini ratio "
        f"{ratio:.6f} = 1 − 1/N",
        power,
        exact_ok=abs(ratio - (1 - 1 / n)) < 1e-12,
    )


# --- registry ------------------------------------------------------------------------------



CLAIMS: list[Claim] = [
    Claim(
        id="rem-6",
        model="verifier",
        title="RL with imperfect verifiers collapses semantically",
        statement=(
            "Reinforcement learning against an imperfect verifier, with no external grounding, "
            "degrades in the same way as self-training: the policy concentrates on what the "
            "verifier accepts rather than on what is correct."
        ),
        location="v2 §4, Remark 6 (v1: a sentence of the abstract)",
        v1="v1's abstract states it as a result; v2 keeps only a remark",
        divergence=(
            "The paper gives no formal model, so the remark as written is informal; what holds "
            "is rem-6/proxy-exploit (its repair), in the proxy-verifier model. "
            "its truth depends on which verifier model is meant, and the four models supplied "
            "as sub-claims disagree. Read as a universal statement about fixed imperfect "
            "verifiers it is refuted (an informative verifier, TPR > FPR, drives accuracy to 1). "
            "Read as proxy exploitation (the verifier's favourite answer is wrong) it is "
            "proved, and KL regularisation does not prevent it. A verifier refit on the "
            "policy's own outputs turns into a rubber stamp and the loop becomes the α = 0 "
            "self-training of thm-2: accuracy freezes, diversity decays."
        ),
        informal=True,
        expected=Verdict.INFORMAL,
    ),
    Claim(
        id="rem-6/fixed-verifier",
        model="verifier",
        title="A fixed imperfect verifier makes accuracy collapse",
        statement=(
            "Answers are correct with probability $A_t$; a fixed verifier accepts correct ones "
            "with probability $\\mathrm{TPR}$ and wrong ones with $\\mathrm{FPR}$, and the next "
            "policy is fitted to the accepted answers (infinite-sample limit): "
            "$A_{t+1} = A_t\\mathrm{TPR}/(A_t\\mathrm{TPR} + (1-A_t)\\mathrm{FPR})$, so "
            "$A_t = A_0\\mathrm{TPR}^t/(A_0\\mathrm{TPR}^t + (1-A_0)\\mathrm{FPR}^t)$. Reading "
            "checked: for an imperfect verifier ($\\mathrm{TPR} < 1$ or $\\mathrm{FPR} > 0$) "
            "accuracy does not improve and drifts to 0."
        ),
        location="v2 §4, Remark 6; v1 abstract (the general sentence, for a fixed verifier)",
        hypotheses=(
            "0 < A_0 < 1",
            "0 < TPR ≤ 1, 0 ≤ FPR ≤ 1",
            "infinite-sample filtering (finite N: see the exact check)",
        ),
        divergence=(
            "Decided in the verifier model: a fixed verifier outside the loop, training on the "
            "accepted answers in the infinite-sample limit. It is the paper's setting for "
            "the v1 sentence and Remark 6: RL against a fixed imperfect verifier, whose "
            "verdicts Definition 2 counts as exogenous signal (α_t > 0 in the paper's terms), "
            "so the sentence claims collapse in a grounded loop, and an informative verifier "
            "(TPR > FPR) is grounding enough. "
            "Refuted. The filter raises accuracy at every step exactly when TPR > FPR (z3, both "
            "directions), its only fixed points on [0, 1] are 0 and 1, and the closed form "
            "gives 1 − A_t ≤ (1−A_0)/A_0·(FPR/TPR)^t → 0: any informative fixed verifier, however "
            "imperfect, drives accuracy to 1. Collapse to 0 needs TPR < FPR (a verifier that "
            "prefers wrong answers); TPR = FPR freezes A_t. The curve is the infinite-sample "
            "limit: at finite N the first generation's expected accuracy is below it only by "
            "the chance that nothing is accepted, and later generations sit slightly below "
            "because of refit noise. What the paper's intuition does capture is a loss of "
            "diversity: once the policy sits on correct answers, finite-sample refits shrink "
            "E[G] by (1 − 1/N) per generation although nothing wrong is learned (see "
            "rem-6/learned-verifier)."
        ),
        checks=(
            Check(
                name="closed-form",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_fixed_sympy,
                expect=Outcome.REFUTES,
                description="closed form by induction (u = TPR^t, v = FPR^t), tail bound, Bernoulli"
                "closed form by induction (u = TPR^t, v = FPR^t), tail bound, Bernoulli",
            ),
            Check(
                name="z3-threshold",
                method=Method.Z3,
                strength=Strength.PROOF,
                run=_fixed_z3,
                expect=Outcome.REFUTES,
                description="A_{t+1} > A_t iff TPR > FPR (both directions, and <), fixed points "
                "{0, 1}",
            ),
            Check(
                name="exact-counterexample",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=_fixed_exact,
                expect=Outcome.REFUTES,
                description="TPR = 9/10, FPR = 1/5, A_0 = 1/4 iterated exactly; finite-N first step"
                "TPR = 9/10, FPR = 1/5, A_0 = 1/4 iterated exactly; finite-N first step",
            ),
            Check(
                name="mpmath-50",
                method=Method.MPMATH,
                strength=Strength.SAMPLED,
                run=_fixed_mpmath,
                expect=Outcome.REFUTES,
                description="iteration vs closed form at 50 digits; 1 − A_60 at 50 and 100 digits",
            ),
        ),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="rem-6/proxy-exploit",
        model="proxy-verifier",
        role="repair",
        title="Exploiting a proxy verifier: accuracy → 0 when its favourite answer is wrong",
        statement=(
            "Each answer $a$ is accepted with its own probability $r(a)$; training on accepted "
            "answers gives $\\pi_t(a) \\propto \\pi_0(a)\\, r(a)^t$. It concentrates on the "
            "maximisers $M$ of $r$ on the support of $\\pi_0$: if every answer in $M$ is wrong "
            "then $\\pi_t(C) \\le \\frac{\\pi_0(C)}{\\pi_0(M)}(r_C/r_{\\max})^t \\to 0$, where "
            "$r_C$ is the largest acceptance of a correct answer. The accuracy need not fall "
            "monotonically; it can rise first. Checked for every $t$ and every number of "
            "answers ($K_C$ correct ones with $\\pi_0 = a_c$ and $r = r_C/(1 + e_c)$, the "
            "maximisers with mass $m = \\pi_0(M)$ and acceptance $r_{\\max}$, $K_W$ other wrong "
            "ones with $\\pi_0 = b_w$, $r = u_w$): {goal}; with $r_C/r_{\\max} = 1/(1+h)$ the "
            "bound is at most $\\pi_0(C)/(\\pi_0(M)(1 + th)) \\to 0$."
        ),
        goal=pf.PROXY_GOAL,
        location="v2 §4, Remark 6 (the mechanism 'what the verifier accepts, not what is correct')",
        hypotheses=(
            "infinite-sample replicator",
            "every maximiser of r on supp π_0 is wrong",
            "r > 0 on supp π_0",
        ),
        divergence=(
            "Proved in this regime, which is where the remark's mechanism lives. The condition "
            "is about the maximum of r over the support of π_0: a wrong answer with the largest "
            "r but π_0 = 0 is harmless, and if a correct answer ties at the top the limit "
            "accuracy is π_0(C∩M)/π_0(M) > 0, not 0. Collapse can be slow and non-monotone: in "
            "the worked example accuracy first rises from 1/2 to 6/11 and only drops below 1/4 "
            "at t = 18. The bound is proved for every t and every number of answers (monotone "
            "powers termwise, linearity of the sum); the closed form π_t ∝ π_0 r^t is the "
            "model's definition of training on accepted answers, its one-step induction "
            "written out for K = 3 (an instance)."
        ),
        checks=(
            Check(
                name="replicator-sympy",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_proxy_sympy,
                expect=Outcome.SUPPORTS,
                description="accuracy bound for every number of answers (monotone powers, "
                "summed), Bernoulli's inequality by induction",
            ),
            Check(
                name="closed-form-k3",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_proxy_closed_form,
                expect=Outcome.SUPPORTS,
                instance="K = 3 answers: one replicator step maps π_0 r^t/Z_t to π_0 "
                "r^(t+1)/Z_(t+1)",
                description="the closed form π_t ∝ π_0 r^t, induction step written out for K = 3",
            ),
            Check(
                name="z3-one-step",
                method=Method.Z3,
                strength=Strength.PROOF,
                run=_proxy_z3,
                expect=Outcome.SUPPORTS,
                instance="K = 3 answers, one step",
                description="odds fall by r_c/r_w, maximiser mass never falls, accuracy can rise",
            ),
            Check(
                name="exact-collapse-time",
                method=Method.EXACT,
                strength=Strength.SAMPLED,
                run=_proxy_exact,
                expect=Outcome.SUPPORTS,
                description="worked example (collapse time 18), ties, off-support maxima",
            ),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="rem-6/kl-regularised",
        model="proxy-verifier",
        title="KL-regularised updates concentrate the same way",
        statement=(
            "$\\pi^* \\propto \\pi_{\\mathrm{ref}}\\, e^{r/\\beta}$ maximises "
            "$E_\\pi[r] - \\beta\\,\\mathrm{KL}(\\pi\\|\\pi_{\\mathrm{ref}})$, with value "
            "$\\beta \\ln Z$; with $\\pi_{\\mathrm{ref}} = \\pi_t$ the iteration is "
            "$\\pi_t \\propto \\pi_0\\, e^{t r/\\beta}$, the replicator for the acceptance "
            "$e^{r/\\beta}$, so it concentrates on the maximisers of $r$ exactly as in "
            "rem-6/proxy-exploit."
        ),
        location="v2 §4, Remark 6 (our model of regularised RL)",
        hypotheses=("β > 0", "π_ref > 0 (checked for K = 3)", "π_ref ← π_t at every step"),
        divergence=(
            "Checked for K = 3 answers (the symbolic identities). Regularising toward the previous "
            "policy only slows the concentration (rate 1/β); it does not stop it. Regularising "
            "toward a fixed π_0 instead would stop at π* — that is grounding, not self-training."
            " Verdict lowered from proved to supported: the stationarity, variational identity, "
            "Gibbs inequality and the induction step of π_t ∝ π_0 e^{t r/β} are checked for K = 3 "
            "answers only (the iteration for one coordinate, with no base case); a proof for every "
            "number of answers is not yet written."
        ),
        uses=("rem-6/proxy-exploit",),
        checks=(
            Check(
                name="gibbs-sympy",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_kl_sympy,
                expect=Outcome.SUPPORTS,
                instance="K = 3 answers",
                description="stationarity, variational identity, Gibbs inequality, iteration",
            ),
            Check(
                name="mpmath-50",
                method=Method.MPMATH,
                strength=Strength.SAMPLED,
                run=_kl_mpmath,
                expect=Outcome.SUPPORTS,
                description="optimum, identity, iteration and decay at 50 digits",
            ),
        ),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="rem-6/learned-verifier",
        model="learned-verifier",
        title="A verifier refit on the policy's own outputs becomes a rubber stamp",
        statement=(
            "Finite samples: each generation draws $N$ answers, the verifier accepts some, the "
            "policy is refit to the accepted ones, and the verifier is refit to accept exactly "
            "the answers accepted at least once. Given $m \\ge 1$ accepted draws, "
            "$E[G(\\pi')] = (1 - 1/m)\\, G(\\pi v/\\sum \\pi v)$. After the first refit the "
            "verifier accepts the whole support of the policy, so the loop is self-training "
            "with $\\alpha = 0$: $E[G(\\pi_{t+1})] = (1 - 1/N)\\, E[G(\\pi_t)]$ and the accuracy "
            "is a martingale frozen at its first filtered value. Checked for every number $K$ "
            "of answers ($q$ the accepted law, $\\pi$ the policy): {goal}."
        ),
        goal=pf.LEARNED_GOAL,
        location="v2 §4, Remark 6 (our model of a learned reward model)",
        hypotheses=("N draws per generation", "the verifier is refit only after an acceptance"),
        divergence=(
            "Proved: the learned verifier closes the loop and the dynamics are those of thm-2 "
            "(Gini factor 1 − 1/N). Accuracy does not collapse; diversity does. The same law "
            "holds for a fixed perfect verifier, which is the residue of 'collapse' that "
            "survives rem-6/fixed-verifier. The refit identity and the rubber stamp are proved "
            "for every number of answers (the binomial second moment per answer, summed with "
            "symbolic K); the generation-to-generation factor 1 − 1/N is thm-2/gini."
        ),
        uses=("thm-2/gini",),
        checks=(
            Check(
                name="refit-sympy",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_learned_sympy,
                expect=Outcome.SUPPORTS,
                description="(1 − 1/m)·G on the accepted law (binomial second moment per answer, "
                "summed over K answers), rubber stamp, for every K",
            ),
            Check(
                name="exact-two-generations",
                method=Method.EXACT,
                strength=Strength.SAMPLED,
                run=_learned_exact,
                expect=Outcome.SUPPORTS,
                description="two generations enumerated exactly against the closed-form curves",
            ),
            Check(
                name="simulation",
                method=Method.SIMULATION,
                strength=Strength.SAMPLED,
                run=sampled(_learned_simulation, seed=20260105, replicates=4000),
                expect=Outcome.SUPPORTS,
                description="learned-verifier laboratory vs exact curves, 4000 replicates "
                "(family-wise α = 5·10⁻⁴)",
            ),
            Check(
                name="simulation-long",
                method=Method.SIMULATION,
                strength=Strength.SAMPLED,
                run=sampled(_learned_simulation, seed=20260105, replicates=20000, tier=Tier.DEEP,
                        generations=60, n=20),
                expect=Outcome.SUPPORTS,
                tier=Tier.DEEP,
                description="learned-verifier laboratory vs exact curves, 20000 × 60 "
                "(family-wise α = 2.5·10⁻³)",
            ),
        ),
        expected=Verdict.PROVED,
    ),
]
