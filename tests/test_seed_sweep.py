"""Deep tier: each simulation check over 20 seed families, failures against their binomial law.

Under family k every ``default_rng(s)`` is ``default_rng([k, s])``. A check declared at
family-wise error rate α fails in each family with probability at most α (fast checks: less,
after the re-run rule), so the number of failed families is stochastically below
Binomial(20, α); the test fails when P(Binomial(20, α) ≥ failures) < 10⁻³, that is at 2
failures of a fast check or 3 of a deep one.
"""

from __future__ import annotations

import pytest

from theorems.sampling import simulation_checks, sweep_check

pytestmark = [pytest.mark.deep, pytest.mark.simulation]

FAMILIES = 20
CHECKS = simulation_checks()


@pytest.mark.parametrize(("claim_id", "check"), CHECKS,
                         ids=[f"{c}:{ch.name}" for c, ch in CHECKS])
def test_failures_over_seed_families_follow_the_declared_rate(claim_id, check) -> None:
    row = sweep_check(claim_id, check, FAMILIES, first=101)  # families the harness does not use
    assert row.binomial_p >= 1e-3, (
        f"{claim_id}:{check.name} failed in families {row.failed} of {FAMILIES}: "
        f"P = {row.binomial_p:.2g} at α = {row.alpha}"
    )
