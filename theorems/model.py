"""Claims, checks, outcomes and the rule that turns outcomes into a verdict.

A :class:`Check` is one piece of evidence: a function that runs a sympy derivation, a z3
query, an arb certification, a 50-digit mpmath computation, an exact computation or a
simulation, and returns a :class:`CheckResult` whose :class:`Outcome` speaks about the claim:
``SUPPORTS`` (the check establishes or supports the claim at the check's strength),
``REFUTES`` (the check found a confirmed counterexample to the claim) or ``UNDECIDED``.

A :class:`Claim` with proof-strength evidence carries a formal :class:`proofs.goal.Goal`; its
statement's mathematics is printed from the goal (the ``{goal}`` slot of the statement). A
proof-strength check is a function of the goal it is asked to prove and reports what it
actually established (``CheckResult.conclusion``); the engine (``theorems.evaluate``) accepts
it for the claim only when that conclusion implies the goal. A check declared with
``instance=...`` proves a special case (K = 3, n = 1, 2, 3) and counts as exact evidence only.

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

Disagreeing proof-strength evidence is undecided, never proved:

>>> derive_verdict([(Strength.PROOF, ok), (Strength.PROOF, CheckResult(Outcome.UNDECIDED, "?"))])
<Verdict.UNDECIDED: 'undecided'>
"""

from __future__ import annotations

import enum
import inspect
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from proofs.goal import Goal

