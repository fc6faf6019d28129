"""Decide an ad-hoc statement: the one entry point behind ``collapse-check prove``.

:func:`decide` takes a statement, hypotheses and boxes as text and returns a
:class:`Decision`. It chooses the back-ends itself: polynomial, rational and square-root
arithmetic goes to z3 and cvc5 (:func:`proofs.smt.prove`, both must agree), a statement
with ``log`` or ``exp`` to the arb certifier over the boxes
(:func:`numerics.precision.certify_relation`).

The convention: a statement is **proved where it is defined**. Every term's domain condition
(denominator ≠ 0, radicand ≥ 0, log argument > 0, base of a real power ≥ 0 or > 0) is recorded
on the text before sympy simplifies it; each condition the hypotheses (and boxes) do not imply
is reported in ``side_conditions``, and a counterexample is always a point where every term is
defined.

>>> decide("x/x == 1").side_conditions
['x != 0']
>>> d = decide("log(x) > 0", boxes=["x=1/2..3", "x=2..4"])
>>> d.status, d.method, d.boxes
('proved', 'arb', {'x': ('2', '3')})
>>> decide("x**2 >= x", ["x > 0"]).counterexample
{'x': '1/2'}

Resource limits: the whole decision (parsing, sympy, both solvers, arb) runs in a child
process that is stopped at ``timeout`` seconds (plus a fraction of a second to start it),
and each back-end has its own deterministic limit inside that. Running out is ``undecided``
with the reason:

>>> decide("x**(10**5) >= 0").reason
'resource limit: the exponent of x**(10**5) is above the limit 1000'
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import sympy as sp

from numerics.errors import CollapseCheckError, EncodingError, FormulaError, InputError, LimitError

__all__ = ["DEFAULT_TIMEOUT", "Decision", "decide"]

#: default wall-clock budget of one decision, in seconds
DEFAULT_TIMEOUT = 5.0
#: time allowed for starting and stopping the child process, beyond the budget
_GRACE = 0.5
_EXIT = {"proved": 0, "refuted": 1, "undecided": 3}


@dataclass
class Decision:
    """What :func:`decide` found, with everything needed to print or serialise it."""

    status: str  # "proved" | "refuted" | "undecided"
    statement: str
    method: str = ""  # "smt" (z3 + cvc5) | "arb" | "" (decided before any back-end ran)
    reason: str = ""
    side_conditions: list[str] = field(default_factory=list)
    counterexample: dict[str, str] = field(default_factory=dict)
    hypotheses: list[str] = field(default_factory=list)
    boxes: dict[str, tuple[str, str]] = field(default_factory=dict)
    solvers: dict[str, dict[str, Any]] = field(default_factory=dict)
    single_solver: bool = False
    arb: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 proved, 1 refuted, 3 undecided (2, malformed input, never gets this far)."""
        return _EXIT[self.status]

    def to_json(self) -> dict[str, Any]:
        """Plain data for ``prove --json``."""
        out = asdict(self)
        out["boxes"] = {k: list(v) for k, v in self.boxes.items()}
        out["seconds"] = round(self.seconds, 3)
        out["exit_code"] = self.exit_code
        return out

    def lines(self) -> list[str]:
        """The human-readable report: verdict first, then side conditions and evidence."""
        head = self.status
        if self.status == "proved":
            head += " where defined" if self.side_conditions else ""
            if self.method == "arb":
                head += f" (certified by arb on the box, {self.arb.get('boxes', 0)} sub-boxes)"
            elif self.single_solver:
                head += " (single solver: z3 only)"
            else:
                head += " (z3 and cvc5)"
        elif self.status == "refuted":
            cx = ", ".join(f"{k} = {v}" for k, v in self.counterexample.items())
            how = (f"re-checked with arb at {4 * self.arb.get('prec', 0)} bits"
                   if self.method == "arb" else "confirmed by exact evaluation")
            head += f": counterexample {cx} ({how})"
        else:
            head += f": {self.reason}"
        out = [head]
        if self.side_conditions:
            out.append("side conditions (not implied by the hypotheses): "
                       + ", ".join(self.side_conditions))
        for name, a in self.solvers.items():
            why = f": {a['reason']}" if a.get("reason") and a["answer"] != "unsat" else ""
            out.append(f"  {name}: {a['answer']}{why} ({a['seconds']:.2f} s)")
        if self.status != "undecided" and self.reason:
            out.append(f"  note: {self.reason}")
        return out


# --- the decision, run in the child process ---------------------------------------------


def _boxes(texts: Sequence[str], symbols: set[sp.Symbol]) -> dict[sp.Symbol, tuple]:
    from proofs.formula import parse_box

    box: dict[sp.Symbol, tuple[sp.Rational, sp.Rational]] = {}
    for text in texts:
        s, lo, hi = parse_box(text)
        if s not in symbols:
            known = ", ".join(sorted(map(str, symbols))) or "none"
            raise FormulaError(f"--box {text!r}: {s} is not a variable of the statement "
                               f"(variables: {known})")
        if s in box:
            lo, hi = max(lo, box[s][0]), min(hi, box[s][1])
            if lo > hi:
                raise FormulaError(f"the boxes for {s} do not intersect: no value of {s} is "
                                   "in all of them")
        box[s] = (lo, hi)
    return box


