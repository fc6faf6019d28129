"""Adapters from back-end results to :class:`theorems.model.CheckResult`.

Each family's checks call a back-end (derivation checker, z3, arb, mpmath, an exact
computation) and hand the result to one of these adapters, so the mapping from "what the
back-end said" to "what the check says about the claim" is written once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sympy as sp

from numerics.precision import CertifyResult, certify_relation
from proofs.derivation import Derivation, Induction
from proofs.goal import Goal
from proofs.smt import SmtResult, prove
from theorems.model import CheckResult, Outcome

__all__ = [
    "certified",
    "from_certify",
    "from_derivation",
    "from_derivations",
    "from_smt",
    "from_smt_all",
    "join",
    "numeric",
    "refuted_by",
    "smt",
    "smt_all",
]


def join(goals: Sequence[Goal]) -> Goal:
    """The conjunction of several established goals (hypotheses and variables merged)."""
    if len(goals) == 1:
        return goals[0]
    rels: list[sp.Basic] = []
    hyps: list[sp.Basic] = []
    variables: list[sp.Basic] = []
    for g in goals:
        rels.append(g.relation)
        hyps += [h for h in g.hypotheses if h not in hyps]
        variables += [v for v in g.variables if v not in variables]
    return Goal(sp.And(*rels, evaluate=False) if len(rels) > 1 else rels[0],
                tuple(variables), tuple(hyps))


def from_derivation(derivation: Derivation) -> CheckResult:
    """SUPPORTS when every step checked and the chain reaches the goal, else UNDECIDED.

    A failing step means the *proof* failed, not that the claim is false, so a derivation
    never refutes a claim.
    """
    return from_derivations([derivation])


def from_derivations(derivations: Iterable[Derivation | Induction]) -> CheckResult:
    """All derivations must check for the result to support the claim.

    The result's conclusion is the conjunction of what the derivations established (each
    derivation's relation under its hypotheses; an induction's ``∀n`` statement), which the
    engine then compares with the claim's goal.
    """
    reports = [d.check() for d in derivations]
    ok = all(r.ok for r in reports)
    detail = "; ".join(r.summary() for r in reports)
    trust: list[dict[str, str]] = []
    for r in reports:
        for item in r.trust():
            if item not in trust:
                trust.append(item)
    conclusion = join([r.established for r in reports]) if ok and reports else None
    return CheckResult(
        Outcome.SUPPORTS if ok else Outcome.UNDECIDED,
        detail,
        data={"derivations": [r.to_json() for r in reports]},
        conclusion=conclusion,
        trust=trust,
    )


def smt(relation: sp.Basic, hypotheses: Sequence[sp.Basic] = (), what: str = "") -> CheckResult:
    """z3 on one relation; a proof concludes exactly that relation under those hypotheses."""
    return smt_all([(what, relation, hypotheses)])


def smt_all(queries: Iterable[tuple[str, sp.Basic, Sequence[sp.Basic]]]) -> CheckResult:
    """Several z3 queries; the conclusion is the conjunction of the relations proved."""
    done = [(what, rel, tuple(hyps), prove(rel, list(hyps))) for what, rel, hyps in queries]
    res = from_smt_all([(what, r) for what, _, _, r in done])
    res.trust = [{"kind": "solver", "name": "z3", "what": sp.sstr(rel)}
                 for _, rel, _, _ in done]
    if res.outcome is Outcome.SUPPORTS:
        res.conclusion = join([Goal(rel, tuple(sorted(rel.free_symbols, key=sp.default_sort_key)),
                                    hyps) for _, rel, hyps, _ in done])
    return res


def from_smt(result: SmtResult, what: str = "") -> CheckResult:
    """proved -> SUPPORTS; confirmed counterexample -> REFUTES; anything else UNDECIDED."""
    return from_smt_all([(what, result)])


def from_smt_all(results: Iterable[tuple[str, SmtResult]]) -> CheckResult:
    """Several z3 queries that together support a claim (all must be proved)."""
    pairs = list(results)
    lines = [f"{what + ': ' if what else ''}{r.summary()}" for what, r in pairs]
    data: dict[str, Any] = {
        "z3": [
            {
                "query": what,
                "status": r.status,
                "model": r.model,
                "side_conditions": r.side_conditions,
                "reason": r.reason,
                "solvers": r.solvers,
                "single_solver": r.single_solver,
            }
            for what, r in pairs
        ]
    }
    if any(r.status == "refuted" and r.confirmed for _, r in pairs):
        return CheckResult(Outcome.REFUTES, "; ".join(lines), data=data)
    if pairs and all(r.status == "proved" for _, r in pairs):
        return CheckResult(Outcome.SUPPORTS, "; ".join(lines), data=data)
    return CheckResult(Outcome.UNDECIDED, "; ".join(lines), data=data)


def from_certify(result: CertifyResult, what: str = "",
                 conclusion: Goal | None = None) -> CheckResult:
    """certified -> SUPPORTS; refuted with witness -> REFUTES; undecided -> UNDECIDED.

    ``conclusion`` is the statement the enclosure establishes when it certifies (the
    interval statement over its box, as a :class:`proofs.goal.Goal` whose hypotheses are the
    box's bounds); the engine compares it with the claim's goal. Without it a certified
    check of a claim with a goal does not count for that goal.
    """
    outcome = {
        "certified": Outcome.SUPPORTS,
        "refuted": Outcome.REFUTES,
    }.get(result.status, Outcome.UNDECIDED)
    detail = f"{what + ': ' if what else ''}arb {result.summary()}"
    return CheckResult(outcome, detail, data={"arb": {"status": result.status,
                                                      "witness": result.witness,
                                                      "boxes": result.boxes,
                                                      "prec": result.prec}},
                       trust=[{"kind": "solver", "name": "arb", "what": what or "enclosure"}],
                       conclusion=conclusion if outcome is Outcome.SUPPORTS else None)


def certified(relation: sp.Basic, box: dict[sp.Symbol, tuple[object, object]], what: str = "",
              *, assume: Sequence[sp.Basic] = (), conditions: Sequence[sp.Basic] = (),
              **options: Any) -> CheckResult:
    """arb on ``relation`` over ``box``; a certification concludes the interval statement.

    The conclusion is ``relation`` for every point of the box where ``assume`` and
    ``conditions`` hold: its hypotheses are the box's bounds, ``assume`` and ``conditions``,
    so it reaches a claim's goal only when the goal's hypotheses include that domain.
    ``options`` go to :func:`numerics.precision.certify_relation`.

    >>> x = sp.Symbol("x", real=True)
    >>> r = certified(sp.Le(1 - x, sp.exp(-x)), {x: ("1/2", 1)})
    >>> r.outcome.value, str(r.conclusion)
    ('supports', 'Implies((x >= 1/2) & (x <= 1), 1 - x <= exp(-x))')
    """
    result = certify_relation(relation, box, assume=assume, conditions=conditions, **options)
    hyps: list[sp.Basic] = []
    for sym, (lo, hi) in box.items():
        hyps += [sp.Ge(sym, sp.Rational(str(lo))), sp.Le(sym, sp.Rational(str(hi)))]
    hyps += [*assume, *conditions]
    variables = tuple(sorted(box, key=sp.default_sort_key))
    return from_certify(result, what, conclusion=Goal(relation, variables, tuple(hyps)))


def numeric(ok: bool, detail: str, **data: Any) -> CheckResult:
    """A numeric or simulation check: SUPPORTS when ``ok``, else UNDECIDED.

    Numeric agreement can support a claim; a numeric disagreement alone is not a confirmed
    counterexample (use :func:`refuted_by` after confirming at higher precision).
    """
    return CheckResult(Outcome.SUPPORTS if ok else Outcome.UNDECIDED, detail, data=dict(data))


def refuted_by(detail: str, **data: Any) -> CheckResult:
    """A confirmed counterexample (exact, or re-confirmed at higher precision)."""
    return CheckResult(Outcome.REFUTES, detail, data=dict(data))
