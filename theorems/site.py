"""The static website of the claims: one page per claim, an index, a dependency graph.

:func:`build_site` runs every check through :func:`theorems.evaluate.evaluate`, so every
verdict, number, derivation step and plot on the site comes from this run and none is typed.
The pages are plain HTML and CSS (no JavaScript) and open from ``file://`` with no network:

* math is rendered once, at build time, by KaTeX in a single Node process
  (``docs/render-math.mjs``); KaTeX's stylesheet and fonts are copied into the site. The
  KaTeX version is pinned by ``docs/package-lock.json`` and installed with ``npm ci`` when
  ``docs/node_modules`` is missing. A fragment KaTeX rejects fails the build with a message
  naming the claim it came from;
* the dependency graph is laid out here (columns by dependency depth, rows ordered by the
  barycentre heuristic) and written as an inline SVG;
* plots that checks attach (``data["plots"]``, paths to PNG files) are copied into the site.

Claim ids contain ``/``; :func:`page_name` maps them to file names:

>>> page_name("thm-2/gini")
'thm-2__gini.html'
>>> page_name("prop-1")
'prop-1.html'
>>> split_math("mixture $P'_t$ and \\\\(x\\\\) cost \\\\$5")
[('text', 'mixture '), ('inline', "P'_t"), ('text', ' and '), ('inline', 'x'), ('text', ' cost $5')]
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from string import Template
from typing import Any

from numerics.errors import CollapseCheckError, InputError
from numerics.outputs import output_folder
from theorems import registry
from theorems.evaluate import PAPER, ClaimStatus, Report, evaluate
from theorems.mathtext import mark_math
from theorems.model import Check, CheckResult, Outcome, Verdict

__all__ = [
    "DEFAULT_OUT",
    "DOCS_DIR",
    "SiteError",
    "build_site",
    "claim_graph",
    "page_name",
    "split_math",
]

#: The repository's ``docs/`` folder: templates, CSS, the KaTeX pin and its Node script.
DOCS_DIR = Path(__file__).resolve().parent.parent / "docs"
#: Where ``collapse-check docs`` writes the site unless told otherwise.
DEFAULT_OUT = DOCS_DIR / "_build" / "html"

_TEMPLATES = DOCS_DIR / "templates"
_STATIC = DOCS_DIR / "static"
_KATEX_DIST = DOCS_DIR / "node_modules" / "katex" / "dist"


class SiteError(CollapseCheckError):
    """The website could not be built (math that does not render, Node or npm missing, ...)."""


# --- file names ------------------------------------------------------------------------------

_SAFE = re.compile(r"[A-Za-z0-9.-]")


def page_name(claim_id: str) -> str:
    """The file name of a claim's page: ``/`` becomes ``__``, other unsafe characters ``_xx_``."""
    out = []
    for ch in claim_id:
        if ch == "/":
            out.append("__")
        elif _SAFE.fullmatch(ch):
            out.append(ch)
        else:
            out.append(f"_{ord(ch):x}_")
    return "".join(out) + ".html"


def _slug(text: str) -> str:
    """An HTML id fragment for a check or derivation name."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "item"


# --- text with inline math -----------------------------------------------------------------

_MATH = re.compile(
    r"(?<!\\)\$\$(?P<dd>.+?)(?<!\\)\$\$"  # $$ display $$
    r"|(?<!\\)\$(?P<d>.+?)(?<!\\)\$"  # $ inline $
    r"|\\\((?P<p>.+?)\\\)"  # \( inline \)
    r"|\\\[(?P<b>.+?)\\\]",  # \[ display \]
    re.DOTALL,
)


def split_math(text: str) -> list[tuple[str, str]]:
    """Split prose into ``('text', ...)``, ``('inline', tex)`` and ``('display', tex)`` parts.

    Math is written between ``$...$`` or ``\\(...\\)`` (inline) and ``$$...$$`` or
    ``\\[...\\]`` (display); ``\\$`` is a literal dollar sign.
    """
    parts: list[tuple[str, str]] = []
    pos = 0
    for m in _MATH.finditer(text):
        if m.start() > pos:
            parts.append(("text", text[pos : m.start()]))
        if m.group("dd") is not None or m.group("b") is not None:
            parts.append(("display", (m.group("dd") or m.group("b")).strip()))
        else:
            parts.append(("inline", (m.group("d") or m.group("p")).strip()))
        pos = m.end()
    if pos < len(text):
        parts.append(("text", text[pos:]))
    return [(kind, s.replace("\\$", "$") if kind == "text" else s) for kind, s in parts]


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


# --- math rendering --------------------------------------------------------------------------

_TOKEN = re.compile("\ue000(\\d+)\ue001")


@dataclass
class _Fragment:
    tex: str
    display: bool
    where: list[str] = field(default_factory=list)
    lenient: bool = True  # a fragment found in prose without $...$: plain text if KaTeX fails


class MathRenderer:
    """Collects LaTeX fragments while pages are written, renders them all in one Node call.

    Pages are first written with placeholder tokens; :meth:`fill` swaps in KaTeX's HTML.
    """

    def __init__(self) -> None:
        self._index: dict[tuple[str, bool], int] = {}
        self._fragments: list[_Fragment] = []
        self._html: list[str] = []

    def __len__(self) -> int:
        return len(self._fragments)

    def math(self, tex: str, *, display: bool = False, where: str, lenient: bool = False) -> str:
        """A placeholder for ``tex``; ``where`` names its origin for error messages.

        A ``lenient`` fragment (TeX found in prose without delimiters) that KaTeX rejects is
        shown as its text instead of failing the build.
        """
        key = (tex, display)
        if key not in self._index:
            self._index[key] = len(self._fragments)
            self._fragments.append(_Fragment(tex, display, lenient=lenient))
        frag = self._fragments[self._index[key]]
        frag.lenient = frag.lenient and lenient
        if where not in frag.where:
            frag.where.append(where)
        return f"\ue000{self._index[key]}\ue001"

    def prose(self, text: str, *, where: str) -> str:
        """Escaped HTML of prose with its math replaced by placeholders.

        Math between ``$...$`` must render; TeX written without delimiters (``Q_{t+1}``,
        ``α_t``, ``\\le``: see :func:`theorems.mathtext.mark_math`) is typeset too, leniently.
        """
        explicit = {s for kind, s in split_math(text) if kind != "text"}
        out = []
        for kind, s in split_math(mark_math(text)):
            if kind == "text":
                out.append(_esc(s))
            else:
                out.append(self.math(s, display=kind == "display", where=where,
                                     lenient=s not in explicit))
        return "".join(out)

    def render(self) -> None:
        """Render every fragment with KaTeX; a rejected fragment raises :class:`SiteError`."""
        if not self._fragments:
            self._html = []
            return
        node = shutil.which("node")
        if node is None:
            raise SiteError("the docs need Node.js to render math: install nodejs (>= 18)")
        _ensure_katex()
        payload = json.dumps([{"tex": f.tex, "display": f.display} for f in self._fragments])
        try:
            proc = subprocess.run(
                [node, str(DOCS_DIR / "render-math.mjs")],
                input=payload,
                capture_output=True,
                text=True,
                cwd=DOCS_DIR,
                timeout=600,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise SiteError("rendering the math with KaTeX timed out") from exc
        if proc.returncode != 0:
            raise SiteError(f"the KaTeX renderer failed: {proc.stderr.strip()[-2000:]}")
        results = json.loads(proc.stdout)
        if len(results) != len(self._fragments):
            raise SiteError("the KaTeX renderer returned a wrong number of fragments")
        errors = [
            f"LaTeX error in {' and '.join(f.where[:3])}: {r['error']}\n    fragment: {f.tex}"
            for f, r in zip(self._fragments, results, strict=True)
            if "error" in r and not f.lenient
        ]
        if errors:
            raise SiteError(
                f"{len(errors)} math fragment(s) could not be rendered:\n" + "\n".join(errors)
            )
        self._html = [r["html"] if "html" in r else _esc(f.tex)
                      for f, r in zip(self._fragments, results, strict=True)]

    def fill(self, text: str) -> str:
        """Replace placeholders by rendered math (call after :meth:`render`)."""
        return _TOKEN.sub(lambda m: self._html[int(m.group(1))], text)


def _katex_version_pinned() -> str:
    lock = json.loads((DOCS_DIR / "package-lock.json").read_text())
    return str(lock["packages"]["node_modules/katex"]["version"])


def _katex_version_installed() -> str | None:
    pkg = DOCS_DIR / "node_modules" / "katex" / "package.json"
    if not pkg.exists():
        return None
    return str(json.loads(pkg.read_text()).get("version"))


@contextlib.contextmanager
def _install_lock() -> Iterator[None]:
    """Serialise ``npm ci`` between concurrent builds of the same checkout."""
    digest = hashlib.sha1(str(DOCS_DIR).encode()).hexdigest()[:12]
    path = Path(tempfile.gettempdir()) / f"collapse-check-npm-{digest}.lock"
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _ensure_katex() -> None:
    """Install the pinned KaTeX into ``docs/node_modules`` (``npm ci``) when it is missing."""
    pinned = _katex_version_pinned()
    if _katex_version_installed() == pinned:
        return
    with _install_lock():
        if _katex_version_installed() == pinned:
            return
        npm = shutil.which("npm")
        if npm is None:
            raise SiteError(
                f"KaTeX {pinned} is not installed in docs/node_modules and npm is missing: "
                "install npm, then run `npm ci --prefix docs`"
            )
        proc = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=DOCS_DIR,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if proc.returncode != 0 or _katex_version_installed() != pinned:
            raise SiteError(
                f"`npm ci` in {DOCS_DIR} failed to install KaTeX {pinned}: "
                f"{proc.stderr.strip()[-2000:]}"
            )


# --- verdict vocabulary ----------------------------------------------------------------------

_VERDICT_MEANING: dict[Verdict, str] = {
    Verdict.PROVED: (
        "a proof-strength check settled the full statement: a sympy identity under the declared "
        "assumptions, z3 showing the negation unsatisfiable, or a derivation whose every step "
        "was verified"
    ),
    Verdict.CERTIFIED: (
        "an interval computation in arb (python-flint) enclosed the statement rigorously on a "
        "stated finite domain"
    ),
    Verdict.SUPPORTED: (
        "only sampled evidence: high-precision values at chosen points, simulations or "
        "property tests agree with the statement"
    ),
    Verdict.REFUTED: (
        "a check produced a counterexample and confirmed it exactly or at higher precision"
    ),
    Verdict.UNDECIDED: (
        "the checks ran but could not settle the statement (solver unknown or timeout, "
        "sympy undecided, intervals that overlap); never counted as a pass"
    ),
    Verdict.INFORMAL: (
        "the paper gives no formal content here; the page names the formal model or "
        "sub-claims that stand in for it"
    ),
    Verdict.PENDING: "no evidence is attached to this claim yet",
}

_OUTCOME_CLASS = {
    Outcome.SUPPORTS: "proved",
    Outcome.REFUTES: "refuted",
    Outcome.UNDECIDED: "undecided",
}

_MARK = {
    "✓": ("ok", "checked"),
    "✗": ("bad", "fails"),
    "?": ("unk", "undecided"),
}


def _decider(reading: Any, own: str) -> str:
    """The claim deciding a reading, when it is not the row's own claim."""
    if reading is None or reading.claim == own:
        return ""
    return f' <code class="decider">{_esc(reading.claim)}</code>'


