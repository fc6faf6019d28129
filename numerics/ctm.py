"""Coding Theorem Method (CTM) from small Turing machines, and the Block Decomposition Method.

The paper's §2.1 (eqs. 6 and 7) estimates algorithmic complexity by the output frequency of
small Turing machines. This module computes that frequency exactly for 1 to 4 states.

**Machines.** The Busy-Beaver formalism of the CTM literature: states 1..n plus a halting
state, symbols 0 and 1, a tape unbounded both ways, start in state 1 on a blank tape. Each of
the 2n entries (state, read symbol) is one of 4n + 2 values: write 0/1, move left/right, go to
one of the n states (4n values), or write 0/1 and halt (2 values). So there are
(4n + 2)**(2n) machines (:func:`machine_count`). A halting machine's output is the block of
cells its head visited, read left to right. Steps count executed transitions, the halting one
included; with the Busy-Beaver step bounds S(1..4) = 1, 6, 21, 107 a machine still running
after S(n) steps never halts, so the counts are exact (:func:`output_counts`). The maximum
halting time found by the exhaustive counts equals S(n) for every n, which pins the step
convention.

**Distribution.** c0(s) counts the machines that print s on a blank tape of 0s; running on a
blank tape of 1s is the complemented machine, so it prints the complement s̄ as often.
D(n)(s) = (c0(s) + c0(s̄)) / (2 H0), H0 the number of halting machines (:func:`distribution`),
and CTM_n(s) = -log2 D(n)(s) (:func:`ctm`). The paper's normalisation divides by every machine
instead of the halting ones; that shifts every CTM value by the same constant
log2(total / H0) (:func:`normalisation_offset`).

**Published tables.** ``pybdm`` ships CTM values from D(5) for every binary string of length
1..12 (:func:`published_ctm`); :func:`bdm` applies eq. 7 on top of them exactly as
``pybdm.BDM(ndim=1)`` does.

>>> machine_count(2)
10000
>>> c = output_counts(2)
>>> c.halting, c.nonhalting, c.halting + c.nonhalting == machine_count(2)
(3044, 6956, True)
>>> d = distribution(2)
>>> sum(d.values())
Fraction(1, 1)
>>> d["0"] == d["1"]
True
>>> round(ctm("0", 2), 6)
1.605968
>>> round(bdm("0" * 24), 6) == round(published_ctm("0" * 12) + 1, 6)
True
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import hashlib
import importlib.util
import json
import math
import numbers
import pickle
import sys
import time
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

import mpmath
import numpy as np

from numerics import _ctm_enum
from numerics.errors import CollapseCheckError, InputError
from numerics.validate import as_positive_int

__all__ = [
    "DATA_DIR",
    "MAX_STATES",
    "STEP_BOUNDS",
    "CodingSum",
    "CompressionComparison",
    "CompressionRow",
    "OutputCounts",
    "RankCorrelation",
    "Run",
    "bdm",
    "bdm_decomposition",
    "coding_sum",
    "complement",
    "compression_comparison",
    "compute_output_counts",
    "counts_digest",
    "ctm",
    "distribution",
    "distribution_of",
    "generate_data_file",
    "machine_count",
    "normalisation_offset",
    "normalisation_ratio",
    "output_counts",
    "published_coding_sum",
    "published_ctm",
    "published_table",
    "rank_correlation",
    "recomputed_counts",
    "run_machine",
    "shipped_table",
    "step_bound",
    "top_strings",
]

#: Busy-Beaver step function S(n) for 2-symbol machines: the most steps (halting transition
#: included) that a halting n-state machine takes from a blank tape.
STEP_BOUNDS: Mapping[int, int] = MappingProxyType({1: 1, 2: 6, 3: 21, 4: 107})

#: Largest number of states with an exact distribution here.
MAX_STATES = 4

#: Folder of the shipped data files (D(4) is too slow to recompute on every import).
DATA_DIR = Path(__file__).resolve().parent / "data"

_DATA_FORMAT = "collapse-check/ctm-output-counts"
_PUBLISHED_FILE = ("ctmdata", "ctm-b2-d12.pkl.gz")
_BOUNDARIES = ("ignore", "recursive", "correlated")
_METHODS = ("tree", "tree-plain", "brute", "brute-numpy")


# ----------------------------------------------------------------------------- validation

def _states(n: object, *, limit: int = MAX_STATES) -> int:
    value = as_positive_int(n, "n")
    if value > limit:
        raise InputError(
            f"n = {value} states is out of range: exact D(n) is available for n = 1..{limit}"
            " (use published_ctm for the D(5) tables shipped with pybdm)"
        )
    return value


def _binary(s: object, name: str = "s") -> str:
    """A non-empty binary string from a str of 0/1 or a sequence of ints 0/1."""
    if isinstance(s, str):
        text = s
    elif isinstance(s, (bytes, bytearray, Mapping)) or not isinstance(s, (Sequence, np.ndarray)):
        raise InputError(f"{name} must be a string of 0/1 or a sequence of 0/1 ints, "
                         f"got {type(s).__name__}")
    else:
        if isinstance(s, np.ndarray) and s.ndim != 1:
            raise InputError(f"{name} must be one-dimensional, got an array of shape {s.shape}")
        items = list(s)
        bad = [x for x in items
               if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Integral)
               or int(x) not in (0, 1)]
        if bad:
            raise InputError(f"{name} must contain only the symbols 0 and 1, got {bad[0]!r}")
        text = "".join("1" if int(x) else "0" for x in items)
    if not text:
        raise InputError(f"{name} must be a non-empty binary string")
    if text.strip("01"):
        other = next(ch for ch in text if ch not in "01")
        raise InputError(f"{name} must contain only the symbols 0 and 1, got {other!r}")
    return text


def complement(s: str | Sequence[int]) -> str:
    """The string with every bit flipped.

    >>> complement("0010")
    '1101'
    """
    return _binary(s).translate(str.maketrans("01", "10"))


# ----------------------------------------------------------------------------- machines

def machine_count(n: int) -> int:
    """Number of n-state, 2-symbol machines in the formalism: (4n + 2)**(2n).

    >>> [machine_count(n) for n in (1, 2, 3, 4)]
    [36, 10000, 7529536, 11019960576]
    """
    k = as_positive_int(n, "n")
    return (4 * k + 2) ** (2 * k)


def step_bound(n: int) -> int:
    """The Busy-Beaver step bound S(n) used to decide halting (n = 1..4).

    >>> step_bound(4)
    107
    """
    return STEP_BOUNDS[_states(n)]


class Run(NamedTuple):
    """Result of :func:`run_machine`."""

    halted: bool
    steps: int
    output: str | None


def run_machine(spec: str, blank: int = 0, max_steps: int = 10_000) -> Run:
    """Run one machine given in the usual text form, e.g. ``"1RB1LB_1LA1RZ"``.

    States are A, B, C, ... (A is the start state); each state lists its transitions on
    reading 0 and on reading 1 as write/move/next, with Z (or H) the halting state. A halting
    transition writes and stops without moving, so its move letter is ignored. Returns whether
    it halted within ``max_steps``, the steps taken (halting transition included), and the
    visited block of tape if it halted.

    The Busy-Beaver champions for 2 and 4 states use exactly S(2) and S(4) steps:

    >>> run_machine("1RB1LB_1LA1RZ")
    Run(halted=True, steps=6, output='1111')
    >>> run_machine("1RB1LB_1LA0LC_1RZ1LD_1RD0RA").steps
    107
    """
    if not isinstance(spec, str):
        raise InputError(f"machine spec must be a string like '1RB1LB_1LA1RZ', got {spec!r}")
    rows = spec.strip().split("_")
    n = len(rows)
    if n > 25:
        raise InputError(f"machine spec: at most 25 states (A..Y), got {n}")
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXY"[:n]
    table: dict[tuple[int, int], tuple[int, int, int]] = {}
    for q, row in enumerate(rows):
        if len(row) != 6:
            raise InputError(f"machine spec: state {letters[q] if q < 25 else q} must have two "
                             f"3-character transitions, got {row!r}")
        for sym in (0, 1):
            w, mv, nxt = row[3 * sym:3 * sym + 3]
            if w not in "01" or mv not in "LR" or (nxt not in letters and nxt not in "ZH"):
                raise InputError(f"machine spec: bad transition {row[3 * sym:3 * sym + 3]!r}")
            if nxt in "ZH":
                table[(q, sym)] = (int(w), 0, -1)
            else:
                table[(q, sym)] = (int(w), 1 if mv == "R" else -1, letters.index(nxt))
    if blank not in (0, 1) or isinstance(blank, bool):
        raise InputError(f"blank must be 0 or 1, got {blank!r}")
    blank = int(blank)  # 1.0, numpy integers, ...: the symbol indexes the transition table
    limit = as_positive_int(max_steps, "max_steps")
    flat = [table[(q, sym)] for q in range(n) for sym in (0, 1)]  # index 2·state + symbol
    tape: dict[int, int] = {}
    read = tape.get
    pos = lo = hi = 0
    state = 0
    for step in range(1, limit + 1):
        w, mv, nxt = flat[2 * state + read(pos, blank)]
        tape[pos] = w
        if mv == 0:
            return Run(True, step, "".join(str(tape.get(i, blank)) for i in range(lo, hi + 1)))
        pos += mv
        if pos < lo:
            lo = pos
        elif pos > hi:
            hi = pos
        state = nxt
    return Run(False, limit, None)


# ----------------------------------------------------------------------------- exact counts

@dataclass(frozen=True)
class OutputCounts:
    """Exact outcome of every n-state machine started on a blank tape of 0s.

    ``counts`` maps each output string to the number of machines printing it; ``halting`` and
    ``nonhalting`` add up to :func:`machine_count`; ``halting_times`` maps a step count to the
    number of machines halting at exactly that step. ``nodes`` (not part of equality) is the
    work done: branch points of the tree enumeration, or machines run by brute force.
    """

    n: int
    max_steps: int
    counts: Mapping[str, int]
    halting: int
    nonhalting: int
    halting_times: Mapping[int, int]
    nodes: int = field(default=0, compare=False)

    @property
    def machines(self) -> int:
        """All machines: halting + non-halting."""
        return self.halting + self.nonhalting


def _make_counts(n: int, max_steps: int, raw: _ctm_enum.Raw) -> OutputCounts:
    counts, nonhalt, times, nodes = raw
    ordered = {s: counts[s] for s in sorted(counts, key=lambda t: (len(t), t)) if counts[s]}
    halting = sum(ordered.values())
    result = OutputCounts(
        n=n, max_steps=max_steps, counts=MappingProxyType(ordered), halting=halting,
        nonhalting=nonhalt, halting_times=MappingProxyType(dict(sorted(times.items()))),
        nodes=nodes,
    )
    if result.machines != machine_count(n) or sum(times.values()) != halting:
        raise CollapseCheckError(f"internal error: counts for n={n} do not add up")
    return result


def compute_output_counts(n: int, max_steps: int | None = None,
                          method: str = "tree") -> OutputCounts:
    """Enumerate the n-state machines now (no data file), by one of four methods.

    ``"tree"`` (the default: lazily-defined transition tables, symmetries, loop proofs),
    ``"tree-plain"`` (the same tree without loop proofs: every open branch runs to the step
    bound), ``"brute"`` (each machine run on its own; n <= 2) and ``"brute-numpy"`` (every
    machine, vectorised; n <= 3). All four give identical counts.

    >>> compute_output_counts(2, method="brute") == compute_output_counts(2)
    True
    """
    k = _states(n)
    steps = STEP_BOUNDS[k] if max_steps is None else as_positive_int(max_steps, "max_steps")
    if method not in _METHODS:
        raise InputError(f"method must be one of {', '.join(_METHODS)}, got {method!r}")
    if method == "brute" and k > 2:
        raise InputError("method 'brute' runs machines one by one: use it for n <= 2")
    if method == "brute-numpy" and (k > 3 or steps > 60):
        raise InputError("method 'brute-numpy' needs n <= 3 and max_steps <= 60")
    if method == "tree":
        raw = _ctm_enum.tree_counts(k, steps)
    elif method == "tree-plain":
        raw = _ctm_enum.tree_counts(k, steps, detect_loops=False)
    elif method == "brute":
        raw = _ctm_enum.brute_counts(k, steps)
    else:
        raw = _ctm_enum.brute_counts_numpy(k, steps)
    return _make_counts(k, steps, raw)


def _data_path(n: int) -> Path:
    return DATA_DIR / f"ctm_d{n}.json"


def _canonical(c: OutputCounts) -> bytes:
    """The canonical serialisation the digest is taken of: every count, as sorted JSON."""
    body = {
        "n": c.n,
        "max_steps": c.max_steps,
        "halting": c.halting,
        "nonhalting": c.nonhalting,
        "halting_times": {str(t): v for t, v in sorted(c.halting_times.items())},
        "counts": dict(sorted(c.counts.items())),
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("ascii")


def counts_digest(c: OutputCounts) -> str:
    """sha256 (hex) of the canonical serialisation of a count table.

    Two tables have the same digest exactly when they have the same n, step bound, totals,
    halting times and count for every output; ``nodes`` (the work done) is left out.

    >>> counts_digest(output_counts(1))[:16]
    '4e5fe45e0e511ee1'
    """
    if not isinstance(c, OutputCounts):
        raise InputError(f"counts must be an OutputCounts, got {type(c).__name__}")
    return hashlib.sha256(_canonical(c)).hexdigest()


def _counts_to_json(c: OutputCounts) -> dict[str, object]:
    return {
        "format": _DATA_FORMAT,
        "version": 1,
        "description": (f"Output counts of all {c.machines} machines with {c.n} states and 2"
                        " symbols started on a blank tape of 0s (numerics.ctm)"),
        "n": c.n,
        "blank": 0,
        "max_steps": c.max_steps,
        "machines": c.machines,
        "halting": c.halting,
        "nonhalting": c.nonhalting,
        "nodes": c.nodes,
        "sha256": counts_digest(c),
        "halting_times": {str(t): v for t, v in c.halting_times.items()},
        "counts": dict(c.counts),
    }


@dataclass(frozen=True)
class ShippedTable:
    """A count table read from a shipped data file, with the digest the file records.

    ``digest`` is what the file says; ``content_digest`` is the digest of what it contains.
    They differ when the file was edited after it was generated. Either way the table is
    data, not a computation made in this run: it is evidence of what it was computed from
    only once :func:`recomputed_counts` reproduces ``digest``.
    """

    path: Path
    counts: OutputCounts
    digest: str
    content_digest: str

    @property
    def intact(self) -> bool:
        """The file's contents still have the digest recorded when it was generated."""
        return self.digest == self.content_digest

    def describe(self) -> str:
        return f"{self.path.name} (sha256 {self.digest[:16]}…)"


