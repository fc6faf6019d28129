"""Derivations: chains of relations between sympy expressions, every step checked.

A :class:`Derivation` starts from an expression and applies :class:`Step` s, each a relation
(``=``, ``<=``, ``<``) to a new expression with a justification:

* :class:`Algebra`: sympy shows the difference is zero (for ``=``) or the residual
  ``rhs - lhs`` is nonnegative/positive (for ``<=``/``<``) under the symbols' declared
  assumptions. Nothing is forced and ``Expr.equals`` is never trusted to prove.
* :class:`Smt`: z3 proves the step as real arithmetic under the derivation's hypotheses.
* :class:`Lemma`: a named standard result (Jensen, the DPI, induction, ...) whose side
  conditions are themselves checked relations; the lemma's conclusion is spot-checked at
  sample points where it can be evaluated, so a misapplied lemma can still be caught.

Every step is also tested at exact sample points that satisfy the hypotheses; a step that
fails there is marked ✗ whatever its justification claimed. The chain proves
``start R end``, with ``R`` the strongest relation the steps compose to; the derivation
succeeds when every step is ✓ and that conclusion implies the declared ``goal``.

>>> x = sp.Symbol("x", positive=True)
>>> d = Derivation("am-gm", x + 1/x, [Step(">=", sp.Integer(2), Algebra())],
...                goal=(x + 1/x, ">=", 2))
>>> d.check().ok
True
>>> bad = Derivation("false", x + 1/x, [Step(">=", sp.Integer(3), Algebra())],
...                  goal=(x + 1/x, ">=", 3))
>>> r = bad.check()
>>> r.ok, r.steps[0].mark
(False, '✗')
"""

from __future__ import annotations

import functools
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from numerics.errors import EncodingError
from proofs.smt import prove

__all__ = [
    "Algebra",
    "Condition",
    "Derivation",
    "DerivationReport",
    "Lemma",
    "Smt",
    "Step",
    "StepReport",
    "check_relation",
]

_RELS = {
    "=": sp.Eq, "==": sp.Eq, "!=": sp.Ne, "<=": sp.Le, "<": sp.Lt, ">=": sp.Ge, ">": sp.Gt,
}
_LATEX_REL = {
    "=": "=", "==": "=", "!=": r"\ne", "<=": r"\le", "<": "<", ">=": r"\ge", ">": ">",
}


@dataclass(frozen=True)
class Algebra:
    """Justify a step by sympy simplification / sign reasoning under symbol assumptions."""

    hint: str = ""

    def describe(self) -> str:
        return "algebra (sympy)" + (f": {self.hint}" if self.hint else "")


@dataclass(frozen=True)
class Smt:
    """Justify a step by z3 (polynomial/rational real arithmetic)."""

    hypotheses: tuple[sp.Basic, ...] = ()
    hint: str = ""

    def describe(self) -> str:
        return "smt (z3)" + (f": {self.hint}" if self.hint else "")


@dataclass(frozen=True)
class Condition:
    """A side condition: a relation with its own justification (Algebra, Smt or a Lemma)."""

    relation: sp.Basic
    by: Algebra | Smt | Lemma = field(default_factory=Algebra)
    note: str = ""


@dataclass(frozen=True)
class Lemma:
    """A named standard result, applied under checked side conditions."""

    name: str
    statement: str = ""
    side_conditions: tuple[Condition, ...] = ()

    def describe(self) -> str:
        return f"lemma: {self.name}"


Justification = Algebra | Smt | Lemma


@dataclass(frozen=True)
class Step:
    """``previous REL expr`` justified by ``by``."""

    rel: str
    expr: sp.Basic
    by: Justification
    note: str = ""


@dataclass
class StepReport:
    """The result of checking one step (or one side condition)."""

    index: int
    lhs: sp.Basic
    rel: str
    rhs: sp.Basic
    justification: str
    mark: str  # "✓" checked, "✗" refuted, "?" undecided
    detail: str = ""
    note: str = ""
    conditions: list[StepReport] = field(default_factory=list)

    @property
    def latex(self) -> str:
        return f"{sp.latex(self.lhs)} {_LATEX_REL[self.rel]} {sp.latex(self.rhs)}"

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "latex": self.latex,
            "relation": f"{sp.sstr(self.lhs)} {self.rel} {sp.sstr(self.rhs)}",
            "justification": self.justification,
            "mark": self.mark,
            "detail": self.detail,
            "note": self.note,
            "conditions": [c.to_json() for c in self.conditions],
        }


