"""What every SMT back-end returns, and the query they all decide.

A back-end (:mod:`proofs.z3_backend`, :mod:`proofs.cvc5_backend`) takes a :class:`Query`
(sympy relations: hypotheses and, optionally, a goal whose negation is asserted) and answers
with a :class:`SolverAnswer`: ``unsat``, ``sat`` (with a model), ``unknown`` (with the
solver's reason: resource limit, timeout, incompleteness), or ``unsupported`` (the back-end
cannot take the query). Nothing is raised for solver trouble.

>>> SolverAnswer("z3", "unsat", seconds=0.01).to_json()["answer"]
'unsat'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp

__all__ = ["ANSWERS", "Query", "SolverAnswer"]

#: the four answers a back-end can give
ANSWERS = ("unsat", "sat", "unknown", "unsupported")


@dataclass
class Query:
    """Is ``hypotheses ∧ ¬(goal₁ ∧ … ∧ goalₙ)`` satisfiable? (no goal: are the hypotheses?)"""

    hypotheses: list[sp.Basic]
    goal: list[sp.Basic] | None = None


@dataclass
class SolverAnswer:
    """One solver's answer to one query."""

    solver: str
    answer: str  # one of ANSWERS
    reason: str = ""
    model: dict[str, str] = field(default_factory=dict)  # text, '…' marks an irrational value
    values: dict[str, Any] = field(default_factory=dict)  # exact sympy values (None: irrational)
    self_checked: bool = False  # the solver's own exact evaluation of its model
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """The answer as plain data (for evidence and ``--json``)."""
        out: dict[str, Any] = {"answer": self.answer, "seconds": round(self.seconds, 4)}
        if self.reason:
            out["reason"] = self.reason
        if self.model:
            out["model"] = dict(self.model)
        return out

    def text(self) -> str:
        """E.g. ``'z3 unsat (0.01 s)'`` or ``'cvc5 unknown: timeout (2.00 s)'``."""
        why = f": {self.reason}" if self.reason and self.answer != "unsat" else ""
        return f"{self.solver} {self.answer}{why} ({self.seconds:.2f} s)"
