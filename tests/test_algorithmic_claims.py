"""False variants of the sec-2-1 (CTM/BDM) and sec-5-5 (algorithmic fix) evidence must fail.

Each test feeds a check, or the checker behind one of its steps, a false variant: a wrong
constant, a dropped factor, a missing hypothesis, a corrupted data file, a wrong step bound, a
reversed ranking. None may be accepted; where the true version is cheap its acceptance is
asserted alongside, so the test also shows the checker is not rejecting everything.
"""

from __future__ import annotations

import json
import shutil
from fractions import Fraction
from types import MappingProxyType

import pytest
import sympy as sp

from numerics import ctm
from numerics import information as inf
from numerics import programs as pg
from proofs import algorithmic as pa
from proofs.derivation import Derivation
from proofs.smt import prove
from theorems import algorithmic as alg
from theorems import registry
from theorems.model import Outcome


def _accepted(d: Derivation) -> bool:
    return d.check().ok


def _rejected(d: Derivation) -> bool:
    """Not accepted, and because a step failed: the false chain still links start to goal."""
    report = d.check()
    return not report.ok and "start and end" not in report.conclusion


def _not_supported(result) -> bool:
    return result.outcome is not Outcome.SUPPORTS


# --- proofs/algorithmic.py: derivations and z3 ----------------------------------------------

def test_ctm_shift_wrong_sign_rejected() -> None:
    assert _accepted(pa.ctm_normalisation_shift())
    assert _rejected(pa.ctm_normalisation_shift(offset=sp.log(pa.H / pa.T, 2)))


@pytest.mark.parametrize("per_block", [pa.c, 2 * pa.c, (pa.m - 1) * pa.c])
def test_bdm_shift_not_a_constant(per_block: sp.Basic) -> None:
    """The offset enters once per distinct block: c, 2c or (m − 1)c instead of m·c fail."""
    assert _accepted(pa.bdm_normalisation_shift())
    assert _rejected(pa.bdm_normalisation_shift(per_block=per_block))


@pytest.mark.parametrize("total", [sp.Rational(1, 2), sp.Integer(2), sp.Rational(3, 4)])
def test_kraft_sum_wrong_value_rejected(total: sp.Basic) -> None:
    assert _accepted(pa.integer_code_kraft())
    assert _rejected(pa.integer_code_kraft(total=total))


@pytest.mark.parametrize("mass", [sp.Integer(2) ** -34, 3 * sp.Integer(2) ** -33,
                                  5 * sp.Integer(2) ** -34])
def test_competitor_mass_wrong_value_rejected(mass: sp.Basic) -> None:
    assert _accepted(pa.competitor_mass())
    assert _rejected(pa.competitor_mass(claimed=mass))


def test_posterior_bound_false_variants_rejected() -> None:
    assert _accepted(pa.posterior_bound())
    # the value at a 36-bit bound does not hold for every bound
    assert _rejected(pa.posterior_bound(claimed=sp.Integer(2) ** 25 / (sp.Integer(2) ** 25 + 1)))
    # with more competing mass the bound fails
    assert _rejected(pa.posterior_bound(mass=3 * sp.Integer(2) ** -30))


@pytest.mark.parametrize("exponent", [pa.N + 1, 2 * pa.N, pa.N / 2])
def test_bhattacharyya_identity_wrong_exponent_rejected(exponent: sp.Basic) -> None:
    assert _rejected(pa.bhattacharyya_identity(exponent=exponent))


def test_bhattacharyya_below_one_needs_distinct_coins() -> None:
    assert all(r.status == "proved" for _, r in pa.bhattacharyya_below_one())
    (_, r), = pa.bhattacharyya_below_one(distinct=False)
    assert r.status == "refuted" and r.confirmed


def test_markov_pointwise_needs_threshold() -> None:
    assert all(r.status == "proved" for _, r in pa.markov_pointwise())
    r = prove(sp.Ge(sp.sqrt(pa.r / pa.cut), 1), [sp.Gt(pa.cut, 0), sp.Ge(pa.r, 0)])
    assert r.status == "refuted" and r.confirmed


def test_constructor_fits_depend_on_the_data() -> None:
    fits = pa.constructor_fits()
    assert fits["lin"] == [{"x": 2, "y": 0}] and not fits["pow"] and not fits["geom"]
    short = pa.constructor_fits((2, 4))
    assert short["pow"] == [{"x": 2}] and short["geom"] == [{"x": 1, "y": 2}]


