"""The sweep: grid, seeds, tidy table, phase diagram, local pool and a Dask cluster."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from numerics import sweep
from numerics.errors import InputError
from theorems.cli import main

pytestmark = [pytest.mark.simulation]

GRID = dict(k=["4"], n=["8", "30"], alpha=["0", "1/4"], generations=12, replicates=300)


@pytest.fixture(scope="module")
def local_rows() -> list[dict[str, object]]:
    return sweep.run_sweep(sweep.make_grid(**GRID), seed=3, jobs=1)  # type: ignore[arg-type]


def _check_rows(rows: list[dict[str, object]]) -> None:
    assert [(r["n"], r["alpha"]) for r in rows] == [(8, "0"), (8, "1/4"), (30, "0"),
                                                    (30, "1/4")]
    assert len({r["seed"] for r in rows}) == len(rows)
    for r in rows:
        assert set(r) == set(sweep.COLUMNS)
        assert str(r["code_version"]).startswith(sweep.code_version().split("+")[0])
        # each point's simulated Gini agrees with the exact recursion (|z| < 4.5)
        assert abs(float(r["gini_z"])) < 4.5, r  # type: ignore[arg-type]
    # grounding keeps diversity; a small N without it loses most of it (exact and simulated)
    by = {(r["n"], r["alpha"]): r for r in rows}
    assert by[(8, "0")]["retained_exact"] < 0.35 < by[(8, "1/4")]["retained_exact"]
    assert by[(8, "0")]["retained_mean"] < by[(30, "0")]["retained_mean"]


def test_grid_and_seeds() -> None:
    grid = sweep.make_grid(**GRID)  # type: ignore[arg-type]
    assert len(grid) == 4
    assert sweep.point_seed(1, 0) == sweep.point_seed(1, 0) != sweep.point_seed(1, 1)
    with pytest.raises(InputError):
        sweep.make_grid(k=["0"], n=["5"], alpha=["0"])
    with pytest.raises(InputError):
        sweep.make_grid(k=["3"], n=["5"], alpha=["0"], mode=["sideways"])
    with pytest.raises(InputError):
        sweep.make_grid(k=["3"], n=["5"], alpha=["__import__('os')"])


def test_local_sweep_is_reproducible_and_matches_the_laboratory(
    tmp_path: Path, local_rows: list[dict[str, object]]
) -> None:
    from numerics.loops import categorical

    grid = sweep.make_grid(**GRID)  # type: ignore[arg-type]
    rows = local_rows
    _check_rows(rows)
    again = sweep.run_sweep(grid, seed=3, jobs=2)  # a process pool: the same numbers
    for a, b in zip(rows, again, strict=True):
        assert {k: v for k, v in a.items() if k != "seconds"} == {
            k: v for k, v in b.items() if k != "seconds"}
    # a row is the laboratory run with the recorded seed
    one = categorical.run(4, 30, 12, 300, alpha="1/4", seed=rows[3]["seed"])  # type: ignore[arg-type]
    assert one.gini.mean[-1] == rows[3]["gini_mean"]
    out = sweep.write_table(rows, tmp_path / "s.csv")
    with out.open() as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == 4 and float(table[3]["gini_mean"]) == rows[3]["gini_mean"]
    png = sweep.plot_phase(rows, tmp_path / "s.png")
    assert png.stat().st_size > 5000


def test_sweep_on_a_dask_cluster(local_rows: list[dict[str, object]]) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        rows = sweep.run_sweep(sweep.make_grid(**GRID), seed=3,  # type: ignore[arg-type]
                               scheduler=cluster.scheduler_address)
    _check_rows(rows)
    assert [r["gini_mean"] for r in rows] == [r["gini_mean"] for r in local_rows]


def test_cli_sweep(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["sweep", "--k", "3", "--n", "6,12", "--alpha", "0;0.5", "--generations", "5",
            "--replicates", "40", "--jobs", "1", "--quiet"]
    assert main([*base, "--out", str(tmp_path / "t.csv"), "--plot", str(tmp_path / "t.png")]) == 0
    assert (tmp_path / "t.csv").exists() and (tmp_path / "t.png").exists()
    capsys.readouterr()
    for bad in (["--out", str(tmp_path / "t.txt")], ["--out", str(tmp_path)],
                ["--out", "/nonexistent/dir/t.csv"], ["--plot", str(tmp_path / "p.xyz")],
                ["--k", "0"], ["--alpha", "2"], ["--jobs", "0"],
                ["--replicates", "100000000"]):
        assert main([*base, *bad]) == 2, bad
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("collapse-check: error:"), (bad, err)