def _read_data_file(path: Path, n: int) -> ShippedTable:
    if not path.exists():
        raise CollapseCheckError(
            f"data file {path} is missing: run `python -m numerics.ctm --generate {n}`")
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != _DATA_FORMAT or data.get("n") != n:
        raise CollapseCheckError(f"{path} is not a CTM count file for n={n}")
    counts = {str(s): int(v) for s, v in data["counts"].items()}
    times = {int(t): int(v) for t, v in data["halting_times"].items()}
    result = OutputCounts(
        n=n, max_steps=int(data["max_steps"]), counts=MappingProxyType(counts),
        halting=int(data["halting"]), nonhalting=int(data["nonhalting"]),
        halting_times=MappingProxyType(times), nodes=int(data.get("nodes", 0)),
    )
    if (sum(counts.values()) != result.halting or sum(times.values()) != result.halting
            or result.machines != machine_count(n) or int(data["machines"]) != result.machines
            or result.max_steps != STEP_BOUNDS[n]):
        raise CollapseCheckError(f"{path} is corrupt: its totals do not add up")
    digest = data.get("sha256")
    if not isinstance(digest, str):
        raise CollapseCheckError(f"{path} records no sha256 digest of its counts")
    return ShippedTable(path, result, digest, counts_digest(result))