def _reading_html(held: Any, written: Any, own: str) -> str:
    """What holds (blank when it is the same reading as the statement as written)."""
    if held is None or held == written:
        return ""
    return f"{_badge(held.verdict)}{_decider(held, own)}"


def _badge(verdict: Verdict) -> str:
    return f'<span class="badge v-{verdict.value}">{verdict.value}</span>'


def _outcome_badge(outcome: Outcome) -> str:
    return f'<span class="badge v-{_OUTCOME_CLASS[outcome]}">{outcome.value}</span>'


# --- the dependency graph --------------------------------------------------------------------

@dataclass
class Graph:
    """Nodes (claim ids) with their laid-out boxes, and edges ``(source, target, kind)``."""

    nodes: dict[str, tuple[float, float, float, float]]
    edges: list[tuple[str, str, str]]
    width: float
    height: float


_NODE_H = 24.0
_ROW_GAP = 8.0
_COL_GAP = 56.0
_CHAR_W = 7.3  # advance of a 12px monospace glyph
_PAD_X = 10.0
_MARGIN = 12.0


def claim_graph(ids: Sequence[str], uses: dict[str, Sequence[str]]) -> Graph:
    """Lay out claims as columns by dependency depth, foundations on the left.

    An edge goes from a claim to each claim it uses (kind ``uses``) and from a parent to each
    sub-claim (kind ``part``). Column = length of the longest dependency chain below the
    claim (cycles, if any, are broken at the edge that closes them); rows inside a column are
    ordered by the mean row of their neighbours, a few sweeps each way.

    >>> g = claim_graph(["a", "b", "a/x"], {"a": [], "b": ["a"], "a/x": []})
    >>> sorted(g.edges)
    [('a', 'a/x', 'part'), ('b', 'a', 'uses')]
    >>> g.nodes["a/x"][0] < g.nodes["a"][0] < g.nodes["b"][0]
    True
    """
    order = {cid: i for i, cid in enumerate(ids)}
    edges: list[tuple[str, str, str]] = []
    for cid in ids:
        for used in uses.get(cid, ()):
            if used in order and used != cid:
                edges.append((cid, used, "uses"))
        if "/" in cid:
            parent = cid.split("/", 1)[0]
            if parent in order:
                edges.append((parent, cid, "part"))
    deps: dict[str, list[str]] = {cid: [] for cid in ids}
    for src, dst, _ in edges:
        if dst not in deps[src]:
            deps[src].append(dst)

    # depth by DFS; an edge into a node still on the stack closes a cycle and is ignored
    depth: dict[str, int] = {}
    on_stack: set[str] = set()

    def visit(cid: str) -> int:
        if cid in depth:
            return depth[cid]
        on_stack.add(cid)
        below = [visit(d) for d in deps[cid] if d not in on_stack]
        on_stack.discard(cid)
        depth[cid] = 1 + max(below) if below else 0
        return depth[cid]

    for cid in ids:
        visit(cid)

    ncols = max(depth.values(), default=-1) + 1
    columns: list[list[str]] = [[] for _ in range(ncols)]
    for cid in ids:
        columns[depth[cid]].append(cid)

    neighbours: dict[str, list[str]] = {cid: [] for cid in ids}
    for src, dst, _ in edges:
        neighbours[src].append(dst)
        neighbours[dst].append(src)

    def reorder(col: list[str], fixed: set[int]) -> list[str]:
        row = {c: i for column in columns for i, c in enumerate(column)}

        def key(cid: str) -> tuple[float, int]:
            near = [row[n] for n in neighbours[cid] if depth[n] in fixed]
            mean = sum(near) / len(near) if near else float(row[cid])
            return (mean, order[cid])

        return sorted(col, key=key)

    for _ in range(4):
        for k in range(1, ncols):
            columns[k] = reorder(columns[k], {k - 1})
        for k in range(ncols - 2, -1, -1):
            columns[k] = reorder(columns[k], {k + 1})

    widths = [
        max((len(c) for c in col), default=4) * _CHAR_W + 2 * _PAD_X for col in columns
    ]
    pitch = _NODE_H + _ROW_GAP
    tallest = max((len(col) for col in columns), default=0)
    height = 2 * _MARGIN + max(tallest * pitch - _ROW_GAP, 0.0)
    nodes: dict[str, tuple[float, float, float, float]] = {}
    x = _MARGIN
    for col, w in zip(columns, widths, strict=True):
        top = _MARGIN + (tallest - len(col)) * pitch / 2
        for i, cid in enumerate(col):
            nodes[cid] = (x, top + i * pitch, w, _NODE_H)
        x += w + _COL_GAP
    width = x - _COL_GAP + _MARGIN if columns else 2 * _MARGIN
    return Graph(nodes, edges, width, height)


