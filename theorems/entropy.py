"""Theorem 2 (entropy decay) and Corollary 3 (information stagnation).

Statements are in our words; the paper is cited by section and equation (v2). Theorem 2 is
read in several ways (sub-claims); the continuous (Gaussian) analogue, ``thm-2/gaussian``, is
declared with the variance family.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable
from fractions import Fraction

import flint
import mpmath
import numpy as np
import sympy as sp

from numerics import entropy as num
from numerics.loops import categorical
from numerics.precision import certify
from numerics.stats import FamilyTest, shift_rate
from proofs import entropy as pf
from proofs.goal import Goal, relation_atoms
from theorems import evidence as ev
from theorems.model import Check, CheckResult, Claim, Method, Outcome, Strength, Verdict
from theorems.sampling import Attempt, max_shift_z, rate_power, sampled
from theorems.shorthand import TINY

F = Fraction


def _fq(v: Fraction) -> flint.arb:
    return flint.arb(flint.fmpq(v.numerator, v.denominator))


def _arb_entropy(qv: tuple[Fraction, ...]) -> flint.arb:
    """H(q) as an arb ball at the current flint precision."""
    total = flint.arb(0)
    for v in qv:
        if 0 < v < 1:
            b = _fq(v)
            total -= b * b.log()
    return total


def _vec(q: list[str]) -> tuple[Fraction, ...]:
    return tuple(F(v) for v in q)


def _s(b: flint.arb, digits: int = 8) -> str:
    return b.str(digits, radius=False)


def _mp(v: Fraction) -> mpmath.mpf:
    return mpmath.mpf(v.numerator) / v.denominator


def _near_point_mass(eps: Fraction) -> tuple[Fraction, Fraction]:
    return (1 - eps, eps)


# --- thm-2/as-stated ------------------------------------------------------------------------


def _as_stated_limit() -> CheckResult:
    report = pf.plugin_entropy_nonnegative().check()
    lim = pf.as_stated_limit()
    if not report.ok or lim["limit"] != 0:
        return CheckResult(
            Outcome.UNDECIDED,
            f"{report.summary()}; limit {lim['limit']}",
            data={"derivations": [report.to_json()]},
        )
    return ev.refuted_by(
        f"{report.summary()}. So E[H(Q̂)] ≥ 0 and the loss Δ(N, q) = H(q) − E[H(Q̂)] is at "
        f"most H(q); sympy: H(1 − ε, ε) = {sp.sstr(lim['entropy'])} → {lim['limit']} as ε → 0+ "
        "(exact limit). Whatever constant Δ(N) > 0 is proposed, a non-degenerate q with "
        "H(q) < Δ(N) gives E[H(Q̂)] ≥ 0 > H(q) − Δ(N): no N-only constant bounds the loss",
        derivations=[report.to_json()],
    )


def _constant_fails_at(q: tuple[Fraction, ...], n: int) -> tuple[bool, str]:
    """Whether certified balls show eq. 12 failing at ``q`` for both candidate constants.

    The candidates are the Miller–Madow rate (K−1)/(2N) and the loss at the uniform
    distribution Δ(N, uniform): eq. 12 fails at q when H(q) < candidate (then H(q) − Δ(N) < 0)
    while E[H(Q̂)] ≥ 0.
    """
    k = len(q)
    with flint.ctx.workprec(200):
        h = _arb_entropy(q)
        expected = num.expected_plugin_entropy_ball(q, n)
        uniform = num.entropy_loss_ball((F(1, k),) * k, n)
        rate = _fq(num.miller_madow_first(k, n))
        fails = bool(expected >= 0) and bool(h < rate) and bool(h < uniform)
        row = (
            f"N = {n}: H(q) = {_s(h)}, E[H(Q̂)] = {_s(expected)} ≥ 0, Δ(N, q) = "
            f"{_s(num.entropy_loss_ball(q, n))} vs Δ(N, uniform) = {_s(uniform)} and "
            f"(K−1)/(2N) = {_s(rate)}"
        )
    return fails, row


def _as_stated_arb() -> CheckResult:
    q = _near_point_mass(F(1, 10**6))
    rows = []
    ok = True
    for n in (2, 10, 100):
        fails, row = _constant_fails_at(q, n)
        with flint.ctx.workprec(200):
            spread = bool(
                num.entropy_loss_ball(q, n) * 100 < num.entropy_loss_ball((F(1, 2), F(1, 2)), n)
            )
        ok = ok and fails and spread
        rows.append(row)
    if not ok:
        return CheckResult(Outcome.UNDECIDED, "arb could not separate: " + "; ".join(rows))
    return ev.refuted_by(
        "q = (1 − 10⁻⁶, 10⁻⁶), certified arb balls (200 bits): "
        + "; ".join(rows)
        + ". For either candidate constant (the Miller–Madow rate or the loss at the uniform "
        "distribution) H(q) − Δ(N) < 0 ≤ E[H(Q̂)], so eq. 12 fails at q; and Δ(N, q) is "
        "below a hundredth of Δ(N, uniform)",
    )


def _as_stated_mpmath() -> CheckResult:
    n = 10
    rows = []
    confirmed = True
    losses = []
    for k in (2, 4, 6, 8, 10, 12):
        q = _near_point_mass(F(1, 10**k))
        d50 = num.entropy_loss(q, n, dps=50)
        d70 = num.entropy_loss(q, n, dps=70)
        h50 = num.shannon_entropy(q, dps=50)
        h70 = num.shannon_entropy(q, dps=70)
        with mpmath.workdps(70):
            same = abs(d50 - d70) <= TINY * abs(d70) and abs(h50 - h70) <= TINY * abs(h70)
            below = d70 <= h70
            rate = _mp(num.miller_madow_first(2, n))
            beats_rate = h70 < rate or k < 4  # from ε = 1e-4 on, H(q) < (K−1)/(2N)
        confirmed = confirmed and same and below and beats_rate
        losses.append(d70)
        rows.append(f"ε = 1e-{k}: Δ = {mpmath.nstr(d50, 6)}, H = {mpmath.nstr(h50, 6)}")
    with mpmath.workdps(70):
        falling = all(b < a for a, b in itertools.pairwise(losses))
    if not (confirmed and falling):
        return CheckResult(Outcome.UNDECIDED, "50-digit values not confirmed: " + "; ".join(rows))
    return ev.refuted_by(
        f"N = {n}, q = (1 − ε, ε), 50 digits confirmed at 70: "
        + "; ".join(rows)
        + ". Δ(10, q) falls towards 0 with H(q) and stays ≤ H(q), which is below "
        "(K−1)/(2N) = 1/20 from ε = 1e-4 on, against Δ(10, uniform) ≈ 0.05303",
    )


# --- thm-2/pointwise ------------------------------------------------------------------------


def _pointwise_sympy() -> CheckResult:
    res = ev.from_derivations([pf.entropy_rises_witness(), pf.rise_probability()])
    if res.outcome is not Outcome.SUPPORTS:
        return res
    return ev.refuted_by(
        res.detail + ". Counterexample: Q = (9/10, 1/10), N = 2, one draw of each category gives "
        "Q̂ = (1/2, 1/2) with H(Q̂) = ln 2 > H(Q), with probability 9/50",
        derivations=res.data["derivations"],
    )


def _certify_entropy_below(q: tuple[str, ...], r: tuple[str, ...]) -> str:
    """arb's answer to H(q) < H(r) ('certified', 'refuted' or 'undecided')."""
    hq = sum(pf.phi(sp.Rational(v)) for v in q if 0 < sp.Rational(v) < 1)
    hr = sum(pf.phi(sp.Rational(v)) for v in r if 0 < sp.Rational(v) < 1)
    return certify(hq, "<", hr, {}).status


def _pointwise_arb() -> CheckResult:
    status = _certify_entropy_below(("9/10", "1/10"), ("1/2", "1/2"))
    if status != "certified":
        return CheckResult(Outcome.UNDECIDED, f"arb: {status}")
    return ev.refuted_by(
        "arb certifies H(9/10, 1/10) < ln 2 = H(1/2, 1/2) (ball arithmetic, 128 bits): the "
        "sample (1, 1) from Q = (9/10, 1/10) raises the entropy",
    )


def _rise_witness(q: tuple[Fraction, ...], n: int) -> tuple[Fraction, Fraction]:
    """(P(H(Q̂) > H(Q)) by enumeration, the same for K = 2 by the |j/N − 1/2| criterion)."""
    rise = num.prob_entropy_rises(q, n)
    other = _rise_prob_two((q[0], q[1]), n) if len(q) == 2 else rise
    return rise, other


