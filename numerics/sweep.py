"""Sweeps of the categorical laboratory over a grid (K, N, α schedule, mode), in parallel.

Each grid point is one :func:`numerics.loops.categorical.run`; it gets its own seed,
``SeedSequence(seed, spawn_key=(i,))`` for point i in grid order, recorded in its row so that
``collapse-check simulate categorical --seed S ...`` reproduces it alone. The points run on a
local process pool by default, or on a Dask cluster given its scheduler address (the
``dask`` extra: ``pip install -e '.[dask]'``). The result is one tidy table, a row per grid
point: the parameters, the seed, the code version, and the final-generation statistics
(simulated mean and 95% CI of the Gini–Simpson index, its exact expectation from the Gini
recursion of :func:`numerics.entropy.gini_trajectory`, both relative to G(P), the z-score,
entropy, support size and TV to P). :func:`plot_phase` draws the phase diagram of the
retained diversity E[G(Q_G)]/G(P) over (N, α), simulated beside exact.

>>> grid = make_grid(k=["3"], n=["5", "10"], alpha=["0", "1/2"], generations=4, replicates=20)
>>> len(grid), sorted(grid[0])[:3]
(4, ['alpha', 'generations', 'k'])
>>> rows = run_sweep(grid, seed=1, jobs=1)
>>> rows[0]["k"], rows[0]["n"], rows[0]["alpha"], rows[0]["seed"] == rows[1]["seed"]
(3, 5, '0', False)
"""

from __future__ import annotations

import csv
import itertools
import math
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from numerics import budget
from numerics.errors import InputError
from numerics.validate import as_positive_int

__all__ = [
    "COLUMNS",
    "code_version",
    "make_grid",
    "plot_phase",
    "point_seed",
    "run_point",
    "run_sweep",
    "write_table",
]

COLUMNS = (
    "k", "n", "alpha", "mode", "generations", "replicates", "seed", "code_version", "backend",
    "gini_p", "gini_mean", "gini_ci_low", "gini_ci_high", "gini_exact", "retained_mean",
    "retained_exact", "gini_z", "entropy_mean", "support_mean", "tv_mean", "seconds",
)


