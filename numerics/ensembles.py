"""Ensembles of self-training models (claims ``def-3`` and ``thm-8``), computed exactly.

The paper sketches the ensemble case (v2 Definition 3, Theorem 8) without a sampling model;
this module supplies one. There are m models with weights ω_i ≥ 0, Σω_i = 1, on K categories.
At generation t each model draws N samples from the training distribution
T_t = α·P + (1 − α)·R_{t−1} and becomes their empirical distribution Q^i_t; the ensemble is
R_t = Σ_i ω_i·Q^i_t.

**Gini identity.** With G(q) = 1 − Σ q(x)², independence of the models and
Var Q^i(x) = T(x)(1 − T(x))/N give

    E[G(R_t) | R_{t−1}] = (1 − Σω_i²/N)·G(T_t),

so for α = 0 the expected Gini shrinks by the factor c = 1 − Σω_i²/N
(:func:`ensemble_gini_factor`) per generation: the ensemble behaves like one model with the
effective sample size N/Σω_i² (:func:`effective_sample_size`). It slows the decay but does
not stop it, and for finite support R_t is absorbed at a point mass.

>>> ensemble_gini_factor(["1/2", "1/2"], 4), effective_sample_size(["1/3", "2/3"], 5)
(Fraction(7, 8), Fraction(9, 1))
>>> expected_ensemble_gini(["1/2", "1/2"], ["1/2", "1/2"], 4)
Fraction(7, 16)

:func:`expected_ensemble_gini` enumerates the exact law of R_t (it does not use the factor), so
comparing the two is a real test.

**Grounding (α > 0).** G(αP + (1 − α)R) = 1 − α²·ΣP² − 2α(1 − α)·S − (1 − α)²·ΣR² involves
the cross term S = Σ_x P(x)R(x). The recursion therefore does not close on E[G] alone; it
closes on the pair (g, s) = (E[G(R_t)], E[S_t]), and s obeys its own linear recursion since
E[R_t] = T_t:

    g_t = c·[1 − α²·p₂ − 2α(1 − α)·s_{t−1} − (1 − α)²·(1 − g_{t−1})],
    s_t = α·p₂ + (1 − α)·s_{t−1},        p₂ = ΣP² = 1 − G(P),

so s_t = p₂ + (1 − α)^t (s_0 − p₂) (and g closes on itself when R_0 = P). The stationary Gini
(:func:`stationary_ensemble_gini`) is

    g* = c·α(2 − α)·G(P) / (1 − c·(1 − α)²),

zero at α = 0, c·G(P) at α = 1.

**Absorbing chain.** For K = 2 the state is R_t's first coordinate, a lattice of rationals
Σω_i k_i/N; :func:`ensemble_chain` builds the exact transition matrix and solves it over the
rationals: absorption at 0 or 1 has probability 1 and the probability of ending at 1 equals
the initial share (R_t(1) is a martingale); with α > 0 it gives the exact stationary law.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import flint

from numerics.entropy import compositions, gini
from numerics.errors import InputError
from numerics.validate import (
    as_alpha,
    as_fraction,
    as_positive_int,
    as_probability,
    as_probability_vector,
)

__all__ = [
    "EnsembleChain",
    "effective_sample_size",
    "ensemble_chain",
    "ensemble_gini_factor",
    "ensemble_gini_step",
    "ensemble_step_distribution",
    "ensemble_weights",
    "expected_ensemble_gini",
    "expected_ensemble_gini_curve",
    "gini",
    "stationary_ensemble_gini",
]

_MAX_OUTCOMES = 2_000_000

Vector = tuple[Fraction, ...]


def ensemble_weights(weights: Iterable[object]) -> Vector:
    """Validated exact weights: non-negative, summing to exactly 1.

    >>> ensemble_weights(["0.25", "0.75"])
    (Fraction(1, 4), Fraction(3, 4))
    >>> ensemble_weights(["1.5", "-0.5"])
    Traceback (most recent call last):
    ...
    numerics.errors.InputError: weights must be non-negative, got -1/2 at position 1
    """
    if isinstance(weights, (str, bytes)):
        raise InputError("weights must be a sequence of numbers, got a string")
    try:
        items = list(weights)
    except TypeError:
        raise InputError(f"weights must be a sequence of numbers, got {weights!r}") from None
    values = [as_fraction(w, f"weights[{i}]") for i, w in enumerate(items)]
    for i, w in enumerate(values):
        if w < 0:
            raise InputError(f"weights must be non-negative, got {w} at position {i}")
    return as_probability_vector(values, "weights")


def ensemble_gini_factor(weights: Iterable[object], n: object) -> Fraction:
    """c = 1 − Σω_i²/N: the exact one-generation factor of E[G] for α = 0."""
    w = ensemble_weights(weights)
    size = as_positive_int(n, "N")
    return 1 - sum((x * x for x in w), Fraction(0)) / size


def effective_sample_size(weights: Iterable[object], n: object) -> Fraction:
    """N/Σω_i²: the sample size of the single model whose Gini decays like the ensemble's."""
    w = ensemble_weights(weights)
    size = as_positive_int(n, "N")
    return size / sum((x * x for x in w), Fraction(0))