def _pointwise_exact() -> CheckResult:
    q = (F(9, 10), F(1, 10))
    rise, tie, fall = num.entropy_step_outcomes(q, 2)
    law = pf.binomial_kernel(q, 2)
    direct = law.get((F(1, 2), F(1, 2)), F(0))
    criterion = _rise_witness(q, 2)[1]
    k3 = num.prob_entropy_rises((F(1, 2), F(1, 3), F(1, 6)), 12)
    if not (rise == direct == criterion == F(9, 50) and tie == 0 and fall == F(41, 50) and k3 > 0):
        return CheckResult(Outcome.UNDECIDED, f"got P(rise, tie, fall) = {rise}, {tie}, {fall}")
    return ev.refuted_by(
        f"exact enumeration: P(H(Q̂) > H(Q)) = {rise}, P(tie) = {tie}, P(fall) = {fall} for "
        f"Q = (9/10, 1/10), N = 2; the multinomial law gives P(Q̂ = (1/2, 1/2)) = {direct} "
        f"independently. Three categories: Q = (1/2, 1/3, 1/6), N = 12 rises with probability "
        f"{k3}",
        p_rise=str(rise),
        p_rise_k3=str(k3),
    )


# --- thm-2/expectation -----------------------------------------------------------------------


def _expectation_sympy() -> CheckResult:
    """Every K: the bound, its strict form off the point masses, and the point-mass case."""
    parts = [pf.expectation_any_k(), pf.expectation_strict_any_k(), pf.point_mass_is_kept()]
    res = ev.from_derivations(parts)
    if res.conclusion is not None:
        res.conclusion = pf.expectation_conclusion(parts)
    return res


def _direct_expected_entropy(qv: tuple[Fraction, ...], n: int, dps: int) -> mpmath.mpf:
    """E[H(Q̂)] by enumerating the multinomial law of the counts (no binomial marginals)."""
    with mpmath.workdps(dps + 10):
        total = mpmath.mpf(0)
        for state, prob in pf.binomial_kernel(qv, n).items():
            total += _mp(prob) * mpmath.fsum(
                -_mp(v) * mpmath.log(_mp(v)) for v in state if 0 < v < 1
            )
        return total


def _expectation_hypothesis() -> CheckResult:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    seen: list[str] = []
    failures: list[str] = []

    @settings(
        max_examples=30,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        st.lists(st.integers(0, 6), min_size=2, max_size=4).filter(lambda w: sum(w) > 0),
        st.integers(1, 6),
    )
    def prop(weights: list[int], n: int) -> None:
        total = sum(weights)
        qv = tuple(F(w, total) for w in weights)
        direct = _direct_expected_entropy(qv, n, 50)
        fast = num.expected_plugin_entropy(qv, n, dps=50)
        h = num.shannon_entropy(qv, dps=50)
        point_mass = max(qv) == 1
        with mpmath.workdps(60):
            agree = abs(direct - fast) <= TINY
            ok = abs(direct - h) <= TINY if point_mass else direct < h - mpmath.mpf(10) ** -40
        seen.append(f"{[str(v) for v in qv]}, N = {n}")
        if not (agree and ok):
            failures.append(
                f"q = {[str(v) for v in qv]}, N = {n}: E = {mpmath.nstr(direct, 20)}"
                f", H = {mpmath.nstr(h, 20)}, marginal formula {mpmath.nstr(fast, 20)}"
            )
        assert agree and ok

    try:
        prop()
    except AssertionError:
        return CheckResult(
            Outcome.UNDECIDED, "Hypothesis found a failing case: " + "; ".join(failures[-1:])
        )
    return ev.numeric(
        True,
        f"Hypothesis, {len(seen)} exact rational cases (K = 2..4, N = 1..6): E[H(Q̂)] by full "
        "multinomial enumeration at 50 digits equals the binomial-marginal formula to 45 "
        "digits, is below H(Q) by more than 1e-40 off the point masses, and equals H(Q) = 0 at "
        "them",
        cases=len(seen),
    )


_ARB_CASES: tuple[tuple[tuple[str, ...], int], ...] = (
    (("1/2", "1/2"), 1),
    (("1/2", "1/2"), 2),
    (("1/2", "1/2"), 5),
    (("9/10", "1/10"), 2),
    (("9/10", "1/10"), 30),
    (("1/2", "1/3", "1/6"), 3),
    (("1/4", "1/4", "1/4", "1/4"), 4),
    (("7/10", "2/10", "1/10"), 7),
    (("1/1000", "999/1000"), 50),
    (("1", "0"), 3),
    (("0", "1", "0"), 5),
)


def _expectation_arb() -> CheckResult:
    rows = []
    ok = True
    with flint.ctx.workprec(200):
        for q, n in _ARB_CASES:
            qv = _vec(list(q))
            e = num.expected_plugin_entropy_ball(qv, n)
            loss = num.entropy_loss_ball(qv, n)
            h = _arb_entropy(qv)
            if max(qv) == 1:
                good = e.is_zero() and loss.is_zero() and h.is_zero()
            else:
                good = bool(e < h) and bool(loss > 0)
            ok = ok and good
            rows.append(
                f"({', '.join(q)}), N = {n}: E[H] = {_s(e, 6)} < H = {_s(h, 6)}"
                if max(qv) < 1
                else f"({', '.join(q)}), N = {n}: E[H] = H = 0 exactly"
            )
    return CheckResult(
        Outcome.SUPPORTS if ok else Outcome.UNDECIDED,
        f"certified arb balls on {len(_ARB_CASES)} cases (strict off point masses, equality "
        "at them): " + "; ".join(rows),
    )


# --- thm-2/gini ----------------------------------------------------------------------------


def _conclude(parts: list, conclusion: Callable[[list], Goal]) -> CheckResult:
    """Every part must check; the conclusion is what the parts establish together."""
    res = ev.from_derivations(parts)
    if res.conclusion is not None:
        res.conclusion = conclusion(parts)
    return res


def _gini_sympy() -> CheckResult:
    """The one-step identity for every K, the closed form and E[Q_t(x)] = P(x) by induction,
    the mixture a probability vector, and the unconditional mixing identity."""
    return _conclude(pf.gini_parts(), pf.gini_conclusion)


def _gini_z3() -> CheckResult:
    return ev.from_smt_all(pf.gini_z3())


_GINI_VECTORS = (
    ("1/2", "1/2"),
    ("9/10", "1/10"),
    ("1/3", "1/3", "1/3"),
    ("1/2", "1/3", "1/6"),
    ("7/10", "2/10", "1/10"),
    ("1/4", "1/4", "1/4", "1/4"),
    ("1/5", "1/5", "1/5", "1/5", "1/5"),
    ("3/7", "1/7", "1/7", "1/7", "1/14", "1/14"),
    ("1", "0", "0"),
)


def _gini_exact() -> CheckResult:
    problems: list[str] = []
    count = 0
    for q in _GINI_VECTORS:
        qv = _vec(list(q))
        for n in range(1, 13):
            count += 1
            if num.expected_gini(qv, n) != (1 - F(1, n)) * num.gini(qv):
                problems.append(f"one step at {q}, N = {n}")
    truth = (F(1, 2), F(1, 3), F(1, 6))
    for q in _GINI_VECTORS[2:5]:
        qv = _vec(list(q))
        for a in (F(0), F(1, 3), F(1, 2), F(1)):
            mix = tuple(a * p + (1 - a) * v for p, v in zip(truth, qv, strict=True))
            if num.expected_gini_mixed(truth, qv, a, 5) != (1 - F(1, 5)) * num.gini(mix):
                problems.append(f"mixing at q = {q}, α = {a}")
    # the t-step closed form and the unconditional recursion against the exact law of Q_t
    paths = []
    for p, n, a, steps in (
        ((F(1, 2), F(1, 3), F(1, 6)), 3, F(0), 4),
        ((F(1, 2), F(1, 3), F(1, 6)), 3, F(1, 3), 4),
        ((F(3, 4), F(1, 4)), 4, F(1, 2), 5),
    ):
        brute = pf.exact_gini_path(p, n, a, steps)
        recursion = num.gini_trajectory(p, n, [a] * steps)
        if brute != recursion:
            problems.append(f"unconditional recursion at p = {p}, α = {a}")
        if a == 0 and any(brute[t] != (1 - F(1, n)) ** t * brute[0] for t in range(steps + 1)):
            problems.append("t-step closed form")
        naive = (1 - F(1, n)) * num.gini(p)
        if a > 0 and all(brute[t] == naive for t in range(1, steps + 1)):
            problems.append("plug-in E[Q_t] curve was not distinguished")
        paths.append(f"α = {a}: E[G(Q_{steps})] = {brute[-1]}")
    if problems:
        return CheckResult(Outcome.UNDECIDED, "exact mismatch: " + "; ".join(problems))
    return ev.numeric(
        True,
        f"exact rationals: E[G(Q̂)] summed over the binomial laws equals "
        f"(1 − 1/N) G(Q) on {count} cases (K = 2..6, N = 1..12); the mixing "
        "identity on 12 cases; the law of Q_t propagated exactly agrees with the "
        "closed form (α = 0) and the unconditional recursion ("
        + "; ".join(paths)
        + "), and differs from the plug-in curve (1 − 1/N) G(P)",
    )