def _graph_svg(
    report: Report,
    link_prefix: str,
    *,
    ids: Sequence[str] | None = None,
    uses: dict[str, Sequence[str]] | None = None,
    focus: str | None = None,
    title: str = "Dependency graph of the claims",
    fit: bool = False,
) -> str:
    """A dependency graph of ``ids`` (default: every claim) as an inline SVG element.

    ``uses`` overrides the claims' own ``uses`` (for the collapsed graph of top-level
    claims); ``focus`` is drawn highlighted (a claim page's own node); ``fit`` scales the
    drawing to the width of its box instead of keeping its natural size.
    """
    statuses = report.by_id()
    ids = list(ids) if ids is not None else [s.claim.id for s in report.statuses]
    if uses is None:
        uses = {cid: statuses[cid].claim.uses for cid in ids}
    graph = claim_graph(ids, uses)
    label = f"graph-title-{_slug(focus or title)}"
    size = (f'style="width: min({graph.width:.0f}px, 100%)"' if fit else
            f'width="{graph.width:.0f}" height="{graph.height:.0f}"')
    parts = [
        f'<svg class="graph{" fit" if fit else ""}" xmlns="http://www.w3.org/2000/svg" '
        f'role="img" aria-labelledby="{label}" '
        f'viewBox="0 0 {graph.width:.0f} {graph.height:.0f}" {size}>',
        f'<title id="{label}">{_esc(title)}</title>',
        "<defs>"
        '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse">'
        '<path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead"/></marker>'
        "</defs>",
        '<g class="edges">',
    ]
    for src, dst, kind in graph.edges:
        sx, sy, _sw, sh = graph.nodes[src]
        dx, dy, dw, dh = graph.nodes[dst]
        x1, y1 = sx, sy + sh / 2
        x2, y2 = dx + dw, dy + dh / 2
        bend = max(abs(x1 - x2) / 2, 30.0)
        parts.append(
            f'<path class="edge e-{kind}" data-from="{_esc(src)}" data-to="{_esc(dst)}" '
            f'd="M {x1:.1f} {y1:.1f} C {x1 - bend:.1f} {y1:.1f}, {x2 + bend:.1f} {y2:.1f}, '
            f'{x2:.1f} {y2:.1f}" marker-end="url(#arrow)"/>'
        )
    parts.append("</g>")
    parts.append('<g class="nodes">')
    for cid in ids:
        x, y, w, h = graph.nodes[cid]
        st = statuses[cid]
        top = "top" if "/" not in cid else "sub"
        here = " focus" if cid == focus else ""
        tip = f"{cid}: {_plain(st.claim.title)} ({st.verdict.value})"
        parts.append(
            f'<a class="node n-{top} v-{st.verdict.value}{here}" data-id="{_esc(cid)}" '
            f'href="{link_prefix}{page_name(cid)}">'
            f"<title>{_esc(tip)}</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="5"/>'
            f'<text x="{x + w / 2:.1f}" y="{y + h / 2:.1f}">{_esc(cid)}</text></a>'
        )
    parts.append("</g></svg>")
    return "".join(parts)


def _top_level_uses(report: Report) -> tuple[list[str], dict[str, list[str]]]:
    """Top-level claims, each using the top-level claims any of its parts use."""
    tops = [s.claim.id for s in report.statuses if s.claim.parent is None]
    uses: dict[str, list[str]] = {t: [] for t in tops}
    for st in report.statuses:
        src = st.claim.parent or st.claim.id
        for used in st.claim.uses:
            dst = used.split("/", 1)[0]
            if dst != src and dst in uses and dst not in uses[src]:
                uses[src].append(dst)
    return tops, uses


def _neighbourhood(cid: str, report: Report) -> list[str]:
    """A claim, what it uses, what uses it, its parent and its parts, in registry order."""
    claim = report.by_id()[cid].claim
    near = {cid, *claim.uses}
    if claim.parent:
        near.add(claim.parent)
    for st in report.statuses:
        if cid in st.claim.uses or st.claim.parent == cid:
            near.add(st.claim.id)
    return [s.claim.id for s in report.statuses if s.claim.id in near]


def _plain(text: str) -> str:
    """Prose with the math delimiters dropped (for tooltips and page titles)."""
    return "".join(s for _, s in split_math(text))


# --- page fragments --------------------------------------------------------------------------

def _load_template(name: str) -> Template:
    return Template((_TEMPLATES / name).read_text(encoding="utf-8"))


def _page(
    template: Template, *, title: str, root: str, body_class: str, content: str, footer: str
) -> str:
    return template.substitute(
        title=_esc(title), root=root, body_class=body_class, content=content, footer=footer
    )


def _strip_summaries(detail: str, derivations: Sequence[dict[str, Any]]) -> str:
    """The check's detail without the one-line summaries of derivations shown in full."""
    rest = detail
    for d in derivations:
        marks = "".join(s.get("mark", "") for s in d.get("steps", []))
        summary = f"{d.get('name', '')}: {marks} -> {d.get('conclusion', '')}"
        rest = rest.replace(summary, "")
    pieces = [p.strip() for p in rest.split(";")]
    return "; ".join(p for p in pieces if p)


def _formula(latex: str, math: MathRenderer, where: str) -> str:
    """A displayed formula that may wrap at relations and operators on narrow screens.

    KaTeX only breaks lines in inline mode, so the formula is set inline in display style.
    """
    return math.math(r"\displaystyle " + latex, where=where)


_TRIVIAL = r"\text{True} = \text{True}"


def _step_html(step: dict[str, Any], math: MathRenderer, where: str) -> str:
    mark = step.get("mark", "?")
    cls, word = _MARK.get(mark, ("unk", "undecided"))
    latex = step.get("latex", "")
    if latex == _TRIVIAL and not step.get("conditions"):
        # sympy reduced the condition to True when it was written: show what it stands for
        # (its note) and say how it was checked, not an empty identity
        what = math.prose(step.get("note") or "a condition that holds as written", where=where)
        return (
            f'<li class="step m-{cls}"><span class="mark m-{cls}" title="{word}" '
            f'aria-label="{word}">{_esc(mark)}</span><div class="step-body">'
            f'<p class="step-cond">{what}</p><p class="step-why"><span class="just">an '
            "identity: sympy evaluated the condition to True when it was stated</span></p>"
            "</div></li>"
        )
    body = [
        f'<li class="step m-{cls}">',
        f'<span class="mark m-{cls}" title="{word}" aria-label="{word}">{_esc(mark)}</span>',
        '<div class="step-body">',
        f'<div class="step-math">{_formula(latex, math, where)}</div>',
        '<p class="step-why">',
        f'<span class="just">{math.prose(step.get("justification", ""), where=where)}</span>',
    ]
    if step.get("detail"):
        body.append(f' — <span class="step-detail">{math.prose(step["detail"], where=where)}'
                    "</span>")
    body.append("</p>")
    if step.get("note"):
        body.append(f'<p class="step-note">{math.prose(step["note"], where=where)}</p>')
    conds = step.get("conditions") or []
    if conds:
        body.append('<p class="cond-head">side conditions</p><ol class="steps conditions">')
        body.extend(
            _step_html(c, math, f"{where}, side condition {i + 1}") for i, c in enumerate(conds)
        )
        body.append("</ol>")
    body.append("</div></li>")
    return "".join(body)


def _derivation_html(d: dict[str, Any], math: MathRenderer, where: str) -> str:
    name = d.get("name", "derivation")
    where = f"{where}, derivation '{name}'"
    ok = bool(d.get("ok"))
    goal = d.get("goal_latex", "")
    conclusion = str(d.get("conclusion", ""))
    if goal and conclusion == f"establishes {goal}":
        concl_html = "establishes the goal"
    elif conclusion.startswith("establishes "):
        concl_html = "establishes " + math.math(
            conclusion.removeprefix("establishes "), where=where
        )
    else:
        concl_html = math.prose(conclusion, where=where)
    steps = d.get("steps") or []
    out = [
        f'<div class="derivation {"d-ok" if ok else "d-open"}">',
        f'<h4>{math.prose(name, where=where)}</h4>',
    ]
    single = len(steps) == 1 and steps[0].get("latex") == goal
    if goal and not single:
        out.append(
            f'<div class="goal"><span class="label">goal</span>'
            f'<div class="step-math">{_formula(goal, math, where + ", goal")}</div></div>'
        )
    out.append('<ol class="steps">')
    out.extend(_step_html(s, math, f"{where}, step {i + 1}") for i, s in enumerate(steps))
    out.append("</ol>")
    marks = {s.get("mark") for s in steps}
    sign = "✓" if ok else ("?" if "?" in marks and "✗" not in marks else "✗")
    cls = _MARK[sign][0]
    out.append(
        f'<p class="conclusion m-{cls}"><span class="mark m-{cls}">{sign}</span> '
        f"{concl_html}</p></div>"
    )
    return "".join(out)


