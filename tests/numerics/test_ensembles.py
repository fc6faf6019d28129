"""Checks of the ensemble model (def-3 / thm-8) and of the ensemble laboratory."""

from __future__ import annotations

import argparse
import io
import random
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest

from numerics import ensembles as E
from numerics.bands import Band
from numerics.errors import InputError
from numerics.loops import ensemble as lab


def _sq(q: tuple[F, ...]) -> F:
    return sum((x * x for x in q), F(0))


IDENTITY_CASES = [
    # (r, weights, N)
    ((F(1, 2), F(1, 2)), (F(1),), 3),
    ((F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)), 2),
    ((F(1, 2), F(1, 3), F(1, 6)), (F(1, 3), F(2, 3)), 3),
    ((F(1, 10), F(2, 10), F(3, 10), F(4, 10)), (F(1, 2), F(1, 2)), 2),
    ((F(1, 2), F(1, 2)), (F(1, 6), F(1, 3), F(1, 2)), 4),
    ((F(1, 5),) * 5, (F(1, 4),) * 4, 1),
    ((F(1, 4), F(3, 4), F(0)), (F(1, 5), F(1, 5), F(3, 5)), 2),
]


@pytest.mark.exact
@pytest.mark.parametrize(("r", "w", "n"), IDENTITY_CASES)
def test_ensemble_gini_identity(r: tuple[F, ...], w: tuple[F, ...], n: int) -> None:
    law = E.ensemble_step_distribution(r, w, n)
    assert sum(law.values()) == 1
    mean = tuple(sum((pr * q[i] for q, pr in law.items()), F(0)) for i in range(len(r)))
    assert mean == r  # the ensemble is unbiased: E[R_t] = R_{t−1}
    exact = E.expected_ensemble_gini(r, w, n)
    c = E.ensemble_gini_factor(w, n)
    assert c == 1 - _sq(w) / n
    assert exact == c * E.gini(r)
    assert E.effective_sample_size(w, n) == n / _sq(w)
    # wrong variants are rejected by the same comparison
    if E.gini(r) > 0:
        if len(w) > 1:
            assert exact != (1 - F(1, n)) * E.gini(r)  # single-model factor
        assert exact != (1 - _sq(w) / n) ** 2 * E.gini(r)
        if len(set(w)) > 1:
            assert exact != (1 - F(1, len(w) * n)) * E.gini(r)  # 1/(mN): equal weights only


@pytest.mark.exact
def test_identity_on_random_cases() -> None:
    rnd = random.Random(3)
    for _ in range(25):
        k, m, n = rnd.randint(2, 3), rnd.randint(1, 3), rnd.randint(1, 3)
        raw = [rnd.randint(0, 3) for _ in range(k)]
        raw[0] += 1
        r = tuple(F(x, sum(raw)) for x in raw)
        rw = [rnd.randint(1, 4) for _ in range(m)]
        w = tuple(F(x, sum(rw)) for x in rw)
        assert E.expected_ensemble_gini(r, w, n) == E.ensemble_gini_factor(w, n) * E.gini(r)


@pytest.mark.exact
def test_single_model_is_the_thm2_factor() -> None:
    for n in (1, 2, 7):
        assert E.ensemble_gini_factor([1], n) == 1 - F(1, n)
        assert E.effective_sample_size([1], n) == n
    # equal weights: the ensemble acts like one model with m·N samples
    assert E.ensemble_gini_factor(["1/4"] * 4, 5) == 1 - F(1, 20)


GROUNDED = [
    ((F(1, 10), F(3, 10), F(3, 5)), (F(1, 2), F(1, 4), F(1, 4)), (F(1, 3), F(2, 3)), 2, F(1, 3)),
    ((F(1), F(0)), (F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)), 2, F(1, 4)),
    ((F(1, 4), F(3, 4)), (F(2, 3), F(1, 3)), (F(1),), 3, F(1, 2)),
]


@pytest.mark.exact
@pytest.mark.parametrize(("r", "p", "w", "n", "alpha"), GROUNDED)
def test_grounded_one_step(r: tuple[F, ...], p: tuple[F, ...], w: tuple[F, ...], n: int,
                           alpha: F) -> None:
    exact = E.expected_ensemble_gini(r, w, n, alpha, p)
    c = E.ensemble_gini_factor(w, n)
    t = tuple(alpha * a + (1 - alpha) * b for a, b in zip(p, r, strict=True))
    assert exact == c * E.gini(t)
    s = sum((a * b for a, b in zip(p, r, strict=True)), F(0))
    g_next, s_next = E.ensemble_gini_step(E.gini(r), s, E.gini(p), w, n, alpha)
    assert g_next == exact
    law = E.ensemble_step_distribution(r, w, n, alpha, p)
    assert s_next == sum((pr * sum(a * b for a, b in zip(p, q, strict=True))
                          for q, pr in law.items()), F(0))
    # wrong variant: mixing the Gini values instead of the distributions (no cross term)
    assert exact != c * (alpha * E.gini(p) + (1 - alpha) * E.gini(r))


