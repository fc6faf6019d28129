"""The Gaussian laboratory: reproducibility, exact curves inside the bands, CLI, bad input."""

from __future__ import annotations

import argparse
import csv
import io
import math
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from rich.console import Console

from numerics.errors import InputError
from numerics.loops import gaussian
from numerics.loops.gaussian import QUANTITIES, run
from numerics.variance import expected_sigma2_refit, refit_mean_variance

# Bonferroni level for 30 correlated generations at 1%: Φ⁻¹(1 − 0.005/30) ≈ 3.59
Z_MAX = 3.6
CONFIGS = [
    ("mle", "0", "replace", 3),
    ("unbiased", "0", "replace", 4),
    ("mle", "0", "accumulate", 5),
    ("unbiased", "0.2", "replace", 6),
    ("mle", "1/(t+1)", "replace", 7),
    ("unbiased", "1/(t+1)", "accumulate", 8),
]


@pytest.mark.simulation
def test_bit_reproducible() -> None:
    for mode in ("replace", "accumulate"):
        a = run(6, 15, 50, alpha="0.3", mode=mode, seed=42)
        b = run(6, 15, 50, alpha="0.3", mode=mode, seed=42)
        c = run(6, 15, 50, alpha="0.3", mode=mode, seed=43)
        for name in QUANTITIES:
            for attr in ("mean", "ci_low", "q_low", "q_high"):
                assert np.array_equal(getattr(a.band(name), attr), getattr(b.band(name), attr))
        assert not np.array_equal(a.sigma2.mean, c.sigma2.mean)


def test_theory_curves_are_the_closed_forms() -> None:
    n, g = 10, 25
    for est in ("mle", "unbiased"):
        r = run(n, g, 2, estimator=est, seed=0)
        s2 = r.theory["sigma2"]
        sq = r.theory["sq_error"]
        assert s2 is not None and sq is not None
        assert s2.tolist() == [float(expected_sigma2_refit(n, est, t)) for t in range(g + 1)]
        assert sq.tolist() == [float(refit_mean_variance(n, est, t)) for t in range(g + 1)]
        drift = float(r.refit.log_sigma2_drift)
        log_curve = r.theory["log_sigma2"]
        assert log_curve is not None
        assert np.allclose(log_curve, drift * np.arange(g + 1), rtol=1e-14, atol=1e-14)
    # no closed form for E ln σ² with mixed batches or accumulation
    assert run(n, 5, 2, alpha="0.5").theory["log_sigma2"] is None
    assert run(n, 5, 2, mode="accumulate").theory["entropy"] is None
    # all-real batches: every fit is a fresh one, E ln σ² = ln σ²_P + drift
    fresh = run(n, 5, 2, alpha=1, sigma2_p="2").theory["log_sigma2"]
    assert fresh is not None
    assert np.allclose(fresh[1:], math.log(2) + float(run(n, 1, 1).refit.log_sigma2_drift))


@pytest.mark.simulation
@pytest.mark.parametrize(("estimator", "alpha", "mode", "seed"), CONFIGS)
def test_exact_curves_lie_in_the_bands(estimator: str, alpha: str, mode: str, seed: int) -> None:
    n, g = 10, 30
    r = run(n, g, 3000, estimator=estimator, alpha=alpha, mode=mode, seed=seed)
    # In replace mode σ²_t is a product of t i.i.d. factors: log-normal-like with
    # Var(ln σ²_t) = t·ψ'((N−1)/2), so the normal CI of its mean is only trusted while that
    # variance is at most 1 (a heavy right tail makes the replicate mean undershoot, then jump).
    trusted = int(1 / float(r.refit.log_sigma2_step_variance))
    checked = 0
    for name in QUANTITIES:
        z = r.z_scores(name)
        if z is None:
            continue
        checked += 1
        if name in ("sigma2", "sq_error") and mode == "replace":
            z = z[:trusted]
        assert float(np.max(np.abs(z))) < Z_MAX, (name, z)
    assert checked >= 3


@pytest.mark.simulation
@pytest.mark.parametrize("estimator", ["mle", "unbiased"])
def test_variance_band_with_light_tails(estimator: str) -> None:
    # N = 40: t·ψ'(39/2) ≤ 1 for t ≤ 19, so the whole horizon is in the trusted range
    r = run(40, 19, 4000, estimator=estimator, seed=12)
    assert 19 * float(r.refit.log_sigma2_step_variance) <= 1
    for name in QUANTITIES:
        z = r.max_abs_z(name)
        assert z is not None and z < Z_MAX, (name, z)
        frac = r.inside_fraction(name)
        assert frac is not None and frac >= 0.5