def test_stationary_distribution() -> None:
    half, quarter = Fraction(1, 2), Fraction(1, 4)
    assert pa.stationary_distribution([[half, half], [quarter, 1 - quarter]]) == [
        Fraction(1, 3), Fraction(2, 3)]
    with pytest.raises(ValueError):  # reducible: every distribution is stationary
        pa.stationary_distribution([[1, 0], [0, 1]])
    with pytest.raises(ValueError):  # not stochastic
        pa.stationary_distribution([[half, half], [half, quarter]])
    assert pa.doeblin_coefficient([[half, half], [quarter, 1 - quarter]]) == Fraction(3, 4)


# --- sec-2-1 checks ----------------------------------------------------------------------------

def test_halting_counts_are_printed() -> None:
    res = alg._machine_counts()
    assert res.outcome is Outcome.SUPPORTS
    lines = res.detail.splitlines()
    for n, halting in ((1, "12"), (2, "3,044"), (3, "2,147,184")):
        assert any(line.startswith(f"D({n}):") and f"{halting} halt" in line for line in lines)
    # D(4) is not in the fast check: it is read from a shipped table there
    assert not any(line.startswith("D(4):") for line in lines)


@pytest.mark.parametrize("bad", [106, 108])
def test_machine_counts_wrong_step_bound(bad: int) -> None:
    bounds = dict(ctm.STEP_BOUNDS)
    bounds[4] = bad
    assert _not_supported(alg._machine_counts(bounds))


def test_oeis_corrupted_prefix() -> None:
    wrong = alg.OEIS_A141474_PREFIX[:50] + ("1" if alg.OEIS_A141474_PREFIX[50] == "0" else "0")
    assert _not_supported(alg._oeis(wrong + alg.OEIS_A141474_PREFIX[51:]))


def test_d4_file_corruption_detected(tmp_path) -> None:
    source = ctm.DATA_DIR / "ctm_d4.json"
    assert alg._d4_file(source).outcome is Outcome.SUPPORTS
    data = json.loads(source.read_text(encoding="utf-8"))
    # move one machine from an output to its reverse: every total still adds up
    s = next(k for k in data["counts"] if k != k[::-1] and k[::-1] in data["counts"])
    data["counts"][s] -= 1
    data["counts"][s[::-1]] += 1
    target = tmp_path / "ctm_d4.json"
    target.write_text(json.dumps(data), encoding="utf-8")
    assert _not_supported(alg._d4_file(target))
    shutil.copy(source, target)
    assert alg._d4_file(target).outcome is Outcome.SUPPORTS


def _swapped_d4(tmp_path, rewrite_digest: bool):
    """The shipped D(4) file with the counts of two palindromes swapped.

    Totals, halting times, mirror symmetry and the normalisation of D(4) are all kept, so
    only the digest, or a recomputation, can tell.
    """
    data = json.loads((ctm.DATA_DIR / "ctm_d4.json").read_text(encoding="utf-8"))
    pals = [k for k in data["counts"] if k == k[::-1]]
    a = pals[0]
    b = next(k for k in pals if data["counts"][k] != data["counts"][a])
    data["counts"][a], data["counts"][b] = data["counts"][b], data["counts"][a]
    if rewrite_digest:
        counts = ctm.shipped_table(4).counts
        swapped = dict(counts.counts)
        swapped[a], swapped[b] = swapped[b], swapped[a]
        fake = ctm.OutputCounts(n=4, max_steps=counts.max_steps,
                                counts=MappingProxyType(swapped), halting=counts.halting,
                                nonhalting=counts.nonhalting,
                                halting_times=counts.halting_times)
        data["sha256"] = ctm.counts_digest(fake)
    target = tmp_path / "ctm_d4.json"
    target.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return target


def test_d4_swap_detected_by_digest(tmp_path) -> None:
    target = _swapped_d4(tmp_path, rewrite_digest=False)
    assert not ctm.shipped_table(4, target).intact
    res = alg._d4_file(target)
    assert _not_supported(res)
    assert "sha256" in res.detail


