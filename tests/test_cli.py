"""The CLI as a new user meets it: table widths, bad output paths, counts, help texts.

Bad input must give one line on stderr, exit 2, no traceback, and must be refused before any
long work: the tests replace the expensive entry points (the checks, the simulations) by
functions that fail the test if they are reached.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.console import Console

from theorems import cli, registry
from theorems.evaluate import ClaimStatus, Report, count_verdicts, counts_text, fully_checked
from theorems.model import Verdict
from theorems.table import COLUMNS, Column, fit_columns, terminal_width, verdict_table

ROOT = Path(__file__).resolve().parent.parent


# --- helpers ---------------------------------------------------------------------------------

def _fake_report() -> Report:
    """Every registry claim with a verdict and no checks run (no work, for layout tests)."""
    statuses = []
    for i, claim in enumerate(registry.all_claims()):
        st = ClaimStatus(claim)
        st.verdict = [Verdict.PROVED, Verdict.REFUTED, Verdict.SUPPORTED][i % 3]
        st.fully_checked = st.verdict is Verdict.PROVED
        statuses.append(st)
    return Report(statuses, deep=False)


def _render(report: Report, width: int) -> list[str]:
    buffer = io.StringIO()
    Console(file=buffer, width=width, force_terminal=False).print(
        cli.verdict_table(report, width=width)
    )
    return buffer.getvalue().splitlines()


def _run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a command starts running checks or simulations."""

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the command started its work before validating its input")

    monkeypatch.setattr(cli, "evaluate", boom)
    monkeypatch.setattr("theorems.site.evaluate", boom)
    from numerics.loops import SIMULATORS

    for name in SIMULATORS:
        monkeypatch.setattr(f"numerics.loops.{name}.run", boom)
    import numerics.sweep

    monkeypatch.setattr(numerics.sweep, "run_sweep", boom)


def _one_line_error(code: int, err: str) -> None:
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("collapse-check: error: ")
    assert "Traceback" not in err


# --- item 1: the table at 80, 120 and 200 columns ------------------------------------------

@pytest.mark.parametrize("width", [80, 120, 200])
def test_table_fits_the_width(width: int) -> None:
    report = _fake_report()
    lines = _render(report, width)
    assert max(cell_len(line) for line in lines) <= width
    text = "\n".join(lines)
    for st in report.statuses:  # every id is shown whole
        assert re.search(rf"(^|\s){re.escape(st.claim.id)}(\s|$)", text, re.M), st.claim.id
    header = lines[1]
    assert "title" in header
    assert all(c.head(True) in header or c.header in header
               for c in COLUMNS if c.priority >= 85)  # the verdict columns always show


def test_table_at_80_keeps_titles_and_verdicts() -> None:
    report = _fake_report()
    lines = _render(report, 80)
    words = " ".join(lines)
    # titles wrap but every word of every title is there
    from theorems.mathtext import prose_to_unicode

    for st in report.statuses[:20]:
        for word in prose_to_unicode(st.claim.title).split():
            assert word in words
    assert "not shown at this width" in words
    assert "refuted" in words and "proved" in words


def test_table_at_200_shows_every_column_in_full() -> None:
    lines = _render(_fake_report(), 200)
    header = lines[1]
    for col in COLUMNS:
        assert col.header in header
    assert not any("not shown at this width" in line for line in lines)


def test_fit_drops_lowest_priority_first() -> None:
    widths = {"claim": 30, "verdict": 9, "evidence": 20, "tier": 4, "fully": 3, "seconds": 5}
    shown80, compact = fit_columns(COLUMNS, 80, widths=widths)
    assert compact
    kept = {c.key for c in shown80}
    assert {"claim", "verdict", "title"} <= kept
    dropped = [c for c in COLUMNS if c.key not in kept]
    assert all(d.priority < min(c.priority for c in shown80) for d in dropped)


def test_a_new_column_fits_in_the_layout() -> None:
    extra = Column("model", "model", lambda st, c: "idealised", priority=40)
    report = _fake_report()
    _table, dropped = verdict_table(report.statuses, width=200, columns=[*COLUMNS, extra])
    assert not dropped
    _, dropped80 = verdict_table(report.statuses, width=80, columns=[*COLUMNS, extra])
    assert extra in dropped80


def test_width_honours_columns_when_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "123")
    assert terminal_width() == 123
    monkeypatch.delenv("COLUMNS")
    if not sys.stdout.isatty():
        assert terminal_width() == 100


