"""The referee report: Markdown and LaTeX from one run; the LaTeX compiles with plain LaTeX."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from theorems import registry
from theorems.report import render


@pytest.fixture(scope="module")
def small_report(report_for):  # type: ignore[no-untyped-def]
    return report_for(["thm-5", "lem-7", "abstract-v1/degenerative"])


def test_markdown_has_both_verdicts_and_the_counterexample(small_report) -> None:  # type: ignore[no-untyped-def]
    text = render(small_report, "md")
    assert "| `thm-5` | " in text and "refuted (`thm-5/converse`)" in text
    assert "proved (`thm-5/converse-diversity`)" in text
    assert "perfect square" in text  # the counterexample comes from the run
    with pytest.raises(ValueError):
        render(small_report, "html")


def test_tex_compiles(small_report, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = render(small_report, "tex")
    assert text.isascii()
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex not installed: the LaTeX output is not compiled here")
    src = tmp_path / "report.tex"
    src.write_text(text)
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", src.name],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]
    assert (tmp_path / "report.pdf").exists()


def test_cli_report_bad_format_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from theorems.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["report", "--format", "html"])
    assert exc.value.code == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


# --- the report against the run it comes from ------------------------------------------------

_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:e-?\d+)?(?![\w])")


def _check(report_text: str, run: dict[str, Any]) -> None:
    """Every verdict of the summary and every number of a counterexample is the run's."""
    claims = {c["id"]: c for c in run["claims"]}
    rows = [line for line in report_text.splitlines() if line.startswith("| `")]
    summary = {}
    for line in rows:
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        if len(cells) == 6:
            summary[cells[0].strip("`")] = cells
    statements = [c for c in run["claims"]
                  if "/" not in c["id"] or c["id"].startswith("abstract-v1/")]
    assert sorted(summary) == sorted(c["id"] for c in statements)
    for entry in statements:
        cells = summary[entry["id"]]
        for reading, cell, model in ((entry["as_written"], cells[2], cells[3]),
                                     (entry["holds"], cells[4], cells[5])):
            assert cell.split()[0] == reading["verdict"], (entry["id"], cell)
            if reading["claim"] != entry["id"]:
                assert f"`{reading['claim']}`" in cell, (entry["id"], cell)
            assert model == (reading["model"] or "-"), (entry["id"], model)
    found = 0
    for line in report_text.splitlines():
        m = re.match(r"- (?:Counterexample|Refutation) \(check `([^`]+)` of `([^`]+)`\): (.*)",
                     line)
        if not m:
            continue
        found += 1
        name, cid, text = m.groups()
        check = next(c for c in claims[cid]["checks"] if c["name"] == name)
        assert check["outcome"] == "refutes", (cid, name)
        detail = check["detail"].replace("|", "\\|")
        for number in _NUMBER.findall(text):
            assert number in detail, (cid, name, number)
    refuted = [c for c in statements if c["as_written"]["verdict"] == "refuted"]
    assert found == len(refuted) > 0


def test_numbers_in_the_report_are_the_runs(small_report) -> None:  # type: ignore[no-untyped-def]
    _check(render(small_report, "md"), small_report.to_json())


def test_the_number_check_can_fail(small_report) -> None:  # type: ignore[no-untyped-def]
    text = render(small_report, "md")
    run = small_report.to_json()
    line = next(x for x in text.splitlines() if x.startswith("- Counterexample (check"))
    head, tail = line.split("): ", 1)
    digits = next(n for n in _NUMBER.findall(tail) if n not in ("2", "1"))
    forged = text.replace(line, head + "): " + tail.replace(digits, digits + "7", 1))
    with pytest.raises(AssertionError):
        _check(forged, run)
    wrong = text.replace("| refuted (`thm-5/converse`) |", "| proved (`thm-5/converse`) |", 1)
    assert wrong != text
    with pytest.raises(AssertionError):
        _check(wrong, run)