def test_d4_swap_with_rewritten_digest_passes_integrity_only(tmp_path) -> None:
    """A forger who also rewrites the digest gets past the integrity check (data is not
    proof), which is why that check is below proof strength."""
    target = _swapped_d4(tmp_path, rewrite_digest=True)
    assert ctm.shipped_table(4, target).intact
    assert alg._d4_file(target).outcome is Outcome.SUPPORTS
    strength = {c.name: c.strength.value for c in registry.get("sec-2-1/ctm").checks}
    assert strength["d4-file"] == "sampled" and strength["d4-recompute"] == "proof"


@pytest.mark.deep
@pytest.mark.exact
def test_d4_swap_fails_the_recomputation(tmp_path) -> None:
    assert alg._d4_recompute().outcome is Outcome.SUPPORTS
    for rewrite in (False, True):
        target = _swapped_d4(tmp_path, rewrite_digest=rewrite)
        assert _not_supported(alg._d4_recompute(target))


def test_d4_recompute_rejects_wrong_fresh_counts() -> None:
    """The recomputation check compares digests: D(3)'s counts cannot pass for D(4)'s."""
    assert _not_supported(alg._d4_recompute(fresh=ctm.output_counts(3)))


def test_shipped_table_results_say_so(monkeypatch, tmp_path) -> None:
    res = alg._on_shipped_d4(alg._kraft)()
    assert res.outcome is Outcome.SUPPORTS and "not recomputed" in res.detail
    d4 = [t for t in res.data["tables"] if t["table"].endswith("ctm_d4.json")]
    assert d4 and all(t["recomputed"] == "no" for t in d4)
    target = _swapped_d4(tmp_path, rewrite_digest=False)
    monkeypatch.setattr(ctm, "DATA_DIR", target.parent)
    assert _not_supported(alg._on_shipped_d4(lambda: alg.CheckResult(Outcome.SUPPORTS, "x"))())


def test_d4_sampled_false_variants() -> None:
    """Runs cut at 3 steps (16% of the halting machines lost), or D(3)'s table as reference."""
    assert not alg._d4_sampled(replicates=8000, max_steps=3).passed
    assert not alg._d4_sampled(replicates=20_000, reference=ctm.output_counts(3)).passed


def test_rank_agreement_false_variants() -> None:
    assert _not_supported(alg._rank_agreement(z=100.0))  # a level no correlation can pass
    assert _not_supported(alg._rank_agreement(lengths=(4, 5, 6), n=3))  # D(3) lacks length 6


def test_bdm_without_multiplicity_term_disagrees_with_pybdm() -> None:
    pytest.importorskip("pybdm")
    assert _not_supported(alg._pybdm_agreement(drop_multiplicity=True))


def test_perturbation_of_a_random_string_is_not_always_positive() -> None:
    s = "".join("1" if (7 * j * j + 3 * j) % 11 < 5 else "0" for j in range(96))
    assert _not_supported(alg._perturbation((("irregular", s),)))


def test_bdm_order_kept_for_few_blocks() -> None:
    assert alg._bdm_rank_change(64).outcome is Outcome.SUPPORTS
    assert _not_supported(alg._bdm_rank_change(16))


def test_compression_reversed_estimate_fails() -> None:
    assert _not_supported(alg._compression(transform=lambda v: -v))


# --- sec-5-5 checks ----------------------------------------------------------------------------

def test_even_numbers_needs_four_terms() -> None:
    assert _not_supported(alg._even_numbers((2, 4), max_len=30))
    assert _not_supported(alg._even_numbers((2, 4, 6, 10)))


def test_case_analysis_other_data() -> None:
    assert alg._case_analysis().outcome is Outcome.SUPPORTS
    assert _not_supported(alg._case_analysis((2, 4, 6, 10)))


def test_solver_disagreement_detected(monkeypatch) -> None:
    real = pg.consistent_programs
    monkeypatch.setattr(pg, "consistent_programs", lambda data, max_len: real(data, max_len)[:-1])
    assert _not_supported(alg._solver_vs_enumeration(18))


def test_certified_bound_false_exponent_refuted() -> None:
    res = alg._certified_bound(ns=(50, 100), power=2)
    assert res.outcome is Outcome.REFUTES


