"""Self-mutation: perturb each claim's formal goal and check that its proofs stop proving it.

For every claim with a goal and proof-strength checks, :func:`mutants_of` generates mutants of
the goal automatically: each relation reversed, made strict or non-strict; each numeric
constant perturbed (+1); each exponent shifted by ±1; each factor of a product dropped. Every
proof-strength check of the claim is run (once; a check that takes the goal is run against
each mutant) and the engine asks whether its conclusion reaches the mutant
(:func:`proofs.goal.follows`, as for the real goal). A mutant is

* **killed** when no check concludes it;
* **equivalent-or-weaker** when a check concludes it (the conclusion implies the mutant, e.g.
  ``<`` weakened to ``≤``, shown by the same comparison that links a proof to its goal) and
  no sampled counterexample to the mutant is found;
* **survived** when a check concludes it although exact sampling finds a counterexample to
  the mutant: the engine accepted a false statement (a bug to fix).

>>> import sympy as sp
>>> x = sp.Symbol("x", positive=True)
>>> sorted(d for d, _ in mutants_of(Goal(sp.Le(2, x + 1/x), (x,))))[:3]
['lhs: constant 2 -> 3', 'reverse the relation', 'rhs: exponent -1 -> -2']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sympy as sp

from proofs.goal import Goal, follows, relation_atoms
from theorems.model import Claim, Strength, Tier, run_check

__all__ = ["classify", "mutants_of", "render", "run_mutants"]

_FLIP = {
    sp.LessThan: (sp.GreaterThan, sp.StrictLessThan),
    sp.StrictLessThan: (sp.StrictGreaterThan, sp.LessThan),
    sp.GreaterThan: (sp.LessThan, sp.StrictGreaterThan),
    sp.StrictGreaterThan: (sp.StrictLessThan, sp.GreaterThan),
}


def _expr_variants(e: sp.Basic) -> Iterator[tuple[str, sp.Basic]]:
    """Single-site mutations of an expression (constants, exponents, factors)."""
    if isinstance(e, sp.Number) and e.is_finite:
        yield f"constant {e} -> {e + 1}", e + 1
        return
    if isinstance(e, (sp.Symbol, sp.Indexed, sp.IndexedBase)) or not e.args:
        return
    if isinstance(e, sp.Pow):
        base, ex = e.args
        yield f"exponent {sp.sstr(ex)} -> {sp.sstr(ex + 1)}", sp.Pow(base, ex + 1)
        yield f"exponent {sp.sstr(ex)} -> {sp.sstr(ex - 1)}", sp.Pow(base, ex - 1)
    if isinstance(e, sp.Mul) and len(e.args) >= 2:
        for k, f in enumerate(e.args):
            rest = e.args[:k] + e.args[k + 1:]
            yield f"drop factor {sp.sstr(f)}", sp.Mul(*rest)
    if isinstance(e, (sp.Sum, sp.Product)):
        # mutate the summand and the bounds, never the bound variable itself
        body, *limits = e.args
        for desc, new in _expr_variants(body):
            yield desc, e.func(new, *limits)
        for k, (var, lo, hi) in enumerate(limits):
            for which, val in (("lower", lo), ("upper", hi)):
                for desc, new in _expr_variants(val):
                    lim = (var, new, hi) if which == "lower" else (var, lo, new)
                    yield f"{which} bound: {desc}", e.func(body, *limits[:k], lim,
                                                           *limits[k + 1:])
        return
    if isinstance(e, sp.core.function.AppliedUndef):
        return  # D(0) -> D(1) changes what is named, not the mathematics checked
    for k, arg in enumerate(e.args):
        for desc, new in _expr_variants(arg):
            args = list(e.args)
            args[k] = new
            try:
                yield desc, e.func(*args)
            except Exception:  # an ill-formed rebuild is not a mutant
                continue


def _relation_variants(r: sp.Basic) -> Iterator[tuple[str, sp.Basic]]:
    for cls, (rev, strict) in _FLIP.items():
        if type(r) is cls:
            yield "reverse the relation", rev(r.lhs, r.rhs, evaluate=False)
            yield "strict <-> non-strict", strict(r.lhs, r.rhs, evaluate=False)
    if isinstance(r, sp.Equality):
        yield "= -> <", sp.Lt(r.lhs, r.rhs, evaluate=False)
    if isinstance(r, sp.core.relational.Relational):
        for side in ("lhs", "rhs"):
            for desc, new in _expr_variants(getattr(r, side)):
                lhs, rhs = (new, r.rhs) if side == "lhs" else (r.lhs, new)
                yield f"{side}: {desc}", type(r)(lhs, rhs, evaluate=False)


def mutants_of(goal: Goal) -> list[tuple[str, Goal]]:
    """Every single-site mutant of ``goal``'s relation (one conjunct changed at a time)."""
    atoms = relation_atoms(goal.relation)
    out: list[tuple[str, Goal]] = []
    seen: set[str] = set()
    for k, atom in enumerate(atoms):
        for desc, new in _relation_variants(atom):
            if new is sp.true or new is sp.false:
                continue
            parts = [*atoms[:k], new, *atoms[k + 1:]]
            rel = sp.And(*parts, evaluate=False) if len(parts) > 1 else parts[0]
            key = sp.srepr(rel)
            if key in seen:
                continue
            seen.add(key)
            label = f"conjunct {k + 1}: {desc}" if len(atoms) > 1 else desc
            out.append((label, goal.with_relation(rel)))
    return out