def _training(
    r: Vector, alpha: Fraction, p: Vector | None
) -> Vector:
    if alpha == 0:
        return r
    if p is None:
        raise InputError("alpha > 0 needs the true distribution p")
    if len(p) != len(r):
        raise InputError(f"p has {len(p)} entries but r has {len(r)}")
    return tuple(alpha * pa + (1 - alpha) * ra for pa, ra in zip(p, r, strict=True))


def _multinomial_law(t: Vector, n: int) -> list[tuple[tuple[int, ...], Fraction]]:
    out = []
    for counts in compositions(n, len(t)):
        prob = Fraction(math.factorial(n))
        for c, q in zip(counts, t, strict=True):
            prob = prob * q**c / math.factorial(c)
        if prob:
            out.append((counts, prob))
    return out


def _inputs(
    r: Iterable[object], weights: Iterable[object], n: object, alpha: object,
    p: Iterable[object] | None,
) -> tuple[Vector, Vector, int, Fraction, Vector | None]:
    rv = as_probability_vector(r, "r")
    w = ensemble_weights(weights)
    size = as_positive_int(n, "N")
    a = as_alpha(alpha)
    pv = as_probability_vector(p, "p") if p is not None else None
    if pv is not None and len(pv) != len(rv):
        raise InputError(f"p has {len(pv)} entries but r has {len(rv)}")
    return rv, w, size, a, pv


