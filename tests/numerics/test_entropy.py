"""Exact entropy and Gini numbers of the α = 0 loop (thm-2) and the DPI examples (cor-3).

Every identity is checked together with a wrong variant that the same comparison must reject.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F

import flint
import mpmath
import pytest

from numerics.entropy import (
    absorption_time,
    accumulate_gini_limit,
    compositions,
    entropy_loss,
    entropy_loss_ball,
    entropy_step_outcomes,
    entropy_trajectory,
    expected_gini,
    expected_gini_after,
    expected_gini_mixed,
    expected_plugin_entropy,
    expected_plugin_entropy_ball,
    fixation_probability,
    gini,
    gini_trajectory,
    grounded_rise_example,
    miller_madow_first,
    miller_madow_second,
    miller_madow_third,
    mutual_information_trajectory,
    prob_entropy_rises,
    shannon_entropy,
    stagnation_example,
    wright_fisher_distributions,
    wright_fisher_matrix,
)
from numerics.errors import InputError
from numerics.validate import as_alpha

pytestmark = [pytest.mark.exact]

DISTRIBUTIONS = [
    ("1/2", "1/2"),
    ("0.9", "0.1"),
    ("1/2", "1/3", "1/6"),
    ("0.1", "0.2", "0.3", "0.4"),
    ("1/7",) * 7,
    ("0.05", "0.05", "0.2", "0.7", "0"),
]


def mp(x: F) -> mpmath.mpf:
    return mpmath.mpf(x.numerator) / x.denominator


def rel(a: mpmath.mpf, b: mpmath.mpf) -> mpmath.mpf:
    with mpmath.workdps(80):
        return abs(a - b) / abs(b)


def brute_plugin_entropy(q: tuple[str, ...], n: int, dps: int = 60) -> mpmath.mpf:
    """E[H(Q̂)] by enumerating every count vector with its multinomial probability."""
    qv = [F(x) for x in q]
    with mpmath.workdps(dps):
        total = mpmath.mpf(0)
        for c in compositions(n, len(qv)):
            p = F(math.factorial(n))
            for ci, qi in zip(c, qv, strict=True):
                p *= qi**ci / math.factorial(ci)
            if p:
                h = mpmath.fsum(-mpmath.mpf(ci) / n * mpmath.log(mpmath.mpf(ci) / n)
                                for ci in c if ci)
                total += mp(p) * h
        return total


# ------------------------------------------------------------------------------ Gini


@pytest.mark.parametrize("q", DISTRIBUTIONS)
@pytest.mark.parametrize("n", [1, 2, 3, 7, 20])
def test_gini_identity_exact(q: tuple[str, ...], n: int) -> None:
    got = expected_gini(q, n)
    assert got == (1 - F(1, n)) * gini(q)
    if gini(q) != 0 and n > 1:
        # wrong factors are rejected by the same exact comparison
        assert got != (1 - F(1, n + 1)) * gini(q)
        assert got != gini(q)
        assert got != (1 - F(1, n)) ** 2 * gini(q)


def test_gini_mixed_exact_and_mean_field_rejected() -> None:
    p, q, n = ("0.7", "0.2", "0.1"), ("0.1", "0.3", "0.6"), 5
    for alpha in ("0", "1/4", "1/2", "1"):
        a = F(alpha)
        m = [a * F(x) + (1 - a) * F(y) for x, y in zip(p, q, strict=True)]
        got = expected_gini_mixed(p, q, alpha, n)
        assert got == (1 - F(1, n)) * gini(m)
        if 0 < a < 1:
            # mixing the Gini indices instead of the distributions is wrong (G is concave)
            assert got != (1 - F(1, n)) * (a * gini(p) + (1 - a) * gini(q))


def test_gini_t_step_closed_form_against_exact_chain() -> None:
    N, i, T = 6, 2, 12
    laws = wright_fisher_distributions(N, i, T)
    for t, law in enumerate(laws):
        eg = sum((w * gini([F(j, N), 1 - F(j, N)]) for j, w in enumerate(law)), F(0))
        assert eg == expected_gini_after([F(i, N), 1 - F(i, N)], N, t)
        if t:
            assert eg != expected_gini_after([F(i, N), 1 - F(i, N)], N, t + 1)
        # the mean of the count is a martingale
        assert sum((w * j for j, w in enumerate(law)), F(0)) == i


def _binomial(n: int, p: F) -> list[F]:
    return [math.comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(n + 1)]


def test_gini_trajectory_replace_matches_mixed_chain() -> None:
    """Two categories, α > 0: propagate the exact chain and compare E[G] with the recursion."""
    N, p1, alpha, T = 4, F(1, 3), F(1, 3), 6
    mat = wright_fisher_matrix(N, alpha, p1)
    law = _binomial(N, p1)
    expected = gini_trajectory([p1, 1 - p1], N, [alpha] * T, "replace")
    gp = gini([p1, 1 - p1])
    for t in range(T + 1):
        eg = sum((w * gini([F(j, N), 1 - F(j, N)]) for j, w in enumerate(law)), F(0))
        assert eg == expected[t]
        if t:
            # mean-field variant (E[G(m)] replaced by G(E[m]) = G(p)) is rejected
            assert eg != (1 - F(1, N)) * gp
        law = [sum((law[i] * mat[i][j] for i in range(N + 1)), F(0)) for j in range(N + 1)]


def test_gini_trajectory_accumulate_matches_exact_pool_chain() -> None:
    """Accumulate mode: the law of (count of category 1 in the pool) propagated exactly."""
    N, p1, T = 2, F(1, 4), 4
    for alpha in (F(0), F(1, 2)):
        law = {j: w for j, w in enumerate(_binomial(N, p1))}
        values = []
        for s in range(T + 1):
            size = N * (s + 1)
            values.append(sum((w * gini([F(c, size), 1 - F(c, size)]) for c, w in law.items()),
                              F(0)))
            new: dict[int, F] = {}
            for c, w in law.items():
                m = alpha * p1 + (1 - alpha) * F(c, size)
                for b, pb in enumerate(_binomial(N, m)):
                    new[c + b] = new.get(c + b, F(0)) + w * pb
            law = new
        got = gini_trajectory([p1, 1 - p1], N, [alpha] * T, "accumulate")
        assert got == values
        assert got[1:] != gini_trajectory([p1, 1 - p1], N, [alpha] * T, "replace")[1:]
        floats = gini_trajectory([p1, 1 - p1], N, [alpha] * T, "accumulate", exact=False)
        assert max(abs(float(a) - b) for a, b in zip(got, floats, strict=True)) < 1e-15


def test_accumulate_alpha_zero_keeps_diversity() -> None:
    N = 5
    exact = gini_trajectory(["1/2", "1/2"], N, [0] * 6, "accumulate")
    for s in range(1, 7):
        assert exact[s] == exact[s - 1] * (1 - F(1, N * (s + 1) ** 2))
        assert exact[s] != exact[s - 1] * (1 - F(1, N))  # the replace-mode factor
    T = 4000
    long = gini_trajectory(["1/2", "1/2"], N, [0] * T, "accumulate", exact=False)
    limit = float(accumulate_gini_limit(N))
    assert math.isclose(limit, math.prod(1 - 1 / (N * s * s) for s in range(2, 10**6)),
                        rel_tol=1e-6)
    # the remaining factors after T steps change the ratio by about 1/(N T)
    assert abs(long[-1] / long[0] - limit) < 2 / (N * T)
    assert abs(long[-1] / long[0] - limit * (1 - 1 / N)) > 1e-2
    assert limit > 0.8  # diversity is kept (replace mode would give (1 − 1/N)^T ≈ 0)


# ------------------------------------------------------------------------------ E[H], Δ


@pytest.mark.mpmath
@pytest.mark.parametrize(
    ("q", "n"),
    [(("1/2", "1/3", "1/6"), 7), (("0.1", "0.2", "0.3", "0.4"), 9), (("1/7", "6/7"), 25),
     (("1/3", "1/3", "1/3"), 12), (("0.05", "0.05", "0.2", "0.7", "0"), 6)],
)
def test_plugin_entropy_matches_enumeration(q: tuple[str, ...], n: int) -> None:
    brute = brute_plugin_entropy(q, n)
    got = expected_plugin_entropy(q, n, dps=40)
    assert rel(got, brute) < mpmath.mpf(10) ** -39
    # a wrong sample size is rejected by the same comparison
    assert rel(expected_plugin_entropy(q, n + 1, dps=40), brute) > mpmath.mpf(10) ** -6
    # the loss (computed without subtraction) equals H − E[H]
    loss = entropy_loss(q, n, dps=40)
    with mpmath.workdps(70):
        assert rel(loss, shannon_entropy(q, dps=70) - brute) < mpmath.mpf(10) ** -39
        assert loss > 0


@pytest.mark.arb
def test_balls_are_certified_and_contain_the_values() -> None:
    q, n = ("0.3", "0.7"), 50
    with flint.ctx.workprec(400):
        ball = expected_plugin_entropy_ball(q, n, prec=300)
        loss = entropy_loss_ball(q, n, prec=300)
        e = flint.arb(mpmath.nstr(expected_plugin_entropy(q, n, dps=90), 90))
        d = flint.arb(mpmath.nstr(entropy_loss(q, n, dps=90), 90))
        assert ball.rel_accuracy_bits() > 280 and loss.rel_accuracy_bits() > 280
        tiny = flint.arb(10) ** -88  # the mpmath values are rounded to 90 digits
        assert ((ball - e) / e).abs_upper() < tiny
        assert ((loss - d) / d).abs_upper() < tiny
        assert not ((ball - e * (1 + flint.arb(10) ** -60)) / e).abs_upper() < tiny


@pytest.mark.mpmath
def test_large_case_digits_stable() -> None:
    """K = 1000, n = 10⁴ (non-uniform): 30 digits agree with a 45-digit run."""
    K = 1000
    q = [F(2 * x, K * (K + 1)) for x in range(1, K + 1)]
    a = expected_plugin_entropy(q, 10**4, dps=30)
    b = expected_plugin_entropy(q, 10**4, dps=45)
    assert rel(a, b) < mpmath.mpf(10) ** -29


def test_loss_near_point_mass_and_large_n() -> None:
    eps = F(1, 10**20)
    low = entropy_loss([1 - eps, eps], 100, dps=30)
    high = entropy_loss([1 - eps, eps], 100, dps=60)
    assert rel(low, high) < mpmath.mpf(10) ** -29
    with mpmath.workdps(120):
        direct = shannon_entropy([1 - eps, eps], dps=120) - expected_plugin_entropy(
            [1 - eps, eps], 100, dps=120)
    assert rel(high, direct) < mpmath.mpf(10) ** -55
    # thm-2/as-stated: the per-step loss is not bounded below by a positive constant
    assert low < entropy_loss(["1/2", "1/2"], 100, dps=30) * mpmath.mpf(10) ** -15


@pytest.mark.mpmath
@pytest.mark.parametrize("q", [("1/2", "1/2"), ("0.3", "0.7"), ("0.2", "0.3", "0.5")])
def test_miller_madow_expansion(q: tuple[str, ...]) -> None:
    def remainder(n: int, second: F | None = None) -> mpmath.mpf:
        s2 = miller_madow_second(q, n) if second is None else second / n**2
        with mpmath.workdps(50):
            return entropy_loss(q, n, dps=45) - mp(miller_madow_first(q, n)) - mp(s2)

    r200, r400 = remainder(200), remainder(400)
    assert 7.5 < r200 / r400 < 8.5  # O(n⁻³)
    third = mp(miller_madow_third(q, 400))
    assert abs(r400 / third - 1) < 0.05
    # a wrong second-order coefficient leaves an O(n⁻²) remainder: the ratio drops to ≈ 4
    qv = [F(x) for x in q]
    wrong = (sum(1 / x for x in qv) + 1) / 12
    assert remainder(200, wrong) / remainder(400, wrong) < 4.5
    assert miller_madow_first(q, 10) == F(len(q) - 1, 20)


# ------------------------------------------------------------------------------ rises


def test_entropy_rises_pointwise_counterexample() -> None:
    assert prob_entropy_rises(["0.9", "0.1"], 2) == F(9, 50)
    rise, tie, fall = entropy_step_outcomes(["0.9", "0.1"], 10)
    # counts 2..8 of the rare category raise H; 1 and 9 give the same multiset (a tie)
    b = _binomial(10, F(1, 10))
    assert rise == sum(b[2:9], F(0))
    assert tie == b[1] + b[9]
    assert rise + tie + fall == 1


def test_entropy_step_outcomes_against_float_enumeration() -> None:
    q, n = ("1/2", "1/4", "1/4"), 8
    hq = -sum(float(F(x)) * math.log(float(F(x))) for x in q)
    rise = tie = F(0)
    for c in compositions(n, 3):
        p = F(math.factorial(n))
        for ci, qi in zip(c, q, strict=True):
            p *= F(qi) ** ci / math.factorial(ci)
        h = -sum(ci / n * math.log(ci / n) for ci in c if ci)
        if abs(h - hq) < 1e-12:
            tie += p
        elif h > hq:
            rise += p
    got = entropy_step_outcomes(q, n)
    assert got[:2] == (rise, tie)
    # ties are exactly the permutations of (4, 2, 2), each with 8!/(4!2!2!) = 420 orderings
    assert tie == 420 * (F(1, 2**4 * 4**4) + 2 * F(1, 2**2 * 4**6))
    assert sum(got) == 1


def test_entropy_outcomes_limit() -> None:
    with pytest.raises(InputError, match="count vectors"):
        prob_entropy_rises(["1/10"] * 10, 30, max_outcomes=1000)


# ------------------------------------------------------------------------------ the chain


def test_wright_fisher_matrix_rows_and_martingale() -> None:
    N = 7
    for alpha, p in ((0, "1/2"), ("1/3", "1/5")):
        mat = wright_fisher_matrix(N, alpha, p)
        for i, row in enumerate(mat):
            assert sum(row, F(0)) == 1
            mean = sum((w * j for j, w in enumerate(row)), F(0)) / N
            assert mean == F(alpha) * F(p) + (1 - F(alpha)) * F(i, N)


@pytest.mark.parametrize("N", [2, 3, 5, 8, 12])
def test_fixation_probability_is_start_share(N: int) -> None:
    for i in range(N + 1):
        got = fixation_probability(N, i)
        assert got == F(i, N)
        if 0 < i < N:
            assert got != F(i + 1, N + 1)


def test_absorption_time_small_cases() -> None:
    # N = 2 by hand: from 1 copy, stay with probability 1/2, so τ = 1 + τ/2, τ = 2
    assert absorption_time(2, 1) == 2
    assert absorption_time(2, 1) != F(4, 3)  # what a wrong self-loop probability 1/4 gives
    # N = 3 by hand: from 1 copy the chain stays transient with probability 4/9 + 2/9
    assert absorption_time(3, 1) == absorption_time(3, 2) == 3
    N = 10
    times = [absorption_time(N, i) for i in range(N + 1)]
    assert times[0] == times[N] == 0
    assert all(times[i] == times[N - i] for i in range(N + 1))
    # diffusion approximation −2N[x ln x + (1−x) ln(1−x)] at N = 40, x = 1/2: within 5%
    approx = 2 * 40 * math.log(2)
    assert abs(float(absorption_time(40, 20)) / approx - 1) < 0.05


def test_absorption_time_satisfies_first_step_equation() -> None:
    N = 6
    mat = wright_fisher_matrix(N)
    tau = [absorption_time(N, i) for i in range(N + 1)]
    for i in range(1, N):
        assert tau[i] == 1 + sum((mat[i][j] * tau[j] for j in range(N + 1)), F(0))


@pytest.mark.mpmath
def test_entropy_trajectory_exact() -> None:
    N, i, T = 8, 3, 40
    traj = entropy_trajectory(N, i, T, dps=40)
    laws = wright_fisher_distributions(N, i, T)
    with mpmath.workdps(60):
        h = [shannon_entropy([F(j, N), 1 - F(j, N)], dps=60) for j in range(N + 1)]
        for t in (0, 1, 5, T):
            direct = mpmath.fsum(mp(w) * hj for w, hj in zip(laws[t], h, strict=True))
            assert rel(traj[t], direct) < mpmath.mpf(10) ** -39
    assert all(b < a for a, b in itertools.pairwise(traj))  # E[H] falls strictly
    assert traj[1] < traj[0] - mpmath.mpf(1) / 100
    # absorption: the interior mass vanishes
    interior = sum(laws[T][1:N], F(0))
    assert 0 < interior < F(1, 10)


# ------------------------------------------------------------------------------ Corollary 3


def _direct_mi(priors: list[F], laws: list[dict[tuple[int, ...], F]]) -> mpmath.mpf:
    states = set().union(*laws)
    with mpmath.workdps(80):
        total = mpmath.mpf(0)
        for s in states:
            bar = sum((w * law.get(s, F(0)) for w, law in zip(priors, laws, strict=True)), F(0))
            for w, law in zip(priors, laws, strict=True):
                pk = law.get(s, F(0))
                if pk:
                    total += mp(w * pk) * mpmath.log(mp(pk / bar))
        return total


@pytest.mark.mpmath
def test_mutual_information_at_zero_matches_direct_sum() -> None:
    priors = [F(1, 3), F(2, 3)]
    truths = [(F(3, 4), F(1, 4)), (F(1, 5), F(4, 5))]
    n0 = 3
    laws = [{c: math.comb(n0, c[0]) * t[0] ** c[0] * t[1] ** c[1]
             for c in compositions(n0, 2)} for t in truths]
    traj = mutual_information_trajectory(priors, truths, n0, 2, 0, 3, dps=50)
    direct = _direct_mi(priors, laws)
    assert rel(traj[0], direct) < mpmath.mpf(10) ** -48
    # a wrong prior is rejected by the same comparison
    assert rel(traj[0], _direct_mi([F(1, 2), F(1, 2)], laws)) > mpmath.mpf(10) ** -3
    assert all(b <= a for a, b in itertools.pairwise(traj))


@pytest.mark.mpmath
def test_dpi_stagnation_example() -> None:
    ex = stagnation_example(dps=50, T=8)
    assert all(d < 0 for d in ex.increments())  # non-increasing (here strictly)
    # the limit is I(P; X) for one draw X ~ P: ln 3 − H(1/2, 1/4, 1/4)
    limit = mpmath.log(3) - shannon_entropy(ex.truths[0], dps=50)
    assert all(x > limit for x in ex.trajectory)
    assert ex.trajectory[-1] - limit < mpmath.mpf(1) / 100


@pytest.mark.mpmath
def test_grounded_example_rises_and_needs_alpha() -> None:
    ex = grounded_rise_example(dps=50, T=4)
    assert ex.trajectory[0] == 0
    assert all(d > 0 for d in ex.increments())
    # the same set-up with α = 0 never learns anything about P
    flat = mutual_information_trajectory(ex.priors, ex.truths, None, ex.n, 0, 4, q0=ex.q0)
    assert all(x == 0 for x in flat)


# ------------------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    "call",
    [
        lambda: expected_plugin_entropy(["0.5", "0.6"], 3),
        lambda: expected_plugin_entropy(["0.5", "0.5"], 0),
        lambda: expected_plugin_entropy(["0.5", "0.5"], 2.5),
        lambda: expected_plugin_entropy([float("nan"), 1], 2),
        lambda: expected_plugin_entropy(["0.5", "0.5"], 2, dps=0),
        lambda: entropy_loss([], 3),
        lambda: expected_gini(["1.5", "-0.5"], 3),
        lambda: expected_gini_mixed(["1"], ["0.5", "0.5"], "0.5", 3),
        lambda: expected_gini_mixed(["1", "0"], ["0.5", "0.5"], "1.5", 3),
        lambda: expected_gini_after(["1", "0"], 3, -1),
        lambda: gini_trajectory(["1", "0"], 3, [0], mode="sideways"),
        lambda: gini_trajectory(["1", "0"], 3, ["2"]),
        lambda: absorption_time(0, 0),
        lambda: absorption_time(3, 4),
        lambda: absorption_time(10**4, 1),
        lambda: fixation_probability(3, -1),
        lambda: entropy_trajectory(3, 1, "x"),
        lambda: wright_fisher_matrix(3, alpha="1.1"),
        lambda: miller_madow_first(["0.5", "0.5"], 0),
        lambda: mutual_information_trajectory(["1"], [["1", "0"], ["0", "1"]], 1, 1, 0, 1),
        lambda: mutual_information_trajectory(["1/2", "1/2"], [["1", "0"], ["0", "1"]], 1, 1,
                                              [0, 0], 1),
        lambda: mutual_information_trajectory(["1/2", "1/2"], [["1", "0"], ["0", "1"]], 1, 1,
                                              0, 1, q0=["1/2", "1/2"]),
        lambda: expected_plugin_entropy_ball(["1/2", "1/2"], 2, prec=4),
    ],
)
def test_bad_input_raises_input_error(call: object) -> None:
    with pytest.raises(InputError) as info:
        call()  # type: ignore[operator]
    assert "\n" not in str(info.value)


def test_gini_trajectory_float_schedule_reads_each_alpha_as_its_exact_value() -> None:
    """exact=False: a float α is used as given (the value its exact Fraction converts back
    to), mixed inputs are converted, and a bad α is refused whatever its type."""
    import random

    rng = random.Random(5)
    floats = [rng.random() for _ in range(200)] + [0.0, -0.0, 1.0, 0.1, 5e-324]
    got = gini_trajectory(["1/2", "3/10", "1/5"], 10, floats, exact=False)
    # the same values as exact Fractions take the validating route (as_alpha, then float)
    assert got == gini_trajectory(["1/2", "3/10", "1/5"], 10, [F(a) for a in floats],
                                  exact=False)
    assert [float(as_alpha(a)) for a in floats] == [abs(a) for a in floats]
    mixed = gini_trajectory(["1/2", "1/2"], 4, [0.25, "1/3", F(2, 7)], exact=False)
    assert mixed == gini_trajectory(["1/2", "1/2"], 4, [0.25, 1 / 3, 2 / 7], exact=False)
    for bad in (float("nan"), float("inf"), -1e-9, 1.0000001, "2", None):
        with pytest.raises(InputError):
            gini_trajectory(["1/2", "1/2"], 2, [0.5, bad], exact=False)
