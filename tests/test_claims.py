"""The executable paper: every check of every claim in the registry, as a test.

A refuted claim is a finding, not a failure. A test fails when its check raises, or when the
outcome differs from the one recorded for the check (a regression).
"""

from __future__ import annotations

import pytest

from theorems import registry
from theorems.model import run_check
from theorems.pytest_plugin import check_params, encode


@pytest.mark.parametrize(("claim_id", "check_name"), check_params())
def test_check(claim_id: str, check_name: str, record_property) -> None:
    claim = registry.get(claim_id)
    check = next(c for c in claim.checks if c.name == check_name)
    result = run_check(check, claim.goal)
    record_property(*encode(claim_id, check, result))
    assert result.error is None, f"check errored: {result.error}"
    if check.expect is not None:
        assert result.outcome is check.expect, (
            f"outcome {result.outcome.value}, expected {check.expect.value}: {result.detail}"
        )