def ensemble_step_distribution(
    r: Iterable[object],
    weights: Iterable[object],
    n: object,
    alpha: object = 0,
    p: Iterable[object] | None = None,
) -> dict[Vector, Fraction]:
    """The exact law of R_t given R_{t−1} = r, by enumerating every model's counts.

    The models are convolved one at a time (equal partial mixtures are merged), so the cost is
    far below the naive C(N + K − 1, K − 1)^m, but it is still meant for small cases.

    >>> law = ensemble_step_distribution(["1/2", "1/2"], ["1/2", "1/2"], 1)
    >>> [(str(x[0]), str(law[x])) for x in sorted(law)]
    [('0', '1/4'), ('1/2', '1/2'), ('1', '1/4')]
    """
    rv, w, size, a, pv = _inputs(r, weights, n, alpha, p)
    t = _training(rv, a, pv)
    k = len(t)
    per_model = _multinomial_law(t, size)
    if len(per_model) ** 2 > _MAX_OUTCOMES and len(w) > 1:
        raise InputError(f"ensemble_step_distribution: {len(per_model)} outcomes per model is "
                         f"too many to enumerate")
    # the enumeration runs on integers: with ω_i = a_i/d, a partial mixture Σ_i ω_i c_i/N is
    # the integer Σ_i a_i c_i over d·N, so outcomes are integer tuples (cheap to hash); the
    # probabilities are flint's exact rationals (fmpq: the same values as Fraction, many times
    # faster). The law comes back in Fractions, in the same order.
    d = math.lcm(*(x.denominator for x in w))
    fq = flint.fmpq
    zero = fq(0)
    models = [(counts, fq(pc.numerator, pc.denominator)) for counts, pc in per_model]
    law: dict[tuple[int, ...], Any] = {(0,) * k: fq(1)}
    for wf in w:
        wi = wf.numerator * (d // wf.denominator)
        nxt: dict[tuple[int, ...], Any] = {}
        for partial, pr in law.items():
            for counts, pc in models:
                key = tuple(x + wi * c for x, c in zip(partial, counts, strict=True))
                nxt[key] = nxt.get(key, zero) + pr * pc
        if len(nxt) > _MAX_OUTCOMES:
            raise InputError("ensemble_step_distribution: too many outcomes to enumerate")
        law = nxt
    scale = d * size
    return {tuple(Fraction(x, scale) for x in key): Fraction(int(v.p), int(v.q))
            for key, v in law.items()}


def expected_ensemble_gini(
    r: Iterable[object],
    weights: Iterable[object],
    n: object,
    alpha: object = 0,
    p: Iterable[object] | None = None,
) -> Fraction:
    """E[G(R_t) | R_{t−1} = r] computed from the exact law of R_t (not from the factor)."""
    law = ensemble_step_distribution(r, weights, n, alpha, p)
    return sum((pr * (1 - sum((x * x for x in q), Fraction(0))) for q, pr in law.items()),
               Fraction(0))


def _step(g: Fraction, s: Fraction, p2: Fraction, c: Fraction,
          alpha: Fraction) -> tuple[Fraction, Fraction]:
    b = 1 - alpha
    g_next = c * (1 - alpha * alpha * p2 - 2 * alpha * b * s - b * b * (1 - g))
    s_next = alpha * p2 + b * s
    return g_next, s_next


def ensemble_gini_step(
    g: object, s: object, gp: object, weights: Iterable[object], n: object, alpha: object
) -> tuple[Fraction, Fraction]:
    """One step of the (E[G], E[S]) recursion: from (g, s) = (E[G(R)], E[Σ P·R]) and G(P).

    >>> ensemble_gini_step("1/2", "1/2", "1/2", ["1"], 2, "1/2")
    (Fraction(1, 4), Fraction(1, 2))
    """
    gv = as_probability(g, "g")
    sv = as_probability(s, "s")
    gpv = as_probability(gp, "G(P)")
    a = as_alpha(alpha)
    c = ensemble_gini_factor(weights, n)
    return _step(gv, sv, 1 - gpv, c, a)


def expected_ensemble_gini_curve(
    r0: Iterable[object],
    weights: Iterable[object],
    n: object,
    generations: object,
    alpha: object | Sequence[object] = 0,
    p: Iterable[object] | None = None,
) -> list[Fraction]:
    """E[G(R_t)] for t = 0..generations, from the exact (g, s) recursion.

    ``alpha`` is a constant or a sequence of per-generation values α_1, ..., α_T (α_t is used
    to form the training distribution of generation t). For α = 0 the curve is c^t·G(R_0).

    >>> expected_ensemble_gini_curve(["1/2", "1/2"], ["1/2", "1/2"], 2, 2)
    [Fraction(1, 2), Fraction(3, 8), Fraction(9, 32)]
    """
    rv = as_probability_vector(r0, "r0")
    steps = as_positive_int(generations, "generations", minimum=0)
    c = ensemble_gini_factor(weights, n)
    if isinstance(alpha, (str, bytes)) or not isinstance(alpha, Iterable):
        alphas = [as_alpha(alpha)] * steps
    else:
        alphas = [as_alpha(x, f"alpha[{i}]") for i, x in enumerate(alpha)]
        if len(alphas) != steps:
            raise InputError(f"alpha has {len(alphas)} values for {steps} generations")
    if any(a > 0 for a in alphas):
        if p is None:
            raise InputError("alpha > 0 needs the true distribution p")
        pv = as_probability_vector(p, "p")
        if len(pv) != len(rv):
            raise InputError(f"p has {len(pv)} entries but r0 has {len(rv)}")
    else:
        pv = rv
    p2 = sum((x * x for x in pv), Fraction(0))
    g = 1 - sum((x * x for x in rv), Fraction(0))
    s = sum((x * y for x, y in zip(pv, rv, strict=True)), Fraction(0))
    out = [g]
    for a in alphas:
        g, s = _step(g, s, p2, c, a)
        out.append(g)
    return out


def stationary_ensemble_gini(
    p: Iterable[object], weights: Iterable[object], n: object, alpha: object
) -> Fraction:
    """g* = c·α(2 − α)·G(P) / (1 − c·(1 − α)²), the fixed point of the (g, s) recursion.

    >>> stationary_ensemble_gini(["1/2", "1/2"], ["1"], 2, "1/2")
    Fraction(3, 14)
    """
    pv = as_probability_vector(p, "p")
    a = as_alpha(alpha)
    c = ensemble_gini_factor(weights, n)
    gp = 1 - sum((x * x for x in pv), Fraction(0))
    return c * a * (2 - a) * gp / (1 - c * (1 - a) ** 2)


# --------------------------------------------------------------------------- K = 2 chain


def _solve(a: list[list[Fraction]], b: list[list[Fraction]]) -> list[list[Fraction]]:
    """Solve A·X = B exactly (Gauss–Jordan over the rationals); A must be invertible."""
    n = len(a)
    cols = len(b[0]) if b else 0
    m = [list(a[i]) + list(b[i]) for i in range(n)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if m[r][col] != 0), None)
        if pivot is None:
            raise InputError("singular system: some transient state never reaches absorption")
        m[col], m[pivot] = m[pivot], m[col]
        inv = 1 / m[col][col]
        m[col] = [x * inv for x in m[col]]
        for r in range(n):
            if r != col and m[r][col] != 0:
                f = m[r][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [row[n:n + cols] for row in m]


@dataclass(frozen=True)
class EnsembleChain:
    """The exact Markov chain of R_t(1) for K = 2 (states sorted; ``start`` is one of them)."""

    states: tuple[Fraction, ...]
    transition: tuple[tuple[Fraction, ...], ...]
    start: Fraction
    weights: Vector
    n: int
    alpha: Fraction
    p1: Fraction | None

    def index(self, x: object) -> int:
        """Position of state x."""
        return self.states.index(Fraction(x))  # type: ignore[arg-type]

    @property
    def absorbing(self) -> tuple[Fraction, ...]:
        """States that map to themselves with probability 1."""
        return tuple(x for i, x in enumerate(self.states) if self.transition[i][i] == 1)

    def distribution_after(self, t: object) -> tuple[Fraction, ...]:
        """Exact law of R_t(1) after t steps from ``start``."""
        steps = as_positive_int(t, "t", minimum=0)
        v = [Fraction(0)] * len(self.states)
        v[self.index(self.start)] = Fraction(1)
        for _ in range(steps):
            v = [sum((v[i] * self.transition[i][j] for i in range(len(v))), Fraction(0))
                 for j in range(len(v))]
        return tuple(v)

    def expected_gini_after(self, t: object) -> Fraction:
        """E[G(R_t)] = E[2·R_t(1)·(1 − R_t(1))] from the exact law."""
        law = self.distribution_after(t)
        return sum((pr * 2 * x * (1 - x) for pr, x in zip(law, self.states, strict=True)),
                   Fraction(0))

    def _transient(self) -> tuple[list[int], list[int]]:
        absorbing = [i for i in range(len(self.states)) if self.transition[i][i] == 1]
        transient = [i for i in range(len(self.states)) if i not in absorbing]
        return transient, absorbing

    def absorption_probabilities(self) -> dict[Fraction, dict[Fraction, Fraction]]:
        """For every state x: the exact probability of ending in each absorbing state.

        Solves (I − Q)·B = R over the rationals (Q: transient→transient, R:
        transient→absorbing); raises InputError when some transient state cannot reach an
        absorbing one (e.g. α > 0).
        """
        transient, absorbing = self._transient()
        if not absorbing:
            raise InputError("the chain has no absorbing state (alpha > 0?)")
        a = [[(1 if i == j else 0) - self.transition[i][j] for j in transient]
             for i in transient]
        b = [[self.transition[i][j] for j in absorbing] for i in transient]
        sol = _solve(a, b) if transient else []
        out: dict[Fraction, dict[Fraction, Fraction]] = {}
        for row, i in zip(sol, transient, strict=True):
            out[self.states[i]] = {self.states[j]: row[k] for k, j in enumerate(absorbing)}
        for j in absorbing:
            out[self.states[j]] = {self.states[jj]: Fraction(int(jj == j)) for jj in absorbing}
        return out

    def expected_absorption_time(self) -> dict[Fraction, Fraction]:
        """Exact expected number of generations until absorption, from every state."""
        transient, absorbing = self._transient()
        if not absorbing:
            raise InputError("the chain has no absorbing state (alpha > 0?)")
        a = [[(1 if i == j else 0) - self.transition[i][j] for j in transient]
             for i in transient]
        sol = _solve(a, [[Fraction(1)] for _ in transient]) if transient else []
        out = {self.states[i]: row[0] for row, i in zip(sol, transient, strict=True)}
        out.update({self.states[j]: Fraction(0) for j in absorbing})
        return out

    def stationary_distribution(self) -> tuple[Fraction, ...]:
        """The exact stationary law (unique when α > 0 and 0 < P(1) < 1)."""
        k = len(self.states)
        # π(P − I) = 0 with Σπ = 1: transpose, replace the last equation by normalisation
        a = [[self.transition[j][i] - (1 if i == j else 0) for j in range(k)]
             for i in range(k)]
        a[-1] = [Fraction(1)] * k
        b = [[Fraction(0)] for _ in range(k - 1)] + [[Fraction(1)]]
        try:
            sol = _solve(a, b)
        except InputError:
            raise InputError("the stationary law is not unique (alpha = 0?)") from None
        return tuple(row[0] for row in sol)


def ensemble_chain(
    weights: Iterable[object],
    n: object,
    start: object,
    alpha: object = 0,
    p1: object = None,
    max_states: int = 2000,
) -> EnsembleChain:
    """The exact chain of R_t(1) for K = 2 categories, on the states reachable from ``start``.

    From x, the training share is T = α·p1 + (1 − α)·x, model i draws k_i ~ Binomial(N, T)
    independently, and the next state is Σ_i ω_i k_i/N.

    >>> ch = ensemble_chain(["1/2", "1/2"], 1, "1/2")
    >>> ch.states, ch.absorbing
    ((Fraction(0, 1), Fraction(1, 2), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1)))
    >>> ch.absorption_probabilities()[Fraction(1, 2)][Fraction(1)]
    Fraction(1, 2)
    """
    w = ensemble_weights(weights)
    size = as_positive_int(n, "N")
    x0 = as_probability(start, "start")
    a = as_alpha(alpha)
    p = as_probability(p1, "p1") if p1 is not None else None
    if a > 0 and p is None:
        raise InputError("alpha > 0 needs p1, the true probability of the first category")
    rows: dict[Fraction, dict[Fraction, Fraction]] = {}
    frontier = [x0]
    while frontier:
        x = frontier.pop()
        if x in rows:
            continue
        t = a * p + (1 - a) * x if a > 0 else x  # type: ignore[operator]
        law = ensemble_step_distribution((t, 1 - t), w, size)
        rows[x] = {}
        for q, pr in law.items():
            rows[x][q[0]] = rows[x].get(q[0], Fraction(0)) + pr
            if q[0] not in rows:
                frontier.append(q[0])
        if len(rows) > max_states:
            raise InputError(f"ensemble_chain: more than {max_states} states")
    states = tuple(sorted(rows))
    transition = tuple(tuple(rows[x].get(y, Fraction(0)) for y in states) for x in states)
    return EnsembleChain(states, transition, x0, w, size, a, p)
