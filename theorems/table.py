"""The verdict table for terminals of any width.

The table is described by a list of :class:`Column` specs, each with a priority. At the full
width every column is shown with its full header; when the terminal is too narrow the table
first switches to short headers and abbreviated cells, then drops the columns of lowest
priority until the rest fits. Titles wrap. A new column is one more :class:`Column` in
:data:`COLUMNS` (or in the ``columns`` argument of :func:`verdict_table`).

The width comes from :func:`terminal_width`: the terminal's own width, or ``COLUMNS`` when it
is set (also for piped output), else :data:`DEFAULT_WIDTH`.

>>> [c.key for c in fit_columns(COLUMNS, 200, widths={"claim": 30, "verdict": 9})[0]]
['claim', 'title', 'verdict', 'holds', 'model', 'evidence', 'tier', 'fully', 'seconds']
>>> cols, compact = fit_columns(COLUMNS, 80, widths={"claim": 30, "verdict": 9})
>>> [c.key for c in cols], compact
(['claim', 'title', 'verdict', 'holds'], True)

The ``verdict`` column is the *as written* verdict, ``holds`` what holds (blank when it is
the same reading), ``model`` the model the verdict is decided in (:mod:`theorems.readings`).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.markup import escape
from rich.table import Table

from theorems.model import Verdict

__all__ = [
    "COLUMNS",
    "DEFAULT_WIDTH",
    "VERDICT_STYLE",
    "Column",
    "fit_columns",
    "terminal_width",
    "verdict_table",
]

#: Width used when the output is not a terminal and ``COLUMNS`` is not set.
DEFAULT_WIDTH = 100

VERDICT_STYLE = {
    Verdict.PROVED: "bold green",
    Verdict.CERTIFIED: "green",
    Verdict.SUPPORTED: "cyan",
    Verdict.REFUTED: "bold red",
    Verdict.UNDECIDED: "yellow",
    Verdict.INFORMAL: "magenta",
    Verdict.PENDING: "dim",
}


def terminal_width(default: int = DEFAULT_WIDTH) -> int:
    """``COLUMNS`` if set, else the terminal's width, else ``default`` (piped output)."""
    return max(shutil.get_terminal_size((default, 24)).columns, 20)


@dataclass(frozen=True)
class Column:
    """One column of the verdict table.

    ``cell(status, compact)`` returns the cell's rich markup (escape user text);
    ``priority``: higher stays longer when the table must shrink; ``wrap``: the column takes
    the remaining width and wraps (at least ``min_width``, or ``min_full`` in the full form,
    so that the full form is not chosen at the price of a squeezed title); other columns
    never wrap.
    """

    key: str
    header: str
    cell: Callable[[Any, bool], str]
    priority: int
    short: str = ""
    wrap: bool = False
    min_width: int = 0
    min_full: int = 0
    justify: str = "left"

    def head(self, compact: bool) -> str:
        return (self.short or self.header) if compact else self.header


_ABBREV = {"sympy": "sym", "mpmath": "mp", "simulation": "sim", "exact": "ex"}


def _claim_cell(st: Any, compact: bool) -> str:
    return escape(("  " + st.claim.id) if st.claim.parent else st.claim.id)


def _title_cell(st: Any, compact: bool) -> str:
    from theorems.mathtext import prose_to_unicode

    return escape(prose_to_unicode(st.claim.title))


def verdict_markup(verdict: Verdict, problems: bool = False) -> str:
    """A verdict word in its colour, with ``!`` when the claim has a regression."""
    return f"[{VERDICT_STYLE[verdict]}]{verdict.value}{' !' if problems else ''}[/]"


def _verdict_cell(st: Any, compact: bool) -> str:
    """The *as written* verdict (:mod:`theorems.readings`), with the claim deciding it."""
    reading = getattr(st, "as_written", None)
    if reading is None:
        return verdict_markup(st.verdict, bool(st.problems))
    return _reading_markup(reading, st.claim.id, compact, bool(st.problems))


def _reading_markup(reading: Any, own_id: str, compact: bool, problems: bool = False) -> str:
    text = verdict_markup(reading.verdict, problems)
    if reading.claim != own_id:
        other = reading.claim
        if compact and other.split("/", 1)[0] == own_id.split("/", 1)[0] and "/" in other:
            other = "/" + other.split("/", 1)[1]
        text += f" [dim]{escape(other)}[/]"
    return text


def _holds_cell(st: Any, compact: bool) -> str:
    """What holds, blank when it is the same reading as the statement as written."""
    held, written = getattr(st, "holds", None), getattr(st, "as_written", None)
    if held is None or held == written:
        return ""
    return _reading_markup(held, st.claim.id, compact)


def _model_cell(st: Any, compact: bool) -> str:
    reading = getattr(st, "as_written", None)
    model = reading.model if reading is not None else st.claim.model
    return escape(model or "-")


