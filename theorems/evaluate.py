"""Run the checks of a set of claims and derive every verdict.

This is the one place where evidence becomes verdicts; the CLI table, ``--json``, the pytest
summary, ``status.json`` and the docs all read a :class:`Report`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from proofs.goal import Goal
from theorems import readings, registry
from theorems.model import (
    Check,
    CheckResult,
    Claim,
    Outcome,
    Strength,
    Tier,
    Verdict,
    derive_verdict,
    disagreements,
    run_check,
)

__all__ = [
    "NO_GOAL",
    "PAPER",
    "ClaimStatus",
    "Report",
    "assemble",
    "count_checks",
    "count_verdicts",
    "counts_text",
    "evaluate",
    "fully_checked",
    "plan",
    "profile",
    "record_durations",
    "recorded_durations",
    "summarise_results",
]

PAPER = (
    'H. Zenil, "On the Limits of Self-Improving in Large Language Models", arXiv:2601.05280 '
    "(v1 January 2026, v2 February 2026; companion follows v2)"
)


@dataclass
class ClaimStatus:
    """A claim with the results of the checks that ran and the verdict derived from them."""

    claim: Claim
    results: list[tuple[Check, CheckResult]] = field(default_factory=list)
    skipped: list[Check] = field(default_factory=list)
    verdict: Verdict = Verdict.PENDING
    #: True / False, or None when a claim it rests on was not evaluated (see fully_checked)
    fully_checked: bool | None = False
    problems: list[str] = field(default_factory=list)
    as_written: readings.Reading | None = None
    holds: readings.Reading | None = None
    labels: dict[str, str] = field(default_factory=dict)
    #: for a claim whose verdict is composed from its parts: how its goal is composed
    composition: readings.Composition | None = None
    #: why the verdict was capped at supported (proof evidence without a formal goal), or ""
    capped: str = ""

    @property
    def goal(self) -> Goal | None:
        """The claim's formal goal: its own, or the one composed from its parts."""
        if self.claim.goal is not None:
            return self.claim.goal
        if self.composition is not None and self.composition.proved:
            return self.composition.goal
        return None

    @property
    def seconds(self) -> float:
        return sum(r.seconds for _, r in self.results)

    @property
    def methods(self) -> list[str]:
        """Evidence kinds of the checks that ran, in a stable order."""
        seen: list[str] = []
        for check, _ in self.results:
            if check.method.value not in seen:
                seen.append(check.method.value)
        return seen

    @property
    def tier(self) -> str:
        """Which tier the verdict rests on: ``fast``, ``deep``, or ``-`` when nothing ran."""
        if not self.results:
            return "-"
        return "deep" if any(c.tier is Tier.DEEP for c, _ in self.results) else "fast"

    @property
    def ok(self) -> bool:
        return not self.problems

    def trust(self) -> dict[str, Any]:
        """What this claim's own verdict rests on (see :mod:`theorems.trust`)."""
        from theorems.trust import claim_trust

        return claim_trust(self)

    def to_json(self) -> dict[str, Any]:
        c = self.claim
        return {
            "id": c.id,
            "title": c.title,
            "verdict": self.verdict.value,
            "expected": c.expected.value if c.expected else None,
            "fully_checked": self.fully_checked,
            "tier": self.tier,
            "location": c.location,
            "uses": list(c.uses),
            "headline": c.headline,
            "model": c.model or None,
            "role": c.role or None,
            "as_written": self.as_written.to_json() if self.as_written else None,
            "holds": self.holds.to_json() if self.holds else None,
            "related": _related_json(c.id),
            "goal": self.goal.text if self.goal is not None else None,
            "goal_string": str(self.goal) if self.goal is not None else None,
            "composition": self.composition.to_json() if self.composition else None,
            "trust": self.trust(),
            "problems": list(self.problems),
            "checks": [
                {
                    "name": chk.name,
                    "method": chk.method.value,
                    "strength": chk.strength.value,
                    "tier": chk.tier.value,
                    "outcome": res.outcome.value,
                    "expected_outcome": chk.expect.value if chk.expect else None,
                    "detail": res.detail,
                    "error": res.error,
                    "seconds": round(res.seconds, 4),
                    "cpu_seconds": round(res.cpu_seconds, 4),
                    "data": _jsonable(res.data),
                    "instance": chk.instance or None,
                    "goal_link": res.goal_link or None,
                    "trust": _jsonable(res.trust),
                    "counts_as": self.labels.get(chk.name),
                }
                for chk, res in self.results
            ],
            "skipped": [chk.name for chk in self.skipped],
        }


