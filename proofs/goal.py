"""Formal goals: what a claim states and what a proof-strength check concludes.

A :class:`Goal` is a sympy Boolean (relations joined by ``And``/``Or``) together with its
quantified symbols and hypotheses. The domain of each quantified symbol is its sympy
assumptions (``positive``, ``integer``, ...) plus the hypothesis relations that mention it.
A hypothesis may be a :class:`sympy.Lambda` ``Lambda(t, R(t))``: "``R(t)`` for every ``t``
in the domain of ``t``'s assumptions" (how a recursion such as ``Q(t+1) = αP + (1−α)Q(t)``
is assumed).

The engine compares goals: :func:`follows` decides whether a conclusion (what a check
established, with the hypotheses it used) implies a goal. It accepts only

* identical relations after canonicalisation (``a ≤ b`` and ``b − a ≥ 0`` are one relation);
* a conclusion atom that is stronger in an elementary way (``=`` gives ``≤`` and ``≥``,
  ``<`` gives ``≤``), on the same canonical difference;
* an implication z3 proves (the goal's atoms from the conclusion's atoms and the goal's
  hypotheses), reported as such;

and it requires every hypothesis the conclusion used to be one of the goal's hypotheses (or
an instance of a ``Lambda`` hypothesis, or a consequence of the quantified symbols'
assumptions).

>>> x = sp.Symbol("x", positive=True)
>>> g = Goal(sp.Ge(x + 1/x, 2), (x,))
>>> follows(Goal(sp.Le(2, x + 1/x), (x,)), g).kind
'identical'
>>> follows(g, Goal(sp.Ge(x + 1/x, 3), (x,))) is None
True
>>> follows(Goal(sp.Ge(x + 1/x, 3), (x,)), g).kind  # a stronger conclusion proves the goal
'implied (z3)'
>>> parse_goal(g.text) == g.formula
True
"""

from __future__ import annotations

import copyreg
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sympy as sp
from sympy.logic.boolalg import BooleanFunction

__all__ = [
    "ForEvery",
    "Goal",
    "Link",
    "canonical",
    "follows",
    "instance_of",
    "nonzero_somewhere",
    "parse_goal",
    "relation_atoms",
]

_LATEX_REL = {"=": "=", "!=": r"\ne", "<=": r"\le", "<": "<", ">=": r"\ge", ">": ">"}


class ForEvery(BooleanFunction):
    """``ForEvery(t, R)``: the relation ``R`` holds for every ``t`` (its assumptions' domain).

    Used only to print a goal with its ``Lambda`` hypotheses as one sympy Boolean.
    """

    @classmethod
    def eval(cls, *args: sp.Basic) -> None:
        return None


def relation_atoms(expr: sp.Basic) -> list[sp.Basic]:
    """The relations of a conjunction (``And`` flattened); anything else as one item."""
    if isinstance(expr, sp.And):
        out: list[sp.Basic] = []
        for a in expr.args:
            out.extend(relation_atoms(a))
        return out
    return [expr]


def _sorted_args(expr: sp.Basic) -> list[sp.Basic]:
    return sorted(expr.args, key=sp.default_sort_key)


# --- relations cross processes as they are -------------------------------------------------
#
# sympy pickles a relation as its class and sides and rebuilds it by calling the class, which
# evaluates it again; for sides sympy cannot show real (EntropyLoss(200, q) < c, built with
# evaluate=False) that raises, and a check result carrying such a conclusion could not come
# back from a worker process. A relation object with these sides existed when it was pickled,
# so the relation itself is rebuilt unevaluated. Its sides, and connectives around it, are
# rebuilt as sympy rebuilds them (evaluated): a relation between unevaluated sides such as
# 1 + 1 <= 3 comes back as 2 <= 3. The pool uses unpickled conclusions only for display (the
# goal link is decided in the worker), and every registry goal comes back equal (a test).
# copy.copy and copy.deepcopy of a relation go through the same reducer.

def _unpickle_relation(cls: type, lhs: sp.Basic, rhs: sp.Basic) -> sp.Basic:
    return cls(lhs, rhs, evaluate=False)


def _reduce_relation(rel: sp.Basic) -> tuple[Any, tuple[Any, ...]]:
    return _unpickle_relation, (type(rel), rel.lhs, rel.rhs)


for _cls in (sp.Equality, sp.Unequality, sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan,
             sp.GreaterThan):
    copyreg.pickle(_cls, _reduce_relation)