@dataclass
class DerivationReport:
    """Per-step results and whether the chain establishes the goal."""

    name: str
    steps: list[StepReport]
    goal_latex: str
    conclusion: str
    ok: bool

    def summary(self) -> str:
        marks = "".join(s.mark for s in self.steps)
        return f"{self.name}: {marks} -> {self.conclusion}"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "goal_latex": self.goal_latex,
            "conclusion": self.conclusion,
            "ok": self.ok,
            "steps": [s.to_json() for s in self.steps],
        }


# --- checking one relation -------------------------------------------------------------

_SIMPLIFIERS = (
    lambda e: e,
    lambda e: sp.simplify(e.doit()),
    sp.expand,
    sp.cancel,
    sp.together,
    sp.factor,
    sp.simplify,
    lambda e: sp.simplify(sp.expand_log(e)),
    sp.gammasimp,
    sp.powsimp,
    lambda e: sp.simplify(sp.expand_power_base(sp.expand(e))),
)


def _excluded(cond: sp.Basic, hypotheses: Sequence[sp.Basic]) -> bool:
    """A Piecewise branch condition ``Eq(a, b)`` ruled out by a hypothesis ``a != b``."""
    if isinstance(cond, sp.Equality):
        return any(
            isinstance(h, sp.Unequality) and {h.lhs, h.rhs} == {cond.lhs, cond.rhs}
            for h in hypotheses
        )
    return False


def _is_zero(e: sp.Basic, hypotheses: Sequence[sp.Basic] = ()) -> bool:
    for f in _SIMPLIFIERS:
        try:
            r = f(e)
        except Exception:  # a simplifier that fails proves nothing; try the next one
            continue
        if r == 0 or getattr(r, "is_zero", None) is True:
            return True
        if isinstance(r, sp.Piecewise) and all(
            _excluded(cond, hypotheses) or sp.simplify(expr) == 0 for expr, cond in r.args
        ):
            return True
    return False


def _sign_ok(residual: sp.Basic, strict: bool) -> bool:
    attr = "is_positive" if strict else "is_nonnegative"
    for f in _SIMPLIFIERS:
        try:
            r = f(residual)
        except Exception:  # see _is_zero
            continue
        if getattr(r, attr, None) is True:
            return True
    return False


_SAMPLE_VALUES = tuple(
    sp.Rational(v)
    for v in ("1/7", "1/3", "1/2", "2/3", "9/10", "1", "3/2", "2", "3", "7", "-1/2", "-2", "0")
)


_CANDIDATES = 1500


def _admissible(sym: sp.Symbol, v: sp.Rational) -> bool:
    checks = {
        "positive": v > 0,
        "nonnegative": v >= 0,
        "negative": v < 0,
        "nonpositive": v <= 0,
        "nonzero": v != 0,
        "integer": v.is_integer,
    }
    return all(ok for attr, ok in checks.items() if getattr(sym, f"is_{attr}") is True)


def _sample_points(
    symbols: Sequence[sp.Symbol], hypotheses: Sequence[sp.Basic], limit: int = 60
) -> list[dict[sp.Symbol, sp.Rational]]:
    """Exact points satisfying the symbols' assumptions and the hypotheses.

    The points depend only on the arguments (the candidate order is seeded), and the steps
    of a derivation share their symbols and hypotheses, so each set of points is computed
    once per process and reused (as fresh dicts).
    """
    cached = _sample_points_cached(tuple(symbols), tuple(hypotheses), limit)
    return [dict(point) for point in cached]


@functools.lru_cache(maxsize=1024)
def _sample_points_cached(
    symbols: tuple[sp.Symbol, ...], hypotheses: tuple[sp.Basic, ...], limit: int
) -> tuple[dict[sp.Symbol, sp.Rational], ...]:
    return tuple(_compute_sample_points(symbols, hypotheses, limit))


