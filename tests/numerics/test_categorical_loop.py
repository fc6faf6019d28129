"""The categorical laboratory: reproducibility, agreement with exact theory, CLI, bad input."""

from __future__ import annotations

import argparse
import csv
import io
import math
from fractions import Fraction as F
from pathlib import Path

import mpmath
import numpy as np
import pytest
from rich.console import Console

from numerics.entropy import entropy_trajectory, gini, shannon_entropy, wright_fisher_matrix
from numerics.errors import InputError
from numerics.loops import categorical
from numerics.loops.categorical import run

pytestmark = [pytest.mark.simulation]


def z_scores(res: categorical.CategoricalResult, curve: np.ndarray, band: str = "gini"
             ) -> np.ndarray:
    b = getattr(res, band)
    se = (b.ci_high - b.ci_low) / (2 * 1.959963984540054)
    return (b.mean - curve) / se


def _binomial(n: int, p: F) -> list[F]:
    return [math.comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(n + 1)]


# ------------------------------------------------------------------------------ reproducibility


def test_seeded_runs_are_bit_identical() -> None:
    kwargs = dict(k=6, n=15, generations=12, replicates=40, alpha="1/(t+1)", seed=123,
                  p="dirichlet:0.5")
    a, b = run(**kwargs), run(**kwargs)
    for name in ("entropy", "gini", "support", "tv"):
        for field in ("mean", "ci_low", "ci_high", "q_low", "q_high"):
            assert np.array_equal(getattr(getattr(a, name), field),
                                  getattr(getattr(b, name), field))
    assert np.array_equal(a.p, b.p) and np.array_equal(a.gini_theory, b.gini_theory)
    assert math.isclose(a.p.sum(), 1.0, rel_tol=1e-12)
    c = run(**{**kwargs, "seed": 124})
    assert not np.array_equal(a.gini.mean, c.gini.mean)
    assert not np.array_equal(a.p, c.p)


def test_schedule_index_convention() -> None:
    # α_t is used for the step from Q_t to Q_{t+1}, t = 0..G−1 (the paper's indexing)
    res = run(k=3, n=10, generations=4, replicates=5, alpha="(t+1)^(-1/2)")
    assert np.allclose(res.alphas, [1.0, 1 / math.sqrt(2), 1 / math.sqrt(3), 0.5], rtol=1e-15)
    res = run(k=3, n=10, generations=3, replicates=5, alpha="1/(t+1)")
    assert np.allclose(res.alphas, [1.0, 0.5, 1 / 3], rtol=1e-15)
    with pytest.raises(InputError, match="t = 0"):
        run(k=3, n=10, generations=3, replicates=5, alpha="t^(-1/2)")
    res = run(k=3, n=10, generations=3, replicates=5, alpha=lambda t: 0.1 * t)
    assert np.allclose(res.alphas, [0.0, 0.1, 0.2])
    assert not res.gini_theory_exact
    # α = 1 every generation: a fresh sample of P each time
    fresh = run(k=4, n=10, generations=6, replicates=2000, alpha="1", seed=2)
    assert np.allclose(fresh.gini_theory, fresh.gini_theory[0])


# ------------------------------------------------------------------------------ exact theory


def test_gini_band_contains_exact_decay_alpha_zero() -> None:
    res = run(k=5, n=20, generations=30, replicates=4000, seed=11)
    g_p = 1 - 5 * (1 / 5) ** 2
    exact = (1 - 1 / 20) ** (np.arange(31) + 1) * g_p
    assert np.allclose(res.gini_theory, exact, rtol=1e-14)
    # generations are strongly correlated, so the count of generations inside the 95% CI is
    # not binomial (this seed has 13/31 inside while every |z| < 3.4); the honest per-point
    # check is |z| < 4 at every generation (P(|z| > 4) = 6e-5 per point)
    z = z_scores(res, res.gini_theory)
    assert np.abs(z).max() < 4
    assert np.array_equal(z, res.gini_z())
    # forgetting that Q_0 is itself an empirical distribution: one factor off, rejected
    wrong = (1 - 1 / 20) ** np.arange(31) * g_p
    assert np.abs(z_scores(res, wrong)).max() > 10