@dataclass(frozen=True)
class Goal:
    """A formal statement: ``∀ variables. hypotheses ⇒ relation``.

    ``relation`` is a sympy Boolean of relations (``And``/``Or`` allowed); ``variables`` are
    the quantified symbols (their assumptions are their domains); ``hypotheses`` are relations
    or ``Lambda(t, relation)`` for "for every t". ``parts`` optionally names the conjuncts of
    ``relation`` for display.
    """

    relation: sp.Basic
    variables: tuple[sp.Symbol, ...] = ()
    hypotheses: tuple[sp.Basic, ...] = ()
    name: str = ""
    labels: tuple[str, ...] = field(default=(), compare=False)

    @property
    def formula(self) -> sp.Basic:
        """The goal as one sympy Boolean: ``Implies(And(*hypotheses), relation)``."""
        hyps = [h for h in self.hypotheses if not isinstance(h, sp.Lambda)]
        if not hyps and len(hyps) == len(self.hypotheses):
            return self.relation
        every = [ForEvery(h.variables[0], h.expr) for h in self.hypotheses
                 if isinstance(h, sp.Lambda)]
        return sp.Implies(sp.And(*every, *hyps, evaluate=False), self.relation,
                          evaluate=False)

    @property
    def text(self) -> str:
        """A string :func:`parse_goal` turns back into :attr:`formula` (assumptions kept)."""
        return sp.srepr(self.formula)

    def __str__(self) -> str:
        return sp.sstr(self.formula)

    def latex(self) -> str:
        """LaTeX of the relation (hypotheses are printed by the claim separately)."""
        return _latex_bool(self.relation)

    def hypotheses_latex(self) -> list[str]:
        out = []
        for h in self.hypotheses:
            if isinstance(h, sp.Lambda):
                out.append(rf"\forall {sp.latex(h.variables[0])}:\ " + _latex_bool(h.expr))
            else:
                out.append(_latex_bool(h))
        return out

    def with_relation(self, relation: sp.Basic) -> Goal:
        """The same quantifiers and hypotheses with another relation (used by mutants)."""
        return Goal(relation, self.variables, self.hypotheses, self.name, self.labels)

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "string": str(self),
            "latex": self.latex(),
            "variables": [sp.srepr(v) for v in self.variables],
            "hypotheses": [sp.sstr(h) for h in self.hypotheses],
        }


def parse_goal(text: str) -> sp.Basic:
    """Parse :attr:`Goal.text` back into a sympy Boolean."""
    return sp.sympify(text, locals={"ForEvery": ForEvery})


def _rel_name(r: sp.Basic) -> str | None:
    table = (
        (sp.Equality, "="), (sp.Unequality, "!="), (sp.StrictLessThan, "<"),
        (sp.LessThan, "<="), (sp.StrictGreaterThan, ">"), (sp.GreaterThan, ">="),
    )
    for cls, name in table:
        if isinstance(r, cls):
            return name
    return None


def _latex_bool(expr: sp.Basic) -> str:
    if isinstance(expr, sp.And):
        return r" \;\wedge\; ".join(_latex_bool(a) for a in expr.args)
    if isinstance(expr, sp.Or):
        return r" \;\vee\; ".join(f"({_latex_bool(a)})" for a in expr.args)
    if isinstance(expr, sp.Implies):
        return rf"({_latex_bool(expr.args[0])}) \Rightarrow ({_latex_bool(expr.args[1])})"
    name = _rel_name(expr)
    if name is None:
        return sp.latex(expr)
    return f"{sp.latex(expr.lhs)} {_LATEX_REL[name]} {sp.latex(expr.rhs)}"


# --- canonical form --------------------------------------------------------------------

def canonical(rel: sp.Basic) -> tuple[str, sp.Basic] | None:
    """``(kind, d)`` with ``kind`` one of ``=``, ``!=``, ``>=``, ``>`` and ``d REL 0``.

    ``a ≤ b`` becomes ``(">=", b − a)``; ``a = b`` becomes ``("=", a − b)``. Not a relation:
    None.
    """
    name = _rel_name(rel)
    if name is None:
        return None
    lhs, rhs = rel.lhs, rel.rhs
    if name in ("<=", "<"):
        return (">=" if name == "<=" else ">", rhs - lhs)
    if name in (">=", ">"):
        return (name, lhs - rhs)
    return (name, lhs - rhs)


