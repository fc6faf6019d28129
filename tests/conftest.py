"""Test configuration: the collapse-check pytest plugin and shared fixtures."""

from __future__ import annotations

import pytest

from theorems import registry
from theorems.evaluate import Report, evaluate

pytest_plugins = ["theorems.pytest_plugin"]


@pytest.fixture(scope="session")
def full_report() -> Report:
    """Every claim's fast-tier checks, run once per test process (the docs tests share it)."""
    return evaluate(registry.all_claims())
