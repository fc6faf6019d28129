"""The executable paper: every check of every claim in the registry, as a test.

A refuted claim is a finding, not a failure. A test fails when its check raises, or when the
outcome differs from the one recorded for the check (a regression). In a session that runs
every check, each test reads its check's result from the one shared evaluation of all claims
(``full_report`` in conftest.py) rather than running the check a second time.
"""

from __future__ import annotations

import pytest

from theorems import registry
from theorems.model import run_check
from theorems.pytest_plugin import check_params, encode


@pytest.mark.parametrize(("claim_id", "check_name"), check_params())
def test_check(claim_id: str, check_name: str, record_property, shared_results) -> None:
    claim = registry.get(claim_id)
    check = next(c for c in claim.checks if c.name == check_name)
    # in a run of every check, the shared evaluation ran this one (see conftest.py)
    shared = (shared_results or {}).get((claim_id, check_name))
    result = shared if shared is not None else run_check(check, claim.goal)
    record_property(*encode(claim_id, check, result))
    assert result.error is None, f"check errored: {result.error}"
    if check.expect is not None:
        assert result.outcome is check.expect, (
            f"outcome {result.outcome.value}, expected {check.expect.value}: {result.detail}"
        )


# --- false variants of the finite-sample thm-5 goals must fail to prove --------------------------

def test_thm5_diversity_bounds_reject_false_variants() -> None:
    import sympy as sp

    from proofs import contraction as pf

    assert pf.mixture_diversity_lower().check().ok
    assert not pf.mixture_diversity_lower(weight=1 + pf.alpha).check().ok  # perturbed weight
    assert not pf.mixture_diversity_lower(weight=sp.Integer(1)).check().ok  # dropped factor
    assert pf.mixture_diversity_upper().check().ok
    assert not pf.mixture_diversity_upper(factor=1).check().ok  # perturbed constant
    assert not pf.mixture_diversity_upper(factor=pf.alpha).check().ok  # shifted exponent of α


def test_thm5_goal_mutants_are_not_concluded() -> None:
    import sympy as sp

    from proofs import contraction as pf
    from proofs.goal import follows
    from theorems import evidence as ev

    lower = ev.from_derivations([pf.mixture_diversity_lower()]).conclusion
    rel = pf.CONVERSE_DIVERSITY_GOAL.relation
    for bad in (sp.Ge(rel.lhs, rel.rhs), sp.Lt(rel.lhs, rel.rhs),
                sp.Le(rel.lhs, rel.rhs - pf.alpha * pf._sq_sum(pf.p_[pf.x] ** 2) / 2)):
        assert follows(lower, pf.CONVERSE_DIVERSITY_GOAL.with_relation(bad)) is None
    upper = ev.from_derivations([pf.mixture_diversity_upper(), pf.limsup_step()]).conclusion
    bound, limsup = pf.VANISHING_GOAL.relation.args if isinstance(
        pf.VANISHING_GOAL.relation.args[0], sp.LessThan) else reversed(
        pf.VANISHING_GOAL.relation.args)
    for bad in (sp.And(sp.Le(bound.lhs, bound.rhs / 2), limsup, evaluate=False),
                sp.And(bound, sp.Eq(limsup.lhs, 1), evaluate=False)):
        assert follows(upper, pf.VANISHING_GOAL.with_relation(bad)) is None