def test_lambda_sweep_false_variants(monkeypatch) -> None:
    # λ listed in decreasing order: ε_N of the long truth is then not non-decreasing
    assert _not_supported(alg._lambda_sweep(lams=(Fraction(1), Fraction(0), Fraction(32)),
                                            brute_ns=(2,)))
    # the largest λ too small to hand every sample to the shortest program
    assert _not_supported(alg._lambda_sweep(lams=(Fraction(0), Fraction(1), Fraction(16)),
                                            brute_ns=(2,)))
    # a decision table that disagrees with the samples scored one by one
    real = inf.misidentification_probability
    monkeypatch.setattr(inf, "misidentification_probability",
                        lambda *a, **k: real(*a, **k) * Fraction(101, 100))
    assert _not_supported(alg._lambda_sweep(brute_ns=(2, 4)))


def test_rate_tight_tolerance_fails() -> None:
    assert _not_supported(alg._rate(tolerance=0.001, lams=(Fraction(0),)))


def test_laboratory_shifted_curve_fails() -> None:
    assert not alg._laboratory(generations=40, replicates=400, shift=0.05, plot=False).passed


def test_laboratory_wrong_leaving_probability_fails() -> None:
    """The exact ε_N off by 10 % is rejected at the check's own size and replicates."""
    assert not alg._laboratory(epsilon_error=0.1, plot=False).passed
    assert not alg._laboratory(epsilon_error=-0.1, plot=False).passed


def test_barrier_not_refuted_for_a_deterministic_truth() -> None:
    """If the true program is deterministic, its own samples keep it: no counterexample."""
    progs = (inf.coin(0, 2), inf.coin("1/2", 1))
    assert alg._barrier(progs, 0, (20, 40)).outcome is Outcome.UNDECIDED


def test_barrier_refuted_even_when_the_truth_is_the_shortest_program() -> None:
    res = alg._barrier(alg.CLASS, 1, (40, 100))
    assert res.outcome is Outcome.REFUTES


# --- registry ----------------------------------------------------------------------------------

def test_headlines_and_expectations() -> None:
    assert registry.get("sec-2-1/ctm").role == "part"
    assert registry.get("sec-5-5/barrier").role == "extra"
    for claim in registry.resolve(["sec-2-1", "sec-5-5"]):
        if claim.parent is None:
            assert not claim.checks
        elif not claim.informal:
            assert claim.checks and claim.expected is not None


# --- sec-5-5/locked: the coin model of §5.5.2 --------------------------------------------------

def test_locked_threshold_shifted_is_rejected() -> None:
    assert alg._locked_threshold(ns=(100,), lams=(1,)).outcome is Outcome.SUPPORTS
    for shift in (-1, 1):
        assert _not_supported(alg._locked_threshold(ns=(100,), lams=(1,), shift=shift))


def test_locked_threshold_rule_is_exact() -> None:
    """2^(N+3λ) < 3^(N−k) at the threshold, not one count beyond it."""
    for n, lam in ((20, 0), (100, 1), (200, 2)):
        k = pg.leave_threshold(n, lam)
        assert 2 ** (n + 3 * lam) < 3 ** (n - k)
        assert not 2 ** (n + 3 * lam) < 3 ** (n - k - 1)


@pytest.mark.parametrize("bound", [Fraction(1, 16), Fraction(1, 12)])
def test_locked_long_run_bound_too_small_is_rejected(bound: Fraction) -> None:
    """MSE_∞ = 1/16 + a/8 with a > 0: a bound of 1/16 (or 1/12 at λ = 0) must fail."""
    assert _not_supported(alg._locked_long_run(bound=bound, ns=(20,), lams=(0,)))


def test_locked_bound_at_the_frequency_limit_is_rejected() -> None:
    """The claimed bound must stay below 3/16: a bound of 3/16 fails the strict comparison."""
    assert _not_supported(alg._locked_long_run(bound=Fraction(3, 16), ns=(20,), lams=(0,)))


def test_locked_mse_curve_bound_too_small_is_rejected() -> None:
    assert alg._locked_bounded(generations=50, ns=(20,), lams=(0,)).outcome is Outcome.SUPPORTS
    assert _not_supported(alg._locked_bounded(bound=Fraction(1, 10), generations=50, ns=(20,),
                                              lams=(0,)))


def test_locked_laboratory_detects_a_wrong_curve() -> None:
    good = alg._locked_laboratory(replicates=2000)
    assert good.passed
    assert not alg._locked_laboratory(replicates=2000, error=0.25).passed


