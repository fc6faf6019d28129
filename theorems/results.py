"""Results files: the JSON that ``collapse-check verify --json`` writes, read back.

``collapse-check docs --from FILE`` builds the site from such a file instead of running every
check again. The file records each check's outcome and data; :func:`load_report` matches them
to the registry's checks and derives every verdict again with the same rule as a live run
(:func:`theorems.evaluate.assemble`), so a verdict is never read from the file. A file from a
different registry (a claim or check missing on either side), a partial run, or one whose
recorded verdicts the rule does not reproduce is refused with a one-line error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from numerics.errors import InputError
from theorems import registry
from theorems.evaluate import Report, assemble
from theorems.model import Check, CheckResult, Outcome, Tier

__all__ = ["load_report"]


def _read(path: Path, option: str) -> dict[str, Any]:
    if not path.exists():
        raise InputError(f"{option}: {path} does not exist")
    if path.is_dir():
        raise InputError(f"{option}: {path} is a folder, not a results file")
    try:
        obj = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{option}: cannot read {path}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{option}: {path} is not JSON ({exc.msg} at line {exc.lineno}); "
                         "write one with `collapse-check verify --json > FILE`") from None
    if not isinstance(obj, dict) or not isinstance(obj.get("claims"), list):
        raise InputError(f"{option}: {path} is not a results file of `collapse-check verify "
                         "--json` (no list of claims)")
    return obj


def load_report(path: str | Path, option: str = "--from") -> Report:
    """The :class:`Report` of a results file, verdicts derived again (see the module doc)."""
    path = Path(path)
    obj = _read(path, option)
    deep = obj.get("tier") == "deep"
    by_id: dict[str, dict[str, Any]] = {}
    for entry in obj["claims"]:
        if not isinstance(entry, dict) or "id" not in entry:
            raise InputError(f"{option}: {path}: a claim entry without an id")
        by_id[str(entry["id"])] = entry
    claims = registry.all_claims()
    missing = [c.id for c in claims if c.id not in by_id]
    if missing:
        raise InputError(
            f"{option}: {path} covers {len(claims) - len(missing)} of {len(claims)} claims "
            f"(no {missing[0]}); the docs need a run of every claim: "
            "`collapse-check verify --json > FILE`"
        )
    unknown = sorted(set(by_id) - {c.id for c in claims})
    if unknown:
        raise InputError(f"{option}: {path} has claim {unknown[0]!r}, which this version of "
                         "the registry does not know; run verify again")
    collected: dict[str, list[tuple[Check, CheckResult]]] = {}
    skipped: dict[str, list[Check]] = {}
    for claim in claims:
        entry = by_id[claim.id]
        checks = {c.name: c for c in claim.checks}
        done: list[tuple[Check, CheckResult]] = []
        for item in entry.get("checks") or []:
            name = item.get("name")
            if name not in checks:
                raise InputError(f"{option}: {path}: check {name!r} of {claim.id} is not in "
                                 "this version of the registry; run verify again")
            try:
                outcome = Outcome(item["outcome"])
            except (KeyError, ValueError):
                raise InputError(f"{option}: {path}: check {name!r} of {claim.id} has no "
                                 "valid outcome") from None
            result = CheckResult(outcome, str(item.get("detail", "")),
                                 data=dict(item.get("data") or {}), error=item.get("error"),
                                 seconds=float(item.get("seconds") or 0.0),
                                 cpu_seconds=float(item.get("cpu_seconds") or 0.0),
                                 goal_link=str(item.get("goal_link") or ""),
                                 trust=[t for t in item.get("trust") or [] if isinstance(t, dict)])
            done.append((checks[name], result))
        ran = {c.name for c, _ in done}
        absent = [c for c in claim.checks if c.name not in ran]
        not_skippable = [c for c in absent if c.tier is not Tier.DEEP or deep]
        if not_skippable:
            raise InputError(f"{option}: {path} has no result for check "
                             f"{not_skippable[0].name!r} of {claim.id}; run verify again")
        collected[claim.id] = done
        skipped[claim.id] = absent
    report = assemble(claims, collected, skipped, deep)
    recorded_run = obj.get("run")
    if isinstance(recorded_run, dict) and isinstance(recorded_run.get("pool_fallbacks"), list):
        report.run["pool_fallbacks"] = [str(f) for f in recorded_run["pool_fallbacks"]]
    for st in report.statuses:
        recorded = by_id[st.claim.id].get("verdict")
        if recorded is not None and recorded != st.verdict.value:
            raise InputError(
                f"{option}: {path} records {st.claim.id} as {recorded}, but its check results "
                f"give {st.verdict.value} under this version's rule; run verify again"
            )
    run = obj.get("run")
    report.run = dict(run) if isinstance(run, dict) else {}
    report.run["source"] = str(path)
    return report