def test_gini_band_with_grounding_rejects_mean_field() -> None:
    res = run(k=4, n=10, generations=25, replicates=4000, alpha="0.2", seed=5)
    z = z_scores(res, res.gini_theory)
    assert np.abs(z).max() < 4
    # the mean-field recursion E[G_{t+1}] = (1 − 1/N) G(α P + (1 − α) E[Q_t]) is flat here
    mean_field = np.full(26, (1 - 1 / 10) * (1 - 4 * (1 / 4) ** 2))
    assert np.abs(z_scores(res, mean_field))[5:].min() > 10


def test_accumulate_mode_matches_exact_and_keeps_diversity() -> None:
    res = run(k=4, n=10, generations=25, replicates=3000, mode="accumulate", seed=8)
    z = z_scores(res, res.gini_theory)
    assert np.abs(z).max() < 4
    replace_curve = run(k=4, n=10, generations=25, replicates=2, seed=8).gini_theory
    assert np.abs(z_scores(res, replace_curve)).max() > 10
    # with α = 0 and every draw kept, no category present in Q_0 is ever lost
    assert res.gini.mean[-1] > 0.6
    assert np.array_equal(res.support.mean, np.full(26, res.support.mean[0]))


def _exact_two_category_entropy(n: int, p1: F, alpha: F, T: int, mode: str) -> list[float]:
    """E[H(Q_t)] for K = 2 by propagating the exact law over the rationals."""
    law = dict(enumerate(_binomial(n, p1)))
    out = []
    for s in range(T + 1):
        size = n * (s + 1) if mode == "accumulate" else n
        with mpmath.workdps(30):
            out.append(float(mpmath.fsum(
                mpmath.mpf(w.numerator) / w.denominator
                * shannon_entropy([F(c, size), 1 - F(c, size)], dps=30)
                for c, w in law.items() if w)))
        new: dict[int, F] = {}
        for c, w in law.items():
            m = alpha * p1 + (1 - alpha) * F(c, size)
            for b, pb in enumerate(_binomial(n, m)):
                key = c + b if mode == "accumulate" else b
                new[key] = new.get(key, F(0)) + w * pb
        law = new
    return out


@pytest.mark.parametrize(("mode", "alpha"), [("replace", "0"), ("replace", "1/4"),
                                             ("accumulate", "0"), ("accumulate", "1/3")])
def test_two_category_entropy_theory_is_exact(mode: str, alpha: str) -> None:
    n, T = 5, 6
    res = run(k=2, n=n, generations=T, replicates=3, alpha=alpha, mode=mode, p=["1/3", "2/3"])
    exact = _exact_two_category_entropy(n, F(1, 3), F(alpha), T, mode)
    assert res.entropy_theory is not None
    assert np.allclose(res.entropy_theory, exact, rtol=1e-12, atol=0)
    # a wrong sample size is rejected by the same comparison
    wrong = _exact_two_category_entropy(n + 1, F(1, 3), F(alpha), T, mode)
    assert not np.allclose(res.entropy_theory, wrong, rtol=1e-3)


def test_two_category_entropy_band_and_chain_agree() -> None:
    n, T = 12, 40
    res = run(k=2, n=n, generations=T, replicates=4000, seed=3, p=["1/2", "1/2"])
    # the lab's float64 chain against the exact big-integer chain of numerics.entropy
    start = _binomial(n, F(1, 2))
    trajs = [entropy_trajectory(n, i, T, dps=30) for i in range(n + 1)]
    exact = [float(sum(float(w) * trajs[i][t] for i, w in enumerate(start))) for t in range(T + 1)]
    assert res.entropy_theory is not None
    assert np.allclose(res.entropy_theory, exact, rtol=1e-12)
    z = z_scores(res, res.entropy_theory, "entropy")
    assert np.abs(z).max() < 4
    assert res.entropy_inside() is not None
    # the entropy falls in expectation, yet individual paths can rise (thm-2/supermartingale)
    assert np.all(np.diff(res.entropy_theory) < 0)


