"""Self-training against a verifier (claim ``rem-6``): four concrete models, computed exactly.

The paper's remark on reinforcement learning with imperfect verifiers (v2 Remark 6, v1
abstract) has no formal model; this module supplies four and computes each exactly.

Answers are indexed ``0..K-1``; a policy π is a probability vector over them, and a set C of
indices marks the correct answers. The accuracy of π is A = π(C).

**Fixed verifier.** A verifier accepts a correct answer with probability TPR and a wrong one
with probability FPR. Training on the accepted answers only (infinite-sample limit) maps the
accuracy through :func:`filter_step`,

    A_{t+1} = A_t·TPR / (A_t·TPR + (1 − A_t)·FPR),

whose closed form is :func:`verifier_accuracy`,
A_t = A_0·TPR^t / (A_0·TPR^t + (1 − A_0)·FPR^t). On (0, 1) the step raises the accuracy
exactly when TPR > FPR (:func:`accuracy_gain` has the sign of TPR − FPR), so an informative
fixed verifier drives A_t up to 1:

>>> verifier_accuracy("1/4", "0.9", "0.2", 2)
Fraction(27, 31)
>>> filter_iterate("1/4", "0.9", "0.2", 2)
[Fraction(1, 4), Fraction(3, 5), Fraction(27, 31)]
>>> fixed_verifier_limit("1/4", "0.9", "0.2")
Fraction(1, 1)

**Proxy exploit.** Each answer a is accepted with its own probability r(a). The
infinite-sample loop is the discrete replicator π_t(a) ∝ π_0(a)·r(a)^t (:func:`replicator`).
It concentrates on the answers of largest r among those with π_0 > 0, so the accuracy tends to
0 exactly when every such answer is wrong (:func:`proxy_limit_accuracy`,
:func:`proxy_collapses`); :func:`proxy_collapse_time` decides exactly when the accuracy first
drops below a threshold, or that it never does.

>>> pi0, r, correct = ["1/4"] * 4, ["0.9", "0.9", "0.5", "1"], {0, 1}
>>> proxy_accuracy(pi0, r, correct, 1)
Fraction(6, 11)
>>> proxy_limit_accuracy(pi0, r, correct), proxy_collapse_time(pi0, r, correct, "1/4")
(Fraction(0, 1), 18)

**KL-regularised.** Maximising E_π[r] − β·KL(π‖π_ref) gives the Gibbs policy
π* ∝ π_ref·e^{r/β} with optimal value β·ln Z (:func:`gibbs_policy`). Iterating with
π_ref ← π_t (:func:`gibbs_iterate`) equals the closed form π_t ∝ π_0·e^{t·r/β}
(:func:`gibbs_closed_form`): the same concentration as the replicator (which is the Gibbs
iteration for the reward ln r at β = 1).

**Learned verifier.** Finite samples: each generation the policy draws N answers, the current
verifier accepts each independently with probability v(a), and the policy is refit as the
empirical distribution of the accepted answers (unchanged if none is accepted). Given m ≥ 1
accepted draws, they are i.i.d. from the accepted distribution π·v/Σπ·v, so the Gini
diversity G = 1 − Σπ² of the refit policy has expectation (1 − 1/m)·G(π·v/Σπ·v)
(:func:`expected_refit_gini`). With a perfect verifier, once the policy sits on the correct
answers every draw is accepted and E[G] shrinks by exactly (1 − 1/N) per generation: the
diversity among correct answers decays although nothing wrong is ever learned. The *learned*
verifier is a reward model refit on the previous generation's accepted answers: it accepts
exactly the answers that were accepted at least once (it is not refit after a generation with
no acceptance). Since the refit policy is supported on that same set, from the first
acceptance on every draw passes, and the loop is plain self-training with α = 0: accuracy is a
martingale frozen at its first filtered value and E[G] falls by (1 − 1/N) per step
(:func:`learned_verifier_curves`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath

from numerics.entropy import compositions, gini
from numerics.errors import InputError
from numerics.validate import (
    as_fraction,
    as_positive_int,
    as_probability,
    as_probability_vector,
)

__all__ = [
    "GibbsResult",
    "acceptance_vector",
    "accepted_distribution",
    "accuracy_gain",
    "expected_refit_accuracy",
    "expected_refit_gini",
    "filter_iterate",
    "filter_step",
    "fixed_verifier_limit",
    "gibbs_accuracy",
    "gibbs_closed_form",
    "gibbs_iterate",
    "gibbs_policy",
    "gini",
    "kl_objective",
    "learned_verifier_curves",
    "pass_at_k",
    "proxy_accuracy",
    "proxy_collapse_time",
    "proxy_collapses",
    "proxy_limit_accuracy",
    "refit_outcomes",
    "replicator",
    "replicator_trajectory",
    "verifier_accuracy",
]

DEFAULT_DPS = 50
_MAX_OUTCOMES = 2_000_000


# --------------------------------------------------------------------------- fixed verifier


def _rates(tpr: object, fpr: object) -> tuple[Fraction, Fraction]:
    t = as_probability(tpr, "TPR")
    f = as_probability(fpr, "FPR")
    if t == 0 and f == 0:
        raise InputError("TPR = FPR = 0: the verifier accepts nothing, so there is nothing to "
                         "train on")
    return t, f


def _filtered(a: Fraction, tpr_t: Fraction, fpr_t: Fraction) -> Fraction:
    den = a * tpr_t + (1 - a) * fpr_t
    if den == 0:
        raise InputError(f"nothing is ever accepted: A·TPR + (1 − A)·FPR = 0 at A = {a}")
    return a * tpr_t / den


def filter_step(a: object, tpr: object, fpr: object) -> Fraction:
    """One generation of training on accepted answers: A·TPR / (A·TPR + (1 − A)·FPR).

    >>> filter_step("1/2", "0.9", "0.1")
    Fraction(9, 10)
    >>> filter_step(0, "0.9", 0)
    Traceback (most recent call last):
    ...
    numerics.errors.InputError: nothing is ever accepted: A·TPR + (1 − A)·FPR = 0 at A = 0
    """
    t, f = _rates(tpr, fpr)
    return _filtered(as_probability(a, "A"), t, f)


def filter_iterate(a0: object, tpr: object, fpr: object, t: object) -> list[Fraction]:
    """A_0, ..., A_t by iterating :func:`filter_step` (exact)."""
    tp, fp = _rates(tpr, fpr)
    steps = as_positive_int(t, "t", minimum=0)
    out = [as_probability(a0, "A0")]
    for _ in range(steps):
        out.append(_filtered(out[-1], tp, fp))
    return out


def verifier_accuracy(a0: object, tpr: object, fpr: object, t: object) -> Fraction:
    """Closed form A_t = A_0·TPR^t / (A_0·TPR^t + (1 − A_0)·FPR^t) of the fixed-verifier loop.

    Exact for rational inputs (decimal strings such as ``"0.9"`` mean 9/10).

    >>> verifier_accuracy("0.5", "0.9", "0.3", 3)
    Fraction(27, 28)
    >>> verifier_accuracy("0.5", "0.3", "0.9", 3)
    Fraction(1, 28)
    >>> verifier_accuracy("0.5", 0, 0, 1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    numerics.errors.InputError: TPR = FPR = 0: the verifier accepts nothing, ...
    """
    tp, fp = _rates(tpr, fpr)
    a = as_probability(a0, "A0")
    steps = as_positive_int(t, "t", minimum=0)
    num = a * tp**steps
    den = num + (1 - a) * fp**steps
    if den == 0:
        raise InputError(f"nothing is ever accepted: A0·TPR^t + (1 − A0)·FPR^t = 0 at A0 = {a}")
    return num / den


def accuracy_gain(a: object, tpr: object, fpr: object) -> Fraction:
    """A_{t+1} − A_t, equal to A(1 − A)(TPR − FPR) / (A·TPR + (1 − A)·FPR).

    Its sign on 0 < A < 1 is the sign of TPR − FPR: the threshold of improvement.

    >>> accuracy_gain("1/2", "0.9", "0.1")
    Fraction(2, 5)
    """
    return filter_step(a, tpr, fpr) - as_probability(a, "A")


def fixed_verifier_limit(a0: object, tpr: object, fpr: object) -> Fraction:
    """lim A_t: 1 if TPR > FPR and A_0 > 0; 0 if TPR < FPR and A_0 < 1; otherwise A_0.

    >>> fixed_verifier_limit("0.3", "0.5", "0.5"), fixed_verifier_limit("0.3", "0.2", "0.5")
    (Fraction(3, 10), Fraction(0, 1))
    """
    tp, fp = _rates(tpr, fpr)
    a = as_probability(a0, "A0")
    _filtered(a, tp, fp)  # rejects the inputs for which nothing is accepted
    if tp > fp and a > 0:
        return Fraction(1)
    if tp < fp and a < 1:
        return Fraction(0)
    return a


def pass_at_k(accuracy: object, k: object) -> Fraction:
    """Probability that at least one of k independent draws is correct: 1 − (1 − A)^k.

    >>> pass_at_k("1/2", 3)
    Fraction(7, 8)
    """
    a = as_probability(accuracy, "accuracy")
    return 1 - (1 - a) ** as_positive_int(k, "k")


def _correct_set(correct: Iterable[object], k: int) -> frozenset[int]:
    if isinstance(correct, (str, bytes)):
        raise InputError("correct must be a collection of answer indices, got a string")
    try:
        items = list(correct)
    except TypeError:
        raise InputError(f"correct must be a collection of answer indices, got {correct!r}") \
            from None
    out = set()
    for c in items:
        i = as_positive_int(c, "correct answer index", minimum=0)
        if i >= k:
            raise InputError(f"correct answer index {i} is out of range for {k} answers")
        out.add(i)
    return frozenset(out)


def _acceptance(r: Iterable[object], k: int, name: str = "r") -> tuple[Fraction, ...]:
    if isinstance(r, (str, bytes)):
        raise InputError(f"{name} must be a sequence of acceptance probabilities, got a string")
    try:
        items = list(r)
    except TypeError:
        raise InputError(f"{name} must be a sequence of acceptance probabilities") from None
    if len(items) != k:
        raise InputError(f"{name} has {len(items)} entries but the policy has {k} answers")
    return tuple(as_probability(x, f"{name}[{i}]") for i, x in enumerate(items))


def _proxy_inputs(
    pi0: Iterable[object], r: Iterable[object], correct: Iterable[object] | None = None
) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...], frozenset[int]]:
    p = as_probability_vector(pi0, "pi0")
    acc = _acceptance(r, len(p))
    c = _correct_set(correct, len(p)) if correct is not None else frozenset()
    return p, acc, c


def _normalise(w: Sequence[Fraction]) -> tuple[Fraction, ...]:
    z = sum(w, Fraction(0))
    if z == 0:
        raise InputError("no answer with π_0 > 0 is ever accepted (Σ π_0·r^t = 0)")
    return tuple(x / z for x in w)


def replicator(pi0: Iterable[object], r: Iterable[object], t: object) -> tuple[Fraction, ...]:
    """π_t(a) = π_0(a)·r(a)^t / Σ_b π_0(b)·r(b)^t (exact).

    >>> replicator(["1/2", "1/2"], ["1", "1/2"], 2)
    (Fraction(4, 5), Fraction(1, 5))
    """
    p, acc, _ = _proxy_inputs(pi0, r)
    steps = as_positive_int(t, "t", minimum=0)
    return _normalise([pa * ra**steps for pa, ra in zip(p, acc, strict=True)])


def replicator_trajectory(
    pi0: Iterable[object], r: Iterable[object], generations: object, exact: bool = True
) -> Iterator[tuple[Fraction, ...]] | Iterator[tuple[float, ...]]:
    """π_0, π_1, ..., π_generations of the replicator, computed incrementally.

    The weights are kept as integers (π_0 and r over common denominators), so each step costs
    one multiplication per answer. ``exact=False`` yields correctly rounded floats of the same
    exact values (fast for long horizons).

    >>> [tuple(map(str, q)) for q in replicator_trajectory(["1/2", "1/2"], ["1", "1/2"], 2)]
    [('1/2', '1/2'), ('2/3', '1/3'), ('4/5', '1/5')]
    """
    p, acc, _ = _proxy_inputs(pi0, r)
    steps = as_positive_int(generations, "generations", minimum=0)
    dp = math.lcm(*(x.denominator for x in p))
    dr = math.lcm(*(x.denominator for x in acc))
    w = [x.numerator * (dp // x.denominator) for x in p]
    mult = [x.numerator * (dr // x.denominator) for x in acc]
    return _replicator_iter(w, mult, steps, exact)


def _replicator_iter(w: list[int], mult: list[int], steps: int,
                     exact: bool) -> Iterator[tuple[Any, ...]]:
    for t in range(steps + 1):
        if t:
            w = [x * m for x, m in zip(w, mult, strict=True)]
        total = sum(w)
        if total == 0:
            raise InputError("no answer with π_0 > 0 is ever accepted (Σ π_0·r^t = 0)")
        yield tuple(Fraction(x, total) for x in w) if exact else tuple(x / total for x in w)


def proxy_accuracy(
    pi0: Iterable[object], r: Iterable[object], correct: Iterable[object], t: object
) -> Fraction:
    """Accuracy π_t(C) of the replicator policy after t generations (exact)."""
    p, acc, c = _proxy_inputs(pi0, r, correct)
    return sum((replicator(p, acc, t)[i] for i in c), Fraction(0))


def proxy_limit_accuracy(
    pi0: Iterable[object], r: Iterable[object], correct: Iterable[object]
) -> Fraction:
    """lim_t π_t(C) = π_0(C ∩ M) / π_0(M), M = the answers of largest r among π_0 > 0.

    >>> proxy_limit_accuracy(["1/2", "1/4", "1/4"], ["1", "1", "1/2"], {0})
    Fraction(2, 3)
    """
    p, acc, c = _proxy_inputs(pi0, r, correct)
    support = [i for i, x in enumerate(p) if x > 0]
    top = max(acc[i] for i in support)
    if top == 0:
        raise InputError("every answer with π_0 > 0 has r = 0: nothing is ever accepted")
    best = [i for i in support if acc[i] == top]
    return sum((p[i] for i in best if i in c), Fraction(0)) / sum((p[i] for i in best),
                                                                    Fraction(0))


def proxy_collapses(
    pi0: Iterable[object], r: Iterable[object], correct: Iterable[object]
) -> bool:
    """True iff the accuracy tends to 0: every answer of largest r among π_0 > 0 is wrong."""
    return proxy_limit_accuracy(pi0, r, correct) == 0


def proxy_collapse_time(
    pi0: Iterable[object],
    r: Iterable[object],
    correct: Iterable[object],
    threshold: object,
    max_steps: int = 1_000_000,
) -> int | None:
    """The first t with π_t(C) < threshold, or None when that never happens (decided exactly).

    The accuracy need not be monotone in t, so a plain scan cannot prove "never". Write
    π_t(C) < θ as f(t) = Σ_j d_j ρ_j^t > 0 (ρ_j the distinct positive values of r, d_j exact).
    For t beyond a bound T computed from the leading term, the sign of f is the sign of the
    leading nonzero d_j; before T every t is checked with exact integer arithmetic.
    ``max_steps`` caps T (InputError if the exact decision would need more steps).

    >>> proxy_collapse_time(["1/4"] * 4, ["0.9", "0.9", "0.5", "1"], {0, 1}, "1/4")
    18
    >>> proxy_collapse_time(["1/2", "1/2"], ["0.9", "0.5"], {0}, "1/4") is None
    True
    """
    p, acc, c = _proxy_inputs(pi0, r, correct)
    theta = as_fraction(threshold, "threshold")
    if not 0 < theta <= 1:
        raise InputError(f"threshold must lie in (0, 1], got {theta}")
    if not any(p[i] > 0 and acc[i] > 0 for i in range(len(p))):
        raise InputError("every answer with π_0 > 0 has r = 0: nothing is ever accepted")
    if sum((p[i] for i in c), Fraction(0)) < theta:
        return 0
    # f(t) = θ·W_t − (1 − θ)·C_t grouped by acceptance value; ρ = 0 terms vanish for t ≥ 1.
    groups: dict[Fraction, Fraction] = {}
    for i, (pa, ra) in enumerate(zip(p, acc, strict=True)):
        if pa > 0 and ra > 0:
            d = -(1 - theta) * pa if i in c else theta * pa
            groups[ra] = groups.get(ra, Fraction(0)) + d
    terms = sorted(((rho, d) for rho, d in groups.items() if d != 0), reverse=True)
    if not terms:
        return None  # f(t) = 0, i.e. accuracy exactly θ, for every t ≥ 1
    rho1, d1 = terms[0]
    rest = terms[1:]
    bound = _dominance_time(rho1, abs(d1), rest, max_steps)
    # exact integer evaluation of sign f(t) for t = 1..bound
    den_r = math.lcm(*(rho.denominator for rho, _ in terms))
    den_d = math.lcm(*(d.denominator for _, d in terms))
    bases = [rho.numerator * (den_r // rho.denominator) for rho, _ in terms]
    coefs = [d.numerator * (den_d // d.denominator) for _, d in terms]
    powers = list(coefs)
    for t in range(1, bound + 1):
        powers = [x * b for x, b in zip(powers, bases, strict=True)]
        if sum(powers) > 0:
            return t
    if d1 > 0:  # pragma: no cover - the dominance bound guarantees a hit before this
        raise AssertionError("dominance bound violated")
    return None


def _dominance_time(
    rho1: Fraction, lead: Fraction, rest: list[tuple[Fraction, Fraction]], max_steps: int
) -> int:
    """Smallest T ≥ 1 with lead·ρ1^T > Σ|d_j|·ρ2^T, after which the leading term decides."""
    if not rest:
        return 1
    rho2 = rest[0][0]
    total = sum((abs(d) for _, d in rest), Fraction(0))
    if total < lead:
        return 1
    ratio = rho2 / rho1
    guess = max(1, math.floor(_log(lead / total) / _log(ratio)) - 1)
    if guess > max_steps:
        raise InputError(f"deciding the collapse time exactly needs about {guess} steps, "
                         f"more than max_steps = {max_steps}")
    t = guess
    while t > 1 and total * ratio ** (t - 1) < lead:
        t -= 1
    while total * ratio**t >= lead:
        t += 1
        if t > max_steps:
            raise InputError(f"deciding the collapse time exactly needs more than "
                             f"max_steps = {max_steps} steps")
    return t


def _log(x: Fraction) -> float:
    """ln x for a positive Fraction of any size (no float underflow)."""
    return math.log(x.numerator) - math.log(x.denominator)


def acceptance_vector(
    answers: object,
    correct: object,
    tpr: object,
    fpr: object,
    proxy: object = None,
) -> tuple[Fraction, ...]:
    """Per-answer acceptance probabilities; answers ``0..correct-1`` are the correct ones.

    ``proxy=None``: TPR on correct answers, FPR on wrong ones. ``proxy=j`` (an int, the index
    of a wrong answer): the same, except that answer j is always accepted (the exploited
    answer). ``proxy`` a sequence: the full vector of acceptance probabilities.

    >>> acceptance_vector(4, 2, "0.9", "0.2", proxy=3)
    (Fraction(9, 10), Fraction(9, 10), Fraction(1, 5), Fraction(1, 1))
    """
    k = as_positive_int(answers, "answers")
    c = as_positive_int(correct, "correct", minimum=0)
    if c > k:
        raise InputError(f"correct = {c} exceeds the number of answers {k}")
    tp, fp = _rates(tpr, fpr)
    if proxy is None:
        return tuple(tp if i < c else fp for i in range(k))
    if isinstance(proxy, (int, str)) and not isinstance(proxy, bool) and \
            "," not in str(proxy):
        j = as_positive_int(proxy, "proxy index", minimum=0)
        if not c <= j < k:
            raise InputError(f"proxy index must name a wrong answer ({c}..{k - 1}), got {j}")
        return tuple(Fraction(1) if i == j else (tp if i < c else fp) for i in range(k))
    if isinstance(proxy, str):
        proxy = [x for x in proxy.split(",") if x.strip()]
    return _acceptance(proxy, k, "proxy")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- KL-regularised


@dataclass(frozen=True)
class GibbsResult:
    """The maximiser of E_π[r] − β·KL(π‖π_ref) and its value β·ln Z, at ``dps`` digits."""

    policy: tuple[mpmath.mpf, ...]
    value: mpmath.mpf
    log_partition: mpmath.mpf
    dps: int


def _mp(x: object, name: str) -> mpmath.mpf:
    """An mpf at the current working precision; exact numbers are divided exactly."""
    if isinstance(x, mpmath.mpf):
        if not mpmath.isfinite(x):
            raise InputError(f"{name} must be a finite number, got {x}")
        return +x
    f = as_fraction(x, name)
    return mpmath.mpf(f.numerator) / f.denominator


def _mp_policy(values: Iterable[object], name: str, dps: int) -> list[mpmath.mpf]:
    if isinstance(values, (str, bytes)):
        raise InputError(f"{name} must be a sequence of probabilities, got a string")
    items = list(values)
    if not items:
        raise InputError(f"{name} must have at least one entry")
    if all(not isinstance(v, mpmath.mpf) for v in items):
        exact = as_probability_vector(items, name)
        return [mpmath.mpf(v.numerator) / v.denominator for v in exact]
    out = [_mp(v, f"{name}[{i}]") for i, v in enumerate(items)]
    for i, v in enumerate(out):
        if v < 0:
            raise InputError(f"{name} must have entries >= 0, got {v} at position {i}")
    total = mpmath.fsum(out)
    if abs(total - 1) > mpmath.mpf(10) ** (-(dps - 10)):
        raise InputError(f"{name}: probabilities must sum to 1, got {mpmath.nstr(total, 15)}")
    return out


def _dps(dps: object) -> int:
    return as_positive_int(dps, "dps", minimum=15)


def _beta(beta: object) -> Fraction | mpmath.mpf:
    if isinstance(beta, mpmath.mpf):
        if not (mpmath.isfinite(beta) and beta > 0):
            raise InputError(f"beta must be a finite number > 0, got {beta}")
        return beta
    b = as_fraction(beta, "beta")
    if b <= 0:
        raise InputError(f"beta must be > 0, got {b}")
    return b


def _gibbs(pref: Sequence[mpmath.mpf], rew: Sequence[mpmath.mpf], beta: mpmath.mpf,
           dps: int) -> GibbsResult:
    top = max(rw for pr, rw in zip(pref, rew, strict=True) if pr > 0)
    w = [pr * mpmath.exp((rw - top) / beta) if pr > 0 else mpmath.mpf(0)
         for pr, rw in zip(pref, rew, strict=True)]
    z = mpmath.fsum(w)
    log_z = mpmath.log(z) + top / beta
    return GibbsResult(tuple(x / z for x in w), beta * log_z, log_z, dps)


def gibbs_policy(
    pi_ref: Iterable[object], r: Iterable[object], beta: object, dps: int = DEFAULT_DPS
) -> GibbsResult:
    """π* ∝ π_ref·e^{r/β}, the maximiser of E_π[r] − β·KL(π‖π_ref), with value β·ln Z.

    ``r`` is any real reward (exact numbers or mpf), ``beta`` > 0. Computed at ``dps`` digits.

    >>> g = gibbs_policy(["1/2", "1/2"], [0, 1], 1, dps=30)
    >>> mpmath.nstr(g.policy[1], 12), mpmath.nstr(g.value, 12)
    ('0.73105857863', '0.620114506958')
    """
    d = _dps(dps)
    with mpmath.workdps(d):
        pref = _mp_policy(pi_ref, "pi_ref", d)
        rew = [_mp(x, f"r[{i}]") for i, x in enumerate(r)]
        if len(rew) != len(pref):
            raise InputError(f"r has {len(rew)} entries but pi_ref has {len(pref)}")
        return _gibbs(pref, rew, _mp(_beta(beta), "beta"), d)


def gibbs_iterate(
    pi0: Iterable[object], r: Iterable[object], beta: object, t: object,
    dps: int = DEFAULT_DPS,
) -> list[tuple[mpmath.mpf, ...]]:
    """π_0, ..., π_t with π_{s+1} = gibbs_policy(π_s, r, β) (the reference is the last policy)."""
    d = _dps(dps)
    steps = as_positive_int(t, "t", minimum=0)
    with mpmath.workdps(d):
        pol = tuple(_mp_policy(pi0, "pi0", d))
        rew = [_mp(x, f"r[{i}]") for i, x in enumerate(r)]
        if len(rew) != len(pol):
            raise InputError(f"r has {len(rew)} entries but pi0 has {len(pol)}")
        b = _mp(_beta(beta), "beta")
        out = [pol]
        for _ in range(steps):
            out.append(_gibbs(out[-1], rew, b, d).policy)
    return out


def gibbs_closed_form(
    pi0: Iterable[object], r: Iterable[object], beta: object, t: object,
    dps: int = DEFAULT_DPS,
) -> tuple[mpmath.mpf, ...]:
    """π_t ∝ π_0·e^{t·r/β}: the closed form of :func:`gibbs_iterate`."""
    d = _dps(dps)
    steps = as_positive_int(t, "t", minimum=0)
    with mpmath.workdps(d):
        pol = _mp_policy(pi0, "pi0", d)
        rew = [_mp(x, f"r[{i}]") for i, x in enumerate(r)]
        if len(rew) != len(pol):
            raise InputError(f"r has {len(rew)} entries but pi0 has {len(pol)}")
        b = _mp(_beta(beta), "beta")
        if steps == 0:
            return tuple(pol)
        return _gibbs(pol, [steps * x for x in rew], b, d).policy


def gibbs_accuracy(
    pi0: Iterable[object], r: Iterable[object], correct: Iterable[object], beta: object,
    t: object, dps: int = DEFAULT_DPS,
) -> mpmath.mpf:
    """Accuracy π_t(C) of the KL-regularised loop after t generations (closed form)."""
    pol = gibbs_closed_form(pi0, r, beta, t, dps)
    c = _correct_set(correct, len(pol))
    with mpmath.workdps(_dps(dps)):
        return mpmath.fsum(pol[i] for i in sorted(c))


def kl_objective(
    pi: Iterable[object], pi_ref: Iterable[object], r: Iterable[object], beta: object,
    dps: int = DEFAULT_DPS,
) -> mpmath.mpf:
    """E_π[r] − β·KL(π‖π_ref) at ``dps`` digits; −inf if π puts mass where π_ref has none."""
    d = _dps(dps)
    with mpmath.workdps(d):
        p = _mp_policy(pi, "pi", d)
        q = _mp_policy(pi_ref, "pi_ref", d)
        rew = [_mp(x, f"r[{i}]") for i, x in enumerate(r)]
        if not len(p) == len(q) == len(rew):
            raise InputError("pi, pi_ref and r must have the same length")
        b = _mp(_beta(beta), "beta")
        total = mpmath.mpf(0)
        for pa, qa, ra in zip(p, q, rew, strict=True):
            if pa == 0:
                continue
            if qa == 0:
                return mpmath.mpf("-inf")
            total += pa * ra - b * pa * mpmath.log(pa / qa)
        return total


# --------------------------------------------------------------------------- learned verifier


def accepted_distribution(
    pi: Iterable[object], accept: Iterable[object]
) -> tuple[Fraction, ...]:
    """The distribution of an accepted draw: π(a)·v(a) / Σ_b π(b)·v(b) (exact)."""
    p, v, _ = _proxy_inputs(pi, accept)
    w = [pa * va for pa, va in zip(p, v, strict=True)]
    if sum(w, Fraction(0)) == 0:
        raise InputError("the verifier accepts no answer the policy produces")
    return _normalise(w)


def _binomial_pmf(n: int, s: Fraction) -> list[Fraction]:
    return [math.comb(n, m) * s**m * (1 - s) ** (n - m) for m in range(n + 1)]


def expected_refit_gini(pi: Iterable[object], accept: Iterable[object], n: object) -> Fraction:
    """E[G(π')] for π' = empirical distribution of the accepted draws among N (π if none).

    Given m ≥ 1 accepted draws (m ~ Binomial(N, Σπ·v)) they are i.i.d. from the accepted
    distribution q, and E[G(empirical of m draws)] = (1 − 1/m)·G(q); hence
    E[G(π')] = Σ_{m≥1} P(m)·(1 − 1/m)·G(q) + P(m = 0)·G(π).

    >>> expected_refit_gini(["1/2", "1/2"], [1, 1], 4)
    Fraction(3, 8)
    """
    p, v, _ = _proxy_inputs(pi, accept)
    size = as_positive_int(n, "N")
    s = sum((pa * va for pa, va in zip(p, v, strict=True)), Fraction(0))
    pmf = _binomial_pmf(size, s)
    g_pi = gini(p)
    if s == 0:
        return g_pi
    g_acc = gini(accepted_distribution(p, v))
    factor = sum((pmf[m] * (1 - Fraction(1, m)) for m in range(1, size + 1)), Fraction(0))
    return factor * g_acc + pmf[0] * g_pi


def expected_refit_accuracy(
    pi: Iterable[object], accept: Iterable[object], correct: Iterable[object], n: object
) -> Fraction:
    """E[π'(C)] for one finite-N refit: P(m ≥ 1)·q(C) + P(m = 0)·π(C), q the accepted law.

    Given m ≥ 1, the share of correct answers among the accepted draws has mean q(C) exactly,
    so after one generation the finite-sample mean equals the infinite-sample value (up to the
    chance that nothing is accepted).
    """
    p, v, c = _proxy_inputs(pi, accept, correct)
    size = as_positive_int(n, "N")
    s = sum((pa * va for pa, va in zip(p, v, strict=True)), Fraction(0))
    a = sum((p[i] for i in c), Fraction(0))
    if s == 0:
        return a
    q = accepted_distribution(p, v)
    none = (1 - s) ** size
    return (1 - none) * sum((q[i] for i in c), Fraction(0)) + none * a


def refit_outcomes(
    pi: Iterable[object], accept: Iterable[object], n: object
) -> dict[tuple[Fraction, ...], Fraction]:
    """The exact law of the refit policy π' after one generation (by full enumeration).

    Each of the N draws lands in one of K + 1 cells (answer a accepted, with probability
    π(a)·v(a), or rejected); π' is the accepted counts over m, or π when m = 0. Meant for small
    cases (the number of outcomes is C(N + K, K)).

    >>> law = refit_outcomes(["1/2", "1/2"], [1, 0], 2)
    >>> law[(Fraction(1), Fraction(0))], law[(Fraction(1, 2), Fraction(1, 2))]
    (Fraction(3, 4), Fraction(1, 4))
    """
    p, v, _ = _proxy_inputs(pi, accept)
    size = as_positive_int(n, "N")
    k = len(p)
    if math.comb(size + k, k) > _MAX_OUTCOMES:
        raise InputError(f"refit_outcomes: C(N + K, K) = {math.comb(size + k, k)} outcomes is "
                         f"too many to enumerate")
    cells = [pa * va for pa, va in zip(p, v, strict=True)]
    cells.append(1 - sum(cells, Fraction(0)))
    out: dict[tuple[Fraction, ...], Fraction] = {}
    for counts in compositions(size, k + 1):
        prob = Fraction(math.factorial(size))
        for c, q in zip(counts, cells, strict=True):
            prob = prob * q**c / math.factorial(c)
        if prob == 0:
            continue
        m = size - counts[-1]
        new = p if m == 0 else tuple(Fraction(c, m) for c in counts[:-1])
        out[new] = out.get(new, Fraction(0)) + prob
    return out


def learned_verifier_curves(
    pi0: Iterable[object],
    accept0: Iterable[object],
    correct: Iterable[object],
    n: object,
    generations: object,
    exact: bool = True,
) -> tuple[list[Fraction], list[Fraction]] | tuple[list[float], list[float]]:
    """Exact E[A_t] and E[G(π_t)], t = 0..generations, of the finite-N learned-verifier loop.

    Generation 0 uses the verifier ``accept0``; it is refit (to the set of answers accepted at
    least once) after every generation with an acceptance. Let s = Σπ_0·v_0,
    p_0 = (1 − s)^N (nothing accepted), q the accepted law and
    g_1 = E[1 − 1/m | m ≥ 1]·G(q). Then

        E[A_t] = p_0^t·A_0 + (1 − p_0^t)·q(C),
        E[G_t] = p_0^t·G(π_0) + Σ_{j<t} p_0^j (1 − p_0)·g_1·(1 − 1/N)^{t−1−j}.

    The same law governs the *fixed* loop whenever v_0 is 0 or 1 on the support of π_0 (e.g. a
    perfect verifier): after the first acceptance every draw is accepted in both loops.
    The exact rationals grow quickly with t; ``exact=False`` evaluates the same formula in
    floating point from the exact constants (for long horizons).

    >>> acc, g = learned_verifier_curves(["1/4"] * 4, ["1", "1", "0", "0"], {0, 1}, 2, 2)
    >>> acc[2], g[2]
    (Fraction(31, 32), Fraction(3, 32))
    """
    p, v, c = _proxy_inputs(pi0, accept0, correct)
    size = as_positive_int(n, "N")
    steps = as_positive_int(generations, "generations", minimum=0)
    s = sum((pa * va for pa, va in zip(p, v, strict=True)), Fraction(0))
    a0 = sum((p[i] for i in c), Fraction(0))
    g0 = gini(p)
    if s == 0:
        raise InputError("the first verifier accepts no answer the policy produces")
    q = accepted_distribution(p, v)
    qc = sum((q[i] for i in c), Fraction(0))
    pmf = _binomial_pmf(size, s)
    none = pmf[0]
    g1 = sum((pmf[m] * (1 - Fraction(1, m)) for m in range(1, size + 1)), Fraction(0)) \
        / (1 - none) * gini(q)
    shrink: Any = 1 - Fraction(1, size)
    consts: tuple[Any, ...] = (none, a0, qc, g0, g1)
    if not exact:
        shrink = float(shrink)
        consts = tuple(float(x) for x in consts)
    none_, a0_, qc_, g0_, g1_ = consts
    accs, ginis = [], []
    # h_t = Σ_{j<t} p0^j (1 − p0) (1 − 1/N)^{t−1−j}, h_0 = 0, h_{t+1} = shrink·h_t + p0^t (1−p0)
    h = 0 * shrink
    power = 1 + 0 * shrink  # p0^t
    for _ in range(steps + 1):
        accs.append(power * a0_ + (1 - power) * qc_)
        ginis.append(power * g0_ + g1_ * h)
        h = shrink * h + power * (1 - none_)
        power = power * none_
    return accs, ginis