def _evidence_cell(st: Any, compact: bool) -> str:
    if st.methods:
        if compact:
            return escape(" ".join(_ABBREV.get(m, m) for m in st.methods))
        return escape(", ".join(st.methods))
    headline = st.claim.headline
    if headline:
        return escape("→ " + (headline.rsplit("/", 1)[-1] if compact else headline))
    return "-"


def _fully_cell(st: Any, compact: bool) -> str:
    value = st.fully_checked
    if value is None:  # a claim it uses was not evaluated in this run
        return "?"
    if value:
        return "✓" if compact else "yes"
    return ""


COLUMNS: list[Column] = [
    Column("claim", "claim", _claim_cell, priority=100),
    Column("title", "title", _title_cell, priority=80, wrap=True, min_width=22, min_full=40),
    Column("verdict", "as written", _verdict_cell, priority=90, short="written"),
    Column("holds", "holds", _holds_cell, priority=85),
    Column("model", "model", _model_cell, priority=55),
    Column("evidence", "evidence", _evidence_cell, priority=50, short="evid."),
    Column("tier", "tier", lambda st, c: escape(st.tier), priority=30),
    Column("fully", "fully checked", _fully_cell, priority=60, short="full"),
    Column("seconds", "s", lambda st, c: f"{st.seconds:.2f}", priority=20, justify="right"),
]

# one space of padding each side, one separator between columns (box.SIMPLE_HEAD, no edge)
_PAD = 2
_SEP = 1


def _needed(columns: Sequence[Column], widths: dict[str, int], compact: bool) -> int:
    total = 0
    for col in columns:
        natural = max(widths.get(col.key, 0), len(col.head(compact)))
        least = col.min_width if compact else max(col.min_width, col.min_full)
        total += (least if col.wrap else natural) + _PAD
    return total + _SEP * max(len(columns) - 1, 0) - _PAD  # no padding at the outer edges


def fit_columns(
    columns: Sequence[Column],
    width: int,
    *,
    widths: dict[str, int] | None = None,
    compact_widths: dict[str, int] | None = None,
) -> tuple[list[Column], bool]:
    """The columns to show at ``width`` and whether to use the compact form.

    ``widths`` (``compact_widths``) give each non-wrapping column's widest cell in the full
    (compact) form. Full form with every column if it fits; else compact, dropping the
    lowest-priority columns (never the highest one) until the rest fits.
    """
    widths = widths or {}
    compact_widths = compact_widths or widths
    cols = list(columns)
    if _needed(cols, widths, False) <= width:
        return cols, False
    while len(cols) > 1 and _needed(cols, compact_widths, True) > width:
        cols.remove(min(cols, key=lambda c: c.priority))
    return cols, True


def _cell_width(markup: str) -> int:
    from rich.text import Text

    return Text.from_markup(markup).cell_len


def verdict_table(
    statuses: Iterable[Any],
    *,
    width: int | None = None,
    columns: Sequence[Column] | None = None,
    title: str = "Verdicts: Zenil, arXiv:2601.05280 (v2)",
) -> tuple[Table, list[Column]]:
    """The verdict table of ``statuses`` laid out for ``width`` columns.

    Returns the rich table and the columns left out to make it fit (empty when none).
    """
    width = width if width is not None else terminal_width()
    specs = list(columns if columns is not None else COLUMNS)
    rows = list(statuses)
    full_cells = {c.key: [c.cell(st, False) for st in rows] for c in specs}
    compact_cells = {c.key: [c.cell(st, True) for st in rows] for c in specs}

    def widest(cells: dict[str, list[str]]) -> dict[str, int]:
        return {k: max((_cell_width(v) for v in vs), default=0) for k, vs in cells.items()}

    shown, compact = fit_columns(
        specs, width, widths=widest(full_cells), compact_widths=widest(compact_cells)
    )
    cells = compact_cells if compact else full_cells
    table = Table(
        title=title,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        title_justify="left",
    )
    for col in shown:
        if col.wrap:
            table.add_column(col.head(compact), min_width=col.min_width, ratio=1,
                             overflow="fold")
        else:
            table.add_column(col.head(compact), no_wrap=True, justify=col.justify)  # type: ignore[arg-type]
    widths = widest(cells)
    natural = sum(max(widths[c.key], len(c.head(compact))) + _PAD for c in shown)
    natural += _SEP * max(len(shown) - 1, 0) - _PAD
    # stretch (and wrap the titles) only when the table's natural width does not fit
    table.expand = natural > width and any(c.wrap for c in shown)
    for i in range(len(rows)):
        table.add_row(*(cells[c.key][i] for c in shown))
    dropped = [c for c in specs if c not in shown]
    return table, dropped