def test_wright_fisher_matrix_consistency_with_lab_mixing() -> None:
    """The lab's mixing rule is the chain of numerics.entropy.wright_fisher_matrix (K = 2)."""
    mat = wright_fisher_matrix(4, "1/4", "1/3")
    exp_gini_next = sum(
        (w * gini([F(j, 4), 1 - F(j, 4)]) for j, w in enumerate(mat[2])), F(0))
    m = F(1, 4) * F(1, 3) + F(3, 4) * F(1, 2)
    assert exp_gini_next == (1 - F(1, 4)) * gini([m, 1 - m])


# ------------------------------------------------------------------------------ output, CLI


def test_csv_and_plot(tmp_path: Path) -> None:
    res = run(k=3, n=10, generations=5, replicates=20, seed=1)
    out = tmp_path / "r.csv"
    res.to_csv(out)
    with out.open() as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 7
    header = rows[0]
    for col in ("generation", "alpha", "gini_mean", "gini_ci_low", "entropy_q975", "tv_mean",
                "support_mean", "gini_theory", "entropy_theory"):
        assert col in header
    assert float(rows[-1][header.index("generation")]) == 5
    png = tmp_path / "r.png"
    res.plot(png)
    assert png.stat().st_size > 1000


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="collapse-check")
    sub = parser.add_subparsers(dest="simulator")
    categorical.register(sub)
    return parser


def test_cli_handler(tmp_path: Path) -> None:
    args = _parser().parse_args([
        "categorical", "--k", "4", "--n", "10", "--generations", "6", "--replicates", "30",
        "--alpha", "1/(t+1)", "--mode", "accumulate", "--seed", "2", "--quiet",
        "--out", str(tmp_path / "c.csv"), "--plot", str(tmp_path / "c.png"),
    ])
    buffer = io.StringIO()
    console = Console(file=buffer, width=160)
    assert args.handler(args, console) == 0
    text = buffer.getvalue()
    assert "Gini" in text and "generations" in text
    assert (tmp_path / "c.csv").exists() and (tmp_path / "c.png").exists()


@pytest.mark.parametrize(
    "flags",
    [
        ["--mode", "sideways"],
        ["--k", "0"],
        ["--n", "1.5"],
        ["--alpha", "2"],
        ["--alpha", "2*t"],
        ["--alpha", "__import__('os')"],
        ["--p", "0.5,0.6"],
        ["--p", "dirichlet:-1"],
        ["--p", "gaussian"],
        ["--generations", "abc"],
        ["--replicates", "0"],
        ["--seed", "-3"],
    ],
)
def test_cli_bad_flags(flags: list[str]) -> None:
    args = _parser().parse_args(["categorical", "--generations", "3", "--replicates", "3",
                                 "--quiet", *flags])
    with pytest.raises(InputError) as info:
        args.handler(args, Console(file=io.StringIO()))
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(k=3, n=10, generations=3, replicates=3, p=["1/2", "1/2"]),
        dict(k=2, n=10, generations=3, replicates=3, p=["0.5", "0.6"]),
        dict(k=2, n=10, generations=3, replicates=3, p=[float("nan"), 1]),
        dict(k=2, n=0, generations=3, replicates=3),
        dict(k=2, n=10, generations=0, replicates=3),
        dict(k=2, n=10, generations=3, replicates=3, mode="both"),
        dict(k=2, n=10, generations=3, replicates=3, alpha=lambda t: float("nan")),
        dict(k=2.5, n=10, generations=3, replicates=3),
    ],
)
def test_run_bad_input(kwargs: dict[str, object]) -> None:
    with pytest.raises(InputError):
        run(**kwargs)  # type: ignore[arg-type]