def _two_step_gini(r: tuple[F, ...], w: tuple[F, ...], n: int, alpha: F,
                   p: tuple[F, ...], steps: int) -> list[F]:
    law = {r: F(1)}
    out = [E.gini(r)]
    for _ in range(steps):
        nxt: dict[tuple[F, ...], F] = {}
        for q, pr in law.items():
            for q2, pr2 in E.ensemble_step_distribution(q, w, n, alpha, p).items():
                nxt[q2] = nxt.get(q2, F(0)) + pr * pr2
        law = nxt
        out.append(sum((pr * (1 - _sq(q)) for q, pr in law.items()), F(0)))
    return out


@pytest.mark.exact
def test_recursion_tracks_the_cross_term_over_several_steps() -> None:
    r = (F(1, 6), F(1, 3), F(1, 2))
    p = (F(1, 2), F(1, 4), F(1, 4))
    w = (F(1, 3), F(2, 3))
    for alpha in (F(0), F(1, 3), F(1)):
        brute = _two_step_gini(r, w, 2, alpha, p, 3)
        assert E.expected_ensemble_gini_curve(r, w, 2, 3, alpha, p) == brute
    alpha = F(1, 3)
    brute = _two_step_gini(r, w, 2, alpha, p, 3)
    # wrong variant: pretend the cross term is already stationary (s = ΣP²) from the start
    c, p2 = E.ensemble_gini_factor(w, 2), _sq(p)
    g, wrong = E.gini(r), [E.gini(r)]
    for _ in range(3):
        g = c * ((1 - (1 - alpha) ** 2) * (1 - p2) + (1 - alpha) ** 2 * g)
        wrong.append(g)
    assert wrong != brute and wrong[1] != brute[1]
    # with R_0 = P the cross term is stationary and the same closed recursion is exact
    assert E.expected_ensemble_gini_curve(p, w, 2, 3, alpha, p)[3] == \
        _two_step_gini(p, w, 2, alpha, p, 3)[3]
    # time-varying α
    alphas = [F(1, 2), F(0), F(1, 5)]
    law = {r: F(1)}
    for a in alphas:
        nxt: dict[tuple[F, ...], F] = {}
        for q, pr in law.items():
            for q2, pr2 in E.ensemble_step_distribution(q, w, 2, a, p).items():
                nxt[q2] = nxt.get(q2, F(0)) + pr * pr2
        law = nxt
    assert E.expected_ensemble_gini_curve(r, w, 2, 3, alphas, p)[3] == \
        sum((pr * (1 - _sq(q)) for q, pr in law.items()), F(0))


CHAINS = [((F(1, 2), F(1, 2)), 2), ((F(1, 3), F(2, 3)), 2), ((F(1, 3), F(2, 3)), 3),
          ((F(1, 2), F(1, 2)), 3)]


@pytest.mark.exact
@pytest.mark.parametrize(("w", "n"), CHAINS)
def test_absorbing_chain(w: tuple[F, ...], n: int) -> None:
    ch = E.ensemble_chain(w, n, "1/3")
    assert ch.absorbing == (F(0), F(1))
    for row in ch.transition:
        assert sum(row) == 1
    # every transient state reaches a point mass in one step with positive probability
    for i, x in enumerate(ch.states):
        if x not in (0, 1):
            assert ch.transition[i][0] > 0 and ch.transition[i][-1] > 0
    fix = ch.absorption_probabilities()
    times = ch.expected_absorption_time()
    for x in ch.states:
        assert sum(fix[x].values()) == 1  # absorbed with probability 1
        assert fix[x][F(1)] == x  # fixation probability = initial share
        if x not in (0, 1):
            assert fix[x][F(1)] != x * x  # wrong variant: a drift towards the majority
            assert times[x] > 1
    c = E.ensemble_gini_factor(w, n)
    g0 = 2 * F(1, 3) * F(2, 3)
    for t in range(6):
        assert ch.expected_gini_after(t) == c**t * g0
        if t:
            assert ch.expected_gini_after(t) != (1 - F(1, n)) ** t * g0
    law = ch.distribution_after(60)
    assert law[0] + law[-1] > F(99, 100)


