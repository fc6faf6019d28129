"""SMT proofs decided by two solvers: prove a real-arithmetic statement, or refute it.

:func:`prove` takes a goal and hypotheses (sympy relations or formula text) and returns an
:class:`SmtResult` whose status is

* ``proved``: z3 *and* cvc5 found the negated goal unsatisfiable under the hypotheses, or z3
  did and cvc5 could not take or finish the query (then ``single_solver`` is true and the
  evidence says why);
* ``refuted``: a solver found a model of the negation and sympy re-checked it exactly (or z3
  evaluated its algebraic model exactly), while no solver proved the goal;
* ``undecided``: anything else: ``unknown``, resource or time limits, a model that could not be
  confirmed, inconsistent hypotheses (the proof would be vacuous), or the two solvers
  disagreeing (one ``unsat``, the other ``sat``), reported with both answers.

``solvers`` holds each solver's answer and time on the main query.

Well-definedness: every term's domain condition (denominator ≠ 0, radicand ≥ 0, log argument
> 0, ...; recorded on the unsimplified text when the goal is text) that the hypotheses do not
already imply is added as a hypothesis and reported in ``side_conditions``: the goal is proved
where it is defined, and a counterexample is a point where every term is defined. sympy symbol
assumptions (positive, nonnegative, integer, ...) become hypotheses. log, exp and other
transcendental functions are rejected with :class:`numerics.errors.EncodingError` (use the arb
certifier for those).

>>> prove("x*(1-x) <= 1/4", ["0 < x", "x < 1"]).status
'proved'
>>> r = prove("x**2 >= x", ["x > 0"])
>>> r.status, r.confirmed
('refuted', True)
>>> prove("(x**2 - 1)/(x - 1) == x + 1").side_conditions
['x - 1 != 0']
>>> prove("x/x == 1").side_conditions
['x != 0']
>>> sorted(prove("x > 0").solvers)
['cvc5', 'z3']
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from proofs import cvc5_backend, z3_backend
from proofs.backend import Query, SolverAnswer
from proofs.formula import condition_text, domain_conditions, parse_statement

__all__ = ["DEFAULT_RLIMIT", "DEFAULT_TIMEOUT_MS", "SmtResult", "prove"]

#: z3's deterministic resource limit per query (reproducible across runs of one z3 version).
DEFAULT_RLIMIT = z3_backend.DEFAULT_RLIMIT
#: Wall-clock guard per query, in milliseconds.
DEFAULT_TIMEOUT_MS = z3_backend.DEFAULT_TIMEOUT_MS


@dataclass
class SmtResult:
    """Outcome of one SMT query, decided by z3 and cvc5."""

    status: str  # "proved" | "refuted" | "undecided"
    reason: str = ""
    model: dict[str, str] = field(default_factory=dict)
    side_conditions: list[str] = field(default_factory=list)
    confirmed: bool = False
    seconds: float = 0.0
    solvers: dict[str, dict[str, Any]] = field(default_factory=dict)
    single_solver: bool = False

    def summary(self) -> str:
        parts = [self.status + (" (single solver)" if self.single_solver else "")]
        if self.model:
            parts.append("counterexample " + ", ".join(f"{k} = {v}" for k, v in self.model.items()))
        if self.side_conditions:
            parts.append("under added side conditions " + ", ".join(self.side_conditions))
        if self.reason:
            parts.append(self.reason)
        elif self.solvers:
            parts.append(", ".join(f"{name} {a['answer']} {a['seconds']:.2f} s"
                                   for name, a in self.solvers.items()))
        return "; ".join(parts)


def _as_parsed(x: sp.Basic | str) -> tuple[list[sp.Basic], list[sp.Basic]]:
    """Relations and domain conditions (text: recorded before sympy simplifies)."""
    if isinstance(x, str):
        p = parse_statement(x)
        rels, conds = p.relations, list(p.conditions)
    else:
        rels, conds = [x], []
    for r in rels:
        for c in domain_conditions(r):
            if c not in conds:
                conds.append(c)
    return rels, conds


def _confirm(goal: list[sp.Basic], hyps: list[sp.Basic], values: dict[str, Any]) -> bool:
    """Re-check a rational counterexample exactly in sympy: hypotheses true, goal false."""
    symbols = {s for r in [*goal, *hyps] for s in r.free_symbols}
    subs: dict[sp.Symbol, sp.Expr] = {}
    for s in symbols:
        v = values.get(s.name)
        if v is None:
            return False
        subs[s] = v

    def truth(rel: sp.Basic) -> bool | None:
        if isinstance(rel, sp.core.relational.Relational):
            val = rel.func(rel.lhs.subs(subs), rel.rhs.subs(subs))  # evaluated exactly
        elif isinstance(rel, (sp.And, sp.Or, sp.Not)):
            parts = [truth(a) for a in rel.args]
            if any(p is None for p in parts):
                return None
            val = rel.func(*[sp.true if p else sp.false for p in parts])
        else:
            val = rel.subs(subs)
        if val in (sp.true, sp.false):
            return bool(val)
        return None  # an exact comparison sympy could not settle: not confirmed

    if any(truth(h) is not True for h in hyps):
        return False
    return any(truth(g) is False for g in goal)


def prove(
    goal: sp.Basic | str,
    hypotheses: Iterable[sp.Basic | str] = (),
    *,
    rlimit: int = DEFAULT_RLIMIT,
    timeout_ms: int = DEFAULT_TIMEOUT_MS,
    conditions: Sequence[sp.Basic] = (),
    cvc5_rlimit: int = cvc5_backend.DEFAULT_RLIMIT,
    cvc5_timeout_ms: int | None = None,
) -> SmtResult:
    """Prove ``goal`` under ``hypotheses`` with z3 and cvc5, or refute it with a checked model.

    ``conditions`` are extra domain conditions of the goal (e.g. recorded by the parser before
    simplification). Never raises for solver trouble: ``unknown``, resource exhaustion,
    timeouts and solver exceptions all come back as ``undecided`` with the reason. A
    statement z3 cannot encode (log, exp, floats, ...) raises :class:`EncodingError`.
    """
    start = time.perf_counter()
    goal_rels, goal_conds = _as_parsed(goal)
    for c in conditions:
        if c not in goal_conds:
            goal_conds.append(c)
    hyp_rels: list[sp.Basic] = []
    hyp_conds: list[sp.Basic] = []
    for h in hypotheses:
        rels, conds = _as_parsed(h)
        hyp_rels.extend(rels)
        hyp_conds.extend(c for c in conds if c not in hyp_conds)
    # a hypothesis is read where its own terms are defined
    base = [*hyp_rels, *hyp_conds]
    z3_backend.encodable([*goal_rels, *goal_conds, *base])
    z3_ms = timeout_ms
    cv_ms = cvc5_timeout_ms if cvc5_timeout_ms is not None else min(
        timeout_ms, cvc5_backend.DEFAULT_TIMEOUT_MS)

    def z3(q: Query) -> SolverAnswer:
        return z3_backend.solve(q, rlimit=rlimit, timeout_ms=z3_ms)

    def finish(result: SmtResult) -> SmtResult:
        result.seconds = time.perf_counter() - start
        return result

    # which well-definedness conditions do the hypotheses not already imply?
    added: list[sp.Basic] = []
    for cond in goal_conds:
        if z3(Query(base, [cond])).answer != "unsat":
            added.append(cond)
    side = [condition_text(c) for c in added]
    hyps = [*base, *added]
    consistent = z3(Query(hyps))
    if consistent.answer == "unsat":
        return finish(SmtResult(
            "undecided", "the hypotheses are inconsistent, so any goal would follow vacuously",
            side_conditions=side))
    query = Query(hyps, goal_rels)
    answers = [z3(query),
               cvc5_backend.solve(query, rlimit=cvc5_rlimit, timeout_ms=cv_ms)]
    return finish(_combine(answers, goal_rels, hyps, side))


def _combine(
    answers: list[SolverAnswer], goal: list[sp.Basic], hyps: list[sp.Basic], side: list[str]
) -> SmtResult:
    solvers = {a.solver: a.to_json() for a in answers}
    by = {a.solver: a for a in answers}
    said = "; ".join(a.text() for a in answers)
    confirmed = {}
    for a in answers:
        if a.answer == "sat":
            exact = all(v is not None for v in a.values.values())
            # rational models are re-checked exactly in sympy; irrational (algebraic) ones by
            # z3's exact evaluation of its model, since a decimal cannot satisfy x**3 == 2
            confirmed[a.solver] = _confirm(goal, hyps, a.values) if exact else a.self_checked
    out = SmtResult("undecided", said, side_conditions=side, solvers=solvers)
    unsat = [a.solver for a in answers if a.answer == "unsat"]
    sat = [a.solver for a in answers if a.answer == "sat"]
    if unsat and sat:
        out.reason = f"solver disagreement: {said}"
        return out
    if len(unsat) == 2:
        out.status, out.reason = "proved", ""
        return out
    if unsat == ["z3"]:
        # cvc5 could not take or finish the query: a single-solver proof, and it says so
        out.status, out.single_solver, out.reason = "proved", True, f"single solver: {said}"
        return out
    for name in sat:
        if confirmed.get(name):
            a = by[name]
            out.status, out.model, out.confirmed, out.reason = "refuted", a.model, True, ""
            return out
    if sat:
        out.reason = f"{' and '.join(sat)} returned a model that could not be confirmed " \
                     f"as a counterexample ({said})"
    return out