def _gini_simulation(
    seed: int, replicates: int, alpha: float, rate_error: float = 0.0
) -> Attempt:
    """The categorical loop's Gini band against the exact E[G(Q_t)], α = 0 and α = 1/2.

    ``rate_error`` = δ makes the theory's per-step approach rate (1/N at α = 0) wrong by the
    factor 1 + δ (the false variant). Means of a bounded quantity over independent replicates:
    normal z with the sample standard error, t = 0..G for both schedules, Bonferroni.
    """
    n, gens, k = 20, 40, 3
    t = np.arange(gens + 1)
    fam = FamilyTest(alpha)
    lines, pairs = [], []
    g_p = 1 - k * (1 / k) ** 2
    for j, a in enumerate(("0", "1/2")):
        res = categorical.run(k=k, n=n, generations=gens, replicates=replicates, alpha=a,
                              seed=seed + j)
        se = res.gini.se
        limit = 0.0
        if a != "0":
            p_exact = (Fraction(1, k),) * k
            limit = float(num.gini_trajectory(p_exact, n, [0.5] * 400, "replace",
                                              exact=False)[-1])
        exact = res.gini_theory
        theory = shift_rate(exact, rate_error, limit)
        fam.add_means([f"α = {a}, t = {i}" for i in t], res.gini.mean, theory, se)
        pairs.append((exact, limit, se))
        if a == "0":
            wrong = (1 - 1 / n) ** t * g_p  # forgets that Q_0 is itself a refit
        else:
            wrong = np.full(gens + 1, (1 - 1 / n) * g_p)  # plugs E[Q_t] = P into G
        z_wrong = float(np.max(np.abs((res.gini.mean - wrong) / se)))
        lines.append(f"α = {a}: {z_wrong:.1f} standard errors from the wrong curve")
    power = rate_power(
        "the per-step rate of the Gini curve (1/N at α = 0)",
        lambda d: max_shift_z([(c, shift_rate(c, d, lim), e) for c, lim, e in pairs]),
        fam,
    )
    return Attempt(
        fam,
        f"categorical loop, K = {k}, N = {n}, {gens} generations, {replicates} replicates, "
        f"seeds {seed}, {seed + 1}: the exact E[G(Q_t)] against the simulated means at every "
        "generation for α = 0 and α = 1/2 (" + "; ".join(lines) + ")",
        power,
    )


# --- thm-2/rate ----------------------------------------------------------------------------

_RATE_VECTORS = tuple(tuple(str(v) for v in qv) for qv in pf.RATE_VECTORS)


def _third_coefficient(qv: tuple[Fraction, ...]) -> Fraction:
    return num.miller_madow_third(qv, 1)


def _rate_formal() -> CheckResult:
    res = ev.from_derivations(pf.formal_loss_coefficients())
    res.detail += (
        " (formal expansion of one category's loss from the binomial central "
        "moments; summed over the support: (K−1)/(2N), (Σ 1/Q − 1)/(12N²), "
        "(Σ 1/Q² − Σ 1/Q)/(12N³))"
    )
    return res


def _remainder_ratios(
    qv: tuple[Fraction, ...], c3: Fraction, ns: tuple[int, ...] = (200, 400, 800, 1600)
) -> tuple[bool, list[str]]:
    """Whether N³ r(N) / c3 ∈ (0.8, 1.2) for certain at every N (r: the Miller–Madow remainder)."""
    ok = True
    spread = []
    with flint.ctx.workprec(200):
        for n in ns:
            loss = num.entropy_loss_ball(qv, n)
            lead = num.miller_madow_first(qv, n) + num.miller_madow_second(qv, n)
            scaled = (loss - _fq(lead)) * n**3 / _fq(c3)
            ok = ok and bool(scaled > flint.arb(4) / 5) and bool(scaled < flint.arb(6) / 5)
            spread.append(_s(scaled, 4))
    return ok, spread


@functools.lru_cache(maxsize=64)
def _loss_ball(n: int, qv: tuple[Fraction, ...]) -> flint.arb:
    with flint.ctx.workprec(200):
        return num.entropy_loss_ball(qv, n)


def _arb_of(expr: sp.Basic) -> flint.arb:
    """An arb ball containing ``expr`` (rationals, + · and integer powers, EntropyLoss)."""
    if isinstance(expr, sp.Rational):
        return flint.arb(flint.fmpq(int(expr.p), int(expr.q)))
    if isinstance(expr, sp.Add):
        return sum((_arb_of(a) for a in expr.args), flint.arb(0))
    if isinstance(expr, sp.Mul):
        out = flint.arb(1)
        for a in expr.args:
            out *= _arb_of(a)
        return out
    if isinstance(expr, sp.Pow) and expr.exp.is_Integer:
        return _arb_of(expr.base) ** int(expr.exp)
    if expr.func == pf.EntropyLoss:
        n, qv = expr.args
        return _loss_ball(int(n), tuple(Fraction(int(v.p), int(v.q)) for v in qv))
    raise TypeError(f"no enclosure for {sp.sstr(expr)}")


def _certified_atom(atom: sp.Basic) -> bool:
    """arb shows the relation (strict or not) from an enclosure of lhs − rhs."""
    with flint.ctx.workprec(200):
        d = _arb_of(atom.lhs) - _arb_of(atom.rhs)
        if isinstance(atom, sp.StrictGreaterThan | sp.GreaterThan):
            return bool(d > 0) if isinstance(atom, sp.StrictGreaterThan) else bool(d >= 0)
        if isinstance(atom, sp.StrictLessThan | sp.LessThan):
            return bool(d < 0) if isinstance(atom, sp.StrictLessThan) else bool(d <= 0)
    return False


def _rate_arb(goal: Goal | None = None) -> CheckResult:
    """Certify every relation of the grid statement (or of ``goal``, e.g. a mutant of it)."""
    goal = goal if goal is not None else pf.RATE_GOAL
    atoms = relation_atoms(goal.relation)
    shown, failed = [], []
    for atom in atoms:
        try:
            ok = _certified_atom(atom)
        except TypeError:
            ok = False
        (shown if ok else failed).append(atom)
    rows = []
    for qv in pf.RATE_VECTORS:
        spread = []
        c3 = _fq(_third_coefficient(qv))
        with flint.ctx.workprec(200):
            for n in pf.RATE_SIZES:
                lead = num.miller_madow_first(qv, n) + num.miller_madow_second(qv, n)
                spread.append(_s((_loss_ball(n, qv) - _fq(lead)) * n**3 / c3, 4))
        rows.append(f"({', '.join(str(v) for v in qv)}): N³ r(N)/c₃ = " + ", ".join(spread))
    detail = (
        f"certified arb balls (200 bits), {len(shown)} of {len(atoms)} relations of the grid "
        "statement shown: the remainder r(N) = Δ − (K−1)/(2N) − (Σ1/Q − 1)/(12N²) satisfies "
        "N³ r(N) ∈ (0.8 c₃, 1.2 c₃), c₃ = (Σ1/Q² − Σ1/Q)/12, at N ∈ {200, 400, 800, 1600}: "
        + "; ".join(rows)
        + ". Δ depends on Q, not only on K and N: Δ(10, (9/10, 1/10)) > Δ(10, (1/2, 1/2))"
    )
    if failed:
        return CheckResult(Outcome.UNDECIDED, detail + "; not certified: "
                           + "; ".join(sp.sstr(a) for a in failed[:3]))
    return CheckResult(Outcome.SUPPORTS, detail,
                       conclusion=Goal(goal.relation, goal.variables, goal.hypotheses),
                       trust=[{"kind": "solver", "name": "arb",
                               "what": f"{len(atoms)} enclosures of the grid statement"}])


