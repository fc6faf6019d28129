"""A tiny program language for integer sequences, and the 2, 4, 6, 8 example of §5.5.

A program prints the terms t_1, t_2, t_3, ... of an integer sequence (k counts from 1). The six
constructors, with their meaning:

===================  ==================  ==========================================
constructor          term t_k            parameters
===================  ==================  ==========================================
``const(c)``         c                   any integer c
``lin(a, b)``        a·k + b             integers, a ≠ 0
``square(b)``        (k + b)²            any integer b
``pow(b)``           b^k                 integer b ≥ 2
``geom(a, r)``       a·r^k               integers, a ≠ 0, |r| ≥ 2
``cycle(c_0..c_m−1)`` c_((k−1) mod m)    m ≥ 2 integers, repeated for ever
===================  ==================  ==========================================

Encoding (it defines each program's description length in bits): a 3-bit constructor tag
(six of the eight tags used), then each parameter in a self-delimiting code:

* a signed integer z is mapped to a positive integer by ζ(0) = 1, ζ(z) = 2z (z > 0),
  ζ(z) = 2|z| + 1 (z < 0), then written in Elias gamma, 2⌊log₂ ζ⌋ + 1 bits
  (0 costs 1 bit, ±1 cost 3, 2 costs 5, ...);
* the base b ≥ 2 of ``pow`` is written as γ(b − 1);
* a ``cycle`` writes its block length m as γ(m − 1) and then its m entries as signed integers.

The code is prefix-free (the tag fixes how many parameters follow, each is self-delimiting), so
Σ 2^(−length) ≤ 1 over all programs: 2^(−length) is an algorithmic-probability-style prior.
Several programs may print the same sequence (``pow(2)`` and ``geom(1, 2)``); all of them count.

The learner ranks the programs consistent with the observed terms by length and predicts the
next term with the posterior weights 2^(−length) (normalised over the consistent programs up
to a length bound). On 2, 4, 6, 8 the shortest consistent program is ``lin(2, 0)`` = 2k (the
even numbers, 9 bits); the next consistent one is the 34-bit ``cycle(2, 4, 6, 8)``, so the
predictive puts all but about 2^(−25) of its mass on 10, and then on 12. A distributional
learner (the empirical distribution of the observed values) puts mass 0 on 10 and 12, and a
smoothed histogram only its smoothing mass.

>>> best_program([2, 4, 6, 8], 40)
Program(kind='lin', params=(2, 0))
>>> pred = posterior_predictive([2, 4, 6, 8], 40)
>>> max(pred, key=pred.get), float(pred[10]) > 1 - 1e-7
(10, True)
>>> empirical_predictive([2, 4, 6, 8]).get(10, 0)
0
>>> best_program([2, 4], 30)  # two terms: 2^k is 5 bits shorter than 2k
Program(kind='pow', params=(2,))
"""

from __future__ import annotations

import math
import numbers
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

import mpmath
import numpy as np
from numpy.typing import NDArray

from numerics.errors import InputError
from numerics.information import BinaryProgram, dyadic_coins, mdl_decision_table
from numerics.validate import as_fraction, as_positive_int

__all__ = [
    "KINDS",
    "MAX_CANDIDATES",
    "MAX_ENUMERATE",
    "MAX_LENGTH",
    "CoinLaboratory",
    "Program",
    "best_program",
    "coin_laboratory",
    "consistent_programs",
    "empirical_predictive",
    "enumerate_programs",
    "frequency_mse",
    "leave_threshold",
    "mse_curve",
    "posterior_predictive",
    "rank_programs",
    "signed_code_length",
]

KINDS = ("const", "lin", "square", "pow", "geom", "cycle")
TAG_BITS = 3
MAX_ENUMERATE = 24  # enumerate_programs grows about 2^(max_len/2): refuse beyond this bound
MAX_LENGTH = 64  # consistent_programs: bound on the length of the programs searched
MAX_CANDIDATES = 200_000  # consistent_programs gives up (InputError) beyond this much work