def shipped_table(n: int = 4, path: Path | None = None) -> ShippedTable:
    """The shipped count table for n states (only D(4) is shipped), digest not enforced.

    :func:`output_counts` refuses a file whose contents no longer match its digest; this
    function returns it anyway, so that a check can report the mismatch.
    """
    k = _states(n)
    return _read_data_file(_data_path(k) if path is None else Path(path), k)


def _load_data_file(n: int) -> OutputCounts:
    table = shipped_table(n)
    if not table.intact:
        raise CollapseCheckError(
            f"{table.path} is corrupt: its counts have sha256 {table.content_digest[:16]}…, "
            f"the file records {table.digest[:16]}…")
    return table.counts


def generate_data_file(n: int = 4, path: Path | None = None) -> tuple[Path, float]:
    """Enumerate D(n) with the tree method and write it as JSON; returns (path, seconds).

    This is how ``numerics/data/ctm_d4.json`` is made: ``python -m numerics.ctm --generate 4``.
    """
    k = _states(n)
    start = time.perf_counter()
    counts = compute_output_counts(k)
    elapsed = time.perf_counter() - start
    target = _data_path(k) if path is None else Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(_counts_to_json(counts), indent=1) + "\n", encoding="utf-8")
    return target, elapsed


@cache
def _cached_counts(n: int) -> OutputCounts:
    if n >= 4:
        return _load_data_file(n)
    return compute_output_counts(n)


