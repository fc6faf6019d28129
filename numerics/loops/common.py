"""Shared plumbing of the laboratories: common flags, CSV output, plots with theory overlaid."""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from numerics.bands import Band, simultaneous_z
from numerics.outputs import output_file
from numerics.validate import as_positive_int

__all__ = [
    "BAND_LEVEL",
    "Panel",
    "add_common_arguments",
    "check_common_arguments",
    "plot_panels",
    "progress",
    "share_max_abs_z",
    "summary_repr",
    "wilson_band",
    "write_csv",
    "write_outputs",
]

T = TypeVar("T")


def add_common_arguments(
    parser: argparse.ArgumentParser, *, generations: int, replicates: int
) -> None:
    """--generations, --replicates, --seed, --out, --plot, --quiet."""
    parser.add_argument("--generations", type=str, default=str(generations),
                        help=f"number of generations (default {generations})")
    parser.add_argument("--replicates", type=str, default=str(replicates),
                        help=f"independent replicates (default {replicates})")
    parser.add_argument("--seed", type=str, default="0", help="random seed (default 0)")
    parser.add_argument("--out", type=Path, default=None,
                        help="write the per-generation table to this CSV file (.csv added "
                             "when the name has no extension)")
    parser.add_argument("--plot", type=Path, default=None,
                        help="write the plot to this file; the extension picks the format "
                             "(.png, .pdf, .svg, ...; .png added when there is none)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def check_common_arguments(args: argparse.Namespace) -> tuple[int, int, int]:
    """Validated (generations, replicates, seed) from the common flags."""
    generations = as_positive_int(args.generations, "--generations")
    replicates = as_positive_int(args.replicates, "--replicates")
    seed = as_positive_int(args.seed, "--seed", minimum=0)
    # output paths are checked (and a missing extension added) before any simulation runs
    if args.out is not None:
        args.out = output_file(args.out, "--out", "csv")
    if args.plot is not None:
        args.plot = output_file(args.plot, "--plot", "plot")
    return generations, replicates, seed


def _short(value: Any) -> str:
    """A few characters standing for a value: arrays and bands by shape, long text cut."""
    if isinstance(value, Band):
        return f"Band({len(value.mean)} generations, {value.replicates} replicates)"
    if isinstance(value, np.ndarray):
        return f"array(shape={value.shape}, dtype={value.dtype})"
    if isinstance(value, dict):
        keys = ", ".join(map(str, list(value)[:6])) + (", …" if len(value) > 6 else "")
        return f"{{{keys}}}" if value else "{}"
    text = repr(value) if not isinstance(value, Fraction) else str(value)
    if len(text) <= 60:
        return text
    if isinstance(value, list | tuple):
        kinds = sorted({type(v).__name__ for v in value})
        return f"<{len(value)} × {'/'.join(kinds)}>"
    return f"{type(value).__name__}(…)"


def summary_repr(self: Any) -> str:
    """A one-line ``repr`` for a laboratory result: parameters in full, arrays by shape.

    >>> from dataclasses import dataclass
    >>> @dataclass
    ... class R:
    ...     n: int
    ...     xs: Any
    ...     __repr__ = summary_repr
    >>> R(3, np.zeros((2, 5)))
    R(n=3, xs=array(shape=(2, 5), dtype=float64))
    """
    import dataclasses

    fields = [f.name for f in dataclasses.fields(self)] if dataclasses.is_dataclass(self) else []
    inner = ", ".join(f"{name}={_short(getattr(self, name))}" for name in fields)
    return f"{type(self).__name__}({inner})"


def write_outputs(result: Any, args: argparse.Namespace, console: Any) -> None:
    """Write ``--out`` (CSV) and ``--plot`` (PNG) through the result's own methods."""
    if args.out is not None:
        result.to_csv(args.out)
        console.print(f"wrote {args.out}", soft_wrap=True)
    if args.plot is not None:
        result.plot(args.plot)
        console.print(f"wrote {args.plot}", soft_wrap=True)


def progress(items: Iterable[T], total: int, description: str, enabled: bool = True) -> Iterator[T]:
    """Iterate with a rich progress bar on stderr (silent when disabled or not a terminal)."""
    if not enabled:
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        for item in items:
            yield item
            bar.advance(task)


def write_csv(path: Path, columns: dict[str, NDArray[np.float64] | Sequence[float]]) -> None:
    """Write equal-length columns to CSV with full float precision (repr)."""
    names = list(columns)
    data = [np.asarray(columns[n]) for n in names]
    lengths = {len(d) for d in data}
    if len(lengths) != 1:
        raise ValueError(f"columns have different lengths: {sorted(lengths)}")
    with path.open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(names)
        for row in zip(*data, strict=True):
            w.writerow([repr(float(v)) if isinstance(v, (float, np.floating)) else v for v in row])


@dataclass(frozen=True)
class Panel:
    """One subplot: a simulated band and, optionally, an exact theory curve.

    ``share``: each replicate is 0 or 1 (a share of replicates): the replicates' own 95% range
    is then just 0 or 1 and is not drawn, and the axis is [0, 1]. ``positive``: the quantity is
    positive and may be heavy-tailed: the band of the mean is built on the log scale
    (:meth:`numerics.bands.Band.log_interval`), so it never goes below 0.
    """

    title: str
    ylabel: str
    band: Band
    theory: NDArray[np.float64] | None = None
    theory_label: str = "exact theory"
    x: NDArray[np.float64] | None = None
    logy: bool = False
    share: bool = False
    positive: bool = False
    note: str = ""
    trusted: int | None = None
    """Compare the theory only for t ≤ this (a heavy-tailed mean is unreliable beyond)."""


def wilson_band(share: NDArray[np.float64], n: int, z: float
                ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Wilson score interval of binomial shares at critical value z: inside [0, 1], and of
    positive width even when the observed share is 0 or 1.

    >>> lo, hi = wilson_band(np.array([0.0, 0.5]), 100, 1.96)
    >>> [round(float(v), 4) for v in (lo[0], hi[0], lo[1], hi[1])]
    [0.0, 0.037, 0.4038, 0.5962]
    """
    p = np.asarray(share, dtype=float)
    z2 = z * z / n
    centre = (p + z2 / 2) / (1 + z2)
    half = z / (1 + z2) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return np.clip(centre - half, 0.0, 1.0), np.clip(centre + half, 0.0, 1.0)


def share_max_abs_z(share: NDArray[np.float64], theory: NDArray[np.float64], n: int) -> float:
    """max |share − p|/√(p(1 − p)/n) with the exact binomial standard error of the theory p."""
    p = np.clip(np.asarray(theory, dtype=float), 0.0, 1.0)
    d = np.abs(np.asarray(share, dtype=float) - p)
    se = np.sqrt(p * (1 - p) / n)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, d / np.where(se > 0, se, 1.0), np.where(d <= 1e-12, 0.0, np.inf))
    return float(np.max(z)) if z.size else 0.0


#: Simultaneous coverage of the plotted bands of the mean.
BAND_LEVEL = 0.95


def plot_panels(path: Path, panels: Sequence[Panel], suptitle: str) -> None:
    """Plot each panel's mean, simultaneous 95% band of the mean, replicate range and theory.

    The band of the mean holds at every generation at once with probability ≥ 95%
    (Bonferroni over the generations), so a correct theory curve should lie inside it
    everywhere; the largest |z| of the theory curve is given in its legend entry.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    alpha = 1 - BAND_LEVEL
    ncols = min(2, len(panels))
    nrows = (len(panels) + ncols - 1) // ncols
    fig, axes = plt.subplots(nrows, ncols, figsize=(6.2 * ncols, 3.9 * nrows), squeeze=False)
    for ax, panel in zip(axes.flat, panels, strict=False):
        b = panel.band
        x = panel.x if panel.x is not None else np.arange(len(b.mean))
        if not panel.share:
            ax.fill_between(x, b.q_low, b.q_high, color="tab:blue", alpha=0.15,
                            label="95% of replicates")
        if panel.share:
            low, high = wilson_band(b.mean, b.replicates, simultaneous_z(alpha, len(b.mean)))
            how = "Wilson, Bonferroni"
        elif panel.positive and np.all(b.mean > 0):
            low, high = b.log_interval(alpha)
            how = "log scale, Bonferroni"
        else:
            low, high = b.simultaneous(alpha)
            how = "Bonferroni"
        ax.fill_between(x, low, high, color="tab:blue", alpha=0.45,
                        label=f"mean: 95% band for all {len(b.mean)} generations ({how})")
        ax.plot(x, b.mean, color="tab:blue", lw=1.2, label=f"mean of {b.replicates} replicates")
        if panel.theory is not None:
            upto = len(b.mean) if panel.trusted is None else min(len(b.mean), panel.trusted + 1)
            zc = simultaneous_z(alpha, upto)
            zmax = (share_max_abs_z(b.mean[:upto], np.asarray(panel.theory)[:upto], b.replicates)
                    if panel.share else b.max_abs_z(panel.theory, start=0, stop=upto))
            where = "" if upto == len(b.mean) else f" for t ≤ {upto - 1}"
            label = f"{panel.theory_label} (max |z|{where} = {zmax:.2f}; 95% limit {zc:.2f})"
            ax.plot(x, panel.theory, color="black", lw=1.0, ls="--", label=label)
        if panel.logy:
            ax.set_yscale("log")
        if panel.share:
            ax.set_ylim(-0.02, 1.02)
        if panel.note:
            ax.set_title(f"{panel.title}\n{panel.note}", fontsize=8)
        else:
            ax.set_title(panel.title)
        ax.set_xlabel("generation t")
        ax.set_ylabel(panel.ylabel)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    fig.suptitle(suptitle)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