def _compute_sample_points(
    symbols: Sequence[sp.Symbol], hypotheses: Sequence[sp.Basic], limit: int
) -> list[dict[sp.Symbol, sp.Rational]]:
    if not symbols:
        return [{}]
    choices = []
    for s in symbols:
        vals = [v for v in _SAMPLE_VALUES if _admissible(s, v)]
        if s.is_integer:
            vals = [sp.Integer(v) for v in (0, 1, 2, 3, 5, 8, -1, -3)
                    if _admissible(s, sp.Integer(v))]
        choices.append(vals)
    points: list[dict[sp.Symbol, sp.Rational]] = []
    total = 1
    for c in choices:
        total *= len(c)
    # at most _CANDIDATES combinations, in a fixed pseudo-random order, so that the admissible
    # points are spread over the whole grid rather than clustered in one corner
    rng = random.Random(20260105)
    if total <= _CANDIDATES:
        combos = list(itertools.product(*choices))
        rng.shuffle(combos)
    else:
        combos = [tuple(rng.choice(c) for c in choices) for _ in range(_CANDIDATES)]
    for combo in combos:
        point = dict(zip(symbols, combo, strict=True))
        if all(_holds_exactly(h, point) is True for h in hypotheses):
            points.append(point)
            if len(points) >= limit:
                break
    return points


_BINDING = (sp.Sum, sp.Product, sp.Integral, sp.Lambda, sp.Derivative, sp.Subs)
"""Constructs with bound variables, where only ``subs`` leaves the bound names alone."""


def _numeric(expr: sp.Basic, point: dict[sp.Symbol, sp.Rational]) -> sp.Float | None:
    """``expr`` at ``point`` to 60 digits, or None when it is not a finite real number."""
    try:
        # subs (not xreplace) so that a bound variable of a Sum or Integral that shares a name
        # with a sampled symbol is left alone; without such constructs the two agree and
        # xreplace is much faster on large expressions
        expr = sp.sympify(expr)
        value = sp.N(expr.subs(point) if expr.has(*_BINDING) else expr.xreplace(point), 60)
    except Exception:  # cannot evaluate: no information
        return None
    # a real finite number (Float, or an exact Integer/Rational such as 0); unevaluated
    # sums, complex values, nan and infinities give no information
    if not isinstance(value, sp.Number) or value.is_finite is not True:
        return None
    return sp.Float(value, 60)


def _holds_exactly(rel: sp.Basic, point: dict[sp.Symbol, sp.Rational]) -> bool | None:
    """Whether a relation holds at a point (None: cannot tell, e.g. undefined there).

    Both sides are evaluated separately to 60 digits and compared with a 1e-45 tolerance,
    so an undefined value (0/0, log 0) never counts as true or false.
    """
    if rel is sp.true or rel is sp.false:
        return bool(rel)
    if isinstance(rel, sp.And):
        parts = [_holds_exactly(a, point) for a in rel.args]
        if False in parts:
            return False
        return True if all(parts) else None
    try:
        name = _rel_of(rel)
    except ValueError:
        return None
    d = _numeric(rel.lhs - rel.rhs, point)
    if d is None:
        return None
    tol = sp.Float("1e-45", 60)
    if name == "=":
        return bool(abs(d) < tol)
    if name == "!=":
        return bool(abs(d) > tol)
    if name in ("<", "<="):
        d = -d
    if name in ("<", ">"):
        if d > tol:
            return True
        return False if d < -tol else None
    return bool(d >= -tol)


def _indexed_labels(exprs: Sequence[sp.Basic]) -> set[sp.Symbol]:
    """Symbols used only as the label of an indexed family ``m[x]``."""
    labels: set[sp.Symbol] = set()
    for e in exprs:
        for atom in e.atoms(sp.Indexed):
            labels.add(atom.base.label)
    return labels