def _counterexample(goal: Goal) -> dict[str, str] | None:
    """An exact sample point (hypotheses satisfied) where the mutant's relation is false."""
    from proofs.derivation import _rel_of, _spot_check

    for atom in relation_atoms(goal.relation):
        try:
            name = _rel_of(atom)
        except ValueError:
            continue
        point = _spot_check(atom.lhs, name, atom.rhs, list(goal.hypotheses))
        if point is not None:
            return {str(k): str(v) for k, v in point.items()}
    return None


def classify(goal: Goal, conclusions: Sequence[Goal]) -> tuple[str, dict[str, Any]]:
    """``killed``, ``equivalent-or-weaker`` or ``survived`` for one mutant."""
    concluded = None
    for c in conclusions:
        link = follows(c, goal)
        if link is not None:
            concluded = link.kind
            break
    if concluded is None:
        return "killed", {}
    cex = _counterexample(goal)
    if cex is not None:
        return "survived", {"link": concluded, "counterexample": cex}
    return "equivalent-or-weaker", {"link": concluded}


def run_mutants(claims: Sequence[Claim]) -> dict[str, Any]:
    """Mutate the goals of ``claims`` and run their proof-strength checks against each."""
    rows: list[dict[str, Any]] = []
    for claim in claims:
        if claim.goal is None:
            continue
        checks = [c for c in claim.checks if c.strength is Strength.PROOF and not c.instance
                  and c.tier is Tier.FAST]
        if not checks:
            continue
        fixed = [run_check(c) for c in checks if not c.takes_goal]
        conclusions = [r.conclusion for r in fixed if r.conclusion is not None]
        for desc, mutant in mutants_of(claim.goal):
            extra = [run_check(c, mutant) for c in checks if c.takes_goal]
            concl = conclusions + [r.conclusion for r in extra if r.conclusion is not None]
            status, info = classify(mutant, concl)
            rows.append({"claim": claim.id, "mutation": desc, "goal": str(mutant),
                         "status": status, **info})
    killed = sum(r["status"] == "killed" for r in rows)
    survived = sum(r["status"] == "survived" for r in rows)
    weaker = sum(r["status"] == "equivalent-or-weaker" for r in rows)
    false_total = killed + survived
    return {
        "mutants": len(rows),
        "killed": killed,
        "survived": survived,
        "equivalent_or_weaker": weaker,
        "kill_rate": round(killed / false_total, 4) if false_total else None,
        "rows": rows,
    }


def render(data: dict[str, Any]) -> str:
    """Plain-text summary: one line per surviving or weaker mutant, then the totals."""
    lines = []
    for r in data["rows"]:
        if r["status"] != "killed":
            lines.append(f"{r['status']:>22}  {r['claim']}: {r['mutation']}  [{r['goal']}]")
    rate = data["kill_rate"]
    lines.append(
        f"{data['mutants']} mutants: {data['killed']} killed, {data['survived']} survived, "
        f"{data['equivalent_or_weaker']} equivalent or weaker; kill rate "
        + (f"{100 * rate:.1f}%" if rate is not None else "n/a")
    )
    return "\n".join(lines)