def _z3_html(rows: Sequence[dict[str, Any]], math: MathRenderer, where: str) -> str:
    out = [
        '<div class="table-wrap"><table class="z3"><caption>z3 queries</caption>'
        "<thead><tr><th>query</th><th>z3 says</th><th>counterexample / details</th></tr>"
        "</thead><tbody>"
    ]
    for row in rows:
        status = str(row.get("status", ""))
        cls = {"proved": "proved", "refuted": "refuted"}.get(status, "undecided")
        info = []
        model = row.get("model") or {}
        if model:
            pairs = ", ".join(f"{_esc(k)} = {_esc(v)}" for k, v in model.items())
            info.append(f'<span class="label">model</span> <code class="model">{pairs}</code>')
        if row.get("side_conditions"):
            conds = "; ".join(_esc(c) for c in row["side_conditions"])
            info.append(f'<span class="label">added side conditions</span> <code>{conds}</code>')
        if row.get("reason"):
            reason = math.prose(str(row["reason"]), where=where)
            info.append(f'<span class="label">reason</span> {reason}')
        out.append(
            f'<tr class="z-{cls}"><td>{math.prose(str(row.get("query", "")), where=where)}</td>'
            f'<td><span class="badge v-{cls}">{_esc(status)}</span></td>'
            f'<td>{"<br>".join(info) or "—"}</td></tr>'
        )
    out.append("</tbody></table></div>")
    return "".join(out)


_MAX_VALUE_CHARS = 6000


def _value_html(value: Any) -> str:
    """A computed value with all its digits; very long values are cut, saying so."""
    scalars = (str, int, float, bool, type(None))
    if isinstance(value, list | tuple) and all(isinstance(v, scalars) for v in value):
        text = "[" + ", ".join(str(v) for v in value) + "]"
    elif isinstance(value, dict | list | tuple):
        text = json.dumps(value, indent=2, default=str)
    else:
        text = str(value)
    cut = ""
    if len(text) > _MAX_VALUE_CHARS:
        cut = (f'<p class="cut">(first {_MAX_VALUE_CHARS} of {len(text)} characters; the '
               "full value is in the check's data)</p>")
        text = text[:_MAX_VALUE_CHARS] + " …"
    if "\n" in text or len(text) > 120:
        return f"<pre><code>{_esc(text)}</code></pre>{cut}"
    return f"<code>{_esc(text)}</code>{cut}"


def _kv_table(caption: str, items: dict[str, Any], cls: str) -> str:
    rows = "".join(
        f"<tr><th scope=\"row\">{_esc(k)}</th><td>{_value_html(v)}</td></tr>"
        for k, v in items.items()
    )
    return (
        f'<div class="table-wrap"><table class="kv {cls}"><caption>{_esc(caption)}</caption>'
        f"<tbody>{rows}</tbody></table></div>"
    )


@dataclass
class _PlotCopier:
    """Copies plot files into the site's ``plots/`` folder under unique names."""

    out: Path
    copied: int = 0
    missing: list[str] = field(default_factory=list)

    def copy(self, src: str | Path, stem: str) -> str | None:
        path = Path(src)
        if not path.is_file():
            self.missing.append(str(path))
            return None
        dest_dir = self.out / "plots"
        dest_dir.mkdir(parents=True, exist_ok=True)
        self.copied += 1
        name = f"{stem}-{self.copied}{path.suffix.lower() or '.png'}"
        shutil.copyfile(path, dest_dir / name)
        return f"plots/{name}"


def _check_html(
    check: Check,
    result: CheckResult,
    math: MathRenderer,
    plots: _PlotCopier,
    claim_id: str,
) -> str:
    where = f"claim {claim_id}, check '{check.name}'"
    anchor = "check-" + _slug(check.name)
    data = dict(result.data)
    derivations = data.pop("derivations", None) or []
    z3_rows = data.pop("z3", None) or []
    arb = data.pop("arb", None)
    plot_paths = data.pop("plots", None) or []
    if isinstance(plot_paths, str | Path):
        plot_paths = [plot_paths]
    out = [
        f'<article class="check o-{_OUTCOME_CLASS[result.outcome]}" id="{anchor}">',
        f'<h3><a class="anchor" href="#{anchor}">{_esc(check.name)}</a> '
        f"{_outcome_badge(result.outcome)}</h3>",
        '<p class="tags">'
        f'<span class="tag">{_esc(check.method.value)}</span>'
        f'<span class="tag">{_esc(check.strength.value)} strength</span>'
        f'<span class="tag">{_esc(check.tier.value)} tier</span>'
        f'<span class="tag">{result.seconds:.2f} s</span></p>',
    ]
    if check.description:
        out.append(f'<p class="desc">{math.prose(check.description, where=where)}</p>')
    out.extend(_derivation_html(d, math, where) for d in derivations)
    if z3_rows:
        out.append(_z3_html(z3_rows, math, where))
    if arb:
        out.append(_kv_table("arb certification", dict(arb), "arb"))
    if data:
        out.append(_kv_table("computed values", data, "values"))
    if plot_paths:
        out.append('<div class="plots">')
        stem = page_name(claim_id).removesuffix(".html") + "-" + _slug(check.name)
        for i, p in enumerate(plot_paths):
            rel = plots.copy(p, stem)
            if rel is None:
                out.append(f'<p class="missing">plot file not found: <code>{_esc(p)}</code></p>')
                continue
            out.append(
                f'<figure><img src="../{_esc(rel)}" alt="plot {i + 1} of check '
                f'{_esc(check.name)} for {_esc(claim_id)}" loading="lazy">'
                f"<figcaption>{_esc(check.name)}, plot {i + 1}</figcaption></figure>"
            )
        out.append("</div>")
    rest = _strip_summaries(result.detail, derivations) if derivations else result.detail
    if rest:
        out.append(f'<p class="detail"><span class="label">result</span> '
                   f"{math.prose(rest, where=where)}</p>")
    if result.error:
        out.append(f'<p class="error"><span class="label">error</span> '
                   f"<code>{_esc(result.error)}</code></p>")
    if check.expect is not None and check.expect is not result.outcome:
        out.append(
            f'<p class="error">expected outcome {_esc(check.expect.value)}, '
            f"got {_esc(result.outcome.value)}</p>"
        )
    out.append("</article>")
    return "".join(out)


def _claim_link(cid: str, statuses: dict[str, ClaimStatus], prefix: str = "") -> str:
    st = statuses.get(cid)
    badge = f" {_badge(st.verdict)}" if st else ""
    return f'<a href="{prefix}{page_name(cid)}"><code>{_esc(cid)}</code></a>{badge}'


def _verdict_reason(st: ClaimStatus) -> str:
    claim = st.claim
    if not claim.checks and claim.headline:
        return (
            f"This claim has no checks of its own; its verdict is that of its headline reading "
            f'<a href="{page_name(claim.headline)}"><code>{_esc(claim.headline)}</code></a>.'
        )
    if st.verdict is Verdict.INFORMAL:
        return "The paper gives no formal content to check here."
    if not st.results:
        if st.skipped:
            return "Every check of this claim is deep-tier and was not run in this build."
        return "No check is attached to this claim yet."
    by: dict[Outcome, list[str]] = {}
    for check, res in st.results:
        by.setdefault(res.outcome, []).append(check.name)
    said = []
    for outcome, verb in (
        (Outcome.REFUTES, "refute"),
        (Outcome.SUPPORTS, "support"),
        (Outcome.UNDECIDED, "could not decide"),
    ):
        if outcome in by:
            names = ", ".join(f'<a href="#check-{_slug(n)}">{_esc(n)}</a>' for n in by[outcome])
            said.append(f"{names} ({verb})")
    return "Checks: " + "; ".join(said) + "."


