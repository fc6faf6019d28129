"""Information-theoretic claims: Props. 9–10 (§5.4), eq. 20 (§5.3), §5.1 and the anchor of §5.5.

Everything that can be exact is exact: probabilities are :class:`fractions.Fraction`, joint
distributions are dicts ``{(a, b): Fraction}``, and logarithms are taken by mpmath at a stated
number of digits (``dps``) inside a scoped ``mpmath.workdps`` (never the global precision).
Returned :class:`mpmath.mpf` values carry their full stored precision; compare them exactly or
do arithmetic on them inside ``mpmath.workdps(dps)``.

Contents

* Mutual information of a finite joint, and joints of (M, X), (M, T(X)) from a prior over
  mechanisms M, a likelihood of the data X and a learner T (a function or a random kernel).
* Prop. 9 (eqs. 21/22): Bernoulli mechanisms, all 2^n sequences, the success count (a
  non-invertible *sufficient* statistic: no information lost) versus lossy statistics.
* Prop. 10: binary stochastic programs with description lengths, a MAP / MDL program learner
  weighted by 2^(−λ·length), I(M; G(X)) ≤ I(M; X); a structure example where the program
  learner keeps more information than a frequency-only learner; and the "symbolic anchor" of
  §5.5.2: the exact per-generation misidentification probability ε_N of an MDL learner refit
  on its own samples, its Chernoff exponent and the keep-probability (1 − ε_N)^T.
* Eq. 20: total variation, χ², squared Hellinger, KL, and the mixing ratio
  D_f(P ‖ αP + (1−α)S) / ((1−α) D_f(P ‖ S)).
* §5.1: cross-entropy = H(P) + KL(P‖Q), Gaussian NLL = squared error/(2σ²) + ½ln(2πσ²), and
  Jensen–Shannon bounded by ln 2 while KL is not.

>>> from fractions import Fraction as F
>>> joint = {(0, 0): F(1, 2), (1, 1): F(1, 2)}
>>> mutual_information(joint, dps=20, base=2)
mpf('1.0')
>>> report = prop9_example(n=3, dps=30)
>>> report.count_is_sufficient, report.count_is_injective
(True, False)
>>> report.loss_count
mpf('0.0')
>>> tv((F(1, 2), F(1, 2)), (F(1, 4), F(3, 4)))
Fraction(1, 4)
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath

from numerics.errors import InputError
from numerics.validate import (
    as_alpha,
    as_fraction,
    as_positive_int,
    as_probability,
    as_probability_vector,
)

__all__ = [
    "BinaryProgram",
    "Prop9Report",
    "Prop10Report",
    "as_joint",
    "bernoulli_joint",
    "bernoulli_sequences",
    "channel_joint",
    "chernoff_information",
    "chi2",
    "chi2_mixing_ratio_closed_form",
    "coin",
    "conditional",
    "count_parity",
    "cross_entropy",
    "cross_entropy_gap",
    "dyadic_coins",
    "entropy",
    "first_draw",
    "fitted_parameter",
    "fitted_rate",
    "gaussian_nll",
    "gaussian_nll_decomposition",
    "gaussian_nll_identity_residual",
    "information_loss",
    "is_injective",
    "is_sufficient",
    "js",
    "js_kl_table",
    "keep_probability",
    "kl",
    "learner_joint",
    "local_rate",
    "map_program",
    "marginals",
    "markov",
    "mdl_decision_table",
    "misidentification_exponent",
    "misidentification_probability",
    "mixing_ratio",
    "mutual_information",
    "posterior_sampling_kernel",
    "program_joint",
    "prop9_example",
    "prop10_example",
    "push_kernel",
    "push_statistic",
    "random_walk_variance",
    "squared_hellinger",
    "structure_example",
    "structure_programs",
    "success_count",
    "transition_matrix",
    "tv",
    "wright_fisher_variance",
]

Joint = dict[tuple[Hashable, Hashable], Fraction]
_GUARD = 10  # extra digits carried internally before rounding to the requested dps


# --------------------------------------------------------------------------------------------
# validation and precision helpers


def _check_dps(dps: object) -> int:
    return as_positive_int(dps, "dps", minimum=5)


def _log_base(base: object) -> Callable[[mpmath.mpf], mpmath.mpf]:
    """Divide-by-log(base) converter (base None = nats); called inside a workdps scope."""
    if base is None:
        return lambda v: v
    b = as_fraction(base, "base")
    if b <= 1:
        raise InputError(f"base must be a number > 1, got {b}")
    lb = mpmath.log(mpmath.mpf(b.numerator) / b.denominator)
    return lambda v: v / lb


def _mp(x: Fraction) -> mpmath.mpf:
    """An exact Fraction as an mpf at the current precision."""
    return mpmath.mpf(x.numerator) / x.denominator


def _log_ratio(x: Fraction) -> mpmath.mpf:
    """log of a positive Fraction, exactly 0 when the Fraction is 1."""
    if x == 1:
        return mpmath.mpf(0)
    return mpmath.log(mpmath.mpf(x.numerator)) - mpmath.log(mpmath.mpf(x.denominator))


def as_joint(joint: Mapping[Any, object], name: str = "joint") -> Joint:
    """A validated joint distribution: pairs as keys, exact probabilities summing to 1.

    >>> as_joint({(0, 0): "0.5", (1, 1): "1/2"})
    {(0, 0): Fraction(1, 2), (1, 1): Fraction(1, 2)}
    >>> as_joint({(0, 0): "0.5", (1, 1): "0.6"})
    Traceback (most recent call last):
    ...
    numerics.errors.InputError: joint: probabilities must sum to 1, got 11/10
    """
    if not isinstance(joint, Mapping) or not joint:
        raise InputError(f"{name} must be a non-empty mapping {{(a, b): probability}}")
    out: Joint = {}
    for key, value in joint.items():
        if not isinstance(key, tuple) or len(key) != 2:
            raise InputError(f"{name} keys must be pairs (a, b), got {key!r}")
        p = as_probability(value, f"{name}[{key!r}]")
        if p:
            out[key] = out.get(key, Fraction(0)) + p
    total = sum(out.values(), Fraction(0))
    if total != 1:
        raise InputError(f"{name}: probabilities must sum to 1, got {total}")
    return out


def _as_distribution(p: Mapping[Any, object] | Sequence[object], name: str) -> dict[Any, Fraction]:
    """A mapping or sequence of probabilities as an exact dict summing to 1."""
    if isinstance(p, Mapping):
        keys = list(p)
        values = as_probability_vector([p[k] for k in keys], name)
        return dict(zip(keys, values, strict=True))
    values = as_probability_vector(p, name)
    return dict(enumerate(values))


# --------------------------------------------------------------------------------------------
# mutual information and joints


def marginals(joint: Mapping[Any, object]) -> tuple[dict[Any, Fraction], dict[Any, Fraction]]:
    """The two exact marginals of a joint distribution.

    >>> marginals({("m", 0): "1/4", ("m", 1): "1/4", ("n", 1): "1/2"})[1]
    {0: Fraction(1, 4), 1: Fraction(3, 4)}
    """
    j = as_joint(joint)
    pa: dict[Any, Fraction] = defaultdict(Fraction)
    pb: dict[Any, Fraction] = defaultdict(Fraction)
    for (a, b), p in j.items():
        pa[a] += p
        pb[b] += p
    return dict(pa), dict(pb)


def conditional(joint: Mapping[Any, object]) -> dict[Any, dict[Any, Fraction]]:
    """P(A | B = b) for every b with P(b) > 0, as exact dicts ``{b: {a: P(a | b)}}``.

    >>> conditional({("m", 0): "1/4", ("m", 1): "1/4", ("n", 1): "1/2"})[1]
    {'m': Fraction(1, 3), 'n': Fraction(2, 3)}
    """
    j = as_joint(joint)
    _, pb = marginals(j)
    out: dict[Any, dict[Any, Fraction]] = defaultdict(dict)
    for (a, b), p in j.items():
        out[b][a] = p / pb[b]
    return dict(out)


def mutual_information(
    joint: Mapping[Any, object], dps: int = 50, base: object = None
) -> mpmath.mpf:
    """I(A; B) of a finite joint ``{(a, b): p}``, in nats (``base=2`` for bits), at ``dps`` digits.

    Each term p·log(p / (P(a)P(b))) takes the log of an exact Fraction, so a factor that is
    exactly 1 contributes exactly 0.

    >>> mutual_information({(0, 0): "1/4", (0, 1): "1/4", (1, 0): "1/4", (1, 1): "1/4"})
    mpf('0.0')
    """
    dps = _check_dps(dps)
    j = as_joint(joint)
    pa, pb = marginals(j)
    with mpmath.workdps(dps + _GUARD):
        convert = _log_base(base)
        total = mpmath.fsum(_mp(p) * _log_ratio(p / (pa[a] * pb[b])) for (a, b), p in j.items())
        total = convert(total)
    with mpmath.workdps(dps):
        return +total


def entropy(p: Mapping[Any, object] | Sequence[object], dps: int = 50,
            base: object = None) -> mpmath.mpf:
    """Shannon entropy −Σ p log p (nats unless ``base``) at ``dps`` digits.

    >>> entropy(["1/2", "1/4", "1/4"], base=2)
    mpf('1.5')
    """
    dps = _check_dps(dps)
    dist = _as_distribution(p, "p")
    with mpmath.workdps(dps + _GUARD):
        convert = _log_base(base)
        total = convert(-mpmath.fsum(_mp(v) * _log_ratio(v) for v in dist.values() if v))
    with mpmath.workdps(dps):
        return +total


def channel_joint(
    prior: Mapping[Any, object],
    likelihood: Callable[[Any], Mapping[Any, object]] | Mapping[Any, Mapping[Any, object]],
) -> Joint:
    """The joint of (M, X) from a prior over M and a likelihood P(X | M) (function or mapping).

    >>> channel_joint({"a": "1/2", "b": "1/2"}, {"a": {0: 1}, "b": {0: "1/2", 1: "1/2"}})
    {('a', 0): Fraction(1, 2), ('b', 0): Fraction(1, 4), ('b', 1): Fraction(1, 4)}
    """
    pm = _as_distribution(prior, "prior")
    out: Joint = {}
    for m, w in pm.items():
        if not w:
            continue
        try:
            rows = likelihood(m) if callable(likelihood) else likelihood[m]
        except KeyError:
            raise InputError(f"likelihood has no row for mechanism {m!r}") from None
        row = _as_distribution(rows, f"likelihood[{m!r}]")
        for x, q in row.items():
            if q:
                out[(m, x)] = out.get((m, x), Fraction(0)) + w * q
    return out


def push_statistic(joint: Mapping[Any, object], statistic: Callable[[Any], Hashable]) -> Joint:
    """The joint of (A, T(B)) for a deterministic statistic T of the second coordinate.

    >>> push_statistic({(0, 1): "1/2", (1, 2): "1/2"}, lambda b: b % 2)
    {(0, 1): Fraction(1, 2), (1, 0): Fraction(1, 2)}
    """
    j = as_joint(joint)
    out: Joint = {}
    for (a, b), p in j.items():
        key = (a, statistic(b))
        out[key] = out.get(key, Fraction(0)) + p
    return out


def push_kernel(
    joint: Mapping[Any, object], kernel: Callable[[Any], Mapping[Any, object]]
) -> Joint:
    """The joint of (A, T) for a randomised learner: ``kernel(b)`` is the law of T given B = b.

    >>> push_kernel({(0, 0): "1/2", (1, 1): "1/2"}, lambda b: {b: "1/2", 1 - b: "1/2"})
    {(0, 0): Fraction(1, 4), (0, 1): Fraction(1, 4), (1, 1): Fraction(1, 4), (1, 0): Fraction(1, 4)}
    """
    j = as_joint(joint)
    out: Joint = {}
    cache: dict[Any, dict[Any, Fraction]] = {}
    for (a, b), p in j.items():
        if b not in cache:
            cache[b] = _as_distribution(kernel(b), f"kernel({b!r})")
        for t, q in cache[b].items():
            if q:
                out[(a, t)] = out.get((a, t), Fraction(0)) + p * q
    return out


def learner_joint(
    prior: Mapping[Any, object],
    likelihood: Callable[[Any], Mapping[Any, object]] | Mapping[Any, Mapping[Any, object]],
    statistic: Callable[[Any], Hashable] | None = None,
    kernel: Callable[[Any], Mapping[Any, object]] | None = None,
) -> Joint:
    """The joint of (M, T(X)) in one call: a deterministic ``statistic`` or a random ``kernel``
    (exactly one of them; neither gives the joint of (M, X) itself).

    >>> learner_joint({"a": "1/2", "b": "1/2"}, {"a": {0: 1}, "b": {0: "1/2", 1: "1/2"}},
    ...               statistic=lambda x: 0)
    {('a', 0): Fraction(1, 2), ('b', 0): Fraction(1, 2)}
    """
    if statistic is not None and kernel is not None:
        raise InputError("give a statistic or a kernel, not both")
    j = channel_joint(prior, likelihood)
    if statistic is not None:
        return push_statistic(j, statistic)
    if kernel is not None:
        return push_kernel(j, kernel)
    return j


def is_sufficient(joint: Mapping[Any, object], statistic: Callable[[Any], Hashable]) -> bool:
    """Exact sufficiency: P(A | B = b) = P(A | T = T(b)) as Fractions for every b with P(b) > 0.

    >>> j = bernoulli_joint({"1/4": "1/2", "3/4": "1/2"}, 2)
    >>> is_sufficient(j, success_count), is_sufficient(j, first_draw)
    (True, False)
    """
    j = as_joint(joint)
    post_b = conditional(j)
    post_t = conditional(push_statistic(j, statistic))
    return all(post_b[b] == post_t[statistic(b)] for b in post_b)


def information_loss(
    joint: Mapping[Any, object], statistic: Callable[[Any], Hashable], dps: int = 50
) -> mpmath.mpf:
    """I(A; B) − I(A; T(B)) computed as E[KL(P(A | B) ‖ P(A | T(B)))] (chain rule).

    Every log is taken of an exact ratio of Fractions, so the result is *exactly* 0 when T is
    sufficient, and strictly positive otherwise.

    >>> j = bernoulli_joint({"1/4": "1/2", "3/4": "1/2"}, 3)
    >>> information_loss(j, success_count)
    mpf('0.0')
    >>> information_loss(j, first_draw) > 0
    True
    """
    dps = _check_dps(dps)
    j = as_joint(joint)
    post_b = conditional(j)
    post_t = conditional(push_statistic(j, statistic))
    with mpmath.workdps(dps + _GUARD):
        total = mpmath.fsum(
            _mp(p) * _log_ratio(post_b[b][a] / post_t[statistic(b)][a])
            for (a, b), p in j.items()
        )
    with mpmath.workdps(dps):
        return +total


def is_injective(statistic: Callable[[Any], Hashable], xs: Iterable[Any]) -> bool:
    """Whether ``statistic`` is one-to-one on ``xs`` (i.e. the learner's map is invertible).

    >>> is_injective(success_count, [(0, 1), (1, 0)])
    False
    """
    seen: dict[Hashable, Any] = {}
    for x in xs:
        t = statistic(x)
        if t in seen and seen[t] != x:
            return False
        seen[t] = x
    return True


# --------------------------------------------------------------------------------------------
# Prop. 9: Bernoulli mechanisms, sufficient and lossy statistics


def bernoulli_sequences(theta: object, n: object) -> dict[tuple[int, ...], Fraction]:
    """Exact law of n i.i.d. Bernoulli(θ) draws over all 2^n binary sequences.

    >>> bernoulli_sequences("1/4", 2)[(1, 0)]
    Fraction(3, 16)
    """
    th = as_probability(theta, "theta")
    n = as_positive_int(n, "n")
    out = {}
    for x in itertools.product((0, 1), repeat=n):
        k = sum(x)
        out[x] = th**k * (1 - th) ** (n - k)
    return out


def bernoulli_joint(prior: Mapping[Any, object], n: object) -> Joint:
    """Joint of (θ, X) for a prior over Bernoulli parameters θ and X = n i.i.d. draws.

    Keys of ``prior`` may be numbers or strings like "1/4"; they are converted to Fractions.

    >>> len(bernoulli_joint({"1/4": "1/2", "3/4": "1/2"}, 3))
    16
    """
    if not isinstance(prior, Mapping) or not prior:
        raise InputError("prior must be a non-empty mapping {theta: probability}")
    converted: dict[Fraction, object] = {}
    for key, w in prior.items():
        th = as_probability(key, "theta")
        if th in converted:
            raise InputError(f"prior lists theta = {th} twice")
        converted[th] = w
    n = as_positive_int(n, "n")
    return channel_joint(converted, lambda th: bernoulli_sequences(th, n))


def success_count(x: Sequence[int]) -> int:
    """The number of ones: the empirical distribution of the draws, a sufficient statistic."""
    return sum(x)


def fitted_parameter(x: Sequence[int]) -> Fraction:
    """The maximum-likelihood Bernoulli parameter k/n (a fitted distribution Q_θ)."""
    return Fraction(sum(x), len(x))


def first_draw(x: Sequence[int]) -> int:
    """Only the first draw: a lossy statistic."""
    return x[0]


def count_parity(x: Sequence[int]) -> int:
    """The parity of the success count: a lossy statistic."""
    return sum(x) % 2


@dataclass(frozen=True)
class Prop9Report:
    """Exact Prop. 9 quantities for one prior and n (informations in nats at ``dps`` digits)."""

    prior: dict[Fraction, Fraction]
    n: int
    dps: int
    i_data: mpmath.mpf  # I(M; X)
    i_count: mpmath.mpf  # I(M; success count) = I(M; empirical distribution)
    i_fitted: mpmath.mpf  # I(M; fitted parameter k/n)
    i_first: mpmath.mpf  # I(M; first draw)
    i_parity: mpmath.mpf  # I(M; parity of the count)
    loss_count: mpmath.mpf  # I(M;X) − I(M;count) via the chain rule: exactly 0
    loss_first: mpmath.mpf
    loss_parity: mpmath.mpf
    count_is_sufficient: bool
    count_is_injective: bool
    first_is_sufficient: bool
    parity_is_sufficient: bool


def prop9_example(prior: Mapping[Any, object] | None = None, n: object = 4,
                  dps: int = 50) -> Prop9Report:
    """Prop. 9 on Bernoulli mechanisms (default θ ∈ {1/4, 1/2, 3/4}, uniform prior).

    (21) holds for every statistic; (22)'s strictness fails for the success count, which is
    non-invertible yet sufficient (zero loss), while the first draw and the parity lose
    information strictly.

    >>> r = prop9_example(n=4, dps=40)
    >>> r.first_is_sufficient, r.parity_is_sufficient
    (False, False)
    >>> bool(r.loss_first > 0 and r.loss_parity > 0)
    True
    """
    if prior is None:
        prior = {Fraction(1, 4): Fraction(1, 3), Fraction(1, 2): Fraction(1, 3),
                 Fraction(3, 4): Fraction(1, 3)}
    n = as_positive_int(n, "n")
    dps = _check_dps(dps)
    j = bernoulli_joint(prior, n)
    pm, _ = marginals(j)
    xs = sorted({x for (_, x) in j})
    return Prop9Report(
        prior=pm, n=n, dps=dps,
        i_data=mutual_information(j, dps),
        i_count=mutual_information(push_statistic(j, success_count), dps),
        i_fitted=mutual_information(push_statistic(j, fitted_parameter), dps),
        i_first=mutual_information(push_statistic(j, first_draw), dps),
        i_parity=mutual_information(push_statistic(j, count_parity), dps),
        loss_count=information_loss(j, success_count, dps),
        loss_first=information_loss(j, first_draw, dps),
        loss_parity=information_loss(j, count_parity, dps),
        count_is_sufficient=is_sufficient(j, success_count),
        count_is_injective=is_injective(success_count, xs),
        first_is_sufficient=is_sufficient(j, first_draw),
        parity_is_sufficient=is_sufficient(j, count_parity),
    )


# --------------------------------------------------------------------------------------------
# Prop. 10: binary stochastic programs and a program learner


@dataclass(frozen=True)
class BinaryProgram:
    """A stochastic program emitting a binary sequence: a first-order Markov chain.

    ``start`` = P(x_1 = 1), ``p01`` = P(1 | previous 0), ``p11`` = P(1 | previous 1);
    ``length`` is its description length in bits (its prior weight is 2^−length).
    An i.i.d. coin has start = p01 = p11 = θ; the deterministic alternation 0101... is
    start = 0, p01 = 1, p11 = 0.

    >>> alt = markov("alternate", 3, 0, 1, 0)
    >>> alt.probability((0, 1, 0)), alt.probability((0, 0, 1))
    (Fraction(1, 1), Fraction(0, 1))
    """

    name: str
    length: int
    start: Fraction
    p01: Fraction
    p11: Fraction

    def probability(self, x: Sequence[int]) -> Fraction:
        """Exact P(x | program)."""
        if not x:
            return Fraction(1)
        p = self.start if x[0] else 1 - self.start
        for prev, cur in itertools.pairwise(x):
            q = self.p11 if prev else self.p01
            p *= q if cur else 1 - q
            if not p:
                break
        return p

    def law(self, n: int) -> dict[tuple[int, ...], Fraction]:
        """Exact law of the first n symbols (all 2^n sequences, zeros dropped)."""
        n = as_positive_int(n, "n")
        out = {}
        for x in itertools.product((0, 1), repeat=n):
            p = self.probability(x)
            if p:
                out[x] = p
        return out

    @property
    def is_iid(self) -> bool:
        """Whether the program is an i.i.d. coin."""
        return self.start == self.p01 == self.p11


def markov(name: str, length: object, start: object, p01: object, p11: object) -> BinaryProgram:
    """A Markov-chain program with exact parameters (strings like "1/4" accepted)."""
    return BinaryProgram(
        str(name), as_positive_int(length, "length", minimum=0),
        as_probability(start, "start"), as_probability(p01, "p01"), as_probability(p11, "p11"),
    )


def coin(theta: object, length: object, name: str | None = None) -> BinaryProgram:
    """An i.i.d. Bernoulli(θ) program of the given description length.

    >>> coin("1/4", 4).name
    'coin(1/4)'
    """
    th = as_probability(theta, "theta")
    return markov(name or f"coin({th})", length, th, th, th)


def _elias_gamma_length(m: int) -> int:
    return 2 * (m.bit_length() - 1) + 1


def dyadic_coins(max_depth: object = 3) -> tuple[BinaryProgram, ...]:
    """All coins θ = j/2^d (j odd, 1 ≤ d ≤ max_depth) with a stated prefix-free encoding.

    Encoding: the Elias-gamma code of d followed by (j − 1)/2 written in d − 1 bits (j is odd),
    so length(θ) = γ(d) + d − 1 with γ(d) = 2⌊log₂ d⌋ + 1; the code is prefix-free and the
    Kraft sum Σ 2^−length is below 1. Sorted by θ.

    >>> [(str(p.start), p.length) for p in dyadic_coins(2)]
    [('1/4', 4), ('1/2', 1), ('3/4', 4)]
    """
    depth = as_positive_int(max_depth, "max_depth")
    progs = []
    for d in range(1, depth + 1):
        for j in range(1, 2**d, 2):
            progs.append(coin(Fraction(j, 2**d), _elias_gamma_length(d) + d - 1))
    return tuple(sorted(progs, key=lambda p: p.start))


def _check_lambda(lam: object) -> Fraction:
    value = as_fraction(lam, "lambda")
    if value < 0:
        raise InputError(f"lambda must be >= 0, got {value}")
    return value


def _better(pa: Fraction, la: int, pb: Fraction, lb: int, lam: Fraction) -> int:
    """Exact sign of score(a) − score(b), score = P(x | p)·2^(−λ·len(p)); +1 if a is better."""
    if pa == 0 or pb == 0:
        return (pa > 0) - (pb > 0)
    # compare pa/pb with 2^(λ(la − lb)) = 2^(u/v): raise both sides to the power v
    e = lam * (la - lb)
    lhs = (pa / pb) ** e.denominator
    rhs = Fraction(2) ** e.numerator
    return (lhs > rhs) - (lhs < rhs)


def map_program(candidates: Sequence[BinaryProgram], x: Sequence[int],
                lam: object = 1) -> int:
    """Index of the MDL choice argmin_p [−log₂ P(x | p) + λ·len(p)] (λ = 1: the MAP program
    under the prior 2^−len). Exact comparisons; ties go to the shorter program, then the
    earlier one in ``candidates``.

    >>> progs = dyadic_coins(2)
    >>> progs[map_program(progs, (1, 1, 1, 1, 1, 0))].name  # 3 bits shorter wins
    'coin(1/2)'
    >>> progs[map_program(progs, (1, 1, 1, 1, 1, 1, 1, 1, 1, 0))].name
    'coin(3/4)'
    """
    if not candidates:
        raise InputError("candidates must not be empty")
    lamf = _check_lambda(lam)
    best = 0
    pbest = candidates[0].probability(x)
    for i in range(1, len(candidates)):
        pi = candidates[i].probability(x)
        s = _better(pi, candidates[i].length, pbest, candidates[best].length, lamf)
        if s > 0 or (s == 0 and candidates[i].length < candidates[best].length):
            best, pbest = i, pi
    if pbest == 0:
        raise InputError("no candidate program can produce the data")
    return best


def posterior_sampling_kernel(
    candidates: Sequence[BinaryProgram], lam: object = 1
) -> Callable[[Sequence[int]], dict[str, Fraction]]:
    """A randomised learner: output program p with probability ∝ 2^(−λ·len p)·P(x | p).

    λ must make 2^(−λ·len) rational for every length (an integer λ).

    >>> k = posterior_sampling_kernel(dyadic_coins(1))
    >>> k((0, 1))
    {'coin(1/2)': Fraction(1, 1)}
    """
    lamf = _check_lambda(lam)
    if lamf.denominator != 1:
        raise InputError(f"posterior sampling needs an integer lambda, got {lamf}")

    def kernel(x: Sequence[int]) -> dict[str, Fraction]:
        w = {p.name: Fraction(1, 2 ** (int(lamf) * p.length)) * p.probability(x)
             for p in candidates}
        z = sum(w.values(), Fraction(0))
        if not z:
            raise InputError("no candidate program can produce the data")
        return {k: v / z for k, v in w.items() if v}

    return kernel


def program_joint(prior: Mapping[BinaryProgram, object], n: object) -> Joint:
    """Joint of (mechanism name, X) for a prior over programs and X = first n symbols."""
    n = as_positive_int(n, "n")
    if not isinstance(prior, Mapping) or not prior:
        raise InputError("prior must be a non-empty mapping {program: probability}")
    names = [p.name for p in prior]
    if len(set(names)) != len(names):
        raise InputError("mechanism names must be distinct")
    by_name = {p.name: w for p, w in prior.items()}
    laws = {p.name: p.law(n) for p in prior}
    return channel_joint(by_name, laws)


@dataclass(frozen=True)
class Prop10Report:
    """I(M; X) against a program learner's and a statistical learner's I(M; ·) (nats)."""

    n: int
    i_data: mpmath.mpf  # I(M; X)
    i_program: mpmath.mpf  # I(M; G(X, U)) for the MAP/MDL program learner
    i_sampling: mpmath.mpf  # I(M; ·) for the posterior-sampling (randomised) program learner
    i_statistic: mpmath.mpf  # I(M; T(X)) for the given statistical learner
    program_loss: mpmath.mpf  # I(M;X) − I(M;G) by the chain rule (≥ 0)


def prop10_example(
    prior: Mapping[BinaryProgram, object],
    candidates: Sequence[BinaryProgram],
    n: object,
    statistic: Callable[[Any], Hashable] = success_count,
    lam: object = 1,
    dps: int = 50,
) -> Prop10Report:
    """Exact informations for a program learner using the fixed prior 2^−len over ``candidates``.

    >>> progs = dyadic_coins(2)
    >>> r = prop10_example({p: "1/3" for p in progs}, progs, 4, dps=30)
    >>> bool(r.i_program <= r.i_data and r.i_sampling <= r.i_data)
    True
    """
    n = as_positive_int(n, "n")
    dps = _check_dps(dps)
    j = program_joint(prior, n)

    def learner(x: Sequence[int]) -> str:
        return candidates[map_program(candidates, x, lam)].name

    return Prop10Report(
        n=n,
        i_data=mutual_information(j, dps),
        i_program=mutual_information(push_statistic(j, learner), dps),
        i_sampling=mutual_information(push_kernel(j, posterior_sampling_kernel(candidates)), dps),
        i_statistic=mutual_information(push_statistic(j, statistic), dps),
        program_loss=information_loss(j, learner, dps),
    )


def structure_example(n: object = 8, dps: int = 50) -> Prop10Report:
    """Repaired reading (a): mechanisms that differ in structure, not in symbol frequency.

    Three Markov programs, all with symbol frequency 1/2 at every position: a fair coin, a
    "sticky" chain that switches with probability 1/4 and a "switchy" chain that switches with
    probability 3/4, each named by a 2-bit index (one code unused), uniform prior. The
    statistical learner keeps only the frequency of ones (the count, i.e. the fitted i.i.d.
    model); the program learner is MAP over the three. From n = 4 on the program learner keeps
    strictly more information about M (at n = 2 the count is sufficient and both are equal).

    >>> r = structure_example(6, dps=30)
    >>> bool(r.i_statistic < r.i_program < r.i_data)
    True
    """
    progs = structure_programs()
    return prop10_example({p: Fraction(1, 3) for p in progs}, progs, n, success_count, 1, dps)


def structure_programs() -> tuple[BinaryProgram, ...]:
    """The three equal-frequency Markov programs of :func:`structure_example` (2 bits each)."""
    half, q, tq = Fraction(1, 2), Fraction(1, 4), Fraction(3, 4)
    return (
        markov("fair", 2, half, half, half),
        markov("sticky", 2, half, q, tq),
        markov("switchy", 2, half, tq, q),
    )


# --------------------------------------------------------------------------------------------
# §5.5.2: the symbolic anchor (MDL over coins, refit on its own samples)


def _check_coins(programs: Sequence[BinaryProgram]) -> tuple[BinaryProgram, ...]:
    progs = tuple(programs)
    if not progs:
        raise InputError("the program class must not be empty")
    for p in progs:
        if not isinstance(p, BinaryProgram) or not p.is_iid:
            raise InputError(f"the anchor analysis needs i.i.d. coin programs, got {p!r}")
    if len({p.start for p in progs}) != len(progs):
        raise InputError("the program class lists the same coin twice")
    return progs


def _check_index(i: object, progs: Sequence[BinaryProgram], name: str) -> int:
    idx = as_positive_int(i, name, minimum=0)
    if idx >= len(progs):
        raise InputError(f"{name} must be < {len(progs)}, got {idx}")
    return idx


def _coin_numerators(theta: Fraction, n: int) -> tuple[list[int], int]:
    """Integers num[k] = a^k (b − a)^(n − k) and den = b^n for θ = a/b: P(a given sequence
    with k ones) = num[k] / den. Integer arithmetic avoids Fraction normalisation costs."""
    a, b = theta.numerator, theta.denominator
    up = [1] * (n + 1)
    down = [1] * (n + 1)
    for k in range(1, n + 1):
        up[k] = up[k - 1] * a
        down[k] = down[k - 1] * (b - a)
    return [up[k] * down[n - k] for k in range(n + 1)], b**n


def _binomials(n: int) -> list[int]:
    """[C(n, 0), ..., C(n, n)], each from the one before (exact integers)."""
    out = [1] * (n + 1)
    for k in range(n):
        out[k + 1] = out[k] * (n - k) // (k + 1)
    return out


def _better_int(na: int, da: int, nb: int, db: int, e: tuple[int, int]) -> int:
    """Exact sign of score(a) − score(b) for P = num/den and score = P·2^(−λ·len), given
    e = (u, v) with u/v = λ·(len_a − len_b)."""
    if na == 0 or nb == 0:
        return (na > 0) - (nb > 0)
    u, v = e  # a beats b iff P_a/P_b > 2^(u/v): compare v-th powers
    lhs = (na * db) ** v
    rhs = (nb * da) ** v
    if u >= 0:
        rhs <<= u
    else:
        lhs <<= -u
    return (lhs > rhs) - (lhs < rhs)


def _decision_table(progs: tuple[BinaryProgram, ...], n: int, lam: Fraction
                    ) -> tuple[tuple[int, ...], list[tuple[list[int], int]]]:
    likes = [_coin_numerators(p.start, n) for p in progs]
    lengths = {p.length for p in progs}
    exponents = {  # length difference -> λ·difference as (u, v)
        diff: ((lam * diff).numerator, (lam * diff).denominator)
        for diff in {la - lb for la in lengths for lb in lengths}}
    table = []
    for k in range(n + 1):
        best = 0
        for i in range(1, len(progs)):
            s = _better_int(likes[i][0][k], likes[i][1], likes[best][0][k], likes[best][1],
                            exponents[progs[i].length - progs[best].length])
            if s > 0 or (s == 0 and progs[i].length < progs[best].length):
                best = i
        table.append(best)
    return tuple(table), likes


def mdl_decision_table(programs: Sequence[BinaryProgram], n: object,
                       lam: object = 1) -> tuple[int, ...]:
    """For each success count k = 0..n, the index of the MDL choice among i.i.d. coins.

    The count is sufficient for a coin, so the choice depends on the data only through k.
    Ties go to the shorter program, then the earlier one.

    >>> mdl_decision_table(dyadic_coins(2), 8)
    (0, 0, 1, 1, 1, 1, 1, 2, 2)
    """
    progs = _check_coins(programs)
    return _decision_table(progs, as_positive_int(n, "n"), _check_lambda(lam))[0]


def transition_matrix(programs: Sequence[BinaryProgram], n: object,
                      lam: object = 1) -> list[list[Fraction]]:
    """Exact K[i][j] = P(MDL picks program j | n samples drawn from program i).

    >>> transition_matrix(dyadic_coins(1), 3)
    [[Fraction(1, 1)]]
    >>> [str(v) for v in transition_matrix(dyadic_coins(2), 2)[0]]
    ['0', '1', '0']
    """
    progs = _check_coins(programs)
    n = as_positive_int(n, "n")
    table, likes = _decision_table(progs, n, _check_lambda(lam))
    binom = _binomials(n)
    out = []
    for nums, den in likes:
        row = [0] * len(progs)
        for k in range(n + 1):
            row[table[k]] += binom[k] * nums[k]
        out.append([Fraction(v, den) for v in row])
    return out


def misidentification_probability(programs: Sequence[BinaryProgram], true_index: object,
                                  n: object, lam: object = 1) -> Fraction:
    """Exact ε_N = P(MDL picks a program other than the true one | N samples of the truth).

    >>> misidentification_probability(dyadic_coins(2), 0, 8)
    Fraction(41479, 65536)
    """
    progs = _check_coins(programs)
    i = _check_index(true_index, progs, "true_index")
    n = as_positive_int(n, "n")
    table, likes = _decision_table(progs, n, _check_lambda(lam))
    nums, den = likes[i]
    binom = _binomials(n)
    wrong = sum(binom[k] * nums[k] for k in range(n + 1) if table[k] != i)
    return Fraction(wrong, den)


def keep_probability(epsilon: object, generations: object) -> Fraction:
    """(1 − ε)^T: the exact probability that the retrained program learner never leaves the
    true program in T generations (each generation misidentifies with probability ε).

    >>> keep_probability("1/10", 2)
    Fraction(81, 100)
    """
    eps = as_probability(epsilon, "epsilon")
    t = as_positive_int(generations, "generations", minimum=0)
    return (1 - eps) ** t


def _kl_bern(c: mpmath.mpf, th: mpmath.mpf) -> mpmath.mpf:
    terms = mpmath.mpf(0)
    if c > 0:
        terms += c * mpmath.log(c / th)
    if c < 1:
        terms += (1 - c) * mpmath.log((1 - c) / (1 - th))
    return terms


def chernoff_information(theta0: object, theta1: object, dps: int = 50) -> mpmath.mpf:
    """Chernoff information between Bernoulli(θ0) and Bernoulli(θ1) (nats).

    It equals KL(c*‖θ0) = KL(c*‖θ1) at the frequency c* where the two likelihoods are equal,
    which is the exponent of the probability that n draws of θ0 look likelier under θ1.

    >>> mpmath.nstr(chernoff_information("1/4", "3/4", dps=30), 20)  # c* = 1/2: ½ln(4/3)
    '0.14384103622589046372'
    """
    dps = _check_dps(dps)
    a = as_probability(theta0, "theta0")
    b = as_probability(theta1, "theta1")
    if not 0 < a < 1:
        raise InputError(f"theta0 must lie strictly inside (0, 1), got {a}")
    if a == b:
        raise InputError("theta0 and theta1 must differ")
    with mpmath.workdps(dps + _GUARD):
        ma, mb = _mp(a), _mp(b)
        if b == 0:
            c = mpmath.mpf(0)
        elif b == 1:
            c = mpmath.mpf(1)
        else:
            u = mpmath.log((1 - ma) / (1 - mb))
            c = u / (mpmath.log(mb / ma) + u)
        value = _kl_bern(c, ma)
    with mpmath.workdps(dps):
        return +value


def misidentification_exponent(programs: Sequence[BinaryProgram], true_index: object,
                               dps: int = 50) -> mpmath.mpf:
    """lim −(1/N) ln ε_N = min over competitors of the Chernoff information (λ fixed).

    >>> mpmath.nstr(misidentification_exponent(dyadic_coins(2), 0, dps=30), 20)
    '0.034688185232017459384'
    """
    progs = _check_coins(programs)
    i = _check_index(true_index, progs, "true_index")
    if len(progs) == 1:
        return mpmath.inf
    return min(chernoff_information(progs[i].start, p.start, dps)
               for j, p in enumerate(progs) if j != i)


def local_rate(n1: int, eps1: Fraction, n2: int, eps2: Fraction, dps: int = 30,
               prefactor: bool = True) -> mpmath.mpf:
    """Empirical exponent between two sample sizes: −(ln ε₂ − ln ε₁)/(N₂ − N₁).

    With ``prefactor`` the √N factor of the Gaussian-tail prefactor is removed first
    (ε_N ≈ c·N^(−1/2)·e^(−N·rate)), which makes the estimate converge much faster.
    """
    if n2 == n1 or not eps1 or not eps2:
        raise InputError("local_rate needs two distinct sample sizes and positive ε")
    with mpmath.workdps(dps + _GUARD):
        l1 = _log_ratio(Fraction(eps1))
        l2 = _log_ratio(Fraction(eps2))
        if prefactor:
            l1 += mpmath.log(n1) / 2
            l2 += mpmath.log(n2) / 2
        value = -(l2 - l1) / (n2 - n1)
    with mpmath.workdps(dps):
        return +value


def fitted_rate(ns: Sequence[int], epsilons: Sequence[Fraction], prefactor: bool = True) -> float:
    """Least-squares slope of −ln ε_N (plus ½ln N with ``prefactor``) against N.

    Fitting over many N averages out the lattice oscillations of the exact ε_N (the count is
    an integer, so the decision boundary jumps as N grows).

    >>> progs = dyadic_coins(2)
    >>> ns = list(range(800, 1601, 200))
    >>> rate = fitted_rate(ns, [misidentification_probability(progs, 0, n) for n in ns])
    >>> abs(rate - 0.0347) < 0.001  # the Chernoff exponent is 0.03469
    True
    """
    if len(ns) != len(epsilons) or len(ns) < 2 or len(set(ns)) < 2:
        raise InputError("fitted_rate needs at least two distinct sample sizes, one ε each")
    ys = []
    for n, e in zip(ns, epsilons, strict=True):
        ef = as_probability(e, "epsilon")
        if not ef:
            raise InputError("fitted_rate needs positive ε values")
        with mpmath.workdps(30):
            y = -_log_ratio(ef) - (mpmath.log(n) / 2 if prefactor else 0)
        ys.append(float(y))
    mx = sum(ns) / len(ns)
    my = sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in ns)
    return sum((x - mx) * (y - my) for x, y in zip(ns, ys, strict=True)) / sxx


def wright_fisher_variance(theta: object, n: object, t: object) -> Fraction:
    """Exact E[(μ_t − θ)²] of the α = 0 sample-mean (empirical-frequency) loop on N draws of a
    coin started at μ_0 = θ: θ(1−θ)(1 − (1 − 1/N)^t), ≈ t·θ(1−θ)/N for t ≪ N.

    >>> wright_fisher_variance("1/2", 10, 1)
    Fraction(1, 40)
    """
    th = as_probability(theta, "theta")
    n = as_positive_int(n, "n")
    t = as_positive_int(t, "t", minimum=0)
    return th * (1 - th) * (1 - (1 - Fraction(1, n)) ** t)


def random_walk_variance(sigma2: object, n: object, t: object) -> Fraction:
    """t·σ²/N: the variance of the α = 0 sample-mean loop with per-step noise σ²/N (a random
    walk, e.g. the unbiased Gaussian refit).

    >>> random_walk_variance(1, 100, 50)
    Fraction(1, 2)
    """
    s2 = as_fraction(sigma2, "sigma2")
    if s2 < 0:
        raise InputError(f"sigma2 must be >= 0, got {s2}")
    return as_positive_int(t, "t", minimum=0) * s2 / as_positive_int(n, "n")


# --------------------------------------------------------------------------------------------
# eq. 20: f-divergences on finite distributions


def _pair(p: Sequence[object], q: Sequence[object]) -> tuple[tuple[Fraction, ...],
                                                             tuple[Fraction, ...]]:
    pp = as_probability_vector(p, "p")
    qq = as_probability_vector(q, "q")
    if len(pp) != len(qq):
        raise InputError(f"p and q must have the same length, got {len(pp)} and {len(qq)}")
    return pp, qq


def tv(p: Sequence[object], q: Sequence[object]) -> Fraction:
    """Total variation ½Σ|p − q| (exact).

    >>> tv(["0.5", "0.5"], ["0.5", "0.5"])
    Fraction(0, 1)
    """
    pp, qq = _pair(p, q)
    return sum((abs(a - b) for a, b in zip(pp, qq, strict=True)), Fraction(0)) / 2


def chi2(p: Sequence[object], q: Sequence[object]) -> Fraction | float:
    """Pearson χ²(P‖Q) = Σ (p − q)²/q (exact); ``math.inf`` when P is not ≪ Q.

    >>> chi2(["1/2", "1/2"], ["1/4", "3/4"])
    Fraction(1, 3)
    """
    pp, qq = _pair(p, q)
    total = Fraction(0)
    for a, b in zip(pp, qq, strict=True):
        if b == 0:
            if a > 0:
                return math.inf
            continue
        total += (a - b) ** 2 / b
    return total


def squared_hellinger(p: Sequence[object], q: Sequence[object], dps: int = 50) -> mpmath.mpf:
    """H²(P, Q) = ½Σ(√p − √q)² = 1 − Σ√(pq), at ``dps`` digits (the cancellation-free form).

    >>> squared_hellinger(["1", "0"], ["0", "1"], dps=20)
    mpf('1.0')
    """
    dps = _check_dps(dps)
    pp, qq = _pair(p, q)
    with mpmath.workdps(dps + _GUARD):
        value = mpmath.fsum((mpmath.sqrt(_mp(a)) - mpmath.sqrt(_mp(b))) ** 2
                            for a, b in zip(pp, qq, strict=True)) / 2
    with mpmath.workdps(dps):
        return +value


def kl(p: Sequence[object], q: Sequence[object], dps: int = 50) -> mpmath.mpf:
    """KL(P‖Q) = Σ p ln(p/q) in nats at ``dps`` digits; ``mpmath.inf`` when P is not ≪ Q.

    >>> kl(["1/2", "1/2"], ["1/2", "1/2"])
    mpf('0.0')
    """
    dps = _check_dps(dps)
    pp, qq = _pair(p, q)
    if any(a > 0 and b == 0 for a, b in zip(pp, qq, strict=True)):
        return mpmath.inf
    with mpmath.workdps(dps + _GUARD):
        value = mpmath.fsum(_mp(a) * _log_ratio(a / b)
                            for a, b in zip(pp, qq, strict=True) if a)
    with mpmath.workdps(dps):
        return +value


def js(p: Sequence[object], q: Sequence[object], dps: int = 50) -> mpmath.mpf:
    """Jensen–Shannon divergence ½KL(P‖M) + ½KL(Q‖M), M = (P + Q)/2; always ≤ ln 2.

    >>> with mpmath.workdps(30):  # disjoint supports reach the bound
    ...     print(mpmath.nstr(js(["1", "0"], ["0", "1"], dps=30) - mpmath.log(2), 5))
    0.0
    """
    dps = _check_dps(dps)
    pp, qq = _pair(p, q)
    m = tuple((a + b) / 2 for a, b in zip(pp, qq, strict=True))
    with mpmath.workdps(dps + _GUARD):
        value = (kl(pp, m, dps + _GUARD) + kl(qq, m, dps + _GUARD)) / 2
    with mpmath.workdps(dps):
        return +value


_DIVERGENCES: dict[str, Callable[..., Any]] = {
    "tv": tv,
    "chi2": chi2,
    "hellinger": squared_hellinger,
    "squared_hellinger": squared_hellinger,
    "kl": kl,
}


def mixing_ratio(f: str | Callable[[Sequence[Fraction], Sequence[Fraction]], Any],
                 p: Sequence[object], s: Sequence[object], alpha: object,
                 dps: int = 50) -> Fraction | mpmath.mpf:
    """D_f(P ‖ αP + (1−α)S) / ((1−α) D_f(P ‖ S)) for eq. 20.

    ``f`` is "tv", "chi2", "hellinger" (squared Hellinger) or "kl", or any callable
    ``(p, q) -> divergence``. Exact Fractions for tv and chi2, mpf at ``dps`` otherwise.
    Joint convexity gives a ratio ≤ 1 for every f-divergence; for TV it is exactly 1.

    >>> mixing_ratio("tv", ["1/2", "1/2"], ["1/4", "3/4"], "1/3")
    Fraction(1, 1)
    >>> mixing_ratio("chi2", ["9/10", "1/10"], ["1/2", "1/2"], "1/2")
    Fraction(25, 42)
    """
    pp, ss = _pair(p, s)
    a = as_alpha(alpha)
    if a == 1:
        raise InputError("alpha must be < 1: at alpha = 1 the ratio is 0/0")
    if pp == ss:
        raise InputError("P and S must differ: D_f(P‖S) = 0 makes the ratio 0/0")
    if isinstance(f, str):
        if f not in _DIVERGENCES:
            raise InputError(f"unknown divergence {f!r} (tv chi2 hellinger kl)")
        div = _DIVERGENCES[f]
    elif callable(f):
        div = f
    else:
        raise InputError(f"f must be a divergence name or a callable, got {f!r}")
    mix = tuple(a * x + (1 - a) * y for x, y in zip(pp, ss, strict=True))
    exact = div in (tv, chi2)
    kwargs = {} if exact or not isinstance(f, str) else {"dps": dps + _GUARD}
    num = div(pp, mix, **kwargs)
    den = div(pp, ss, **kwargs)
    if den in (math.inf, mpmath.inf):
        raise InputError("D_f(P‖S) is infinite (S misses part of P's support): no finite ratio")
    if isinstance(num, Fraction) and isinstance(den, Fraction):
        return num / ((1 - a) * den)
    with mpmath.workdps(dps + _GUARD):
        value = mpmath.mpf(num) / (_mp(1 - a) * mpmath.mpf(den))
    with mpmath.workdps(dps):
        return +value


def chi2_mixing_ratio_closed_form(p: Sequence[object], s: Sequence[object],
                                  alpha: object) -> Fraction:
    """The χ² ratio in closed form: since P − M = (1−α)(P − S) for M = αP + (1−α)S,

    χ²(P‖M) / ((1−α) χ²(P‖S)) = (1−α) Σ (p−s)²/(αp + (1−α)s) / Σ (p−s)²/s.

    It is ≤ 1 (convexity) but in general *not* ≤ 1 − α: the example below gives 25/42 > 1/2.

    >>> chi2_mixing_ratio_closed_form(["9/10", "1/10"], ["1/2", "1/2"], "1/2")
    Fraction(25, 42)
    """
    pp, ss = _pair(p, s)
    a = as_alpha(alpha)
    if a == 1 or pp == ss:
        raise InputError("the ratio needs alpha < 1 and P ≠ S")
    if any(y == 0 and x > 0 for x, y in zip(pp, ss, strict=True)):
        raise InputError("χ²(P‖S) is infinite (S misses part of P's support)")
    num = sum(((x - y) ** 2 / (a * x + (1 - a) * y)
               for x, y in zip(pp, ss, strict=True) if x != y), Fraction(0))
    den = sum(((x - y) ** 2 / y for x, y in zip(pp, ss, strict=True) if x != y), Fraction(0))
    return (1 - a) * num / den


# --------------------------------------------------------------------------------------------
# §5.1: "KL covers all losses"


def cross_entropy(p: Sequence[object], q: Sequence[object], dps: int = 50) -> mpmath.mpf:
    """−Σ p ln q in nats at ``dps`` digits (``mpmath.inf`` when P is not ≪ Q)."""
    dps = _check_dps(dps)
    pp, qq = _pair(p, q)
    if any(a > 0 and b == 0 for a, b in zip(pp, qq, strict=True)):
        return mpmath.inf
    with mpmath.workdps(dps + _GUARD):
        value = -mpmath.fsum(_mp(a) * _log_ratio(b) for a, b in zip(pp, qq, strict=True) if a)
    with mpmath.workdps(dps):
        return +value


def cross_entropy_gap(p: Sequence[object], q: Sequence[object], dps: int = 50,
                      kl_sign: int = 1) -> mpmath.mpf:
    """CE(P, Q) − H(P) − kl_sign·KL(P‖Q), evaluated at ``dps`` digits.

    With kl_sign = +1 (the true decomposition) the result is 0 to within 10^(−dps); the
    flipped sign is a wrong variant that a check must reject whenever P ≠ Q.

    >>> abs(cross_entropy_gap(["1/3", "2/3"], ["1/2", "1/2"], dps=40)) < mpmath.mpf(10) ** -38
    True
    """
    dps = _check_dps(dps)
    if kl_sign not in (1, -1):
        raise InputError(f"kl_sign must be +1 or -1, got {kl_sign}")
    with mpmath.workdps(dps + _GUARD):
        value = (cross_entropy(p, q, dps + _GUARD) - entropy(p, dps + _GUARD)
                 - kl_sign * kl(p, q, dps + _GUARD))
    with mpmath.workdps(dps):
        return +value


def gaussian_nll(x: object, mu: object, sigma2: object, dps: int = 50) -> mpmath.mpf:
    """−ln of the N(μ, σ²) density at x, evaluated from the density itself at ``dps`` digits.

    >>> with mpmath.workdps(30):
    ...     print(gaussian_nll(0, 0, 1, dps=30) - mpmath.log(2 * mpmath.pi) / 2)
    0.0
    """
    dps = _check_dps(dps)
    xf, mf, s2 = as_fraction(x, "x"), as_fraction(mu, "mu"), as_fraction(sigma2, "sigma2")
    if s2 <= 0:
        raise InputError(f"sigma2 must be > 0, got {s2}")
    with mpmath.workdps(dps + _GUARD):
        s = _mp(s2)
        density = mpmath.exp(-_mp((xf - mf) ** 2) / (2 * s)) / mpmath.sqrt(2 * mpmath.pi * s)
        value = -mpmath.log(density)
    with mpmath.workdps(dps):
        return +value


def gaussian_nll_decomposition(xs: Sequence[object], mu: object, sigma2: object,
                               dps: int = 50) -> tuple[mpmath.mpf, Fraction, mpmath.mpf]:
    """(mean NLL, MSE/(2σ²) exactly, ½ln(2πσ²)): the first equals the sum of the other two.

    >>> nll, quad, const = gaussian_nll_decomposition([1, 2, 3], 2, 1, dps=30)
    >>> quad
    Fraction(1, 3)
    >>> with mpmath.workdps(30):
    ...     print(abs(nll - quad - const) < mpmath.mpf(10) ** -28)
    True
    """
    dps = _check_dps(dps)
    if isinstance(xs, (str, bytes)) or not list(xs):
        raise InputError("xs must be a non-empty sequence of numbers")
    values = [as_fraction(v, "x") for v in xs]
    mf, s2 = as_fraction(mu, "mu"), as_fraction(sigma2, "sigma2")
    if s2 <= 0:
        raise InputError(f"sigma2 must be > 0, got {s2}")
    mse = sum(((v - mf) ** 2 for v in values), Fraction(0)) / len(values)
    quad = mse / (2 * s2)
    with mpmath.workdps(dps + _GUARD):
        mean = mpmath.fsum(gaussian_nll(v, mf, s2, dps + _GUARD) for v in values) / len(values)
        const = mpmath.log(2 * mpmath.pi * _mp(s2)) / 2
    with mpmath.workdps(dps):
        return +mean, quad, +const


def gaussian_nll_identity_residual(scale: object = 2) -> Any:
    """sympy: −ln N(x; μ, σ²) − [(x−μ)²/(scale·σ²) + ½ln(2πσ²)], simplified.

    Zero for scale = 2 (the identity holds symbolically for all real x, μ and σ > 0); any other
    scale leaves a non-zero residual (a wrong variant).

    >>> gaussian_nll_identity_residual(2)
    0
    >>> gaussian_nll_identity_residual(1) == 0
    False
    """
    import sympy

    c = sympy.Rational(str(as_fraction(scale, "scale")))
    if c <= 0:
        raise InputError(f"scale must be > 0, got {c}")
    x, mu = sympy.symbols("x mu", real=True)
    sigma = sympy.symbols("sigma", positive=True)
    density = sympy.exp(-(x - mu) ** 2 / (2 * sigma**2)) / sympy.sqrt(2 * sympy.pi * sigma**2)
    residual = -sympy.log(density) - ((x - mu) ** 2 / (c * sigma**2)
                                      + sympy.log(2 * sympy.pi * sigma**2) / 2)
    return sympy.simplify(sympy.expand_log(residual))


def js_kl_table(epsilons: Iterable[object], dps: int = 50) -> list[tuple[Fraction, mpmath.mpf,
                                                                         mpmath.mpf]]:
    """(ε, KL(P‖Q_ε), JS(P, Q_ε)) for P = (1/2, 1/2), Q_ε = (ε, 1 − ε).

    KL(P‖Q_ε) = −½ln(4ε(1−ε)) → ∞ as ε → 0 (∞ at ε = 0), while JS stays below ln 2.

    >>> [(e, k) for e, k, _ in js_kl_table(["1/2", 0], dps=20)]
    [(Fraction(1, 2), mpf('0.0')), (Fraction(0, 1), mpf('+inf'))]
    """
    half = (Fraction(1, 2), Fraction(1, 2))
    rows = []
    for e in epsilons:
        eps = as_probability(e, "epsilon")
        q = (eps, 1 - eps)
        rows.append((eps, kl(half, q, dps), js(half, q, dps)))
    if not rows:
        raise InputError("epsilons must not be empty")
    return rows
