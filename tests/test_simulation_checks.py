"""Every simulation check rejects a false variant of its theory, at its own size and replicates.

Each check function is an *attempt* (see :mod:`theorems.sampling`) with the theory's key rate
injectable; the false variant runs the same code path with that rate off by the stated amount
and must fail. The re-run rule and the recorded error budget are tested here too.
"""

from __future__ import annotations

import pytest

from theorems import algorithmic as alg
from theorems import ensembles as ens
from theorems import entropy as ent
from theorems import information as info
from theorems import variance as var
from theorems import verifiers as ver
from theorems.model import Method, Outcome, Tier
from theorems.registry import all_claims
from theorems.sampling import FAST_ALPHA, sampled

pytestmark = [pytest.mark.simulation]

A = FAST_ALPHA

# (check function, its registered arguments, the false variant, what the variant gets wrong)
FALSE_VARIANTS = [
    (ent._gini_simulation, dict(seed=11, replicates=16_000), dict(rate_error=0.05),
     "per-step Gini rate off by 5 %"),
    (ent._super_simulation, dict(seed=2024, replicates=20_000), dict(rate_error=0.1),
     "rising probabilities off by 10 %"),
    (info._anchor_simulation, dict(seed=20260105, replicates=6000), dict(epsilon_error=0.1),
     "leaving probability ε_N 10 % too large"),
    (info._anchor_simulation, dict(seed=20260105, replicates=6000), dict(epsilon_error=-0.1),
     "leaving probability ε_N 10 % too small"),
    (var._accumulation_simulation, dict(seed=20260105, replicates=8000),
     dict(known_variance=True), "the claim's known-variance formula"),
    (var._accumulation_simulation, dict(seed=20260105, replicates=8000),
     dict(rate_error=0.1), "Var μ_t off by 10 %"),
    (var._estimators_simulation, dict(seed=4, replicates=4000), dict(swap=True),
     "each estimator against the other's curve"),
    (var._estimators_simulation, dict(seed=4, replicates=4000), dict(rate_error=0.15),
     "rate 1/N off by 15 %"),
    (var._gauss_simulation, dict(seed=2, replicates=16_000), dict(drift_error=0.02),
     "log-variance drift off by 2 %"),
    (ens._ensemble_simulation, dict(seed=20260105, replicates=4000), dict(rate_error=0.1),
     "Σω²/N off by 10 % (α = 0)"),
    (ens._ensemble_simulation, dict(seed=20260105, replicates=4000, schedule="1/5",
                                    generations=30), dict(rate_error=0.1),
     "Σω²/N off by 10 % (α = 1/5)"),
    (ens._ensemble_simulation, dict(seed=20260105, replicates=4000, schedule="1/(t+1)",
                                    generations=30), dict(rate_error=0.1),
     "Σω²/N off by 10 % (α_t = 1/(t+1))"),
    (ens._absorption_simulation, dict(seed=20260105, replicates=4000), dict(rate_error=0.1),
     "absorption rate off by 10 %"),
    (ver._learned_simulation, dict(seed=20260105, replicates=4000), dict(rate_error=0.1),
     "Gini loss 1/N off by 10 %"),
    (alg._laboratory, dict(seed=alg.SEED, replicates=2000, plot=False),
     dict(epsilon_error=0.1), "leaving probability ε_N off by 10 %"),
    (alg._locked_laboratory, dict(seed=alg.SEED, replicates=2000), dict(error=0.15),
     "the MDL learner's exact MSE curve off by 15 %"),
    (alg._d4_sampled, dict(seed=alg.SEED, replicates=20_000), dict(max_steps=3),
     "runs cut at 3 steps"),
]


@pytest.mark.parametrize(("fn", "args", "variant", "what"), FALSE_VARIANTS,
                         ids=[f"{f.__module__.rsplit('.', 1)[1]}-{w}" for f, _, _, w in
                              FALSE_VARIANTS])
def test_false_variant_is_rejected(fn, args, variant, what) -> None:
    """The registered arguments pass with the true theory (tests/test_claims.py runs them)."""
    assert not fn(alpha=A, **args, **variant).passed, what


def test_every_simulation_check_records_its_budget_and_power(full_report) -> None:
    """Every fast simulation check (from the session's run of the checks) records α, the
    comparisons and the stated power."""
    seen = 0
    for status in full_report.statuses:
        claim = status.claim
        for check, res in status.results:
            if check.method is not Method.SIMULATION or check.tier is not Tier.FAST:
                continue
            seen += 1
            assert res.outcome is Outcome.SUPPORTS, (claim.id, res.detail)
            assert res.data["alpha"] == FAST_ALPHA
            assert res.data["family"]["comparisons"] > 0
            assert res.data["detectable_error"] < 1, (claim.id, res.data["power"])
            assert "family-wise α" in res.detail and "power:" in res.detail
    registered = sum(1 for claim in all_claims() for check in claim.checks
                     if check.method is Method.SIMULATION and check.tier is Tier.FAST)
    assert seen == registered >= 13


def test_every_simulation_check_is_an_attempt_with_a_false_variant() -> None:
    """Each registered simulation check's function appears in FALSE_VARIANTS."""
    tested = {f.__name__ for f, _, _, _ in FALSE_VARIANTS}
    for claim in all_claims():
        for check in claim.checks:
            if check.method is Method.SIMULATION:
                fn = check.run.__closure__
                names = {c.cell_contents.__name__ for c in fn or ()
                         if callable(c.cell_contents) and hasattr(c.cell_contents, "__name__")}
                assert names & tested, (claim.id, check.name)


def test_a_failed_fast_check_is_rerun_with_fresh_seed_and_four_times_the_replicates() -> None:
    calls = []

    def attempt(seed: int, replicates: int, alpha: float, wrong: bool = False):
        calls.append((seed, replicates))
        return ens._absorption_simulation(seed, replicates, alpha,
                                          rate_error=0.5 if wrong else 0.0)

    res = sampled(attempt, seed=3, replicates=500, wrong=True)()
    assert res.outcome is Outcome.UNDECIDED
    assert calls == [(3, 500), (3 + 7919, 2000)]
    assert [a["passed"] for a in res.data["attempts"]] == [False, False]
    calls.clear()
    assert sampled(attempt, seed=3, replicates=500)().outcome is Outcome.SUPPORTS
    assert calls == [(3, 500)]
    calls.clear()
    deep = sampled(attempt, seed=3, replicates=500, tier=Tier.DEEP, wrong=True)()
    assert deep.outcome is Outcome.UNDECIDED and len(calls) == 1  # deep checks: no re-run