def _spot_check(
    lhs: sp.Basic, rel: str, rhs: sp.Basic, hypotheses: Sequence[sp.Basic]
) -> dict[sp.Basic, sp.Rational] | None:
    """A hypothesis-satisfying point where ``lhs rel rhs`` is false, or None.

    Every symbol of the step and of the hypotheses is sampled. Indexed families over a
    symbolic range (``Sum(m[x], (x, 1, K))``) are handled in two stages: the plain symbols
    (``K``, ``N``, ...) are sampled first, the sums are expanded, and then the indexed entries
    that appear (``m[1]``, ``m[2]``, ...) are sampled subject to the hypotheses.
    """
    relation = _RELS[rel](lhs, rhs, evaluate=False)
    exprs = [relation, *hypotheses]
    labels = _indexed_labels(exprs)
    free: set[sp.Symbol] = set()
    for e in exprs:
        free |= getattr(e, "free_symbols", set())
    # compare labels by name: an IndexedBase may carry assumptions its bare label lacks
    label_names = {label.name for label in labels}
    free = {f for f in free if isinstance(f, sp.Symbol) and f.name not in label_names}
    symbols = sorted(free, key=lambda s: s.name)
    if not labels:
        for point in _sample_points(symbols, hypotheses):
            if _holds_exactly(relation, point) is False:
                return point
        return None
    plain_hyps = [h for h in hypotheses if not h.atoms(sp.Indexed)]
    indexed_hyps = [h for h in hypotheses if h.atoms(sp.Indexed)]
    for point in _sample_points(symbols, plain_hyps, limit=12):
        try:
            rel2 = relation.subs(point).doit()
            hyps2 = [h.subs(point).doit() for h in indexed_hyps]
        except Exception:  # cannot expand: no information at this point
            continue
        if rel2 is sp.true or rel2 is sp.false:
            if rel2 is sp.false and all(h is not sp.false for h in hyps2):
                return point
            continue
        atoms: set[sp.Indexed] = set(rel2.atoms(sp.Indexed))
        for h in hyps2:
            atoms |= set(getattr(h, "atoms", lambda *_: set())(sp.Indexed))
        # entries are identified by their printed name (m[2]), so the same entry reached
        # through IndexedBase objects with different assumptions is one variable
        names = sorted({sp.sstr(a) for a in atoms})
        if not names or len(names) > 5 or rel2.atoms(sp.Sum):
            continue
        nonneg = {sp.sstr(a) for a in atoms if a.is_nonnegative}
        by_name = {
            n: sp.Symbol(n, real=True, nonnegative=True if n in nonneg else None) for n in names
        }
        dummies = {a: by_name[sp.sstr(a)] for a in atoms}
        rel3 = rel2.xreplace(dummies)
        hyps3 = [h.xreplace(dummies) for h in hyps2 if h is not sp.true]
        for inner in _sample_points(sorted(dummies.values(), key=lambda s: s.name), hyps3,
                                    limit=30):
            if _holds_exactly(rel3, inner) is False:
                return {**point, **inner}
    return None


def _check_condition(
    cond: Condition, hypotheses: Sequence[sp.Basic], index: int
) -> StepReport:
    rel = cond.relation
    if rel is sp.true or rel is sp.false:
        mark = "✓" if rel is sp.true else "✗"
        return StepReport(index, rel, "=", rel, "evaluation", mark,
                          "true by evaluation" if rel is sp.true else "false by evaluation",
                          note=cond.note)
    return check_relation(rel.lhs, _rel_of(rel), rel.rhs, cond.by, hypotheses, index, cond.note)


def check_relation(
    lhs: sp.Basic,
    rel: str,
    rhs: sp.Basic,
    by: Justification,
    hypotheses: Sequence[sp.Basic] = (),
    index: int = 0,
    note: str = "",
) -> StepReport:
    """Check ``lhs rel rhs`` with justification ``by`` under ``hypotheses``."""
    if rel not in _RELS:
        raise ValueError(f"unknown relation {rel!r}")
    report = StepReport(index, lhs, rel, rhs, by.describe(), "?", note=note)
    # the step is claimed under the derivation's hypotheses plus the justification's own
    local = tuple(by.hypotheses) if isinstance(by, Smt) else ()
    counter = _spot_check(lhs, rel, rhs, (*hypotheses, *local))
    if counter is not None:
        pt = ", ".join(f"{k} = {v}" for k, v in counter.items())
        report.mark = "✗"
        report.detail = f"false at {pt or 'the constants'} (exact substitution)"
        if isinstance(by, Lemma):
            report.conditions = [
                _check_condition(c, hypotheses, i) for i, c in enumerate(by.side_conditions)
            ]
        return report
    if isinstance(by, Algebra):
        if rel in ("=", "=="):
            ok = _is_zero(lhs - rhs, hypotheses)
        elif rel == "!=":
            ok = getattr(sp.factor(lhs - rhs), "is_nonzero", None) is True
        elif rel in ("<=", "<"):
            ok = _sign_ok(rhs - lhs, strict=rel == "<")
        else:
            ok = _sign_ok(lhs - rhs, strict=rel == ">")
        report.mark = "✓" if ok else "?"
        report.detail = "sympy verified" if ok else "sympy could not decide"
    elif isinstance(by, Smt):
        try:
            res = prove(_RELS[rel](lhs, rhs, evaluate=False), [*hypotheses, *by.hypotheses])
        except EncodingError as exc:
            report.mark, report.detail = "?", f"cannot encode for z3: {exc}"
            return report
        report.detail = f"z3: {res.summary()}"
        if res.status == "proved":
            report.mark = "✓"
        elif res.status == "refuted":
            report.mark = "✗"
        else:
            report.mark = "?"
    else:
        conds = [_check_condition(c, hypotheses, i) for i, c in enumerate(by.side_conditions)]
        report.conditions = conds
        marks = {c.mark for c in conds}
        if "✗" in marks:
            report.mark, report.detail = "✗", "a side condition of the lemma fails"
        elif "?" in marks:
            report.mark, report.detail = "?", "a side condition of the lemma is undecided"
        else:
            report.mark = "✓"
            report.detail = (
                f"standard result ({by.name}); {len(conds)} side condition(s) checked"
                + (f": {by.statement}" if by.statement else "")
            )
    return report