def _rate_mpmath() -> CheckResult:
    rows = []
    ok = True
    for q in _RATE_VECTORS:
        qv = _vec(list(q))
        rem: list[mpmath.mpf] = []
        for n in (100, 200, 400, 800, 1600):
            lead = num.miller_madow_first(qv, n) + num.miller_madow_second(qv, n)
            d50 = num.entropy_loss(qv, n, dps=50)
            d60 = num.entropy_loss(qv, n, dps=60)
            with mpmath.workdps(60):
                ok = ok and abs(d50 - d60) <= TINY * d60
                rem.append(d60 - _mp(lead))
        with mpmath.workdps(60):
            ratios = [a / b for a, b in itertools.pairwise(rem)]
            gaps = [abs(r - 8) for r in ratios]
            ok = ok and all(b < a for a, b in itertools.pairwise(gaps)) and gaps[-1] < 0.1
        rows.append(f"({', '.join(q)}): " + ", ".join(mpmath.nstr(r, 5) for r in ratios))
    return ev.numeric(
        ok,
        "50 digits (confirmed at 60), remainder r(N) after the two Miller–Madow terms, ratios "
        "r(N)/r(2N) for N = 100, 200, 400, 800 (→ 8 means r ∝ N⁻³): " + "; ".join(rows),
    )


# --- thm-2/absorption ----------------------------------------------------------------------


def _absorption_sympy() -> CheckResult:
    """Martingale step, lost categories, the power-mean bound and the harmonic h(i) = i/N."""
    return _conclude(pf.absorption_parts(), pf.absorption_conclusion)


def _absorption_exact() -> CheckResult:
    problems: list[str] = []
    for n in range(2, 13):
        mat = num.wright_fisher_matrix(n)
        for i, row in enumerate(mat):
            absorbing = row[i] == 1
            if absorbing != (i in (0, n)):
                problems.append(f"K = 2, N = {n}: state {i} absorbing = {absorbing}")
            if sum(F(j, n) * p for j, p in enumerate(row)) != F(i, n):
                problems.append(f"K = 2, N = {n}: martingale fails at {i}")
            if num.fixation_probability(n, i) != F(i, n):
                problems.append(f"K = 2, N = {n}: fixation from {i}")
            if 0 < i < n and not num.absorption_time(n, i) > 0:
                problems.append(f"K = 2, N = {n}: absorption time at {i}")
    for n in range(2, 7):
        for counts in num.compositions(n, 3):
            state = tuple(F(c, n) for c in counts)
            law = pf.binomial_kernel(state, n)
            point = max(state) == 1
            if (law == {state: F(1)}) != point:
                problems.append(f"K = 3, N = {n}: absorbing set wrong at {counts}")
            if any(v > 0 and s == 0 for nxt in law for v, s in zip(nxt, state, strict=True)):
                problems.append(f"K = 3, N = {n}: support grew from {counts}")
            mean = tuple(sum((p * nxt[i] for nxt, p in law.items()), F(0)) for i in range(3))
            if mean != state:
                problems.append(f"K = 3, N = {n}: martingale fails at {counts}")
            hit = sum((p for nxt, p in law.items() if max(nxt) == 1), F(0))
            if hit < F(1, 3 ** (n - 1)):
                problems.append(f"K = 3, N = {n}: absorption bound fails at {counts}")
    dist = num.wright_fisher_distributions(8, 3, 80)[-1]
    transient = sum(dist[1:8], F(0))
    if not (transient < F(1, 1000) and F(3, 8) - transient <= dist[8] <= F(3, 8)):
        problems.append("long run N = 8 from 3 copies")
    if problems:
        return CheckResult(Outcome.UNDECIDED, "; ".join(problems[:5]))
    return ev.numeric(
        True,
        "exact rationals: K = 2, N = 2..12 — only the point masses are absorbing, Q_t(x) is a "
        "martingale, the fixation probability from i copies is exactly i/N, absorption times "
        "are finite; K = 3, N = 2..6 (every state) — absorbing iff a point mass, the support "
        "never grows, E[Q̂] = Q, one-step absorption probability ≥ 3^(1−N); N = 8 from 3 "
        f"copies after 80 generations: P(not absorbed) = {float(transient):.3g}, "
        f"P(first category fixed) = {float(dist[8]):.6f} (→ 3/8)",
    )


# --- thm-2/supermartingale ----------------------------------------------------------------


def _super_sympy() -> CheckResult:
    """Jensen summed over the K categories (the supermartingale inequality), and a rising step:
    H(9/10, 1/10) < ln 2 with a positive probability 2q(1 − q) of one draw of each."""
    res = _conclude(pf.supermartingale_parts(), pf.supermartingale_conclusion)
    res.detail += (
        ". By the Markov property E[H(Q_{t+1}) | Q_t] is the one-step expectation "
        "Σ_x E[φ(Q̂(x))] at Q = Q_t; from (9/10, 1/10), N = 2, the entropy rises to ln 2 with "
        "probability 2·(9/10)·(1/10) = 9/50"
    )
    return res


def _rise_prob_two(q: tuple[Fraction, Fraction], n: int) -> Fraction:
    """P(H rises) for K = 2 by the exact criterion |j/N − 1/2| < |q − 1/2|."""
    dist = abs(q[0] - F(1, 2))
    return sum(
        (
            F(math.comb(n, j)) * q[0] ** j * q[1] ** (n - j)
            for j in range(n + 1)
            if abs(F(j, n) - F(1, 2)) < dist
        ),
        F(0),
    )


def _super_exact() -> CheckResult:
    problems = []
    rows = []
    for q, n in (
        ((F(9, 10), F(1, 10)), 2),
        ((F(9, 10), F(1, 10)), 10),
        ((F(7, 10), F(3, 10)), 10),
        ((F(3, 10), F(7, 10)), 25),
        ((F(1, 2), F(1, 2)), 10),
    ):
        got = num.prob_entropy_rises(q, n)
        if got != _rise_prob_two(q, n):
            problems.append(f"P(rise) at {q}, N = {n}")
        rows.append(f"({q[0]}, {q[1]}), N = {n}: {float(got):.4f}")
    k3 = num.prob_entropy_rises((F(1, 2), F(1, 3), F(1, 6)), 12)
    traj = num.entropy_trajectory(10, 3, 20, dps=50)
    with mpmath.workdps(50):
        falls = all(b < a - mpmath.mpf(10) ** -40 for a, b in itertools.pairwise(traj))
    if problems or not falls or not k3 > 0:
        return CheckResult(Outcome.UNDECIDED, "; ".join(problems) or "expected entropy")
    return ev.numeric(
        True,
        "exact P(one-step rise), enumeration and the independent K = 2 criterion "
        "|j/N − 1/2| < |q − 1/2| agree: "
        + "; ".join(rows)
        + f"; (1/2, 1/3, 1/6), N = 12: {float(k3):.4f}. Meanwhile E[H(Q_t)] (exact chain, "
        f"N = 10 from 3 copies) falls strictly for 20 generations, "
        f"{mpmath.nstr(traj[0], 6)} → {mpmath.nstr(traj[-1], 6)}",
    )


def _super_simulation(
    seed: int, replicates: int, alpha: float, rate_error: float = 0.0
) -> Attempt:
    """Share of paths whose entropy rises at each step against the exact chain.

    Each share is a count of independent paths: an exact binomial test per generation.
    ``rate_error`` = δ multiplies the exact rising probabilities by 1 + δ (false variant).
    """
    n, start, gens = 10, 3, 15
    laws = num.wright_fisher_distributions(n, start, gens)
    rise_from = [_rise_prob_two((F(i, n), 1 - F(i, n)), n) for i in range(n + 1)]
    exact = np.array([
        float(sum((p * r for p, r in zip(law, rise_from, strict=True)), F(0))) for law in laws[:-1]
    ])
    rng = np.random.default_rng(seed)
    counts = np.full(replicates, start)
    share = []
    for _ in range(gens):
        nxt = rng.binomial(n, counts / n)
        before = np.minimum(counts, n - counts)
        after = np.minimum(nxt, n - nxt)
        share.append(float(np.mean(after > before)))  # binary entropy rises iff closer to 1/2
        counts = nxt
    obs = np.array(share)
    theory = np.clip(exact * (1 + rate_error), 0.0, 1.0)
    fam = FamilyTest(alpha)
    fam.add_counts([f"step {i} → {i + 1}" for i in range(gens)], obs, replicates, theory)
    se = np.sqrt(exact * (1 - exact) / replicates)
    power = rate_power("the exact rising probabilities",
                       lambda d: max_shift_z([(exact, exact * (1 + d), se)]), fam)
    rises = round(obs.min() * replicates)
    return Attempt(
        fam,
        f"K = 2, N = {n}, from {start} copies, {replicates} paths, {gens} generations, seed "
        f"{seed}: share of steps where the entropy rises {obs[0]:.4f} → {obs[-1]:.4f}, exact "
        f"{exact[0]:.4f} → {exact[-1]:.4f} (exact binomial test per generation); a monotone "
        f"path would give share 0, and every generation has at least {rises} rising paths",
        power,
        exact_ok=bool(np.all(exact > 0)),
    )