@pytest.mark.exact
@pytest.mark.parametrize(("w", "n"), CHAINS)
def test_stationary_gini_closed_form(w: tuple[F, ...], n: int) -> None:
    for alpha, p1 in ((F(1, 4), F(1, 2)), (F(1, 2), F(1, 3))):
        ch = E.ensemble_chain(w, n, "1/3", alpha=alpha, p1=p1)
        assert not ch.absorbing
        pi = ch.stationary_distribution()
        assert sum(pi) == 1 and min(pi) >= 0
        moved = [sum((pi[i] * ch.transition[i][j] for i in range(len(pi))), F(0))
                 for j in range(len(pi))]
        assert tuple(moved) == pi
        g_chain = sum((pr * 2 * x * (1 - x) for pr, x in zip(pi, ch.states, strict=True)),
                      F(0))
        p = (p1, 1 - p1)
        assert g_chain == E.stationary_ensemble_gini(p, w, n, alpha)
        c = E.ensemble_gini_factor(w, n)
        wrong = c * alpha * E.gini(p) / (1 - c * (1 - alpha))  # cross term forgotten
        assert g_chain != wrong
        with pytest.raises(InputError):
            ch.absorption_probabilities()
    assert E.stationary_ensemble_gini(["1/2", "1/2"], w, n, 0) == 0
    assert E.stationary_ensemble_gini(["1/2", "1/2"], w, n, 1) == \
        E.ensemble_gini_factor(w, n) * F(1, 2)


def test_bad_inputs() -> None:
    for w in (["1/2", "1/3"], ["3/2", "-1/2"], [], "1/2,1/2", ["x"], [float("nan"), 1]):
        with pytest.raises(InputError):
            E.ensemble_weights(w)
    with pytest.raises(InputError, match="non-negative"):
        E.ensemble_weights(["3/2", "-1/2"])
    for n in (0, -1, 1.5, "two"):
        with pytest.raises(InputError):
            E.ensemble_gini_factor(["1/2", "1/2"], n)
    with pytest.raises(InputError):
        E.expected_ensemble_gini(["1/2", "1/2"], ["1/2", "1/2"], 2, "1/2")  # needs p
    with pytest.raises(InputError):
        E.expected_ensemble_gini(["1/2", "1/2"], ["1/2", "1/2"], 2, "3/2", ["1/2", "1/2"])
    with pytest.raises(InputError):
        E.expected_ensemble_gini(["1/2", "1/2"], ["1"], 2, "1/2", ["1"])  # length mismatch
    with pytest.raises(InputError):
        E.expected_ensemble_gini_curve(["1/2", "1/2"], ["1"], 2, 3, ["0", "0"])
    with pytest.raises(InputError):
        E.ensemble_chain(["1/2", "1/2"], 2, "1/2", alpha="1/2")  # needs p1
    with pytest.raises(InputError):
        E.ensemble_chain(["1/2", "1/2"], 2, "3/2")
    with pytest.raises(InputError):
        E.ensemble_chain(["1/2", "1/2"], 2, "1/2").stationary_distribution()


# --------------------------------------------------------------------------- laboratory


def _z(band: Band, curve: np.ndarray) -> np.ndarray:
    half = (band.ci_high - band.ci_low) / 2
    se = np.where(half > 0, half / 1.959963984540054, np.inf)
    return (band.mean - curve) / se


@pytest.mark.simulation
def test_lab_reproducible() -> None:
    kw = dict(models=3, weights="1/6,1/3,1/2", k=4, n=6, generations=5, replicates=50)
    a, b = lab.run(seed=8, **kw), lab.run(seed=8, **kw)  # type: ignore[arg-type]
    c = lab.run(seed=9, **kw)  # type: ignore[arg-type]
    for name in a.samples:
        assert np.array_equal(a.samples[name], b.samples[name])
    assert not np.array_equal(a.samples["gini"], c.samples["gini"])


@pytest.mark.simulation
@pytest.mark.parametrize("alpha", ["0", "1/4", "1/(t+1)"])
def test_lab_band_contains_exact_curve(alpha: str) -> None:
    n, gens = 4, 12
    res = lab.run(models=2, weights="1/3,2/3", k=3, n=n, generations=gens, replicates=4000,
                  alpha=alpha, seed=5, p="1/2,1/4,1/4", r0="1/6,1/3,1/2")
    z = _z(res.bands["gini"], res.theory["gini"])
    assert np.all(np.abs(z[1:]) < 4), z
    assert res.bands["gini"].contains(res.theory["gini"]).mean() > 0.7
    assert res.theory["gini"][0] == pytest.approx(1 - (1 / 36 + 1 / 9 + 1 / 4), abs=1e-15)
    # the single-model factor (1 − 1/N) in place of (1 − Σω²/N) is rejected
    g0 = float(res.theory["gini"][0])
    if alpha == "0":
        assert np.abs(_z(res.bands["gini"], g0 * (1 - 1 / n) ** np.arange(gens + 1))).max() > 4
        assert np.abs(_z(res.bands["gini"], g0 * (1 - 1 / (2 * n)) ** np.arange(gens + 1))
                      ).max() > 4
        assert res.stationary_gini == 0
    if alpha == "1/4":
        assert res.stationary_gini == E.stationary_ensemble_gini(["1/2", "1/4", "1/4"],
                                                                 ["1/3", "2/3"], n, "1/4")