def _related_json(claim_id: str) -> list[dict[str, Any]]:
    from theorems import related

    return [item.to_json() for item in related.for_claim(claim_id, nested=False)]


@dataclass
class Report:
    """Statuses of the evaluated claims, in registry order."""

    statuses: list[ClaimStatus]
    deep: bool
    #: where the results come from: when the run finished, the package version, the commit
    run: dict[str, Any] = field(default_factory=dict)

    def by_id(self) -> dict[str, ClaimStatus]:
        return {s.claim.id: s for s in self.statuses}

    @property
    def ok(self) -> bool:
        return all(s.ok for s in self.statuses)

    def shown(self, ids: Iterable[str] | None = None) -> list[ClaimStatus]:
        """The statuses of ``ids`` (all when None), in registry order."""
        wanted = set(ids) if ids is not None else None
        return [s for s in self.statuses if wanted is None or s.claim.id in wanted]

    def counts(self, ids: Iterable[str] | None = None) -> dict[str, int]:
        """Verdict counts of the claims in ``ids`` (all when None): see :func:`count_verdicts`."""
        return count_verdicts(self.shown(ids))

    def to_json(self, ids: Iterable[str] | None = None) -> dict[str, Any]:
        shown = self.shown(ids)
        return {
            "paper": PAPER,
            "tier": "deep" if self.deep else "fast",
            "run": dict(self.run),
            "counts": count_verdicts(shown),
            "claims": [s.to_json() for s in shown],
        }

    def write_json(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), indent=2) + "\n")


def _jsonable(value: Any) -> Any:
    """Check data as JSON: numbers without a JSON form (Fraction, mpf, sympy) become text."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def run_info() -> dict[str, Any]:
    """Where a run's results come from: finish time (UTC), package version, git commit."""
    import datetime
    import subprocess
    from importlib import metadata

    info: dict[str, Any] = {
        "finished": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
    }
    try:
        info["version"] = metadata.version("collapse-check")
    except metadata.PackageNotFoundError:
        info["version"] = "unknown"
    try:
        proc = subprocess.run(
            ["git", "-C", str(Path(__file__).resolve().parent), "describe", "--always",
             "--dirty"], capture_output=True, text=True, timeout=5, check=False)
        if proc.returncode == 0 and proc.stdout.strip():
            info["commit"] = proc.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        pass
    return info


def effective(claim: Claim, check: Check, res: CheckResult) -> tuple[Strength, CheckResult, str]:
    """The strength and result a check counts with for ``claim``, and a label saying why.

    * a check declared ``instance=...`` counts as exact (sampled-rank) evidence;
    * for a claim with a goal, a supporting proof-strength or certified check counts at its
      strength only when its conclusion reaches the goal (``res.goal_link``, computed by the
      engine in :func:`theorems.model.run_check`); otherwise it is an undecided proof (or
      certification) of the goal;
    * a claim without a goal keeps the pre-goal rule (its checks count at their strength);
      the trust report lists it as "no formal goal".
    """
    if check.instance and check.strength is not Strength.SAMPLED:
        return Strength.SAMPLED, res, f"exact instance ({check.instance}), not a proof of the goal"
    if (claim.goal is not None and check.strength in (Strength.PROOF, Strength.CERTIFIED)
            and res.outcome is Outcome.SUPPORTS and res.error is None):
        if res.goal_link in ("", "none"):
            said = (f"concludes {res.conclusion}" if res.conclusion is not None
                    else "states no conclusion")
            return check.strength, replace(
                res, outcome=Outcome.UNDECIDED,
                detail=f"{said}, which is not shown to imply the claim's goal; {res.detail}",
            ), "does not reach the goal"
        return check.strength, res, f"concludes the goal ({res.goal_link})"
    return check.strength, res, ""