def _zero(e: sp.Basic) -> bool:
    """sympy shows ``e`` is identically zero (over its symbols' declared domains).

    A difference that evaluates to a clearly non-zero number at a point of the declared
    domain cannot be identically zero, so it is answered at once without the simplifier
    chain (which on a false statement tries every simplification before giving up).
    """
    from proofs.derivation import is_zero  # late import: derivation imports this module

    if nonzero_somewhere(e):
        return False
    return is_zero(e)


_PROBE_REALS = tuple(sp.Rational(v) for v in ("2/7", "3/5", "5/3", "-4/9", "11/13", "7/2"))
_PROBE_INTS = (2, 3, 4, 1, 5, 0, -2)


_FACTS = ("real", "integer", "rational", "irrational", "noninteger", "even", "odd", "prime",
          "composite", "zero", "nonzero", "positive", "negative", "nonnegative", "nonpositive")


def _admits(atom: sp.Basic, v: sp.Rational) -> bool:
    """Every assumption sympy knows of ``atom`` holds of the number ``v``."""
    for fact in _FACTS:
        known = getattr(atom, f"is_{fact}", None)
        if known is not None and getattr(v, f"is_{fact}") is not known:
            return False
    return True


def _probe_value(atom: sp.Basic, k: int) -> sp.Rational | None:
    """The ``k``-th probe value for ``atom`` in its declared domain (None: none fits)."""
    pool = [sp.Integer(v) for v in _PROBE_INTS] + list(_PROBE_REALS)
    pool += [-v for v in pool]
    pool = [v for v in pool if _admits(atom, v)]
    if atom.is_integer is not True:  # prefer non-integers for real symbols
        pool = [v for v in pool if not v.is_integer] + [v for v in pool if v.is_integer]
    return pool[k % len(pool)] if pool else None


def nonzero_somewhere(e: sp.Basic, points: int = 3) -> bool:
    """``e`` takes a clearly non-zero value at an exact point of its declared domain.

    Free symbols get exact rational values allowed by their assumptions (integers for
    integer symbols: the bounds of finite sums), finite sums are then added up, and the
    remaining indexed values and applied undefined functions (``p[2]``, ``Q(0)``) get values
    allowed by their assumptions: a genuine point of the domain. The value is exact or
    computed to 50 digits; only a finite real value above ``1e-20`` counts. A number (nothing
    left to give a value to) is evaluated once, and one whose series sympy sums to +∞ or −∞
    (a divergent series) counts as non-zero. False means "not shown non-zero", never "zero".

    >>> x = sp.Symbol("x", positive=True)
    >>> nonzero_somewhere((1 + x)**2 - 1 - 2*x - x**2), nonzero_somewhere(x**2 - x)
    (False, True)
    >>> k = sp.Symbol("k", integer=True, nonnegative=True)
    >>> nonzero_somewhere(sp.Sum(2**k, (k, 0, sp.oo)) - 1)
    True
    """
    try:
        e = sp.sympify(e)
    except (sp.SympifyError, TypeError):
        return False
    if not isinstance(e, sp.Expr):
        return False
    for k in range(points):
        shown, stop = _probe(e, k)
        if shown:
            return True
        if stop:
            break
    return False


def _probe(e: sp.Expr, k: int) -> tuple[bool, bool]:
    """(``e`` is clearly non-zero at the ``k``-th probe point, no further probe can tell
    more): the probing stops when ``e`` is a number (nothing was given a value, so every
    probe gives the same value) or its domain does not fit the probe values."""
    try:
        # indexed labels (and the Indexed objects themselves) are not values of their own
        labels = {b.base.label for b in e.atoms(sp.Indexed)}
        syms = sorted((s for s in e.free_symbols
                       if isinstance(s, sp.Symbol) and s not in labels),
                      key=sp.default_sort_key)
        point = {s: _probe_value(s, k + j) for j, s in enumerate(syms)}
        if any(val is None for val in point.values()):
            return False, True  # a domain the probe values do not fit
        v = e.subs(point)
        if v.has(sp.Sum, sp.Product):
            v = v.doit()
        rest = sorted(v.atoms(sp.Indexed) | v.atoms(sp.core.function.AppliedUndef),
                      key=sp.default_sort_key)
        number = not syms and not rest
        if number and v in (sp.oo, sp.S.NegativeInfinity):
            return True, number  # a divergent series is not 0
        if rest:
            values = {a: _probe_value(a, k + 2 * j + 1) for j, a in enumerate(rest)}
            if any(val is None for val in values.values()):
                return False, True
            v = v.xreplace(values)
        if v.free_symbols or v.has(sp.Sum, sp.Product):
            return False, number
        if v.is_Rational:
            return v != 0, number
        # a definite integral is evaluated by quadrature (20 digits): a value above 1e-8
        # is far beyond its error; exact terms to 50 digits
        quad = v.has(sp.Integral)
        if quad:  # each integral on its own, so a cancelling sum is not re-refined
            v = v.xreplace({i: sp.Float(i.evalf(20, maxn=60), 20)
                            for i in v.atoms(sp.Integral)})
        n = v.evalf(20 if quad else 50, maxn=120)
        tol = 1e-8 if quad else 1e-20
        shown = isinstance(n, sp.Number) and n.is_finite and n.is_real and abs(n) > tol
        return bool(shown), number
    except Exception:  # undefined at this point, or not evaluable: no information
        return False, False


