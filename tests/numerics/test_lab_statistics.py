"""The laboratories' output statistics: simultaneous bands, positive σ² bands, exact E[H] for
every K, the real share of accumulated data, the seed in every plot title."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from numerics.bands import summarise
from numerics.loops import categorical, ensemble, gaussian, programs, verifier
from numerics.loops.common import share_max_abs_z, wilson_band

pytestmark = [pytest.mark.simulation]


def test_simultaneous_band_is_wider_than_pointwise_and_covers_a_correct_curve() -> None:
    rng = np.random.default_rng(5)
    band = summarise(rng.normal(0.0, 1.0, size=(400, 200)))
    low, high = band.simultaneous(0.05)
    assert np.all(low < band.ci_low) and np.all(high > band.ci_high)
    assert np.all((low <= 0) & (high >= 0))  # the true mean 0, at every generation at once
    assert band.max_abs_z(np.zeros(200), start=0) < 3.8
    assert band.max_abs_z(np.full(200, 0.3), start=0) > 3.8  # a wrong curve


def test_log_interval_stays_positive_where_the_normal_one_does_not() -> None:
    r = gaussian.run(5, 100, 400, estimator="unbiased", seed=3)
    low, high = r.sigma2.log_interval(0.05)
    assert np.all(low > 0) and np.all(high >= r.sigma2.mean)
    assert np.any(r.sigma2.ci_low < 0)  # heavy tails: the normal interval crosses 0


def test_wilson_band_and_exact_share_z() -> None:
    lo, hi = wilson_band(np.array([0.0, 1.0]), 1000, 3.5)
    assert lo[0] == 0 and hi[0] > 0 and lo[1] < 1 and hi[1] == pytest.approx(1)
    # 0 survivors where 0.06 are expected is no evidence (the sample s.e. would say infinite)
    assert share_max_abs_z(np.array([0.0]), np.array([6e-5]), 1000) < 1
    assert share_max_abs_z(np.array([0.05]), np.array([0.01]), 1000) > 10


@pytest.mark.parametrize(("k", "alpha", "mode"), [(3, "0", "replace"), (5, "1/2", "replace"),
                                                   (4, "0", "accumulate")])
def test_exact_entropy_curve_for_every_k(k: int, alpha: str, mode: str) -> None:
    r = categorical.run(k=k, n=12, generations=15, replicates=20_000, alpha=alpha, mode=mode,
                        seed=7)
    assert r.entropy_theory is not None
    assert r.entropy.max_abs_z(r.entropy_theory, start=0) < 4.0
    wrong = r.entropy_theory * 1.01
    assert r.entropy.max_abs_z(wrong, start=0) > 4.0


def test_exact_entropy_for_two_categories_is_the_binary_chain() -> None:
    p = (categorical.Fraction(1, 3), categorical.Fraction(2, 3))
    alphas = np.zeros(10)
    two = categorical._entropy_theory(8, p, alphas, "replace")
    one = categorical._entropy_term(8, 1 / 3, alphas, "replace")
    other = categorical._entropy_term(8, 2 / 3, alphas, "replace")
    assert np.allclose(two, one + other, rtol=0, atol=1e-14)


def test_accumulation_real_share_counts_the_first_batch() -> None:
    r = gaussian.run(5, 6, 3, mode="accumulate", alpha="0", seed=1)
    assert r.real_share().tolist() == [1.0] + [1 / t for t in range(1, 7)]
    r = gaussian.run(5, 3, 3, mode="replace", alpha="0", seed=1)
    assert r.real_share().tolist() == [1.0, 1.0, 0.0, 0.0]


def test_every_plot_title_names_the_seed(monkeypatch, tmp_path: Path) -> None:
    titles: list[str] = []
    for mod in (categorical, gaussian, programs, ensemble, verifier):
        monkeypatch.setattr(mod, "plot_panels", lambda path, panels, title: titles.append(title))
    categorical.run(k=3, n=5, generations=2, replicates=4, seed=11).plot(tmp_path / "a.png")
    gaussian.run(5, 2, 4, seed=12).plot(tmp_path / "b.png")
    programs.run(n=10, generations=2, replicates=4, seed=13).plot(tmp_path / "c.png")
    ensemble.run(models=2, k=3, n=5, generations=2, replicates=4, seed=14).plot(tmp_path / "d")
    verifier.run(answers=4, correct=2, n=5, generations=2, replicates=4, seed=15).plot(
        tmp_path / "e.png")
    assert [f"seed {s}" in t for s, t in zip(range(11, 16), titles, strict=True)] == [True] * 5


def test_share_panels_have_a_unit_axis_and_no_replicate_range(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    seen = {}
    real_savefig = plt.Figure.savefig

    def capture(fig, *a, **kw):
        for ax in fig.axes:
            if ax.get_legend() is None:  # the unused cell of the grid
                continue
            seen[ax.get_title()] = (ax.get_ylim(), [t.get_text() for t in
                                                    ax.get_legend().get_texts()])
        return real_savefig(fig, *a, **kw)

    plt.Figure.savefig = capture
    try:
        ensemble.run(models=2, k=3, n=5, generations=5, replicates=20, seed=1).plot(
            tmp_path / "e.png")
    finally:
        plt.Figure.savefig = real_savefig
    ylim, legend = seen["absorbed at a point mass"]
    assert ylim[0] >= -0.05 and ylim[1] <= 1.05
    assert not any("95% of replicates" in t for t in legend)
