"""Laboratory: finite-sample self-training against a verifier (claim ``rem-6``).

There are ``answers`` answers; the first ``correct`` of them (indices ``0..correct-1``) are
correct. Each generation, in every replicate, the policy draws ``n`` answers and is refit:

* ``fixed``: the verifier accepts a correct draw with probability TPR and a wrong one with
  FPR; the new policy is the empirical distribution of the accepted draws.
* ``proxy``: the same with per-answer acceptance probabilities (``proxy``, below), typically
  favouring a wrong answer.
* ``kl``: KL-regularised update with the verifier's acceptance probability v(a) as the reward:
  π_{t+1}(a) ∝ count(a)·e^{v(a)/β}, whose infinite-sample limit is π_{t+1} ∝ π_t·e^{v/β}.
* ``learned``: generation 0 uses the verifier above; afterwards the verifier is refit on the
  previous generation's accepted draws and accepts exactly the answers accepted at least once.

Rule for a generation in which no draw is accepted: the policy (and, in ``learned`` mode, the
verifier) is left unchanged.

``proxy`` is ``None`` (acceptance TPR on correct answers, FPR on wrong ones), an integer j (a
wrong answer, ``correct <= j < answers``, that the verifier always accepts; the default in
``proxy`` mode is j = ``correct``), or a comma-separated list / sequence of ``answers``
acceptance probabilities.

Reported per generation t = 0..generations, with bands over replicates: accuracy π_t(C),
pass@1 (= accuracy) and pass@k = 1 − (1 − π_t(C))^k (exact for the policy), entropy (nats),
Gini diversity 1 − Σπ², and the number of distinct correct answers still in the support.

Overlaid curves: where an exact finite-N expectation exists (``learned``; ``fixed``/``proxy``
with acceptance probabilities that are 0 or 1 on the support of π_0, e.g. a perfect verifier)
it is used for accuracy, pass@1 and Gini (:func:`numerics.verifiers.learned_verifier_curves`);
otherwise the infinite-sample limit: :func:`numerics.verifiers.verifier_accuracy` (fixed),
the replicator (proxy), the Gibbs closed form (kl).

>>> res = run(answers=4, correct=2, n=20, generations=3, replicates=50, seed=1)
>>> res.bands["accuracy"].mean.shape, round(float(res.theory["accuracy"][1]), 4)
((4,), 0.8182)
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import mpmath
import numpy as np
from numpy.typing import NDArray

from numerics import budget
from numerics.bands import Band, simultaneous_z, summarise
from numerics.errors import InputError
from numerics.loops import kernels
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
from numerics.validate import as_fraction, as_positive_int, as_probability_vector
from numerics.verifiers import (
    acceptance_vector,
    gibbs_closed_form,
    learned_verifier_curves,
    replicator_trajectory,
    verifier_accuracy,
)

__all__ = ["MODES", "VerifierRun", "register", "run"]

MODES = ("fixed", "proxy", "kl", "learned")
INFINITE = "infinite-sample limit"
FINITE = "exact expectation at this N"


@dataclass(frozen=True)
class VerifierRun:
    """Per-generation samples (replicates × (generations + 1)), their bands, theory curves."""

    __repr__ = summary_repr  # one line: parameters, and arrays by their shape

    mode: str
    parameters: dict[str, Any]
    samples: dict[str, NDArray[np.float64]]
    bands: dict[str, Band]
    theory: dict[str, NDArray[np.float64]] = field(default_factory=dict)
    theory_labels: dict[str, str] = field(default_factory=dict)

    def to_csv(self, path: Path | str) -> None:
        """Per-generation bands and theory curves, one row per generation."""
        cols: dict[str, Any] = {"t": np.arange(len(self.bands["accuracy"].mean))}
        for name, band in self.bands.items():
            cols.update(band.as_columns(name))
        for name, curve in self.theory.items():
            cols[f"{name}_theory"] = curve
        write_csv(Path(path), cols)

    def plot(self, path: Path | str) -> None:
        """Accuracy, pass@k, entropy, Gini and correct support, with the theory curves."""
        kk = self.parameters["pass_k"]
        panels = [
            Panel(title, ylabel, self.bands[name], self.theory.get(name),
                  self.theory_labels.get(name, "exact theory"))
            for name, title, ylabel in (
                ("accuracy", "accuracy π_t(C)", "accuracy"),
                (f"pass@{kk}", f"pass@{kk}", f"pass@{kk}"),
                ("entropy", "entropy of the policy", "nats"),
                ("gini", "Gini diversity 1 − Σπ²", "Gini"),
                ("correct_support", "distinct correct answers kept", "count"),
            )
        ]
        plot_panels(Path(path), panels,
                    f"verifier loop ({self.mode}), n = {self.parameters['n']}, "
                    f"{self.parameters['replicates']} replicates, "
                    f"seed {self.parameters['seed']}")


def _entropy(p: NDArray[np.float64]) -> NDArray[np.float64]:
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    return terms.sum(axis=-1)


def _parse_pi0(pi0: object, answers: int) -> tuple[Fraction, ...]:
    if pi0 is None:
        return tuple(Fraction(1, answers) for _ in range(answers))
    if isinstance(pi0, str):
        pi0 = [x for x in pi0.split(",") if x.strip()]
    v = as_probability_vector(pi0, "pi0")  # type: ignore[arg-type]
    if len(v) != answers:
        raise InputError(f"pi0 has {len(v)} entries for {answers} answers")
    return v


def run(
    answers: object = 20,
    correct: object = 5,
    tpr: object = "0.9",
    fpr: object = "0.2",
    proxy: object = None,
    n: object = 200,
    generations: object = 100,
    replicates: object = 500,
    seed: object = 0,
    mode: str = "fixed",
    beta: object = "1",
    pi0: object = None,
    pass_k: object = 5,
    show_progress: bool = False,
) -> VerifierRun:
    """Simulate ``replicates`` independent loops for ``generations`` generations (seeded)."""
    if mode not in MODES:
        raise InputError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
    k = as_positive_int(answers, "answers")
    c = as_positive_int(correct, "correct")
    if c > k:
        raise InputError(f"correct = {c} exceeds answers = {k}")
    size = as_positive_int(n, "n")
    gens = as_positive_int(generations, "generations")
    reps = as_positive_int(replicates, "replicates")
    rng_seed = as_positive_int(seed, "seed", minimum=0)
    kk = as_positive_int(pass_k, "pass-k")
    budget.check(budget.verifier(k, size, gens, reps))
    b = as_fraction(beta, "beta")
    if b <= 0:
        raise InputError(f"beta must be > 0, got {b}")
    if mode == "fixed" and proxy is not None:
        raise InputError("proxy applies to modes proxy, kl and learned, not fixed")
    if mode == "proxy" and proxy is None:
        if c >= k:
            raise InputError("proxy mode needs a wrong answer to favour (correct < answers)")
        proxy = c
    v_exact = acceptance_vector(k, c, tpr, fpr, proxy)
    p0 = _parse_pi0(pi0, k)
    if sum(pa * va for pa, va in zip(p0, v_exact, strict=True)) == 0:
        raise InputError("the verifier accepts no answer that pi0 produces")

    v = np.array([float(x) for x in v_exact])
    pol0 = np.array([float(x) for x in p0])
    policy = np.tile(pol0, (reps, 1))
    verifier = np.tile(v, (reps, 1))
    kl_weight = np.exp((v - v.max()) / float(b))

    names = ("accuracy", "pass@1", f"pass@{kk}", "entropy", "gini", "correct_support")
    out = {name: np.empty((reps, gens + 1)) for name in names}

    def record(t: int) -> None:
        acc = policy[:, :c].sum(axis=1)
        out["accuracy"][:, t] = acc
        out["pass@1"][:, t] = acc
        out[f"pass@{kk}"][:, t] = 1.0 - (1.0 - acc) ** kk
        out["entropy"][:, t] = _entropy(policy)
        out["gini"][:, t] = 1.0 - (policy * policy).sum(axis=1)
        out["correct_support"][:, t] = (policy[:, :c] > 0).sum(axis=1)

    record(0)
    sampler = kernels.stepper(reps, k, rng_seed, size)
    for t in progress(range(gens), gens, f"verifier ({mode})", show_progress):
        counts, accepted = kernels.verifier_step(sampler, size, policy, verifier, mode != "kl")
        if mode == "kl":
            w = counts * kl_weight
            policy = w / w.sum(axis=1, keepdims=True)
        else:
            m = accepted.sum(axis=1)
            ok = m > 0
            policy = policy.copy()
            policy[ok] = accepted[ok] / m[ok, None]
            if mode == "learned":
                verifier[ok] = (accepted[ok] > 0).astype(float)
        record(t + 1)
    sampler.close()

    bands = {name: summarise(x) for name, x in out.items()}
    theory, labels = _theory(mode, p0, v_exact, c, size, gens, b, kk, tpr, fpr)
    params: dict[str, Any] = {
        "answers": k, "correct": c, "tpr": str(as_fraction(tpr, "TPR")),
        "fpr": str(as_fraction(fpr, "FPR")), "proxy": proxy, "n": size, "generations": gens,
        "replicates": reps, "seed": rng_seed, "mode": mode, "beta": str(b),
        "acceptance": [str(x) for x in v_exact], "pi0": [str(x) for x in p0], "pass_k": kk,
    }
    return VerifierRun(mode, params, out, bands, theory, labels)


def _theory(
    mode: str, p0: tuple[Fraction, ...], v: tuple[Fraction, ...], c: int, size: int,
    gens: int, beta: Fraction, kk: int, tpr: object, fpr: object,
) -> tuple[dict[str, NDArray[np.float64]], dict[str, str]]:
    correct = set(range(c))
    theory: dict[str, NDArray[np.float64]] = {}
    labels: dict[str, str] = {}
    zero_one = all(x in (0, 1) for pa, x in zip(p0, v, strict=True) if pa > 0)
    if mode == "learned" or (mode in ("fixed", "proxy") and zero_one):
        acc, g = learned_verifier_curves(p0, v, correct, size, gens, exact=False)
        a = np.array(acc, dtype=float)
        theory.update({"accuracy": a, "pass@1": a, "gini": np.array(g, dtype=float)})
        labels.update(dict.fromkeys(("accuracy", "pass@1", "gini"), FINITE))
        return theory, labels
    if mode == "kl":
        pols = []
        for t in range(gens + 1):
            pol = gibbs_closed_form(p0, v, beta, t, dps=20)
            with mpmath.workdps(20):
                pols.append([float(x) for x in pol])
        arr = np.array(pols)
        a = arr[:, :c].sum(axis=1)
        ent = _entropy(arr)
        gin = 1.0 - (arr * arr).sum(axis=1)
    else:
        arr = np.array(list(replicator_trajectory(p0, v, gens, exact=False)), dtype=float)
        a = arr[:, :c].sum(axis=1)
        ent = _entropy(arr)
        gin = 1.0 - (arr * arr).sum(axis=1)
        if mode == "fixed":
            a0 = sum(p0[:c], Fraction(0))
            a = np.array([float(verifier_accuracy(a0, tpr, fpr, t)) for t in range(gens + 1)])
    theory.update({"accuracy": a, "pass@1": a, f"pass@{kk}": 1.0 - (1.0 - a) ** kk,
                   "entropy": ent, "gini": gin})
    labels.update(dict.fromkeys(theory, INFINITE))
    return theory, labels


# --------------------------------------------------------------------------- CLI


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``simulate verifier`` to the CLI."""
    p = subparsers.add_parser(
        "verifier",
        help="self-training filtered by a verifier (fixed, proxy, KL-regularised, learned)",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    p.add_argument("--mode", default="fixed", help="fixed | proxy | kl | learned (default fixed)")
    p.add_argument("--answers", default="20", help="number of answers (default 20)")
    p.add_argument("--correct", default="5", help="how many of them are correct (default 5)")
    p.add_argument("--tpr", default="0.9", help="P(accept | correct) (default 0.9)")
    p.add_argument("--fpr", default="0.2", help="P(accept | wrong) (default 0.2)")
    p.add_argument("--proxy", default=None,
                   help="index of a wrong answer the verifier always accepts, or a comma "
                        "list of per-answer acceptance probabilities")
    p.add_argument("--n", default="200", help="draws per generation (default 200)")
    p.add_argument("--beta", default="1", help="KL strength β for --mode kl (default 1)")
    p.add_argument("--pi0", default=None, help="initial policy, comma list (default uniform)")
    p.add_argument("--pass-k", default="5", help="k of the reported pass@k (default 5)")
    add_common_arguments(p, generations=100, replicates=500)
    p.set_defaults(handler=_handle)


def _rows(gens: int) -> list[int]:
    picks = {0, 1, 2, 5, gens}
    picks.update(t for t in (10, 20, 50, 100, 200, 500, 1000) if t < gens)
    return sorted(t for t in picks if t <= gens)


def _handle(args: argparse.Namespace, console: Any) -> int:
    gens, reps, seed = check_common_arguments(args)
    res = run(answers=args.answers, correct=args.correct, tpr=args.tpr, fpr=args.fpr,
              proxy=args.proxy, n=args.n, generations=gens, replicates=reps, seed=seed,
              mode=args.mode, beta=args.beta, pi0=args.pi0, pass_k=args.pass_k,
              show_progress=not args.quiet)
    from rich.table import Table

    kk = res.parameters["pass_k"]
    table = Table(title=f"simulate verifier --mode {res.mode}: mean [95% CI] over {reps} "
                        f"replicates")
    table.add_column("t", justify="right")
    for name in ("accuracy", f"pass@{kk}", "entropy", "gini", "correct_support"):
        table.add_column(name, justify="right")
        if name in res.theory:
            table.add_column("theory", justify="right", style="dim")
    for t in _rows(gens):
        cells = [str(t)]
        for name in ("accuracy", f"pass@{kk}", "entropy", "gini", "correct_support"):
            band = res.bands[name]
            cells.append(f"{band.mean[t]:.4f} [{band.ci_low[t]:.4f}, {band.ci_high[t]:.4f}]")
            if name in res.theory:
                cells.append(f"{res.theory[name][t]:.4f}")
        table.add_row(*cells)
    console.print(table)
    kinds = sorted(set(res.theory_labels.values()))
    console.print(f"theory: {', '.join(kinds) or 'none'}; acceptance "
                  f"{', '.join(res.parameters['acceptance'])}")
    zc = simultaneous_z(0.05, gens)
    exact = [(name, res.bands[name].max_abs_z(curve, start=1))
             for name, curve in res.theory.items()
             if "exact" in res.theory_labels.get(name, "") and name in res.bands]
    if exact:
        console.print("exact finite-N curves against the simulated means, max |z| over t = "
                      f"1..{gens}: " + ", ".join(f"{n} {z:.2f}" for n, z in exact)
                      + f" (95% simultaneous limit {zc:.2f}, Bonferroni)")
    write_outputs(res, args, console)
    return 0
