"""Keep README.md's verdict table and mutant kill rate in sync with the registry.

``python -m theorems.readme`` runs the fast checks and rewrites the table between the
``<!-- verdicts:start -->`` and ``<!-- verdicts:end -->`` markers. The test suite checks the
README against the registry (ids, titles, and the verdicts the claims are recorded to give,
which the claim tests in turn hold equal to the computed verdicts), so a stale table fails.

It also writes the self-mutation figure between ``<!-- mutants:start -->`` and
``<!-- mutants:end -->`` from :data:`MUTANTS` (recorded by ``collapse-check mutants --out
theorems/mutants.json``); a deep-tier test re-runs every mutant and holds the recorded
figure, and so the README, equal to what the run gives.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from theorems import registry
from theorems.evaluate import Report, evaluate
from theorems.model import Verdict
from theorems.readings import Reading, Readings, derive

START, END = "<!-- verdicts:start -->", "<!-- verdicts:end -->"
MUTANTS_START, MUTANTS_END = "<!-- mutants:start -->", "<!-- mutants:end -->"
README = Path(__file__).resolve().parent.parent / "README.md"
#: The recorded results of ``collapse-check mutants --out theorems/mutants.json``.
MUTANTS = Path(__file__).with_name("mutants.json")


def mutants_summary(data: dict[str, Any]) -> dict[str, Any]:
    """The figures the README states, from ``collapse-check mutants`` results.

    >>> d = {"mutants": 4, "killed": 3, "survived": 0, "equivalent_or_weaker": 1,
    ...      "kill_rate": 1.0, "claims": {"a": {"mutants": 4}, "b": {"mutants": 0}}}
    >>> mutants_summary(d)["claims"]
    1
    """
    return {
        "claims": sum(1 for t in data["claims"].values() if t["mutants"]),
        "mutants": data["mutants"],
        "killed": data["killed"],
        "equivalent_or_weaker": data["equivalent_or_weaker"],
        "survived": data["survived"],
        "kill_rate": data["kill_rate"],
    }


def mutants_text(data: dict[str, Any]) -> str:
    """The README's sentence on self-mutation, from ``collapse-check mutants`` results.

    >>> d = {"mutants": 4, "killed": 3, "survived": 0, "equivalent_or_weaker": 1,
    ...      "kill_rate": 1.0, "claims": {"a": {"mutants": 4}}}
    >>> print(mutants_text(d))  # doctest: +NORMALIZE_WHITESPACE
    **Self-mutation** (`collapse-check mutants`): 4 mutants of the formal goals of 1 claim;
    3 killed, 1 recognised as equivalent or weaker, 0 survived: kill rate **100.0%** of the
    false mutants.
    """
    m = mutants_summary(data)
    rate = f"{100 * m['kill_rate']:.1f}%" if m["kill_rate"] is not None else "n/a"
    return (
        f"**Self-mutation** (`collapse-check mutants`): {m['mutants']} mutants of the formal "
        f"goals of {m['claims']} claim{'s' if m['claims'] != 1 else ''};\n"
        f"{m['killed']} killed, {m['equivalent_or_weaker']} recognised as equivalent or "
        f"weaker, {m['survived']} survived: kill rate **{rate}** of the\nfalse mutants."
    )


def recorded_mutants(path: Path | None = None) -> dict[str, Any]:
    """The recorded mutant results (:data:`MUTANTS`)."""
    return json.loads((path or MUTANTS).read_text())


def current_mutants_text(text: str) -> str:
    """The text between the mutant markers of a README text."""
    if MUTANTS_START not in text or MUTANTS_END not in text:
        raise ValueError("README.md has no mutant-figure markers")
    return text.split(MUTANTS_START, 1)[1].split(MUTANTS_END, 1)[0].strip()


def rewrite_mutants(text: str, data: dict[str, Any]) -> str:
    head, rest = text.split(MUTANTS_START, 1)
    _, tail = rest.split(MUTANTS_END, 1)
    return f"{head}{MUTANTS_START}\n{mutants_text(data)}\n{MUTANTS_END}{tail}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _reading(reading: Reading, own_id: str) -> str:
    text = reading.verdict.value
    return text if reading.claim == own_id else f"{text} (`{reading.claim}`)"


def table_rows(pairs: dict[str, Readings]) -> list[str]:
    """Markdown rows: id, title, both verdicts, model (one per registry claim, paper order).

    *holds* is left blank where it is the same reading as *as written*.
    """
    rows = ["| claim | title | as written | holds | model |", "|---|---|---|---|---|"]
    for claim in registry.all_claims():
        name = f"&nbsp;&nbsp;`{claim.id}`" if claim.parent else f"`{claim.id}`"
        pair = pairs[claim.id]
        held = "" if pair.holds == pair.as_written else _reading(pair.holds, claim.id)
        rows.append(f"| {name} | {_cell(claim.title)} | {_reading(pair.as_written, claim.id)} "
                    f"| {held} | {_cell(pair.as_written.model or '-')} |")
    return rows


def rows_from_report(report: Report) -> list[str]:
    pairs = {}
    for s in report.statuses:
        assert s.as_written is not None and s.holds is not None
        pairs[s.claim.id] = Readings(s.as_written, s.holds)
    return table_rows(pairs)


def rows_from_expectations() -> list[str]:
    """The table implied by the registry's recorded verdicts, through the same readings rule."""
    verdicts: dict[str, Verdict] = {}
    for claim in registry.all_claims():
        if claim.expected is not None:
            verdicts[claim.id] = claim.expected
        elif claim.informal and not claim.checks:
            verdicts[claim.id] = Verdict.INFORMAL
        else:
            verdicts[claim.id] = Verdict.PENDING
    claims = registry.all_claims()
    pairs = derive(claims, verdicts)
    return table_rows(pairs)


def current_rows(text: str) -> list[str]:
    """The rows between the markers of a README text."""
    if START not in text or END not in text:
        raise ValueError("README.md has no verdict-table markers")
    body = text.split(START, 1)[1].split(END, 1)[0]
    return [line for line in body.strip().splitlines() if line.startswith("|")]


def rewrite(text: str, rows: list[str]) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n" + "\n".join(rows) + f"\n{END}{tail}"


def main() -> int:
    report = evaluate(registry.all_claims())
    if not report.ok:
        for s in report.statuses:
            for p in s.problems:
                sys.stderr.write(f"{s.claim.id}: {p}\n")
        sys.stderr.write("not updating README.md: some checks regressed\n")
        return 1
    text = rewrite(README.read_text(), rows_from_report(report))
    try:
        text = rewrite_mutants(text, recorded_mutants())
    except (OSError, ValueError, KeyError) as exc:
        sys.stderr.write(f"mutant figure not updated: {exc}\n")
    README.write_text(text)
    print("README.md verdict table updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