#: The label of proof-strength evidence of a claim without a formal goal (capped at supported).
NO_GOAL = ("no formal goal: counts as exact evidence, not as a proof (a claim is proved or "
           "certified only against a formal goal)")


def summarise_results(
    claim: Claim, results: Sequence[tuple[Check, CheckResult]], skipped: Sequence[Check]
) -> ClaimStatus:
    """The status of a claim with its own checks' results (parents and uses resolved later).

    A claim is proved (certified) only against a formal goal: a claim without one whose
    proof-strength or certified checks support it is capped at ``supported``, and those
    checks are labelled :data:`NO_GOAL`.

    >>> from theorems.model import Check, Method
    >>> ok = Check("z3", Method.Z3, Strength.PROOF,
    ...            lambda: CheckResult(Outcome.SUPPORTS, "proved"))
    >>> st = summarise_results(Claim("c", "c", "", ""), [(ok, ok.run())], [])
    >>> st.verdict.value, st.labels["z3"].split(":")[0]
    ('supported', 'no formal goal')
    """
    status = ClaimStatus(claim, list(results), list(skipped))
    counted = [(c, *effective(claim, c, r)) for c, r in results]
    status.labels = {c.name: label for c, _, _, label in counted if label}
    pairs: list[tuple[Strength, CheckResult]] = [(s, r) for _, s, r, _ in counted]
    status.verdict = derive_verdict(pairs, same_goal=claim.goal is not None)
    if claim.goal is None and status.verdict in _STRONG:
        # proved requires a goal: goal-less proof evidence is exact evidence, not a proof
        status.capped = f"{status.verdict.value} evidence without a formal goal: supported"
        status.verdict = Verdict.SUPPORTED
        for c, s, r, _ in counted:
            if s in (Strength.PROOF, Strength.CERTIFIED) and r.outcome is Outcome.SUPPORTS:
                status.labels[c.name] = NO_GOAL
    if claim.informal and not claim.checks:
        status.verdict = Verdict.INFORMAL
    for check, res in results:
        if res.error is not None:
            status.problems.append(f"{check.name}: check errored: {res.error}")
        elif check.expect is not None and res.outcome is not check.expect:
            status.problems.append(
                f"{check.name}: outcome {res.outcome.value}, expected {check.expect.value}"
            )
    for line in disagreements([(c.name, s, r) for c, s, r, _ in counted],
                              same_goal=claim.goal is not None):
        status.problems.append(f"disagreeing evidence: {line}")
    return status


def _finish(statuses: dict[str, ClaimStatus]) -> None:
    """Both readings (and a parent's verdict), expectations, and 'fully checked' (transitive).

    A claim without checks of its own whose readings rest on other claims (parts, or a
    headline) shows its *as written* verdict (:func:`theorems.readings.derive`).
    """
    derived = readings.derive(registry.all_claims(),
                              {cid: st.verdict for cid, st in statuses.items()})
    claims = registry.all_claims()
    for cid, status in statuses.items():
        pair = derived[cid]
        status.as_written, status.holds = pair.as_written, pair.holds
        if status.capped:
            status.as_written, status.holds = (
                _with_note(r, cid, status.capped) for r in (pair.as_written, pair.holds))
        if not status.claim.checks and readings.inputs(status.claim, claims):
            status.verdict = pair.as_written.verdict
            status.composition = readings.compose(claims, cid)
    for status in statuses.values():
        claim = status.claim
        if (
            claim.expected is not None
            and not status.skipped
            and status.verdict is not claim.expected
        ):
            status.problems.append(
                f"verdict {status.verdict.value}, expected {claim.expected.value}"
            )

    for cid, status in statuses.items():
        status.fully_checked = fully_checked(cid, statuses)


