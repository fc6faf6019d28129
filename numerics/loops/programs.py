"""Laboratory: the "symbolic anchor" of §5.5.2 (Prop. 10, repaired reading (b)).

Two learners are retrained, generation after generation, on N samples of their *own* current
model, with no fresh data (α = 0). The truth is a coin P = Bernoulli(θ*).

* The **program learner** holds one program of a small class of coins with stated description
  lengths (by default :func:`numerics.information.dyadic_coins`), and refits by MDL,
  argmin_p [−log₂ P(D | p) + λ·len(p)]. Because the count is sufficient, the choice is a fixed
  table of the count, computed exactly; each generation it leaves the true program with the
  exact probability ε_N, which falls exponentially in N.
* The **distributional learner** is the empirical frequency refit on its own N draws (the
  α = 0 sample-mean loop, a Wright–Fisher chain); its squared drift has the exact mean
  θ*(1−θ*)(1 − (1 − 1/N)^t) ≈ t·θ*(1−θ*)/N.

Both start from a perfect fit at generation 0 (the true program; frequency θ*), so every later
error is made by the self-training loop alone. Per generation the laboratory reports, with
bands over replicates and the exact curves overlaid: the share of replicates holding the true
program (exact (K^t)[*, *] for the exact transition matrix K), the share that never left it
(exact (1 − ε_N)^t), the program learner's TV distance to P, and the distributional learner's
TV distance and squared drift.

>>> r = run(n=40, generations=5, replicates=200, seed=1)
>>> r.holds.mean.shape
(6,)
>>> bool(r.holds.contains(r.theory_holds, slack=0.02).all())
True
>>> run(n=40, generations=5, replicates=200, seed=1).holds.mean.tolist() == r.holds.mean.tolist()
True
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import mpmath
import numpy as np
from numpy.typing import NDArray

from numerics import budget
from numerics.bands import Band, summarise
from numerics.errors import InputError
from numerics.information import (
    BinaryProgram,
    dyadic_coins,
    mdl_decision_table,
    misidentification_exponent,
    transition_matrix,
)
from numerics.loops.common import (
    Panel,
    add_common_arguments,
    check_common_arguments,
    plot_panels,
    progress,
    summary_repr,
    write_csv,
    write_outputs,
)
from numerics.validate import as_fraction, as_positive_int, as_probability

__all__ = ["MAX_N", "ProgramsResult", "register", "run"]

MAX_N = 5000  # the exact decision table and transition matrix cost grows like N²
MAX_N_CHAIN = 1000  # the exact Wright–Fisher TV curve needs an (N+1)² matrix: only up to here


@dataclass(frozen=True)
class ProgramsResult:
    """One run of the symbolic-anchor laboratory: bands over replicates and exact curves."""

    __repr__ = summary_repr  # one line: parameters, and arrays by their shape

    n: int
    generations: int
    replicates: int
    seed: int
    lam: Fraction
    truth: Fraction
    programs: tuple[BinaryProgram, ...]
    true_index: int
    epsilon: Fraction  # exact per-generation misidentification probability ε_N
    exponent: float  # Chernoff exponent: ε_N ≈ e^(−N·exponent) up to a prefactor
    holds: Band  # share of replicates whose program learner holds the true program
    never_left: Band  # share that held it in every generation so far
    program_tv: Band  # |θ_t − θ*| = TV(program learner's coin, P)
    dist_tv: Band  # |μ_t − θ*| = TV(distributional learner, P)
    dist_sq: Band  # (μ_t − θ*)²
    theory_holds: NDArray[np.float64]  # (K^t)[true, true]: P(holds the truth at t)
    theory_never_left: NDArray[np.float64]  # (1 − ε_N)^t
    theory_program_tv: NDArray[np.float64]  # Σ_j (K^t)[true, j] |θ_j − θ*|
    theory_dist_tv: NDArray[np.float64] | None  # E|μ_t − θ*|, exact chain (N ≤ MAX_N_CHAIN)
    theory_dist_sq: NDArray[np.float64]  # θ*(1−θ*)(1 − (1 − 1/N)^t)
    linear_dist_sq: NDArray[np.float64]  # t·θ*(1−θ*)/N, the random-walk approximation

    @property
    def t(self) -> NDArray[np.float64]:
        """Generation index 0..generations."""
        return np.arange(self.generations + 1, dtype=float)

    def columns(self) -> dict[str, Any]:
        """Every per-generation series, by name (the CSV columns)."""
        cols: dict[str, Any] = {"generation": np.arange(self.generations + 1)}
        cols |= self.holds.as_columns("holds_true")
        cols["holds_true_exact"] = self.theory_holds
        cols |= self.never_left.as_columns("never_left")
        cols["never_left_exact"] = self.theory_never_left
        cols |= self.program_tv.as_columns("program_tv")
        cols["program_tv_exact"] = self.theory_program_tv
        cols |= self.dist_tv.as_columns("dist_tv")
        if self.theory_dist_tv is not None:
            cols["dist_tv_exact"] = self.theory_dist_tv
        cols |= self.dist_sq.as_columns("dist_sq")
        cols["dist_sq_exact"] = self.theory_dist_sq
        cols["dist_sq_linear"] = self.linear_dist_sq
        return cols

    def to_csv(self, path: Path | str) -> None:
        """Write one row per generation with full float precision."""
        write_csv(Path(path), self.columns())

    def plot(self, path: Path | str) -> None:
        """PNG: the two learners' bands with the exact curves overlaid."""
        panels = [
            Panel("program learner holds the true program", "share of replicates",
                  self.holds, self.theory_holds, "exact P(holds the truth at t)", share=True),
            Panel("program learner never left the true program", "share of replicates",
                  self.never_left, self.theory_never_left, f"exact P(never left by t) = "
                  f"(1 − ε_N)^t, ε_N ≈ {float(self.epsilon):.3g}", share=True),
            Panel("program learner: TV to P", "|θ_t − θ*|", self.program_tv,
                  self.theory_program_tv, "exact E|θ_t − θ*|"),
            Panel("distributional learner: TV to P", "|μ_t − θ*|", self.dist_tv,
                  self.theory_dist_tv, "exact E|μ_t − θ*| (Wright–Fisher chain)"),
            Panel("distributional learner: squared drift", "(μ_t − θ*)²", self.dist_sq,
                  self.theory_dist_sq, "exact θ*(1−θ*)(1 − (1 − 1/N)^t)"),
        ]
        plot_panels(Path(path), panels,
                    f"symbolic anchor: N = {self.n}, θ* = {self.truth}, λ = {self.lam}, "
                    f"{self.replicates} replicates, seed {self.seed}")

    def summary(self) -> list[tuple[str, str]]:
        """Headline figures as (label, value) rows."""
        g = self.generations
        return [
            ("program class", " ".join(f"{p.start}:{p.length}b" for p in self.programs)),
            ("ε_N (exact per-generation misidentification)", f"{float(self.epsilon):.6g}"),
            ("Chernoff exponent of ε_N", f"{self.exponent:.6g}"),
            (f"holds true program at t = {g}: simulated / exact",
             f"{self.holds.mean[-1]:.4f} / {self.theory_holds[-1]:.4f}"),
            (f"never left by t = {g}: simulated / (1 − ε_N)^t",
             f"{self.never_left.mean[-1]:.4f} / {self.theory_never_left[-1]:.4f}"),
            (f"distributional squared drift at t = {g}: simulated / exact / t·σ²/N",
             f"{self.dist_sq.mean[-1]:.5f} / {self.theory_dist_sq[-1]:.5f} / "
             f"{self.linear_dist_sq[-1]:.5f}"),
        ]