@pytest.mark.simulation
def test_wrong_curves_are_rejected_by_the_bands() -> None:
    n, g = 10, 30
    for est in ("mle", "unbiased"):
        r = run(n, g, 3000, estimator=est, seed=3)
        other = "unbiased" if est == "mle" else "mle"
        wrong_refit = run(n, 1, 1, estimator=other).refit
        t = np.arange(g + 1)
        wrong = {
            "sigma2": np.array([float(expected_sigma2_refit(n, other, s)) for s in t]),
            "sq_error": np.array([float(refit_mean_variance(n, other, s)) for s in t]),
            "log_sigma2": float(wrong_refit.log_sigma2_drift) * t,        # swapped divisor
            "entropy": r.theory["entropy"] + 0.5 * float(r.refit.log_sigma2_drift) * t,  # 2×
        }
        for name, curve in wrong.items():
            r.theory[name] = curve
            z = r.max_abs_z(name)
            assert z is not None and z > 3 * Z_MAX, (est, name, z)
    # accumulation: the replace-mode linear variance is rejected
    acc = run(n, g, 3000, mode="accumulate", estimator="unbiased", seed=5)
    acc.theory["sq_error"] = np.arange(g + 1) / n
    z = acc.max_abs_z("sq_error")
    assert z is not None and z > 3 * Z_MAX


@pytest.mark.simulation
def test_accumulation_keeps_the_error_bounded() -> None:
    r = run(10, 200, 400, mode="accumulate", estimator="unbiased", seed=9)
    sq = r.theory["sq_error"]
    assert sq is not None
    assert sq[-1] < 0.1 * math.pi**2 / 6 + 1e-12  # below the known-variance bound σ²π²/(6N)
    assert r.sq_error.mean[-1] < 0.25
    rep = run(10, 200, 2, mode="replace", estimator="unbiased", seed=9)
    rep_sq = rep.theory["sq_error"]
    assert rep_sq is not None and rep_sq[-1] == 20.0  # linear growth: Var(μ_200) = 200/10


def test_no_underflow_of_the_log_variance() -> None:
    r = run(2, 400, 64, estimator="mle", seed=1)
    assert np.isfinite(r.log_sigma2.mean).all()
    assert r.log_sigma2.mean[-1] < -500  # σ² itself is far below the float range


def test_csv_and_plot(tmp_path: Path) -> None:
    r = run(5, 4, 20, alpha="1/(t+1)", seed=2)
    out = tmp_path / "g.csv"
    r.to_csv(out)
    with out.open() as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 5
    assert {"generation", "real_in_batch", "sigma2_mean", "sigma2_theory",
            "log_sigma2_theory"} <= set(rows[0])
    assert rows[1]["real_in_batch"] == "5.0" and rows[2]["real_in_batch"] == "3.0"
    assert rows[3]["log_sigma2_theory"] == "nan"
    png = tmp_path / "g.png"
    r.plot(png)
    assert png.stat().st_size > 1000


def _cli(argv: list[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="collapse-check")
    sub = parser.add_subparsers(dest="command")
    gaussian.register(sub)
    args = parser.parse_args(argv)
    buffer = io.StringIO()
    code = args.handler(args, Console(file=buffer, width=160))
    return code, buffer.getvalue()


def test_cli(tmp_path: Path) -> None:
    code, text = _cli(["gaussian", "--n", "8", "--generations", "20", "--replicates", "300",
                       "--estimator", "unbiased", "--seed", "3", "--quiet",
                       "--out", str(tmp_path / "a.csv")])
    assert code == 0
    assert "final generation" in text and "max |z|" in text
    assert (tmp_path / "a.csv").exists()
    for bad in (["--estimator", "foo"], ["--alpha", "2"], ["--n", "1"], ["--mode", "keep"],
                ["--sigma2-p", "0"], ["--generations", "0"], ["--alpha", "t^2"]):
        with pytest.raises(InputError):
            _cli(["gaussian", "--generations", "5", "--replicates", "10", "--quiet", *bad])


def test_bad_inputs() -> None:
    with pytest.raises(InputError, match="N - 1 = 0"):
        run(1, 3, 3, estimator="unbiased")
    with pytest.raises(InputError, match="point mass"):
        run(1, 3, 3, estimator="mle")
    for kwargs in ({"alpha": "-0.1"}, {"alpha": "1.01"}, {"alpha": float("nan")},
                   {"mode": "keep"}, {"estimator": "ml"}, {"sigma2_p": -1},
                   {"mu_p": float("inf")}, {"seed": -1}, {"seed": 1.5}):
        with pytest.raises(InputError):
            run(5, 3, 3, **kwargs)  # type: ignore[arg-type]
    for n, g, r in ((2.5, 3, 3), (5, 0, 3), (5, 3, 0), ("x", 3, 3)):
        with pytest.raises(InputError):
            run(n, g, r)
    assert run(5, 2, 3, alpha=Fraction(1, 5)).real_counts == (1, 1)