__all__ = [
    "Check",
    "CheckResult",
    "Claim",
    "Goal",
    "Method",
    "Outcome",
    "Strength",
    "Tier",
    "Verdict",
    "derive_verdict",
    "disagreements",
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
    cpu_seconds: float = 0.0  # CPU time of the process running the check (all its threads)
    conclusion: Goal | None = None
    trust: list[dict[str, str]] = field(default_factory=list)
    goal_link: str = ""  # how the conclusion reaches the goal asked (set by run_check)


@dataclass(frozen=True)
class Check:
    """One piece of evidence for (or against) a claim.

    ``expect`` records the outcome the check is known to give, so a change fails a test;
    it is never used to compute a verdict. ``run`` takes the goal it is asked to prove (the
    claim's goal, or a mutant of it) or, for checks that predate goals, no argument.
    ``instance`` names the special case a proof-strength check covers ("K = 3"); such a
    check is exact evidence for the claim, not a proof of its goal.
    """

    name: str
    method: Method
    strength: Strength
    run: Callable[..., CheckResult]
    description: str = ""
    tier: Tier = Tier.FAST
    expect: Outcome | None = None
    instance: str = ""

    @property
    def takes_goal(self) -> bool:
        """Whether ``run`` takes the goal as its argument."""
        try:
            return len(inspect.signature(self.run).parameters) >= 1
        except (TypeError, ValueError):
            return False


@dataclass(frozen=True)
class Claim:
    """A formal claim of the paper, or a sub-claim (one reading of it).

    ``statement`` is our own wording, LaTeX allowed between ``$...$``; a ``{goal}`` slot in it
    is filled with the LaTeX of ``goal`` (so the mathematics shown is the goal checked).
    ``goal`` is the formal statement proof-strength checks must conclude. ``headline`` names the
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
    goal: Goal | None = None

    def __post_init__(self) -> None:
        if self.goal is not None and "{goal}" in self.statement:
            object.__setattr__(
                self, "statement", self.statement.replace("{goal}", f"${self.goal.latex()}$")
            )

    @property
    def parent(self) -> str | None:
        """The top-level id of a sub-claim (``thm-2`` for ``thm-2/gini``), else None."""
        return self.id.split("/", 1)[0] if "/" in self.id else None


def run_check(check: Check, goal: Goal | None = None) -> CheckResult:
    """Run a check (against ``goal`` if it takes one); an exception becomes ``UNDECIDED``."""
    start, cpu = time.perf_counter(), time.process_time()
    try:
        result = check.run(goal) if goal is not None and check.takes_goal else check.run()
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
    if goal is not None:
        result.goal_link = link_to_goal(result, goal)
    result.seconds = time.perf_counter() - start
    result.cpu_seconds = time.process_time() - cpu
    return result


def link_to_goal(result: CheckResult, goal: Goal) -> str:
    """How ``result``'s conclusion reaches ``goal``: a :class:`proofs.goal.Link` kind, or
    ``"none"`` (it does not, or the check stated no conclusion)."""
    from proofs.goal import follows

    if result.conclusion is None or result.outcome is not Outcome.SUPPORTS:
        return "none"
    try:
        link = follows(result.conclusion, goal)
    except Exception:  # comparing failed: not shown to reach the goal
        return "none"
    return link.kind if link is not None else "none"


def derive_verdict(results: Sequence[tuple[Strength, CheckResult]], *,
                   same_goal: bool = False) -> Verdict:
    """The verdict of a claim from (strength, result) pairs of its checks.

    * no checks: ``pending``;
    * a confirmed counterexample: ``refuted`` (checks only return REFUTES once the
      counterexample was confirmed exactly or at higher precision), unless a proof-strength
      check supports the claim: then the evidence disagrees and the verdict is ``undecided``;
    * ``proved`` when a proof-strength check supports the claim and *no* proof-strength check
      fails or is undecided (disagreement: ``undecided``);
    * else ``certified`` by the same rule for certified checks;
    * else ``supported`` when sampled (or lower-ranked) evidence supports it;
    * nothing supports: ``undecided``.

    A check that errored counts as undecided, never as support. Which results speak to the
    claim's goal (rather than an instance or another statement) is decided by the caller
    (``theorems.evaluate``), which passes instance checks at sampled strength.

    With ``same_goal`` (a claim with a formal goal: every proof-strength and certified check
    not declared an instance is a check of that one goal) the two levels are one pool: a
    certified check that fails or is undecided disagrees with a proof that checks, and an
    undecided proof with a certification, so the claim is ``undecided``.

    >>> ok, no = CheckResult(Outcome.SUPPORTS, "ok"), CheckResult(Outcome.UNDECIDED, "?")
    >>> pairs = [(Strength.PROOF, ok), (Strength.CERTIFIED, no)]
    >>> derive_verdict(pairs).value, derive_verdict(pairs, same_goal=True).value
    ('proved', 'undecided')
    >>> derive_verdict([(Strength.PROOF, no), (Strength.CERTIFIED, ok)], same_goal=True).value
    'undecided'
    """
    if not results:
        return Verdict.PENDING

    def good(r: CheckResult) -> bool:
        return r.outcome is Outcome.SUPPORTS and r.error is None

    refutes = any(r.outcome is Outcome.REFUTES for _, r in results)
    strong = (Strength.PROOF, Strength.CERTIFIED)
    for strength, verdict in ((Strength.PROOF, Verdict.PROVED),
                              (Strength.CERTIFIED, Verdict.CERTIFIED)):
        level = [r for s, r in results if s is strength]
        pool = [r for s, r in results if s in strong] if same_goal else level
        if any(good(r) for r in level):
            if refutes or not all(good(r) for r in pool):
                return Verdict.UNDECIDED
            return verdict
    if refutes:
        return Verdict.REFUTED
    if any(good(r) for _, r in results):
        return Verdict.SUPPORTED
    return Verdict.UNDECIDED


def disagreements(checks: Sequence[tuple[str, Strength, CheckResult]], *,
                  same_goal: bool = False) -> list[str]:
    """Names of checks whose proof-/certified-strength evidence disagrees (empty: none).

    ``same_goal`` as in :func:`derive_verdict`: proof and certified checks form one pool.

    >>> ok, no = CheckResult(Outcome.SUPPORTS, "ok"), CheckResult(Outcome.UNDECIDED, "?")
    >>> disagreements([("a", Strength.PROOF, ok), ("b", Strength.CERTIFIED, no)],
    ...               same_goal=True)
    ['proof evidence disagrees: a support(s); b do(es) not']
    """
    out: list[str] = []
    refuting = [n for n, _, r in checks if r.outcome is Outcome.REFUTES]
    strong = (Strength.PROOF, Strength.CERTIFIED)
    for strength in strong:
        level = [(n, r) for n, s, r in checks if s is strength]
        pool = [(n, r) for n, s, r in checks if s in strong] if same_goal else level
        ok = [n for n, r in level if r.outcome is Outcome.SUPPORTS and r.error is None]
        good = {n for n, r in pool if r.outcome is Outcome.SUPPORTS and r.error is None}
        bad = [n for n, r in pool if n not in good]
        if ok and (bad or refuting):
            out.append(f"{strength.value} evidence disagrees: {', '.join(ok)} support(s); "
                       f"{', '.join(bad + [n for n in refuting if n not in bad])} "
                       "do(es) not")
            break
    return out
