"""The compiled sampling kernels: distributions, statistics, seeding, backends agree."""

from __future__ import annotations

import numpy as np
import pytest

from numerics.loops import categorical, ensemble, gaussian, kernels, verifier
from numerics.loops.categorical import _statistics

pytestmark = [pytest.mark.simulation]

Z = 1.959963984540054


@pytest.fixture(autouse=True)
def _compiled() -> None:
    kernels._ensure()  # the helpers below are called directly, not through a laboratory


def _z(mean_a: np.ndarray, se_a: np.ndarray, mean_b: np.ndarray, se_b: np.ndarray
       ) -> np.ndarray:
    se = np.sqrt(se_a**2 + se_b**2)
    return np.where(se > 0, (mean_a - mean_b) / np.where(se > 0, se, 1.0), 0.0)


def _band_z(a: object, b: object) -> np.ndarray:
    se_a = (a.ci_high - a.ci_low) / (2 * Z)  # type: ignore[attr-defined]
    se_b = (b.ci_high - b.ci_low) / (2 * Z)  # type: ignore[attr-defined]
    return _z(a.mean, se_a, b.mean, se_b)  # type: ignore[attr-defined]


def test_compiled_statistics_are_the_laboratory_definitions() -> None:
    rng = np.random.default_rng(0)
    p = rng.dirichlet(np.ones(7))
    counts = rng.multinomial(40, np.full((30, 7), 1 / 7))
    counts[0] = [40, 0, 0, 0, 0, 0, 0]
    clog = np.arange(41.0) * np.log(np.maximum(np.arange(41.0), 1.0))
    want = np.stack(_statistics(counts, 40, p, clog), axis=1)
    for table in (clog, np.empty(0)):  # with the c ln c table and with direct logarithms
        dense = np.empty((4, 1))
        sparse = np.empty((4, 1))
        for r in range(counts.shape[0]):
            kernels._categorical_stats(counts[r], 40, p, table, dense, 0)
            cells = np.flatnonzero(counts[r]).astype(np.int64)
            kernels._sparse_stats(counts[r], cells, cells.size, 40, p, float(p.sum()), table,
                                  sparse, 0)
            assert np.allclose(dense[:, 0], want[r], rtol=1e-12, atol=1e-14)
            assert np.allclose(sparse[:, 0], want[r], rtol=1e-12, atol=1e-14)
    # a wrong total is caught by the same comparison
    kernels._categorical_stats(counts[1], 41, p, clog, dense, 0)
    assert not np.allclose(dense[:, 0], want[1])


def test_alias_multinomial_has_the_multinomial_moments() -> None:
    w = np.array([0.05, 0.0, 0.15, 0.3, 0.5])
    reps, n = 40000, 30
    st = kernels.stepper(reps, w.size, 7)
    counts, _ = kernels.verifier_step(st, n, np.tile(w, (reps, 1)), np.ones((reps, 5)), False)
    st.close()
    assert (counts.sum(axis=1) == n).all() and (counts[:, 1] == 0).all()
    mean = counts.mean(axis=0)
    se = np.sqrt(n * w * (1 - w) / reps)
    z = np.where(se > 0, (mean - n * w) / np.where(se > 0, se, 1), 0)
    assert np.abs(z).max() < 4.5
    cov = np.cov(counts.T)
    assert abs(cov[3, 4] - (-n * 0.3 * 0.5)) < 0.15  # s.e. of the sample covariance ≈ 0.03
    # the same comparison rejects a wrong distribution
    wrong = np.array([0.1, 0.0, 0.1, 0.3, 0.5])
    assert np.abs((mean - n * wrong)[se > 0] / se[se > 0]).max() > 10


def test_thinning_is_binomial() -> None:
    reps, n = 40000, 20
    pol = np.tile([0.5, 0.5], (reps, 1))
    ver = np.tile([0.25, 1.0], (reps, 1))
    st = kernels.stepper(reps, 2, 3)
    counts, accepted = kernels.verifier_step(st, n, pol, ver, True)
    st.close()
    assert (accepted <= counts).all() and (accepted[:, 1] == counts[:, 1]).all()
    ratio = accepted[:, 0].sum() / counts[:, 0].sum()
    assert abs(ratio - 0.25) < 0.01


@pytest.mark.parametrize("mode", ["replace", "accumulate"])
def test_results_do_not_depend_on_the_number_of_threads(
    monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    kwargs = dict(k=6, n=15, generations=8, replicates=150, alpha="1/(t+1)", seed=5, mode=mode)
    monkeypatch.setenv("COLLAPSE_CHECK_THREADS", "1")
    one = categorical.run(**kwargs)  # type: ignore[arg-type]
    g1 = gaussian.run(6, 5, 150, seed=5, mode=mode)
    v1 = verifier.run(answers=5, correct=2, n=10, generations=4, replicates=150, seed=5)
    e1 = ensemble.run(models=3, k=4, n=8, generations=4, replicates=150, seed=5)
    monkeypatch.setenv("COLLAPSE_CHECK_THREADS", "3")
    three = categorical.run(**kwargs)  # type: ignore[arg-type]
    g3 = gaussian.run(6, 5, 150, seed=5, mode=mode)
    v3 = verifier.run(answers=5, correct=2, n=10, generations=4, replicates=150, seed=5)
    e3 = ensemble.run(models=3, k=4, n=8, generations=4, replicates=150, seed=5)
    for name in ("entropy", "gini", "support", "tv"):
        assert np.array_equal(getattr(one, name).mean, getattr(three, name).mean)
    assert np.array_equal(g1.log_sigma2.q_low, g3.log_sigma2.q_low)
    for a, b in ((v1, v3), (e1, e3)):
        for name in a.samples:
            assert np.array_equal(a.samples[name], b.samples[name])


@pytest.mark.skipif(kernels.backend() != "numba", reason="numba is not installed")
@pytest.mark.parametrize(("mode", "alpha"), [("replace", "0"), ("replace", "0.3"),
                                             ("accumulate", "1/(t+1)")])
def test_backends_and_kernels_agree_in_distribution(
    monkeypatch: pytest.MonkeyPatch, mode: str, alpha: str
) -> None:
    kwargs = dict(k=5, n=12, generations=15, replicates=3000, alpha=alpha, mode=mode, seed=9)
    urn = categorical.run(**kwargs)  # type: ignore[arg-type]
    monkeypatch.setattr(kernels, "_URN_MAX", 0)  # the counts-and-alias kernel
    counts = categorical.run(**kwargs)  # type: ignore[arg-type]
    monkeypatch.setattr(kernels, "_NUMBA", False)  # the NumPy fallback
    fallback = categorical.run(**kwargs)  # type: ignore[arg-type]
    assert not np.array_equal(urn.gini.mean, counts.gini.mean)
    for other in (counts, fallback):
        for name in ("entropy", "gini", "support", "tv"):
            z = _band_z(getattr(urn, name), getattr(other, name))
            assert np.abs(z).max() < 4.5, (name, z)
    for res in (urn, counts, fallback):
        assert np.abs(res.gini_z()[1:]).max() < 4.5
    g_fast = gaussian.run(8, 10, 3000, seed=2, mode=mode)
    g_slow = gaussian.run(8, 10, 3000, seed=2, mode=mode)
    assert np.array_equal(g_fast.mean.mean, g_slow.mean.mean)  # same backend, same numbers
