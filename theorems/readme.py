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

START, END = "<!-- verdicts:start -->", "<!-- verdicts:end -->"
README = Path(__file__).resolve().parent.parent / "README.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table_rows(verdicts: dict[str, str]) -> list[str]:
    """Markdown rows: id, title, verdict (one per registry claim, in paper order)."""
    rows = ["| claim | title | verdict |", "|---|---|---|"]
    for claim in registry.all_claims():
        name = f"&nbsp;&nbsp;`{claim.id}`" if claim.parent else f"`{claim.id}`"
        rows.append(f"| {name} | {_cell(claim.title)} | {verdicts[claim.id]} |")
    return rows


def rows_from_report(report: Report) -> list[str]:
    return table_rows({s.claim.id: s.verdict.value for s in report.statuses})


def rows_from_expectations() -> list[str]:
    """The table implied by the registry's recorded verdicts (pending/informal when none)."""
    verdicts = {}
    for claim in registry.all_claims():
        if claim.expected is not None:
            verdicts[claim.id] = claim.expected.value
        elif claim.headline is not None:
            head = registry.get(claim.headline).expected
            verdicts[claim.id] = head.value if head else "pending"
        elif claim.informal and not claim.checks:
            verdicts[claim.id] = "informal"
        else:
            verdicts[claim.id] = "pending"
    return table_rows(verdicts)


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