def test_frequency_mse_recursion() -> None:
    """v_{t+1} = (1 − 1/N) v_t + θ(1 − θ)/N from v_0 = 0; a wrong rate 1/(N+1) differs."""
    th, n = Fraction(1, 4), 10
    v = Fraction(0)
    for t in range(12):
        assert pg.frequency_mse(th, n, t) == v
        v = (1 - Fraction(1, n)) * v + th * (1 - th) / n
    assert pg.frequency_mse(th, n, 3) != th * (1 - th) * (1 - (1 - Fraction(1, n + 1)) ** 3)


# --- the binomial-theorem schema and the formal goals of the family ---------------------------

_nn = sp.Symbol("n", integer=True, nonnegative=True)
_kk = sp.Symbol("k", integer=True, nonnegative=True)
_aa, _bb = sp.symbols("a b", positive=True)


def _binomial_step(term: sp.Basic, lo: int = 0, power: sp.Basic = _nn) -> bool:
    from proofs.derivation import Step, Use
    from proofs.lemmas import BINOMIAL_THEOREM

    start = sp.Sum(term, (_kk, lo, _nn))
    d = Derivation("binomial", start, [Step("=", (_aa + _bb) ** power,
                                             Use(BINOMIAL_THEOREM, bind={"g": term, "a": _aa,
                                                                         "b": _bb}))],
                   goal=(start, "=", (_aa + _bb) ** power))
    return d.check().ok


def test_binomial_schema_accepts_the_theorem() -> None:
    assert _binomial_step(sp.binomial(_nn, _kk) * _aa**_kk * _bb ** (_nn - _kk))


@pytest.mark.parametrize(
    ("term", "lo", "power"),
    [
        (sp.binomial(_nn, _kk) * _aa**_kk * _bb ** (_nn - _kk), 0, _nn + 1),  # shifted exponent
        (sp.binomial(_nn, _kk) * _aa**_kk * _bb ** (_nn - _kk), 1, _nn),  # wrong base index
        (sp.binomial(_nn, _kk) * _aa**_kk * _bb ** (_nn - _kk + 1), 0, _nn),  # wrong term
        (_aa**_kk * _bb ** (_nn - _kk), 0, _nn),  # dropped factor C(n, k)
    ],
)
def test_binomial_schema_rejects_false_instances(term: sp.Basic, lo: int, power: sp.Basic) -> None:
    assert not _binomial_step(term, lo, power)


def _goal_mutant_rejected(claim_id: str, check_name: str, relation: sp.Basic) -> bool:
    """The check's conclusion does not reach the goal with ``relation`` in place of its own."""
    from proofs.goal import follows
    from theorems.model import run_check

    claim = registry.get(claim_id)
    check = next(c for c in claim.checks if c.name == check_name)
    result = run_check(check, claim.goal)
    assert result.goal_link != "none"  # the real goal is concluded
    return follows(result.conclusion, claim.goal.with_relation(relation)) is None


def test_normalisation_goal_mutants_fail() -> None:
    ctm_rel = pa.ctm_normalisation_shift().relation
    bdm_rel = pa.bdm_normalisation_shift().relation
    shifted = sp.Eq(bdm_rel.lhs, bdm_rel.rhs - pa.c)  # (m − 1)c: the constant dropped once
    reversed_sign = sp.Eq(ctm_rel.lhs, -sp.log(pa.D, 2) - sp.log(pa.T / pa.H, 2))
    for rel in (sp.And(ctm_rel, shifted, evaluate=False),
                sp.And(reversed_sign, bdm_rel, evaluate=False),
                sp.Eq(bdm_rel.lhs, bdm_rel.rhs - pa.m * pa.c + pa.c)):
        assert _goal_mutant_rejected("sec-2-1/normalisation", "shift", rel)


def test_support_goal_mutants_fail() -> None:
    kraft = pa.integer_code_kraft().relation
    mass = pa.competitor_mass().relation
    bound = pa.posterior_bound().relation
    two = sp.Integer(2)
    for rel in (
        sp.And(kraft, sp.Eq(mass.lhs, 3 * two**-33), bound, evaluate=False),  # perturbed mass
        sp.And(kraft, mass, sp.Ge(bound.lhs, two**25 / (two**25 + 2)), evaluate=False),
        sp.And(sp.Eq(kraft.lhs, sp.Rational(1, 2)), mass, bound, evaluate=False),
        sp.And(kraft, mass, sp.Le(bound.lhs, bound.rhs), evaluate=False),  # reversed
    ):
        assert _goal_mutant_rejected("sec-5-5/support-expansion", "prior-mass", rel)
