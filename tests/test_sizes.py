"""Impossible sizes are refused up front: one line on stderr, exit 2, no traceback, no work."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from numerics import budget
from theorems.cli import main

# each of these would need hundreds of GiB, or run for days, or hang building exact inputs
BAD = [
    ["categorical", "--replicates", "1000000000", "--generations", "5"],
    ["categorical", "--replicates", "1000000", "--generations", "1000"],
    ["categorical", "--k", "1000000000"],
    ["categorical", "--n", "1000000000"],
    ["gaussian", "--replicates", "1000000000"],
    ["gaussian", "--replicates", "1000000", "--generations", "1000"],
    ["verifier", "--answers", "1000000000"],
    ["verifier", "--replicates", "1000000", "--generations", "1000"],
    ["ensemble", "--replicates", "1000000000"],
    ["ensemble", "--k", "1000000000"],
    ["programs", "--replicates", "1000000", "--generations", "1000"],
]


@pytest.fixture(autouse=True)
def _reset_limits() -> None:
    yield
    budget.set_limits()


@pytest.mark.parametrize("flags", BAD, ids=[" ".join(f) for f in BAD])
def test_impossible_sizes_are_refused_before_any_work(
    flags: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the limit does not depend on the test machine's free memory
    monkeypatch.setenv("COLLAPSE_CHECK_MEMORY_LIMIT", "16GiB")
    t0 = time.perf_counter()
    code = main(["simulate", *flags, "--quiet"])
    elapsed = time.perf_counter() - t0
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("collapse-check: error: ")
    assert "Traceback" not in err
    assert ("of memory, more than the limit of 16 GiB" in err
            or "more than the time limit of 1 h" in err), err
    assert elapsed < 5, elapsed


def test_the_limits_are_flags(capsys: pytest.CaptureFixture[str]) -> None:
    small = ["simulate", "categorical", "--k", "3", "--n", "10", "--generations", "3",
             "--replicates", "5", "--quiet"]
    assert main([*small, "--memory-limit", "1KiB"]) == 2
    assert "limit of 1 KiB" in capsys.readouterr().err
    assert main(["simulate", "categorical", "--n", "1000000000", "--time-limit", "60",
                 "--quiet"]) == 2
    assert "time limit of 1 min" in capsys.readouterr().err
    assert main([*small, "--memory-limit", "1GiB", "--time-limit", "none"]) == 0
    for bad in (["--memory-limit", "lots"], ["--memory-limit=-5GB"],
                ["--time-limit=-1"], ["--time-limit", "soon"]):
        assert main([*small, *bad]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "error" in err


def test_estimates_scale_with_the_sizes() -> None:
    small = budget.categorical(10, 100, 400, 300, "replace")
    assert small.memory < 2**30 and small.seconds < 60
    big = budget.categorical(10, 100, 400, 300_000, "replace")
    assert big.memory > 500 * small.memory and big.seconds > 500 * small.seconds
    # the estimate bounds what a run really allocates: 4 statistics per replicate-generation
    assert small.memory >= 4 * 300 * 401 * 8


def test_no_traceback_from_the_command_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "theorems.cli", "simulate", "gaussian", "--replicates",
         "1000000000", "--quiet"],
        capture_output=True, text=True, timeout=120,
        env={"COLLAPSE_CHECK_MEMORY_LIMIT": "16GiB", "PATH": "/usr/bin:/bin"},
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "TiB of memory" in proc.stderr
