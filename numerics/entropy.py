"""Exact and high-precision numbers for entropy decay (Theorem 2) and stagnation (Corollary 3).

The α = 0 loop refits a categorical model to the empirical distribution ``Q̂`` of ``n`` draws
from the current model ``q``. Everything here is either an exact rational (``Fraction``) or an
mpmath number correct to a requested number of significant digits; precision is always scoped.

One step of the loop (thm-2/rate, thm-2/gini, thm-2/pointwise):

>>> from fractions import Fraction as F
>>> mpmath.nstr(expected_plugin_entropy(["1/2", "1/2"], 2, dps=20), 15)
'0.346573590279973'
>>> expected_gini(["1/2", "1/2"], 2), (1 - F(1, 2)) * gini(["1/2", "1/2"])
(Fraction(1, 4), Fraction(1, 4))
>>> prob_entropy_rises(["0.9", "0.1"], 2)        # one draw of each: Q̂ = (1/2, 1/2)
Fraction(9, 50)

The two-category chain (thm-2/absorption):

>>> absorption_time(2, 1), fixation_probability(5, 2)
(Fraction(2, 1), Fraction(2, 5))

Numerical care. ``E[H(Q̂)]`` is a sum of non-negative terms over the binomial marginals
``Q̂(x) ~ Binomial(n, q(x))/n``, evaluated in python-flint ``arb`` ball arithmetic (certified
enclosures): the pmf is built by its ratio recurrence from the mode outwards and a side stops
once a rigorous geometric bound on its remaining mass is negligible (the bound is added to the
ball), so a category costs O(√(n q)·digits) terms, not O(n); equal ``q(x)`` are grouped. The
loss ``Δ = H(q) − E[H(Q̂)]`` is not formed by subtraction (which loses ``log10(H/Δ)`` digits):
it is ``Σ_x E[D(Q̂(x), q(x))]`` with the Bregman term ``D(y, q) = y ln(y/q) − y + q =
q φ(y/q)``, ``φ(r) = r ln r − r + 1 ≥ 0``, legitimate because ``E[Q̂(x)] = q(x)``. Every term is
non-negative and ``φ`` is evaluated through ``log1p`` with extra bits where ``r`` is close to 1.
The mpmath results round a ball whose relative radius is below ``10^(−dps)`` (precision is
doubled until it is), so every returned digit is certified. Mutual information is computed the
same way as ``Σ_k w_k KL(π_k ‖ π̄)`` with non-negative terms (in mpmath, with guard digits).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import flint
import mpmath

from numerics.errors import InputError
from numerics.validate import as_alpha, as_positive_int, as_probability_vector

__all__ = [
    "DPIExample",
    "absorption_time",
    "accumulate_gini_limit",
    "compositions",
    "entropy_loss",
    "entropy_loss_ball",
    "entropy_step_outcomes",
    "entropy_trajectory",
    "expected_gini",
    "expected_gini_after",
    "expected_gini_mixed",
    "expected_plugin_entropy",
    "expected_plugin_entropy_ball",
    "fixation_probability",
    "gini",
    "gini_trajectory",
    "grounded_rise_example",
    "miller_madow_first",
    "miller_madow_second",
    "miller_madow_third",
    "mutual_information_trajectory",
    "prob_entropy_rises",
    "shannon_entropy",
    "stagnation_example",
    "wright_fisher_distributions",
    "wright_fisher_matrix",
]

MAX_OUTCOMES = 1_000_000
"""Largest number of count vectors ``C(n+K−1, K−1)`` an enumeration may visit."""

MAX_CHAIN_N = 200
"""Largest ``N`` for the exact two-category chain (the N = 150 absorption solve takes ~1 s)."""


# ---------------------------------------------------------------------------------------------
# validation and small helpers
# ---------------------------------------------------------------------------------------------


def _vector(q: Iterable[object], name: str = "q") -> tuple[Fraction, ...]:
    return as_probability_vector(q, name)


def _dps(dps: object) -> int:
    return as_positive_int(dps, "dps")


def _count(x: object, name: str) -> int:
    return as_positive_int(x, name, minimum=0)


def _mp(x: Fraction) -> mpmath.mpf:
    """``x`` rounded once to the current working precision."""
    return mpmath.mpf(x.numerator) / x.denominator


def _round(x: mpmath.mpf, dps: int) -> mpmath.mpf:
    with mpmath.workdps(dps):
        return +x


def _common_denominator(q: Sequence[Fraction]) -> tuple[int, tuple[int, ...]]:
    """``(d, a)`` with ``q[i] = a[i]/d`` and ``d`` the least common denominator."""
    d = 1
    for v in q:
        d = math.lcm(d, v.denominator)
    return d, tuple(int(v * d) for v in q)


def _phi(num: int, den: int, extra: int = 0) -> mpmath.mpf:
    """``φ(1 + u) = (1+u) ln(1+u) − u ≥ 0`` for ``u = num/den ≥ −1``, at the working precision.

    The subtraction cancels to ``u²/2`` when ``u`` is small; the caller's precision is raised
    by ``log10(1/|u|)`` digits (plus ``extra``) so the result keeps full relative precision.
    """
    if num == 0:
        return mpmath.mpf(0)
    if num == -den:
        return mpmath.mpf(1)
    lost = max(0, math.ceil((den.bit_length() - abs(num).bit_length() + 1) * 0.30103))
    with mpmath.workdps(mpmath.mp.dps + lost + extra + 2):
        u = mpmath.mpf(num) / den
        return (1 + u) * mpmath.log1p(u) - u


def compositions(n: int, k: int) -> Iterator[tuple[int, ...]]:
    """All count vectors of ``k`` non-negative integers summing to ``n`` (stars and bars).

    >>> list(compositions(2, 2))
    [(0, 2), (1, 1), (2, 0)]
    """
    for bars in itertools.combinations(range(n + k - 1), k - 1):
        prev = -1
        out = []
        for b in bars:
            out.append(b - prev - 1)
            prev = b
        out.append(n + k - 2 - prev)
        yield tuple(out)


def _check_outcomes(n: int, k: int, limit: int) -> None:
    count = math.comb(n + k - 1, k - 1)
    if count > limit:
        raise InputError(
            f"enumeration needs {count} count vectors (K = {k}, n = {n}); limit is {limit}"
        )


def _multinomial_law(n: int, m: Sequence[Fraction]) -> list[tuple[tuple[int, ...], Fraction]]:
    """Exact law of the counts of ``n`` draws from ``m`` (outcomes of probability 0 dropped)."""
    return list(_multinomial_law_cached(n, tuple(m)))


@lru_cache(maxsize=4096)
def _multinomial_law_cached(
    n: int, m: tuple[Fraction, ...]
) -> tuple[tuple[tuple[int, ...], Fraction], ...]:
    d, a = _common_denominator(m)
    support = [i for i, v in enumerate(a) if v > 0]
    dn = d**n
    fact = [math.factorial(j) for j in range(n + 1)]
    out = []
    for c in compositions(n, len(support)):
        num = fact[n]
        den = 1
        for ci, i in zip(c, support, strict=True):
            num *= a[i] ** ci
            den *= fact[ci]
        counts = [0] * len(m)
        for ci, i in zip(c, support, strict=True):
            counts[i] = ci
        out.append((tuple(counts), Fraction(num // den, dn)))
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# functionals of one distribution
# ---------------------------------------------------------------------------------------------


def shannon_entropy(q: Iterable[object], dps: int = 50) -> mpmath.mpf:
    """H(q) in nats, correct to ``dps`` digits.

    >>> mpmath.nstr(shannon_entropy(["1/4"] * 4, dps=20), 12), mpmath.nstr(mpmath.log(4), 12)
    ('1.38629436112', '1.38629436112')
    """
    qv, dps = _vector(q), _dps(dps)
    with mpmath.workdps(dps + 10):
        total = mpmath.fsum(-_mp(v) * mpmath.log(_mp(v)) for v in qv if 0 < v < 1)
    return _round(total, dps)


def gini(q: Iterable[object]) -> Fraction:
    """Gini–Simpson index ``G(q) = 1 − Σ q(x)²``, exact.

    >>> gini(["0.9", "0.1"])
    Fraction(9, 50)
    """
    qv = _vector(q)
    return 1 - sum((v * v for v in qv), Fraction(0))


# ---------------------------------------------------------------------------------------------
# one step of the loop: E[H(Q̂)], the loss Δ, Miller–Madow, Gini
# ---------------------------------------------------------------------------------------------


def _arb_window_sum(
    n: int, a: int, d: int, term: Callable[[int], flint.arb], bound: flint.arb
) -> flint.arb:
    """A ball containing ``Σ_j C(n,j) q^j (1−q)^{n−j} term(j)``, ``q = a/d ∈ (0, 1)``.

    ``term`` must return balls for non-negative values with ``term(j) ≤ bound``. The pmf is
    built from the mode outwards by its ratio recurrence. Past the mode the ratio
    ``r_j = b_{j+1}/b_j`` (or ``b_{j−1}/b_j`` on the left) is decreasing, so the remaining mass
    of a side is at most ``b_j r_j / (1 − r_j)``; the side stops once ``bound ·`` that is
    certainly below ``2^(−prec) ·`` the partial sum, and the truncation ``[0, bound·tail]``
    is added to the ball, so the enclosure stays rigorous.
    """
    prec = flint.ctx.prec
    tol = flint.arb(2) ** (-prec)
    unit = flint.arb(flint.fmpq(1, 2), flint.fmpq(1, 2))  # the interval [0, 1]
    m = min(n, (n + 1) * a // d)
    q = flint.arb(flint.fmpq(a, d))
    p = flint.arb(flint.fmpq(d - a, d))
    b_mode = flint.arb.bin_uiui(n, m) * q**m * p ** (n - m)
    total = b_mode * term(m)
    truncation = flint.arb(0)
    # right side: r_j = (n − j) a / ((j + 1)(d − a))
    b, j = b_mode, m
    while j < n:
        num, den = (n - j) * a, (j + 1) * (d - a)
        if num < den and (j - m) % 8 == 0:
            r = flint.arb(flint.fmpq(num, den))
            tail = bound * b * r / (1 - r)
            if tail < tol * total:
                truncation += tail * unit
                break
        b = b * num / den
        j += 1
        total += b * term(j)
    # left side: r_j = j (d − a) / ((n − j + 1) a)
    b, j = b_mode, m
    while j > 0:
        num, den = j * (d - a), (n - j + 1) * a
        if num < den and (m - j) % 8 == 0:
            r = flint.arb(flint.fmpq(num, den))
            tail = bound * b * r / (1 - r)
            if tail < tol * total:
                truncation += tail * unit
                break
        b = b * num / den
        j -= 1
        total += b * term(j)
    return total + truncation


def _groups(qv: Sequence[Fraction]) -> list[tuple[Fraction, int]]:
    """Distinct interior values of ``q`` with multiplicities (point masses contribute 0)."""
    return sorted(Counter(v for v in qv if 0 < v < 1).items())


def _bits(dps: int) -> int:
    return math.ceil(dps * 3.3219280948873626)


def _prec(prec: object) -> int:
    bits = as_positive_int(prec, "prec")
    if bits < 16:
        raise InputError(f"prec must be at least 16 bits, got {bits}")
    return bits


def _plugin_entropy_ball(qv: Sequence[Fraction], n: int, prec: int) -> flint.arb:
    with flint.ctx.workprec(prec):
        log_n = flint.arb(n).log()
        cache: dict[int, flint.arb] = {}

        def h(j: int) -> flint.arb:
            v = cache.get(j)
            if v is None:
                if j in (0, n):
                    v = flint.arb(0)
                else:
                    v = flint.arb(flint.fmpq(j, n)) * (log_n - flint.arb(j).log())
                cache[j] = v
            return v

        bound = flint.arb(flint.fmpq(1, 2))  # −y ln y ≤ 1/e < 1/2
        total = flint.arb(0)
        for v, mult in _groups(qv):
            total += mult * _arb_window_sum(n, v.numerator, v.denominator, h, bound)
        return total


def _loss_ball(qv: Sequence[Fraction], n: int, prec: int) -> flint.arb:
    with flint.ctx.workprec(prec):
        total = flint.arb(0)
        for v, mult in _groups(qv):
            a, d = v.numerator, v.denominator
            den = n * a  # u_j = j/(n q) − 1 = (j d − n a)/(n a)
            # φ(1+u) = (1+u) log1p(u) − u cancels to u²/2: give the group enough extra bits
            # for the smallest non-zero |u| its window can reach
            j0 = (n * a) // d
            closest = min(
                (abs(j * d - n * a) for j in (j0 - 1, j0, j0 + 1, j0 + 2)
                 if 0 <= j <= n and j * d != n * a),
                default=den,
            )
            extra = 8 + max(0, den.bit_length() - closest.bit_length() + 1)
            with flint.ctx.workprec(prec + extra):
                qb = flint.arb(flint.fmpq(a, d))

                def dterm(j: int, a: int = a, d: int = d, den: int = den,
                          qb: flint.arb = qb) -> flint.arb:
                    if j == 0:
                        return qb
                    u = flint.arb(flint.fmpq(j * d - n * a, den))
                    return qb * ((1 + u) * u.log1p() - u)

                bound = 1 + qb.log().abs_upper()  # D(y, q) ≤ q + y ln(1/q) on [0, 1]
                total += mult * _arb_window_sum(n, a, d, dterm, bound)
        return total


def _certified_value(compute: Callable[[int], flint.arb], dps: int) -> mpmath.mpf:
    """Round the midpoint of a ball to ``dps`` digits once its radius is small enough."""
    prec = _bits(dps) + 24
    for _ in range(12):
        ball = compute(prec)
        if ball.is_zero() or ball.rel_accuracy_bits() >= _bits(dps) + 4:
            break
        prec *= 2
    else:
        raise ArithmeticError(f"could not reach {dps} certified digits (last ball {ball})")
    man, exp = ball.mid().man_exp()
    with mpmath.workdps(dps):
        return mpmath.ldexp(mpmath.mpf(int(man)), int(exp))


def expected_plugin_entropy_ball(q: Iterable[object], n: int, prec: int = 200) -> flint.arb:
    """A certified ball (python-flint ``arb``, ``prec`` bits) containing E[H(Q̂)] in nats.

    >>> ball = expected_plugin_entropy_ball(["1/2", "1/2"], 2)
    >>> ball.overlaps(flint.arb(2).log() / 2), ball.rel_accuracy_bits() > 180
    (True, True)
    """
    return _plugin_entropy_ball(_vector(q), as_positive_int(n, "n"), _prec(prec))


def entropy_loss_ball(q: Iterable[object], n: int, prec: int = 200) -> flint.arb:
    """A certified ball (``prec`` bits) containing Δ(n, q) = H(q) − E[H(Q̂)] (see the notes).

    >>> eps = Fraction(1, 10**6)      # near a point mass the loss is tiny (thm-2/as-stated)
    >>> loss = entropy_loss_ball([1 - eps, eps], 10)
    >>> bool(loss > 0), bool(loss < entropy_loss_ball(["1/2", "1/2"], 10) / 1000)
    (True, True)
    """
    return _loss_ball(_vector(q), as_positive_int(n, "n"), _prec(prec))


def expected_plugin_entropy(q: Iterable[object], n: int, dps: int = 50) -> mpmath.mpf:
    """E[H(Q̂)] in nats, Q̂ the empirical distribution of ``n`` draws from ``q``; ``dps`` digits.

    Uses ``Σ_x Σ_j C(n,j) q^j (1−q)^{n−j} (−(j/n) ln(j/n))`` over the binomial marginals (see the
    module notes), evaluated in certified ball arithmetic: the precision is raised until the
    ball's relative radius is below ``10^(−dps)``, so all ``dps`` digits are guaranteed (up to
    the final rounding). Cost: about ``Σ_x min(n, √(n q(x)) · dps)`` terms; equal ``q(x)`` cost
    once.

    >>> mpmath.nstr(expected_plugin_entropy(["1/3", "2/3"], 1), 5)
    '0.0'
    >>> e = expected_plugin_entropy(["0.25"] * 4, 10**4, dps=30)
    >>> mpmath.nstr(e, 20)
    '1.3861443486158880288'
    """
    qv, n, dps = _vector(q), as_positive_int(n, "n"), _dps(dps)
    return _certified_value(lambda prec: _plugin_entropy_ball(qv, n, prec), dps)


def entropy_loss(q: Iterable[object], n: int, dps: int = 50) -> mpmath.mpf:
    """Δ(n, q) = H(q) − E[H(Q̂)] ≥ 0 in nats, to ``dps`` significant digits (no subtraction).

    Computed as ``Σ_x E[q(x) φ(Q̂(x)/q(x))]`` (module notes) in certified ball arithmetic, so it
    stays accurate when Δ ≪ H, e.g. ``n`` large or ``q`` near a point mass.

    >>> mpmath.nstr(entropy_loss(["1/2", "1/2"], 2), 15)
    '0.346573590279973'
    >>> d = entropy_loss(["1/2", "1/2"], 10**6, dps=30)
    >>> mpmath.nstr(d * 2 * 10**6, 12)      # ≈ (K−1) + (Σ1/q − 1)/(6n)
    '1.0000005'
    """
    qv, n, dps = _vector(q), as_positive_int(n, "n"), _dps(dps)
    return _certified_value(lambda prec: _loss_ball(qv, n, prec), dps)


def miller_madow_first(q: Iterable[object] | int, n: int) -> Fraction:
    """First-order bias term ``(K − 1)/(2n)``, ``K`` the support size of ``q`` (or ``q = K``).

    >>> miller_madow_first(["1/2", "1/2", "0"], 10), miller_madow_first(5, 2)
    (Fraction(1, 20), Fraction(1, 1))
    """
    n = as_positive_int(n, "n")
    k = as_positive_int(q, "K") if isinstance(q, int) else sum(1 for v in _vector(q) if v > 0)
    return Fraction(k - 1, 2 * n)


def miller_madow_second(q: Iterable[object], n: int) -> Fraction:
    """Second-order term ``(Σ_{q(x)>0} 1/q(x) − 1)/(12 n²)`` of the loss Δ(n, q).

    >>> miller_madow_second(["1/2", "1/2"], 1)
    Fraction(1, 4)
    """
    qv, n = _vector(q), as_positive_int(n, "n")
    inv = sum((1 / v for v in qv if v > 0), Fraction(0))
    return (inv - 1) / (12 * n * n)


def miller_madow_third(q: Iterable[object], n: int) -> Fraction:
    """Third-order term ``(Σ 1/q(x)² − Σ 1/q(x))/(12 n³)`` of Δ(n, q) (sums over the support).

    Not part of the paper; it is the next term of the classical expansion of the plug-in bias
    and is checked numerically against :func:`entropy_loss` in the tests.

    >>> miller_madow_third(["1/2", "1/2"], 1)
    Fraction(1, 3)
    """
    qv, n = _vector(q), as_positive_int(n, "n")
    s1 = sum((1 / v for v in qv if v > 0), Fraction(0))
    s2 = sum((1 / (v * v) for v in qv if v > 0), Fraction(0))
    return (s2 - s1) / (12 * n**3)


def _binomial_second_moment(n: int, a: int, d: int) -> Fraction:
    """``E[X²]`` for ``X ~ Binomial(n, a/d)``, summed exactly over the pmf (no moment formula)."""
    pa = [1]
    for _ in range(n):
        pa.append(pa[-1] * a)
    pb = [1]
    for _ in range(n):
        pb.append(pb[-1] * (d - a))
    total = 0
    c = 1
    for j in range(n + 1):
        total += c * pa[j] * pb[n - j] * j * j
        c = c * (n - j) // (j + 1)
    return Fraction(total, d**n)


def expected_gini(q: Iterable[object], n: int) -> Fraction:
    """Exact E[G(Q̂)] for the empirical distribution of ``n`` draws from ``q``.

    Summed over each binomial marginal's pmf (it equals ``(1 − 1/n) G(q)``, but is not computed
    from that formula, so comparing the two is a real check). Cost O(K·n) big-integer products.

    >>> expected_gini(["1/2", "1/4", "1/4"], 3)
    Fraction(5, 12)
    """
    qv, n = _vector(q), as_positive_int(n, "n")
    second = Fraction(0)
    for v, mult in Counter(qv).items():
        if v == 0:
            continue
        second += mult * _binomial_second_moment(n, v.numerator, v.denominator)
    return 1 - second / (n * n)


def expected_gini_mixed(
    p: Iterable[object], q: Iterable[object], alpha: object, n: int
) -> Fraction:
    """Exact E[G(Q')] where Q' is the empirical distribution of ``n`` draws from ``αp + (1−α)q``.

    >>> expected_gini_mixed(["1", "0"], ["0", "1"], "1/2", 2)
    Fraction(1, 4)
    """
    pv, qv, a = _vector(p, "p"), _vector(q, "q"), as_alpha(alpha)
    if len(pv) != len(qv):
        raise InputError(f"p and q must have the same length, got {len(pv)} and {len(qv)}")
    return expected_gini([a * x + (1 - a) * y for x, y in zip(pv, qv, strict=True)], n)


def expected_gini_after(q0: Iterable[object], n: int, t: int) -> Fraction:
    """The t-step closed form ``(1 − 1/n)^t G(q0)`` of E[G(Q_t)] in the α = 0 loop from ``q0``.

    >>> expected_gini_after(["1/2", "1/2"], 2, 3)
    Fraction(1, 16)
    """
    qv, n, t = _vector(q0, "q0"), as_positive_int(n, "n"), _count(t, "t")
    return (1 - Fraction(1, n)) ** t * gini(qv)


def gini_trajectory(
    p: Iterable[object], n: int, alphas: Sequence[object], mode: str = "replace",
    exact: bool = True,
) -> list[Fraction] | list[float]:
    """Exact E[G(Q_t)], t = 0..len(alphas), for the laboratory's loop with a deterministic α.

    Set-up: Q_0 is the empirical distribution of ``n`` draws from ``p``; generation ``s ≥ 1``
    draws ``n`` fresh samples from ``α p + (1 − α) Q_{s−1}`` with ``α = alphas[s−1]`` (the
    paper's α_{s−1}: ``alphas[t]`` is used for the step from Q_t to Q_{t+1}).
    ``replace``: Q_s is the empirical distribution of those ``n`` draws. ``accumulate``: Q_s is
    the empirical distribution of all ``n (s+1)`` draws so far.

    What is exact: ``E[Q_s] = p`` for every s (conditional means are linear), and
    ``E[Σ Q_s(x)²]`` obeys a closed linear recursion because ``E[X²]`` of a binomial count is
    quadratic in its parameter. Writing ``π₂ = Σ p²``, ``β = 1 − α``, ``S = E[Σ Q_{s−1}²]``:

    * replace: ``E[G_s] = (1 − 1/n)[(1 − β²) G(p) + β² E[G_{s−1}]]``;
    * accumulate (pool ``M = n s`` before the step): ``E[ΣQ_s²] = (M² S + 2Mn(απ₂ + βS) + n
      + n(n−1)((1−β²)π₂ + β²S)) / (M+n)²``.

    No mean-field step is involved (``E[G(m)] ≠ G(E[m])`` in general; the recursion carries the
    second moment instead), so the values are exact for the stated set-up. With
    ``exact=False`` the same recursion runs in float64 (for long runs with float α, where exact
    denominators grow by ~60 bits per step); its coefficients are non-negative, so rounding
    stays at the 1e-15 relative level.

    >>> gini_trajectory(["1/2", "1/2"], 2, [0, 0])
    [Fraction(1, 4), Fraction(1, 8), Fraction(1, 16)]
    >>> gini_trajectory(["1/2", "1/2"], 2, [1])[1] == expected_gini(["1/2", "1/2"], 2)
    True
    """
    pv, n = _vector(p, "p"), as_positive_int(n, "n")
    if mode not in ("replace", "accumulate"):
        raise InputError(f"mode must be 'replace' or 'accumulate', got {mode!r}")
    avals: list[Fraction] | list[float]
    if exact:
        avals = [as_alpha(a, f"alphas[{i}]") for i, a in enumerate(alphas)]
    else:
        # a float in [0, 1] is its own value (its exact Fraction converts back to it; abs
        # turns -0.0 into 0.0 as that does); any other input, and a float outside [0, 1] or
        # NaN, goes through as_alpha (and its error)
        avals = [abs(a) if type(a) is float and 0.0 <= a <= 1.0
                 else float(as_alpha(a, f"alphas[{i}]")) for i, a in enumerate(alphas)]
    pi2: Fraction | float = sum((v * v for v in pv), Fraction(0))
    inv_n: Fraction | float = Fraction(1, n)
    if not exact:
        pi2, inv_n = float(pi2), 1.0 / n
    s = inv_n + (1 - inv_n) * pi2  # E[Σ Q_0²]
    out = [1 - s]
    for step, a in enumerate(avals, start=1):
        beta2 = (1 - a) ** 2
        mixed = (1 - beta2) * pi2 + beta2 * s  # E[Σ m²], m = α p + (1−α) Q
        if mode == "replace":
            s = inv_n + (1 - inv_n) * mixed
        else:
            big_m = n * step
            cross = a * pi2 + (1 - a) * s  # E[Σ Q m]
            s = (big_m * big_m * s + 2 * big_m * n * cross + n + n * (n - 1) * mixed) / (
                (big_m + n) ** 2
            )
        out.append(1 - s)
    return out


def accumulate_gini_limit(n: int, dps: int = 50) -> mpmath.mpf:
    """``lim_t E[G(Q_t)] / E[G(Q_0)]`` in the α = 0 accumulate loop: ``Π_{s≥2} (1 − 1/(n s²))``.

    With α = 0 the accumulate recursion reduces to ``E[G_s] = (1 − 1/(n (s+1)²)) E[G_{s−1}]``;
    the infinite product equals ``sin(π x)/(π x (1 − x²))`` with ``x = 1/√n`` (Euler's product
    for the sine), which is > 0: diversity is *not* lost when every past draw is kept.

    >>> mpmath.nstr(accumulate_gini_limit(1), 10)      # n = 1: the limit of (1+1/s)/2 products
    '0.5'
    """
    n, dps = as_positive_int(n, "n"), _dps(dps)
    with mpmath.workdps(dps + 10):
        x = 1 / mpmath.sqrt(n)
        if n == 1:
            value = mpmath.mpf(1) / 2  # lim_{x→1} sin(πx)/(πx(1−x²)) = 1/2
        else:
            value = mpmath.sin(mpmath.pi * x) / (mpmath.pi * x * (1 - x * x))
    return _round(value, dps)


# ---------------------------------------------------------------------------------------------
# does the entropy rise in one step? (thm-2/pointwise, thm-2/supermartingale)
# ---------------------------------------------------------------------------------------------


def _xlogx_sum_exponents(values: Iterable[int], weight: int) -> Counter[int]:
    """Prime exponents of ``Π v^(weight·v)``."""
    out: Counter[int] = Counter()
    for v in values:
        if v > 1:
            for prime, e in flint.fmpz(v).factor():
                out[int(prime)] += int(e) * weight * v
    return out


def _entropy_equal_exact(c: Sequence[int], n: int, a: Sequence[int], d: int) -> bool:
    """Exactly decide ``H(c/n) == H(a/d)``.

    ``H(c/n) − H(a/d) = [d n ln n − d Σ c ln c − n d ln d + n Σ a ln a] / (n d)``, so equality
    holds iff ``n^(dn) Π a^(n a) = d^(nd) Π c^(d c)``; compare prime exponents (no huge powers).
    """
    left = _xlogx_sum_exponents(a, n) + _xlogx_sum_exponents([n], d)
    right = _xlogx_sum_exponents(c, d) + _xlogx_sum_exponents([d], n)
    return left == right


def entropy_step_outcomes(
    q: Iterable[object], n: int, dps: int = 50, max_outcomes: int = MAX_OUTCOMES
) -> tuple[Fraction, Fraction, Fraction]:
    """Exact ``(P(H(Q̂) > H(q)), P(H(Q̂) = H(q)), P(H(Q̂) < H(q)))`` for one step of the loop.

    Enumerates all ``C(n+K−1, K−1)`` count vectors (at most ``max_outcomes``; ``InputError``
    beyond). Entropies are compared at ``dps`` digits; a difference below ``10^(−dps)`` is
    settled exactly (equality through prime factorisations, otherwise at doubled precision),
    so the probabilities are exact whatever ``dps`` is.

    >>> entropy_step_outcomes(["1/2", "1/2"], 2)
    (Fraction(0, 1), Fraction(1, 2), Fraction(1, 2))
    """
    qv, n, dps = _vector(q), as_positive_int(n, "n"), _dps(dps)
    max_outcomes = as_positive_int(max_outcomes, "max_outcomes")
    support = [v for v in qv if v > 0]
    _check_outcomes(n, len(support), max_outcomes)
    d, a = _common_denominator(support)
    verdict: dict[tuple[int, ...], int] = {}

    def compare(c: tuple[int, ...]) -> int:
        work = dps
        while True:
            with mpmath.workdps(work + 10):
                hq = mpmath.log(d) - mpmath.fsum(x * mpmath.log(x) for x in a if x > 1) / d
                hc = mpmath.log(n) - mpmath.fsum(x * mpmath.log(x) for x in c if x > 1) / n
                diff = hc - hq
                if abs(diff) > mpmath.mpf(10) ** (-work):
                    return 1 if diff > 0 else -1
            if work == dps and _entropy_equal_exact(c, n, a, d):
                return 0
            work *= 2

    rise = tie = fall = Fraction(0)
    for counts, prob in _multinomial_law(n, support):
        key = tuple(sorted(counts))
        sign = verdict.get(key)
        if sign is None:
            sign = verdict[key] = compare(key)
        if sign > 0:
            rise += prob
        elif sign == 0:
            tie += prob
        else:
            fall += prob
    return rise, tie, fall


def prob_entropy_rises(
    q: Iterable[object], n: int, dps: int = 50, max_outcomes: int = MAX_OUTCOMES
) -> Fraction:
    """Exact P(H(Q̂) > H(q)) for one step of the α = 0 loop (see :func:`entropy_step_outcomes`).

    Limits: the enumeration visits ``C(n+K−1, K−1)`` count vectors, e.g. K = 3, n = 100 is
    5151 and K = 5, n = 40 is 135 751; the default cap is 10⁶.

    >>> prob_entropy_rises(["0.9", "0.1"], 10)
    Fraction(1319505309, 5000000000)
    """
    return entropy_step_outcomes(q, n, dps, max_outcomes)[0]


# ---------------------------------------------------------------------------------------------
# the two-category Wright–Fisher chain (thm-2/absorption)
# ---------------------------------------------------------------------------------------------


def _chain_n(N: object) -> int:
    n = as_positive_int(N, "N")
    if n > MAX_CHAIN_N:
        raise InputError(f"N must be <= {MAX_CHAIN_N} for the exact chain, got {n}")
    return n


def _start(N: int, i: object) -> int:
    i = _count(i, "i")
    if i > N:
        raise InputError(f"i must lie in 0..N = 0..{N}, got {i}")
    return i


def _wf_integer_rows(N: int) -> list[list[int]]:
    """``N^N ×`` the α = 0 transition matrix: entry (i, j) = C(N, j) i^j (N − i)^(N − j)."""
    return [
        [math.comb(N, j) * i**j * (N - i) ** (N - j) for j in range(N + 1)]
        for i in range(N + 1)
    ]


def wright_fisher_matrix(N: int, alpha: object = 0, p: object = "1/2") -> list[list[Fraction]]:
    """Exact transition matrix of the two-category loop on counts 0..N.

    Row ``i`` is Binomial(N, α p + (1 − α) i/N): with α = 0 the Wright–Fisher chain; with α > 0
    each generation mixes in the true first-category probability ``p``.

    >>> [[str(x) for x in row] for row in wright_fisher_matrix(2)]
    [['1', '0', '0'], ['1/4', '1/2', '1/4'], ['0', '0', '1']]
    """
    N = _chain_n(N)
    a = as_alpha(alpha)
    pv = as_alpha(p, "p")
    rows = []
    for i in range(N + 1):
        m = a * pv + (1 - a) * Fraction(i, N)
        rows.append([math.comb(N, j) * m**j * (1 - m) ** (N - j) for j in range(N + 1)])
    return rows


def wright_fisher_distributions(N: int, i: int, T: int) -> list[list[Fraction]]:
    """Exact law of the count at t = 0..T in the α = 0 chain started from ``i`` copies.

    >>> [[str(x) for x in row] for row in wright_fisher_distributions(2, 1, 2)]
    [['0', '1', '0'], ['1/4', '1/2', '1/4'], ['3/8', '1/4', '3/8']]
    """
    N = _chain_n(N)
    i, T = _start(N, i), _count(T, "T")
    scale = N**N
    return [[Fraction(w, scale**t) for w in row] for t, row in enumerate(_wf_weights(N, i, T))]


def _wf_weights(N: int, i: int, T: int) -> list[list[int]]:
    """Integer weights ``w_t`` with ``P(count_t = j) = w_t[j] / N^(N t)``."""
    rows = _wf_integer_rows(N)
    w = [0] * (N + 1)
    w[i] = 1
    out = [w]
    for _ in range(T):
        new = [0] * (N + 1)
        for src, weight in enumerate(w):
            if weight:
                row = rows[src]
                for j in range(N + 1):
                    if row[j]:
                        new[j] += weight * row[j]
        w = new
        out.append(w)
    return out


def _solve_transient(N: int, rhs: list[int]) -> list[Fraction]:
    """Solve ``(N^N I − A_tr) x = rhs`` on the transient states 1..N−1, exactly (flint)."""
    rows = _wf_integer_rows(N)
    scale = N**N
    size = N - 1
    entries = []
    for r in range(1, N):
        for c in range(1, N):
            entries.append((scale if r == c else 0) - rows[r][c])
    mat = flint.fmpq_mat(size, size, entries)
    sol = mat.solve(flint.fmpq_mat(size, 1, rhs))
    return [Fraction(int(sol[k, 0].p), int(sol[k, 0].q)) for k in range(size)]


def absorption_time(N: int, i: int) -> Fraction:
    """Exact expected number of generations until the α = 0 chain (two categories, N draws per
    generation, ``i`` copies of the first category) reaches a point mass.

    Solves ``τ = 1 + A τ`` on the transient states over the rationals.

    >>> absorption_time(2, 1), absorption_time(3, 1), absorption_time(3, 0)
    (Fraction(2, 1), Fraction(3, 1), Fraction(0, 1))
    """
    N = _chain_n(N)
    i = _start(N, i)
    if i in (0, N):
        return Fraction(0)
    return _solve_transient(N, [N**N] * (N - 1))[i - 1]


def fixation_probability(N: int, i: int) -> Fraction:
    """Exact probability that the α = 0 chain from ``i`` copies ends at the first category.

    Solves ``h = A h`` with ``h(0) = 0``, ``h(N) = 1`` (it is ``i/N``, the martingale value).

    >>> fixation_probability(4, 1)
    Fraction(1, 4)
    """
    N = _chain_n(N)
    i = _start(N, i)
    if i in (0, N):
        return Fraction(1 if i == N else 0)
    rows = _wf_integer_rows(N)
    return _solve_transient(N, [rows[r][N] for r in range(1, N)])[i - 1]


def entropy_trajectory(N: int, i: int, T: int, dps: int = 50) -> list[mpmath.mpf]:
    """Exact E[H(Q_t)] (nats, ``dps`` digits) for t = 0..T, α = 0, two categories, start ``i``.

    The law of the count is propagated exactly (big integers); cost O(T N²) products of
    integers of about ``T N log2 N`` bits, so N up to a few tens with T in the hundreds.

    >>> [mpmath.nstr(h, 8) for h in entropy_trajectory(2, 1, 2, dps=20)]
    ['0.69314718', '0.34657359', '0.1732868']
    """
    N = _chain_n(N)
    i, T, dps = _start(N, i), _count(T, "T"), _dps(dps)
    weights = _wf_weights(N, i, T)
    out = []
    with mpmath.workdps(dps + 10):
        h = [
            mpmath.mpf(0) if j in (0, N)
            else -(mpmath.mpf(j) / N) * mpmath.log(mpmath.mpf(j) / N)
            - (mpmath.mpf(N - j) / N) * mpmath.log(mpmath.mpf(N - j) / N)
            for j in range(N + 1)
        ]
        scale = N**N
        for t, w in enumerate(weights):
            den = mpmath.mpf(scale**t)
            out.append(_round(mpmath.fsum(mpmath.mpf(x) * hj for x, hj in zip(w, h, strict=True)
                                          if x) / den, dps))
    return out


# ---------------------------------------------------------------------------------------------
# Corollary 3: I(P; Q_t) with a prior over candidate truths
# ---------------------------------------------------------------------------------------------

State = tuple[Fraction, ...]


def _mutual_information(joint: Sequence[dict[State, Fraction]], priors: Sequence[Fraction],
                        dps: int) -> mpmath.mpf:
    """``I(P; Q) = Σ_k w_k Σ_s π̄(s) φ(π_k(s)/π̄(s))``, ``π_k`` the law of Q given truth k."""
    states = set().union(*joint)
    total_terms = []
    with mpmath.workdps(dps + 10):
        for s in states:
            bar = sum((w * law.get(s, Fraction(0)) for w, law in zip(priors, joint, strict=True)),
                      Fraction(0))
            for w, law in zip(priors, joint, strict=True):
                if w == 0:
                    continue
                r = law.get(s, Fraction(0)) / bar
                u = r - 1
                total_terms.append(_mp(w * bar) * _phi(u.numerator, u.denominator))
        total = mpmath.fsum(total_terms)
    return _round(total, dps)


def mutual_information_trajectory(
    priors: Sequence[object],
    truths: Sequence[Sequence[object]],
    n0: int | None,
    n: int,
    alpha: object | Sequence[object],
    T: int,
    dps: int = 50,
    q0: Sequence[object] | None = None,
    max_states: int = 20_000,
) -> list[mpmath.mpf]:
    """Exact I(P; Q_t) in nats (``dps`` digits) for t = 0..T, with P drawn from a finite prior.

    P is ``truths[k]`` with probability ``priors[k]``. Q_0 is the empirical distribution of
    ``n0`` draws from P, or the fixed distribution ``q0`` when given (then ``n0`` must be
    ``None``: Q_0 carries no information about P). Step t → t+1: Q_{t+1} is the empirical
    distribution of ``n`` draws from ``α P + (1−α) Q_t`` (``alpha`` a number or a sequence of
    T numbers, ``alpha[t]`` used for that step). The joint law of (P, Q_t) is propagated exactly.

    With α = 0, P → Q_t → Q_{t+1} is a Markov chain and the data-processing inequality makes the
    sequence non-increasing; with α > 0 P feeds every step and the sequence can rise.

    >>> traj = mutual_information_trajectory(["1/2", "1/2"], [["3/4", "1/4"], ["1/4", "3/4"]],
    ...                                      1, 2, 0, 2, dps=15)
    >>> [mpmath.nstr(x, 6) for x in traj]
    ['0.130812', '0.130812', '0.130812']
    """
    pri = _vector(priors, "priors")
    if len(truths) != len(pri):
        raise InputError(f"need one truth per prior weight, got {len(truths)} and {len(pri)}")
    tv = [_vector(t, f"truths[{k}]") for k, t in enumerate(truths)]
    k = len(tv[0])
    if any(len(t) != k for t in tv):
        raise InputError("every truth must have the same number of categories")
    n, T, dps = as_positive_int(n, "n"), _count(T, "T"), _dps(dps)
    if isinstance(alpha, (str, bytes)) or not isinstance(alpha, Sequence):
        alphas = [as_alpha(alpha)] * T
    else:
        alphas = [as_alpha(a, f"alpha[{i}]") for i, a in enumerate(alpha)]
        if len(alphas) != T:
            raise InputError(f"alpha sequence must have T = {T} entries, got {len(alphas)}")
    _check_outcomes(n, k, max_states)
    if q0 is not None:
        if n0 is not None:
            raise InputError("give either n0 (Q_0 from n0 draws of P) or q0, not both")
        start = _vector(q0, "q0")
        if len(start) != k:
            raise InputError(f"q0 must have {k} entries, got {len(start)}")
        joint = [{start: Fraction(1)} for _ in tv]
    else:
        n0 = as_positive_int(n0, "n0")
        _check_outcomes(n0, k, max_states)
        joint = []
        for truth in tv:
            law: dict[State, Fraction] = {}
            for counts, prob in _multinomial_law(n0, truth):
                law[tuple(Fraction(c, n0) for c in counts)] = prob
            joint.append(law)
    out = [_mutual_information(joint, pri, dps)]
    for a in alphas:
        new_joint = []
        for truth, law in zip(tv, joint, strict=True):
            new: dict[State, Fraction] = {}
            for state, prob in law.items():
                m = tuple(a * x + (1 - a) * y for x, y in zip(truth, state, strict=True))
                for counts, p in _multinomial_law(n, m):
                    key = tuple(Fraction(c, n) for c in counts)
                    new[key] = new.get(key, Fraction(0)) + prob * p
            new_joint.append(new)
        joint = new_joint
        out.append(_mutual_information(joint, pri, dps))
    return out


@dataclass(frozen=True)
class DPIExample:
    """A worked Corollary 3 example: its parameters and the exact I(P; Q_t), t = 0..T."""

    description: str
    priors: tuple[Fraction, ...]
    truths: tuple[tuple[Fraction, ...], ...]
    n0: int | None
    n: int
    alpha: Fraction
    q0: tuple[Fraction, ...] | None
    trajectory: tuple[mpmath.mpf, ...]

    def increments(self) -> list[mpmath.mpf]:
        """``I_{t+1} − I_t`` for t = 0..T−1."""
        return [b - a for a, b in zip(self.trajectory, self.trajectory[1:], strict=False)]


def stagnation_example(dps: int = 50, T: int = 8) -> DPIExample:
    """α = 0: three candidate truths on three categories, uniform prior, N0 = 6, N = 4.

    The chain P → Q_0 → Q_1 → ... is Markov, so I(P; Q_t) cannot increase; here it falls
    strictly at every step. It does not fall to 0: Q_t is absorbed at a vertex x with
    probability E[Q_0(x) | P] = P(x), so the limit is I(P; X) for a single draw X ~ P
    (ln 3 − H(1/2, 1/4, 1/4) ≈ 0.0589 nats here).

    >>> ex = stagnation_example(dps=20, T=3)
    >>> all(d < 0 for d in ex.increments())
    True
    """
    third, half, quarter = Fraction(1, 3), Fraction(1, 2), Fraction(1, 4)
    truths = ((half, quarter, quarter), (quarter, half, quarter), (quarter, quarter, half))
    priors = (third, third, third)
    traj = mutual_information_trajectory(priors, truths, 6, 4, 0, T, dps)
    return DPIExample(
        "alpha = 0: I(P; Q_t) is non-increasing (data-processing inequality)",
        priors, truths, 6, 4, Fraction(0), None, tuple(traj),
    )


def grounded_rise_example(dps: int = 50, T: int = 6) -> DPIExample:
    """α = 1/2: two candidate truths (3/4, 1/4) and (1/4, 3/4), uniform prior, Q_0 = (1/2, 1/2)
    fixed (no information about P), N = 4. Fresh draws from P enter every generation, the chain
    is not Markov, and I(P; Q_t) rises from 0.

    >>> ex = grounded_rise_example(dps=20, T=2)
    >>> ex.trajectory[0] == 0 and ex.trajectory[1] > 0
    True
    """
    half = Fraction(1, 2)
    truths = ((Fraction(3, 4), Fraction(1, 4)), (Fraction(1, 4), Fraction(3, 4)))
    priors = (half, half)
    q0 = (half, half)
    traj = mutual_information_trajectory(priors, truths, None, 4, half, T, dps, q0=q0)
    return DPIExample(
        "alpha = 1/2, uninformative Q_0: I(P; Q_t) rises (the chain is not Markov)",
        priors, truths, None, 4, half, q0, tuple(traj),
    )