def _same_atom(a: sp.Basic, b: sp.Basic) -> bool:
    """The two relations are the same after canonicalisation."""
    if a == b:
        return True
    ca, cb = canonical(a), canonical(b)
    if ca is None or cb is None:
        return False
    if ca[0] != cb[0]:
        return False
    if ca[0] in ("=", "!="):
        return _zero(ca[1] - cb[1]) or _zero(ca[1] + cb[1])
    return _zero(ca[1] - cb[1])


def _atom_implies(a: sp.Basic, b: sp.Basic) -> str | None:
    """'identical', 'weaker' (b follows from a elementarily) or None."""
    if _same_atom(a, b):
        return "identical"
    ca, cb = canonical(a), canonical(b)
    if ca is None or cb is None:
        return None
    ka, da = ca
    kb, db = cb
    if ka == ">" and kb == ">=" and _zero(da - db):
        return "weaker"
    if ka == "=" and kb == ">=" and (_zero(da - db) or _zero(da + db)):
        return "weaker"
    return None


def instance_of(h: sp.Basic, hyp: sp.Basic, context: Sequence[sp.Basic] = ()) -> bool:
    """``h`` is ``hyp`` (canonically) or an instance of the ``Lambda`` hypothesis ``hyp`` at a
    value of its variable's domain (shown from assumptions, or a sign from ``context``)."""
    if not isinstance(hyp, sp.Lambda):
        return _same_atom(h, hyp)
    var = hyp.variables[0]
    body = hyp.expr
    w = sp.Wild("w")
    pattern = body.xreplace({var: w})
    for cand in _instance_candidates(h, body, var):
        if _in_domain(var, cand, context) and _same_atom(h, body.xreplace({var: cand})):
            return True
    m = h.match(pattern)
    if m and w in m and _in_domain(var, m[w], context):
        return _same_atom(h, body.xreplace({var: m[w]}))
    return False


_POSITIVE_KEYS = {"positive", "extended_positive", "nonzero", "extended_nonzero"}
_NONNEGATIVE_KEYS = {"nonnegative", "extended_nonnegative"}


def _in_domain(var: sp.Symbol, value: sp.Basic, context: Sequence[sp.Basic] = ()) -> bool:
    """``value`` is shown to satisfy every assumption of ``var`` (a "for every t" hypothesis
    says nothing about values outside t's domain). Facts sympy cannot read from ``value``'s
    own assumptions may be signs only, each given by a relation of ``context`` that bounds
    ``value`` below by a number.

    >>> t = sp.Symbol("t", integer=True, nonnegative=True)
    >>> [_in_domain(t, v) for v in (sp.Integer(2), sp.Integer(-1), sp.Rational(1, 2))]
    [True, False, False]
    >>> s = sp.Symbol("s", integer=True)
    >>> _in_domain(t, t + 1), _in_domain(t, s), _in_domain(t, s, [sp.Ge(s, 1)])
    (True, False, True)
    """
    value = sp.sympify(value)
    unknown = set()
    for key, known in var.assumptions0.items():
        if known is not True:
            continue
        got = getattr(value, f"is_{key}", None)
        if got is False:
            return False
        if got is None:
            unknown.add(key)
    if not unknown:
        return True
    if not unknown <= _POSITIVE_KEYS | _NONNEGATIVE_KEYS or not (
            var.is_nonnegative or var.is_positive):
        return False
    strict = bool(unknown & _POSITIVE_KEYS)
    for c in context:
        if isinstance(c, sp.Lambda):
            continue
        can = canonical(c)
        if can is None or can[0] not in (">=", ">"):
            continue
        gap = sp.simplify(value - can[1])  # value = d + gap with d (>= or >) 0
        if not gap.is_number or not gap.is_real:
            continue
        if gap > 0 or (gap >= 0 and (can[0] == ">" or not strict)):
            return True
    return False