@pytest.mark.simulation
def test_lab_lost_categories_never_return_without_grounding() -> None:
    res = lab.run(models=2, k=5, n=3, generations=30, replicates=300, seed=1)
    support = res.samples["support"]
    assert np.all(np.diff(support, axis=1) <= 0)
    absorbed = res.samples["absorbed"]
    assert np.all(np.diff(absorbed, axis=1) >= 0)
    assert absorbed[:, -1].mean() > 0.5
    grounded = lab.run(models=2, k=5, n=3, generations=30, replicates=300, seed=1, alpha="0.2")
    assert np.any(np.diff(grounded.samples["support"], axis=1) > 0)


def test_lab_bad_inputs() -> None:
    for kw in (dict(models=0), dict(weights="1/2,1/2", models=3), dict(weights="1/2,1/3"),
               dict(k=0), dict(n=0), dict(alpha="2"), dict(alpha="t+1"), dict(p="1/2,1/2"),
               dict(r0="1,0,0"), dict(generations=0), dict(seed=-1)):
        args: dict[str, object] = {"k": 4, "generations": 2, "replicates": 3}
        args.update(kw)
        with pytest.raises(InputError):
            lab.run(**args)  # type: ignore[arg-type]


def test_lab_cli(tmp_path: Path) -> None:
    from rich.console import Console

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    lab.register(sub)
    out, plot = tmp_path / "e.csv", tmp_path / "e.png"
    args = parser.parse_args(["ensemble", "--models", "3", "--weights", "0.2,0.3,0.5",
                              "--k", "4", "--n", "5", "--alpha", "0.1", "--generations", "4",
                              "--replicates", "20", "--seed", "2", "--quiet", "--out", str(out),
                              "--plot", str(plot)])
    buf = io.StringIO()
    assert args.handler(args, Console(file=buf, width=200)) == 0
    assert "effective N" in buf.getvalue()
    lines = out.read_text().splitlines()
    assert "gini_theory" in lines[0].split(",") and len(lines) == 6
    assert plot.stat().st_size > 0
    bad = parser.parse_args(["ensemble", "--weights", "0.5,0.6", "--models", "2", "--quiet"])
    with pytest.raises(InputError):
        bad.handler(bad, Console(file=io.StringIO()))


@pytest.mark.exact
def test_step_distribution_is_the_law_of_the_weighted_mixture_of_multinomials() -> None:
    """The exact law of R_t, enumerated independently: every model's counts drawn from the
    training mixture, combined with the weights (zero weights and uneven denominators
    included)."""
    import itertools
    import math

    def multinomial(t: tuple[F, ...], n: int) -> list[tuple[tuple[int, ...], F]]:
        out = []
        for counts in itertools.product(range(n + 1), repeat=len(t)):
            if sum(counts) == n:
                pr = F(math.factorial(n))
                for c, q in zip(counts, t, strict=True):
                    pr = pr * q**c / math.factorial(c)
                if pr:
                    out.append((counts, pr))
        return out

    cases = [
        ((F(1, 2), F(1, 4), F(1, 4)), (F(1, 3), F(2, 3)), 2, F(1, 4), (F(1, 6), F(1, 3), F(1, 2))),
        ((F(1, 5), F(4, 5)), (F(1, 6), F(1, 3), F(1, 2)), 2, F(1, 7), (F(1, 3), F(2, 3))),
        ((F(1, 2), F(1, 2)), (F(0), F(1)), 3, F(0), None),
    ]
    for r, w, n, alpha, p in cases:
        t = r if p is None else tuple(
            alpha * a + (1 - alpha) * b for a, b in zip(p, r, strict=True))
        law: dict[tuple[F, ...], F] = {}
        for draws in itertools.product(multinomial(t, n), repeat=len(w)):
            q = tuple(sum((wi * F(c[j], n) for wi, (c, _) in zip(w, draws, strict=True)),
                          F(0))
                      for j in range(len(r)))
            pr = math.prod((pc for _, pc in draws), start=F(1))
            law[q] = law.get(q, F(0)) + pr
        got = E.ensemble_step_distribution(r, w, n, alpha, p)
        assert got == law
        assert all(type(x) is F for key in got for x in key) and all(
            type(v) is F for v in got.values())