def _rel_of(relation: sp.Basic) -> str:
    table = {
        sp.Equality: "=",
        sp.Unequality: "!=",
        sp.StrictLessThan: "<",
        sp.LessThan: "<=",
        sp.StrictGreaterThan: ">",
        sp.GreaterThan: ">=",
    }
    for cls, name in table.items():
        if isinstance(relation, cls):
            return name
    raise ValueError(f"not a relation: {relation!r}")


# --- derivations -----------------------------------------------------------------------

def _compose(rels: Sequence[str]) -> str | None:
    """The relation a chain of steps establishes, or None if directions are mixed."""
    ups = {"<=", "<"}
    downs = {">=", ">"}
    used = {("=" if r == "==" else r) for r in rels}
    if used <= {"="}:
        return "="
    if used <= ups | {"="}:
        return "<" if "<" in used else "<="
    if used <= downs | {"="}:
        return ">" if ">" in used else ">="
    return None


def _implies(got: str, want: str) -> bool:
    want = "=" if want == "==" else want
    table = {
        "=": {"="},
        "<=": {"=", "<=", "<"},
        "<": {"<"},
        ">=": {"=", ">=", ">"},
        ">": {">"},
    }
    return got in table[want]


@dataclass(frozen=True)
class Derivation:
    """A chain ``start REL1 e1 REL2 e2 ...`` meant to establish ``goal = (lhs, rel, rhs)``."""

    name: str
    start: sp.Basic
    steps: Sequence[Step]
    goal: tuple[sp.Basic, str, sp.Basic]
    hypotheses: tuple[sp.Basic, ...] = ()
    description: str = ""

    def check(self) -> DerivationReport:
        reports: list[StepReport] = []
        current = self.start
        for i, step in enumerate(self.steps):
            reports.append(
                check_relation(current, step.rel, step.expr, step.by, self.hypotheses, i,
                               step.note)
            )
            current = step.expr
        composed = _compose([s.rel for s in self.steps])
        g_lhs, g_rel, g_rhs = self.goal
        goal_latex = f"{sp.latex(g_lhs)} {_LATEX_REL[g_rel]} {sp.latex(g_rhs)}"
        ends_match = _is_zero(self.start - g_lhs) and _is_zero(current - g_rhs)
        if composed is None:
            conclusion = "the steps mix directions (≤ and ≥), so the chain proves nothing"
            links = False
        elif not ends_match:
            conclusion = "the chain does not start and end at the goal's two sides"
            links = False
        elif not _implies(composed, g_rel):
            conclusion = f"the chain gives '{composed}', weaker than the goal's '{g_rel}'"
            links = False
        else:
            conclusion = f"establishes {goal_latex}"
            links = True
        ok = links and all(r.mark == "✓" for r in reports)
        if links and not ok:
            bad = [r for r in reports if r.mark != "✓"]
            conclusion = f"step {bad[0].index + 1} is {bad[0].mark}: {bad[0].detail}"
        return DerivationReport(self.name, reports, goal_latex, conclusion, ok)
