"""Test configuration: the collapse-check pytest plugin and shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from theorems import registry
from theorems.evaluate import Report, evaluate

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
