"""A referee report, written from one run of the checks (``collapse-check report``).

Sections: a summary table of both verdicts of every statement of the paper (top-level ids and
the v1 abstract's sentences); the statements refuted as written, each with the counterexample
found by the run, the repaired statement and its verdict; the statements that hold only in a
narrower model; those without formal content; the related results, with their published
numbers recomputed in the same run; and the commands that reproduce each verdict. Every
verdict and number in the report comes from the :class:`theorems.evaluate.Report` it is
written from; nothing is typed in.

Two formats: Markdown (``md``) and LaTeX (``tex``) that compiles with a plain LaTeX install
(only the ``article`` class; characters outside ASCII are written as LaTeX commands).

>>> _tex_text("α_t → 0 & 50%")
'$\\\\alpha$\\\\_t $\\\\to$ 0 \\\\& 50\\\\%'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from theorems import related
from theorems.evaluate import PAPER, ClaimStatus, Report
from theorems.model import Outcome, Verdict

__all__ = ["FORMATS", "render", "statements"]

FORMATS = ("md", "tex")


def statements(report: Report) -> list[ClaimStatus]:
    """The statements of the paper: top-level ids and the sentences of the v1 abstract."""
    return [s for s in report.statuses
            if s.claim.parent is None or s.claim.parent == "abstract-v1"]


@dataclass
class _Entry:
    status: ClaimStatus
    decider: ClaimStatus | None
    repair: ClaimStatus | None


def _counterexample(st: ClaimStatus | None) -> str:
    if st is None:
        return ""
    refuting = [r.detail for _, r in st.results if r.outcome is Outcome.REFUTES]
    if not refuting:
        return ""
    detail = refuting[0]
    at = detail.lower().rfind("counterexample")
    return detail[at:] if at > 0 else detail


def _sections(report: Report) -> dict[str, list[_Entry]]:
    by = report.by_id()
    out: dict[str, list[_Entry]] = {"refuted": [], "narrower": [], "informal": []}
    for st in statements(report):
        assert st.as_written is not None and st.holds is not None
        decider = by.get(st.as_written.claim)
        repair = by.get(st.holds.claim) if st.holds != st.as_written else None
        entry = _Entry(st, decider, repair)
        if st.as_written.verdict is Verdict.REFUTED:
            out["refuted"].append(entry)
        elif st.as_written.verdict is Verdict.INFORMAL:
            out["informal"].append(entry)
    # labelled extras: the paper's words read in a model or wording that is not the paper's
    for st in report.statuses:
        if st.claim.role == "extra":
            out["narrower"].append(_Entry(st, st, None))
    return out


# --- Markdown --------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_reading(reading: object, own: str) -> str:
    verdict, claim = reading.verdict.value, reading.claim  # type: ignore[attr-defined]
    return verdict if claim == own else f"{verdict} (`{claim}`)"


def _render_md(report: Report, items: Iterable[tuple[related.Related, related.Reproduction | None]]
               ) -> str:
    lines = [
        "# Referee report: Zenil, arXiv:2601.05280",
        "",
        f"Paper: {PAPER}.",
        "Written by `collapse-check report` from one run of the "
        f"{'deep' if report.deep else 'fast'} tier of the checks; every verdict and number "
        "below comes from that run.",
        "",
        "## Summary: two verdicts per statement",
        "",
        "*As written*: the statement taken whole, in the paper's model and hypotheses, read "
        "charitably. *Holds*: the strongest precise statement the companion establishes. Each "
        "names the claim that decides it and the model it is decided in.",
        "",
        "| statement | title | as written | holds | model |",
        "|---|---|---|---|---|",
    ]
    for st in statements(report):
        assert st.as_written is not None and st.holds is not None
        lines.append(
            f"| `{st.claim.id}` | {_md_cell(st.claim.title)} | "
            f"{_md_reading(st.as_written, st.claim.id)} | {_md_reading(st.holds, st.claim.id)} | "
            f"{st.as_written.model or '-'} |"
        )
    sections = _sections(report)
    lines += ["", "## Refuted as written", ""]
    for e in sections["refuted"]:
        st, d, r = e.status, e.decider, e.repair
        lines.append(f"### `{st.claim.id}`: {st.claim.title}")
        lines.append("")
        if d is not None and d is not st:
            lines.append(f"- Decided by `{d.claim.id}` ({d.claim.title}), model "
                         f"{d.claim.model or '-'}.")
        lines.append(f"- Counterexample: {_md_cell(_counterexample(d) or 'see the decider')}")
        if r is not None:
            lines.append(f"- Repaired statement (`{r.claim.id}`, {r.verdict.value}, model "
                         f"{r.claim.model or '-'}): {_md_cell(r.claim.statement)}")
        lines.append(f"- Reproduce: `collapse-check show {d.claim.id if d else st.claim.id}`")
        lines.append("")
    lines += ["## Readings outside the paper's model or wording (labelled extras)", ""]
    for e in sections["narrower"]:
        st = e.status
        lines.append(f"- `{st.claim.id}` ({st.verdict.value}, model {st.claim.model or '-'}): "
                     f"{_md_cell(st.claim.title)}")
    lines += ["", "## Without formal content", ""]
    for e in sections["informal"]:
        st = e.status
        held = (f"; what holds: `{e.repair.claim.id}` ({e.repair.verdict.value})"
                if e.repair else "")
        lines.append(f"- `{st.claim.id}`: {_md_cell(st.claim.title)}{held}")
    notes = [st for st in statements(report) if st.as_written and st.as_written.note]
    if notes:
        lines += ["", "## Conditional verdicts", ""]
        for st in notes:
            assert st.as_written is not None
            lines.append(f"- `{st.claim.id}` ({st.as_written.verdict.value}): "
                         f"{_md_cell(st.as_written.note)}")
    lines += ["", "## Related results", "",
              "| claim | citation | relation | formula | recomputed in this run |",
              "|---|---|---|---|---|"]
    for item, rep in items:
        tag = f" [{item.tag}]" if item.tag else ""
        redo = "-" if rep is None else (
            f"{'agrees' if rep.ok else 'DISAGREES'}: published {rep.published}, computed "
            f"{rep.computed} ({rep.how})")
        lines.append(f"| `{item.claim}` | {_md_cell(item.citation + tag)} | {item.relation} | "
                     f"{_md_cell(item.formula or '-')} | {_md_cell(redo)} |")
    lines += ["", "## Reproducing", "", "```bash",
              "collapse-check verify --json          # every verdict of this report",
              "collapse-check report --format md     # this report"]
    for st in statements(report):
        lines.append(f"collapse-check show {st.claim.id}")
    lines += ["pytest -k '<claim id>'                 # the same checks as tests", "```", ""]
    return "\n".join(lines)


# --- LaTeX -----------------------------------------------------------------------------------

_TEX_CHARS = {
    "α": r"$\alpha$", "β": r"$\beta$", "γ": r"$\gamma$", "δ": r"$\delta$", "ε": r"$\varepsilon$",
    "η": r"$\eta$", "θ": r"$\theta$", "κ": r"$\kappa$", "λ": r"$\lambda$", "μ": r"$\mu$",
    "ξ": r"$\xi$", "π": r"$\pi$", "ρ": r"$\rho$", "σ": r"$\sigma$", "τ": r"$\tau$",
    "φ": r"$\phi$", "χ": r"$\chi$", "ψ": r"$\psi$", "ω": r"$\omega$", "Δ": r"$\Delta$",
    "Π": r"$\Pi$", "Σ": r"$\Sigma$", "Γ": r"$\Gamma$", "Θ": r"$\Theta$", "Ω": r"$\Omega$",
    "≤": r"$\le$", "≥": r"$\ge$", "≠": r"$\ne$", "→": r"$\to$", "←": r"$\leftarrow$",
    "⇒": r"$\Rightarrow$", "⇔": r"$\Leftrightarrow$", "↛": r"$\not\to$", "∞": r"$\infty$",
    "∈": r"$\in$", "∉": r"$\notin$", "×": r"$\times$", "·": r"$\cdot$", "±": r"$\pm$",
    "√": r"$\surd$", "∑": r"$\Sigma$", "∏": r"$\Pi$", "≈": r"$\approx$", "∼": r"$\sim$",
    "‖": r"$\|$", "∘": r"$\circ$", "′": "'", "−": "-", "–": "--", "—": "---", "…": "...",
    "‘": "`", "’": "'", "“": "``", "”": "''", "²": r"$^2$", "³": r"$^3$", "¹": r"$^1$",
    "⁻": r"$^-$", "₀": r"$_0$", "₁": r"$_1$", "₂": r"$_2$", "ᵗ": r"$^t$", "ⁿ": r"$^n$",
    "ᵢ": r"$_i$", "⁴": r"$^4$", "½": r"$\frac12$", "¼": r"$\frac14$", "¾": r"$\frac34$",
    "𝒬": r"$\mathcal{Q}$", "𝒰": r"$\mathcal{U}$", "𝒞": r"$\mathcal{C}$", "𝒮": r"$\mathcal{S}$",
    "𝒯": r"$\mathcal{T}$", "✓": "ok", "✗": "x", "é": r"\'e", "á": r"\'a", "ö": r"\"o",
    "ü": r"\"u", "⌊": r"$\lfloor$", "⌋": r"$\rfloor$", "∩": r"$\cap$", "∪": r"$\cup$",
    "∀": r"$\forall$", "∃": r"$\exists$", "ℝ": "R", "ℕ": "N", "∂": r"$\partial$",
    "ψ̄": r"$\bar\psi$", "Ĥ": r"$\hat H$", "Q̂": r"$\hat Q$", "θ̂": r"$\hat\theta$",
}
_TEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                "^": r"\textasciicircum{}", "<": r"$<$", ">": r"$>$", "|": r"$|$"}


def _tex_text(text: str) -> str:
    """Plain text (no math) as LaTeX that compiles without extra packages."""
    out = []
    i = 0
    while i < len(text):
        two = text[i:i + 2]
        if two in _TEX_CHARS:
            out.append(_TEX_CHARS[two])
            i += 2
            continue
        ch = text[i]
        if ch in _TEX_SPECIAL:
            out.append(_TEX_SPECIAL[ch])
        elif ch in _TEX_CHARS:
            out.append(_TEX_CHARS[ch])
        elif ord(ch) < 128:
            out.append(ch)
        elif ord(ch) in (0x0302, 0x0304, 0x0303):  # combining accents left over
            continue
        else:
            out.append("?")
        i += 1
    return "".join(out)


def _tex(text: str) -> str:
    """Text with ``$...$`` math segments kept (after mapping non-ASCII inside them)."""
    parts = re.split(r"(\$[^$]+\$)", text)
    out = []
    for part in parts:
        if part.startswith("$") and part.endswith("$") and len(part) > 1:
            inner = "".join(_TEX_CHARS.get(c, c).strip("$") if ord(c) >= 128 else c
                            for c in part[1:-1])
            out.append(f"${inner}$")
        else:
            out.append(_tex_text(part))
    return "".join(out)


def _tex_reading(reading: object, own: str) -> str:
    verdict, claim = reading.verdict.value, reading.claim  # type: ignore[attr-defined]
    return verdict if claim == own else f"{verdict} ({_tex_text(claim)})"


def _render_tex(report: Report,
                items: Iterable[tuple[related.Related, related.Reproduction | None]]) -> str:
    out = [
        r"\documentclass[10pt]{article}",
        r"\setlength{\textwidth}{6.5in}\setlength{\oddsidemargin}{0in}",
        r"\setlength{\evensidemargin}{0in}\setlength{\topmargin}{-0.5in}",
        r"\setlength{\textheight}{9in}\setlength{\parindent}{0pt}\setlength{\parskip}{4pt}",
        # the statements use a few AMS commands; plain LaTeX gets stand-ins
        r"\providecommand{\mathbb}[1]{\mathbf{#1}}\providecommand{\text}[1]{\mbox{#1}}",
        r"\providecommand{\tfrac}[2]{{\textstyle\frac{#1}{#2}}}",
        r"\providecommand{\dfrac}[2]{{\displaystyle\frac{#1}{#2}}}",
        r"\providecommand{\operatorname}[1]{\mathrm{#1}}",
        r"\begin{document}",
        r"\section*{Referee report: Zenil, arXiv:2601.05280}",
        _tex_text(f"Paper: {PAPER}. Written by collapse-check report from one run of the "
                  f"{'deep' if report.deep else 'fast'} tier of the checks; every verdict and "
                  "number below comes from that run."),
        r"\subsection*{Summary: two verdicts per statement}",
        _tex_text("As written: the statement taken whole, in the paper's model and hypotheses, "
                  "read charitably. Holds: the strongest precise statement established. Each "
                  "names the claim that decides it and the model it is decided in."),
        r"\begin{small}",
        r"\begin{tabular}{p{1.3in}p{1.9in}p{1.1in}p{1.1in}p{0.9in}}",
        r"\textbf{statement} & \textbf{title} & \textbf{as written} & \textbf{holds} & "
        r"\textbf{model}\\ \hline",
    ]
    for st in statements(report):
        assert st.as_written is not None and st.holds is not None
        out.append(
            f"{_tex_text(st.claim.id)} & {_tex_text(st.claim.title)} & "
            f"{_tex_reading(st.as_written, st.claim.id)} & "
            f"{_tex_reading(st.holds, st.claim.id)} & {_tex_text(st.as_written.model or '-')}\\\\"
        )
    out += [r"\end{tabular}", r"\end{small}", r"\subsection*{Refuted as written}"]
    sections = _sections(report)
    for e in sections["refuted"]:
        st, d, r = e.status, e.decider, e.repair
        out.append(r"\paragraph{" + _tex_text(f"{st.claim.id}: {st.claim.title}") + "}")
        out.append(r"\begin{itemize}")
        if d is not None and d is not st:
            out.append(r"\item " + _tex_text(f"Decided by {d.claim.id} ({d.claim.title}), "
                                             f"model {d.claim.model or '-'}."))
        out.append(r"\item " + _tex_text("Counterexample: "
                                         + (_counterexample(d) or "see the decider")))
        if r is not None:
            out.append(r"\item " + _tex_text(f"Repaired statement ({r.claim.id}, "
                                             f"{r.verdict.value}, model {r.claim.model or '-'}): ")
                       + _tex(r.claim.statement))
        out.append(r"\item " + _tex_text("Reproduce: collapse-check show "
                                         + (d.claim.id if d else st.claim.id)))
        out.append(r"\end{itemize}")
    out.append(r"\subsection*{Readings outside the paper's model or wording (labelled extras)}")
    out.append(r"\begin{itemize}")
    for e in sections["narrower"]:
        st = e.status
        out.append(r"\item " + _tex_text(f"{st.claim.id} ({st.verdict.value}, model "
                                         f"{st.claim.model or '-'}): {st.claim.title}"))
    out.append(r"\end{itemize}")
    out.append(r"\subsection*{Without formal content}")
    out.append(r"\begin{itemize}")
    for e in sections["informal"]:
        st = e.status
        held = (f"; what holds: {e.repair.claim.id} ({e.repair.verdict.value})"
                if e.repair else "")
        out.append(r"\item " + _tex_text(f"{st.claim.id}: {st.claim.title}{held}"))
    out.append(r"\item " + _tex_text("(none)") if not sections["informal"] else "")
    out.append(r"\end{itemize}")
    notes = [st for st in statements(report) if st.as_written and st.as_written.note]
    if notes:
        out.append(r"\subsection*{Conditional verdicts}")
        out.append(r"\begin{itemize}")
        for st in notes:
            assert st.as_written is not None
            out.append(r"\item " + _tex_text(f"{st.claim.id} ({st.as_written.verdict.value}): "
                                             f"{st.as_written.note}"))
        out.append(r"\end{itemize}")
    out.append(r"\subsection*{Related results}")
    out.append(r"\begin{itemize}")
    for item, rep in items:
        tag = f" [{item.tag}]" if item.tag else ""
        redo = "" if rep is None else (
            f" Recomputed in this run: {'agrees' if rep.ok else 'DISAGREES'}, published "
            f"{rep.published}, computed {rep.computed} ({rep.how}).")
        out.append(r"\item " + _tex_text(f"{item.claim}: {item.citation}{tag}; {item.relation}"
                                         + (f"; {item.formula}" if item.formula else "")
                                         + "." + redo))
    out.append(r"\end{itemize}")
    out.append(r"\subsection*{Reproducing}")
    out.append(r"\begin{verbatim}")
    out.append("collapse-check verify --json")
    out.append("collapse-check report --format tex")
    for st in statements(report):
        out.append(f"collapse-check show {st.claim.id}")
    out.append(r"\end{verbatim}")
    out.append(r"\end{document}")
    return "\n".join(line for line in out if line != "") + "\n"


def render(report: Report, fmt: str = "md") -> str:
    """The report in ``fmt`` (``md`` or ``tex``), from ``report`` and a recomputation of the
    related results' published numbers."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, got {fmt!r}")
    items = [(item, item.reproduce()) for item in related.ITEMS]
    if fmt == "md":
        return _render_md(report, items)
    return _render_tex(report, items)