def test_verify_output_at_80_columns_piped() -> None:
    env = {**os.environ, "COLUMNS": "80"}
    proc = subprocess.run(
        [sys.executable, "-m", "theorems.cli", "verify", "eq-16-20", "--quiet", "--jobs", "1"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 80
    # eq-16-20 has seven rows and uses eq-4-5, which runs but is not shown
    shown = registry.resolve(["eq-16-20"])
    table_rows = [ln for ln in lines if re.match(r"^\s*eq-16-20", ln)]
    assert len(table_rows) == len(shown)
    # item 4: the counts cover the rows shown, not the dependencies that ran
    counts = next(ln for ln in lines if ln.startswith("counts:"))
    assert counts.startswith(f"counts: {len(shown)} claims: ")
    numbers = [int(n) for n in re.findall(r"[a-z]+ (\d+)", counts.split(";")[0])]
    assert sum(numbers) == len(shown)


# --- item 4: one definition of counts and "fully checked" ------------------------------------

def _status(cid: str, verdict: Verdict, uses: tuple[str, ...] = (), headline: str | None = None,
            checks: bool = True) -> ClaimStatus:
    from theorems.model import Check, Claim, Method, Strength

    chk = (Check("c", Method.EXACT, Strength.PROOF, lambda: None),) if checks else ()  # type: ignore[arg-type,return-value]
    claim = Claim(cid, cid, "", "", uses=uses, headline=headline, checks=chk)
    return ClaimStatus(claim, verdict=verdict)


def test_fully_checked_follows_the_headline() -> None:
    # a parent without checks of its own is only as fully checked as its headline
    sts = {s.claim.id: s for s in [
        _status("p", Verdict.PROVED, headline="p/h", checks=False),
        _status("p/h", Verdict.PROVED, uses=("q",)),
        _status("q", Verdict.SUPPORTED),
    ]}
    assert fully_checked("q", sts) is False
    assert fully_checked("p/h", sts) is False
    assert fully_checked("p", sts) is False
    sts["q"].verdict = Verdict.CERTIFIED
    assert fully_checked("p", sts) is True


def test_fully_checked_unknown_when_a_dependency_did_not_run() -> None:
    sts = {"a": _status("a", Verdict.PROVED, uses=("b",))}
    assert fully_checked("a", sts) is None
    sts["c"] = _status("c", Verdict.PROVED, uses=("b", "d"))
    sts["d"] = _status("d", Verdict.REFUTED)
    assert fully_checked("c", sts) is False  # known to fail whatever b is


def test_fully_checked_cycle_is_not_fully_checked() -> None:
    sts = {"a": _status("a", Verdict.PROVED, uses=("b",)),
           "b": _status("b", Verdict.PROVED, uses=("a",))}
    assert fully_checked("a", sts) is False


def test_counts_one_function_everywhere() -> None:
    report = _fake_report()
    shown = {c.id for c in registry.resolve(["thm-5"])}
    counts = report.counts(shown)
    assert sum(v for k, v in counts.items() if k != "fully checked") == len(shown)
    assert report.to_json(shown)["counts"] == counts == count_verdicts(report.shown(shown))
    assert counts_text(report.shown(shown)).startswith(f"{len(shown)} claims: ")


def test_eq_16_20_is_fully_checked_only_with_its_headline() -> None:
    # the registry's claims with their recorded verdicts (no checks run)
    statuses = {}
    for claim in registry.all_claims():
        verdict = claim.expected or (Verdict.INFORMAL if claim.informal else Verdict.PENDING)
        statuses[claim.id] = ClaimStatus(claim, verdict=verdict)
    for claim in registry.all_claims():
        if not claim.checks and claim.headline:
            statuses[claim.id].verdict = statuses[claim.headline].verdict
    for cid, st in statuses.items():
        if not st.claim.checks and st.claim.headline:
            assert fully_checked(cid, statuses) == fully_checked(st.claim.headline, statuses) \
                or not fully_checked(cid, statuses), cid
    eq = registry.get("eq-16-20")
    if not eq.checks and eq.headline:
        assert fully_checked("eq-16-20", statuses) == fully_checked(eq.headline, statuses)


def test_pytest_subset_does_not_overwrite_the_status_file(tmp_path: Path) -> None:
    status = tmp_path / "status.json"
    status.write_text("{}\n")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "0",
         f"--status-json={status}", "tests/test_claims.py", "-k", "thm-5 and sharp"],
        capture_output=True, text=True, cwd=ROOT, timeout=600, check=False,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert status.read_text() == "{}\n"
    partial = tmp_path / "status.partial.json"
    assert partial.exists()
    assert "status.partial.json" in proc.stdout


# --- item 3: output paths checked before any work --------------------------------------------

BAD_OUTPUTS = [
    ["simulate", "categorical", "--plot", "/proc/x.png"],
    ["simulate", "categorical", "--plot", "{tmp}/plot.txt"],
    ["simulate", "gaussian", "--out", "{tmp}"],
    ["simulate", "verifier", "--out", "{tmp}/missing/x.csv"],
    ["simulate", "ensemble", "--plot", "{tmp}/missing/x.png"],
    ["simulate", "programs", "--plot", "{tmp}/file.txt/x.png"],
    ["simulate", "programs", "--out", "/proc/x.csv"],
    ["docs", "--out", "/proc/site"],
    ["docs", "--out", "{tmp}/file.txt"],
    ["verify", "--status", "/nonexistent/dir/s.json"],
    ["verify", "--status", "/proc/s.json"],
    ["verify", "--status", "{tmp}"],
    ["sweep", "--out", "/proc/x.csv"],
    ["sweep", "--out", "{tmp}/table.txt"],
    ["sweep", "--plot", "{tmp}/phase.txt"],
    ["sweep", "--plot", "{tmp}"],
]


@pytest.mark.parametrize("argv", BAD_OUTPUTS, ids=lambda a: " ".join(a))
def test_bad_output_path_is_refused_up_front(
    argv: list[str], tmp_path: Path, no_work: None, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "file.txt").write_text("x")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code, _out, err = _run_main(argv, capsys)
    _one_line_error(code, err)


def test_plot_without_extension_gets_png_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = _run_main(
        ["simulate", "categorical", "--generations", "3", "--replicates", "2", "--quiet",
         "--plot", str(tmp_path / "noext"), "--out", str(tmp_path / "table")], capsys)
    assert code == 0
    assert (tmp_path / "noext.png").is_file() and not (tmp_path / "noext").exists()
    assert (tmp_path / "table.csv").is_file()
    assert f"wrote {tmp_path / 'noext.png'}" in out
    assert f"wrote {tmp_path / 'table.csv'}" in out


def test_plot_formats_come_from_matplotlib() -> None:
    from numerics.outputs import output_file, plot_formats

    assert {"png", "pdf", "svg"} <= set(plot_formats())
    assert output_file("x.PDF", "--plot", "plot").suffix == ".PDF"


# --- item 8: --version, defaults in help, no RST markup --------------------------------------

def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib import metadata

    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.strip() == f"collapse-check {metadata.version('collapse-check')}"


def test_profile_prints_wall_and_cpu_and_records_durations(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from theorems import evaluate as ev

    target = tmp_path / "durations.json"
    monkeypatch.setattr(ev, "DURATIONS", target)
    real = ev.run_check

    def marked(check: Any, goal: Any = None) -> Any:  # CPU seconds set apart from wall time
        result = real(check, goal)
        result.seconds, result.cpu_seconds = 7.25, 3.5
        return result

    monkeypatch.setattr(ev, "run_check", marked)
    claim = "prop-9/strict"
    code, out, err = _run_main(["verify", "--profile", "--jobs", "1", "--quiet", claim], capsys)
    assert code == 0, err
    profile = out[out.index("slowest checks"):]
    rows = [line for line in profile.splitlines() if re.match(r"│\s*\d+\.\d\d │", line)]
    recorded = json.loads(target.read_text())
    assert rows and len(rows) == min(10, len(recorded))
    assert all(re.match(r"│\s*7\.25 │\s*3\.50 │", r) for r in rows), rows
    flat = " ".join(profile.split())
    assert f"{7.25 * len(recorded):.1f} s of check time, {3.5 * len(recorded):.1f} s of CPU" in flat
    names = {c.name for c in registry.get(claim).checks if c.tier.value == "fast"}
    assert {f"{claim}::{n}" for n in names} <= set(recorded)
    assert set(recorded.values()) == {7.25}


def _all_helps() -> dict[str, str]:
    parser = cli._build_parser()
    out: dict[str, str] = {"": parser.format_help()}

    def walk(p: Any, prefix: str) -> None:
        for action in p._actions:
            choices = getattr(action, "choices", None)
            if isinstance(choices, dict):
                for name, sub in choices.items():
                    out[f"{prefix}{name}"] = sub.format_help()
                    walk(sub, f"{prefix}{name} ")

    walk(parser, "")
    return out


def test_every_help_shows_defaults_and_no_rst() -> None:
    parser = cli._build_parser()
    helps = _all_helps()
    assert {"verify", "show", "docs", "simulate categorical", "simulate programs"} <= set(helps)
    for name, text in helps.items():
        assert "``" not in text and ":class:" not in text and ":func:" not in text, name

    def check(p: Any, name: str) -> None:
        for action in p._actions:
            choices = getattr(action, "choices", None)
            if isinstance(choices, dict):
                for sub_name, sub in choices.items():
                    check(sub, f"{name} {sub_name}".strip())
                continue
            if not action.option_strings or action.default in (None, False, [], "==SUPPRESS=="):
                continue
            text = p._get_formatter()._expand_help(action)
            assert "default" in text, f"{name} {action.option_strings[0]}: {text}"

    check(parser, "")
    ensemble = helps["simulate ensemble"]
    assert re.search(r"--alpha ALPHA\s+.*default", ensemble.replace("\n", " "))


def test_numerics_docstring_names_real_modules() -> None:
    import importlib

    import numerics

    for name in re.findall(r":mod:`(numerics\.[a-z_.]+)`", numerics.__doc__ or ""):
        importlib.import_module(name)


def test_laboratory_results_have_short_reprs() -> None:
    from numerics.loops import categorical, ensemble, gaussian, programs, verifier

    results = [
        categorical.run(5, 10, 4, 3, seed=1),
        gaussian.run(10, 4, 3, seed=1),
        verifier.run(generations=3, replicates=2),
        ensemble.run(generations=3, replicates=2),
        programs.run(n=10, generations=3, replicates=2),
    ]
    for res in results:
        text = repr(res)
        assert len(text) < 1000 and "\n" not in text, text
        assert text.startswith(type(res).__name__ + "(")


# --- item 5: show prints Unicode math --------------------------------------------------------

def test_show_prints_unicode_not_latex(capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _err = _run_main(["show", "rem-6/fixed-verifier"], capsys)
    assert code == 0
    assert "\\frac" not in out and "\\left" not in out and "\\mathrm" not in out
    assert "\\" not in out
    assert "A₀ TPRᵗ" in out  # \mathrm{TPR} kept apart from A_0
    assert max(cell_len(line) for line in out.splitlines()) <= 100
    # a lemma's name is printed once per step
    for line in out.splitlines():
        if "by lemma: " in line:
            name = line.split("by lemma: ", 1)[1].split(":", 1)[0]
            assert line.count(name) == 1, line


def test_show_pretty_uses_sympys_printer(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run_main(["show", "eq-4-5", "--pretty"], capsys)
    assert code == 0
    assert "─" in out  # a two-dimensional fraction bar
    assert "\\" not in out


def test_trivial_side_condition_says_how_it_was_checked() -> None:
    from theorems.cli import _print_step

    buffer = io.StringIO()
    console = Console(file=buffer, width=100, force_terminal=False)
    step = {"mark": "✓", "latex": "\\text{True} = \\text{True}", "relation": "True = True",
            "justification": "evaluation", "detail": "true by evaluation",
            "note": "$Q_t$ sums to one", "conditions": []}
    _print_step(console, step, "  ", False, condition=True)
    text = buffer.getvalue()
    assert "True = True" not in text and "\\text" not in text
    assert "Qₜ sums to one" in text and "sympy evaluated it to True" in text


def test_multi_letter_symbols_are_upright_in_latex() -> None:
    import sympy as sp

    from proofs import verifiers

    assert sp.latex(verifiers.TPR * verifiers.FPR) in (
        r"\mathrm{FPR} \mathrm{TPR}", r"\mathrm{TPR} \mathrm{FPR}")


# --- item 6: docs --from FILE, bad files refused before any work -----------------------------

@pytest.mark.parametrize("content", [None, "not json", '{"claims": 3}',
                                     '{"claims": [{"id": "thm-5"}]}', "DIR"],
                         ids=["missing", "not-json", "no-list", "partial", "folder"])
def test_docs_from_a_bad_results_file(content: str | None, tmp_path: Path, no_work: None,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "results.json"
    if content == "DIR":
        path.mkdir()
    elif content is not None:
        path.write_text(content)
    code, _out, err = _run_main(["docs", "--from", str(path), "--out", str(tmp_path / "s")],
                                capsys)
    _one_line_error(code, err)
    assert "--from" in err


def test_docs_from_with_deep_is_refused(tmp_path: Path, no_work: None,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = _run_main(["docs", "--deep", "--from", str(tmp_path / "r.json"),
                                 "--out", str(tmp_path / "s")], capsys)
    _one_line_error(code, err)
