"""Memory and time estimates of a laboratory run, checked before any work starts.

Every laboratory's ``run`` (and every sweep) calls :func:`check` with an :class:`Estimate` of
its peak memory and its running time as soon as its sizes are validated, before it builds
anything of that size. A run whose memory estimate exceeds the limit is refused with one line
that states both numbers; so is a run whose time estimate exceeds the time limit, when one is
set (the command line sets one hour by default; ``--time-limit`` changes it).

The limits: ``--memory-limit``/``--time-limit`` on the command line, else the environment
variables ``COLLAPSE_CHECK_MEMORY_LIMIT`` (e.g. ``8GiB``) and ``COLLAPSE_CHECK_TIME_LIMIT``
(seconds), else 80% of the memory available now and no time limit.

The estimates are deliberately pessimistic upper bounds from the array shapes (the result's
per-replicate paths, the summaries' temporaries, the per-thread working state, exact
rational inputs) and from per-draw costs measured on a busy two-core machine.

>>> parse_bytes("1.5GiB"), parse_bytes("200MB"), parse_bytes("4096")
(1610612736, 200000000, 4096)
>>> format_bytes(179 * 2**30), format_seconds(90), format_seconds(4 * 86400)
('179 GiB', '1.5 min', '4 days')
>>> check(Estimate("categorical lab", 2 * 2**30, 1.0), memory_limit=2**30)
Traceback (most recent call last):
...
numerics.errors.InputError: categorical lab needs about 2 GiB of memory, more than the limit of \
1 GiB (raise it with --memory-limit)
"""

from __future__ import annotations

import math
import os
import re
import sys
from dataclasses import dataclass

from numerics.errors import InputError

__all__ = [
    "Estimate",
    "categorical",
    "check",
    "ensemble",
    "format_bytes",
    "format_seconds",
    "gaussian",
    "memory_available",
    "parse_bytes",
    "parse_seconds",
    "programs",
    "set_limits",
    "verifier",
]

_F8 = 8  # bytes of a float64 / int64
_FRACTION = 200  # bytes of one exact Fraction with its tuple slot (a generous bound)
_SUMMARY_COPIES = 4  # a Band's mean/std/quantile temporaries, per (R, G + 1) array
_ANNOUNCE_AFTER = 10.0  # seconds: longer runs say their estimate on stderr


@dataclass(frozen=True)
class Estimate:
    """Peak memory (bytes) and running time (seconds) of one job."""

    what: str
    memory: int
    seconds: float

    def __add__(self, other: Estimate) -> Estimate:
        return Estimate(self.what, max(self.memory, other.memory), self.seconds + other.seconds)


_limits: dict[str, float | None] = {"memory": None, "seconds": None}
_announce = False


def set_limits(memory: int | None = None, seconds: float | None = None,
               announce: bool = False) -> None:
    """Set the limits used by :func:`check` (the command line does this from its flags)."""
    global _announce
    _limits["memory"] = memory
    _limits["seconds"] = seconds
    _announce = announce


def parse_bytes(text: str, name: str = "--memory-limit") -> int:
    """``"8GiB"``, ``"500MB"``, ``"4096"`` → bytes."""
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([kKmMgGtT]?)(i?)[bB]?\s*", str(text))
    if not m:
        raise InputError(f"{name} must be a size such as 8GiB or 500MB, got {text!r}")
    value, unit, binary = float(m.group(1)), m.group(2).upper(), m.group(3)
    power = "KMGT".find(unit) + 1 if unit else 0
    size = int(value * (1024 if binary or not unit else 1000) ** power) if unit else int(value)
    if size <= 0:
        raise InputError(f"{name} must be positive, got {text!r}")
    return size


