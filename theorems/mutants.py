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
from theorems.model import Check, Claim, Outcome, Strength, Tier, run_check

__all__ = ["classify", "mutants_of", "mutate_claim", "render", "run_mutants"]

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
    if isinstance(r, sp.Implies):
        # A ⇒ B: each relation of the consequent B is mutated (the premises stay)
        premise, consequent = r.args
        parts = relation_atoms(consequent)
        for k, desc, body in _part_variants(parts):
            where = f"consequent {k + 1}" if len(parts) > 1 else "consequent"
            yield f"{where}: {desc}", sp.Implies(premise, body, evaluate=False)
        return
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


def _part_variants(parts: Sequence[sp.Basic]) -> Iterator[tuple[int, str, sp.Basic]]:
    """(index, description, the conjunction of ``parts`` with that one part mutated) for each
    single-site mutation of each part; a part that becomes True or False is no mutant."""
    for k, atom in enumerate(parts):
        for desc, new in _relation_variants(atom):
            if new is sp.true or new is sp.false:
                continue
            rest = [*parts[:k], new, *parts[k + 1:]]
            yield k, desc, sp.And(*rest, evaluate=False) if len(rest) > 1 else rest[0]


def mutants_of(goal: Goal) -> list[tuple[str, Goal]]:
    """Every single-site mutant of ``goal``'s relation (one conjunct changed at a time)."""
    atoms = relation_atoms(goal.relation)
    out: list[tuple[str, Goal]] = []
    seen: set[str] = set()
    for k, desc, rel in _part_variants(atoms):
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
        hyps = list(goal.hypotheses)
        targets = [atom]
        if isinstance(atom, sp.Implies):  # A ⇒ B is false where A holds and B does not
            hyps += relation_atoms(atom.args[0])
            targets = relation_atoms(atom.args[1])
        for target in targets:
            try:
                name = _rel_of(target)
            except ValueError:
                continue
            point = _spot_check(target.lhs, name, target.rhs, hyps)
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


def _proof_checks(claim: Claim) -> list[Check]:
    """The claim's fast-tier proof-strength checks that are proofs of its goal (no instances)."""
    return [c for c in claim.checks if c.strength is Strength.PROOF and not c.instance
            and c.tier is Tier.FAST]


def mutate_claim(claim: Claim) -> dict[str, Any]:
    """The mutants of one claim's goal, each classified, and the claim's totals.

    The checks that do not take a goal run once (their conclusion is compared with every
    mutant); a check that takes the goal runs once per mutant. Before any mutant counts, the
    real goal must be concluded by one of the checks (the *baseline*): otherwise every mutant
    would be "killed" by a proof that proves nothing, and the claim's mutants are reported
    as not counted.
    """
    out: dict[str, Any] = {"claim": claim.id, "rows": [], "baseline": None, "note": ""}
    checks = _proof_checks(claim)
    if claim.goal is None or not checks:
        out["note"] = ("no formal goal" if claim.goal is None
                       else "no fast-tier proof-strength check of the goal")
        return out
    fixed = [run_check(c, claim.goal) for c in checks if not c.takes_goal]
    taking = [c for c in checks if c.takes_goal]
    baseline = [r for r in fixed if r.goal_link not in ("", "none")]
    baseline += [r for r in (run_check(c, claim.goal) for c in taking)
                 if r.goal_link not in ("", "none")]
    out["baseline"] = bool(baseline)
    if not baseline:
        out["note"] = "no proof-strength check concludes the real goal: mutants not counted"
        return out
    conclusions = [r.conclusion for r in fixed
                   if r.conclusion is not None and r.outcome is Outcome.SUPPORTS]
    for desc, mutant in mutants_of(claim.goal):
        extra = [run_check(c, mutant) for c in taking]
        concl = conclusions + [r.conclusion for r in extra
                               if r.conclusion is not None and r.outcome is Outcome.SUPPORTS]
        status, info = classify(mutant, concl)
        out["rows"].append({"claim": claim.id, "mutation": desc, "goal": str(mutant),
                            "status": status, **info})
    return out


def _mutate_by_id(claim_id: str) -> dict[str, Any]:
    """:func:`mutate_claim` in a worker process (claims are looked up by id)."""
    from theorems import registry

    return mutate_claim(registry.get(claim_id))


def _totals(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
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
    }


def run_mutants(claims: Sequence[Claim], *, jobs: int = 1) -> dict[str, Any]:
    """Mutate the goals of ``claims`` and run their proof-strength checks against each.

    With ``jobs > 1`` the claims are mutated in that many worker processes (as ``verify``
    runs its checks); the result is the same, in registry order. The kill rate is killed /
    (killed + survived): mutants recognised as equivalent or weaker are not false.
    """
    todo = [c for c in claims if c.goal is not None]
    results: dict[str, dict[str, Any]] = {}
    if jobs > 1 and len(todo) > 1:
        import concurrent.futures as cf

        from theorems.evaluate import pool_context

        with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=pool_context()) as pool:
            futures = {pool.submit(_mutate_by_id, c.id): c for c in todo}
            for fut in cf.as_completed(futures):
                claim = futures[fut]
                try:
                    results[claim.id] = fut.result()
                except Exception:  # a result that cannot cross processes: run it here
                    results[claim.id] = mutate_claim(claim)
    else:
        for c in todo:
            results[c.id] = mutate_claim(c)
    ordered = [results[c.id] for c in todo]
    rows = [r for res in ordered for r in res["rows"]]
    per_claim = {res["claim"]: {**_totals(res["rows"]), "baseline": res["baseline"],
                                "note": res["note"] or None} for res in ordered}
    return {**_totals(rows), "claims": per_claim, "rows": rows}


def render(data: dict[str, Any]) -> str:
    """Plain text: one row per claim, each surviving or weaker mutant, then the totals."""
    lines = [f"{'claim':<34} {'mutants':>7} {'killed':>6} {'weaker':>6} {'survived':>8} "
             f"{'kill rate':>9}"]
    for cid, t in data["claims"].items():
        rate = f"{100 * t['kill_rate']:.1f}%" if t["kill_rate"] is not None else "n/a"
        lines.append(f"{cid:<34} {t['mutants']:>7} {t['killed']:>6} "
                     f"{t['equivalent_or_weaker']:>6} {t['survived']:>8} {rate:>9}"
                     + (f"  ({t['note']})" if t["note"] else ""))
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