@cache
def recomputed_counts(n: int) -> OutputCounts:
    """The counts for n states enumerated in this process (cached), never read from a file.

    For n <= 3 this is what :func:`output_counts` returns anyway; for n = 4 it is the
    half-minute enumeration that makes the shipped table evidence (compare
    :func:`counts_digest` of the result with :attr:`ShippedTable.digest`).
    """
    return compute_output_counts(_states(n))


def output_counts(n: int, max_steps: int | None = None) -> OutputCounts:
    """Exact counts per output over all n-state machines on a blank tape of 0s (n = 1..4).

    With ``max_steps=None`` the Busy-Beaver bound S(n) is used, so "non-halting" is exact.
    D(1)..D(3) are enumerated on demand (well under a second); D(4) is read from the shipped
    data file (recomputing it takes about half a minute, see :func:`generate_data_file`). A
    smaller ``max_steps`` counts machines that halt later as non-halting.

    >>> c = output_counts(3)
    >>> c.halting, c.nonhalting, max(c.halting_times)
    (2147184, 5382352, 21)
    """
    k = _states(n)
    if max_steps is None or as_positive_int(max_steps, "max_steps") == STEP_BOUNDS[k]:
        return _cached_counts(k)
    return compute_output_counts(k, max_steps)


# ----------------------------------------------------------------------------- D and CTM