# --- cor-3 ----------------------------------------------------------------------------------


def _dpi_sympy() -> CheckResult:
    """Non-negativity, the chain rule both ways, and the Markov property at α = 0."""
    return ev.from_derivations([pf.dpi_step()])


def _strictly_monotone(values: tuple[mpmath.mpf, ...] | list[mpmath.mpf], sign: int) -> bool:
    """Every increment has the given sign with a margin of 1e-40 (50-digit values)."""
    with mpmath.workdps(60):
        margin = mpmath.mpf(10) ** -40
        return all(sign * (b - a) > margin for a, b in itertools.pairwise(values))


def _dpi_mpmath() -> CheckResult:
    ex = num.stagnation_example(dps=50, T=8)
    ex60 = num.stagnation_example(dps=60, T=8)
    long = num.stagnation_example(dps=50, T=30).trajectory
    with mpmath.workdps(60):
        limit = mpmath.log(3) - mpmath.mpf(3) / 2 * mpmath.log(2)  # I(P; X), one draw X ~ P
        same = all(abs(a - b) <= TINY for a, b in zip(ex.trajectory, ex60.trajectory, strict=True))
        falls = _strictly_monotone(ex.trajectory, -1)
        above = all(v > limit for v in long)
        closing = (long[-1] - limit) < (long[0] - limit) / 1000
    traj = ex.trajectory
    return ev.numeric(
        same and falls and above and closing,
        "α = 0, three truths, uniform prior, N0 = 6, N = 4, exact joint law at 50 digits "
        f"(confirmed at 60): I(P; Q_t) = {mpmath.nstr(traj[0], 6)} → "
        f"{mpmath.nstr(traj[-1], 6)} at t = 8, strictly decreasing; it stays above "
        f"I(P; X) = ln 3 − (3/2) ln 2 = {mpmath.nstr(limit, 6)} and approaches it "
        f"({mpmath.nstr(long[-1], 8)} at t = 30): it does not fall to 0",
    )


def _first_step_laws(alpha: Fraction) -> list[dict[tuple[Fraction, ...], Fraction]]:
    """Law of Q_1 given each truth in the needs-markov example (Q_0 = (1/2, 1/2), N = 4)."""
    return pf.first_step_laws(alpha)


def _needs_markov_sympy() -> CheckResult:
    """I(P; Q_1) as an exact constant (sums of rational multiples of logs), shown positive."""
    res = ev.from_derivations([pf.information_rises()])
    res.detail += "; I(P; Q_0) = 0 because Q_0 = (1/2, 1/2) does not depend on P"
    return res


def _needs_markov_arb() -> CheckResult:
    """arb encloses the exact constant I(P; Q_1) and certifies that it is positive."""
    value = pf.grounded_information()
    res = ev.from_certify(certify(sp.Integer(0), "<", value, {}), "0 < I(P; Q_1)")
    if res.outcome is Outcome.SUPPORTS:
        res.conclusion = pf.NEEDS_MARKOV_GOAL
    return res


def _needs_markov_exact() -> CheckResult:
    grounded = _first_step_laws(F(1, 2))
    closed = _first_step_laws(F(0))
    differs = grounded[0] != grounded[1]
    markov_at_zero = closed[0] == closed[1]
    if not (differs and markov_at_zero):
        return CheckResult(Outcome.UNDECIDED, "the exact laws did not separate")
    state = (F(1, 4), F(3, 4))
    return ev.numeric(
        True,
        "exact laws: Q_0 = (1/2, 1/2) is fixed, so I(P; Q_0) = 0; with α = 1/2 the law of Q_1 "
        f"given P differs between the truths (e.g. P(Q_1 = (1/4, 3/4)) = {grounded[0][state]} "
        f"vs {grounded[1][state]}), so P and Q_1 are dependent and I(P; Q_1) > 0 = I(P; Q_0); "
        "the next generation's law depends on P as well as Q_t, so P → Q_t → Q_{t+1} is not "
        "Markov. With α = 0 the two laws coincide (the Markov property of cor-3/dpi)",
    )


def _needs_markov_mpmath() -> CheckResult:
    ex = num.grounded_rise_example(dps=50, T=6)
    ex60 = num.grounded_rise_example(dps=60, T=6)
    with mpmath.workdps(60):
        same = all(abs(a - b) <= TINY for a, b in zip(ex.trajectory, ex60.trajectory, strict=True))
        rises = _strictly_monotone(ex.trajectory, +1)
    return ev.numeric(
        same and rises,
        "α = 1/2, truths (3/4, 1/4) and (1/4, 3/4), uniform prior, Q_0 = (1/2, 1/2), N = 4, "
        "exact joint law at 50 digits (confirmed at 60): I(P; Q_t) = "
        + ", ".join(mpmath.nstr(v, 6) for v in ex.trajectory)
        + ", strictly increasing",
    )


# --- the registry ----------------------------------------------------------------------------


_LOOP = (
    "α_t = 0",
    "finite support",
    "Q_{t+1} = empirical distribution of N i.i.d. draws from Q_t (the maximum-likelihood refit)",
)

def _rate_asymptotic() -> CheckResult:
    """N³ times the remainder after two Miller–Madow terms approaches the third term's constant."""
    lines, ok = [], True
    for q in (["1/2", "3/10", "1/5"], ["1/4", "1/4", "1/4", "1/4"]):
        const = float(num.miller_madow_third(q, 1))
        gaps = []
        for n in (100, 400, 1600):
            loss = num.entropy_loss(q, n)
            rest = float(loss) - float(num.miller_madow_first(q, n) + num.miller_madow_second(q, n))
            gaps.append(abs(rest * n**3 - const))
        ok &= gaps[0] > gaps[1] > gaps[2] and gaps[2] < 0.05 * max(const, 1.0)
        lines.append(f"Q = ({', '.join(q)}): |N³·remainder − {const:.4f}| at N = 100, 400, 1600: "
                     + ", ".join(f"{g:.4f}" for g in gaps))
    return ev.numeric(ok, "certified Δ(N, Q) (arb) against two Miller–Madow terms: the "
                      "remainder is O(N⁻³) with the classical third-order constant, sampled at "
                      "three N (an asymptotic statement: sampled evidence only); "
                      + "; ".join(lines))

