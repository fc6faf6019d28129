"""Claims, checks, outcomes and the rule that turns outcomes into a verdict.

A :class:`Check` is one piece of evidence: a function that runs a sympy derivation, a z3
query, an arb certification, a 50-digit mpmath computation, an exact computation or a
simulation, and returns a :class:`CheckResult` whose :class:`Outcome` speaks about the claim:
``SUPPORTS`` (the check establishes or supports the claim at the check's strength),
``REFUTES`` (the check found a confirmed counterexample to the claim) or ``UNDECIDED``.

A :class:`Claim`'s verdict is never stored: :func:`derive_verdict` computes it from the
results of its checks (see DESIGN.md's table). An expected verdict may be recorded on the
claim, and an expected outcome on each check, only so that a regression fails a test.

>>> ok = CheckResult(Outcome.SUPPORTS, "identity holds")
>>> derive_verdict([(Strength.PROOF, ok)])
<Verdict.PROVED: 'proved'>
>>> derive_verdict([(Strength.SAMPLED, ok)])
<Verdict.SUPPORTED: 'supported'>
>>> derive_verdict([(Strength.PROOF, CheckResult(Outcome.UNDECIDED, "z3 unknown"))])
<Verdict.UNDECIDED: 'undecided'>
>>> derive_verdict([])
<Verdict.PENDING: 'pending'>
"""

from __future__ import annotations

import enum
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Check",
    "CheckResult",
    "Claim",
    "Method",
    "Outcome",
    "Strength",
    "Tier",
    "Verdict",
    "derive_verdict",
    "run_check",
]


class Outcome(enum.Enum):
    """What one check says about its claim."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    UNDECIDED = "undecided"


class Strength(enum.Enum):
    """How strong a supporting outcome of a check is."""

    PROOF = "proof"  # sympy identity / z3 unsat / derivation whose every step checked
    CERTIFIED = "certified"  # arb enclosure on a stated finite domain
    SAMPLED = "sampled"  # high-precision points, simulations, property tests


class Method(enum.Enum):
    """The back-end a check uses; also the pytest marker of its test."""

    SYMPY = "sympy"
    Z3 = "z3"
    ARB = "arb"
    MPMATH = "mpmath"
    EXACT = "exact"
    SIMULATION = "simulation"


class Tier(enum.Enum):
    """Cost tier: ``fast`` checks run by default, ``deep`` ones with ``--deep``."""

    FAST = "fast"
    DEEP = "deep"


class Verdict(enum.Enum):
    """The verdict vocabulary of DESIGN.md, plus ``pending`` for a claim with no evidence yet."""

    PROVED = "proved"
    CERTIFIED = "certified"
    SUPPORTED = "supported"
    REFUTED = "refuted"
    UNDECIDED = "undecided"
    INFORMAL = "informal"
    PENDING = "pending"


@dataclass
class CheckResult:
    """The result of running one check.

    ``detail`` is a one-paragraph human summary; ``data`` holds machine-readable evidence
    (numbers as strings with their digits, counterexample models, derivation step reports);
    ``error`` is set when the check raised, in which case the outcome is ``UNDECIDED``.
    """

    outcome: Outcome
    detail: str
    data: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class Check:
    """One piece of evidence for (or against) a claim.

    ``expect`` records the outcome the check is known to give, so a change fails a test;
    it is never used to compute a verdict.
    """

    name: str
    method: Method
    strength: Strength
    run: Callable[[], CheckResult]
    description: str = ""
    tier: Tier = Tier.FAST
    expect: Outcome | None = None


@dataclass(frozen=True)
class Claim:
    """A formal claim of the paper, or a sub-claim (one reading of it).

    ``statement`` is our own wording, LaTeX allowed between ``$...$``. ``headline`` names the
    claim whose verdict stands for this one: for a claim with sub-claims, the sub-claim that
    reads the paper as stated; for a sentence of the v1 abstract, the claim that decides it.
    A claim with a headline and no checks of its own takes its verdict from the headline.

    ``model`` names the model the claim's verdict is decided in (a key of
    :data:`theorems.readings.MODELS`: ``idealised``, ``finite-sample``, ``drift``, ...).
    ``role`` says what the sub-claim is to the paper's statement (see
    :mod:`theorems.readings`): ``part`` (a conjunct of the statement as written, read
    charitably), ``repair`` (the precise statement established where the paper's fails),
    ``extra`` (a labelled reading that is not the paper's claim), or empty (a supporting
    result).
    """

    id: str
    title: str
    statement: str
    location: str
    hypotheses: tuple[str, ...] = ()
    v1: str = ""
    divergence: str = ""
    uses: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()
    expected: Verdict | None = None
    informal: bool = False
    headline: str | None = None
    model: str = ""
    role: str = ""

    @property
    def parent(self) -> str | None:
        """The top-level id of a sub-claim (``thm-2`` for ``thm-2/gini``), else None."""
        return self.id.split("/", 1)[0] if "/" in self.id else None


def run_check(check: Check) -> CheckResult:
    """Run a check; an exception becomes an ``UNDECIDED`` result carrying the error."""
    start = time.perf_counter()
    try:
        result = check.run()
        if not isinstance(result, CheckResult):
            raise TypeError(f"check {check.name!r} returned {type(result).__name__}")
    except Exception as exc:  # a failing check must never crash the run or pass silently
        tb = traceback.extract_tb(exc.__traceback__)
        where = f" at {tb[-1].filename.rsplit('/', 1)[-1]}:{tb[-1].lineno}" if tb else ""
        result = CheckResult(
            Outcome.UNDECIDED,
            f"check raised {type(exc).__name__}: {exc}",
            error=f"{type(exc).__name__}: {exc}{where}",
        )
    result.seconds = time.perf_counter() - start
    return result


def derive_verdict(results: Sequence[tuple[Strength, CheckResult]]) -> Verdict:
    """The verdict of a claim from (strength, result) pairs of its checks.

    * no checks: ``pending``;
    * any confirmed counterexample: ``refuted`` (checks only return REFUTES once the
      counterexample was confirmed exactly or at higher precision);
    * otherwise the strongest supporting strength: proof -> ``proved``, certified ->
      ``certified``, sampled -> ``supported``;
    * nothing supports: ``undecided``.

    A check that errored counts as undecided, never as support.
    """
    if not results:
        return Verdict.PENDING
    outcomes = [r.outcome for _, r in results]
    if Outcome.REFUTES in outcomes:
        return Verdict.REFUTED
    supporting = [s for s, r in results if r.outcome is Outcome.SUPPORTS and r.error is None]
    if not supporting:
        return Verdict.UNDECIDED
    if Strength.PROOF in supporting:
        return Verdict.PROVED
    if Strength.CERTIFIED in supporting:
        return Verdict.CERTIFIED
    return Verdict.SUPPORTED