def distribution_of(counts: OutputCounts, over: str = "halting") -> dict[str, Fraction]:
    """Fold blank-0 counts into a distribution over both blanks, most probable first.

    s gets (c0(s) + c0(s̄)) / (2 H0) with ``over="halting"``, or / (2 · machines) with
    ``over="all"``. :func:`distribution` is this applied to :func:`output_counts`; a count
    made with a smaller step budget gives the distribution that budget would report.

    >>> distribution_of(output_counts(2, max_steps=5))["0"]
    Fraction(125, 378)
    """
    if not isinstance(counts, OutputCounts):
        raise InputError(f"counts must be an OutputCounts, got {type(counts).__name__}")
    if over not in ("halting", "all"):
        raise InputError(f"over must be 'halting' or 'all', got {over!r}")
    denom = 2 * (counts.halting if over == "halting" else counts.machines)
    flip = str.maketrans("01", "10")
    raw: dict[str, int] = {}
    for s, v in counts.counts.items():
        raw[s] = raw.get(s, 0) + v
        t = s.translate(flip)
        raw[t] = raw.get(t, 0) + v
    ordered = sorted(raw, key=lambda s: (-raw[s], len(s), s))
    return {s: Fraction(raw[s], denom) for s in ordered}


def distribution(n: int, over: str = "halting") -> dict[str, Fraction]:
    """D(n) as exact fractions: (c0(s) + c0(s̄)) / (2 H0), over both blank symbols.

    ``over="halting"`` (the standard normalisation) sums to exactly 1. ``over="all"`` divides
    by all 2·(4n+2)**(2n) (machine, blank) pairs instead, halting or not, as the paper's eq. 6
    does; it sums to H0 / machine_count(n).

    >>> d1 = distribution(1)
    >>> d1
    {'0': Fraction(1, 2), '1': Fraction(1, 2)}
    >>> distribution(1, over="all")["0"]
    Fraction(1, 6)
    """
    if over not in ("halting", "all"):
        raise InputError(f"over must be 'halting' or 'all', got {over!r}")
    return distribution_of(output_counts(n), over)


@cache
def _distribution_cached(n: int, over: str) -> Mapping[str, Fraction]:
    return MappingProxyType(distribution(n, over))


def _neg_log2(p: Fraction) -> float:
    with mpmath.workdps(40):
        return float(-mpmath.log(mpmath.mpf(p.numerator) / p.denominator, 2))


def ctm(s: str | Sequence[int], n: int, over: str = "halting") -> float:
    """CTM_n(s) = -log2 D(n)(s) in bits, from the exact D(n) (n = 1..4).

    >>> ctm("0", 1)
    1.0
    >>> round(ctm("01", 4), 4) == round(ctm("10", 4), 4)
    True
    >>> ctm("0101010101", 2)
    Traceback (most recent call last):
    ...
    numerics.errors.InputError: '0101010101' is never output by a 2-state machine: no CTM_2
    """
    text = _binary(s)
    k = _states(n)
    if over not in ("halting", "all"):
        raise InputError(f"over must be 'halting' or 'all', got {over!r}")
    d = _distribution_cached(k, over)
    if text not in d:
        raise InputError(f"{text!r} is never output by a {k}-state machine: no CTM_{k}")
    return _neg_log2(d[text])


def normalisation_ratio(n: int) -> Fraction:
    """total / halting = machine_count(n) / H0, exactly.

    D_all(s) = D(s) · H0 / total for every s, so
    CTM_all(s) = CTM(s) + log2(total / H0): the paper's normalisation (eq. 6, dividing by all
    machines) shifts every CTM value by this one constant.

    >>> normalisation_ratio(1)
    Fraction(3, 1)
    """
    c = output_counts(n)
    return Fraction(c.machines, c.halting)


