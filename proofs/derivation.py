"""Derivations: chains of relations between sympy expressions, every step checked.

A :class:`Derivation` starts from an expression and applies :class:`Step` s, each a relation
(``=``, ``<=``, ``<``) to a new expression with a justification:

* :class:`Algebra`: sympy shows the difference is zero (for ``=``) or the residual
  ``rhs - lhs`` is nonnegative/positive (for ``<=``/``<``) under the symbols' declared
  assumptions. Nothing is forced and ``Expr.equals`` is never trusted to prove.
* :class:`Smt`: z3 proves the step as real arithmetic under the derivation's hypotheses.
* :class:`Use`: an instance of a lemma schema of the trust base (:mod:`proofs.lemmas`): the
  engine finds the substitution, checks that the step *is* the instantiated conclusion, and
  checks every instantiated premise as a step of its own (algebra, z3 or another lemma).
* :class:`Given`: the step is one of the derivation's hypotheses (or an instance of a
  ``Lambda`` hypothesis, "for every t").
* :class:`LegacyLemma` (also importable as ``Lemma``): the old form, a name with free-standing
  side conditions that need not mention the step. It still checks, but the trust report lists
  it as "legacy lemma: side conditions not linked to the step"; new code uses :class:`Use`.

:class:`Induction` proves ``∀n ≥ n0. P(n)`` from a checked base case ``P(n0)`` and a checked
step ``P(n) ⇒ P(n+1)``.

Every step is also tested at exact sample points that satisfy the hypotheses (a fixed grid and
seeded random rationals over the whole declared domain, near its edges too, evaluated at 60
digits); a step that fails there is marked ✗ whatever its justification claimed. The chain proves
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
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from numerics.errors import EncodingError
from proofs.goal import Goal, instance_of
from proofs.smt import prove

__all__ = [
    "Algebra",
    "Condition",
    "Derivation",
    "DerivationReport",
    "Given",
    "Induction",
    "InductionReport",
    "LegacyLemma",
    "Lemma",
    "Smt",
    "Step",
    "StepReport",
    "Use",
    "at",
    "check_relation",
    "is_zero",
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
    """Justify a step by z3 (polynomial/rational real arithmetic).

    ``facts`` are extra relations z3 may use, each with its own justification (typically a
    lemma schema), checked first under the same hypotheses. ``hypotheses`` are relations the
    step needs that z3 must first derive from the derivation's hypotheses (each is checked as
    a fact of its own; none is assumed).
    """

    hypotheses: tuple[sp.Basic, ...] = ()
    hint: str = ""
    facts: tuple[tuple[sp.Basic, Any], ...] = ()

    def describe(self) -> str:
        return "smt (z3)" + (f": {self.hint}" if self.hint else "")


@dataclass(frozen=True)
class Given:
    """The step is a hypothesis of the derivation (or an instance of a ``Lambda`` one)."""

    hint: str = ""

    def describe(self) -> str:
        return "hypothesis" + (f": {self.hint}" if self.hint else "")


@dataclass(frozen=True)
class Condition:
    """A side condition of a :class:`LegacyLemma`: a relation with its own justification."""

    relation: sp.Basic
    by: Any = field(default_factory=Algebra)
    note: str = ""


@dataclass(frozen=True)
class LegacyLemma:
    """A named result applied under free-standing side conditions (the old form).

    The side conditions need not mention the step, so the step itself rests on the sampling
    spot check only; the trust report says so. Deprecated: use :class:`Use` with a schema of
    :mod:`proofs.lemmas` (the entropy, verifier, ensemble and algorithmic families still use
    this form; drop the ``Lemma`` alias once they have moved).
    """

    name: str
    statement: str = ""
    side_conditions: tuple[Condition, ...] = ()

    def describe(self) -> str:
        return f"legacy lemma: {self.name}"


#: Deprecated alias of :class:`LegacyLemma` (see there).
Lemma = LegacyLemma


@dataclass(frozen=True)
class Use:
    """Apply a lemma schema: ``schema`` with pattern variables bound by ``bind`` (by name).

    Unbound pattern variables are found by matching the step against the schema's conclusion.
    ``by`` gives a justification per premise, in the schema's order (default: algebra).
    """

    schema: Any  # proofs.lemmas.Schema (not imported: lemmas imports this module)
    bind: tuple[tuple[str, sp.Basic], ...] = ()
    by: tuple[Any, ...] = ()

    def __init__(self, schema: Any, bind: dict[str, Any] | None = None,
                 by: Sequence[Any] = ()) -> None:
        object.__setattr__(self, "schema", schema)
        object.__setattr__(self, "bind", tuple((bind or {}).items()))
        object.__setattr__(self, "by", tuple(by))

    def describe(self) -> str:
        return f"lemma: {self.schema.name}"


Justification = Algebra | Smt | Given | LegacyLemma | Use


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
    trust: list[dict[str, str]] = field(default_factory=list)

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
    established: Goal | None = None

    def trust(self) -> list[dict[str, str]]:
        """What the checked steps rest on (lemma schemas, solver calls, simplifications)."""
        out: list[dict[str, str]] = []

        def walk(r: StepReport) -> None:
            out.extend(r.trust)
            for c in r.conditions:
                walk(c)

        for s in self.steps:
            walk(s)
        return out

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
    # cheapest first (a zero test stops at the first that shows zero); the order changes
    # which simplifier decides, never what is decided
    lambda e: e,
    sp.expand,
    sp.cancel,
    lambda e: sp.simplify(e.doit()),
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


def is_zero(e: sp.Basic, hypotheses: Sequence[sp.Basic] = ()) -> bool:
    """sympy shows ``e`` is zero (Piecewise branches excluded by hypotheses dropped)."""
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
    """Whether the exact value ``v`` meets the sign and integrality ``sym`` is declared with."""
    p, integer = int(v.p), v.q == 1
    checks = (
        ("positive", p > 0),
        ("nonnegative", p >= 0),
        ("negative", p < 0),
        ("nonpositive", p <= 0),
        ("nonzero", p != 0),
        ("integer", integer),
    )
    return all(ok or getattr(sym, f"is_{attr}") is not True for attr, ok in checks)


def _random_values(sym: sp.Symbol, rng: random.Random, count: int) -> list[sp.Rational]:
    """Seeded random exact values over the whole real line, dense near 0, ±1 and large."""
    out: list[sp.Rational] = []
    for _ in range(count):
        kind = rng.random()
        if sym.is_integer:
            v = sp.Integer(rng.choice((rng.randint(-3, 12), rng.randint(13, 40))))
        elif kind < 0.3:  # near an edge: 0, 1/2 or 1, from either side
            edge = rng.choice((0, sp.Rational(1, 2), 1))
            v = edge + rng.choice((-1, 1)) * sp.Rational(1, 10 ** rng.randint(2, 9))
        elif kind < 0.8:  # a "typical" rational
            v = sp.Rational(rng.randint(-10**6, 10**6), rng.randint(1, 10**6)) / rng.choice(
                (1, 1, 10, 100))
        else:  # large
            v = sp.Rational(rng.randint(1, 10**6), rng.randint(1, 100)) * rng.choice((1, -1))
        out.append(v)
    return out


def _sample_points(
    symbols: Sequence[sp.Symbol], hypotheses: Sequence[sp.Basic], limit: int = 60,
    random_points: int = 16,
) -> list[dict[sp.Symbol, sp.Rational]]:
    """Exact points satisfying the symbols' assumptions and the hypotheses.

    A fixed grid of small rationals (shuffled with a fixed seed) and, in addition, up to
    ``random_points`` seeded random points drawn over the whole declared domain (values near
    the edges 0, 1/2, 1, typical rationals with large denominators, and large values).

    The points depend only on the arguments (the candidate order is seeded), and the steps
    of a derivation share their symbols and hypotheses, so each set of points is computed
    once per process and reused (as fresh dicts).
    """
    cached = _sample_points_cached(tuple(symbols), tuple(hypotheses), limit, random_points)
    return [dict(point) for point in cached]


@functools.lru_cache(maxsize=1024)
def _sample_points_cached(
    symbols: tuple[sp.Symbol, ...], hypotheses: tuple[sp.Basic, ...], limit: int,
    random_points: int,
) -> tuple[dict[sp.Symbol, sp.Rational], ...]:
    return tuple(_compute_sample_points(symbols, hypotheses, limit, random_points))


def _compute_sample_points(
    symbols: Sequence[sp.Symbol], hypotheses: Sequence[sp.Basic], limit: int,
    random_points: int,
) -> list[dict[sp.Symbol, sp.Rational]]:
    if not symbols:
        return [{}]
    hypotheses = [h for h in hypotheses if not isinstance(h, sp.Lambda)]
    if any(h.atoms(sp.core.function.AppliedUndef) for h in hypotheses):
        # a hypothesis about an undefined function (V(t), Var(X)) never evaluates to a number,
        # so no point can satisfy it: the search below would reject every candidate
        return []
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
    # random points: each coordinate is a random value or, half the time, a grid value, so
    # that hypotheses tying symbols together (x ≤ y, Σ = 1) can still be met
    found = 0
    rng = random.Random(zlib.crc32(",".join(s.name for s in symbols).encode()) ^ 0x5EED)
    for _ in range(8 * random_points):
        combo = []
        for s, c in zip(symbols, choices, strict=True):
            if c and rng.random() < 0.5:
                combo.append(rng.choice(c))
            else:
                vals = [v for v in _random_values(s, rng, 4) if _admissible(s, v)]
                combo.append(vals[0] if vals else (rng.choice(c) if c else sp.Integer(1)))
        point = dict(zip(symbols, combo, strict=True))
        if all(_holds_exactly(h, point) is True for h in hypotheses):
            points.append(point)
            found += 1
            if found >= random_points:
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
        value = expr.subs(point) if expr.has(*_BINDING) else expr.xreplace(point)
        if value.has(sp.Sum, sp.Product):
            # finite sums are added up exactly (evalf of a Sum may approximate its tail)
            value = value.doit()
        value = sp.N(value, 60)
    except Exception:  # cannot evaluate: no information
        return None
    # a real finite number (Float, or an exact Integer/Rational such as 0); unevaluated
    # sums, complex values, nan and infinities give no information
    if not isinstance(value, sp.Number) or value.is_finite is not True:
        return None
    return sp.Float(value, 60)


# --- fast evaluation of the spot checks -------------------------------------------------
#
# A relation is compiled once into a tree of closures that evaluates each side at a point in
# exact rational arithmetic (python-flint's fmpq) as long as the expression is rational there,
# and in arb ball arithmetic (rigorous error bounds) once a transcendental function or a
# non-integer power appears. A decision is taken only when it is certain: an exact value, or a
# ball entirely on one side of the threshold. When the ball straddles a threshold the
# precision is raised; when it still does, or when anything is undefined or not compiled
# (Piecewise, undefined functions, floats, ...), the point is evaluated the original way
# (exact substitution in sympy, 60 digits). So the fast path never decides where the
# original would not decide the same way, up to the original's own rounding.

_FAST_PRECISIONS = (256, 1024)
"""Bits of the arb working precision: the first attempt, then the retry."""

_MAX_TERMS = 20_000
"""Largest finite sum or product added up term by term by the fast evaluator."""

_MAX_EXACT_EXPONENT = 4096
"""Largest integer exponent applied exactly to a rational (larger ones go to arb)."""


class _Slow(Exception):
    """The fast evaluator cannot evaluate here: use the sympy path."""


def _flint() -> Any:
    import flint

    return flint


def _to_arb(v: Any) -> Any:
    fl = _flint()
    return v if isinstance(v, fl.arb) else fl.arb(v)


def _exact_int(v: Any) -> int | None:
    fl = _flint()
    if isinstance(v, fl.fmpq) and v.q == 1:
        return int(v.p)
    return None


def _ev_add(parts: list[Any]) -> Any:
    fl = _flint()
    if all(isinstance(p, fl.fmpq) for p in parts):
        total = fl.fmpq(0)
        for p in parts:
            total += p
        return total
    total = fl.arb(0)
    for p in parts:
        total += _to_arb(p)
    return total


def _ev_mul(parts: list[Any]) -> Any:
    fl = _flint()
    if all(isinstance(p, fl.fmpq) for p in parts):
        total = fl.fmpq(1)
        for p in parts:
            total *= p
        return total
    total = fl.arb(1)
    for p in parts:
        total *= _to_arb(p)
    return total


def _ev_pow(base: Any, exp: Any) -> Any:
    fl = _flint()
    n = _exact_int(exp)
    if n is not None and isinstance(base, fl.fmpq) and abs(n) <= _MAX_EXACT_EXPONENT:
        if n < 0 and base == 0:
            raise _Slow("division by zero")
        return base ** n
    if n is not None:
        b = _to_arb(base)
        if n < 0 and b.contains(0):
            raise _Slow("division by a ball containing zero")
        return b ** n
    # a non-integer power: real only for a base ≥ 0 (arb gives nan for a negative one)
    return _to_arb(base) ** _to_arb(exp)


def _ev_exp(v: Any) -> Any:
    if v == 0:
        return _flint().fmpq(1)
    return _to_arb(v).exp()


def _ev_log(v: Any) -> Any:
    fl = _flint()
    if isinstance(v, fl.fmpq):
        if v <= 0:
            raise _Slow("log of a number ≤ 0")
        if v == 1:
            return fl.fmpq(0)
    return _to_arb(v).log()


def _ev_abs(v: Any) -> Any:
    return abs(v)


def _ev_binomial(n: Any, k: Any) -> Any:
    ni, ki = _exact_int(n), _exact_int(k)
    if ni is None or ki is None or ni < 0:
        raise _Slow("binomial outside the nonnegative integers")
    import math

    return _flint().fmpq(math.comb(ni, ki) if 0 <= ki <= ni else 0)


def _ev_factorial(n: Any) -> Any:
    ni = _exact_int(n)
    if ni is None or ni < 0 or ni > 10_000:
        raise _Slow("factorial outside 0..10000")
    import math

    return _flint().fmpq(math.factorial(ni))


def _ev_gamma(v: Any) -> Any:
    fl = _flint()
    n = _exact_int(v)
    if n is not None:
        if n <= 0:
            raise _Slow("a pole of the gamma function")
        if n <= 1000:
            import math

            return fl.fmpq(math.factorial(n - 1))
    return _to_arb(v).gamma()


def _ev_minmax(pick: Any) -> Any:
    def run(parts: list[Any]) -> Any:
        fl = _flint()
        if not all(isinstance(p, fl.fmpq) for p in parts):
            raise _Slow("Max/Min of balls")
        return pick(parts)

    return run


_FUNCTIONS: dict[type, Any] = {}


def _functions() -> dict[type, Any]:
    if not _FUNCTIONS:
        _FUNCTIONS.update({
            sp.exp: _ev_exp,
            sp.log: _ev_log,
            sp.Abs: _ev_abs,
        })
    return _FUNCTIONS


Evaluator = Any  # Callable[[dict[sp.Symbol, Any]], fmpq | arb]


def _compile_node(e: sp.Basic) -> Evaluator:
    """A closure evaluating ``e`` in an environment of fmpq/arb values (see above)."""
    fl = _flint()
    if isinstance(e, sp.Rational):  # Integer too
        value = fl.fmpq(int(e.p), int(e.q))
        return lambda env: value
    if e is sp.pi:
        return lambda env: fl.arb.pi()
    if e is sp.E:
        return lambda env: fl.arb(1).exp()
    if isinstance(e, sp.Symbol):
        def lookup(env: dict[sp.Symbol, Any]) -> Any:
            try:
                return env[e]
            except KeyError:
                raise _Slow(f"{e} has no value") from None
        return lookup
    if isinstance(e, sp.Add | sp.Mul):
        parts = [_compile_node(a) for a in e.args]
        combine = _ev_add if isinstance(e, sp.Add) else _ev_mul
        return lambda env: combine([p(env) for p in parts])
    if isinstance(e, sp.Pow):
        base, exp = _compile_node(e.base), _compile_node(e.exp)
        return lambda env: _ev_pow(base(env), exp(env))
    fn = _functions().get(type(e))
    if fn is not None and len(e.args) == 1:
        arg = _compile_node(e.args[0])
        return lambda env: fn(arg(env))
    if isinstance(e, sp.binomial):
        n, k = (_compile_node(a) for a in e.args)
        return lambda env: _ev_binomial(n(env), k(env))
    if isinstance(e, sp.factorial):
        n = _compile_node(e.args[0])
        return lambda env: _ev_factorial(n(env))
    if isinstance(e, sp.gamma):
        n = _compile_node(e.args[0])
        return lambda env: _ev_gamma(n(env))
    if isinstance(e, sp.Max | sp.Min):
        parts = [_compile_node(a) for a in e.args]
        pick = _ev_minmax(max if isinstance(e, sp.Max) else min)
        return lambda env: pick([p(env) for p in parts])
    if isinstance(e, sp.Sum | sp.Product) and len(e.limits) == 1 and len(e.limits[0]) == 3:
        var, lo, hi = e.limits[0]
        body, lo_f, hi_f = _compile_node(e.function), _compile_node(lo), _compile_node(hi)
        combine = _ev_add if isinstance(e, sp.Sum) else _ev_mul

        def loop(env: dict[sp.Symbol, Any]) -> Any:
            a, b = _exact_int(lo_f(env)), _exact_int(hi_f(env))
            if a is None or b is None or b - a + 1 > _MAX_TERMS or b < a - 1:
                # b < a - 1: sympy's reversed-limits convention, left to sympy
                raise _Slow("limits of a sum that are not small integers")
            inner = dict(env)
            terms = []
            for i in range(a, b + 1):
                inner[var] = fl.fmpq(i)
                terms.append(body(inner))
            if not terms:
                return fl.fmpq(0 if isinstance(e, sp.Sum) else 1)
            return combine(terms)
        return loop
    if isinstance(e, sp.Piecewise):
        branches = [(_compile_node(expr), _compile_condition(cond)) for expr, cond in e.args]

        def pick(env: dict[sp.Symbol, Any]) -> Any:
            # every condition is decided first, as substituting into the Piecewise does: one
            # that is undefined or not real there (log(-x) < 0 at x = 1) leaves the point to
            # sympy even when an earlier branch applies
            chosen = [cond(env) for _, cond in branches]
            for (value, _), holds in zip(branches, chosen, strict=True):
                if holds:
                    return value(env)
            raise _Slow("no branch of a Piecewise applies")  # undefined there: sympy decides

        return pick
    raise _Slow(f"no fast evaluation of {type(e).__name__}")


_CONDITION_RELS: dict[type, tuple[Any, Any]] = {
    # a relation and its negation, each true for balls only when it holds for all their points
    sp.StrictLessThan: (lambda a, b: a < b, lambda a, b: a >= b),
    sp.LessThan: (lambda a, b: a <= b, lambda a, b: a > b),
    sp.StrictGreaterThan: (lambda a, b: a > b, lambda a, b: a <= b),
    sp.GreaterThan: (lambda a, b: a >= b, lambda a, b: a < b),
}


def _compile_condition(c: sp.Basic) -> Evaluator:
    """A closure deciding a Piecewise condition with certainty (or raising :class:`_Slow`).

    Exact sides are compared exactly; balls only when the comparison is certain either way
    (an arb comparison is true only when it holds for every point of the balls).

    >>> x = sp.Symbol("x")
    >>> f = _compiled(sp.Piecewise((x, x < 1), (2*x, sp.Eq(x, 1)), (x**2, True)))
    >>> fl = _flint()
    >>> [f({x: fl.fmpq(v)}) for v in (0, 1, 3)]
    [0, 2, 9]
    """
    fl = _flint()
    if c is sp.true or c is sp.false:
        value = bool(c)
        return lambda env: value
    if isinstance(c, sp.And | sp.Or):
        parts = [_compile_condition(a) for a in c.args]
        # every part is decided (no short cut), so an undefined part defers to sympy
        if isinstance(c, sp.And):
            return lambda env: all([p(env) for p in parts])
        return lambda env: any([p(env) for p in parts])
    if isinstance(c, sp.Not):
        inner = _compile_condition(c.args[0])
        return lambda env: not inner(env)
    if isinstance(c, sp.Equality | sp.Unequality):
        left, right = _compile_node(c.lhs), _compile_node(c.rhs)
        want = isinstance(c, sp.Equality)

        def equal(env: dict[sp.Symbol, Any]) -> bool:
            a, b = left(env), right(env)
            if isinstance(a, fl.fmpq) and isinstance(b, fl.fmpq):
                return (a == b) is want
            if not _to_arb(a).overlaps(_to_arb(b)):
                return not want
            raise _Slow("an equality of balls")

        return equal
    if type(c) not in _CONDITION_RELS:
        raise _Slow(f"no fast evaluation of the condition {type(c).__name__}")
    compare, negated = _CONDITION_RELS[type(c)]
    left, right = _compile_node(c.lhs), _compile_node(c.rhs)

    def relation(env: dict[sp.Symbol, Any]) -> bool:
        a, b = left(env), right(env)
        if isinstance(a, fl.fmpq) and isinstance(b, fl.fmpq):
            return bool(compare(a, b))
        a, b = _to_arb(a), _to_arb(b)
        if compare(a, b):
            return True
        if negated(a, b):
            return False
        raise _Slow("a comparison of overlapping balls")

    return relation


@functools.lru_cache(maxsize=8192)
def _compiled(e: sp.Basic) -> Evaluator | None:
    """The compiled form of ``e``, or None when some part of it has none (cached)."""
    try:
        return _compile_node(e)
    except _Slow:
        return None
    except (TypeError, ValueError, AttributeError):  # an unusual node: use sympy
        return None


def _env(point: dict[sp.Symbol, sp.Rational]) -> dict[sp.Symbol, Any] | None:
    fl = _flint()
    env: dict[sp.Symbol, Any] = {}
    for k, v in point.items():
        if not isinstance(v, sp.Rational):
            return None
        env[k] = fl.fmpq(int(v.p), int(v.q))
    return env


_UNDECIDED = object()
"""A ball that straddles a threshold: more precision is needed."""


def _decide(name: str, lhs: Any, rhs: Any) -> Any:
    """The decision of :func:`_holds_exactly_sympy` from the sides' exact values or balls."""
    fl = _flint()
    exact = isinstance(lhs, fl.fmpq) and isinstance(rhs, fl.fmpq)
    if exact:
        d = lhs - rhs
        scale = max(fl.fmpq(1), abs(lhs), abs(rhs))
        tol = scale / fl.fmpq(10) ** 45
        gray = scale / fl.fmpq(10) ** 20
        lt, gt = (lambda a, b: a < b), (lambda a, b: a > b)
    else:
        a, b = _to_arb(lhs), _to_arb(rhs)
        if not (a.is_finite() and b.is_finite()):
            raise _Slow("not a finite real number")
        d = a - b
        # the scale only sets the tolerance: the midpoints (exact numbers) are enough
        scale = fl.arb(1)
        for side in (abs(a.mid()), abs(b.mid())):
            if side > scale:
                scale = side
        tol = scale / fl.arb(10) ** 45
        gray = scale / fl.arb(10) ** 20

        def lt(x: Any, y: Any) -> bool:
            return bool(x < y)

        def gt(x: Any, y: Any) -> bool:
            return bool(x > y)

    def band(value: Any, lower: Any, upper: Any) -> bool:
        """``value`` certainly strictly between ``lower`` and ``upper``."""
        return gt(value, lower) and lt(value, upper)

    ad = abs(d)
    if name == "=":
        if lt(ad, tol):
            return True
        if gt(ad, gray):
            return False
        return None if exact or band(ad, tol, gray) else _UNDECIDED
    if name == "!=":
        if gt(ad, gray):
            return True
        if lt(ad, tol):
            return False
        return None if exact or band(ad, tol, gray) else _UNDECIDED
    if name in ("<", "<="):
        d = -d
    if name in ("<", ">"):
        if gt(d, gray):
            return True
        if lt(d, -gray):
            return False
        return None if exact or band(d, -gray, gray) else _UNDECIDED
    if not lt(d, -tol):  # d >= -tol
        if exact or gt(d, -tol):
            return True
        return _UNDECIDED
    if lt(d, -gray):
        return False
    return None if exact or band(d, -gray, -tol) else _UNDECIDED


