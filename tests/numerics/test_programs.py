"""The 2, 4, 6, 8 example (§5.5), the program language, and the symbolic-anchor laboratory."""

from __future__ import annotations

import argparse
import io
import itertools
import math
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
from rich.console import Console

from numerics.errors import InputError
from numerics.information import (
    dyadic_coins,
    misidentification_probability,
    wright_fisher_variance,
)
from numerics.loops import programs as lab
from numerics.programs import (
    KINDS,
    MAX_ENUMERATE,
    Program,
    best_program,
    consistent_programs,
    empirical_predictive,
    enumerate_programs,
    posterior_predictive,
    rank_programs,
    signed_code_length,
)

# ---------------------------------------------------------------------------------- language


def _gamma_bits(m: int) -> str:
    b = bin(m)[2:]
    return "0" * (len(b) - 1) + b


def _signed_bits(z: int) -> str:
    return _gamma_bits(1 if z == 0 else (2 * z if z > 0 else -2 * z + 1))


def encode(p: Program) -> str:
    """An independent encoder following the module docstring's stated encoding."""
    tag = format(KINDS.index(p.kind), "03b")
    if p.kind == "pow":
        return tag + _gamma_bits(p.params[0] - 1)
    body = "".join(_signed_bits(v) for v in p.params)
    if p.kind == "cycle":
        return tag + _gamma_bits(len(p.params) - 1) + body
    return tag + body


def test_lengths_follow_the_stated_encoding() -> None:
    progs = enumerate_programs(16)
    codes = [encode(p) for p in progs]
    assert all(len(c) == p.length for c, p in zip(codes, progs, strict=True))
    assert len(set(codes)) == len(codes)
    # prefix-free: after sorting, a prefix would sit right before a word it starts
    ordered = sorted(codes)
    assert not any(b.startswith(a) for a, b in itertools.pairwise(ordered))
    # so the Kraft sum is below 1 (exactly)
    assert sum((F(1, 2**len(c)) for c in codes), F(0)) < 1


def test_specific_lengths() -> None:
    assert Program("lin", (2, 0)).length == 9
    assert Program("pow", (2,)).length == 4
    assert Program("square", (0,)).length == 4
    assert Program("cycle", (2, 4, 6, 8)).length == 34
    assert [signed_code_length(z) for z in (0, 1, -1, 2, -2, 3, 4)] == [1, 3, 3, 5, 5, 5, 7]


def test_terms() -> None:
    assert Program("lin", (2, 0)).terms(6) == [2, 4, 6, 8, 10, 12]
    assert Program("square", (0,)).terms(4) == [1, 4, 9, 16]
    assert Program("pow", (3,)).terms(3) == [3, 9, 27]
    assert Program("geom", (3, -2)).terms(3) == [-6, 12, -24]
    assert Program("cycle", (1, 2, 3)).terms(5) == [1, 2, 3, 1, 2]
    assert Program("const", (-7,)).terms(2) == [-7, -7]


@pytest.mark.exact
@pytest.mark.parametrize(
    "data", [[2, 4, 6, 8], [2, 4], [1], [0], [1, 4, 9], [3, 3, 3], [5, -5], [-2, 4, -8], [6], [7]]
)
def test_consistent_programs_equal_brute_force(data: list[int]) -> None:
    limit = 20
    brute = [p for p in enumerate_programs(limit) if p.terms(len(data)) == data]
    assert consistent_programs(data, limit) == brute


# ---------------------------------------------------------------------------------- 2, 4, 6, 8


@pytest.mark.exact
def test_even_numbers_recovered_and_extrapolated() -> None:
    data = [2, 4, 6, 8]
    assert best_program(data, 40) == Program("lin", (2, 0))
    ranked = rank_programs(data, 40)
    assert sum(w for _, w in ranked) == 1
    p10 = posterior_predictive(data, 40)
    p12 = posterior_predictive(data, 40, ahead=2)
    assert sum(p10.values()) == 1 and sum(p12.values()) == 1
    assert max(p10, key=p10.__getitem__) == 10 and max(p12, key=p12.__getitem__) == 12
    assert p10[10] > 1 - F(1, 10**7) and p12[12] > 1 - F(1, 10**7)
    # at 36 bits the only competitor is the 34-bit cycle: weight 2^-34 against 2^-9
    assert posterior_predictive(data, 36) == {10: F(2**25, 2**25 + 1), 2: F(1, 2**25 + 1)}
    # the distributional learner has no mass on the unseen values
    emp = empirical_predictive(data)
    assert emp.get(10, 0) == 0 and emp.get(12, 0) == 0
    assert sum(emp.values()) == 1
    smooth = empirical_predictive(data, smoothing=1, support=range(1, 13))
    assert smooth[10] == smooth[12] == F(1, 16) and smooth[2] == F(2, 16)


