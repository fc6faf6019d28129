"""Trust reports: what a claim's verdict rests on, like a proof assistant's list of axioms.

For a claim (and, in :func:`trust_report`, everything it uses) the report lists each lemma
schema of the trust base used (with its citation), each legacy lemma whose side conditions
are not linked to its step, each solver call (z3, cvc5, arb), each kind of sympy
simplification, each shipped table, the checks that count only as sampled or instance
evidence, and whether the claim has a formal goal that its proof-strength checks reach.

>>> from theorems.evaluate import ClaimStatus
>>> from theorems import registry
>>> t = claim_trust(ClaimStatus(registry.get("eq-4-5")))
>>> 'goal' in t and 'lemmas' in t
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from theorems.model import Method, Strength

__all__ = ["claim_trust", "render", "trust_report"]

_METHOD_SOLVER = {Method.Z3: "z3", Method.ARB: "arb"}


def _add(bucket: list[Any], item: Any) -> None:
    if item not in bucket:
        bucket.append(item)


def claim_trust(status: Any) -> dict[str, Any]:
    """The trust summary of one evaluated claim (a :class:`theorems.evaluate.ClaimStatus`)."""
    claim = status.claim
    out: dict[str, Any] = {
        "goal": str(claim.goal) if claim.goal is not None else None,
        "lemmas": [],
        "legacy_lemmas": [],
        "solvers": [],
        "simplifications": [],
        "rules": [],
        "shipped_tables": [],
        "sampling_only": [],
        "checks": [],
        "notes": [],
    }
    comp = getattr(status, "composition", None)
    goal = getattr(status, "goal", claim.goal)
    out["goal"] = str(goal) if goal is not None else None
    out["composition"] = comp.to_json() if comp is not None else None
    if claim.goal is None and claim.checks:
        out["notes"].append("no formal goal: proof-strength checks are not compared with "
                            "a stated goal, and the verdict is at most supported")
    for check, res in status.results:
        label = status.labels.get(check.name, "")
        out["checks"].append({"name": check.name, "method": check.method.value,
                              "strength": check.strength.value,
                              "goal_link": res.goal_link or None, "counts_as": label or None})
        if check.strength is Strength.SAMPLED or check.instance:
            _add(out["sampling_only"], f"{check.name}: {check.description or check.method.value}"
                 + (f" (instance: {check.instance})" if check.instance else ""))
        solver = _METHOD_SOLVER.get(check.method)
        recorded = False
        for item in res.trust:
            kind = item.get("kind")
            recorded = True
            if kind == "lemma":
                _add(out["lemmas"], {"name": item["name"], "citation": item["what"]})
            elif kind == "legacy lemma":
                _add(out["legacy_lemmas"],
                     f"{item['name']}: legacy lemma: side conditions not linked to the step")
            elif kind == "solver":
                _add(out["solvers"], item["name"])
            elif kind == "simplification":
                _add(out["simplifications"], item["name"])
            elif kind == "rule":
                _add(out["rules"], item["name"])
            elif kind == "table":
                _add(out["shipped_tables"], item["what"])
            elif kind == "sampling" and check.strength is Strength.PROOF:
                _add(out["simplifications"], "exact spot checks (in addition)")
        if solver is not None:
            _add(out["solvers"], solver)
        if not recorded and check.strength is not Strength.SAMPLED:
            _add(out["notes"], f"{check.name}: the check records no trust details")
    return out


def trust_report(statuses: Sequence[Any], root: str) -> dict[str, Any]:
    """The trust of ``root`` and of every claim it uses (transitively), merged."""
    by_id = {s.claim.id: s for s in statuses}
    order: list[str] = []
    stack = [root]
    while stack:
        cid = stack.pop()
        if cid in order or cid not in by_id:
            continue
        order.append(cid)
        st = by_id[cid]
        stack.extend(reversed(st.claim.uses))
        if st.claim.headline:
            stack.append(st.claim.headline)
        comp = getattr(st, "composition", None)
        if comp is not None:
            stack.extend(p for p in reversed(comp.parts) if p != st.claim.headline)
    claims = {cid: claim_trust(by_id[cid]) for cid in order}
    merged: dict[str, list[Any]] = {k: [] for k in (
        "lemmas", "legacy_lemmas", "solvers", "simplifications", "rules", "shipped_tables")}
    for t in claims.values():
        for k in merged:
            for item in t[k]:
                _add(merged[k], item)
    return {"claim": root, "verdict": by_id[root].verdict.value, "uses": order[1:],
            "total": merged, "claims": claims}


def render(report: dict[str, Any]) -> str:
    """The trust report as plain text."""
    lines = [f"trust of {report['claim']} (verdict {report['verdict']})"]
    if report["uses"]:
        lines.append("uses: " + ", ".join(report["uses"]))
    tot = report["total"]
    lines.append("lemma schemas:")
    lines += [f"  - {lem['name']} [{lem['citation']}]" for lem in tot["lemmas"]] or ["  (none)"]
    if tot["legacy_lemmas"]:
        lines.append("legacy lemmas:")
        lines += [f"  - {x}" for x in tot["legacy_lemmas"]]
    lines.append("proof rules: " + (", ".join(tot["rules"]) or "(none)"))
    lines.append("solvers: " + (", ".join(tot["solvers"]) or "(none)"))
    lines.append("sympy simplifications: " + (", ".join(tot["simplifications"]) or "(none)"))
    lines.append("shipped tables: " + (", ".join(tot["shipped_tables"]) or "(none)"))
    for cid, t in report["claims"].items():
        lines.append(f"{cid}: goal {t['goal'] or '(none)'}")
        if t.get("composition"):
            comp = t["composition"]
            mark = "checked" if comp["proved"] else "UNPROVED"
            lines.append(f"  composition ({mark}): {comp['note']}")
        for c in t["checks"]:
            extra = f" — {c['counts_as']}" if c["counts_as"] else ""
            lines.append(f"  {c['name']} ({c['method']}, {c['strength']}){extra}")
        for s in t["sampling_only"]:
            lines.append(f"  sampling only: {s}")
        for n in t["notes"]:
            lines.append(f"  note: {n}")
    return "\n".join(lines)
