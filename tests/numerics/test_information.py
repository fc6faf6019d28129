"""Props. 9–10, eq. 20, §5.1 and the §5.5.2 anchor: exact checks, each with a rejected variant."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction as F

import mpmath
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from numerics.errors import InputError
from numerics.information import (
    bernoulli_joint,
    bernoulli_sequences,
    channel_joint,
    chernoff_information,
    chi2,
    chi2_mixing_ratio_closed_form,
    coin,
    conditional,
    count_parity,
    cross_entropy,
    cross_entropy_gap,
    dyadic_coins,
    entropy,
    first_draw,
    fitted_parameter,
    fitted_rate,
    gaussian_nll,
    gaussian_nll_decomposition,
    gaussian_nll_identity_residual,
    information_loss,
    is_injective,
    is_sufficient,
    js,
    js_kl_table,
    keep_probability,
    kl,
    learner_joint,
    local_rate,
    map_program,
    marginals,
    markov,
    mdl_decision_table,
    misidentification_exponent,
    misidentification_probability,
    mixing_ratio,
    mutual_information,
    program_joint,
    prop9_example,
    prop10_example,
    push_kernel,
    push_statistic,
    random_walk_variance,
    squared_hellinger,
    structure_example,
    structure_programs,
    success_count,
    transition_matrix,
    tv,
    wright_fisher_variance,
)

DPS = 50
TOL = mpmath.mpf(10) ** -45


def close(x: object, y: object, tol: mpmath.mpf = TOL) -> bool:
    """The one comparison every identity below goes through (at 60 digits)."""
    with mpmath.workdps(60):
        return bool(abs(mpmath.mpf(x) - mpmath.mpf(y)) < tol)


def le(x: object, y: object, tol: mpmath.mpf = TOL) -> bool:
    """x ≤ y up to ``tol``, evaluated at 60 digits."""
    with mpmath.workdps(60):
        return bool(mpmath.mpf(x) <= mpmath.mpf(y) + tol)


PRIORS = [
    {F(1, 4): F(1, 3), F(1, 2): F(1, 3), F(3, 4): F(1, 3)},
    {F(1, 4): F(1, 6), F(1, 2): F(1, 2), F(3, 4): F(1, 3)},
    {F(1, 3): F(1, 2), F(2, 3): F(1, 2)},
    {F(1, 10): F(2, 5), F(1, 2): F(1, 5), F(9, 10): F(2, 5)},
]


# ---------------------------------------------------------------------------------- basics


@pytest.mark.mpmath
def test_mutual_information_identity_and_wrong_variant() -> None:
    j = {(0, 0): F(3, 8), (0, 1): F(1, 8), (1, 0): F(1, 8), (1, 1): F(3, 8)}
    pa, pb = marginals(j)
    h_joint = entropy({k: v for k, v in j.items()}, DPS)
    i = mutual_information(j, DPS)
    with mpmath.workdps(60):
        identity = entropy(pa, DPS) + entropy(pb, DPS) - h_joint
        wrong = entropy(pa, DPS) - h_joint  # a dropped term
    assert close(i, identity)
    assert not close(i, wrong)
    # bits vs nats
    with mpmath.workdps(60):
        assert close(mutual_information(j, DPS, base=2) * mpmath.log(2), i)


@pytest.mark.mpmath
def test_mutual_information_extremes() -> None:
    indep = {(a, b): F(1, 4) for a in (0, 1) for b in (0, 1)}
    assert mutual_information(indep) == 0
    copy = {(0, 0): F(1, 2), (1, 1): F(1, 2)}
    with mpmath.workdps(60):
        assert close(mutual_information(copy), mpmath.log(2))
        assert not close(mutual_information(copy), mpmath.log(3))


def test_joint_builders() -> None:
    j = channel_joint({"a": "1/2", "b": "1/2"}, {"a": {0: "1/2", 1: "1/2"}, "b": {1: 1}})
    assert j == {("a", 0): F(1, 4), ("a", 1): F(1, 4), ("b", 1): F(1, 2)}
    assert conditional(j)[1] == {"a": F(1, 3), "b": F(2, 3)}
    noisy = push_kernel(j, lambda x: {x: F(2, 3), 1 - x: F(1, 3)})
    assert sum(noisy.values()) == 1
    assert push_statistic(j, lambda x: 0) == {("a", 0): F(1, 2), ("b", 0): F(1, 2)}
    prior, like = {"a": "1/2", "b": "1/2"}, {"a": {0: "1/2", 1: "1/2"}, "b": {1: 1}}
    assert learner_joint(prior, like) == j
    assert learner_joint(prior, like, kernel=lambda x: {x: F(2, 3), 1 - x: F(1, 3)}) == noisy
    with pytest.raises(InputError, match="not both"):
        learner_joint(prior, like, statistic=abs, kernel=lambda x: {x: 1})
    with pytest.raises(InputError, match="sum to 1"):
        learner_joint(prior, like, kernel=lambda x: {x: F(1, 2)})


# ---------------------------------------------------------------------------------- prop-9


@pytest.mark.exact
@pytest.mark.parametrize("prior", PRIORS)
@pytest.mark.parametrize("n", [2, 3, 5, 7])
def test_prop9_count_is_sufficient_and_loses_nothing(prior: dict, n: int) -> None:
    r = prop9_example(prior, n, DPS)
    # (22) says non-invertible implies strict loss: the count is non-invertible ...
    assert not r.count_is_injective
    # ... yet sufficient exactly (P(M | X) = P(M | count) as Fractions for every X) ...
    assert r.count_is_sufficient
    # ... so nothing is lost: exactly 0 by the chain rule, and equal at 50 digits directly.
    assert r.loss_count == 0
    assert close(r.i_count, r.i_data)
    assert close(r.i_fitted, r.i_data)
    # (21): every statistic is bounded by I(M; X)
    for i in (r.i_count, r.i_fitted, r.i_first, r.i_parity):
        assert le(i, r.i_data)


@pytest.mark.exact
@pytest.mark.parametrize("prior", PRIORS)
def test_prop9_lossy_statistics_strict_gap(prior: dict) -> None:
    n = 4
    r = prop9_example(prior, n, DPS)
    assert not r.first_is_sufficient and not r.parity_is_sufficient
    assert r.loss_first > mpmath.mpf(10) ** -3
    # chain rule: the gap equals the conditional-KL loss; the flipped sign is rejected
    with mpmath.workdps(60):
        assert close(r.i_data - r.i_first, r.loss_first)
        assert not close(r.i_data + r.i_first, r.loss_first)
    # parity of the count: for even n, P(parity | θ) = P(parity | 1 − θ), so a prior on pairs
    # {θ, 1 − θ} (without 1/2) leaves the parity with exactly zero information
    pairs = all(prior.get(1 - th) == w and th != F(1, 2) for th, w in prior.items())
    if pairs:
        assert r.i_parity == 0
    else:
        assert r.i_parity > 0
    assert r.loss_parity > mpmath.mpf(10) ** -3


@pytest.mark.exact
def test_prop9_sufficiency_check_can_fail() -> None:
    # the same count statistic is NOT sufficient when the mechanisms are Markov chains
    progs = (markov("fair", 2, "1/2", "1/2", "1/2"), markov("sticky", 2, "1/2", "1/4", "3/4"))
    j = program_joint({p: F(1, 2) for p in progs}, 4)
    assert not is_sufficient(j, success_count)
    assert information_loss(j, success_count) > 0
    # the full data are trivially sufficient
    assert is_sufficient(j, lambda x: x)
    assert information_loss(j, lambda x: x) == 0


@pytest.mark.exact
def test_prop9_posteriors_agree_exactly() -> None:
    j = bernoulli_joint(PRIORS[1], 5)
    post_x = conditional(j)
    post_t = conditional(push_statistic(j, success_count))
    for x in post_x:
        assert post_x[x] == post_t[sum(x)]  # exact Fractions
    assert any(post_x[x] != conditional(push_statistic(j, first_draw))[x[0]] for x in post_x)


def test_prop9_n1_count_is_invertible() -> None:
    r = prop9_example(n=1, dps=30)
    assert r.count_is_injective and r.count_is_sufficient


def test_statistics() -> None:
    x = (1, 0, 1, 1)
    assert (success_count(x), fitted_parameter(x), first_draw(x), count_parity(x)) == (
        3, F(3, 4), 1, 1)
    assert is_injective(fitted_parameter, [(0,), (1,)])
    assert sum(bernoulli_sequences("1/3", 4).values()) == 1


@pytest.mark.exact
def test_prop9_randomised_learner_obeys_dpi() -> None:
    j = bernoulli_joint(PRIORS[0], 4)
    noisy = push_kernel(j, lambda x: {sum(x): F(2, 3), -1: F(1, 3)})  # erase with prob 1/3
    assert mutual_information(noisy) < mutual_information(j)


# ---------------------------------------------------------------------------------- prop-10


@pytest.mark.exact
@pytest.mark.parametrize("n", [2, 4, 6])
@pytest.mark.parametrize("weights", [(1, 1, 1), (1, 2, 3), (5, 1, 1), (1, 0, 1)])
def test_prop10_program_learner_never_beats_the_data(n: int, weights: tuple[int, ...]) -> None:
    mechanisms = dyadic_coins(2)  # 1/4, 1/2, 3/4
    candidates = dyadic_coins(3)  # the learner's fixed prior 2^-len over a larger class
    z = sum(weights)
    prior = {m: F(w, z) for m, w in zip(mechanisms, weights, strict=True) if w}
    r = prop10_example(prior, candidates, n, dps=DPS)
    assert le(r.i_program, r.i_data)
    assert le(r.i_sampling, r.i_data)
    with mpmath.workdps(60):
        assert close(r.i_data - r.i_program, r.program_loss)
        assert not close(r.i_data + r.i_program, r.program_loss) or r.i_program < TOL


@pytest.mark.exact
def test_prop10_structure_class_bound() -> None:
    progs = structure_programs()
    for n in (3, 5):
        for w in ((1, 1, 1), (2, 1, 1)):
            prior = {p: F(x, sum(w)) for p, x in zip(progs, w, strict=True)}
            r = prop10_example(prior, progs, n, dps=DPS)
            assert le(r.i_program, r.i_data) and le(r.i_sampling, r.i_data)


@pytest.mark.exact
def test_prop10_bound_rejects_a_learner_with_exogenous_information() -> None:
    # A "learner" that is told M (not a function of X) exceeds I(M; X): the comparison used
    # above does reject it, so the bound is a real check.
    mechanisms = dyadic_coins(2)
    prior = {m: F(1, 3) for m in mechanisms}
    j = program_joint(prior, 3)
    peek = {(m.name, m.name): F(1, 3) for m in mechanisms}
    assert not le(mutual_information(peek), mutual_information(j))


@pytest.mark.exact
@pytest.mark.parametrize("n", [4, 6, 8])
def test_prop10_repaired_a_program_learner_beats_frequency_learner(n: int) -> None:
    r = structure_example(n, dps=DPS)
    assert r.i_statistic + mpmath.mpf(10) ** -3 < r.i_program
    assert le(r.i_program, r.i_data)


def test_prop10_repaired_a_equal_at_n2() -> None:
    r = structure_example(2, dps=DPS)
    assert close(r.i_statistic, r.i_data) and close(r.i_program, r.i_data)


@pytest.mark.exact
@pytest.mark.parametrize("lam", [F(1), F(1, 2), F(3, 2), F(0), F(4)])
def test_map_program_agrees_with_decision_table(lam: F) -> None:
    progs = dyadic_coins(3)
    n = 7
    table = mdl_decision_table(progs, n, lam)
    for x in itertools.product((0, 1), repeat=n):
        assert map_program(progs, x, lam) == table[sum(x)]
    # and with a float evaluation of the MDL score, away from ties
    for k in range(n + 1):
        scores = [-(k * math.log2(p.start) + (n - k) * math.log2(1 - p.start))
                  + float(lam) * p.length for p in progs]
        best = min(scores)
        if sorted(scores)[1] - best > 1e-9:
            assert scores.index(best) == table[k]


# ---------------------------------------------------------------------------------- anchor


@pytest.mark.exact
@pytest.mark.parametrize("n", [3, 6, 9])
def test_misidentification_matches_brute_force(n: int) -> None:
    progs = dyadic_coins(2)
    for i, p in enumerate(progs):
        brute = sum((p.probability(x) for x in itertools.product((0, 1), repeat=n)
                     if map_program(progs, x) != i), F(0))
        assert misidentification_probability(progs, i, n) == brute
        wrong = sum((p.probability(x) for x in itertools.product((0, 1), repeat=n)
                     if map_program(progs, x) == i), F(0))
        assert brute != wrong or brute == F(1, 2)


@pytest.mark.exact
def test_transition_matrix_rows_are_distributions() -> None:
    for depth, n in ((2, 10), (3, 25)):
        for row in transition_matrix(dyadic_coins(depth), n):
            assert sum(row) == 1


@pytest.mark.exact
def test_misidentification_falls_exponentially() -> None:
    progs = dyadic_coins(2)
    eps = {n: misidentification_probability(progs, 0, n) for n in (100, 200, 400, 800)}
    values = list(eps.values())
    assert all(a > b for a, b in itertools.pairwise(values))
    assert eps[800] < F(1, 10**12)
    ns = list(range(800, 1601, 200))
    rate = fitted_rate(ns, [misidentification_probability(progs, 0, n) for n in ns])
    c = float(misidentification_exponent(progs, 0))
    assert abs(rate - c) < 0.05 * c
    # rejected variants: the Stein exponent KL(θ*‖θ') and KL(θ'‖θ*) are not the rate
    stein = float(kl(["1/4", "3/4"], ["1/2", "1/2"]))
    reverse = float(kl(["1/2", "1/2"], ["1/4", "3/4"]))
    assert abs(rate - stein) > 0.5 * c and abs(rate - reverse) > 0.5 * c
    lr = local_rate(800, eps[800], 400, eps[400])
    assert abs(float(lr) - c) < 0.1 * c


@pytest.mark.mpmath
@pytest.mark.parametrize(("a", "b"), [("1/4", "1/2"), ("1/4", "3/4"), ("1/10", "1/3")])
def test_chernoff_point_equalises_both_divergences(a: str, b: str) -> None:
    fa, fb = F(a), F(b)
    c_value = chernoff_information(a, b, DPS)
    with mpmath.workdps(70):
        ma = mpmath.mpf(fa.numerator) / fa.denominator
        mb = mpmath.mpf(fb.numerator) / fb.denominator
        u = mpmath.log((1 - ma) / (1 - mb))
        c = u / (mpmath.log(mb / ma) + u)

        def kl_b(x: mpmath.mpf, t: mpmath.mpf) -> mpmath.mpf:
            return x * mpmath.log(x / t) + (1 - x) * mpmath.log((1 - x) / (1 - t))

        assert close(kl_b(c, ma), kl_b(c, mb))
        assert close(c_value, kl_b(c, ma))
        mid = (ma + mb) / 2  # a wrong boundary point
        assert not close(kl_b(mid, ma), kl_b(mid, mb)) or (a == "1/4" and b == "3/4")


@pytest.mark.exact
def test_keep_probability_is_the_no_exit_probability() -> None:
    progs = dyadic_coins(2)
    n, t = 6, 3
    k = transition_matrix(progs, n)
    eps = misidentification_probability(progs, 0, n)
    assert keep_probability(eps, t) == k[0][0] ** t
    # (K^t)[0][0] also counts paths that leave and come back: a different number
    kt = k
    for _ in range(t - 1):
        kt = [[sum(a * b for a, b in zip(row, col, strict=True)) for col in zip(*k, strict=True)]
              for row in kt]
    assert kt[0][0] != k[0][0] ** t
    assert kt[0][0] > keep_probability(eps, t)


@pytest.mark.exact
@pytest.mark.parametrize(("theta", "n", "t"), [(F(1, 4), 4, 3), (F(1, 2), 3, 4)])
def test_wright_fisher_variance_against_the_exact_chain(theta: F, n: int, t: int) -> None:
    law = {theta: F(1)}
    for _ in range(t):
        nxt: dict[F, F] = {}
        for mu, w in law.items():
            for k in range(n + 1):
                p = math.comb(n, k) * mu**k * (1 - mu) ** (n - k)
                if p:
                    nxt[F(k, n)] = nxt.get(F(k, n), F(0)) + w * p
        law = nxt
    exact = sum((w * (mu - theta) ** 2 for mu, w in law.items()), F(0))
    assert wright_fisher_variance(theta, n, t) == exact
    assert t * theta * (1 - theta) / n != exact  # the linear random-walk form is only ≈
    assert random_walk_variance(theta * (1 - theta), n, t) == t * theta * (1 - theta) / n


# ---------------------------------------------------------------------------------- eq. 20

CASES = [
    (("1/2", "1/2"), ("1/4", "3/4"), "1/3"),
    (("9/10", "1/10"), ("1/2", "1/2"), "1/2"),
    (("1/3", "1/3", "1/3"), ("1/2", "1/4", "1/4"), "0.1"),
    (("1/6", "1/2", "1/3"), ("1/3", "1/3", "1/3"), "0.9"),
]


@pytest.mark.exact
@pytest.mark.parametrize(("p", "s", "alpha"), CASES)
def test_eq20_tv_is_an_equality(p: tuple, s: tuple, alpha: str) -> None:
    assert mixing_ratio("tv", p, s, alpha) == 1
    a = F(alpha)
    m = [a * F(x) + (1 - a) * F(y) for x, y in zip(p, s, strict=True)]
    assert tv(p, m) != (1 - a) ** 2 * tv(p, s)  # a wrong contraction factor is rejected


@pytest.mark.exact
@pytest.mark.parametrize(("p", "s", "alpha"), CASES)
def test_eq20_chi2_closed_form(p: tuple, s: tuple, alpha: str) -> None:
    a = F(alpha)
    ratio = mixing_ratio("chi2", p, s, alpha)
    assert ratio == chi2_mixing_ratio_closed_form(p, s, alpha)
    assert ratio * (1 - a) != chi2_mixing_ratio_closed_form(p, s, alpha)  # dropped (1 − α)
    assert ratio < 1


def test_eq20_chi2_not_below_one_minus_alpha() -> None:
    r = mixing_ratio("chi2", ("9/10", "1/10"), ("1/2", "1/2"), "1/2")
    assert r == F(25, 42) and r > F(1, 2)


@pytest.mark.mpmath
@pytest.mark.parametrize(("p", "s", "alpha"), CASES)
@pytest.mark.parametrize("f", ["hellinger", "kl"])
def test_eq20_hellinger_and_kl_strictly_below_one(p: tuple, s: tuple, alpha: str,
                                                 f: str) -> None:
    r = mixing_ratio(f, p, s, alpha, dps=DPS)
    assert 0 < r < 1 - mpmath.mpf(10) ** -6


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(1, 20), min_size=2, max_size=4).flatmap(
        lambda w: st.tuples(st.just(w), st.lists(st.integers(1, 20), min_size=len(w),
                                                 max_size=len(w)))),
    st.fractions(min_value=0, max_value=F(49, 50), max_denominator=50),
)
def test_eq20_property(ws: tuple[list[int], list[int]], alpha: F) -> None:
    p = [F(w, sum(ws[0])) for w in ws[0]]
    s = [F(w, sum(ws[1])) for w in ws[1]]
    if p == s:
        return
    assert mixing_ratio("tv", p, s, alpha) == 1
    assert mixing_ratio("chi2", p, s, alpha) <= 1
    assert mixing_ratio("kl", p, s, alpha, dps=30) <= 1
    assert mixing_ratio("hellinger", p, s, alpha, dps=30) <= 1


def test_mixing_ratio_callable_and_infinite() -> None:
    r = mixing_ratio(lambda a, b: tv(a, b) * 3, ("1/2", "1/2"), ("1/4", "3/4"), "1/4")
    assert r == 1
    assert chi2(("1/2", "1/2"), (1, 0)) == math.inf
    assert kl(("1/2", "1/2"), (1, 0)) == mpmath.inf
    with pytest.raises(InputError, match="infinite"):
        mixing_ratio("kl", ("1/2", "1/2"), (1, 0), "1/2")


def test_divergence_values() -> None:
    p, q = ("1/2", "1/2"), ("1/4", "3/4")
    assert chi2(p, q) == F(1, 3)
    with mpmath.workdps(60):
        bc = mpmath.sqrt(mpmath.mpf(1) / 8) + mpmath.sqrt(mpmath.mpf(3) / 8)
        assert close(squared_hellinger(p, q), 1 - bc)
        assert not close(squared_hellinger(p, q), 2 * (1 - bc))
        assert close(kl(p, q), mpmath.log(mpmath.mpf(4) / 3) / 2)  # ½ln2 + ½ln(2/3)
        assert not close(kl(p, q), kl(q, p))  # KL is not symmetric


# ---------------------------------------------------------------------------------- §5.1


@pytest.mark.mpmath
@pytest.mark.parametrize(("p", "q"), [(("1/3", "2/3"), ("1/2", "1/2")),
                                      (("0.1", "0.2", "0.7"), ("1/3", "1/3", "1/3")),
                                      (("1", "0"), ("1/5", "4/5"))])
def test_cross_entropy_decomposition(p: tuple, q: tuple) -> None:
    assert close(cross_entropy_gap(p, q, DPS), 0)
    assert not close(cross_entropy_gap(p, q, DPS, kl_sign=-1), 0)  # flipped sign rejected
    with mpmath.workdps(60):
        assert close(cross_entropy(p, q, DPS), entropy(p, DPS) + kl(p, q, DPS))


@pytest.mark.sympy
def test_gaussian_nll_is_scaled_mse_plus_constant() -> None:
    assert gaussian_nll_identity_residual(2) == 0
    assert gaussian_nll_identity_residual(1) != 0
    assert gaussian_nll_identity_residual("3/2") != 0


@pytest.mark.mpmath
def test_gaussian_nll_numbers() -> None:
    nll, quad, const = gaussian_nll_decomposition(["0.5", 1, "-2.25", 4], "0.3", "2.5", DPS)
    with mpmath.workdps(60):
        assert close(nll, quad + const)
        assert not close(nll, 2 * quad + const)
        assert close(gaussian_nll(0, 0, 1, DPS), mpmath.log(2 * mpmath.pi) / 2)


@pytest.mark.mpmath
def test_js_bounded_kl_unbounded() -> None:
    eps = [F(1, 2), F(1, 10), F(1, 10**3), F(1, 10**6), F(1, 10**12), F(0)]
    rows = js_kl_table(eps, DPS)
    with mpmath.workdps(60):
        ln2 = mpmath.log(2)
        for e, k, j in rows:
            assert j <= ln2
            if e:
                me = mpmath.mpf(e.numerator) / e.denominator
                assert close(k, -mpmath.log(4 * me * (1 - me)) / 2)
                assert not close(k, -mpmath.log(4 * me * (1 - me))) or e == F(1, 2)
    kls = [k for _, k, _ in rows]
    assert all(a < b for a, b in itertools.pairwise(kls))
    with mpmath.workdps(60):
        assert kls[-1] == mpmath.inf and kls[-2] > 10 * mpmath.log(2)
        assert rows[-1][2] < mpmath.log(2)  # JS stays finite (and below ln 2) at ε = 0
        assert close(js(("1", "0"), ("0", "1"), DPS), mpmath.log(2))


# ---------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: mutual_information({(0, 0): "1/2", (1, 1): "0.6"}), "sum to 1"),
        (lambda: mutual_information({(0, 0): float("nan")}), "finite"),
        (lambda: mutual_information({0: 1}), "pairs"),
        (lambda: mutual_information({}), "non-empty"),
        (lambda: mutual_information({(0, 0): 1}, dps=0), "dps"),
        (lambda: mutual_information({(0, 0): 1}, base=1), "base"),
        (lambda: bernoulli_joint({"1.5": 1}, 3), "theta"),
        (lambda: bernoulli_joint({"1/2": 1}, 0), "n must be"),
        (lambda: bernoulli_joint({"1/2": 1}, 2.5), "n must be"),
        (lambda: prop9_example(n=-1), "n must be"),
        (lambda: coin("-0.1", 3), "theta"),
        (lambda: coin("1/2", 2.5), "length"),
        (lambda: tv(("1/2", "1/2"), ("1/3", "1/3", "1/3")), "same length"),
        (lambda: tv(("1/2", "0.6"), ("1/2", "1/2")), "sum to 1"),
        (lambda: mixing_ratio("tv", ("1/2", "1/2"), ("1/4", "3/4"), "1.5"), "alpha"),
        (lambda: mixing_ratio("tv", ("1/2", "1/2"), ("1/4", "3/4"), 1), "alpha must be < 1"),
        (lambda: mixing_ratio("tv", ("1/2", "1/2"), ("1/2", "1/2"), "0.5"), "differ"),
        (lambda: mixing_ratio("js?", ("1/2", "1/2"), ("1/4", "3/4"), "0.5"), "unknown"),
        (lambda: mixing_ratio("tv", ("1/2", "1/2"), ("1/4", "3/4"), float("nan")), "finite"),
        (lambda: misidentification_probability(dyadic_coins(2), 3, 10), "true_index"),
        (lambda: misidentification_probability(structure_programs(), 0, 10), "coin"),
        (lambda: mdl_decision_table(dyadic_coins(2), 10, "-1"), "lambda"),
        (lambda: keep_probability("1.1", 3), "epsilon"),
        (lambda: chernoff_information("1/4", "1/4"), "differ"),
        (lambda: gaussian_nll(0, 0, 0), "sigma2"),
        (lambda: gaussian_nll_decomposition([], 0, 1), "non-empty"),
        (lambda: js_kl_table([]), "empty"),
        (lambda: js_kl_table(["2"]), "epsilon"),
        (lambda: fitted_rate([10], [F(1, 2)]), "two distinct"),
        (lambda: wright_fisher_variance("1/2", 0, 3), "n must be"),
        (lambda: random_walk_variance(-1, 10, 3), "sigma2"),
        (lambda: map_program(dyadic_coins(1), (1, 1), "x"), "lambda"),
        (lambda: map_program([coin(0, 1)], (1, 1)), "no candidate"),
    ],
)
def test_bad_input(call: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        call()  # type: ignore[operator]
