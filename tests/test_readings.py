"""The readings rule (as written / holds), related results, and the re-decided claims."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
import sympy as sp

from proofs.goal import Goal, relation_atoms
from proofs.smt import prove
from theorems import readings, registry, related
from theorems.model import Claim, Outcome, Verdict
from theorems.readings import derive

V = Verdict


def _goal(name: str) -> Goal:
    y = sp.Symbol("y", real=True)
    return Goal(sp.Ge(sp.Function(f"f_{name}")(y), 0), (y,))


def _family(*subs: tuple[str, str], headline: str | None = None) -> list[Claim]:
    """A claim t with sub-claims t/NAME of the given roles, each with a formal goal."""
    return [Claim("t", "T", "", "", headline=headline)] + [
        Claim(f"t/{name}", name, "", "", role=role, model=f"m-{name}", goal=_goal(name))
        for name, role in subs
    ]


def test_a_proved_conjunction_needs_its_parts_goals() -> None:
    cs = [Claim("t", "T", "", ""), Claim("t/a", "A", "", "", role="part", goal=_goal("a")),
          Claim("t/b", "B", "", "", role="part")]
    r = derive(cs, {"t": V.PENDING, "t/a": V.PROVED, "t/b": V.PROVED})["t"]
    assert r.as_written.verdict is V.SUPPORTED and "no formal goal" in r.as_written.note
    assert "t/b" in r.as_written.note
    # a refuted part decides the conjunction whatever the goals
    r = derive(cs, {"t": V.PENDING, "t/a": V.PROVED, "t/b": V.REFUTED})["t"]
    assert r.as_written.verdict is V.REFUTED


def test_conjunction_is_decided_by_its_worst_part() -> None:
    cs = _family(("a", "part"), ("b", "part"), ("c", "repair"), ("x", "extra"))
    base = {"t": V.PENDING, "t/a": V.PROVED, "t/b": V.PROVED, "t/c": V.PROVED,
            "t/x": V.REFUTED}
    r = derive(cs, base)["t"]
    assert (r.as_written.verdict, r.as_written.claim) == (V.PROVED, "t")  # extras never count
    assert r.holds == r.as_written
    for worst in (V.REFUTED, V.UNDECIDED, V.PENDING):
        r = derive(cs, {**base, "t/b": worst, "t/a": V.SUPPORTED})["t"]
        assert (r.as_written.verdict, r.as_written.claim, r.as_written.model) == (
            worst, "t/b", "m-b")
        assert r.holds.claim == "t/c"
    r = derive(cs, {**base, "t/b": V.CERTIFIED})["t"]
    assert r.as_written.verdict is V.CERTIFIED


def test_informal_parts_are_noted_not_counted() -> None:
    cs = _family(("a", "part"), ("f", "part"))
    r = derive(cs, {"t": V.PENDING, "t/a": V.PROVED, "t/f": V.INFORMAL})["t"]
    assert r.as_written.verdict is V.PROVED and "t/f" in r.as_written.note
    r = derive(cs, {"t": V.PENDING, "t/a": V.INFORMAL, "t/f": V.INFORMAL})["t"]
    assert r.as_written.verdict is V.INFORMAL


def test_headline_and_fallback_to_parent() -> None:
    cs = [*_family(("a", "part"), ("c", "repair")), Claim("s", "S", "", "", headline="t/a"),
          Claim("u", "U", "", "", headline="t")]
    v = {"t": V.PENDING, "t/a": V.REFUTED, "t/c": V.PROVED, "s": V.PENDING, "u": V.PENDING}
    r = derive(cs, v)
    assert (r["s"].as_written.claim, r["s"].holds.claim) == ("t/a", "t/c")
    assert (r["u"].as_written.claim, r["u"].holds.claim) == ("t/a", "t/c")


def test_roles_and_models_are_from_the_vocabularies() -> None:
    for claim in registry.all_claims():
        assert claim.role in readings.ROLES, claim.id
        assert claim.model in readings.MODELS, f"{claim.id}: model {claim.model!r}"
        if claim.role:
            assert claim.parent is not None, claim.id


def test_every_statement_has_parts_or_is_a_leaf() -> None:
    for claim in registry.all_claims():
        subs = [c for c in registry.all_claims() if c.parent == claim.id]
        if claim.parent is None and subs and not claim.informal:
            assert any(c.role == "part" for c in subs), claim.id


# --- the re-decided sub-claims: their lemmas are not vacuous ----------------------------------

def test_finite_sample_bounds_reject_false_variants() -> None:
    p, q, a = sp.symbols("p q alpha", real=True)
    unit = [sp.Le(0, p), sp.Le(p, 1), sp.Le(0, q), sp.Le(q, 1), sp.Le(0, a), sp.Le(a, 1)]
    m = a * p + (1 - a) * q
    assert prove(sp.Le(q**2 - m**2, 2 * a * q), unit).status == "proved"
    assert prove(sp.Le(q**2 - m**2, a * q / 2), unit).status == "refuted"
    assert prove(sp.Le(m**2, a * p**2 + (1 - a) * q**2), unit).status == "proved"
    assert prove(sp.Ge(m**2, a * p**2 + (1 - a) * q**2), unit).status == "refuted"


def test_converse_counterexample_schedule() -> None:
    from theorems.contraction import _squares

    alphas = [_squares(t) for t in range(50)]
    assert [t for t, x in enumerate(alphas) if x] == [0, 1, 4, 9, 16, 25, 36, 49]
    assert all(x in (0, Fraction(1, 2)) for x in alphas)


def test_ensemble_change_bound_rejects_a_false_bound() -> None:
    mu = sp.Symbol("mu", real=True)
    unit = [sp.Le(0, mu), sp.Le(mu, 1)]
    assert prove(sp.Le(4 * mu * (1 - mu) ** 3, sp.Rational(3, 8)), unit).status == "refuted"
    assert prove(sp.Le(4 * mu * (1 - mu) ** 3, sp.Rational(1, 2)), unit).status == "proved"


def test_failed_lemma_is_undecided_not_a_refutation(monkeypatch: pytest.MonkeyPatch) -> None:
    """If a lemma behind a counterexample does not prove, the check must not refute."""
    from proofs.smt import SmtResult
    from theorems import ensembles

    monkeypatch.setattr(ensembles, "_change_bounds",
                        lambda: [("bound", SmtResult("refuted", model={"mu": "1/4"}))])
    assert ensembles._thm8_no_convergence().outcome is Outcome.UNDECIDED


# --- related results -------------------------------------------------------------------------

def test_related_items_name_real_claims() -> None:
    ids = {c.id for c in registry.all_claims()}
    for item in related.ITEMS:
        assert item.claim in ids, item.claim
        assert item.tag in ("", "unverified", "secondary")


def test_related_reproductions_agree_and_can_fail() -> None:
    results = related.reproduce_all()
    assert len(results) >= 10
    assert all(r.ok for _, r in results), [(i.claim, r) for i, r in results if not r.ok]
    assert not related._agree("0.491352", Fraction(491351, 10**6), "x", 6).ok


def test_json_has_both_readings() -> None:
    from theorems.evaluate import evaluate

    report = evaluate(registry.resolve(["lem-7"]))
    data = json.loads(json.dumps(report.to_json()))
    claim = next(c for c in data["claims"] if c["id"] == "lem-7")
    assert claim["as_written"]["verdict"] == "proved" and claim["holds"]["claim"] == "lem-7"
    assert claim["model"] == "idealised"


# --- goals by composition -----------------------------------------------------------------

_x = sp.Symbol("x", positive=True)
_A = Goal(sp.Ge(_x + 1 / _x, 2), (_x,))
_B = Goal(sp.Le(1 - _x, sp.exp(-_x)), (_x,))


def test_a_parent_goal_is_the_conjunction_of_its_parts_goals() -> None:
    cs = [Claim("t", "T", "", ""), Claim("t/a", "A", "", "", role="part", goal=_A),
          Claim("t/b", "B", "", "", role="part", goal=_B),
          Claim("t/f", "F", "", "", role="part", informal=True),  # an assumption: left out
          Claim("t/r", "R", "", "", role="repair")]
    comp = readings.compose(cs, "t")
    assert comp is not None and comp.proved and comp.parts == ("t/a", "t/b")
    assert set(relation_atoms(comp.goal.relation)) == {_A.relation, _B.relation}
    # a headline's goal is passed on; nested parents compose recursively
    cs += [Claim("u", "U", "", "", headline="t")]
    assert readings.compose(cs, "u").goal == comp.goal


def test_a_part_without_a_goal_leaves_the_composition_unproved() -> None:
    cs = [Claim("t", "T", "", ""), Claim("t/a", "A", "", "", role="part", goal=_A),
          Claim("t/b", "B", "", "", role="part")]
    comp = readings.compose(cs, "t")
    assert not comp.proved and comp.missing == ("t/b",) and comp.goal is None
    cs += [Claim("u", "U", "", "", headline="t")]
    assert readings.compose(cs, "u").missing == ("t",)


def test_a_declared_parent_goal_must_follow_from_the_parts() -> None:
    stronger = Goal(sp.And(_A.relation, sp.Le(1 - _x / 2, sp.exp(-_x))), (_x,))
    cs = [Claim("t", "T", "", "", goal=stronger),
          Claim("t/a", "A", "", "", role="part", goal=_A),
          Claim("t/b", "B", "", "", role="part", goal=_B)]
    comp = readings.compose(cs, "t")
    assert comp is not None and not comp.proved and comp.link == "none"
    weaker = Goal(sp.Le(1 - _x, sp.exp(-_x)), (_x,))
    cs[0] = Claim("t", "T", "", "", goal=weaker)
    assert readings.compose(cs, "t").proved


def test_registry_compositions_name_their_parts() -> None:
    claims = registry.all_claims()
    for claim in claims:
        comp = readings.compose(claims, claim.id)
        if claim.checks:
            assert comp is None
        elif comp is not None:
            assert comp.parts and set(comp.parts) <= set(readings.inputs(claim, claims))
            assert comp.proved or comp.missing or comp.link == "none"