def _claim_page(
    st: ClaimStatus,
    report: Report,
    math: MathRenderer,
    plots: _PlotCopier,
    neighbours: tuple[str | None, str | None],
    template: Template,
    figures: Sequence[_LabFigure] = (),
    repro: dict[Any, Any] | None = None,
) -> str:
    claim = st.claim
    cid = claim.id
    where = f"claim {cid}"
    statuses = report.by_id()
    used_by = [s.claim.id for s in report.statuses if cid in s.claim.uses]
    subs = [s.claim.id for s in report.statuses if s.claim.parent == cid]
    parts: list[str] = []
    crumbs = ['<a href="../index.html">all claims</a>']
    if claim.parent:
        crumbs.append(f'<a href="{page_name(claim.parent)}"><code>{_esc(claim.parent)}</code></a>')
    crumbs.append(f"<code>{_esc(cid)}</code>")
    parts.append(f'<nav class="crumbs" aria-label="breadcrumb">{" › ".join(crumbs)}</nav>')
    parts.append(
        f'<h1><code class="cid">{_esc(cid)}</code> {math.prose(claim.title, where=where)}</h1>'
    )
    flags = [_badge(st.verdict)]
    if st.fully_checked:
        flags.append('<span class="flag full">fully checked</span>')
    if st.methods:
        flags.append(f'<span class="flag">evidence: {_esc(", ".join(st.methods))}</span>')
    flags.append(f'<span class="flag">tier: {_esc(st.tier)}</span>')
    if st.problems:
        flags.append('<span class="flag problem">regression</span>')
    parts.append(f'<p class="verdict-line">{" ".join(flags)}</p>')

    parts.append('<section id="statement"><h2>Statement (our wording)</h2>'
                 f'<p class="statement">{math.prose(claim.statement, where=where)}</p></section>')
    parts.append(_readings_html(st, statuses, math))

    meta = [f"<dt>Paper location</dt><dd>{math.prose(claim.location, where=where)}</dd>"]
    if claim.v1:
        meta.append(f"<dt>v1</dt><dd>{math.prose(claim.v1, where=where)}</dd>")
    if claim.hypotheses:
        items = "".join(f"<li>{math.prose(h, where=where + ', hypotheses')}</li>"
                        for h in claim.hypotheses)
        meta.append(f'<dt>Hypotheses</dt><dd><ul class="hyps">{items}</ul></dd>')
    if claim.parent:
        meta.append(f"<dt>Part of</dt><dd>{_claim_link(claim.parent, statuses)}</dd>")
    if subs:
        items = "".join(
            f"<li>{_claim_link(s, statuses)}"
            + (" <em>(headline)</em>" if s == claim.headline else "")
            + "</li>"
            for s in subs
        )
        meta.append(f'<dt>Sub-claims</dt><dd><ul class="links">{items}</ul></dd>')
    if claim.uses:
        items = "".join(f"<li>{_claim_link(u, statuses)}</li>" for u in claim.uses)
        meta.append(f'<dt>Uses</dt><dd><ul class="links">{items}</ul></dd>')
    if used_by:
        items = "".join(f"<li>{_claim_link(u, statuses)}</li>" for u in used_by)
        meta.append(f'<dt>Used by</dt><dd><ul class="links">{items}</ul></dd>')
    parts.append(f'<dl class="meta">{"".join(meta)}</dl>')

    near = _neighbourhood(cid, report)
    if len(near) > 1:
        parts.append(
            '<section id="neighbourhood"><h2>Neighbourhood</h2>'
            "<p>This claim (outlined), the claims it uses (to its left), the claims that use "
            "it (to its right), its parent and its parts; a solid arrow means <em>uses</em>, "
            "a dashed one <em>has the part</em>. "
            '<a href="../graph.html">Full graph</a>.</p><div class="graph-wrap fit">'
            + _graph_svg(report, "", ids=near, focus=cid, fit=True,
                         title=f"Claims next to {cid}")
            + "</div></section>"
        )

    if claim.divergence:
        parts.append('<section id="reading"><h2>How our reading differs</h2>'
                     f"<p>{math.prose(claim.divergence, where=where)}</p></section>")
    parts.append(_goal_html(st, math, where))

    parts.append('<section id="evidence"><h2>Evidence</h2>')
    if not st.results and not st.skipped:
        parts.append(f"<p>{_verdict_reason(st)}</p>")
    for check, result in st.results:
        parts.append(_check_html(check, result, math, plots, cid))
    if st.skipped:
        items = "".join(f"<li><code>{_esc(c.name)}</code> ({_esc(c.method.value)})"
                        + (f": {math.prose(c.description, where=where)}" if c.description else "")
                        + "</li>" for c in st.skipped)
        parts.append('<div class="skipped"><p>Deep-tier checks not run in this build '
                     "(build with <code>collapse-check docs --deep</code>):</p>"
                     f"<ul>{items}</ul></div>")
    parts.append("</section>")

    lab = _lab_html(figures, plots, cid)
    if lab:
        parts.append(lab)

    parts.append(f'<section id="verdict"><h2>Verdict</h2><p>{_badge(st.verdict)} '
                 f"{_esc(_VERDICT_MEANING[st.verdict])}.</p><p>{_verdict_reason(st)}</p>")
    if st.fully_checked:
        parts.append("<p>Fully checked: this claim and everything it uses are proved or "
                     "certified.</p>")
    if claim.expected is not None:
        parts.append(f"<p>Recorded expectation: <code>{_esc(claim.expected.value)}</code>"
                     f"{' (matches)' if claim.expected is st.verdict else ''}.</p>")
    if st.problems:
        items = "".join(f"<li>{_esc(p)}</li>" for p in st.problems)
        parts.append(f'<div class="problems"><p>Regressions found in this build:</p>'
                     f"<ul>{items}</ul></div>")
    parts.append("</section>")
    parts.append(_trust_html(st))
    parts.append(_related_html(cid, repro if repro is not None else _reproductions(), statuses))

    deep = " --deep" if st.skipped or report.deep else ""
    parts.append(
        '<section id="reproduce"><h2>Reproduce</h2>'
        "<p>The evidence on this page comes from running these checks; to run them again:</p>"
        f"<pre><code>collapse-check show {_esc(cid)}{deep}\n"
        f"collapse-check trust {_esc(cid)}{deep}\n"
        f"pytest -k '{_esc(cid)}'</code></pre></section>"
    )

    prev_id, next_id = neighbours
    pager = []
    if prev_id:
        pager.append(f'<a class="prev" href="{page_name(prev_id)}">← <code>{_esc(prev_id)}'
                     "</code></a>")
    if next_id:
        pager.append(f'<a class="next" href="{page_name(next_id)}"><code>{_esc(next_id)}'
                     "</code> →</a>")
    parts.append(f'<nav class="pager" aria-label="claims">{"".join(pager)}</nav>')
    return _page(
        template,
        title=f"{cid}: {_plain(claim.title)}",
        root="../",
        body_class="claim-page",
        content="\n".join(p for p in parts if p),
        footer=_footer(report),
    )


# --- readings, goal, trust and related results on a claim page -----------------------------

_READING_LABELS = (
    ("as written", "the paper's statement taken whole, in its own model and hypotheses, "
                   "read charitably"),
    ("holds", "the strongest precise statement the checks establish"),
)


def _reading_row(label: str, meaning: str, reading: Any, cid: str,
                 statuses: dict[str, ClaimStatus], math: MathRenderer) -> str:
    from theorems.readings import MODELS

    where = f"claim {cid}, readings"
    if reading.claim == cid:
        by = "this claim"
    else:
        by = _claim_link(reading.claim, statuses)
    model = reading.model or "-"
    desc = MODELS.get(reading.model, "")
    note = (f'<p class="note">{math.prose(reading.note, where=where)}</p>' if reading.note
            else "")
    return (
        f'<tr><th scope="row">{_esc(label)}<span class="hint">{_esc(meaning)}</span></th>'
        f"<td>{_badge(reading.verdict)}</td><td>decided by {by}</td>"
        f'<td class="model"><code>{_esc(model)}</code>'
        + (f'<span class="hint">{math.prose(desc, where=where)}</span>' if desc else "")
        + f"{note}</td></tr>"
    )


def _readings_html(st: ClaimStatus, statuses: dict[str, ClaimStatus],
                   math: MathRenderer) -> str:
    """Both verdicts of the claim, each with the claim deciding it and its model."""
    written, held = st.as_written, st.holds
    if written is None or held is None:
        return ""
    if held == written:  # one reading: the statement as written is also what holds
        w_meaning = _READING_LABELS[0][1]
        rows = [_reading_row("as written = holds", f"{w_meaning}; nothing stronger is "
                             "established" if not written.established else w_meaning,
                             written, st.claim.id, statuses, math)]
    else:
        rows = [_reading_row(label, meaning, reading, st.claim.id, statuses, math)
                for (label, meaning), reading in zip(_READING_LABELS, (written, held),
                                                     strict=True)]
    same = ("<p>The statement as written is established, so it is also what holds.</p>"
            if held == written and written.established else "")
    return (
        '<section id="two-verdicts"><h2>Verdicts: as written and what holds</h2>'
        '<div class="table-wrap"><table class="readings"><tbody>'
        f"{''.join(rows)}</tbody></table></div>{same}"
        "<p>Both come from one rule applied to the computed verdicts of the sub-claims "
        "(<code>theorems/readings.py</code>); neither is typed in.</p></section>"
    )


def _domain_latex(var: Any) -> str:
    """The domain of a goal variable, from its sympy assumptions (empty when unrestricted)."""
    if var.is_integer:
        if var.is_positive:
            return r"\in \mathbb{Z}_{>0}"
        if var.is_nonnegative:
            return r"\in \mathbb{Z}_{\ge 0}"
        return r"\in \mathbb{Z}"
    if var.is_positive:
        return r"\in (0, \infty)"
    if var.is_nonnegative:
        return r"\in [0, \infty)"
    if var.is_real:
        return r"\in \mathbb{R}"
    return ""