def parse_seconds(text: str, name: str = "--time-limit") -> float | None:
    """Seconds as a number (``"3600"``, ``"1.5"``); ``"none"`` for no limit."""
    t = str(text).strip().lower()
    if t in ("none", "inf", "0"):
        return None
    try:
        value = float(t)
    except ValueError:
        raise InputError(f"{name} must be a number of seconds or 'none', got {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise InputError(f"{name} must be a positive number of seconds or 'none', got {text!r}")
    return value


def memory_available() -> int:
    """Bytes of memory available now (MemAvailable on Linux, else physical memory)."""
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return int(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):
        return 8 * 2**30


def _memory_limit() -> int:
    if _limits["memory"] is not None:
        return int(_limits["memory"])
    env = os.environ.get("COLLAPSE_CHECK_MEMORY_LIMIT")
    if env:
        return parse_bytes(env, "COLLAPSE_CHECK_MEMORY_LIMIT")
    return int(0.8 * memory_available())


def _time_limit() -> float | None:
    if _limits["seconds"] is not None:
        return _limits["seconds"]
    env = os.environ.get("COLLAPSE_CHECK_TIME_LIMIT")
    return parse_seconds(env, "COLLAPSE_CHECK_TIME_LIMIT") if env else None


def format_bytes(n: float) -> str:
    """Bytes with a binary unit, two or three significant digits."""
    for unit, size in (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if n >= size:
            return f"{n / size:.3g} {unit}"
    return f"{int(n)} B"


def format_seconds(s: float) -> str:
    """A duration in the largest fitting unit."""
    for unit, size in (("years", 365.25 * 86400), ("days", 86400), ("h", 3600), ("min", 60)):
        if s >= size:
            return f"{s / size:.3g} {unit}"
    return f"{s:.2g} s"


def check(estimate: Estimate, memory_limit: int | None = None,
          time_limit: float | None = None) -> Estimate:
    """Refuse ``estimate`` (InputError, one line) if it exceeds a limit; return it otherwise."""
    mem_limit = memory_limit if memory_limit is not None else _memory_limit()
    sec_limit = time_limit if time_limit is not None else _time_limit()
    if estimate.memory > mem_limit:
        raise InputError(
            f"{estimate.what} needs about {format_bytes(estimate.memory)} of memory, more than "
            f"the limit of {format_bytes(mem_limit)} (raise it with --memory-limit)"
        )
    if sec_limit is not None and estimate.seconds > sec_limit:
        raise InputError(
            f"{estimate.what} would take about {format_seconds(estimate.seconds)}, more than "
            f"the time limit of {format_seconds(sec_limit)} (raise it with --time-limit)"
        )
    if _announce and estimate.seconds > _ANNOUNCE_AFTER:
        sys.stderr.write(f"{estimate.what}: estimated {format_seconds(estimate.seconds)}, "
                         f"{format_bytes(estimate.memory)} of memory\n")
    return estimate


# ---------------------------------------------------------------------------------------------
# per-laboratory estimates (sizes already validated as positive integers)
# ---------------------------------------------------------------------------------------------

_DRAW = 12e-9  # one categorical draw (compiled, busy core)
_NORMAL = 15e-9  # one Gaussian draw and its share of the batch statistics
_CELL = 12e-9  # one category of one replicate-generation (statistics, tables)
_NUMPY_CELL = 60e-9  # the same in the NumPy fallback or in NumPy post-processing
_EXACT = 60e-6  # one exact rational input (validation, theory)


def _cores() -> int:
    from numerics.loops.kernels import threads

    return max(1, threads())


def _paths(arrays: int, r: int, g: int) -> int:
    """Per-replicate paths (``arrays`` of them) plus their summaries' temporaries."""
    return (arrays + _SUMMARY_COPIES) * r * (g + 1) * _F8


def categorical(k: int, n: int, generations: int, replicates: int, mode: str) -> Estimate:
    """The categorical laboratory (:mod:`numerics.loops.categorical`).

    >>> e = categorical(10, 100, 5, 10**9, "replace")
    >>> format_bytes(e.memory)
    '358 GiB'
    """
    from numerics.loops import kernels

    g, r = generations, replicates
    cores = _cores()
    compiled = kernels.backend() == "numba"
    labels = kernels.urn_labels(n, g, mode)
    urn = compiled and labels <= kernels._URN_MAX
    total = n * (g + 1) if mode == "accumulate" else n
    table = min(total + 1, kernels._CLOG_MAX) if compiled else total + 1
    chunk = kernels.chunk_size(k)
    work = cores * (12 * k * _F8 + (labels * _F8 if urn else 0)) if compiled else (
        cores * chunk * k * _F8 * 8)
    memory = _paths(4, r, g) + k * _FRACTION + table * _F8 + work
    if urn:
        per_step = n * _DRAW + min(k, n) * _CELL
    elif compiled:
        per_step = n * _DRAW + k * _CELL * 2
    else:
        per_step = n * _DRAW + k * _NUMPY_CELL
    seconds = r * (g * per_step + k * _CELL) / cores + k * _EXACT + r * g * 1e-8
    return Estimate("the categorical laboratory", memory, seconds)


def gaussian(n: int, generations: int, replicates: int) -> Estimate:
    """The Gaussian laboratory (:mod:`numerics.loops.gaussian`)."""
    g, r = generations, replicates
    cores = _cores()
    memory = _paths(5, r, g) + cores * 64 * 2 * n * _F8
    seconds = r * g * (n * _NORMAL + 1e-7) / cores + g * 1e-3
    return Estimate("the Gaussian laboratory", memory, seconds)


def verifier(answers: int, n: int, generations: int, replicates: int) -> Estimate:
    """The verifier laboratory (:mod:`numerics.loops.verifier`)."""
    g, r, k = generations, replicates, answers
    memory = _paths(6, r, g) + 8 * r * k * _F8 + 4 * k * _FRACTION + 3 * (g + 1) * k * _F8
    seconds = (r * g * (2 * n * _DRAW) / _cores() + r * g * k * _NUMPY_CELL
               + k * _EXACT + g * k * 1e-6)
    return Estimate("the verifier laboratory", memory, seconds)


def ensemble(models: int, k: int, n: int, generations: int, replicates: int) -> Estimate:
    """The ensemble laboratory (:mod:`numerics.loops.ensemble`)."""
    g, r = generations, replicates
    memory = _paths(3, r, g) + 8 * r * k * _F8 + 3 * k * _FRACTION
    seconds = (r * g * (models * n * _DRAW + k * _CELL) / _cores() + r * g * k * _NUMPY_CELL
               + k * _EXACT)
    return Estimate("the ensemble laboratory", memory, seconds)


def programs(n: int, generations: int, replicates: int) -> Estimate:
    """The programs laboratory (:mod:`numerics.loops.programs`; N is capped separately)."""
    g, r = generations, replicates
    memory = _paths(5, r, g) + 6 * r * _F8 + (n + 1) ** 2 * _F8
    seconds = r * g * 2e-7 + n * n * 1e-6
    return Estimate("the programs laboratory", memory, seconds)