def _compile(text: str, tmp_path: Path, name: str = "report") -> None:
    assert text.isascii()
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex not installed: the LaTeX output is not compiled here")
    src = tmp_path / f"{name}.tex"
    src.write_text(text)
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", src.name],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout[-3000:]
    assert (tmp_path / f"{name}.pdf").stat().st_size > 1000
    log = (tmp_path / f"{name}.log").read_text(errors="replace")
    assert "Missing character" not in log


def test_every_claim_text_has_a_latex_form(tmp_path: Path) -> None:
    """Titles, statements, hypotheses, notes, models and related items of every claim: no
    character is left without a LaTeX form, and the whole compiles."""
    from theorems import related
    from theorems.readings import MODELS
    from theorems.report import UNMAPPED, _tex, _tex_text

    body = []
    for claim in registry.all_claims():
        body.append(r"\paragraph{" + _tex_text(f"{claim.id}: {claim.title}") + "}")
        for text in (claim.statement, *claim.hypotheses):
            body.append(_tex(text) + r"\par")
        for text in (claim.location, claim.v1 or "", claim.divergence or ""):
            body.append(_tex_text(text) + r"\par")
    for item in related.ITEMS:
        body.append(_tex_text(f"{item.citation}; {item.relation}; {item.formula}; "
                              f"{item.hypotheses}") + r"\par")
    body += [_tex_text(text) + r"\par" for text in MODELS.values()]
    unmapped = [line for line in body if UNMAPPED in line]
    assert not unmapped, unmapped[:3]
    preamble = render_preamble()
    _compile(preamble + "\n".join(body) + "\n\\end{document}\n", tmp_path, "claims")


def render_preamble() -> str:
    """The report's own preamble (everything up to and including \\begin{document})."""
    from theorems.evaluate import Report

    text = render(Report([], deep=False), "tex")
    return text[: text.index(r"\begin{document}")] + "\\begin{document}\\sloppy\n"


def test_report_from_a_results_file(tmp_path: Path, full_report,  # type: ignore[no-untyped-def]
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """``report --from`` writes md and tex from a ``verify --json`` file without running a
    check; its numbers are the file's, and the full tex compiles."""
    from theorems.cli import main

    path = tmp_path / "results.json"
    path.write_text(json.dumps(full_report.to_json()), encoding="utf-8")
    md, tex = tmp_path / "report.md", tmp_path / "report.tex"
    code = 1 if any(st.problems for st in full_report.statuses) else 0  # exit as verify's
    assert main(["report", "--from", str(path), "--format", "md", "--out", str(md)]) == code
    assert main(["report", "--from", str(path), "--format", "tex", "--out", str(tex)]) == code
    capsys.readouterr()
    text = md.read_text()
    _check(text, json.loads(path.read_text()))
    assert f"read from the results file {path}" in text
    for heading in ("## Summary", "## Refuted as written", "## Holding only in a narrower model",
                    "## Without formal content", "## Related results", "## Reproducing"):
        assert heading in text
    assert "eq-16-20/factors" in text  # eq-16-20 chains the two assumed factors
    _compile(tex.read_text(), tmp_path)
    assert main(["report", "--from", str(tmp_path / "missing.json")]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_letters_named_by_unicode_have_a_latex_form() -> None:
    from theorems.report import UNMAPPED, _tex_text

    assert _tex_text("ℂ 𝒫 ζ Λ Η Ρ") == (r"$\mathbb{C}$ $\mathcal{P}$ $\zeta$ $\Lambda$ H P")
    assert _tex_text("☃") == UNMAPPED  # a character with no form is marked, never dropped


def test_regressions_of_the_run_are_listed(small_report, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import copy

    report = copy.copy(small_report)
    report.statuses = [copy.copy(st) for st in small_report.statuses]
    report.statuses[0].problems = ["demo-check: outcome refutes, expected supports"]
    text = render(report, "md")
    assert "## Regressions in this run" in text and "demo-check: outcome refutes" in text
    if not any(st.problems for st in small_report.statuses):
        assert "Regressions in this run" not in render(small_report, "md")
    _compile(render(report, "tex"), tmp_path)