def _goal_html(st: ClaimStatus, math: MathRenderer, where: str) -> str:
    """The formal goal the claim's proof-strength checks must conclude, typeset from sympy."""
    import sympy as sp

    claim = st.claim
    goal = getattr(st, "goal", claim.goal)
    comp = getattr(st, "composition", None)
    where = where + ", formal goal"
    composed = ""
    if comp is not None:
        links = ", ".join(f'<a href="{page_name(p)}"><code>{_esc(p)}</code></a>'
                          for p in comp.parts)
        composed = (f'<p class="composition">From its parts ({links}): '
                    f"{_esc(comp.describe())}.</p>")
    if goal is None:
        proofs = [c.name for c in claim.checks if c.strength.value != "sampled"]
        if not proofs and not composed:
            return ""
        said = ("No formal goal is recorded: the proof-strength checks of this claim ("
                + ", ".join(f"<code>{_esc(n)}</code>" for n in proofs)
                + ") are not compared with a stated goal, and the trust report says so."
                if proofs else "No formal goal is recorded for this claim.")
        return f'<section id="goal"><h2>Formal goal</h2><p>{said}</p>{composed}</section>'
    parts = ['<section id="goal"><h2>Formal goal</h2>'
             "<p>What a proof-strength check must conclude for its result to count as a proof "
             "of this claim, printed from the sympy object the checks receive.</p>", composed]
    if goal.variables:
        items = ", ".join(
            math.math(f"{sp.latex(v)} {_domain_latex(v)}".strip(), where=where)
            for v in goal.variables)
        parts.append(f'<p class="goal-vars">For every {items}:</p>')
    hyps = goal.hypotheses_latex()
    if hyps:
        items = "".join(f"<li>{math.math(h, where=where)}</li>" for h in hyps)
        parts.append(f'<p>if</p><ul class="goal-hyps">{items}</ul><p>then</p>')
    parts.append(f'<div class="goal-formula">{math.math(goal.latex(), display=True, where=where)}'
                 "</div>")
    parts.append(f'<details><summary>as the checker reads it</summary><pre><code>'
                 f"{_esc(str(goal))}</code></pre></details></section>")
    return "".join(parts)


_TRUST_LISTS = (
    ("legacy_lemmas", "Lemmas cited by name (side conditions not linked to the step)"),
    ("rules", "Proof rules"),
    ("solvers", "Solver calls"),
    ("simplifications", "sympy simplifications"),
    ("shipped_tables", "Shipped tables"),
    ("sampling_only", "Sampled-only steps (evidence, not proof)"),
    ("notes", "Notes"),
)


def _trust_html(st: ClaimStatus) -> str:
    """What the claim's own verdict rests on (:func:`theorems.trust.claim_trust`)."""
    claim = st.claim
    if not claim.checks:
        return ""
    trust = st.trust()
    rows = []
    lemmas = trust.get("lemmas") or []
    if lemmas:
        items = "".join(f"<li>{_esc(lem['name'])} <span class=\"cite\">[{_esc(lem['citation'])}]"
                        "</span></li>" for lem in lemmas)
        rows.append(f"<dt>Lemma schemas (trust base)</dt><dd><ul>{items}</ul></dd>")
    for key, label in _TRUST_LISTS:
        values = trust.get(key) or []
        if values:
            items = "".join(f"<li>{_esc(v)}</li>" for v in values)
            rows.append(f"<dt>{_esc(label)}</dt><dd><ul>{items}</ul></dd>")
    counted = [c for c in trust.get("checks") or [] if c.get("counts_as")]
    if counted:
        items = "".join(f"<li><code>{_esc(c['name'])}</code> ({_esc(c['strength'])}): "
                        f"{_esc(c['counts_as'])}</li>" for c in counted)
        rows.append(f"<dt>How the checks count</dt><dd><ul>{items}</ul></dd>")
    if not rows:
        rows.append("<dt>Recorded</dt><dd>nothing: no check of this claim ran in this build "
                    "or recorded trust details</dd>")
    return ('<section id="trust"><h2>Trust</h2><p>What this verdict rests on, as a proof '
            "assistant lists its axioms: lemma schemas with their citations, solver calls, "
            "simplifications, shipped tables, and the steps that are only sampled. The same "
            f"list for the claim and everything it uses: <code>collapse-check trust "
            f"{_esc(claim.id)}</code>.</p>"
            f'<dl class="meta trust">{"".join(rows)}</dl></section>')


_TAG_MEANING = {
    "unverified": "citation not confirmed in the primary text",
    "secondary": "taken from summaries of the source",
}


def _reproduction_html(rep: Any) -> str:
    if rep is None:
        return '<span class="redo none">no published number to recompute</span>'
    state = "agrees" if rep.ok else "DISAGREES"
    return (f'<span class="redo {"ok" if rep.ok else "bad"}">{state}</span>: published '
            f"<code>{_esc(rep.published)}</code>, computed <code>{_esc(rep.computed)}</code> "
            f'<span class="how">({_esc(rep.how)})</span>')


def _related_item_html(item: Any, rep: Any, statuses: dict[str, ClaimStatus],
                       own: str | None, prefix: str = "") -> str:
    tag = (f' <span class="flag tag" title="{_esc(_TAG_MEANING.get(item.tag, item.tag))}">'
           f"{_esc(item.tag)}: {_esc(_TAG_MEANING.get(item.tag, item.tag))}</span>"
           if item.tag else "")
    about = "" if item.claim == own else f"{_claim_link(item.claim, statuses, prefix)}: "
    formula = f'<div class="formula">{_esc(item.formula)}</div>' if item.formula else ""
    hyps = (f'<div class="hyp">Hypotheses: {_esc(item.hypotheses)}</div>'
            if item.hypotheses else "")
    return (f'<li>{about}<strong>{_esc(item.citation)}</strong>{tag} '
            f'<span class="relation">({_esc(item.relation)})</span>{formula}{hyps}'
            f'<div class="recomputed">Recomputed: {_reproduction_html(rep)}</div></li>')


def _related_html(cid: str, repro: dict[Any, Any], statuses: dict[str, ClaimStatus]) -> str:
    from theorems import related

    items = related.for_claim(cid, nested="/" not in cid)
    if not items:
        return ""
    lis = "".join(_related_item_html(i, repro.get(i), statuses, cid) for i in items)
    return ('<section id="related"><h2>Related results</h2>'
            "<p>Earlier published results this claim restates, generalises, weakens or "
            "contradicts (the relation is read from the claim's side). Where an item has a "
            "published number, the project's own numerics recomputed it when this site was "
            "built. Tagged items are shown with their tag; their numbers are trusted only as "
            'far as the recomputation goes. <a href="../related.html">All related results</a>.'
            f'</p><ul class="related">{lis}</ul></section>')


def _related_page(report: Report, repro: dict[Any, Any], template: Template) -> str:
    """Every related result, by claim, with its recomputation."""
    from theorems import related

    statuses = report.by_id()
    rows = []
    for item in related.ITEMS:
        rep = repro.get(item)
        tag = (f'<span class="flag tag">{_esc(item.tag)}</span>' if item.tag else "")
        rows.append(
            f"<tr><td class=\"id\">{_claim_link(item.claim, statuses, 'claims/')}</td>"
            f"<td>{_esc(item.citation)} {tag}</td><td>{_esc(item.relation)}</td>"
            f'<td class="formula">{_esc(item.formula or "—")}</td>'
            f"<td>{_reproduction_html(rep)}</td></tr>"
        )
    agree = sum(1 for r in repro.values() if r is not None and r.ok)
    total = sum(1 for r in repro.values() if r is not None)
    tags = "".join(f"<dt><span class=\"flag tag\">{_esc(k)}</span></dt><dd>{_esc(v)}</dd>"
                   for k, v in _TAG_MEANING.items())
    content = (
        "<h1>Related results</h1>"
        f"<p>{len(related.ITEMS)} earlier published results that a claim restates, "
        "generalises, weakens or contradicts, with the relation read from the claim's side. "
        f"{total} of them have a published number, recomputed with the project's own "
        f"numerics when this site was built: {agree} agree.</p>"
        f'<dl class="legend">{tags}</dl>'
        '<div class="table-wrap"><table class="related"><thead><tr>'
        '<th scope="col">claim</th><th scope="col">citation</th><th scope="col">relation</th>'
        '<th scope="col">formula</th><th scope="col">recomputed</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return _page(template, title="collapse-check: related results", root="",
                 body_class="related-page", content=content, footer=_footer(report))