def _gamma(m: int) -> int:
    """Length of the Elias-gamma code of a positive integer m."""
    return 2 * (m.bit_length() - 1) + 1


def _zeta(z: int) -> int:
    return 1 if z == 0 else (2 * z if z > 0 else 2 * (-z) + 1)


def _unzeta(m: int) -> int:
    return 0 if m == 1 else (m // 2 if m % 2 == 0 else -(m // 2))


def signed_code_length(z: int) -> int:
    """Bits used by the signed integer z (zig-zag map, then Elias gamma).

    >>> [signed_code_length(z) for z in (0, 1, -1, 2, 8)]
    [1, 3, 3, 5, 9]
    """
    return _gamma(_zeta(int(z)))


def _ints_within(budget: int) -> Iterator[int]:
    """Every signed integer whose code has at most ``budget`` bits, shortest first."""
    if budget < 1:
        return
    top = 2 ** ((budget - 1) // 2 + 1)  # ζ < top  <=>  code length <= budget
    for m in range(1, top):
        yield _unzeta(m)


@dataclass(frozen=True)
class Program:
    """One program of the language: a constructor name and its integer parameters.

    >>> p = Program("lin", (2, 0))
    >>> p.length, p.terms(5), str(p)
    (9, [2, 4, 6, 8, 10], '2·k')
    """

    kind: str
    params: tuple[int, ...]

    def __post_init__(self) -> None:
        k, ps = self.kind, self.params
        if k not in KINDS:
            raise InputError(f"unknown constructor {k!r} ({' '.join(KINDS)})")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in ps):
            raise InputError(f"{k} parameters must be integers, got {ps!r}")
        arity = {"const": 1, "lin": 2, "square": 1, "pow": 1, "geom": 2}
        if k in arity and len(ps) != arity[k]:
            raise InputError(f"{k} takes {arity[k]} parameter(s), got {len(ps)}")
        if (k == "lin" and ps[0] == 0) or (k == "geom" and ps[0] == 0):
            raise InputError(f"{k} needs a non-zero leading coefficient")
        if k == "pow" and ps[0] < 2:
            raise InputError(f"pow needs a base >= 2, got {ps[0]}")
        if k == "geom" and abs(ps[1]) < 2:
            raise InputError(f"geom needs a ratio with |r| >= 2, got {ps[1]}")
        if k == "cycle" and len(ps) < 2:
            raise InputError("cycle needs a block of at least 2 entries")

    @property
    def length(self) -> int:
        """Description length in bits under the module's encoding."""
        k, ps = self.kind, self.params
        if k == "pow":
            return TAG_BITS + _gamma(ps[0] - 1)
        body = sum(signed_code_length(v) for v in ps)
        if k == "cycle":
            return TAG_BITS + _gamma(len(ps) - 1) + body
        return TAG_BITS + body

    @property
    def weight(self) -> Fraction:
        """The prior weight 2^(−length)."""
        return Fraction(1, 2**self.length)

    def term(self, k: int) -> int:
        """t_k for k = 1, 2, ..."""
        if k < 1:
            raise InputError(f"terms are numbered from 1, got {k}")
        kind, ps = self.kind, self.params
        if kind == "const":
            return ps[0]
        if kind == "lin":
            return ps[0] * k + ps[1]
        if kind == "square":
            return (k + ps[0]) ** 2
        if kind == "pow":
            return ps[0] ** k
        if kind == "geom":
            return ps[0] * ps[1] ** k
        return ps[(k - 1) % len(ps)]

    def terms(self, n: int) -> list[int]:
        """The first n terms."""
        return [self.term(k) for k in range(1, n + 1)]

    def __str__(self) -> str:
        k, ps = self.kind, self.params
        if k == "const":
            return str(ps[0])
        if k == "lin":
            head = "k" if ps[0] == 1 else ("-k" if ps[0] == -1 else f"{ps[0]}·k")
            return head if ps[1] == 0 else f"{head} {'+' if ps[1] > 0 else '-'} {abs(ps[1])}"
        if k == "square":
            return "k²" if ps[0] == 0 else f"(k {'+' if ps[0] > 0 else '-'} {abs(ps[0])})²"
        if k == "pow":
            return f"{ps[0]}^k"
        if k == "geom":
            return f"{ps[0]}·({ps[1]})^k" if ps[1] < 0 else f"{ps[0]}·{ps[1]}^k"
        return "repeat " + ", ".join(map(str, ps))


def _check_max_len(max_len: object, cap: int) -> int:
    value = as_positive_int(max_len, "max_len")
    if value > cap:
        raise InputError(f"max_len must be <= {cap} (the enumeration is exponential), got {value}")
    return value


def _as_data(data: object) -> tuple[int, ...]:
    if isinstance(data, (str, bytes)) or not isinstance(data, Iterable):
        raise InputError("data must be a sequence of integers")
    out = []
    for i, v in enumerate(data):
        if isinstance(v, bool) or not isinstance(v, numbers.Integral):
            if isinstance(v, numbers.Real) and not isinstance(v, bool):
                f = as_fraction(v, f"data[{i}]")
                if f.denominator == 1:
                    out.append(int(f))
                    continue
            raise InputError(f"data must be integers, got {v!r} at position {i}")
        out.append(int(v))
    if not out:
        raise InputError("data must not be empty")
    return tuple(out)


def _sort_key(p: Program) -> tuple[int, int, tuple[int, ...]]:
    return (p.length, KINDS.index(p.kind), tuple(_zeta(v) for v in p.params))


def _tuples_within(count: int, budget: int) -> Iterator[tuple[int, ...]]:
    """Every tuple of ``count`` signed integers whose codes total at most ``budget`` bits."""
    if count == 0:
        yield ()
        return
    for z in _ints_within(budget - (count - 1)):
        for rest in _tuples_within(count - 1, budget - signed_code_length(z)):
            yield (z, *rest)


def enumerate_programs(max_len: object) -> list[Program]:
    """Every program of length ≤ ``max_len`` bits, shortest first (max_len ≤ MAX_ENUMERATE).

    >>> [str(p) for p in enumerate_programs(4)]
    ['0', 'k²', '2^k']
    >>> len(enumerate_programs(12))
    200
    """
    limit = _check_max_len(max_len, MAX_ENUMERATE)
    budget = limit - TAG_BITS
    out: list[Program] = []
    out += [Program("const", t) for t in _tuples_within(1, budget)]
    out += [Program("lin", t) for t in _tuples_within(2, budget) if t[0] != 0]
    out += [Program("square", t) for t in _tuples_within(1, budget)]
    b = 2
    while _gamma(b - 1) <= budget:
        out.append(Program("pow", (b,)))
        b += 1
    out += [Program("geom", t) for t in _tuples_within(2, budget) if t[0] != 0 and abs(t[1]) >= 2]
    m = 2
    while _gamma(m - 1) + m <= budget:
        out += [Program("cycle", t) for t in _tuples_within(m, budget - _gamma(m - 1))]
        m += 1
    return sorted(out, key=_sort_key)


def _isqrt_exact(v: int) -> int | None:
    if v < 0:
        return None
    r = math.isqrt(v)
    return r if r * r == v else None


def consistent_programs(data: Sequence[int], max_len: object) -> list[Program]:
    """Every program of length ≤ ``max_len`` whose first terms equal ``data``, shortest first.

    The parameters are solved from the data (no blind enumeration), so bounds up to
    MAX_LENGTH bits are cheap; the result equals filtering :func:`enumerate_programs`.

    >>> [str(p) for p in consistent_programs([2, 4, 6, 8], 36)]
    ['2·k', 'repeat 2, 4, 6, 8']
    """
    d = _as_data(data)
    limit = _check_max_len(max_len, MAX_LENGTH)
    budget = limit - TAG_BITS
    n = len(d)
    cands = _CappedList(limit)
    # const
    if all(v == d[0] for v in d):
        cands.append(Program("const", (d[0],)))
    # lin: a·1 + b = d1
    if n >= 2:
        a = d[1] - d[0]
        if a != 0:
            cands.append(Program("lin", (a, d[0] - a)))
    else:
        for a in _ints_within(budget - 1):
            if a != 0 and signed_code_length(d[0] - a) <= budget - signed_code_length(a):
                cands.append(Program("lin", (a, d[0] - a)))
            if 2 * signed_code_length(a) > budget + signed_code_length(d[0]) + 4:
                break  # |d1 − a| is within a factor 2 of |a| from here on: all too long
    # square: (1 + b)² = d1
    r = _isqrt_exact(d[0])
    if r is not None:
        cands += [Program("square", (s - 1,)) for s in {r, -r}]
    # pow: b = d1
    if d[0] >= 2:
        cands.append(Program("pow", (d[0],)))
    # geom: a·r = d1, a ≠ 0, |r| ≥ 2
    if d[0] != 0:
        if n >= 2:
            if d[1] % d[0] == 0 and abs(d[1] // d[0]) >= 2 and d[0] % (d[1] // d[0]) == 0:
                ratio = d[1] // d[0]
                cands.append(Program("geom", (d[0] // ratio, ratio)))
        else:
            for q in range(2, abs(d[0]) + 1):
                if d[0] % q == 0:
                    cands += [Program("geom", (d[0] // s, s)) for s in (q, -q)]
    # cycle: the block starts with the data (or the data repeat a shorter block)
    m = 2
    while True:
        head = min(m, n)
        fixed = _gamma(m - 1) + sum(signed_code_length(v) for v in d[:head])
        free = m - head
        if fixed + free > budget:
            break
        block_ok = all(d[i] == d[i % m] for i in range(n))
        if block_ok:
            for tail in _tuples_within(free, budget - fixed):
                cands.append(Program("cycle", d[:head] + tail))
        m += 1
    out = {p for p in cands.items if p.length <= limit and tuple(p.terms(n)) == d}
    return sorted(out, key=_sort_key)


class _CappedList:
    """A list of candidates that refuses to grow past MAX_CANDIDATES (a clear error instead
    of an exponential wait)."""

    def __init__(self, limit: int) -> None:
        self.items: list[Program] = []
        self.limit = limit

    def append(self, p: Program) -> None:
        if len(self.items) >= MAX_CANDIDATES:
            raise InputError(f"more than {MAX_CANDIDATES} programs of length <= {self.limit} "
                             "bits fit these data: lower max_len")
        self.items.append(p)

    def __iadd__(self, ps: Iterable[Program]) -> _CappedList:
        for p in ps:
            self.append(p)
        return self


def rank_programs(data: Sequence[int], max_len: object) -> list[tuple[Program, Fraction]]:
    """Consistent programs with their exact posterior weights 2^(−len) / Σ 2^(−len).

    >>> [(str(p), w) for p, w in rank_programs([2, 4, 6], 22)]
    [('2·k', Fraction(1, 1))]
    """
    progs = consistent_programs(data, max_len)
    if not progs:
        raise InputError(f"no program of length <= {max_len} bits prints {list(data)}")
    z = sum((p.weight for p in progs), Fraction(0))
    return [(p, p.weight / z) for p in progs]


def best_program(data: Sequence[int], max_len: object) -> Program:
    """The shortest consistent program (ties: constructor order, then smaller parameters)."""
    return rank_programs(data, max_len)[0][0]


def posterior_predictive(data: Sequence[int], max_len: object,
                         ahead: object = 1) -> dict[int, Fraction]:
    """Exact posterior predictive of the term ``ahead`` places after the data.

    The consistent programs up to ``max_len`` bits vote with weights 2^(−length); values are
    listed most probable first.

    >>> pred = posterior_predictive([2, 4, 6, 8], 36)
    >>> pred
    {10: Fraction(33554432, 33554433), 2: Fraction(1, 33554433)}
    >>> posterior_predictive([2, 4, 6, 8], 36, ahead=2)[12] == pred[10]
    True
    """
    d = _as_data(data)
    step = as_positive_int(ahead, "ahead")
    out: dict[int, Fraction] = {}
    for p, w in rank_programs(d, max_len):
        v = p.term(len(d) + step)
        out[v] = out.get(v, Fraction(0)) + w
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


def empirical_predictive(data: Sequence[int], smoothing: object = 0,
                         support: Iterable[int] | None = None) -> dict[int, Fraction]:
    """A distributional learner's predictive: the (optionally smoothed) empirical histogram.

    P(v) = (count(v) + s) / (n + s·|support|) on ``support`` (default: the observed values).
    Unobserved values get 0, or only the smoothing mass s / (n + s·|support|).

    >>> empirical_predictive([2, 4, 6, 8])
    {2: Fraction(1, 4), 4: Fraction(1, 4), 6: Fraction(1, 4), 8: Fraction(1, 4)}
    >>> empirical_predictive([2, 4, 6, 8], smoothing=1, support=range(1, 13))[10]
    Fraction(1, 16)
    """
    d = _as_data(data)
    s = as_fraction(smoothing, "smoothing")
    if s < 0:
        raise InputError(f"smoothing must be >= 0, got {s}")
    counts = Counter(d)
    values = sorted(counts) if support is None else sorted(set(_as_data(support)))
    missing = set(counts) - set(values)
    if missing:
        raise InputError(f"support must contain every observed value, missing {sorted(missing)}")
    z = len(d) + s * len(values)
    return {v: (counts.get(v, 0) + s) / z for v in values}


# --- the coin model of §5.5.2: the MDL program learner against the frequency learner --------
#
# Both learners are retrained on N samples of their own current model per generation (α = 0)
# and start at the truth θ* = 1/4. The program learner holds one coin of the class
# coin(1/4) 4 bits, coin(1/2) 1 bit, coin(3/4) 4 bits and refits by MDL (eq. 26); the
# frequency learner refits the empirical frequency (a Wright–Fisher chain).


def frequency_mse(theta: object, n: object, t: object) -> Fraction:
    """E[(μ_t − θ)²] = θ(1 − θ)(1 − (1 − 1/N)^t) for the frequency learner started at μ_0 = θ.

    The law of total variance gives v_{t+1} = (1 − 1/N) v_t + θ(1 − θ)/N with v_0 = 0; the
    limit θ(1 − θ) is the mixture of the absorbing states 0 and 1 (weights 1 − θ and θ).

    >>> frequency_mse("1/4", 10, 1), frequency_mse("1/4", 10, 0)
    (Fraction(3, 160), Fraction(0, 1))
    """
    th = as_fraction(theta, "theta")
    size = as_positive_int(n, "n")
    steps = as_positive_int(t, "t", minimum=0)
    return th * (1 - th) * (1 - (1 - Fraction(1, size)) ** steps)


def mse_curve(matrix: Sequence[Sequence[Fraction]], thetas: Sequence[Fraction], start: int,
              truth: Fraction, generations: int, dps: int = 50) -> list[mpmath.mpf]:
    """E[(θ_t − θ*)²] for t = 0..generations of a chain over coins (``dps``-digit arithmetic).

    >>> K = [[Fraction(1, 2), Fraction(1, 2)], [Fraction(0), Fraction(1)]]
    >>> [float(v) for v in mse_curve(K, [Fraction(0), Fraction(1)], 0, Fraction(0), 2)]
    [0.0, 0.5, 0.75]
    """
    with mpmath.workdps(dps):
        k = [[mpmath.mpf(v.numerator) / v.denominator for v in row] for row in matrix]
        gap = [(mpmath.mpf((th - truth).numerator) / (th - truth).denominator) ** 2
               for th in thetas]
        v = [mpmath.mpf(1 if j == start else 0) for j in range(len(thetas))]
        out = []
        for _ in range(generations + 1):
            out.append(mpmath.fsum(a * b for a, b in zip(v, gap, strict=True)))
            v = [mpmath.fsum(v[i] * k[i][j] for i in range(len(v))) for j in range(len(v))]
        return out


def leave_threshold(n: object, lam: int) -> int:
    """The largest count k of ones after which MDL keeps coin(1/4) over coin(1/2).

    With L the likelihood, coin(1/4) (4 bits) beats coin(1/2) (1 bit, ties to it) iff
    −log₂ 3^(N−k)/4^N + 4λ < N + λ, i.e. 2^(N+3λ) < 3^(N−k): exact integers, λ an integer.
    Returns −1 when no count keeps it.

    >>> leave_threshold(8, 1)
    1
    """
    size = as_positive_int(n, "n")
    if not isinstance(lam, int) or lam < 0:
        raise InputError(f"lam must be a nonnegative integer, got {lam!r}")
    keep = [k for k in range(size + 1) if 2 ** (size + 3 * lam) < 3 ** (size - k)]
    return max(keep, default=-1)


@dataclass(frozen=True)
class CoinLaboratory:
    """Squared errors of both learners over replicates: per-generation mean and s.e."""

    n: int
    lam: Fraction
    generations: int
    replicates: int
    seed: int
    mdl_mean: NDArray[np.float64]
    mdl_se: NDArray[np.float64]
    freq_mean: NDArray[np.float64]
    freq_se: NDArray[np.float64]


def coin_laboratory(n: object = 100, lam: object = 1, generations: object = 200,
                    replicates: object = 2000, seed: object = 0,
                    programs: Sequence[BinaryProgram] | None = None,
                    truth: int = 0) -> CoinLaboratory:
    """Simulate both learners, seeded (bit-for-bit reproducible), vectorised over replicates.

    >>> a = coin_laboratory(n=20, generations=3, replicates=50, seed=1)
    >>> b = coin_laboratory(n=20, generations=3, replicates=50, seed=1)
    >>> a.mdl_mean.tolist() == b.mdl_mean.tolist(), float(a.mdl_mean[0]), float(a.freq_mean[0])
    (True, 0.0, 0.0)
    """
    size = as_positive_int(n, "n")
    steps = as_positive_int(generations, "generations")
    reps = as_positive_int(replicates, "replicates")
    s = as_positive_int(seed, "seed", minimum=0)
    lamf = as_fraction(lam, "lambda")
    if lamf < 0:
        raise InputError(f"lambda must be >= 0, got {lamf}")
    progs = tuple(programs) if programs is not None else dyadic_coins(2)
    table = np.array(mdl_decision_table(progs, size, lamf), dtype=np.int64)
    thetas = np.array([float(p.start) for p in progs])
    th = float(progs[truth].start)
    rng = np.random.default_rng(s)
    state = np.full(reps, truth, dtype=np.int64)
    mu = np.full(reps, th)
    mdl = np.zeros((reps, steps + 1))
    freq = np.zeros((reps, steps + 1))
    for t in range(1, steps + 1):
        state = table[rng.binomial(size, thetas[state])]
        mu = rng.binomial(size, mu) / size
        mdl[:, t] = (thetas[state] - th) ** 2
        freq[:, t] = (mu - th) ** 2
    root = np.sqrt(reps)
    return CoinLaboratory(size, lamf, steps, reps, s, mdl.mean(axis=0),
                          mdl.std(axis=0, ddof=1) / root, freq.mean(axis=0),
                          freq.std(axis=0, ddof=1) / root)