def normalisation_offset(n: int) -> float:
    """log2(total / H0): CTM under the paper's normalisation minus the standard CTM, in bits.

    >>> round(normalisation_offset(1), 12) == round(math.log2(3), 12)
    True
    """
    r = normalisation_ratio(n)
    with mpmath.workdps(40):
        return float(mpmath.log(mpmath.mpf(r.numerator) / r.denominator, 2))


def top_strings(n: int, k: int = 10) -> list[tuple[str, Fraction]]:
    """The ``k`` most probable strings of D(n) (ties broken by length, then lexicographically).

    >>> top_strings(2, 2)
    [('0', Fraction(250, 761)), ('1', Fraction(250, 761))]
    """
    count = as_positive_int(k, "k")
    return list(distribution(n).items())[:count]


class CodingSum(NamedTuple):
    """Σ_s D(s) exactly and Σ_s 2^{-CTM(s)} from the float CTM values, over ``strings``."""

    exact: Fraction
    from_ctm: float
    strings: int


def coding_sum(n: int, over: str = "halting") -> CodingSum:
    """Σ_s 2^{-CTM_n(s)} over every string D(n) produces (exactly 1 for ``over="halting"``).

    >>> cs = coding_sum(3)
    >>> cs.exact, abs(cs.from_ctm - 1) < 1e-12
    (Fraction(1, 1), True)
    """
    if over not in ("halting", "all"):
        raise InputError(f"over must be 'halting' or 'all', got {over!r}")
    d = _distribution_cached(_states(n), over)
    exact = sum(d.values(), Fraction(0))
    with mpmath.workdps(30):
        approx = float(mpmath.fsum(mpmath.power(2, -ctm(s, n, over)) for s in d))
    return CodingSum(exact, approx, len(d))


# ----------------------------------------------------------------------------- published tables

@lru_cache(maxsize=1)
def _published_keys() -> Mapping[str, float]:
    spec = importlib.util.find_spec("pybdm")
    if spec is None or not spec.submodule_search_locations:
        raise CollapseCheckError("the published CTM tables need the pybdm package")
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*_PUBLISHED_FILE)
    if not path.exists():
        raise CollapseCheckError(f"pybdm's CTM table {path} is missing")
    # pybdm's own data file (a pickled dict {(length,): {key: ctm}}), read as pybdm reads it
    table = pickle.loads(gzip.decompress(path.read_bytes()))
    return MappingProxyType({key: float(v) for sub in table.values() for key, v in sub.items()})


def _published_key(text: str) -> str:
    # pybdm keys are normalised by first occurrence: a string starting with 1 is looked up
    # through its complement
    return text if text[0] == "0" else text.translate(str.maketrans("01", "10"))


def published_ctm(s: str | Sequence[int]) -> float:
    """CTM from D(5) as shipped in pybdm (``ctmdata/ctm-b2-d12.pkl.gz``), length 1..12.

    The table stores one key per complement pair, normalised to start with 0.

    >>> published_ctm("0") == published_ctm("1")
    True
    >>> round(published_ctm("000000000000"), 6)
    25.610414
    """
    text = _binary(s)
    if len(text) > 12:
        raise InputError(f"the published CTM tables cover lengths 1..12, got length {len(text)}")
    return _published_keys()[_published_key(text)]


def published_table() -> dict[str, float]:
    """Every binary string of length 1..12 (both complements) with its published CTM."""
    keys = _published_keys()
    flip = str.maketrans("01", "10")
    out: dict[str, float] = {}
    for key, v in keys.items():
        out[key] = v
        out[key.translate(flip)] = v
    return out


def published_coding_sum() -> CodingSum:
    """Σ 2^{-CTM_5(s)} over all strings of length 1..12 in the published table (< 1).

    ``exact`` is that float sum as a Fraction (the table itself is in floats).
    """
    table = published_table()
    with mpmath.workdps(30):
        total = mpmath.fsum(mpmath.power(2, -mpmath.mpf(v)) for v in table.values())
        return CodingSum(Fraction(str(total)), float(total), len(table))


# ----------------------------------------------------------------------------- BDM

def _blocks(text: str, block_size: int, boundary: str, shift: int) -> list[str]:
    size = len(text)
    if boundary == "correlated":
        return [text[i:i + block_size] for i in range(0, max(size - block_size + 1, 0), shift)]
    blocks = []
    for i in range(0, size, block_size):
        block = text[i:i + block_size]
        # "ignore" drops a short tail; "recursive" keeps a tail of length >= 2 as one block
        # (pybdm's PartitionRecursive with min_length=2)
        if len(block) == block_size or (boundary == "recursive" and len(block) >= 2):
            blocks.append(block)
    return blocks