def _reproductions() -> dict[Any, Any]:
    """Each related item's recomputation (None for items without a published number)."""
    from theorems import related

    return {item: item.reproduce() for item in related.ITEMS}


_SUMMARY = (
    "The paper studies a model retrained, generation after generation, on a mixture of fresh "
    "data from the true distribution $P$ and samples of its own: "
    "$P'_t = \\alpha_t P + (1-\\alpha_t) Q_t$, with $\\alpha_t$ the share of outside signal. "
    "It shows that the idealised loop returns to $P$ geometrically while that share stays "
    "positive, and argues that as $\\alpha_t \\to 0$ the loop degenerates instead: the entropy "
    "of the model falls, the error of its mean piles up like a random walk, and the mutual "
    "information with the truth cannot grow (data processing). The same limits are argued for "
    "reinforcement learning with imperfect verifiers and for ensembles of models, and learners "
    "that synthesise programs under an algorithmic prior are put forward as the way out. This "
    "site restates each formal claim, runs machine checks on it (symbolic derivations, SMT "
    "queries, certified intervals, high-precision numbers, simulations) and shows where a claim "
    "holds as stated, holds only under a sharper reading, or fails."
)


def _footer(report: Report) -> str:
    tools = []
    for dist in ("sympy", "z3-solver", "python-flint", "mpmath", "numpy"):
        try:
            tools.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            continue
    with contextlib.suppress(Exception):  # the footer is informative only
        tools.append(f"KaTeX {_katex_version_pinned()}")
    tier = "deep (all checks)" if report.deep else "fast (deep-tier checks skipped)"
    return (
        f"<p>Companion to {_esc(PAPER)}. {_esc(_run_sentence(report))}; tier: {_esc(tier)}. "
        f"Built with {_esc(', '.join(tools))}.</p>"
    )


def _run_sentence(report: Report) -> str:
    """Which run the verdicts and numbers on the site come from."""
    run = report.run or {}
    what = []
    if run.get("version"):
        what.append(f"collapse-check {run['version']}")
    if run.get("commit"):
        what.append(f"commit {run['commit']}")
    when = f" finished {run['finished']}" if run.get("finished") else ""
    ident = f" ({', '.join(what)})" if what else ""
    if run.get("source"):
        which = (f"the run{when}{ident}" if when or ident
                 else "a run whose time and version the file does not record")
        return (f"Verdicts and numbers from the results file {Path(run['source']).name} "
                f"({which}), verdicts derived again by this build's rule")
    return f"Verdicts and numbers computed while this site was built: the run{when}{ident}"


def _index_page(report: Report, math: MathRenderer, template: Template) -> str:
    where = "the index page"
    counts = report.counts()
    full = counts.pop("fully checked")
    counts = {k: v for k, v in counts.items() if v}
    total_checks = sum(len(s.results) for s in report.statuses)
    seconds = sum(s.seconds for s in report.statuses)
    parts = ["<h1>Self-improvement limits, checked by machine</h1>"]
    parts.append(f'<section id="paper"><h2>The paper in one paragraph</h2>'
                 f"<p>{math.prose(_SUMMARY, where=where)}</p>"
                 f'<p class="cite">{_esc(PAPER)}.</p></section>')

    count_items = "".join(
        f"<li>{_badge(Verdict(k))} <strong>{v}</strong></li>" for k, v in counts.items()
    )
    parts.append(
        '<section id="counts"><h2>Counts</h2>'
        f'<ul class="counts">{count_items}</ul>'
        f"<p>{len(report.statuses)} claims and sub-claims, {full} of them fully checked; "
        f"{total_checks} checks ran in "
        f"{seconds:.1f} s ({'deep' if report.deep else 'fast'} tier).</p></section>"
    )

    rows = []
    for st in report.statuses:
        c = st.claim
        evidence = ", ".join(st.methods) or (f"→ {c.headline}" if c.headline else "—")
        flag = "yes" if st.fully_checked else ""
        problem = ' <span class="flag problem" title="regression">!</span>' if st.problems else ""
        written, held = getattr(st, "as_written", None), getattr(st, "holds", None)
        rows.append(
            f'<tr class="{"sub" if c.parent else "top"}">'
            f'<td class="id"><a href="claims/{page_name(c.id)}"><code>{_esc(c.id)}</code></a></td>'
            f"<td class=\"title\">{math.prose(c.title, where=f'claim {c.id}, title')}</td>"
            f'<td class="verdict">{_badge(st.verdict)}{problem}{_decider(written, c.id)}</td>'
            f'<td class="holds">{_reading_html(held, written, c.id)}</td>'
            f'<td class="model">{_esc(written.model if written else c.model or "—")}</td>'
            f'<td class="ev">{_esc(evidence)}</td>'
            f'<td class="full">{flag}</td></tr>'
        )
    parts.append(
        '<section id="verdicts"><h2>Verdicts</h2><div class="table-wrap">'
        '<table class="verdicts"><thead><tr><th scope="col">claim</th>'
        '<th scope="col">title</th><th scope="col">as written</th>'
        '<th scope="col">holds</th><th scope="col">model</th>'
        '<th scope="col">evidence</th><th scope="col">fully checked</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )

    legend = "".join(
        f"<dt>{_badge(v)}</dt><dd>{_esc(_VERDICT_MEANING[v])}</dd>" for v in Verdict
    )
    parts.append(
        '<section id="legend"><h2>Legend</h2>'
        f'<dl class="legend">{legend}</dl>'
        "<p><strong>Evidence</strong> lists the back-ends of the checks that ran (sympy, z3, "
        "arb, mpmath, exact, simulation). <strong>Fully checked</strong> means the claim and "
        "everything it uses, directly or not, are proved or certified. A sub-claim "
        "(<code>id/name</code>) is one reading of a claim; a claim without checks of its own "
        "takes the verdict of its headline reading (shown as <code>→ id</code>).</p></section>"
    )

    parts.append(
        '<section id="related-results"><h2>Related results</h2>'
        "<p>Each claim page lists the earlier published results it restates, generalises or "
        "contradicts, with the published numbers recomputed by the project's own numerics; "
        '<a href="related.html">all related results on one page</a>.</p></section>'
    )

    tops, top_uses = _top_level_uses(report)
    parts.append(
        '<section id="graph"><h2>Dependency graph</h2>'
        "<p>The claims of the paper, foundations on the left; an arrow points from a claim to "
        "a claim that it or one of its readings uses. Colours follow the verdicts; every box "
        "links to its page, and each claim page has the graph of its own neighbourhood. "
        '<a href="graph.html">The full graph, with every sub-claim</a>, is on a page of its '
        "own.</p>"
        '<div class="graph-wrap fit">'
        + _graph_svg(report, "claims/", ids=tops, uses=top_uses, fit=True,
                     title="Dependency graph of the top-level claims")
        + "</div></section>"
    )
    return _page(
        template,
        title="collapse-check: verdicts",
        root="",
        body_class="index-page",
        content="\n".join(parts),
        footer=_footer(report),
    )


def _graph_page(report: Report, template: Template) -> str:
    """Every claim and sub-claim in one graph, at its natural size (scroll or zoom)."""
    content = (
        "<h1>Dependency graph: every claim and sub-claim</h1>"
        "<p>Foundations on the left. A solid arrow points from a claim to a claim it uses; a "
        "dashed arrow from a claim to one of its sub-claims. Colours follow the verdicts; every "
        "box links to its page. The drawing keeps its natural size: scroll it, or zoom the "
        'page (Ctrl/⌘ and + or −). <a href="index.html#graph">Top-level graph</a>.</p>'
        f'<div class="graph-wrap full">{_graph_svg(report, "claims/")}</div>'
    )
    return _page(template, title="collapse-check: dependency graph", root="",
                 body_class="graph-page", content=content, footer=_footer(report))


# --- laboratory figures ----------------------------------------------------------------------

#: Each laboratory's figure, on the pages of the claims whose checks it illustrates:
#: (laboratory, arguments of ``collapse-check simulate``, claim ids).
LAB_FIGURES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("categorical", ("--k", "4", "--n", "50", "--generations", "150", "--replicates", "200"),
     ("thm-2", "thm-2/gini", "thm-2/supermartingale", "def-2")),
    ("gaussian", (), ("thm-2/gaussian", "thm-4", "thm-4/divergence", "thm-4/gaussian-estimators")),
    ("gaussian", ("--mode", "accumulate"), ("thm-4/accumulation",)),
    ("verifier", ("--mode", "fixed"), ("rem-6", "rem-6/fixed-verifier")),
    ("verifier", ("--mode", "learned"), ("rem-6/learned-verifier",)),
    ("ensemble", (), ("def-3", "thm-8", "thm-8/gini-identity", "thm-8/absorption")),
    ("ensemble", ("--alpha", "0.1"), ("thm-8/grounded",)),
    ("programs", (), ("prop-10/anchor", "sec-5-5", "sec-5-5/barrier")),
    # the run of sec-5-5/mdl-anchor's laboratory check at its last λ
    ("programs", ("--lam", "2", "--generations", "300", "--replicates", "2000",
                  "--seed", "20260105"), ("sec-5-5/mdl-anchor",)),
)