_STRONG = frozenset({Verdict.PROVED, Verdict.CERTIFIED})


def _with_note(reading: readings.Reading, cid: str, note: str) -> readings.Reading:
    """``reading`` with ``note`` added when it is the claim's own reading."""
    if reading.claim != cid:
        return reading
    text = f"{reading.note}; {note}" if reading.note else note
    return readings.Reading(reading.verdict, reading.claim, reading.model, text)


def fully_checked(claim_id: str, statuses: dict[str, ClaimStatus]) -> bool | None:
    """Whether a claim is *fully checked*: the one definition, used by every output.

    A claim is fully checked when its verdict is proved or certified, every claim it uses is
    fully checked, and, when its verdict is its headline's, the headline is fully checked.
    The answer is None (unknown) when that depends on a claim missing from ``statuses``
    (e.g. a pytest run that selected only some checks); a dependency cycle counts as not
    fully checked.

    >>> from theorems.model import Claim
    >>> def st(cid, verdict, uses=(), headline=None):
    ...     c = Claim(cid, cid, "", "", uses=uses, headline=headline)
    ...     return ClaimStatus(c, verdict=verdict)
    >>> s = {c.claim.id: c for c in [st("a", Verdict.PROVED, ("b",)), st("b", Verdict.PROVED),
    ...      st("p", Verdict.PROVED, headline="p/x"), st("p/x", Verdict.PROVED, ("z",))]}
    >>> fully_checked("a", s), fully_checked("b", s), fully_checked("p", s)
    (True, True, None)
    >>> s["b"].verdict = Verdict.SUPPORTED
    >>> fully_checked("a", s)
    False
    """

    def visit(cid: str, trail: frozenset[str]) -> bool | None:
        if cid in trail:
            return False
        if cid not in statuses:
            return None
        st = statuses[cid]
        if st.verdict not in _STRONG:
            return False
        rests_on = list(st.claim.uses)
        if not st.claim.checks and st.claim.headline:
            rests_on.append(st.claim.headline)
        answers = [visit(u, trail | {cid}) for u in rests_on]
        if False in answers:
            return False
        return None if None in answers else True

    return visit(claim_id, frozenset())


def count_verdicts(statuses: Iterable[ClaimStatus]) -> dict[str, int]:
    """How many of ``statuses`` have each verdict, and how many are fully checked.

    The one count behind ``verify``'s counts line, ``--json``, the pytest summary and the
    docs. Keys: every verdict value, then ``fully checked``.
    """
    out = {v.value: 0 for v in Verdict}
    full = 0
    for s in statuses:
        out[s.verdict.value] += 1
        full += s.fully_checked is True
    out["fully checked"] = full
    return out


def counts_text(statuses: Sequence[ClaimStatus]) -> str:
    """One line: ``N claims: proved 5, refuted 1; fully checked 4`` (zero counts left out)."""
    counts = count_verdicts(statuses)
    full = counts.pop("fully checked")
    verdicts = ", ".join(f"{k} {v}" for k, v in counts.items() if v)
    unknown = sum(1 for s in statuses if s.fully_checked is None)
    tail = f"; fully checked {full}" + (
        f" ({unknown} unknown: a claim they rest on did not run)" if unknown else "")
    return f"{len(statuses)} claims: {verdicts}{tail}"