def _decide(statement: str, hypotheses: Sequence[str], boxes: Sequence[str],
            timeout: float) -> Decision:
    from proofs.formula import parse_statement

    start = time.monotonic()
    deadline = start + timeout
    d = Decision("undecided", statement, hypotheses=list(hypotheses))
    try:
        goal = parse_statement(statement)
        hyps = [parse_statement(h) for h in hypotheses]
        symbols = goal.symbols().union(*[h.symbols() for h in hyps])
        box = _boxes(boxes, symbols)
    except LimitError as exc:
        d.reason = f"resource limit: {exc}"
        return d
    d.boxes = {str(s): (str(lo), str(hi)) for s, (lo, hi) in box.items()}
    hyp_rels = [r for h in hyps for r in h.relations]
    hyp_conds = [c for h in hyps for c in h.conditions]
    box_rels = [rel for s, (lo, hi) in box.items() for rel in (sp.Le(lo, s), sp.Le(s, hi))]
    try:
        return _smt(d, goal, [*hyp_rels, *hyp_conds, *box_rels], deadline)
    except EncodingError as exc:
        missing = sorted(str(s) for s in symbols if s not in box)
        if missing:
            raise InputError(f"{exc}; give --box x=a..b for {', '.join(missing)} to use arb") \
                from None
        return _arb(d, goal, [*hyp_rels, *hyp_conds], box, deadline)


def _smt(d: Decision, goal: Any, hyps: list[sp.Basic], deadline: float) -> Decision:
    from proofs.smt import prove

    budget_ms = max(1, int((deadline - time.monotonic()) * 1000))
    target = goal.relations[0] if len(goal.relations) == 1 else sp.And(*goal.relations)
    r = prove(target, hyps, conditions=goal.conditions, timeout_ms=max(1, budget_ms // 2),
              cvc5_rlimit=5_000_000, cvc5_timeout_ms=max(1, budget_ms // 3))
    d.method, d.status = "smt", r.status
    d.side_conditions, d.counterexample = r.side_conditions, r.model
    d.solvers, d.single_solver = r.solvers, r.single_solver
    d.reason = r.reason
    return d


def _arb(d: Decision, goal: Any, hyps: list[sp.Basic], box: dict, deadline: float) -> Decision:
    from numerics.precision import certify_relation
    from proofs.formula import domain_conditions

    conds = list(goal.conditions)
    for r in goal.relations:
        conds.extend(c for c in domain_conditions(r) if c not in conds)
    d.method = "arb"
    results = []
    for rel in goal.relations:
        res = certify_relation(rel, box, assume=hyps, conditions=conds, deadline=deadline)
        results.append(res)
        if res.status == "refuted":
            break
    d.arb = {"boxes": sum(r.boxes for r in results), "prec": results[0].prec,
             "statuses": [r.status for r in results]}
    sides: list[str] = []
    for r in results:
        sides.extend(c for c in r.side_conditions if c not in sides)
    d.side_conditions = sides
    refuted = [r for r in results if r.status == "refuted"]
    if refuted:
        d.status, d.counterexample = "refuted", dict(refuted[0].witness or {})
    elif all(r.status == "certified" for r in results):
        d.status = "proved"
    else:
        d.reason = next(r.reason for r in results if r.status != "certified")
    return d


def _child(conn: Any, args: tuple) -> None:
    try:
        conn.send(("ok", _decide(*args)))
    except FormulaError as exc:
        conn.send(("formula", str(exc)))
    except CollapseCheckError as exc:
        conn.send(("input", str(exc)))
    except RecursionError:
        conn.send(("formula", "the formula is nested too deeply"))
    except Exception as exc:  # a back-end crash is undecided and reported, never a pass
        conn.send(("crash", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def decide(
    statement: str,
    hypotheses: Sequence[str] = (),
    boxes: Sequence[str] = (),
    *,
    timeout: float = DEFAULT_TIMEOUT,
    isolate: bool = True,
) -> Decision:
    """Prove or refute ``statement`` under ``hypotheses`` and ``boxes`` (all text).

    Malformed input raises :class:`FormulaError` / :class:`InputError`; everything else,
    including running out of time or a back-end crash, is a :class:`Decision`. With
    ``isolate`` (the default) the work runs in a child process stopped at ``timeout``.
    """
    if not timeout > 0 or timeout > 3600:
        raise InputError(f"the timeout must be between 0 and 3600 seconds, got {timeout}")
    start = time.monotonic()
    args = (statement, tuple(hypotheses), tuple(boxes), timeout)
    if not isolate:
        d = _decide(*args)
        d.seconds = time.monotonic() - start
        return d
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, args), daemon=True)
    child.start()
    send.close()
    try:
        ready = receive.poll(timeout + _GRACE)
        message = receive.recv() if ready else None
    except EOFError:
        message = None
        ready = True
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    seconds = time.monotonic() - start
    if message is None:
        reason = (f"ran out of time: stopped after the {timeout:g} s limit (--timeout)"
                  if not ready else f"the decision process ended abnormally "
                  f"(exit code {child.exitcode})")
        return Decision("undecided", statement, reason=reason, hypotheses=list(hypotheses),
                        seconds=seconds)
    kind, payload = message
    if kind == "formula":
        raise FormulaError(payload)
    if kind == "input":
        raise InputError(payload)
    if kind == "crash":
        return Decision("undecided", statement, reason=f"a back-end raised {payload}",
                        hypotheses=list(hypotheses), seconds=seconds)
    payload.seconds = seconds
    return payload
