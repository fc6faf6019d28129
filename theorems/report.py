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
import unicodedata
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


def _counterexample(st: ClaimStatus | None) -> tuple[str, str]:
    """The first refuting check of ``st`` and its detail from the run, from the word
    "counterexample" on when the detail has it (``("", "")`` when no check refutes)."""
    if st is None:
        return "", ""
    refuting = [(c.name, r.detail) for c, r in st.results if r.outcome is Outcome.REFUTES]
    if not refuting:
        return "", ""
    name, detail = refuting[0]
    at = detail.lower().rfind("counterexample")
    text = detail[at:] if at > 0 else detail
    text = re.sub(r"^counterexample\s*:\s*", "", text, flags=re.IGNORECASE)
    return name, text[:1].upper() + text[1:]


def _refutation_label(st: ClaimStatus | None) -> str:
    """``Counterexample`` when the refuting check reports one, else ``Refutation`` (a proof
    of the negation, say)."""
    if st is None:
        return "Counterexample"
    details = [r.detail for _, r in st.results if r.outcome is Outcome.REFUTES]
    return ("Counterexample" if not details or "counterexample" in details[0].lower()
            else "Refutation")


def _run_line(report: Report) -> str:
    """Which run the verdicts come from: when it finished, version, commit, results file."""
    run = report.run or {}
    said = [f"{k} {run[k]}" for k in ("version", "commit") if run.get(k)]
    when = f"finished {run['finished']}" if run.get("finished") else "time not recorded"
    src = f"; read from the results file {run['source']}" if run.get("source") else ""
    return (f"Run: {'deep' if report.deep else 'fast'} tier, {when}"
            + (f" (collapse-check {', '.join(said)})" if said else "") + src + ".")


def _sections(report: Report) -> dict[str, list[_Entry]]:
    by = report.by_id()
    out: dict[str, list[_Entry]] = {"refuted": [], "narrower": [], "extras": [],
                                    "informal": [], "open": []}
    for st in statements(report):
        assert st.as_written is not None and st.holds is not None
        decider = by.get(st.as_written.claim)
        repair = by.get(st.holds.claim) if st.holds != st.as_written else None
        entry = _Entry(st, decider, repair)
        if st.as_written.verdict is Verdict.REFUTED:
            out["refuted"].append(entry)
        elif st.as_written.verdict is Verdict.INFORMAL:
            out["informal"].append(entry)
        elif st.as_written.verdict in (Verdict.UNDECIDED, Verdict.PENDING):
            out["open"].append(entry)
        # what holds is a narrower statement than the one the paper makes
        if not st.as_written.established and st.holds.established:
            out["narrower"].append(entry)
    # labelled extras: the paper's words read in a model or wording that is not the paper's
    for st in report.statuses:
        if st.claim.role == "extra":
            out["extras"].append(_Entry(st, st, None))
    return out


# --- Markdown --------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_reading(reading: object, own: str) -> str:
    verdict, claim = reading.verdict.value, reading.claim  # type: ignore[attr-defined]
    return verdict if claim == own else f"{verdict} (`{claim}`)"


def _md_model(reading: object) -> str:
    return reading.model or "-"  # type: ignore[attr-defined]


def _redo_text(rep: related.Reproduction | None) -> str:
    if rep is None:
        return "-"
    return (f"{'agrees' if rep.ok else 'DISAGREES'}: published {rep.published}, computed "
            f"{rep.computed} ({rep.how})")