def plan(claims: Sequence[Claim]) -> list[Claim]:
    """``claims`` plus everything they use or take a headline from, in registry order."""
    needed: dict[str, Claim] = {c.id: c for c in claims}
    stack = list(claims)
    while stack:
        claim = stack.pop()
        extra = [registry.get(u) for u in claim.uses]
        extra += [registry.get(i) for i in readings.inputs(claim, registry.all_claims())]
        for other in extra:
            if other.id not in needed:
                needed[other.id] = other
                stack.append(other)
    return [c for c in registry.all_claims() if c.id in needed]


def _run_by_name(claim_id: str, check_name: str) -> bytes:
    """Run one registry check in a worker process (looked up by name: checks are closures).

    The result comes back pickled, and the caller unpickles it: a result that fails to
    unpickle then costs that one check (run again by the caller), where unpickling inside the
    pool's own machinery would break the whole pool and every check still queued.
    """
    import pickle

    claim = registry.get(claim_id)
    check = next(c for c in claim.checks if c.name == check_name)
    return pickle.dumps(run_check(check, claim.goal))


def evaluate(
    claims: Sequence[Claim],
    *,
    deep: bool = False,
    on_check: Callable[[Claim, Check], None] | None = None,
    jobs: int = 1,
) -> Report:
    """Run the checks of :func:`plan` (``claims`` and what they depend on).

    ``on_check`` is called as each check starts (``jobs == 1``) or finishes (``jobs > 1``), for
    progress bars. Deep-tier checks run only with ``deep=True``; the others are listed as
    skipped. With ``jobs > 1`` the checks run in that many worker processes; the results are
    the same, in the same order.
    """
    order = plan(claims)
    todo = [(claim, check) for claim in order for check in claim.checks
            if deep or check.tier is not Tier.DEEP]
    results: dict[tuple[str, str], CheckResult] = {}
    fallbacks: list[str] | None = None
    if jobs > 1 and len(todo) > 1:
        import concurrent.futures as cf
        import pickle

        # longest first (recorded durations), so no worker is left with a long check at the end
        known = recorded_durations()
        typical = sorted(known.values())[len(known) // 2] if known else 0.0
        queue = sorted(todo, key=lambda cc: -known.get(f"{cc[0].id}::{cc[1].name}", typical))
        fallbacks = []
        try:
            with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=pool_context()) as pool:
                futures = {
                    pool.submit(_run_by_name, claim.id, check.name): (claim, check)
                    for claim, check in queue
                }
                for fut in cf.as_completed(futures):
                    claim, check = futures[fut]
                    try:
                        crossed = pickle.loads(fut.result())
                    except Exception:  # a worker that died, a result that does not unpickle
                        crossed = None
                    if crossed is None:
                        fallbacks.append(f"{claim.id}::{check.name}")
                    results[(claim.id, check.name)] = (
                        crossed if crossed is not None else run_check(check, claim.goal))
                    if on_check is not None:
                        on_check(claim, check)
        except Exception:  # the pool could not start or take work: what is left runs here
            pass
        for claim, check in queue:
            if (claim.id, check.name) not in results:
                fallbacks.append(f"{claim.id}::{check.name}")
                results[(claim.id, check.name)] = run_check(check, claim.goal)
                if on_check is not None:
                    on_check(claim, check)
    else:
        for claim, check in todo:
            if on_check is not None:
                on_check(claim, check)
            results[(claim.id, check.name)] = run_check(check, claim.goal)
    report = report_from(order, results, deep)
    if fallbacks is not None:
        # checks of a pooled run that ran in this process instead (a worker that died, or a
        # result that could not come back): the same results, but a sign that something is off
        report.run["pool_fallbacks"] = fallbacks
    return report


_SERVER_ENV: dict[str, str] | None = None
"""The settings the fork server was started with (its workers see these)."""

_SETTINGS = ("COLLAPSE_CHECK_", "SYMPY_", "NUMBA_", "OMP_", "OPENBLAS_", "MKL_", "PYTHON")
"""Environment variables read by the project or its libraries (often at import)."""