CLAIMS: list[Claim] = [
    Claim(
        id="thm-2",
        model="finite-sample",
        title="Entropy decays under self-training with α = 0",
        statement=(
            "With no external data ($\\alpha_t = 0$) and $N$ samples per generation refitted by "
            "overfitting maximum likelihood, the expected entropy falls by a fixed amount each "
            "generation, $\\mathbb{E}[H(Q_{t+1})] \\le H(Q_t) - \\Delta(N)$ with "
            "$\\Delta(N) > 0$ (eq. 12), and $Q_t$ converges to a minimal-entropy distribution."
        ),
        location="v2 §3, Theorem 2, eq. 12",
        hypotheses=_LOOP,
        divergence=(
            "Read literally (a loss Δ(N) > 0 that does not depend on Q_t), eq. 12 is false, and "
            "so is the pointwise step of its proof. What holds: the expected entropy falls "
            "strictly off the point masses (a supermartingale whose paths are not monotone), "
            "by an amount that depends on Q_t (≈ (K−1)/(2N)); the Gini–Simpson index falls by "
            "exactly the factor 1 − 1/N per generation; the chain is absorbed at a random "
            "point mass, δ_x with probability Q_0(x). The continuous analogue is "
            "thm-2/gaussian."
        ),
    ),
    Claim(
        id="thm-2/as-stated",
        model="finite-sample",
        role="part",
        title="A fixed per-step entropy loss Δ(N) > 0 for every non-degenerate Q_t",
        statement=(
            "There is a constant $\\Delta(N) > 0$, depending on $N$ only, such that "
            "$\\mathbb{E}[H(Q_{t+1}) \\mid Q_t] \\le H(Q_t) - \\Delta(N)$ whenever $Q_t$ is not "
            "a point mass."
        ),
        location="v2 §3, Theorem 2, eq. 12",
        hypotheses=_LOOP,
        divergence=(
            "Eq. 12 read literally. It fails: the expected plug-in entropy is never negative, so "
            "the loss H(Q) − E[H(Q̂)] is at most H(Q), which tends to 0 as Q approaches a point "
            "mass; no positive constant bounds it from below. At N = 10 and "
            "Q = (1 − 10⁻⁶, 10⁻⁶) the loss is 1.1565e-5 against 0.05303 at the uniform "
            "distribution. The direction of Theorem 2 survives (thm-2/expectation); the "
            "uniform rate does not, and the rate that does hold depends on Q (thm-2/rate)."
        ),
        checks=(
            Check(
                name="limit",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_as_stated_limit,
                expect=Outcome.REFUTES,
                description="E[H(Q̂)] ≥ 0 termwise and H(1 − ε, ε) → 0: no positive constant works",
            ),
            Check(
                name="arb-near-point-mass",
                method=Method.ARB,
                strength=Strength.CERTIFIED,
                run=_as_stated_arb,
                expect=Outcome.REFUTES,
                description="certified balls at Q = (1 − 10⁻⁶, 10⁻⁶), N = 2, 10, 100",
            ),
            Check(
                name="mpmath-50",
                method=Method.MPMATH,
                strength=Strength.SAMPLED,
                run=_as_stated_mpmath,
                expect=Outcome.REFUTES,
                description=(
                    "the loss along Q = (1 − ε, ε), ε = 10⁻², ..., 10⁻¹², at 50 and 70 digits"
                ),
            ),
        ),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="thm-2/pointwise",
        model="finite-sample",
        role="proof",
        title="Every sample lowers the entropy: H(Q̂) < H(Q)",
        statement=(
            "For every realisation of the $N$ draws, the refitted model has strictly less "
            "entropy than the model that generated them: $H(\\hat Q_t) < H(Q_t)$."
        ),
        location="v2 §3, proof of Theorem 2",
        hypotheses=_LOOP,
        divergence=(
            "The proof argues sample by sample, but a sample can move the empirical "
            "distribution towards uniform: from Q = (9/10, 1/10) with N = 2, one draw of each "
            "category (probability 9/50) gives Q̂ = (1/2, 1/2) with entropy ln 2 > H(Q). Only "
            "the expectation falls, so this proof step has to be replaced by Jensen's "
            "inequality (thm-2/expectation); the theorem's direction is not affected."
        ),
        checks=(
            Check(
                name="exact-witness",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_pointwise_sympy,
                expect=Outcome.REFUTES,
                description="H(9/10, 1/10) < ln 2 exactly (2¹⁰·9⁹ > 10¹⁰) and P = 9/50",
            ),
            Check(
                name="arb",
                method=Method.ARB,
                strength=Strength.CERTIFIED,
                run=_pointwise_arb,
                expect=Outcome.REFUTES,
                description="certified H(9/10, 1/10) < ln 2",
            ),
            Check(
                name="exact-probability",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=_pointwise_exact,
                expect=Outcome.REFUTES,
                description="exact P(rise, tie, fall) by enumeration, and the multinomial law",
            ),
        ),
        expected=Verdict.REFUTED,
    ),
    Claim(
        id="thm-2/expectation",
        model="finite-sample",
        role="repair",
        title="Expected entropy falls, strictly unless Q is a point mass",
        statement=(
            "For the empirical distribution $\\hat Q$ of $N$ draws from $Q$, "
            "$\\mathbb{E}[H(\\hat Q) \\mid Q] \\le H(Q)$, with equality exactly when $Q$ is a "
            "point mass. With $\\mathrm{BinomialAverage}(g(y), y, N, q) = "
            "\\mathbb{E}[g(\\hat Q(x))]$ when $Q(x) = q$, for every $K$ and $N$: {goal}."
        ),
        location="v2 §3, Theorem 2 (the inequality behind eq. 12)",
        hypotheses=("finite support", "N ≥ 1 i.i.d. draws from Q"),
        divergence=(
            "The part of Theorem 2 that holds for every Q. Each category contributes "
            "E[φ(Q̂(x))] ≤ φ(Q(x)), φ(y) = −y ln y strictly concave and E[Q̂(x)] = Q(x); the "
            "inequality is strict when 0 < Q(x) < 1 because Q̂(x) then has positive variance. "
            "It gives no lower bound on the size of the loss (thm-2/as-stated). Proved for "
            "every number K of categories (K counts the support, Q(x) > 0): Jensen for a "
            "binomial frequency per category, summed over x = 1..K with K symbolic; the sum "
            "was previously written out for K = 3 only, with the step to general K in prose."
        ),
        uses=("def-2",),
        goal=pf.EXPECTATION_GOAL,
        checks=(
            Check(
                name="jensen",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_expectation_sympy,
                expect=Outcome.SUPPORTS,
                description=(
                    "Jensen for φ(y) = −y ln y at each category, summed over K categories with K "
                    "symbolic (strict when no Q(x) is 1), and P(Q̂ = Q) = 1 at a point mass"
                ),
            ),
            Check(
                name="hypothesis-50",
                method=Method.MPMATH,
                strength=Strength.SAMPLED,
                run=_expectation_hypothesis,
                expect=Outcome.SUPPORTS,
                description=(
                    "Hypothesis over exact rational Q: full multinomial enumeration at 50 digits"
                ),
            ),
            Check(
                name="arb-small",
                method=Method.ARB,
                strength=Strength.CERTIFIED,
                run=_expectation_arb,
                expect=Outcome.SUPPORTS,
                instance="eleven fixed (Q, N) cases",
                description=(
                    "certified enclosures of E[H(Q̂)] and of the loss on eleven small cases"
                ),
            ),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="thm-2/gini",
        model="finite-sample",
        title="Gini–Simpson diversity shrinks by exactly 1 − 1/N per generation",
        goal=pf.GINI_GOAL,
        statement=(
            "With $G(Q) = 1 - \\sum_x Q(x)^2$, $\\hat Q$ the empirical distribution of $N$ "
            "draws from a probability vector $m$ on $K$ categories, "
            "$\\mathrm{BinomialAverage}(g(y), y, N, q) = \\mathbb{E}[g(\\hat Q(x))]$ when "
            "$m(x) = q$, $\\mathrm{ExpectedGini}(t) = \\mathbb{E}[G(Q_t)]$, "
            "$\\mathrm{ExpectedShare}(t) = \\mathbb{E}[Q_t(x)]$ and $W(x) = "
            "\\mathbb{E}[Q_t(x)^2]$, for every $K$, $N$ and $t$: {goal}. That is: "
            "$\\mathbb{E}[G(\\hat Q) \\mid m] = (1 - 1/N)\\,G(m)$; with $\\alpha = 0$ "
            "(by the tower property, the hypothesis on ExpectedGini) "
            "$\\mathbb{E}[G(Q_t)] = (1 - 1/N)^t G(Q_0)$; with the mixture of eq. 9 the sampling "
            "vector $\\alpha P + (1-\\alpha) Q_t$ is a probability vector, so "
            "$\\mathbb{E}[G(Q_{t+1}) \\mid Q_t] = (1 - 1/N)\\,G(\\alpha P + (1-\\alpha) Q_t)$; "
            "when $Q_0$ is itself a refit to $P$, $\\mathbb{E}[Q_t(x)] = P(x)$ for every $t$ "
            "and $\\mathbb{E}[G(Q_{t+1})] = (1 - 1/N)[(2\\alpha - \\alpha^2) G(P) + "
            "(1-\\alpha)^2\\, \\mathbb{E}[G(Q_t)]]$."
        ),
        location="v2 §3, Theorem 2 (a polynomial substitute for its entropy functional)",
        hypotheses=(
            "finite support",
            "N i.i.d. draws per generation",
            "Σ_x Q(x) = 1 (and Σ_x P(x) = 1 with mixing)",
        ),
        divergence=(
            "Not in the paper: the exact, distribution-free form of what Theorem 2 is after. "
            "Diversity is lost by a fixed factor per generation, not by a fixed amount of "
            "entropy. With mixing, putting E[Q_t] = P into G gives a wrong (constant) curve; "
            "the exact recursion carries the second moment of Q_t. The formal goal is proved "
            "for every K, N and t: the second moment of a binomial frequency (a schema of the "
            "trust base) in each category, summed with symbolic K by the linearity schemas; "
            "the closed form and E[Q_t(x)] = P(x) by induction on t. Two steps are stated as "
            "hypotheses of the goal rather than derived: the tower property turning the "
            "conditional identity into the recursion of E[G(Q_t)] (and of E[Q_t(x)]), and the "
            "expansion E[m_t(x)²] = α²P² + 2α(1 − α)P E[Q_t(x)] + (1 − α)² E[Q_t(x)²] "
            "(linearity of expectation), written with E[Q_t(x)] = P(x) substituted. The z3 "
            "check covers K = 3 and an abstract-sum form, so it is exact evidence."
        ),
        uses=("def-2",),
        checks=(
            Check(
                name="derivation",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_gini_sympy,
                expect=Outcome.SUPPORTS,
                description=(
                    "the second-moment schema per category summed over K categories (symbolic "
                    "K), the closed form and E[Q_t(x)] = P(x) by induction on t, the mixture a "
                    "probability vector, and the unconditional identity with mixing"
                ),
            ),
            Check(
                name="z3",
                method=Method.Z3,
                strength=Strength.PROOF,
                run=_gini_z3,
                expect=Outcome.SUPPORTS,
                instance="K = 3, and the S₁, S₂ form",
                description="the polynomial identities for K = 3 and in the sums S₁, S₂",
            ),
            Check(
                name="exact-rationals",
                method=Method.EXACT,
                strength=Strength.CERTIFIED,
                instance="exact binomial laws at small K, N and t",
                run=_gini_exact,
                expect=Outcome.SUPPORTS,
                description=(
                    "E[G] summed over exact binomial laws; the law of Q_t propagated exactly"
                ),
            ),
            Check(
                name="simulation",
                method=Method.SIMULATION,
                strength=Strength.SAMPLED,
                run=sampled(_gini_simulation, seed=11, replicates=16_000),
                expect=Outcome.SUPPORTS,
                description=(
                    "categorical loop, α = 0 and 1/2, every generation against the exact E[G] "
                    "(family-wise α = 5·10⁻⁴)"
                ),
            ),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="thm-2/rate",
        model="finite-sample",
        title="The per-step entropy loss depends on Q (Miller–Madow), on a finite grid",
        goal=pf.RATE_GOAL,
        statement=(
            "The loss $\\Delta(N, Q) = H(Q) - \\mathbb{E}[H(\\hat Q)]$ (written "
            "$\\mathrm{EntropyLoss}(N, Q)$) satisfies "
            "$\\Delta(N, Q) = \\frac{K-1}{2N} + \\frac{\\sum_x 1/Q(x) - 1}{12 N^2} + r(N)$, "
            "$K$ the support size of $Q$, with $N^3 r(N)$ within 20% of "
            "$c_3 = (\\sum_x Q(x)^{-2} - \\sum_x Q(x)^{-1})/12$ on the grid of the hypotheses, "
            "and $\\Delta$ depends on $Q$, not only on $K$ and $N$. As a grid statement: {goal}."
        ),
        location="v2 §3, Theorem 2 (the size of Δ(N) in eq. 12)",
        hypotheses=(
            "finite support, Q(x) > 0 on K categories",
            "certified on Q ∈ {(1/2, 1/2), (9/10, 1/10), (1/2, 1/4, 1/4), "
            "(1/3, 1/3, 1/3), (7/10, 2/10, 1/10)} and N ∈ {200, 400, 800, 1600}",
        ),
        divergence=(
            "The paper names Δ(N) without a formula. The classical plug-in bias supplies it, but "
            "it depends on Q through K and Σ 1/Q(x): it shrinks as categories are lost, and the "
            "higher-order terms grow near the boundary Q(x) → 0, where thm-2/as-stated fails. "
            "The coefficients come from a formal moment expansion; the formal goal is the grid "
            "statement (41 relations between exact constants and certified enclosures of "
            "Δ), each certified by arb, not a statement for every N (thm-2/rate-asymptotic)."
        ),
        uses=("thm-2/expectation",),
        checks=(
            Check(
                name="arb-remainder",
                method=Method.ARB,
                strength=Strength.CERTIFIED,
                run=_rate_arb,
                expect=Outcome.SUPPORTS,
                description=(
                    "every relation of the grid statement certified from arb enclosures of Δ"
                ),
            ),
            Check(
                name="doubling-50",
                method=Method.MPMATH,
                strength=Strength.SAMPLED,
                run=_rate_mpmath,
                expect=Outcome.SUPPORTS,
                description="remainder ratios at doubling N approach 8 (N⁻³), 50 digits",
            ),
            Check(
                name="formal-expansion",
                method=Method.SYMPY,
                strength=Strength.SAMPLED,
                run=_rate_formal,
                expect=Outcome.SUPPORTS,
                description=(
                    "sympy derives the coefficients of 1/N, 1/N², 1/N³ from the binomial "
                    "central moments; a formal series bounds no remainder, so this counts as "
                    "supporting evidence only"
                ),
            ),
        ),
        expected=Verdict.CERTIFIED,
    ),
    Claim(
        id="thm-2/rate-asymptotic",
        model="finite-sample",
        title="The O(N⁻³) remainder of the Miller–Madow expansion (asymptotic)",
        statement=(
            "For fixed $Q$, $\\Delta(N, Q) - \\frac{K-1}{2N} - "
            "\\frac{\\sum_x 1/Q(x) - 1}{12 N^2} = O(N^{-3})$ as $N \\to \\infty$."
        ),
        location="v2 §3, Theorem 2 (the rate of the entropy loss); Miller (1955)",
        divergence=(
            "The asymptotic statement, decided separately from the finite grid on which "
            "thm-2/rate is certified: sampled at N = 100, 400, 1600 for two laws, so supported, "
            "not proved."
        ),
        uses=("thm-2/rate",),
        checks=(
            Check(
                name="remainder-scaling",
                method=Method.MPMATH,
                strength=Strength.SAMPLED,
                run=_rate_asymptotic,
                expect=Outcome.SUPPORTS,
                description="N³ × remainder approaches the third-order constant",
            ),
        ),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="thm-2/absorption",
        model="finite-sample",
        role="part",
        title="Absorption at a point mass, with probability Q_0(x) for δ_x",
        goal=pf.ABSORPTION_GOAL,
        statement=(
            "With $\\alpha = 0$ and finite support, writing "
            "$\\mathrm{BinomialAverage}(g(y), y, N, q) = \\mathbb{E}[g(\\hat Q(x))]$ when "
            "$Q(x) = q$ and $h(c) = c/N$: {goal}. That is: $Q_t(x)$ is a martingale, a "
            "category with $Q_t(x) = 0$ stays at 0, each generation reaches a point mass with "
            "probability $\\sum_x Q(x)^N \\ge K^{1-N}$, so the point masses (the only absorbing "
            "states) are reached with probability 1; and with two categories $h(i) = i/N$ is "
            "harmonic for the chain with $h(0) = 0$, $h(N) = 1$, so the chain ends at "
            "$\\delta_x$ with probability $Q_0(x)$."
        ),
        location="v2 §3, Theorem 2 ('converges to a minimal-entropy distribution')",
        hypotheses=_LOOP,
        divergence=(
            "Made precise: the limit is a random point mass (entropy 0), and which category "
            "survives is decided by chance with probabilities Q_0(x). Every path loses its "
            "diversity, while the law of the survivor keeps the initial proportions. The "
            "formal goal is proved for every K and N (the binomial mean and the power-mean "
            "inequality are schemas of the trust base). The last two steps in words are the "
            "standard absorption theorem for a finite chain (a one-step absorption "
            "probability bounded below makes absorption certain, and then the bounded harmonic "
            "function with those boundary values is the absorption probability; Norris, Markov "
            "Chains, Thm 1.3.2): cited, not part of the goal; the exact chains check them for "
            "K = 2, N ≤ 12 and K = 3, N ≤ 6."
        ),
        uses=("def-2",),
        checks=(
            Check(
                name="derivation",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_absorption_sympy,
                expect=Outcome.SUPPORTS,
                description=(
                    "martingale step, lost categories, power-mean bound Σ Q(x)^N ≥ K^(1−N), "
                    "h(i) = i/N harmonic with its boundary values"
                ),
            ),
            Check(
                name="chain-exact",
                method=Method.EXACT,
                strength=Strength.CERTIFIED,
                instance="K = 2 with N ≤ 12 and K = 3 with N ≤ 6",
                run=_absorption_exact,
                expect=Outcome.SUPPORTS,
                description="exact Wright–Fisher chains, K = 2 (N ≤ 12) and K = 3 (N ≤ 6)",
            ),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="thm-2/supermartingale",
        model="finite-sample",
        title="The entropy path is a supermartingale, not a monotone sequence",
        goal=pf.SUPERMARTINGALE_GOAL,
        statement=(
            "$H(Q_t)$ is a supermartingale, $\\mathbb{E}[H(Q_{t+1}) \\mid Q_t] \\le H(Q_t)$, "
            "yet it is not almost surely non-increasing: a generation raises the entropy with "
            "positive probability ($9/50$ from $Q_t = (9/10, 1/10)$ with $N = 2$), and "
            "along typical paths a sizeable share of steps are rises. Formally, with "
            "$\\mathbb{E}[H(Q_{t+1}) \\mid Q_t] = \\sum_x \\mathrm{BinomialAverage}(-y \\ln y, "
            "y, N, Q_t(x))$ (the Markov property), for every $K$ and $N$: {goal}, the second "
            "and third relations saying that one draw of each category from $(9/10, 1/10)$ "
            "raises the entropy to $\\ln 2$ and has probability $2q(1 - q) > 0$."
        ),
        location="v2 §3, Theorem 2 and its proof",
        hypotheses=_LOOP,
        divergence=(
            "The paper describes a steady decay. Paths are not monotone; only the conditional "
            "expectation falls. This is why eq. 12 has to be an expectation and why the "
            "sample-by-sample step of the proof (thm-2/pointwise) fails. The formal goal is "
            "proved for every K (Jensen per category summed with symbolic K, as in "
            "thm-2/expectation) and by an exact witness of a rising step; the share of rising "
            "steps along paths is sampled evidence only."
        ),
        uses=("thm-2/expectation",),
        checks=(
            Check(
                name="derivation",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_super_sympy,
                expect=Outcome.SUPPORTS,
                description=(
                    "Jensen for the conditional expectation, summed over K categories; an exact "
                    "rising step and its positive probability"
                ),
            ),
            Check(
                name="exact-rise",
                method=Method.EXACT,
                strength=Strength.CERTIFIED,
                instance="the listed starting points and sizes, exactly",
                run=_super_exact,
                expect=Outcome.SUPPORTS,
                description="exact one-step rise probabilities and the exact E[H(Q_t)] path",
            ),
            Check(
                name="simulation",
                method=Method.SIMULATION,
                strength=Strength.SAMPLED,
                run=sampled(_super_simulation, seed=2024, replicates=20_000),
                expect=Outcome.SUPPORTS,
                description=(
                    "share of rising steps per generation against the exact chain (exact "
                    "binomial tests, family-wise α = 5·10⁻⁴)"
                ),
            ),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="cor-3",
        model="information",
        title="Mutual information with the truth cannot grow (DPI)",
        statement=(
            "For the chain $P \\to Q_t \\to Q_{t+1}$, "
            "$I(P; Q_{t+1}) \\le I(P; Q_t)$ by the data-processing inequality."
        ),
        location="v2 §3, Corollary 3",
        hypotheses=("P is a random variable (a prior over candidate truths)", "α_t = 0"),
        divergence=(
            "Holds under its hypotheses. It does not need Theorem 2's entropy bound, only the "
            "Markov structure of the α = 0 loop. I(P; Q_t) does not fall to 0: it tends to "
            "I(P; X) for a single draw X ~ P. With α > 0 the conclusion can fail "
            "(cor-3/needs-markov)."
        ),
        uses=("def-2",),
    ),
    Claim(
        id="cor-3/dpi",
        model="information",
        role="part",
        title="I(P; Q_t) is non-increasing when α = 0",
        goal=pf.DPI_GOAL,
        statement=(
            "If the truth $P$ is drawn from a prior over candidate distributions and "
            "$\\alpha_t = 0$, then $P \\to Q_t \\to Q_{t+1}$ is a Markov chain and "
            "$I(P; Q_{t+1}) \\le I(P; Q_t)$ for every $t$. With "
            "$Q_{t+1} = \\mathrm{Refit}(N, \\alpha P + (1-\\alpha) Q_t)$ (the empirical "
            "distribution of $N$ draws from the law of eq. 9) and "
            "$\\mathrm{MutualInformation}(X, Y) = I(X; Y)$: {goal}."
        ),
        location="v2 §3, Corollary 3",
        hypotheses=(
            "P random, with a prior over candidate truths",
            "α_t = 0",
            "Q_{t+1} is drawn from a law that is a function of (P, Q_t)",
        ),
        divergence=(
            "Proved, as the data-processing inequality. For a fixed P every mutual information "
            "with P is 0, so the prior is needed for the statement to say anything. The "
            "information stagnates rather than vanishes: in our example it falls from 0.30288 "
            "to 0.06594 in eight generations and tends to I(P; X) = ln 3 − (3/2) ln 2 ≈ 0.0589 "
            "for one draw X ~ P, not to 0. The Markov property is not assumed: it is the "
            "premise of a trust-base schema (a refit drawn from a law that does not vary with "
            "P has I(P; Q_{t+1} | Q_t) = 0), checked at the loop's own sampling law, whose "
            "derivative in P is α = 0; the chain rule and non-negativity of conditional "
            "information are schemas too."
        ),
        uses=("def-2",),
        checks=(
            Check(
                name="dpi-lemma",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_dpi_sympy,
                expect=Outcome.SUPPORTS,
                description=(
                    "non-negativity, the chain rule both ways, and the Markov property checked "
                    "at the sampling law of the α = 0 loop"
                ),
            ),
            Check(
                name="stagnation-50",
                method=Method.MPMATH,
                strength=Strength.SAMPLED,
                run=_dpi_mpmath,
                expect=Outcome.SUPPORTS,
                description=(
                    "exact joint law, three truths: I(P; Q_t) at 50 digits for 30 generations"
                ),
            ),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="cor-3/needs-markov",
        model="information",
        title="The hypothesis α = 0 is needed: with fresh data I(P; Q_t) can rise",
        goal=pf.NEEDS_MARKOV_GOAL,
        statement=(
            "Without $\\alpha_t = 0$ the conclusion of Corollary 3 can fail: with "
            "$\\alpha = 1/2$, truths $(3/4, 1/4)$ and $(1/4, 3/4)$ under a uniform prior, a "
            "fixed $Q_0 = (1/2, 1/2)$ and $N = 4$, $I(P; Q_t)$ rises strictly from 0. Exactly, "
            "$I(P; Q_0) = 0$ and $I(P; Q_1)$, a finite sum over the laws of $Q_1$: {goal}."
        ),
        location="v2 §3, Corollary 3 (its hypothesis α = 0)",
        hypotheses=(
            "α_t = 1/2",
            "Q_{t+1} = empirical distribution of N draws from αP + (1 − α)Q_t",
        ),
        divergence=(
            "Our choice of reading: the necessity of the hypothesis, proved by an exact example; "
            "the other reading ('the conclusion holds for every α') is refuted by the same "
            "example. The paper states the corollary for α = 0, so this marks its scope, not an "
            "error: fresh data make P enter every generation, the chain is not Markov, and "
            "information about P accumulates (0 → 0.31377 in six generations). The formal "
            "goal is the first rise, I(P; Q_1) > 0 = I(P; Q_0), as an exact constant; the rise "
            "over six generations is sampled evidence (50 digits)."
        ),
        uses=("cor-3/dpi",),
        checks=(
            Check(
                name="exact-information",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_needs_markov_sympy,
                expect=Outcome.SUPPORTS,
                description="I(P; Q_1) > 0 as an exact constant built from the laws of Q_1",
            ),
            Check(
                name="arb-information",
                method=Method.ARB,
                strength=Strength.CERTIFIED,
                run=_needs_markov_arb,
                expect=Outcome.SUPPORTS,
                description="certified enclosure of the same constant, above 0",
            ),
            Check(
                name="exact-laws",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=_needs_markov_exact,
                expect=Outcome.SUPPORTS,
                instance="the laws of Q_1 given each truth differ (dependence), exactly",
                description="the law of Q_1 depends on P exactly, so I(P; Q_1) > 0 = I(P; Q_0)",
            ),
            Check(
                name="rise-50",
                method=Method.MPMATH,
                strength=Strength.SAMPLED,
                run=_needs_markov_mpmath,
                expect=Outcome.SUPPORTS,
                description="I(P; Q_t) for six generations at 50 digits",
            ),
        ),
        expected=Verdict.PROVED,
    ),
]