@pytest.mark.exact
def test_prediction_check_can_fail() -> None:
    # with two terms the shortest program is 2^k, which predicts 8, not 6
    pred = posterior_predictive([2, 4], 24)
    assert max(pred, key=pred.__getitem__) == 8
    assert pred.get(6, 0) < F(1, 2)
    assert best_program([2, 4, 6], 24) == Program("lin", (2, 0))


# ---------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: consistent_programs([], 20), "empty"),
        (lambda: consistent_programs([2, 4.5], 20), "integers"),
        (lambda: consistent_programs([2, "4"], 20), "integers"),
        (lambda: consistent_programs([2, None], 20), "integers"),
        (lambda: consistent_programs([True, 2], 20), "integers"),
        (lambda: consistent_programs([2, float("nan")], 20), "finite"),
        (lambda: consistent_programs("246", 20), "sequence"),
        (lambda: consistent_programs([2, 4], 0), "max_len"),
        (lambda: consistent_programs([2, 4], 2.5), "max_len"),
        (lambda: consistent_programs([2, 4], 1000), "max_len"),
        (lambda: consistent_programs([1], 40), "lower max_len"),
        (lambda: enumerate_programs(MAX_ENUMERATE + 1), "max_len"),
        (lambda: rank_programs([2, 4, 6, 8], 8), "no program"),
        (lambda: posterior_predictive([2, 4, 6, 8], 20, ahead=0), "ahead"),
        (lambda: empirical_predictive([2, 4], smoothing=-1), "smoothing"),
        (lambda: empirical_predictive([2, 4], support=[2]), "support"),
        (lambda: Program("lin", (0, 1)), "non-zero"),
        (lambda: Program("pow", (1,)), "base"),
        (lambda: Program("geom", (1, 1)), "ratio"),
        (lambda: Program("cycle", (1,)), "at least 2"),
        (lambda: Program("spiral", (1,)), "unknown"),
        (lambda: Program("lin", (1,)), "parameter"),
        (lambda: Program("const", (1.5,)), "integers"),
        (lambda: Program("lin", (2, 0)).term(0), "from 1"),
    ],
)
def test_bad_input(call: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        call()  # type: ignore[operator]


def test_integral_floats_are_accepted() -> None:
    assert consistent_programs([2.0, 4.0, 6], 20) == consistent_programs([2, 4, 6], 20)


# ---------------------------------------------------------------------------------- laboratory


@pytest.mark.simulation
def test_lab_is_reproducible_bit_for_bit() -> None:
    a = lab.run(n=30, generations=8, replicates=300, seed=7)
    b = lab.run(n=30, generations=8, replicates=300, seed=7)
    c = lab.run(n=30, generations=8, replicates=300, seed=8)
    for name in ("holds", "never_left", "program_tv", "dist_tv", "dist_sq"):
        ba, bb = getattr(a, name), getattr(b, name)
        for field in ("mean", "ci_low", "ci_high", "q_low", "q_high"):
            assert np.array_equal(getattr(ba, field), getattr(bb, field))
    assert not np.array_equal(a.dist_sq.mean, c.dist_sq.mean)


@pytest.mark.simulation
def test_lab_matches_exact_curves() -> None:
    r = lab.run(n=60, generations=12, replicates=2000, seed=3)
    # the shares are proportions: compare with a 4-sigma binomial allowance
    sd = np.sqrt(r.theory_holds * (1 - r.theory_holds) / r.replicates)
    assert np.all(np.abs(r.holds.mean - r.theory_holds) <= 4 * sd + 1e-12)
    sd = np.sqrt(r.theory_never_left * (1 - r.theory_never_left) / r.replicates)
    assert np.all(np.abs(r.never_left.mean - r.theory_never_left) <= 4 * sd + 1e-12)
    assert r.dist_sq.contains(r.theory_dist_sq, slack=0.002).all()
    assert r.dist_tv.contains(r.theory_dist_tv, slack=0.005).all()
    assert r.program_tv.contains(r.theory_program_tv, slack=0.005).all()
    # the exact curves are what they claim to be
    assert r.epsilon == misidentification_probability(r.programs, r.true_index, 60)
    eps = float(r.epsilon)
    assert np.allclose(r.theory_never_left, (1 - eps) ** np.arange(13), rtol=1e-12)
    assert r.theory_dist_sq[5] == pytest.approx(float(wright_fisher_variance(r.truth, 60, 5)))
    # and a wrong theory (the linear random walk) is rejected by the same band late on
    assert not r.dist_sq.contains(r.linear_dist_sq * 3, slack=0.002).all()


@pytest.mark.simulation
def test_lab_anchor_beats_drift_for_large_n() -> None:
    r = lab.run(n=400, generations=20, replicates=500, seed=0)
    assert r.epsilon < F(1, 10**6)
    assert r.never_left.mean[-1] == 1.0
    assert r.dist_tv.mean[-1] > 0.05  # the distributional learner has drifted


def test_lab_exact_wright_fisher_tv_small_chain() -> None:
    theta, n, t = F(1, 4), 4, 3
    law = {theta: F(1)}
    curve = [F(0)]
    for _ in range(t):
        nxt: dict[F, F] = {}
        for mu, w in law.items():
            for k in range(n + 1):
                p = F(math.comb(n, k)) * mu**k * (1 - mu) ** (n - k)
                if p:
                    nxt[F(k, n)] = nxt.get(F(k, n), F(0)) + w * p
        law = nxt
        curve.append(sum((w * abs(mu - theta) for mu, w in law.items()), F(0)))
    got = lab._wright_fisher_tv(float(theta), n, t)
    assert np.allclose(got, [float(v) for v in curve], rtol=1e-12, atol=1e-15)


def test_lab_outputs(tmp_path: Path) -> None:
    r = lab.run(n=20, generations=4, replicates=50, seed=0)
    r.to_csv(tmp_path / "a.csv")
    lines = (tmp_path / "a.csv").read_text().splitlines()
    assert len(lines) == 6 and lines[0].startswith("generation,holds_true_mean")
    r.plot(tmp_path / "a.png")
    assert (tmp_path / "a.png").stat().st_size > 1000
    assert len(r.summary()) == 6


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    lab.register(sub)
    return parser


def test_cli(tmp_path: Path) -> None:
    out, png = tmp_path / "r.csv", tmp_path / "r.png"
    args = _parser().parse_args(["programs", "--n", "25", "--generations", "3", "--replicates",
                                 "40", "--seed", "2", "--quiet", "--out", str(out),
                                 "--plot", str(png)])
    buffer = io.StringIO()
    assert args.handler(args, Console(file=buffer, width=200)) == 0
    assert "symbolic anchor" in buffer.getvalue()
    assert out.exists() and png.exists()


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--n", "0"], "--n"),
        (["--n", "2.5"], "--n"),
        (["--n", str(lab.MAX_N + 1)], "n must be"),
        (["--truth", "1/3"], "truth"),
        (["--truth", "nan"], "truth"),
        (["--lam", "-1"], "lambda"),
        (["--depth", "0"], "--depth"),
        (["--generations", "0"], "--generations"),
        (["--seed", "-1"], "--seed"),
    ],
)
def test_cli_bad_flags(flags: list[str], message: str) -> None:
    args = _parser().parse_args(["programs", "--quiet", *flags])
    with pytest.raises(InputError, match=message):
        args.handler(args, Console(file=io.StringIO()))


def test_lab_large_n_drops_the_chain_curve(tmp_path: Path) -> None:
    r = lab.run(n=lab.MAX_N_CHAIN + 1, generations=2, replicates=5, seed=0)
    assert r.theory_dist_tv is None
    r.to_csv(tmp_path / "b.csv")
    assert "dist_tv_exact" not in (tmp_path / "b.csv").read_text().splitlines()[0]


def test_lab_custom_class() -> None:
    progs = dyadic_coins(3)
    r = lab.run(n=50, generations=3, replicates=20, seed=0, truth="3/8", programs=progs)
    assert r.programs == progs and r.truth == F(3, 8)
