"""Keep README.md's verdict table in sync with the registry.

``python -m theorems.readme`` runs the fast checks and rewrites the table between the
``<!-- verdicts:start -->`` and ``<!-- verdicts:end -->`` markers. The test suite checks the
README against the registry (ids, titles, and the verdicts the claims are recorded to give,
which the claim tests in turn hold equal to the computed verdicts), so a stale table fails.
"""

from __future__ import annotations

import sys
from pathlib import Path

from theorems import registry
from theorems.evaluate import Report, evaluate
from theorems.model import Verdict
from theorems.readings import Reading, Readings, derive

START, END = "<!-- verdicts:start -->", "<!-- verdicts:end -->"
README = Path(__file__).resolve().parent.parent / "README.md"


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
    README.write_text(rewrite(README.read_text(), rows_from_report(report)))
    print("README.md verdict table updated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