def bdm_decomposition(s: str | Sequence[int], block_size: int = 12, boundary: str = "ignore",
                      shift: int = 1) -> list[tuple[str, int, float]]:
    """The distinct blocks of eq. 7 as (block, multiplicity, CTM), in order of first occurrence.

    Partition as pybdm's 1-D partitions: ``"ignore"`` (pybdm's default) cuts non-overlapping
    blocks of ``block_size`` and drops a shorter tail; ``"recursive"`` keeps a tail of length
    >= 2 as one shorter block; ``"correlated"`` slides a window by ``shift``. Blocks equal up
    to complement stay distinct (they share a CTM value).

    >>> bdm_decomposition("0101" * 6 + "111", block_size=12)
    [('010101010101', 2, 26.99072664916141)]
    """
    text = _binary(s)
    size = as_positive_int(block_size, "block_size")
    if size > 12:
        raise InputError(f"block_size must be 1..12 (the published tables), got {size}")
    if boundary not in _BOUNDARIES:
        raise InputError(f"boundary must be one of {', '.join(_BOUNDARIES)}, got {boundary!r}")
    step = as_positive_int(shift, "shift")
    order: dict[str, int] = {}
    for block in _blocks(text, size, boundary, step):
        order[block] = order.get(block, 0) + 1
    if not order:
        raise InputError(f"a string of length {len(text)} has no block of size {size} "
                         f"under the {boundary!r} boundary")
    return [(b, m, published_ctm(b)) for b, m in order.items()]


def bdm(s: str | Sequence[int], block_size: int = 12, boundary: str = "ignore",
        shift: int = 1) -> float:
    """One-dimensional BDM (eq. 7): Σ over distinct blocks [CTM(b) + log2 multiplicity].

    Agrees with ``pybdm.BDM(ndim=1, shape=(block_size,), partition=...).bdm`` (default: 12,
    "ignore"). A string shorter than one block has no BDM value: InputError (pybdm raises
    ValueError there).

    >>> bdm("0" * 12) == published_ctm("0" * 12)
    True
    >>> round(bdm("01" * 30) - bdm("01" * 6), 12) == round(math.log2(5), 12)
    True
    """
    terms = bdm_decomposition(s, block_size, boundary, shift)
    total = 0.0
    for _, multiplicity, value in terms:
        total += value + math.log2(multiplicity)
    return total


# ----------------------------------------------------------------------------- comparisons