def _wright_fisher_tv(theta: float, n: int, generations: int) -> NDArray[np.float64]:
    """E|μ_t − θ| for μ_{t+1} = Binomial(N, μ_t)/N, μ_0 = θ, by propagating the exact chain."""
    k = np.arange(n + 1)
    log_comb = np.concatenate(([0.0], np.cumsum(np.log((n - k[1:] + 1) / k[1:]))))
    p = k / n
    with np.errstate(divide="ignore", invalid="ignore"):
        lp = np.where(p > 0, np.log(np.where(p > 0, p, 1.0)), -np.inf)
        lq = np.where(p < 1, np.log(np.where(p < 1, 1 - p, 1.0)), -np.inf)
        logw = log_comb[None, :] + k[None, :] * lp[:, None] + (n - k)[None, :] * lq[:, None]
        logw = np.where((k[None, :] == 0) & (p[:, None] == 0), log_comb[None, :], logw)
        logw = np.where((k[None, :] == n) & (p[:, None] == 1), log_comb[None, :], logw)
    w = np.exp(logw)
    w /= w.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore"):
        first = np.exp(log_comb + k * np.log(theta) + (n - k) * np.log1p(-theta))
    dist = np.abs(p - theta)
    out = np.zeros(generations + 1)
    v = first / first.sum()
    for t in range(1, generations + 1):
        out[t] = v @ dist
        v = v @ w
    return out


def _float_power_curve(base: Fraction, generations: int) -> NDArray[np.float64]:
    with mpmath.workdps(30):
        b = mpmath.mpf(base.numerator) / base.denominator
        return np.array([float(b**t) for t in range(generations + 1)])