@dataclass(frozen=True)
class _LabFigure:
    path: Path
    command: str


def _lab_key(lab: str, args: Sequence[str]) -> str:
    """A cache key: the arguments and the source of the code that draws the figure."""
    src = Path(__file__).resolve().parent.parent / "numerics"
    digest = hashlib.sha1(" ".join([lab, *args]).encode())
    for part in (src / "loops" / f"{lab}.py", src / "loops" / "common.py", src / "bands.py"):
        with contextlib.suppress(OSError):
            digest.update(part.read_bytes())
    return digest.hexdigest()[:16]


def _lab_figures(console: Any = None) -> dict[str, list[_LabFigure]]:
    """Run each laboratory of :data:`LAB_FIGURES` (seeded) and map claim ids to figures.

    Figures are kept in the temporary folder under a key of their arguments and code, so a
    second build reuses them. A laboratory that fails is reported and left out.
    """
    import argparse
    import io

    from rich.console import Console

    from numerics.loops import register_all

    parser = argparse.ArgumentParser(prog="collapse-check simulate", add_help=False)
    register_all(parser.add_subparsers(dest="lab", required=True))
    cache = Path(tempfile.gettempdir()) / "collapse-check-plots"
    cache.mkdir(exist_ok=True)
    out: dict[str, list[_LabFigure]] = {}
    for lab, args, claim_ids in LAB_FIGURES:
        path = cache / f"lab-{lab}-{_lab_key(lab, args)}.png"
        command = " ".join(["collapse-check simulate", lab, *args, "--plot", f"{lab}.png"])
        if not path.is_file():
            _say(console, f"[dim]laboratory figure: {command}…[/]")
            # drawn under a name of this process, then moved into place: builds running at
            # the same time never read a half-written file
            part = path.with_name(f"{path.stem}.{os.getpid()}.png")
            try:
                ns = parser.parse_args([lab, *args, "--plot", str(part), "--quiet"])
                ns.handler(ns, Console(file=io.StringIO()))
                os.replace(part, path)
            except (CollapseCheckError, SystemExit, OSError, ValueError) as exc:
                part.unlink(missing_ok=True)
                _say(console, f"[yellow]laboratory {lab} failed: {exc}[/]")
                continue
        for cid in claim_ids:
            out.setdefault(cid, []).append(_LabFigure(path, command))
    return out


def _lab_html(figures: Sequence[_LabFigure], plots: _PlotCopier, cid: str) -> str:
    if not figures:
        return ""
    items = []
    for i, fig in enumerate(figures):
        rel = plots.copy(fig.path, page_name(cid).removesuffix(".html") + f"-lab-{i + 1}")
        if rel is None:
            continue
        items.append(
            f'<figure><img src="../{_esc(rel)}" alt="laboratory plot: {_esc(fig.command)}" '
            f'loading="lazy"><figcaption>Seeded laboratory run (bands over replicates, exact '
            f"theory dashed): <code>{_esc(fig.command)}</code></figcaption></figure>"
        )
    if not items:
        return ""
    return ('<section id="laboratory"><h2>Laboratory</h2><p>The self-training loop behind '
            "this claim's simulation evidence, run again when the site was built; the command "
            "reproduces it.</p>"
            f'<div class="plots">{"".join(items)}</div></section>')


# --- the builder -----------------------------------------------------------------------------

def _say(console: Any, message: str) -> None:
    if console is not None:
        console.print(message)


def _copy_assets(out: Path) -> None:
    assets = out / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_STATIC / "site.css", assets / "site.css")
    katex_dir = assets / "katex"
    katex_dir.mkdir(exist_ok=True)
    shutil.copyfile(_KATEX_DIST / "katex.min.css", katex_dir / "katex.min.css")
    shutil.copytree(_KATEX_DIST / "fonts", katex_dir / "fonts", dirs_exist_ok=True)


def _check_names(ids: Sequence[str]) -> None:
    seen: dict[str, str] = {}
    for cid in ids:
        name = page_name(cid).lower()
        if name in seen:
            raise SiteError(f"claims {seen[name]!r} and {cid!r} map to the same page {name}")
        seen[name] = cid


def build_site(
    out: str | Path | None = None,
    *,
    deep: bool = False,
    console: Any = None,
    report: Report | None = None,
    lab_figures: bool = True,
) -> Path:
    """Run every check and write the website to ``out`` (default ``docs/_build/html``).

    Returns the site's folder (open its ``index.html``). ``console`` (a rich Console) receives
    progress lines. Raises :class:`SiteError` when math does not render or Node/KaTeX are
    unavailable; failing or undecided checks do not stop the build, they are shown. A
    ``report`` from :func:`theorems.evaluate.evaluate` of every claim may be passed in to
    render results that were just computed instead of running the checks again, or read
    from a results file (:func:`theorems.results.load_report`); the footer says which run the
    verdicts come from. ``lab_figures`` runs the laboratories of :data:`LAB_FIGURES` (seeded,
    cached) and puts their plots on the pages of the claims they illustrate.
    """
    target = Path(out) if out is not None else DEFAULT_OUT
    target = target.resolve()
    _prepare_target(target)  # refuse a foreign folder before spending time on the checks
    started = time.perf_counter()
    claims = registry.all_claims()
    _check_names([c.id for c in claims])
    if report is None:
        _say(console, f"[dim]running the checks of {len(claims)} claims"
                      f"{' (deep tier)' if deep else ''}…[/]")
        report = evaluate(claims, deep=deep)
    t_eval = time.perf_counter() - started
    figures = _lab_figures(console) if lab_figures else {}

    page_tpl = _load_template("page.html")
    math = MathRenderer()
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        plots = _PlotCopier(staging)
        repro = _reproductions()
        pages: dict[Path, str] = {
            staging / "index.html": _index_page(report, math, page_tpl),
            staging / "graph.html": _graph_page(report, page_tpl),
            staging / "related.html": _related_page(report, repro, page_tpl),
        }
        ids = [s.claim.id for s in report.statuses]
        for i, st in enumerate(report.statuses):
            prev_id = ids[i - 1] if i > 0 else None
            next_id = ids[i + 1] if i + 1 < len(ids) else None
            pages[staging / "claims" / page_name(st.claim.id)] = _claim_page(
                st, report, math, plots, (prev_id, next_id), page_tpl,
                figures.get(st.claim.id, ()), repro,
            )
        _say(console, f"[dim]rendering {len(math)} math fragments with KaTeX…[/]")
        t0 = time.perf_counter()
        math.render()
        t_math = time.perf_counter() - t0
        for path, text in pages.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(math.fill(text), encoding="utf-8")
        _copy_assets(staging)
        (staging / "status.json").write_text(
            json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8"
        )
        (staging / _MARKER).write_text("built by collapse-check docs\n", encoding="utf-8")
        staging.chmod(0o755)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    for missing in plots.missing:
        _say(console, f"[yellow]plot file not found: {missing}[/]")
    _say(
        console,
        f"[dim]{len(pages)} pages, {len(math)} formulas; checks {t_eval:.1f} s, "
        f"math {t_math:.1f} s, total {time.perf_counter() - started:.1f} s; "
        f"open {(target / 'index.html').as_uri()}[/]",
    )
    return target


_MARKER = ".collapse-check-site"


def _prepare_target(target: Path) -> None:
    """Create the parent folder; refuse to replace a folder that is not an earlier site."""
    try:
        output_folder(target, "--out")
    except InputError as exc:
        raise SiteError(str(exc)) from None
    if target.exists():
        if not target.is_dir():
            raise SiteError(f"{target} exists and is not a folder")
        if any(target.iterdir()) and not (target / _MARKER).exists():
            raise SiteError(
                f"{target} is not empty and was not written by `collapse-check docs`; "
                "choose another --out folder"
            )
    target.parent.mkdir(parents=True, exist_ok=True)