def _midranks(x: np.ndarray) -> np.ndarray:
    order = np.argsort(x, kind="mergesort")
    ranks = np.empty(len(x), dtype=float)
    sorted_x = x[order]
    i = 0
    while i < len(x):
        j = i
        while j + 1 < len(x) and sorted_x[j + 1] == sorted_x[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return ranks


def _spearman(x: Sequence[float], y: Sequence[float]) -> float:
    rx, ry = _midranks(np.asarray(x, float)), _midranks(np.asarray(y, float))
    rx, ry = rx - rx.mean(), ry - ry.mean()
    denom = math.sqrt(float(rx @ rx) * float(ry @ ry))
    return float(rx @ ry) / denom if denom else math.nan


def _kendall_tau_b(x: Sequence[float], y: Sequence[float]) -> float:
    ax, ay = np.asarray(x, float), np.asarray(y, float)
    concordance = 0.0
    ties_x = ties_y = 0
    pairs = 0
    for i in range(len(ax) - 1):
        dx = np.sign(ax[i + 1:] - ax[i])
        dy = np.sign(ay[i + 1:] - ay[i])
        concordance += float(dx @ dy)
        ties_x += int(np.count_nonzero(dx == 0))
        ties_y += int(np.count_nonzero(dy == 0))
        pairs += len(dx)
    denom = math.sqrt((pairs - ties_x) * (pairs - ties_y))
    return concordance / denom if denom else math.nan


class RankCorrelation(NamedTuple):
    """Rank agreement between two CTM tables over the strings both contain."""

    n: int
    reference: str
    strings: int
    spearman: float
    kendall: float


def rank_correlation(n: int, against: int | None = None) -> RankCorrelation:
    """Spearman and Kendall tau-b between CTM_n and a reference table, over common strings.

    ``against=None`` uses the published D(5) values (strings of length <= 12, both
    complements); an integer m compares with our own D(m). Ties get mid-ranks (Spearman) and
    the tau-b correction (Kendall); a side with no spread (D(1): "0" and "1" tie) gives nan.

    >>> r = rank_correlation(3)
    >>> r.strings, r.spearman > 0.9
    (128, True)
    """
    k = _states(n)
    mine = _distribution_cached(k, "halting")
    if against is None:
        reference_name = "pybdm D(5)"
        strings = [s for s in mine if len(s) <= 12]
        ref = [published_ctm(s) for s in strings]
    else:
        m = _states(against)
        reference_name = f"D({m})"
        theirs = _distribution_cached(m, "halting")
        strings = [s for s in mine if s in theirs]
        ref = [ctm(s, m) for s in strings]
    if len(strings) < 2:
        raise InputError(f"D({k}) and {reference_name} share fewer than 2 strings")
    values = [ctm(s, k) for s in strings]
    return RankCorrelation(k, reference_name, len(strings), _spearman(values, ref),
                           _kendall_tau_b(values, ref))


class CompressionRow(NamedTuple):
    """One string: its length, complexity estimate, and compressed sizes in bits."""

    string: str
    length: int
    complexity: float
    method: str
    zlib_bits: int
    bz2_bits: int


class CompressionComparison(NamedTuple):
    """Rows plus Spearman correlations of the complexity estimate with each other measure."""

    rows: tuple[CompressionRow, ...]
    spearman_length: float
    spearman_zlib: float
    spearman_bz2: float


def compression_comparison(strings: Iterable[str | Sequence[int]],
                           n: int | None = None) -> CompressionComparison:
    """CTM (or BDM) against string length and zlib/bz2 compressed length, for given strings.

    The complexity estimate is CTM_n (our exact D(n)) when ``n`` is given, otherwise the
    published D(5) CTM for length <= 12 and :func:`bdm` for longer strings. Compressed sizes
    are of the ASCII text of the string at the highest level. Only numbers: the caller judges.

    >>> cc = compression_comparison(["0" * 12, "010011010111"])
    >>> [r.method for r in cc.rows], cc.rows[0].complexity < cc.rows[1].complexity
    (['ctm', 'ctm'], True)
    """
    rows = []
    for s in strings:
        text = _binary(s)
        if n is not None:
            value, method = ctm(text, n), f"ctm{_states(n)}"
        elif len(text) <= 12:
            value, method = published_ctm(text), "ctm"
        else:
            value, method = bdm(text), "bdm"
        raw = text.encode("ascii")
        rows.append(CompressionRow(text, len(text), value, method,
                                   8 * len(zlib.compress(raw, 9)), 8 * len(bz2.compress(raw, 9))))
    if not rows:
        raise InputError("compression_comparison needs at least one string")
    values = [r.complexity for r in rows]
    if len(rows) < 2:
        nan = math.nan
        return CompressionComparison(tuple(rows), nan, nan, nan)
    return CompressionComparison(
        tuple(rows),
        _spearman(values, [r.length for r in rows]),
        _spearman(values, [r.zlib_bits for r in rows]),
        _spearman(values, [r.bz2_bits for r in rows]),
    )


# ----------------------------------------------------------------------------- command line

def main(argv: Sequence[str] | None = None) -> int:
    """``python -m numerics.ctm --generate 4`` writes the D(4) data file; ``--show N`` prints
    a summary of D(N)."""
    parser = argparse.ArgumentParser(prog="python -m numerics.ctm", description=__doc__
                                     .split("\n\n")[0])
    parser.add_argument("--generate", metavar="N", help="enumerate D(N) and write its data file")
    parser.add_argument("--out", type=Path, default=None, help="where to write (with --generate)")
    parser.add_argument("--show", metavar="N", help="print the top strings of D(N)")
    parser.add_argument("--top", default="10", help="how many strings to show (default 10)")
    args = parser.parse_args(argv)
    try:
        if args.generate is None and args.show is None:
            parser.print_usage()
            return 2
        if args.generate is not None:
            path, seconds = generate_data_file(_states(args.generate), args.out)
            print(f"wrote {path} in {seconds:.1f} s")
        if args.show is not None:
            k = _states(args.show)
            c = output_counts(k)
            print(f"D({k}): {c.machines} machines, {c.halting} halt, {c.nonhalting} do not; "
                  f"{len(c.counts)} outputs on blank 0, {len(distribution(k))} strings in D")
            for s, p in top_strings(k, as_positive_int(args.top, "--top")):
                print(f"  {s:>14}  {float(p):.6f}  CTM = {ctm(s, k):.4f}")
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