def run(
    n: int = 100,
    generations: int = 50,
    replicates: int = 1000,
    seed: int = 0,
    lam: object = 1,
    truth: object = "1/4",
    depth: int = 2,
    programs: tuple[BinaryProgram, ...] | None = None,
    show_progress: bool = False,
) -> ProgramsResult:
    """Simulate both learners for ``generations`` steps over ``replicates`` seeded replicates.

    ``programs`` (a tuple of i.i.d. coin programs) overrides the default class
    ``dyadic_coins(depth)``; ``truth`` must be one of its parameters.
    """
    n = as_positive_int(n, "n")
    if n > MAX_N:
        raise InputError(f"n must be <= {MAX_N} (exact decision tables), got {n}")
    generations = as_positive_int(generations, "generations")
    replicates = as_positive_int(replicates, "replicates")
    seed = as_positive_int(seed, "seed", minimum=0)
    budget.check(budget.programs(n, generations, replicates))
    lamf = as_fraction(lam, "lambda")
    if lamf < 0:
        raise InputError(f"lambda must be >= 0, got {lamf}")
    theta = as_probability(truth, "truth")
    progs = tuple(programs) if programs is not None else dyadic_coins(depth)
    starts = [p.start for p in progs]
    if theta not in starts:
        raise InputError(f"truth must be one of the class's coins "
                         f"({' '.join(map(str, starts))}), got {theta}")
    i = starts.index(theta)

    # exact analysis
    K = transition_matrix(progs, n, lamf)
    eps = 1 - K[i][i]  # = misidentification_probability(progs, i, n, lamf)
    Kf = np.array([[float(v) for v in row] for row in K])
    thetas = np.array([float(s) for s in starts])
    table = np.array(mdl_decision_table(progs, n, lamf), dtype=np.int64)
    exponent = float(misidentification_exponent(progs, i, dps=30))

    theory_holds = np.empty(generations + 1)
    theory_prog_tv = np.empty(generations + 1)
    v = np.zeros(len(progs))
    v[i] = 1.0
    gap = np.abs(thetas - float(theta))
    for t in range(generations + 1):
        theory_holds[t] = v[i]
        theory_prog_tv[t] = v @ gap
        v = v @ Kf
    theory_never = _float_power_curve(1 - eps, generations)
    ts = np.arange(generations + 1, dtype=float)
    var1 = float(theta * (1 - theta))
    theory_sq = var1 * (1 - _float_power_curve(1 - Fraction(1, n), generations))
    linear_sq = ts * var1 / n
    theory_dist_tv = (_wright_fisher_tv(float(theta), n, generations)
                      if 0 < theta < 1 and n <= MAX_N_CHAIN else None)

    # simulation, vectorised over replicates
    rng = np.random.default_rng(seed)
    state = np.full(replicates, i, dtype=np.int64)
    mu = np.full(replicates, float(theta))
    holds = np.zeros((replicates, generations + 1))
    never = np.zeros((replicates, generations + 1))
    prog_tv = np.zeros((replicates, generations + 1))
    dist_tv = np.zeros((replicates, generations + 1))
    dist_sq = np.zeros((replicates, generations + 1))
    holds[:, 0] = never[:, 0] = 1.0
    alive = np.ones(replicates, dtype=bool)
    for t in progress(range(1, generations + 1), generations, "programs", show_progress):
        counts = rng.binomial(n, thetas[state])
        state = table[counts]
        mu = rng.binomial(n, mu) / n
        alive &= state == i
        holds[:, t] = state == i
        never[:, t] = alive
        prog_tv[:, t] = np.abs(thetas[state] - float(theta))
        dist_tv[:, t] = np.abs(mu - float(theta))
        dist_sq[:, t] = (mu - float(theta)) ** 2

    return ProgramsResult(
        n=n, generations=generations, replicates=replicates, seed=seed, lam=lamf,
        truth=theta, programs=progs, true_index=i, epsilon=eps, exponent=exponent,
        holds=summarise(holds), never_left=summarise(never), program_tv=summarise(prog_tv),
        dist_tv=summarise(dist_tv), dist_sq=summarise(dist_sq),
        theory_holds=theory_holds, theory_never_left=theory_never,
        theory_program_tv=theory_prog_tv, theory_dist_tv=theory_dist_tv,
        theory_dist_sq=theory_sq, linear_dist_sq=linear_sq,
    )


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``simulate programs`` to the CLI."""
    parser = subparsers.add_parser(
        "programs",
        help="symbolic anchor: MDL program learner vs distributional learner (§5.5.2)",
        description="Program learner (MDL over coins with stated lengths) against the "
                    "empirical-frequency learner, both retrained on N samples of their own "
                    "model each generation.",
    )
    parser.add_argument("--n", type=str, default="100", help="samples per generation N")
    parser.add_argument("--lam", type=str, default="1", help="MDL length weight λ (default 1)")
    parser.add_argument("--truth", type=str, default="1/4", help="true coin θ* (default 1/4)")
    parser.add_argument("--depth", type=str, default="2",
                        help="program class: coins j/2^d for d <= depth (default 2)")
    add_common_arguments(parser, generations=50, replicates=1000)
    parser.set_defaults(handler=_handle)


def _handle(args: argparse.Namespace, console: Any) -> int:
    generations, replicates, seed = check_common_arguments(args)
    depth = as_positive_int(args.depth, "--depth")
    if depth > 8:
        raise InputError(f"--depth must be <= 8, got {depth}")
    result = run(
        n=as_positive_int(args.n, "--n"), generations=generations, replicates=replicates,
        seed=seed, lam=args.lam, truth=args.truth, depth=depth,
        show_progress=not args.quiet,
    )
    from rich.table import Table

    table = Table(title="symbolic anchor (§5.5.2)")
    table.add_column("quantity")
    table.add_column("value", justify="right")
    for label, value in result.summary():
        table.add_row(label, value)
    console.print(table)
    write_outputs(result, args, console)
    return 0
