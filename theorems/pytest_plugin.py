"""pytest plugin: the registry's checks as tests, one claim table at the end, status.json.

Each (claim, check) pair is one test with an id such as ``thm-5/sharp[mpmath]`` and the
marker of its method (``sympy``, ``z3``, ``arb``, ``mpmath``, ``exact``, ``simulation``);
deep-tier checks also carry ``deep`` and run only with ``--deep``. A test fails when its check
errors or gives an outcome other than the one recorded for it; a refuted claim is a finding,
not a failure. Results travel on the test report (so pytest-xdist works); the controller
assembles the verdicts, prints one table, writes the status file and fails the session when a
claim's verdict differs from its recorded expectation.

The status file (``--status-json``, default ``status.json``) is written only by a run in which
every check of the tier ran; a run of some checks (``-k``, ``-m``, a file argument) writes
``status.partial.json`` beside it instead, so a subset never replaces the full record. In a
subset, "fully checked" is unknown (``?``) for a claim whose dependencies did not run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from theorems import registry
from theorems.model import Check, CheckResult, Outcome, Tier

PROPERTY = "collapse_check"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("collapse-check")
    group.addoption("--deep", action="store_true", default=False,
                    help="also run deep-tier checks and tests marked deep")
    group.addoption("--status-json", default="status.json",
                    help="where a full run writes the claim status (default: status.json); "
                         "a run of some checks writes NAME.partial.json beside it")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--deep"):
        return
    skip = pytest.mark.skip(reason="deep tier: run with --deep")
    for item in items:
        if "deep" in item.keywords:
            item.add_marker(skip)


def check_params() -> list[Any]:
    """pytest parameters: one per (claim, check), with ids and markers."""
    params = []
    for claim in registry.all_claims():
        methods = [c.method for c in claim.checks]
        for check in claim.checks:
            suffix = check.method.value
            if methods.count(check.method) > 1:
                suffix += f":{check.name}"
            marks = [getattr(pytest.mark, check.method.value)]
            if check.tier is Tier.DEEP:
                marks.append(pytest.mark.deep)
            params.append(pytest.param(claim.id, check.name, id=f"{claim.id}[{suffix}]",
                                       marks=marks))
    return params


def encode(claim_id: str, check: Check, result: CheckResult) -> tuple[str, str]:
    """The user property that carries one result to the controller."""
    return PROPERTY, json.dumps({
        "claim": claim_id,
        "check": check.name,
        "outcome": result.outcome.value,
        "detail": result.detail,
        "error": result.error,
        "seconds": result.seconds,
        "cpu_seconds": result.cpu_seconds,
        "goal_link": result.goal_link,
        "trust": result.trust,
    })


class _Collector:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.results: dict[str, list[tuple[Check, CheckResult]]] = {}
        self.report: Any = None
        self.full = False
        self.written: Path | None = None
        self.write_error = ""

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "call":
            return
        for key, value in report.user_properties:
            if key != PROPERTY:
                continue
            item = json.loads(value)
            claim = registry.get(item["claim"])
            check = next(c for c in claim.checks if c.name == item["check"])
            result = CheckResult(Outcome(item["outcome"]), item["detail"], error=item["error"],
                                 seconds=item["seconds"], cpu_seconds=item.get("cpu_seconds", 0.0),
                                 trust=item.get("trust", []),
                                 goal_link=item.get("goal_link", ""))
            self.results.setdefault(claim.id, []).append((check, result))

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if not self.results:
            return
        from theorems.evaluate import assemble

        ran = set(self.results)
        # claims whose checks ran, and those without checks whose headline ran
        order = [c for c in registry.all_claims()
                 if c.id in ran or (not c.checks and c.headline in ran)]
        skipped: dict[str, list[Check]] = {}
        for claim in order:
            done = {chk.name for chk, _ in self.results.get(claim.id, [])}
            skipped[claim.id] = [c for c in claim.checks if c.name not in done]
        deep = self.config.getoption("--deep")
        self.report = assemble(order, self.results, skipped, deep)
        path = Path(self.config.getoption("--status-json"))
        if not path.is_absolute():
            path = Path(self.config.rootpath) / path
        self.full = _is_full_run(self.results, deep)
        if not self.full:
            path = partial_path(path)
        self.written = path
        try:
            self.report.write_json(path)
        except OSError as exc:
            self.written = None
            self.write_error = f"could not write the status file {path}: {exc.strerror}"
        problems = [p for s in self.report.statuses for p in s.problems
                    if p.startswith("verdict")]
        if problems and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.report is None:
            return
        import io

        from rich.console import Console

        from theorems.cli import verdict_table
        from theorems.evaluate import counts_text
        from theorems.table import terminal_width

        buffer = io.StringIO()
        console = Console(file=buffer, width=terminal_width(), force_terminal=False)
        console.print(verdict_table(self.report))
        terminalreporter.section("claim verdicts")
        for line in buffer.getvalue().splitlines():
            terminalreporter.write_line(line.rstrip())
        terminalreporter.write_line("counts: " + counts_text(self.report.statuses))
        for s in self.report.statuses:
            for p in s.problems:
                terminalreporter.write_line(f"REGRESSION {s.claim.id}: {p}")
        if self.written is None:
            terminalreporter.write_line(self.write_error)
        elif self.full:
            terminalreporter.write_line(f"status written to {self.written}")
        else:
            terminalreporter.write_line(
                f"some checks did not run: status written to {self.written} (the full "
                "status file is written only when every check of the tier runs)"
            )


def partial_path(path: Path) -> Path:
    """Where a run of some checks writes its status: ``status.json`` → ``status.partial.json``.

    >>> partial_path(Path("out/status.json")).as_posix()
    'out/status.partial.json'
    """
    return path.with_name(f"{path.stem}.partial{path.suffix or '.json'}")


def _is_full_run(results: dict[str, list[tuple[Check, CheckResult]]], deep: bool) -> bool:
    """Whether every registry check of the tier has a result in ``results``."""
    for claim in registry.all_claims():
        done = {chk.name for chk, _ in results.get(claim.id, [])}
        for check in claim.checks:
            if (deep or check.tier is not Tier.DEEP) and check.name not in done:
                return False
    return True


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):  # xdist worker: the controller prints the summary
        return
    config.pluginmanager.register(_Collector(config), "collapse-check-collector")
