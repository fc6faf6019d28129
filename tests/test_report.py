"""The referee report: Markdown and LaTeX from one run; the LaTeX compiles with plain LaTeX."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from theorems import registry
from theorems.evaluate import evaluate
from theorems.report import render


@pytest.fixture(scope="module")
def small_report():  # type: ignore[no-untyped-def]
    return evaluate(registry.resolve(["thm-5", "lem-7", "abstract-v1/degenerative"]))


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
