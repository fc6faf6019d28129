"""Test configuration: the collapse-check pytest plugin and shared fixtures."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from theorems import registry
from theorems.evaluate import Report, evaluate, report_from
from theorems.model import CheckResult, Tier

pytest_plugins = ["theorems.pytest_plugin"]


def _jobs() -> int:
    """Worker processes for the shared evaluation: the CPUs, at most two."""
    return max(1, min(2, os.cpu_count() or 1))


@pytest.fixture(scope="session")
def full_report(tmp_path_factory: pytest.TempPathFactory,
                worker_id: str) -> Report:
    """Every claim's fast-tier checks, run once per pytest session (the docs tests share it).

    Under pytest-xdist the first worker that asks runs the checks on a process pool and writes
    the results file (``verify --json``'s format) into the session's shared temporary folder;
    the other workers wait for it and read it back with :func:`theorems.results.load_report`,
    which derives every verdict again from the recorded outcomes.
    """
    if worker_id == "master":
        return evaluate(registry.all_claims(), jobs=_jobs())
    try:
        import fcntl
    except ImportError:  # no POSIX file locks: each worker runs the checks itself
        return evaluate(registry.all_claims(), jobs=_jobs())
    from theorems.results import load_report

    shared: Path = tmp_path_factory.getbasetemp().parent
    results = shared / "full-report.json"
    with open(shared / "full-report.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if results.exists():
                return load_report(results)
            report = evaluate(registry.all_claims(), jobs=_jobs())
            report.write_json(results)
            return report
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


_EVERY_CHECK = pytest.StashKey[bool]()


def pytest_collection_finish(session: pytest.Session) -> None:
    """Note whether this session runs ``test_check`` for every fast-tier check."""
    chosen = {
        (item.callspec.params["claim_id"], item.callspec.params["check_name"])
        for item in session.items
        if getattr(item, "originalname", "") == "test_check" and hasattr(item, "callspec")
    }
    every = {(c.id, k.name) for c in registry.all_claims() for k in c.checks
             if k.tier is Tier.FAST}
    session.config.stash[_EVERY_CHECK] = every <= chosen


@pytest.fixture(scope="session")
def shared_results(request: pytest.FixtureRequest) -> dict[tuple[str, str], CheckResult] | None:
    """The fast-tier check results of :func:`full_report`, in a session that runs every check.

    Such a session would otherwise run each check twice: once as its ``test_check`` and once
    in the shared evaluation the docs tests read. There each ``test_check`` asserts on the
    result of the shared evaluation instead, so every check runs once. In a session of some
    checks (``-k``, a file argument) this is None and each test runs its own check.
    """
    if not request.config.stash.get(_EVERY_CHECK, False):
        return None
    report: Report = request.getfixturevalue("full_report")
    return {(st.claim.id, chk.name): res for st in report.statuses for chk, res in st.results}


@pytest.fixture(scope="session")
def report_for(request: pytest.FixtureRequest) -> Callable[[list[str]], Report]:
    """``report_for(ids)`` is ``evaluate(registry.resolve(ids))``: from the results of the
    shared evaluation when this session runs every check (:func:`shared_results`), else by
    running the checks."""

    def make(ids: list[str]) -> Report:
        shared = request.getfixturevalue("shared_results")
        if shared is None:
            return evaluate(registry.resolve(ids), jobs=1)
        return report_from(registry.resolve(ids), shared)

    return make


@pytest.fixture(scope="session")
def thm5_report(report_for: Callable[[list[str]], Report]) -> Report:
    """thm-5 and what it uses, evaluated once per test process (several tests read it)."""
    return report_for(["thm-5"])