def _render_md(report: Report, items: Iterable[tuple[related.Related, related.Reproduction | None]]
               ) -> str:
    lines = [
        "# Referee report: Zenil, arXiv:2601.05280",
        "",
        f"Paper: {PAPER}.",
        "Written by `collapse-check report` from one run of the "
        f"{'deep' if report.deep else 'fast'} tier of the checks; every verdict and number "
        "below comes from that run, except the recomputed published numbers of the related "
        "results, which the report command computes itself (exact arithmetic).",
        _run_line(report),
        "",
        "## Summary: two verdicts per statement",
        "",
        "*As written*: the statement taken whole, in the paper's model and hypotheses, read "
        "charitably. *Holds*: the strongest precise statement the companion establishes. Each "
        "names the claim that decides it and the model it is decided in.",
        "",
        "| statement | title | as written | model | holds | model |",
        "|---|---|---|---|---|---|",
    ]
    for st in statements(report):
        assert st.as_written is not None and st.holds is not None
        lines.append(
            f"| `{st.claim.id}` | {_md_cell(st.claim.title)} | "
            f"{_md_reading(st.as_written, st.claim.id)} | {_md_model(st.as_written)} | "
            f"{_md_reading(st.holds, st.claim.id)} | {_md_model(st.holds)} |"
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
        check, text = _counterexample(d)
        said = f" (check `{check}` of `{d.claim.id}`)" if check and d is not None else ""
        lines.append(f"- {_refutation_label(d)}{said}: "
                     f"{_md_cell(text or 'see the deciding claim')}")
        if r is not None:
            lines.append(f"- Repaired statement (`{r.claim.id}`, {r.verdict.value}, model "
                         f"{r.claim.model or '-'}): {_md_cell(r.claim.statement)}")
        target = d.claim.id if d else st.claim.id
        lines.append(f"- Reproduce: `collapse-check show {target}`; "
                     f"`pytest tests/test_claims.py -k '{target}'`")
        lines.append("")
    lines += ["## Holding only in a narrower model or reading", "",
              "Statements whose as-written verdict is not established, with the narrower "
              "statement that is, and the model each is decided in.", ""]
    for e in sections["narrower"]:
        st = e.status
        assert st.as_written is not None and st.holds is not None
        narrower = ("another model" if st.holds.model != st.as_written.model
                    else "the same model, a narrower statement")
        title = e.repair.claim.title if e.repair else ""
        lines.append(f"- `{st.claim.id}`: as written {st.as_written.verdict.value} (model "
                     f"{_md_model(st.as_written)}); holds: `{st.holds.claim}` "
                     f"({st.holds.verdict.value}, model {_md_model(st.holds)}: {narrower}): "
                     f"{_md_cell(title)}")
    lines += ["", "## Readings outside the paper's model or wording (labelled extras)", ""]
    for e in sections["extras"]:
        st = e.status
        lines.append(f"- `{st.claim.id}` ({st.verdict.value}, model {st.claim.model or '-'}): "
                     f"{_md_cell(st.claim.title)}")
    lines += ["", "## Without formal content", ""]
    for e in sections["informal"]:
        st = e.status
        held = (f"; what holds: `{e.repair.claim.id}` ({e.repair.verdict.value})"
                if e.repair else "")
        lines.append(f"- `{st.claim.id}`: {_md_cell(st.claim.title)}{held}")
    if not sections["informal"]:
        lines.append("- (none)")
    if sections["open"]:
        lines += ["", "## Not decided in this run", ""]
        for e in sections["open"]:
            st = e.status
            assert st.as_written is not None
            lines.append(f"- `{st.claim.id}`: {st.as_written.verdict.value} "
                         f"(`{st.as_written.claim}`, model {_md_model(st.as_written)}): "
                         f"{_md_cell(st.claim.title)}")
    notes = [st for st in statements(report) if st.as_written and st.as_written.note]
    if notes:
        lines += ["", "## Conditional verdicts", ""]
        for st in notes:
            assert st.as_written is not None
            lines.append(f"- `{st.claim.id}` ({st.as_written.verdict.value}): "
                         f"{_md_cell(st.as_written.note)}")
    problems = [(st.claim.id, p) for st in report.statuses for p in st.problems]
    if problems:
        lines += ["", "## Regressions in this run", "",
                  "Checks whose outcome differs from the one recorded for them: the verdicts "
                  "above are the computed ones, but these need a look.", ""]
        lines += [f"- `{cid}`: {_md_cell(p)}" for cid, p in problems]
    lines += ["", "## Related results", "",
              "Earlier published results a claim restates, generalises or contradicts (relation "
              "from the claim's side). Tags: *unverified*, the citation is not confirmed in the "
              "primary text; *secondary*, taken from summaries. Published numbers are "
              "recomputed with the project's numerics by the report command "
              "(`python -m theorems.related` prints them again).",
              "",
              "| claim | citation | relation | formula | recomputed |",
              "|---|---|---|---|---|"]
    for item, rep in items:
        tag = f" [{item.tag}]" if item.tag else ""
        lines.append(f"| `{item.claim}` | {_md_cell(item.citation + tag)} | {item.relation} | "
                     f"{_md_cell(item.formula or '-')} | {_md_cell(_redo_text(rep))} |")
    lines += ["", "## Reproducing", "", "```bash",
              "collapse-check verify --json > results.json   # every verdict and number above",
              "collapse-check report --from results.json     # this report, from that file",
              "python -m theorems.related                    # the recomputed published numbers"]
    for st in statements(report):
        lines.append(f"collapse-check show {st.claim.id}")
    lines += ["pytest -k '<claim id>'                        # the same checks as tests", "```",
              ""]
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
    "∀": r"$\forall$", "∃": r"$\exists$", "ℝ": r"$\mathbb{R}$", "ℕ": r"$\mathbb{N}$",
    "∂": r"$\partial$",
    "§": r"\S{}", "ℓ": r"$\ell$", "↦": r"$\mapsto$", "∝": r"$\propto$", "≪": r"$\ll$",
    "≫": r"$\gg$", "⊆": r"$\subseteq$", "⊂": r"$\subset$", "↔": r"$\leftrightarrow$",
    "∅": r"$\emptyset$", "¬": r"$\neg$", "∧": r"$\wedge$", "∨": r"$\vee$", "⋯": r"$\cdots$",
    "≡": r"$\equiv$", "≲": r"$\lesssim$", "∣": r"$\mid$", "⟨": r"$\langle$",
    "⟩": r"$\rangle$", "°": r"$^\circ$", "µ": r"$\mu$", "\u00a0": "~",
    **{ch: f"$^{d}$" for ch, d in zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789", strict=True)},
    **{ch: f"$_{d}$" for ch, d in zip("₀₁₂₃₄₅₆₇₈₉", "0123456789", strict=True)},
    "⁺": r"$^+$", "₊": r"$_+$", "₋": r"$_-$", "ₙ": r"$_n$", "ₜ": r"$_t$", "ₖ": r"$_k$",
}
# a combining accent after a letter: the math accent over that letter
_TEX_ACCENTS = {0x0302: "hat", 0x0304: "bar", 0x0303: "tilde", 0x0307: "dot", 0x0308: "ddot",
                0x0301: "acute", 0x0300: "grave", 0x030C: "check", 0x20D7: "vec"}
# a precomposed accented Latin letter (é, ó, ñ, ...): the text accent
_TEX_TEXT_ACCENTS = {0x0301: "\\'", 0x0300: "\\`", 0x0308: '\\"', 0x0302: "\\^",
                     0x0303: "\\~", 0x0327: "\\c", 0x030C: "\\v", 0x0304: "\\="}
# Greek capitals LaTeX has commands for (the others look like Latin capitals)
_GREEK_CAPITALS = frozenset({"Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma",
                             "Upsilon", "Phi", "Psi", "Omega"})
# the Latin capitals the other Greek capitals are written as
_GREEK_LOOKALIKE = {"Alpha": "A", "Beta": "B", "Epsilon": "E", "Zeta": "Z", "Eta": "H",
                    "Iota": "I", "Kappa": "K", "Mu": "M", "Nu": "N", "Rho": "P", "Tau": "T",
                    "Chi": "X"}
#: What a character without a LaTeX form becomes (a test keeps claim texts free of it).
UNMAPPED = r"\textbf{[?]}"
_TEX_SPECIAL = {"\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}",
                "^": r"\textasciicircum{}", "<": r"$<$", ">": r"$>$", "|": r"$|$"}


def _tex_char(ch: str) -> str:
    """One character as LaTeX (text mode); :data:`UNMAPPED` when it has no form here."""
    if ch in _TEX_SPECIAL:
        return _TEX_SPECIAL[ch]
    if ch in _TEX_CHARS:
        return _TEX_CHARS[ch]
    if ord(ch) < 128:
        return ch
    parts = unicodedata.normalize("NFD", ch)
    if len(parts) == 2 and parts[0].isascii() and ord(parts[1]) in _TEX_TEXT_ACCENTS:
        return f"{_TEX_TEXT_ACCENTS[ord(parts[1])]}{{{parts[0]}}}"
    # letters named by Unicode: double-struck and script capitals, Greek letters
    name = unicodedata.name(ch, "")
    m = re.fullmatch(r"(?:MATHEMATICAL )?(DOUBLE-STRUCK|SCRIPT) CAPITAL ([A-Z])", name)
    if m:
        return f"$\\{'mathbb' if m[1] == 'DOUBLE-STRUCK' else 'mathcal'}{{{m[2]}}}$"
    m = re.fullmatch(r"GREEK (SMALL|CAPITAL) LETTER ([A-Z]+)", name)
    if m and m[2] == "OMICRON":
        return "o" if m[1] == "SMALL" else "O"
    if m:
        word = "LAMBDA" if m[2] == "LAMDA" else m[2]
        letter = word.lower() if m[1] == "SMALL" else word.capitalize()
        if m[1] == "SMALL" or letter in _GREEK_CAPITALS:
            return f"$\\{letter}$"
        return _GREEK_LOOKALIKE.get(letter, UNMAPPED)
    return UNMAPPED


def _tex_text(text: str) -> str:
    """Plain text (no math) as LaTeX that compiles without extra packages.

    >>> print(_tex_text("p̂ and θ̃, Csiszár, 1–2, x₁₂ ≤ 2⁶ § 5"))
    $\\hat{p}$ and $\\tilde{\\theta}$, Csisz\\'ar, 1--2, x$_1$$_2$ $\\le$ 2$^6$ \\S{} 5
    """
    out = []
    i = 0
    while i < len(text):
        two = text[i:i + 2]
        if two in _TEX_CHARS:
            out.append(_TEX_CHARS[two])
            i += 2
            continue
        ch = text[i]
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if nxt and ord(nxt) in _TEX_ACCENTS:
            base = _tex_char(ch).strip("$")
            out.append(f"$\\{_TEX_ACCENTS[ord(nxt)]}{{{base}}}$")
            i += 2
            continue
        if unicodedata.combining(ch):  # an accent with nothing to sit on
            i += 1
            continue
        out.append(_tex_char(ch))
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
    model = reading.model or "-"  # type: ignore[attr-defined]
    said = "" if claim == own else f"{claim}; "
    return f"{verdict} ({_tex_text(said + 'model ' + model)})"


def _tex_items(items: Iterable[str]) -> list[str]:
    """An itemize list of LaTeX items ('(none)' when empty)."""
    body = [r"\item " + x for x in items] or [r"\item (none)"]
    return [r"\begin{itemize}", *body, r"\end{itemize}"]


def _render_tex(report: Report,
                items: Iterable[tuple[related.Related, related.Reproduction | None]]) -> str:
    out = [
        r"\documentclass[10pt]{article}",
        r"\usepackage{amsmath}",  # part of LaTeX's required bundle: \binom, \substack, ...
        r"\setlength{\textwidth}{6.5in}\setlength{\oddsidemargin}{0in}",
        r"\setlength{\evensidemargin}{0in}\setlength{\topmargin}{-0.5in}",
        r"\setlength{\textheight}{9in}\setlength{\parindent}{0pt}\setlength{\parskip}{4pt}",
        # stand-ins for the few commands beyond amsmath (amssymb, mathtools) the texts use
        r"\providecommand{\mathbb}[1]{\mathbf{#1}}\providecommand{\text}[1]{\mbox{#1}}",
        r"\providecommand{\tfrac}[2]{{\textstyle\frac{#1}{#2}}}",
        r"\providecommand{\dfrac}[2]{{\displaystyle\frac{#1}{#2}}}",
        r"\providecommand{\operatorname}[1]{\mathrm{#1}}",
        r"\providecommand{\lesssim}{\mathrel{\lower.5ex\hbox{$\stackrel{<}{\sim}$}}}",
        r"\providecommand{\varnothing}{\emptyset}\providecommand{\coloneqq}{\mathrel{:=}}",
        r"\begin{document}\sloppy",
        r"\section*{Referee report: Zenil, arXiv:2601.05280}",
        _tex_text(f"Paper: {PAPER}. Written by collapse-check report from one run of the "
                  f"{'deep' if report.deep else 'fast'} tier of the checks; every verdict and "
                  "number below comes from that run, except the recomputed published numbers "
                  "of the related results, which the report command computes itself (exact "
                  "arithmetic). ") + _tex_text(_run_line(report)),
        r"\subsection*{Summary: two verdicts per statement}",
        _tex_text("As written: the statement taken whole, in the paper's model and hypotheses, "
                  "read charitably. Holds: the strongest precise statement established. Each "
                  "names the claim that decides it and the model it is decided in."),
        r"\begin{small}",
        r"\begin{tabular}{p{1.2in}p{1.8in}p{1.4in}p{1.4in}}",
        r"\textbf{statement} & \textbf{title} & \textbf{as written} & \textbf{holds}\\ \hline",
    ]
    for st in statements(report):
        assert st.as_written is not None and st.holds is not None
        out.append(
            f"{_tex_text(st.claim.id)} & {_tex_text(st.claim.title)} & "
            f"{_tex_reading(st.as_written, st.claim.id)} & "
            f"{_tex_reading(st.holds, st.claim.id)}\\\\"
        )
    out += [r"\end{tabular}", r"\end{small}", r"\subsection*{Refuted as written}"]
    sections = _sections(report)
    for e in sections["refuted"]:
        st, d, r = e.status, e.decider, e.repair
        out.append(r"\paragraph{" + _tex_text(f"{st.claim.id}: {st.claim.title}") + "}")
        lines = []
        if d is not None and d is not st:
            lines.append(_tex_text(f"Decided by {d.claim.id} ({d.claim.title}), model "
                                   f"{d.claim.model or '-'}."))
        check, text = _counterexample(d)
        said = f" (check {check} of {d.claim.id})" if check and d is not None else ""
        lines.append(_tex_text(f"{_refutation_label(d)}{said}: "
                               f"{text or 'see the deciding claim'}"))
        if r is not None:
            lines.append(_tex_text(f"Repaired statement ({r.claim.id}, {r.verdict.value}, "
                                   f"model {r.claim.model or '-'}): ") + _tex(r.claim.statement))
        target = d.claim.id if d else st.claim.id
        lines.append(_tex_text("Reproduce: ") + r"\texttt{" + _tex_text(
            f"collapse-check show {target}") + "}")
        out += _tex_items(lines)
    out.append(r"\subsection*{Holding only in a narrower model or reading}")
    lines = []
    for e in sections["narrower"]:
        st = e.status
        assert st.as_written is not None and st.holds is not None
        narrower = ("another model" if st.holds.model != st.as_written.model
                    else "the same model, a narrower statement")
        title = e.repair.claim.title if e.repair else ""
        lines.append(_tex_text(
            f"{st.claim.id}: as written {st.as_written.verdict.value} (model "
            f"{st.as_written.model or '-'}); holds: {st.holds.claim} ({st.holds.verdict.value}, "
            f"model {st.holds.model or '-'}: {narrower}): {title}"))
    out += _tex_items(lines)
    out.append(r"\subsection*{Readings outside the paper's model or wording (labelled extras)}")
    out += _tex_items(_tex_text(f"{e.status.claim.id} ({e.status.verdict.value}, model "
                                f"{e.status.claim.model or '-'}): {e.status.claim.title}")
                      for e in sections["extras"])
    out.append(r"\subsection*{Without formal content}")
    out += _tex_items(_tex_text(
        f"{e.status.claim.id}: {e.status.claim.title}"
        + (f"; what holds: {e.repair.claim.id} ({e.repair.verdict.value})" if e.repair else ""))
        for e in sections["informal"])
    if sections["open"]:
        out.append(r"\subsection*{Not decided in this run}")
        lines = []
        for e in sections["open"]:
            written = e.status.as_written
            assert written is not None
            lines.append(_tex_text(f"{e.status.claim.id}: {written.verdict.value} "
                                   f"({written.claim}): {e.status.claim.title}"))
        out += _tex_items(lines)
    notes = [st for st in statements(report) if st.as_written and st.as_written.note]
    if notes:
        out.append(r"\subsection*{Conditional verdicts}")
        lines = []
        for st in notes:
            assert st.as_written is not None
            lines.append(_tex_text(f"{st.claim.id} ({st.as_written.verdict.value}): "
                                   f"{st.as_written.note}"))
        out += _tex_items(lines)
    problems = [(st.claim.id, p) for st in report.statuses for p in st.problems]
    if problems:
        out.append(r"\subsection*{Regressions in this run}")
        out.append(_tex_text("Checks whose outcome differs from the one recorded for them: the "
                             "verdicts above are the computed ones, but these need a look."))
        out += _tex_items(_tex_text(f"{cid}: {p}") for cid, p in problems)
    out.append(r"\subsection*{Related results}")
    out.append(_tex_text("Earlier published results a claim restates, generalises or "
                         "contradicts (relation from the claim's side). Tags: unverified, the "
                         "citation is not confirmed in the primary text; secondary, taken from "
                         "summaries. Published numbers are recomputed with the project's "
                         "numerics by the report command (python -m theorems.related prints "
                         "them again)."))
    lines = []
    for item, rep in items:
        tag = f" [{item.tag}]" if item.tag else ""
        redo = "" if rep is None else f" Recomputed: {_redo_text(rep)}."
        lines.append(_tex_text(f"{item.claim}: {item.citation}{tag}; {item.relation}"
                               + (f"; {item.formula}" if item.formula else "") + "." + redo))
    out += _tex_items(lines)
    out.append(r"\subsection*{Reproducing}")
    out.append(r"\begin{verbatim}")
    out.append("collapse-check verify --json > results.json")
    out.append("collapse-check report --from results.json --format tex")
    out.append("python -m theorems.related")
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