def _holds_fast(name: str, lhs: sp.Basic, rhs: sp.Basic,
                env: dict[sp.Symbol, Any]) -> bool | None:
    """The decision at ``env`` by the compiled sides; raises :class:`_Slow` to defer."""
    fl = _flint()
    left, right = _compiled(lhs), _compiled(rhs)
    if left is None or right is None:
        raise _Slow("not compiled")
    old = fl.ctx.prec
    try:
        for prec in _FAST_PRECISIONS:
            fl.ctx.prec = prec
            try:
                answer = _decide(name, left(env), right(env))
            except (ZeroDivisionError, ValueError, OverflowError) as exc:
                raise _Slow(str(exc)) from None
            if answer is not _UNDECIDED:
                return answer
    finally:
        fl.ctx.prec = old
    raise _Slow("too close to call at the fast precisions")


def _holds_exactly(rel: sp.Basic, point: dict[sp.Symbol, sp.Rational]) -> bool | None:
    """Whether a relation holds at a point (None: cannot tell, e.g. undefined there).

    The difference of the sides is compared with a tolerance relative to the sides' size
    (the larger of 1, |lhs| and |rhs|): equal within 1e-45 of it, different beyond 1e-20, too
    close to call in between; an undefined value (0/0, log 0) never counts as true or false.
    The sides are evaluated by their compiled forms (exact rationals, or arb balls whose
    error bound decides), and the original way (:func:`_holds_exactly_sympy`) wherever those
    cannot decide with certainty.

    >>> x = sp.Symbol("x", positive=True)
    >>> third = {x: sp.Rational(1, 3)}
    >>> _holds_exactly(sp.Eq((x + 1)**2, x**2 + 2*x + 1), third)   # exact rationals
    True
    >>> _holds_exactly(sp.Le(sp.log(1 + x), x - x**2/2 + x**3/3 - x**4/5), third)   # arb
    False
    >>> _holds_exactly(sp.Eq(x * sp.log(x), 0), {x: sp.Integer(0)}) is None  # 0·log 0
    True

    The spot check alone (a step whose justification checks nothing) refutes a false step,
    exactly for a rational identity and through arb for a transcendental one:

    >>> made_up = LegacyLemma("made up")
    >>> [check_relation(lhs, rel, rhs, made_up).mark for lhs, rel, rhs in [
    ...     ((x + 1)**3, "=", x**3 + 3*x**2 + 3*x + 1),
    ...     ((x + 1)**3, "=", x**3 + 3*x**2 + 2*x + 1),
    ...     (sp.exp(x), ">=", 1 + x + x**2/2),
    ...     (sp.exp(x), "<=", 1 + x + x**2/2 + x**3/6 + x**4/24)]]
    ['✓', '✗', '✓', '✗']
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
    env = _env(point)
    if env is not None:
        try:
            return _holds_fast(name, rel.lhs, rel.rhs, env)
        except _Slow:
            pass
    return _holds_exactly_sympy(rel, point)


def _holds_exactly_sympy(rel: sp.Basic, point: dict[sp.Symbol, sp.Rational]) -> bool | None:
    """:func:`_holds_exactly` by exact substitution in sympy and 60-digit evaluation."""
    if rel is sp.true or rel is sp.false:
        return bool(rel)
    if isinstance(rel, sp.And):
        parts = [_holds_exactly_sympy(a, point) for a in rel.args]
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
    # relative tolerance: the sides' size sets the scale (large random points); a difference
    # between 1e-45 and 1e-20 of that scale is too close to call
    scale = sp.Float(1, 60)
    for side in (rel.lhs, rel.rhs):
        v = _numeric(side, point)
        if v is not None and abs(v) > scale:
            scale = abs(v)
    tol = sp.Float("1e-45", 60) * scale
    gray = sp.Float("1e-20", 60) * scale
    if name == "=":
        if abs(d) < tol:
            return True
        return False if abs(d) > gray else None
    if name == "!=":
        return True if abs(d) > gray else (False if abs(d) < tol else None)
    if name in ("<", "<="):
        d = -d
    if name in ("<", ">"):
        if d > gray:
            return True
        return False if d < -gray else None
    if d >= -tol:
        return True
    return False if d < -gray else None


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
    # the sizes of indexed families (K) stay on the small grid: the sums are expanded
    for point in _sample_points(symbols, plain_hyps, limit=12, random_points=0):
        try:
            rel2, hyps2 = _expand_relation(relation, point), [
                _expand_relation(h, point) for h in indexed_hyps]
        except _Slow:  # not expandable term by term: sympy's subs and doit
            try:
                rel2 = relation.subs(point).doit()
                hyps2 = [h.subs(point).doit() for h in indexed_hyps]
            except Exception:  # cannot expand: no information at this point
                continue
        if rel2 is sp.true or rel2 is sp.false:
            if rel2 is sp.false and all(h is not sp.false for h in hyps2):
                return point
            continue
        if not rel2.free_symbols and not rel2.atoms(sp.Indexed, sp.Sum):
            # nothing left to sample: the relation at this size is a number comparison
            if _holds_exactly(rel2, {}) is False and all(
                    _holds_exactly(h, {}) is not False for h in hyps2):
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
        rel3 = _replace_in_relation(rel2, dummies)
        hyps3 = [_replace_in_relation(h, dummies) for h in hyps2 if h is not sp.true]
        for inner in _sample_points(sorted(dummies.values(), key=lambda s: s.name), hyps3,
                                    limit=30, random_points=6):
            if _holds_exactly(rel3, inner) is False:
                return {**point, **inner}
    return None


def _expand_at(e: sp.Basic, values: dict[sp.Symbol, sp.Basic]) -> sp.Basic:
    """``e`` with ``values`` substituted and its finite sums and products written out.

    Bound variables are respected (a summation index shadows a sampled symbol of the same
    name); a sum whose limits are not small integers there, or another binding construct,
    raises :class:`_Slow` (the caller then uses sympy's ``subs`` and ``doit``).
    """
    if isinstance(e, sp.Symbol):
        return values.get(e, e)
    if not e.args or isinstance(e, sp.IndexedBase):
        return e
    if isinstance(e, sp.Sum | sp.Product):
        if len(e.limits) != 1 or len(e.limits[0]) != 3:
            raise _Slow("a sum with several limits")
        var, lo, hi = e.limits[0]
        a, b = _expand_at(lo, values), _expand_at(hi, values)
        if not (a.is_Integer and b.is_Integer) or b - a + 1 > _MAX_TERMS or b < a - 1:
            raise _Slow("limits of a sum that are not small integers")
        terms = [_expand_at(e.function, {**values, var: sp.Integer(i)})
                 for i in range(int(a), int(b) + 1)]
        return sp.Add(*terms) if isinstance(e, sp.Sum) else sp.Mul(*terms)
    if isinstance(e, _BINDING):
        raise _Slow(f"a bound variable of {type(e).__name__}")
    return e.func(*[_expand_at(a, values) for a in e.args])


def _expand_relation(rel: sp.Basic, point: dict[sp.Symbol, sp.Rational]) -> sp.Basic:
    """:func:`_expand_at` of both sides of a relation, left unevaluated."""
    if rel is sp.true or rel is sp.false:
        return rel
    try:
        name = _rel_of(rel)
    except ValueError:  # a Lambda ("for every x") or a connective: as sympy expands it
        return rel.subs(point).doit()
    return _RELS[name](_expand_at(rel.lhs, point), _expand_at(rel.rhs, point),
                       evaluate=False)


def _replace_in_relation(rel: sp.Basic, table: dict[sp.Basic, sp.Basic]) -> sp.Basic:
    """``rel.xreplace(table)`` without evaluating the relation (sympy's equality test on
    large symbolic sides is slow and decides nothing the spot check needs)."""
    try:
        name = _rel_of(rel)
    except ValueError:
        return rel.xreplace(table)
    return _RELS[name](rel.lhs.xreplace(table), rel.rhs.xreplace(table), evaluate=False)


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


_ABSTRACTABLE = (sp.Sum, sp.Product, sp.exp, sp.log, sp.Indexed, sp.Derivative)


def _abstract(exprs: Sequence[sp.Basic]) -> tuple[list[sp.Basic], dict[sp.Symbol, sp.Basic]]:
    """Replace the atoms z3 cannot take by fresh real symbols, one per distinct atom.

    Applied undefined functions (``D(n)``), sums, products, exp/log, indexed entries and powers
    with a symbolic exponent become opaque real numbers (keeping a sign the atom is known to
    have). Proving the abstracted statement for *all* values of those numbers proves it for
    the actual ones, so this is sound; it can only lose facts, never add any.
    """
    table: dict[sp.Basic, sp.Symbol] = {}

    def opaque(e: sp.Basic) -> bool:
        if isinstance(e, sp.core.function.AppliedUndef) or isinstance(e, _ABSTRACTABLE):
            return True
        return isinstance(e, sp.Pow) and not e.exp.is_Number

    def walk(e: sp.Basic) -> sp.Basic:
        if opaque(e):
            if e not in table:
                kw: dict[str, bool] = {"real": True}
                if e.is_positive:
                    kw["positive"] = True
                elif e.is_nonnegative:
                    kw["nonnegative"] = True
                table[e] = sp.Symbol(f"atom{len(table)}", **kw)
            return table[e]
        if not e.args:
            return e
        return e.func(*[walk(a) for a in e.args])

    out = [walk(sp.sympify(e)) for e in exprs]
    return out, {v: k for k, v in table.items()}


def _smt_step(
    lhs: sp.Basic, rel: str, rhs: sp.Basic, hypotheses: Sequence[sp.Basic], report: StepReport
) -> None:
    plain = [h for h in hypotheses if not isinstance(h, sp.Lambda)]
    goal = _RELS[rel](lhs, rhs, evaluate=False)
    abstracted: dict[sp.Symbol, sp.Basic] = {}
    try:
        res = prove(goal, plain)
    except EncodingError as exc:
        (goal2, *hyps2), abstracted = _abstract([goal, *plain])
        try:
            res = prove(goal2, hyps2)
        except EncodingError:
            report.mark, report.detail = "?", f"cannot encode for z3: {exc}"
            return
    where = ""
    if abstracted:
        where = " (opaque atoms: " + ", ".join(sp.sstr(v) for v in abstracted.values()) + ")"
    report.detail = f"z3: {res.summary()}{where}"
    report.trust.append({"kind": "solver", "name": "z3",
                         "what": f"{sp.sstr(goal)}{where}"})
    if res.status == "proved":
        report.mark = "✓"
    elif res.status == "refuted" and not abstracted:
        report.mark = "✗"
    else:
        report.mark = "?"


def _given(lhs: sp.Basic, rel: str, rhs: sp.Basic, hypotheses: Sequence[sp.Basic]) -> bool:
    from proofs.goal import _atom_implies

    rel_expr = _RELS[rel](lhs, rhs, evaluate=False)
    for h in hypotheses:
        if instance_of(rel_expr, h, hypotheses):
            return True
        if not isinstance(h, sp.Lambda) and _atom_implies(h, rel_expr):
            return True
    return False


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
    report.trust.append({"kind": "sampling", "name": "spot check",
                         "what": "exact points over the declared domain (60 digits)"})
    if counter is not None:
        pt = ", ".join(f"{k} = {v}" for k, v in counter.items())
        report.mark = "✗"
        report.detail = f"false at {pt or 'the constants'} (exact substitution)"
        if isinstance(by, LegacyLemma):
            report.conditions = [
                _check_condition(c, hypotheses, i) for i, c in enumerate(by.side_conditions)
            ]
        return report
    if isinstance(by, Algebra):
        if rel in ("=", "=="):
            ok = is_zero(lhs - rhs, hypotheses)
        elif rel == "!=":
            ok = getattr(sp.factor(lhs - rhs), "is_nonzero", None) is True
        elif rel in ("<=", "<"):
            ok = _sign_ok(rhs - lhs, strict=rel == "<")
        else:
            ok = _sign_ok(lhs - rhs, strict=rel == ">")
        report.mark = "✓" if ok else "?"
        report.detail = "sympy verified" if ok else "sympy could not decide"
        report.trust.append({"kind": "simplification",
                             "name": "sympy " + ("zero test" if rel in ("=", "==")
                                                 else "sign under assumptions"),
                             "what": f"{sp.sstr(lhs)} {rel} {sp.sstr(rhs)}"})
    elif isinstance(by, Smt):
        facts = [check_relation(f.lhs, _rel_of(f), f.rhs, j, hypotheses, k, "fact for z3")
                 for k, (f, j) in enumerate(by.facts)]
        # a local hypothesis is not assumed: z3 must derive it from the derivation's
        # hypotheses first (otherwise the step would hold only under an unchecked assumption)
        facts += [check_relation(h.lhs, _rel_of(h), h.rhs, Smt(), hypotheses, len(facts) + k,
                                 "local hypothesis of the step, derived by z3")
                  for k, h in enumerate(by.hypotheses)]
        report.conditions = facts
        if any(f.mark != "✓" for f in facts):
            report.mark, report.detail = "?", "a fact given to z3 did not check"
        else:
            _smt_step(lhs, rel, rhs, [*hypotheses, *by.hypotheses, *(f for f, _ in by.facts)],
                      report)
    elif isinstance(by, Given):
        ok = _given(lhs, rel, rhs, hypotheses)
        report.mark = "✓" if ok else "?"
        report.detail = ("a hypothesis (or an instance of one)" if ok
                         else "not one of the hypotheses")
    elif isinstance(by, Use):
        from proofs.lemmas import apply_schema

        apply_schema(by, lhs, rel, rhs, hypotheses, report)
    else:
        conds = [_check_condition(c, hypotheses, i) for i, c in enumerate(by.side_conditions)]
        report.conditions = conds
        report.trust.append({"kind": "legacy lemma", "name": by.name,
                             "what": "legacy lemma: side conditions not linked to the step"})
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
        ends_match = is_zero(self.start - g_lhs) and is_zero(current - g_rhs)
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
        established = None
        if ok:
            established = _established(_RELS[g_rel](g_lhs, g_rhs, evaluate=False),
                                       self.hypotheses)
        return DerivationReport(self.name, reports, goal_latex, conclusion, ok, established)

    @property
    def relation(self) -> sp.Basic:
        """The declared goal as a sympy relation."""
        g_lhs, g_rel, g_rhs = self.goal
        return _RELS[g_rel](g_lhs, g_rhs, evaluate=False)


def _established(relation: sp.Basic, hypotheses: Sequence[sp.Basic]) -> Goal:
    """What a checked proof concludes: its relation under the hypotheses it used."""
    free: set[sp.Basic] = set(relation.free_symbols)
    for h in hypotheses:
        free |= h.free_symbols
    symbols = (f for f in free if isinstance(f, sp.Symbol))
    variables = tuple(sorted(symbols, key=sp.default_sort_key))
    return Goal(relation, variables, tuple(hypotheses))


# --- induction -------------------------------------------------------------------------

@dataclass
class InductionReport:
    """Base case and step of an induction, and what it establishes."""

    name: str
    base: DerivationReport
    step: DerivationReport
    conclusion: str
    ok: bool
    established: Goal | None = None

    @property
    def steps(self) -> list[StepReport]:
        return [*self.base.steps, *self.step.steps]

    def summary(self) -> str:
        marks = "".join(s.mark for s in self.base.steps) + "|" + "".join(
            s.mark for s in self.step.steps)
        return f"{self.name}: base {marks} step -> {self.conclusion}"

    def trust(self) -> list[dict[str, str]]:
        return [{"kind": "rule", "name": "induction", "what": self.name},
                *self.base.trust(), *self.step.trust()]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "conclusion": self.conclusion,
            "ok": self.ok,
            "base": self.base.to_json(),
            "step": self.step.to_json(),
            "goal_latex": self.step.goal_latex,
            "steps": [s.to_json() for s in self.steps],
        }


@dataclass(frozen=True)
class Induction:
    """``∀ var ≥ start. statement(var)`` by a base case and a step, both checked.

    ``base`` must be a derivation of ``statement(start)``; ``step`` a derivation of
    ``statement(var + 1)`` whose hypotheses are the induction's ``hypotheses`` (``Lambda``
    ones instantiated), ``statement(var)`` and ``var ≥ start``, and nothing else.
    """

    name: str
    var: sp.Symbol
    statement: sp.Basic
    base: Derivation
    step: Derivation
    start: sp.Basic = sp.S.Zero
    hypotheses: tuple[sp.Basic, ...] = ()

    def check(self) -> InductionReport:
        from proofs.goal import _same_atom

        base_r, step_r = self.base.check(), self.step.check()
        p0 = at(self.statement, self.var, self.start)
        p1 = at(self.statement, self.var, self.var + 1)
        allowed = [*self.hypotheses, self.statement, sp.Ge(self.var, self.start)]
        problems = []
        if not base_r.ok:
            problems.append(f"base case fails ({base_r.conclusion})")
        elif not _same_atom(self.base.relation, p0):
            problems.append("the base derivation does not prove statement(start)")
        elif not _covered(self.base.hypotheses, self.hypotheses):
            problems.append("the base case uses a hypothesis the induction does not have")
        if not step_r.ok:
            problems.append(f"step fails ({step_r.conclusion})")
        elif not _same_atom(self.step.relation, p1):
            problems.append("the step derivation does not prove statement(var + 1)")
        elif not _covered(self.step.hypotheses, allowed):
            problems.append("the step uses a hypothesis other than the induction hypothesis")
        if self.var.is_integer is not True:
            problems.append(f"{self.var} is not declared an integer")
        problems.extend(_start_problems(self.var, self.start))
        ok = not problems
        stmt = _LATEX_REL_STR(self.statement)
        conclusion = (f"establishes ∀{self.var} ≥ {self.start}: {stmt}" if ok
                      else "; ".join(problems))
        established = None
        if ok:
            hyps = list(self.hypotheses)
            if not (self.start == 0 and self.var.is_nonnegative) and not (
                    self.start == 1 and self.var.is_positive):
                hyps.append(sp.Ge(self.var, self.start))
            established = _established(self.statement, hyps)
        return InductionReport(self.name, base_r, step_r, conclusion, ok, established)


def _start_problems(var: sp.Symbol, start: sp.Basic) -> list[str]:
    """Why ``start`` cannot begin an induction over ``var`` (empty when it can).

    The start must be an integer in ``var``'s own domain: the step is checked only for values
    of ``var`` its assumptions allow, so a start below that domain (``-1`` for a nonnegative
    ``n``) would leave the steps from the start into the domain unchecked.

    >>> n = sp.Symbol("n", integer=True, nonnegative=True)
    >>> _start_problems(n, sp.Integer(0)), len(_start_problems(n, sp.Integer(-1)))
    ([], 1)
    >>> _start_problems(sp.Symbol("m", integer=True), sp.Rational(1, 2))[0]
    'the start 1/2 is not shown to be an integer'
    """
    start = sp.sympify(start)
    problems = []
    if start.is_integer is not True:
        problems.append(f"the start {start} is not shown to be an integer")
    for key, value in var.assumptions0.items():
        if value is True and getattr(start, f"is_{key}", None) is not True:
            problems.append(f"the start {start} is not shown to be {key}, as {var} is")
            break
    return problems


def at(relation: sp.Basic, var: sp.Symbol, value: sp.Basic) -> sp.Basic:
    """``relation`` with ``var`` replaced by ``value``, not evaluated to True/False."""
    name = _rel_of(relation)
    return _RELS[name](relation.lhs.subs(var, value), relation.rhs.subs(var, value),
                       evaluate=False)


def _LATEX_REL_STR(rel: sp.Basic) -> str:
    return sp.sstr(rel)


def _covered(used: Sequence[sp.Basic], allowed: Sequence[sp.Basic]) -> bool:
    from proofs.goal import _hyps_covered

    return _hyps_covered(used, allowed) is None