def _instance_candidates(h: sp.Basic, body: sp.Basic, var: sp.Symbol) -> Iterable[sp.Basic]:
    """Values of ``var`` suggested by applied functions shared by ``h`` and ``body``."""
    seen: list[sp.Basic] = []
    fb = [f for f in body.atoms(sp.Function) if f.has(var) and len(f.args) == 1]
    fh = [f for f in h.atoms(sp.Function) if len(f.args) == 1]
    for pat in fb:
        for got in fh:
            if pat.func != got.func:
                continue
            sol = sp.solve(sp.Eq(pat.args[0], got.args[0]), var, dict=False)
            for s in sol if isinstance(sol, list) else [sol]:
                if s not in seen:
                    seen.append(s)
    return seen


def _assumed(h: sp.Basic) -> bool:
    """A hypothesis that the symbols' assumptions already give (``α > 0`` for positive α)."""
    c = canonical(h)
    if c is None:
        return h is sp.true
    kind, d = c
    if kind == ">=":
        return d.is_nonnegative is True
    if kind == ">":
        return d.is_positive is True
    if kind == "!=":
        return d.is_nonzero is True
    return d.is_zero is True


@dataclass(frozen=True)
class Link:
    """How a conclusion reaches a goal: ``identical``, ``weaker`` or ``implied (z3)``."""

    kind: str
    detail: str = ""


def _hyps_covered(used: Sequence[sp.Basic], allowed: Sequence[sp.Basic]) -> str | None:
    """None if every used hypothesis is allowed, else the first one that is not."""
    for h in used:
        if isinstance(h, sp.Lambda):
            if any(isinstance(a, sp.Lambda) and h == a for a in allowed):
                continue
            return sp.sstr(h)
        context = [a for a in allowed if not isinstance(a, sp.Lambda)]
        if _assumed(h) or any(instance_of(h, a, context) for a in allowed):
            continue
        return sp.sstr(h)
    return None


def follows(conclusion: Goal, goal: Goal, *, use_smt: bool = True) -> Link | None:
    """Whether ``conclusion`` implies ``goal`` (None: not shown).

    Every hypothesis of the conclusion must be a hypothesis of the goal (or an instance of a
    ``Lambda`` hypothesis, or implied by symbol assumptions). Then every atom of the goal's
    relation must follow from an atom of the conclusion (identical or elementarily weaker), or
    the whole implication is proved by z3 under the goal's hypotheses.
    """
    missing = _hyps_covered(conclusion.hypotheses, goal.hypotheses)
    if missing is not None:
        return None
    c_atoms = relation_atoms(conclusion.relation)
    kinds = []
    for g_atom in relation_atoms(goal.relation):
        if isinstance(g_atom, sp.Or):
            got = [_atom_implies(c, d) for d in g_atom.args for c in c_atoms]
            got = [k for k in got if k]
            kinds.append("weaker" if got else None)
            continue
        if any(c == g_atom for c in c_atoms):  # the same relation: no simplification needed
            kinds.append("identical")
            continue
        best = None
        for c in c_atoms:
            k = _atom_implies(c, g_atom)
            if k == "identical":
                best = k
                break
            best = best or k
        kinds.append(best)
    if all(kinds):
        kind = "identical" if all(k == "identical" for k in kinds) else "weaker"
        return Link(kind)
    if not use_smt:
        return None
    return _smt_implies(c_atoms, goal)


def _smt_implies(c_atoms: Sequence[sp.Basic], goal: Goal) -> Link | None:
    from numerics.errors import EncodingError
    from proofs.derivation import _abstract
    from proofs.smt import prove

    hyps = [h for h in goal.hypotheses if not isinstance(h, sp.Lambda)]
    opaque = False
    try:
        try:
            res = prove(goal.relation, [*hyps, *c_atoms])
        except EncodingError:
            # sums, powers with symbolic exponents, D(n): opaque real numbers (sound: the
            # implication is then shown for every value they could take)
            (rel, *rest), _ = _abstract([goal.relation, *hyps, *c_atoms])
            res = prove(rel, rest)
            opaque = True
    except Exception:  # not in z3's fragment: the implication is not shown
        return None
    if res.status == "proved" and not res.side_conditions:
        return Link("implied (z3)", "z3 proved the goal from the conclusion and hypotheses"
                    + (" (opaque atoms)" if opaque else ""))
    return None