def _settings() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k.startswith(_SETTINGS)}


def pool_context() -> Any:
    """The multiprocessing context of the worker pools (``verify --jobs``, ``mutants``).

    A fork server where the platform has one: a fresh interpreter (no progress-bar thread)
    that imports :mod:`theorems._preload`, building the registry, once; each worker is forked
    from it, so no worker builds the registry again. Its workers inherit the environment and
    the settings read at import (``COLLAPSE_CHECK_KERNELS``, ...) from when the server started,
    so once one of those settings (:data:`_SETTINGS`) differs here, and on platforms without a
    fork server, the workers are fresh interpreters (spawn) that read the current environment.
    The first call starts the fork server, so calling this early lets the server build its
    registry while the caller builds its own.
    """
    import multiprocessing

    global _SERVER_ENV
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    if _SERVER_ENV is not None and _SERVER_ENV != _settings():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    if _SERVER_ENV is None:
        from multiprocessing import forkserver

        ctx.set_forkserver_preload(["theorems._preload"])
        forkserver.ensure_running()  # now, with the environment recorded next to it
        _SERVER_ENV = _settings()
    return ctx


DURATIONS = Path(__file__).with_name("durations.json")
"""Seconds each fast-tier check took in a ``collapse-check verify --profile`` run (which merges
its wall seconds into this file). Used only to order the worker pool's queue, longest first."""


def recorded_durations(path: Path | None = None) -> dict[str, float]:
    """``{"claim::check": seconds}`` from :data:`DURATIONS` (empty when missing or malformed)."""
    try:
        data = json.loads((path or DURATIONS).read_text())
        return {str(k): float(v) for k, v in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def profile(report: Report) -> list[tuple[float, float, str, str, str]]:
    """Every check that ran as (seconds, CPU seconds, claim id, check name, method), slowest
    first."""
    rows = [
        (res.seconds, res.cpu_seconds, st.claim.id, chk.name, chk.method.value)
        for st in report.statuses for chk, res in st.results
    ]
    return sorted(rows, key=lambda r: -r[0])


def record_durations(report: Report, path: Path | None = None) -> Path:
    """Write the checks' durations (merged with those already recorded) for the pool order."""
    target = path or DURATIONS
    known = recorded_durations(target)
    known.update({f"{cid}::{name}": round(sec, 3) for sec, _, cid, name, _ in profile(report)})
    target.write_text(json.dumps(dict(sorted(known.items())), indent=1) + "\n")
    return target


def report_from(
    claims: Sequence[Claim], results: Mapping[tuple[str, str], CheckResult], deep: bool = False
) -> Report:
    """The report of :func:`plan` (``claims``) from results already computed, keyed by
    ``(claim id, check name)``; a check without a result counts as skipped."""
    order = plan(claims)
    collected = {c.id: [(k, results[(c.id, k.name)]) for k in c.checks
                        if (c.id, k.name) in results] for c in order}
    skipped = {c.id: [k for k in c.checks if (c.id, k.name) not in results] for c in order}
    return assemble(order, collected, skipped, deep)


def assemble(
    order: Sequence[Claim],
    collected: dict[str, list[tuple[Check, CheckResult]]],
    skipped: dict[str, list[Check]],
    deep: bool,
) -> Report:
    """Derive every verdict from check results gathered elsewhere (CLI run or pytest run)."""
    statuses = {
        c.id: summarise_results(c, collected.get(c.id, []), skipped.get(c.id, []))
        for c in order
    }
    _finish(statuses)
    return Report([statuses[c.id] for c in order], deep, run_info())


def count_checks(claims: Sequence[Claim], deep: bool) -> int:
    """How many checks :func:`evaluate` will run for ``claims`` (for progress totals)."""
    return sum(
        1 for c in plan(claims) for chk in c.checks if deep or chk.tier is not Tier.DEEP
    )