def code_version() -> str:
    """The package version, with the git commit when run from a checkout."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        text = version("collapse-check")
    except PackageNotFoundError:
        text = "unknown"
    try:
        root = Path(__file__).resolve().parents[1]
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"],
                                capture_output=True, text=True, timeout=10, check=False)
        if commit.returncode == 0 and commit.stdout.strip():
            dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain",
                                    "--untracked-files=no"], capture_output=True, text=True,
                                   timeout=10, check=False).stdout.strip()
            text += f"+g{commit.stdout.strip()}" + (".dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        pass
    return text


def point_seed(seed: int, index: int) -> int:
    """The seed of grid point ``index``: a 63-bit word of ``SeedSequence(seed, (index,))``."""
    word = np.random.SeedSequence(seed, spawn_key=(index,)).generate_state(1, np.uint64)[0]
    return int(word >> np.uint64(1))


def make_grid(
    k: Sequence[str], n: Sequence[str], alpha: Sequence[str], mode: Sequence[str] = ("replace",),
    generations: int = 200, replicates: int = 200, p: str = "uniform",
) -> list[dict[str, Any]]:
    """Every combination of the given K, N, α and mode values, validated, in grid order."""
    from numerics.loops.categorical import MODES
    from numerics.schedules import parse_alpha_schedule

    ks = sorted({as_positive_int(x, "--k") for x in k})
    ns = sorted({as_positive_int(x, "--n") for x in n})
    g = as_positive_int(generations, "--generations")
    r = as_positive_int(replicates, "--replicates")
    alphas = list(dict.fromkeys(str(a).strip() for a in alpha))
    for a in alphas:
        parse_alpha_schedule(a).values(1)  # validates the text (range checked at run time)
    modes = list(dict.fromkeys(mode))
    for m in modes:
        if m not in MODES:
            raise InputError(f"--mode must be 'replace' or 'accumulate', got {m!r}")
    if not ks or not ns or not alphas or not modes:
        raise InputError("the grid is empty: give at least one value for each of --k, --n, "
                         "--alpha")
    return [
        {"k": kk, "n": nn, "alpha": aa, "mode": mm, "generations": g, "replicates": r, "p": p}
        for mm, kk, nn, aa in itertools.product(modes, ks, ns, alphas)
    ]


def estimate(grid: Sequence[dict[str, Any]], workers: int) -> budget.Estimate:
    """Peak memory (``workers`` points at once) and total time of a sweep."""
    ests = [budget.categorical(pt["k"], pt["n"], pt["generations"], pt["replicates"],
                               pt["mode"]) for pt in grid]
    peak = sum(sorted((e.memory for e in ests), reverse=True)[:max(1, workers)])
    # each point's kernels already use every core: the points do not add parallelism
    return budget.Estimate(f"the sweep of {len(grid)} grid points", peak,
                           sum(e.seconds for e in ests))


def run_point(point: dict[str, Any]) -> dict[str, Any]:
    """Run one grid point (a dict from :func:`make_grid` plus ``seed`` and ``code_version``)."""
    import time

    from numerics.loops import categorical, kernels

    t0 = time.perf_counter()
    res = categorical.run(point["k"], point["n"], point["generations"], point["replicates"],
                          alpha=point["alpha"], mode=point["mode"], seed=point["seed"],
                          p=point.get("p", "uniform"))
    g_p = float(1.0 - np.dot(res.p, res.p))
    last = -1
    z = float(res.gini_z()[last])
    row = {
        "k": res.k, "n": res.n, "alpha": point["alpha"], "mode": res.mode,
        "generations": res.generations, "replicates": res.replicates, "seed": res.seed,
        "code_version": point.get("code_version", ""), "backend": kernels.backend(),
        "gini_p": g_p,
        "gini_mean": float(res.gini.mean[last]), "gini_ci_low": float(res.gini.ci_low[last]),
        "gini_ci_high": float(res.gini.ci_high[last]),
        "gini_exact": float(res.gini_theory[last]),
        "retained_mean": float(res.gini.mean[last]) / g_p if g_p > 0 else math.nan,
        "retained_exact": float(res.gini_theory[last]) / g_p if g_p > 0 else math.nan,
        "gini_z": z if math.isfinite(z) else math.nan,
        "entropy_mean": float(res.entropy.mean[last]),
        "support_mean": float(res.support.mean[last]), "tv_mean": float(res.tv.mean[last]),
        "seconds": time.perf_counter() - t0,
    }
    return row


def run_sweep(
    grid: Sequence[dict[str, Any]], seed: int = 0, jobs: int | None = None,
    scheduler: str | None = None, progress: bool = False,
    on_row: Callable[[dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """Run every grid point; rows come back in grid order whatever finished first.

    ``scheduler``: a Dask scheduler address (``tcp://host:8786``) or a
    ``distributed.Client``/cluster object; default a local process pool of ``jobs``
    processes (``jobs=1``: this process). The sweep's estimate is checked first.
    """
    seed = as_positive_int(seed, "--seed", minimum=0)
    version = code_version()
    points = [{**pt, "seed": point_seed(seed, i), "code_version": version}
              for i, pt in enumerate(grid)]
    workers = 1 if jobs == 1 else (jobs or 2)
    budget.check(estimate(points, workers))
    rows: list[dict[str, Any] | None] = [None] * len(points)

    def collect(done: Any) -> None:
        for i, row in done:
            rows[i] = row
            if on_row is not None:
                on_row(row)

    if scheduler is not None:
        collect(_dask(points, scheduler, progress))
    elif workers <= 1 or len(points) == 1:
        collect(_tracked(((i, run_point(pt)) for i, pt in enumerate(points)), len(points),
                         progress))
    else:
        collect(_pool(points, workers, progress))
    return [r for r in rows if r is not None]


def _tracked(items: Any, total: int, enabled: bool) -> Any:
    from numerics.loops.common import progress

    return progress(items, total, "sweep", enabled)


def _pool(points: list[dict[str, Any]], workers: int, progress: bool) -> Any:
    import concurrent.futures as cf
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        futures = {pool.submit(run_point, pt): i for i, pt in enumerate(points)}

        def done() -> Any:
            for fut in cf.as_completed(futures):
                yield futures[fut], fut.result()

        yield from _tracked(done(), len(points), progress)


def _dask(points: list[dict[str, Any]], scheduler: Any, progress: bool) -> Any:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise InputError("--scheduler needs Dask: pip install 'collapse-check[dask]'") from None
    own = isinstance(scheduler, str)
    try:
        client = Client(scheduler, timeout="20s") if own else (
            scheduler if isinstance(scheduler, Client) else Client(scheduler))
    except OSError as exc:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        futures = client.map(run_point, points, pure=False)
        index = {f.key: i for i, f in enumerate(futures)}

        def done() -> Any:
            for fut in as_completed(futures):
                yield index[fut.key], fut.result()

        yield from _tracked(done(), len(points), progress)
    finally:
        if own or not isinstance(scheduler, Client):
            client.close()


def write_table(rows: Sequence[dict[str, Any]], path: Path) -> Path:
    """Write the rows as CSV, or as Parquet when ``path`` ends in ``.parquet`` (pyarrow)."""
    path = Path(path)
    if path.suffix.lower() == ".parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise InputError("writing Parquet needs pyarrow (pip install pyarrow); "
                             "or give a .csv path") from None
        pq.write_table(pa.Table.from_pylist([dict(r) for r in rows]), path)
        return path
    with path.open("w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        w.writeheader()
        for r in rows:
            w.writerow({c: repr(v) if isinstance(v, float) else v for c, v in r.items()})
    return path


def plot_phase(rows: Sequence[dict[str, Any]], path: Path, title: str = "") -> Path:
    """Retained diversity E[G(Q_G)]/G(P) over (N, α): simulated and exact, side by side.

    One pair of panels per (K, mode); α values are placed in the order given, N on a log axis
    when it spans more than a factor 10.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    groups = list(dict.fromkeys((r["k"], r["mode"]) for r in rows))
    fig, axes = plt.subplots(len(groups), 2, figsize=(11, 3.8 * len(groups)), squeeze=False)
    for (k, mode), ax_pair in zip(groups, axes, strict=True):
        sub = [r for r in rows if r["k"] == k and r["mode"] == mode]
        ns = sorted({r["n"] for r in sub})
        alphas = list(dict.fromkeys(r["alpha"] for r in sub))
        for ax, key, label in ((ax_pair[0], "retained_mean", "simulated"),
                               (ax_pair[1], "retained_exact", "exact (Gini recursion)")):
            grid = np.full((len(alphas), len(ns)), np.nan)
            for r in sub:
                grid[alphas.index(r["alpha"]), ns.index(r["n"])] = r[key]
            im = ax.imshow(grid, origin="lower", aspect="auto", vmin=0.0, vmax=1.0,
                           cmap="viridis")
            ax.set_xticks(range(len(ns)), [str(v) for v in ns])
            ax.set_yticks(range(len(alphas)), alphas)
            ax.set_xlabel("N (draws per generation)")
            ax.set_ylabel("α schedule")
            ax.set_title(f"{label}: K = {k}, {mode}")
            for (i, j), v in np.ndenumerate(grid):
                if np.isfinite(v):
                    ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize=7,
                            color="white" if v < 0.5 else "black")
            fig.colorbar(im, ax=ax, label="E[G(Q_G)] / G(P)")
    g = rows[0]["generations"] if rows else 0
    fig.suptitle(title or f"retained Gini–Simpson diversity after {g} generations")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return Path(path)
