"""The trust base: standard results the derivations may use, each stated once as a schema.

A :class:`Schema` has pattern variables (sympy symbols, or undefined functions standing for
any function), premises and a conclusion written over them, and a citation. A derivation step
``Step(rel, expr, Use(SCHEMA, bind={...}, by=(...)))`` is accepted only when

1. a substitution of the pattern variables (given in ``bind`` or found by matching the step
   against the conclusion) makes the instantiated conclusion *the step itself* (identical
   after canonicalisation, or elementarily stronger: ``<`` for a ``≤`` step);
2. every instantiated premise checks as a step of its own under the derivation's hypotheses
   (and the premise's local hypotheses over its own bound symbols), with the justification
   given in ``by`` (algebra by default; z3, a hypothesis or another schema).

So there are no free-standing side conditions: what is checked is the schema's premises at
the substitution that produced the step. A premise that a function is smooth on an interval
is checked from sympy's continuity domain of the function and its derivative.

>>> x = sp.Symbol("x", real=True)
>>> from proofs.derivation import Derivation, Step
>>> d = Derivation("1-x <= e^-x", 1 - x, [Step("<=", sp.exp(-x), Use(ONE_MINUS_X_LE_EXP))],
...                goal=(1 - x, "<=", sp.exp(-x)))
>>> d.check().ok
True
>>> bad = Derivation("1-2x <= e^-x", 1 - 2*x, [Step("<=", sp.exp(-x), Use(ONE_MINUS_X_LE_EXP))],
...                  goal=(1 - 2*x, "<=", sp.exp(-x)))
>>> bad.check().ok
False
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp
from sympy.calculus.util import continuous_domain
from sympy.core.function import UndefinedFunction

from proofs.derivation import Algebra, StepReport, Use, check_relation
from proofs.goal import _atom_implies, canonical

__all__ = [
    "ABS_SCALE",
    "BINOMIAL_MEAN",
    "BINOMIAL_SECOND_MOMENT",
    "BINOMIAL_THEOREM",
    "BINOMIAL_Y",
    "CMI_NONNEGATIVE",
    "DATA_PROCESSING",
    "FACTOR_OUT_OF_SUM",
    "JENSEN_BINOMIAL",
    "JENSEN_BINOMIAL_STRICT",
    "JENSEN_CONCAVE",
    "KERNEL_M",
    "KERNEL_T",
    "KERNEL_X",
    "LINEAR_COMBINATION_OF_SUMS",
    "LOG_LE_MINUS_ONE",
    "LOG_MONOTONE",
    "LOG_STRICTLY_INCREASING",
    "MARKOV_REFIT",
    "MARKOV_SQRT",
    "MI_CHAIN_RULE",
    "MONOTONE_FROM_ZERO",
    "ONE_MINUS_X_LE_EXP",
    "PERSPECTIVE_CONVEX",
    "POWER_MEAN",
    "POWER_NONNEGATIVE",
    "RV_M",
    "RV_X",
    "SCHEMAS",
    "SUBSTITUTE_EQUAL",
    "SUM_CONGRUENCE",
    "SUM_MONOTONE",
    "SUM_OF_SUMS",
    "SUM_STRICT",
    "BinomialAverage",
    "ConditionalMutualInformation",
    "LearnerOutput",
    "MutualInformation",
    "Premise",
    "Refit",
    "Schema",
    "Smooth",
    "apply_schema",
]


@dataclass(frozen=True)
class Premise:
    """A premise: ``relation`` for every value of ``bound`` satisfying ``where``."""

    relation: sp.Basic
    bound: tuple[sp.Symbol, ...] = ()
    where: tuple[sp.Basic, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Smooth:
    """Premise: ``expr`` and its derivative in ``var`` are continuous for ``lo ≤ var ≤ hi``."""

    expr: sp.Basic
    var: sp.Symbol
    lo: sp.Basic
    hi: sp.Basic
    note: str = ""


@dataclass(frozen=True)
class Schema:
    """A standard result: ``premises ⇒ conclusion`` over the pattern ``variables``."""

    name: str
    citation: str
    variables: tuple[sp.Basic, ...]
    conclusion: sp.Basic
    premises: tuple[Premise | Smooth, ...] = ()
    statement: str = ""

    def describe(self) -> str:
        return f"{self.name} ({self.citation})"


# --- pattern variables -----------------------------------------------------------------

_x, _a, _b, _u = sp.symbols("x a b u", real=True)
_z = sp.Symbol("z", real=True)
_i = sp.Symbol("i", integer=True)
_lo, _hi = sp.symbols("lo hi", integer=True)
_w = sp.Symbol("w", real=True)
_g = sp.Function("g")
_h = sp.Function("h")

# --- the schemas -----------------------------------------------------------------------

ONE_MINUS_X_LE_EXP = Schema(
    "1 - x <= exp(-x)",
    "convexity of exp: the tangent line at 0 lies below; e.g. Rudin, Principles of "
    "Mathematical Analysis, 3rd ed., Thm 8.6 and ex. 8.6",
    (_x,),
    sp.Le(1 - _x, sp.exp(-_x)),
    statement="for every real x",
)

MONOTONE_FROM_ZERO = Schema(
    "monotonicity from a zero",
    "mean value theorem (Rudin, Principles of Mathematical Analysis, 3rd ed., Thm 5.10, "
    "5.11): g(a) = 0 and g' >= 0 on [a, x] give g(x) >= 0",
    (_g, _a, _x),
    sp.Ge(_g(_x), 0),
    (
        Premise(sp.Le(_a, _x), note="a <= x"),
        Premise(sp.Eq(_g(_a), 0), note="g(a) = 0"),
        Smooth(_g(_z), _z, _a, _x, note="g is continuously differentiable on [a, x]"),
        Premise(sp.Ge(sp.Derivative(_g(_z), _z), 0), (_z,),
                (sp.Le(_a, _z), sp.Le(_z, _x)), note="g'(z) >= 0 on [a, x]"),
    ),
)

JENSEN_CONCAVE = Schema(
    "Jensen, two points (concave g)",
    "definition of concavity; a C^2 function with g'' <= 0 on an interval is concave there "
    "(Boyd & Vandenberghe, Convex Optimization, §3.1.4)",
    (_g, _w, _a, _b),
    sp.Le(_w * _g(_a) + (1 - _w) * _g(_b), _g(_w * _a + (1 - _w) * _b)),
    (
        Premise(sp.Le(0, _w), note="0 <= w"),
        Premise(sp.Le(_w, 1), note="w <= 1"),
        Premise(sp.Le(_a, _b), note="a <= b (order the points)"),
        Smooth(sp.Derivative(_g(_z), _z), _z, _a, _b, note="g is C^2 on [a, b]"),
        Premise(sp.Le(sp.Derivative(_g(_z), _z, 2), 0), (_z,),
                (sp.Le(_a, _z), sp.Le(_z, _b)), note="g''(z) <= 0 on [a, b]"),
    ),
)

SUM_CONGRUENCE = Schema(
    "termwise equality of finite sums",
    "a finite sum is determined by its terms",
    (_u, _g, _h, _i, _lo, _hi),
    sp.Eq(_u * sp.Sum(_g(_i), (_i, _lo, _hi)), _u * sp.Sum(_h(_i), (_i, _lo, _hi))),
    (
        Premise(sp.Eq(_g(_i), _h(_i)), (_i,), (sp.Le(_lo, _i), sp.Le(_i, _hi)),
                note="g(i) = h(i) for lo <= i <= hi"),
    ),
)

SUM_MONOTONE = Schema(
    "termwise inequality of finite sums",
    "monotonicity of finite sums (induction on the number of terms), times u >= 0",
    (_u, _g, _h, _i, _lo, _hi),
    sp.Le(_u * sp.Sum(_g(_i), (_i, _lo, _hi)), _u * sp.Sum(_h(_i), (_i, _lo, _hi))),
    (
        Premise(sp.Ge(_u, 0), note="u >= 0"),
        Premise(sp.Le(_g(_i), _h(_i)), (_i,), (sp.Le(_lo, _i), sp.Le(_i, _hi)),
                note="g(i) <= h(i) for lo <= i <= hi"),
    ),
)

FACTOR_OUT_OF_SUM = Schema(
    "linearity of finite sums: constant factor",
    "distributivity, summed over finitely many terms",
    (_u, _w, _g, _i, _lo, _hi),
    sp.Eq(_u * sp.Sum(_w * _g(_i), (_i, _lo, _hi)), _u * _w * sp.Sum(_g(_i), (_i, _lo, _hi))),
    (Premise(sp.Eq(sp.Derivative(_w, _i), 0), note="w does not depend on i"),),
)

SUM_OF_SUMS = Schema(
    "linearity of finite sums: sum of two families",
    "commutativity and associativity of addition, over finitely many terms",
    (_u, _g, _h, _i, _lo, _hi),
    sp.Eq(_u * sp.Sum(_g(_i) + _h(_i), (_i, _lo, _hi)),
          _u * (sp.Sum(_g(_i), (_i, _lo, _hi)) + sp.Sum(_h(_i), (_i, _lo, _hi)))),
)

ABS_SCALE = Schema(
    "|u y| = u |y| for u >= 0",
    "multiplicativity of the absolute value",
    (_u, _x),
    sp.Eq(sp.Abs(_u * _x), _u * sp.Abs(_x)),
    (Premise(sp.Ge(_u, 0), note="u >= 0"),),
)

POWER_NONNEGATIVE = Schema(
    "b^k >= 0 for b >= 0",
    "powers of a nonnegative real are nonnegative (induction on k)",
    (_b, _x),
    sp.Ge(_b**_x, 0),
    (Premise(sp.Ge(_b, 0), note="b >= 0"),),
)


#: Every schema of the trust base, by name.
SCHEMAS: dict[str, Schema] = {
    s.name: s for s in (
        ONE_MINUS_X_LE_EXP, MONOTONE_FROM_ZERO, JENSEN_CONCAVE, SUM_CONGRUENCE, SUM_MONOTONE,
        FACTOR_OUT_OF_SUM, SUM_OF_SUMS, ABS_SCALE, POWER_NONNEGATIVE,
    )
}


# --- finite sums, strict; Jensen for a binomial frequency ------------------------------

SUM_STRICT = Schema(
    "termwise strict inequality of finite sums",
    "monotonicity of finite sums (induction on the number of terms), with at least one term",
    (_g, _h, _i, _lo, _hi),
    sp.Lt(sp.Sum(_g(_i), (_i, _lo, _hi)), sp.Sum(_h(_i), (_i, _lo, _hi))),
    (
        Premise(sp.Le(_lo, _hi), note="the sum has at least one term"),
        Premise(sp.Lt(_g(_i), _h(_i)), (_i,), (sp.Le(_lo, _i), sp.Le(_i, _hi)),
                note="g(i) < h(i) for lo <= i <= hi"),
    ),
)

#: ``BinomialAverage(g(y), y, n, q)`` is E[g(K/n)] for K ~ Binomial(n, q), with g(0) read as
#: g(0+): the expectation operator of a binomial frequency, kept unevaluated.
BinomialAverage = sp.Function("BinomialAverage")
#: the bound variable of ``BinomialAverage`` (use this symbol so that steps match the schemas)
BINOMIAL_Y = sp.Symbol("y", real=True)

_n = sp.Symbol("n", integer=True, positive=True)
_q = sp.Symbol("q", real=True)
_yp = sp.Symbol("y", positive=True)

_JENSEN_CITATION = (
    "Jensen's inequality E[g(Y)] <= g(E[Y]) for concave g, strict when g is strictly concave "
    "and Y is not almost surely constant (Cover & Thomas, Elements of Information Theory, "
    "2nd ed., Thm 2.6.2); Y = K/n with K ~ Binomial(n, q) takes values in [0, 1] and has "
    "E[Y] = q and Var Y = q(1 - q)/n (Feller, An Introduction to Probability Theory and Its "
    "Applications I, 3rd ed., §IX.4), positive for 0 < q < 1"
)

JENSEN_BINOMIAL = Schema(
    "Jensen for a binomial frequency",
    _JENSEN_CITATION,
    (_g, _n, _q),
    sp.Le(BinomialAverage(_g(BINOMIAL_Y), BINOMIAL_Y, _n, _q), _g(_q)),
    (
        Premise(sp.Lt(0, _q), note="0 < q"),
        Premise(sp.Le(_q, 1), note="q <= 1"),
        Premise(sp.Le(sp.Derivative(_g(_yp), _yp, 2), 0), (_yp,), (sp.Le(_yp, 1),),
                note="g''(y) <= 0 on (0, 1]: g is concave"),
        Premise(sp.Eq(sp.Limit(_g(_yp), _yp, 0, "+"), 0), note="g(0+) = 0"),
    ),
)

JENSEN_BINOMIAL_STRICT = Schema(
    "Jensen for a binomial frequency, strict",
    _JENSEN_CITATION,
    (_g, _n, _q),
    sp.Lt(BinomialAverage(_g(BINOMIAL_Y), BINOMIAL_Y, _n, _q), _g(_q)),
    (
        Premise(sp.Lt(0, _q), note="0 < q"),
        Premise(sp.Lt(_q, 1), note="q < 1: the frequency is not constant"),
        Premise(sp.Lt(sp.Derivative(_g(_yp), _yp, 2), 0), (_yp,), (sp.Le(_yp, 1),),
                note="g''(y) < 0 on (0, 1]: g is strictly concave"),
        Premise(sp.Eq(sp.Limit(_g(_yp), _yp, 0, "+"), 0), note="g(0+) = 0"),
    ),
)

SCHEMAS.update({s.name: s for s in (SUM_STRICT, JENSEN_BINOMIAL, JENSEN_BINOMIAL_STRICT)})


# --- schemas used by information ---------------------------------------------------------

_a1, _b1, _a2, _b2 = sp.symbols("a_1 b_1 a_2 b_2", real=True)
_f = sp.Function("f")
_B = _w * _b1 + (1 - _w) * _b2

PERSPECTIVE_CONVEX = Schema(
    "joint convexity of the perspective of a convex function",
    "the perspective (a, b) -> b f(a/b) of a convex f is jointly convex on (0, oo)^2 (Boyd & "
    "Vandenberghe, Convex Optimization, §3.2.6); summed over coordinates this is the joint "
    "convexity of f-divergences (Liese & Vajda, IEEE Trans. Inf. Theory 52 (2006), §II)",
    (_f, _w, _a1, _b1, _a2, _b2),
    sp.Le(_B * _f((_w * _a1 + (1 - _w) * _a2) / _B),
          _w * _b1 * _f(_a1 / _b1) + (1 - _w) * _b2 * _f(_a2 / _b2)),
    (
        Premise(sp.Le(0, _w), note="0 <= w"),
        Premise(sp.Le(_w, 1), note="w <= 1"),
        Premise(sp.Gt(_a1, 0), note="a_1 > 0"),
        Premise(sp.Gt(_b1, 0), note="b_1 > 0"),
        Premise(sp.Gt(_a2, 0), note="a_2 > 0"),
        Premise(sp.Gt(_b2, 0), note="b_2 > 0"),
        Smooth(sp.Derivative(_f(_z), _z), _z, _a1 / _b1, sp.oo,
               note="f is C^2 on [a_1/b_1, oo)"),
        Smooth(sp.Derivative(_f(_z), _z), _z, _a2 / _b2, sp.oo,
               note="f is C^2 on [a_2/b_2, oo)"),
        Premise(sp.Ge(sp.Derivative(_f(_yp), _yp, 2), 0), (_yp,),
                note="f''(y) >= 0 for y > 0: f is convex"),
    ),
    statement="the two C^2 ranges cover the segment between a_1/b_1 and a_2/b_2",
)

LOG_LE_MINUS_ONE = Schema(
    "ln u <= u - 1",
    "concavity of ln: the tangent line at 1 lies above (Cover & Thomas, Elements of "
    "Information Theory, 2nd ed., proof of Thm 2.6.3; Hardy, Littlewood & Pólya, "
    "Inequalities, §4.2)",
    (_u,),
    sp.Le(sp.log(_u), _u - 1),
    (Premise(sp.Gt(_u, 0), note="u > 0"),),
)

LOG_MONOTONE = Schema(
    "ln is increasing",
    "monotonicity of the logarithm on (0, oo) (Rudin, Principles of Mathematical Analysis, "
    "3rd ed., §8.6)",
    (_a, _b),
    sp.Le(sp.log(_a), sp.log(_b)),
    (
        Premise(sp.Gt(_a, 0), note="a > 0"),
        Premise(sp.Le(_a, _b), note="a <= b"),
    ),
)

#: ``MutualInformation(A, B)``: I(A; B) of two random variables (kept unevaluated).
MutualInformation = sp.Function("I")
#: ``LearnerOutput(k)``: the output T of a learner whose law given (X = x, M = m) is the kernel
#: expression ``k`` (in the symbols t, x, m below).
LearnerOutput = sp.Function("T")
RV_M, RV_X = sp.symbols("M X")  # the mechanism and the data, as random variables
KERNEL_T, KERNEL_X = sp.symbols("t x")  # the output value and the data value of a kernel
KERNEL_M = sp.Symbol("m", integer=True)  # the mechanism value of a kernel
_k = sp.Function("k")

DATA_PROCESSING = Schema(
    "data-processing inequality",
    "if M -> X -> T is a Markov chain then I(M; T) <= I(M; X) (Cover & Thomas, Elements of "
    "Information Theory, 2nd ed., Thm 2.8.1); the chain is Markov when the law of T given "
    "(X, M) does not involve M",
    (_k,),
    sp.Le(MutualInformation(RV_M, LearnerOutput(_k(KERNEL_T, KERNEL_X, KERNEL_M))),
          MutualInformation(RV_M, RV_X)),
    (
        Premise(sp.Eq(sp.Derivative(_k(KERNEL_T, KERNEL_X, KERNEL_M), KERNEL_M), 0),
                note="the kernel P(T = t | X = x, M = m) does not involve m"),
    ),
)

_r, _c = sp.symbols("r c", real=True)

MARKOV_SQRT = Schema(
    "w 1{r >= c} <= w sqrt(r/c)",
    "the pointwise bound behind Markov's inequality for sqrt(R), P(R >= c) <= E[sqrt(R/c)] "
    "(Durrett, Probability: Theory and Examples, 5th ed., Thm 1.6.4): on {r >= c} "
    "sqrt(r/c) >= 1, elsewhere sqrt(r/c) >= 0; times a weight w >= 0",
    (_w, _r, _c),
    sp.Le(_w * sp.Piecewise((1, _r >= _c), (0, True)), _w * sp.sqrt(_r / _c)),
    (
        Premise(sp.Ge(_w, 0), note="w >= 0"),
        Premise(sp.Ge(_r, 0), note="r >= 0"),
        Premise(sp.Gt(_c, 0), note="c > 0"),
    ),
)

SCHEMAS.update({s.name: s for s in (PERSPECTIVE_CONVEX, LOG_LE_MINUS_ONE,
                                    LOG_MONOTONE, DATA_PROCESSING, MARKOV_SQRT)})


# --- instantiation and checking ----------------------------------------------------------

def _instantiate(e: sp.Basic, subst: dict[sp.Basic, sp.Basic]) -> sp.Basic:
    plain = {k: v for k, v in subst.items() if not isinstance(k, UndefinedFunction)}
    funcs = {k: v for k, v in subst.items() if isinstance(k, UndefinedFunction)}
    out = e
    for f, lam in funcs.items():
        out = out.replace(f, lam)
    out = out.xreplace(plain)
    return out


def _doit_keeping_symbolic_sums(e: sp.Basic) -> sp.Basic:
    """``e.doit()``, except that a sum with a symbolic bound is left a sum (its summand
    evaluated): sympy's symbolic summation is slow and the step is compared with the
    instance by a zero test either way."""
    symbolic = [s for s in e.atoms(sp.Sum)
                if any(not b.is_number for _, lo, hi in s.limits for b in (lo, hi))]
    if not symbolic:
        return e.doit()
    table = {s: sp.Dummy() for s in symbolic}
    back = {d: sp.Sum(s.function.doit(), *s.limits) for s, d in table.items()}
    return e.xreplace(table).doit().xreplace(back)


def _as_lambda(var: sp.Symbol, value: sp.Basic) -> sp.Basic:
    if isinstance(value, sp.Lambda):
        return value
    return sp.Lambda(var, value)


def _find_substitution(
    schema: Schema, bound: dict[sp.Basic, sp.Basic], step: sp.Basic
) -> dict[sp.Basic, sp.Basic] | None:
    """Complete ``bound`` by matching the step's relation against the conclusion."""
    bound = dict(bound)
    sums = sorted(step.atoms(sp.Sum), key=sp.default_sort_key)
    if sums and all(v in schema.variables for v in (_i, _lo, _hi)):
        index, lo, hi = sums[0].limits[0]
        for var, val in ((_i, index), (_lo, lo), (_hi, hi)):
            bound.setdefault(var, val)
    # a function variable given as an expression is a function of the summation index
    # (or, outside sums, of z)
    for var in schema.variables:
        if isinstance(var, UndefinedFunction) and var in bound:
            if not isinstance(bound[var], sp.Lambda):
                bound[var] = _as_lambda(bound.get(_i, _z), bound[var])
    unbound = [v for v in schema.variables if v not in bound]
    if any(isinstance(v, UndefinedFunction) for v in unbound):
        return None  # function variables must be bound explicitly
    if not unbound:
        return bound  # fully bound: the caller compares the step with the instance
    wilds = {v: sp.Wild(f"W_{v}") for v in unbound}
    pattern = _instantiate(schema.conclusion, bound).xreplace(wilds)
    c_step = canonical(step)
    c_pat = canonical(pattern)
    if c_step is None or c_pat is None:
        return None
    candidates = [(pattern.lhs, pattern.rhs, step.lhs, step.rhs)]
    if c_step[0] == c_pat[0]:
        candidates.append((pattern.lhs, pattern.rhs, step.rhs, step.lhs))
    for pl, pr, sl, sr in candidates:
        m1 = sl.match(pl) if pl.has(*wilds.values()) else ({} if pl == sl else None)
        if m1 is None:
            continue
        m2 = sr.match(pr.xreplace(m1)) if pr.xreplace(m1).has(*wilds.values()) else {}
        if m2 is None:
            continue
        m = {**m1, **m2}
        if all(w in m for w in wilds.values()):
            return {**bound, **{v: m[w] for v, w in wilds.items()}}
    # the whole difference: d_step = d_pattern
    m = c_step[1].match(c_pat[1])
    if m is not None and all(w in m for w in wilds.values()):
        return {**bound, **{v: m[w] for v, w in wilds.items()}}
    return None


def _bind(schema: Schema, use: Use) -> dict[sp.Basic, sp.Basic]:
    by_name = {getattr(v, "name", str(v)): v for v in schema.variables}
    out: dict[sp.Basic, sp.Basic] = {}
    for name, value in use.bind:
        if name not in by_name:
            raise ValueError(f"schema {schema.name!r} has no variable {name!r}")
        out[by_name[name]] = sp.sympify(value)
    return out


def _fresh(sym: sp.Symbol, avoid: set[sp.Basic]) -> sp.Symbol:
    name = sym.name
    while any(getattr(a, "name", None) == name for a in avoid):
        name += "'"
    return sp.Symbol(name, **sym.assumptions0)


def apply_schema(
    use: Use,
    lhs: sp.Basic,
    rel: str,
    rhs: sp.Basic,
    hypotheses: Sequence[sp.Basic],
    report: StepReport,
) -> None:
    """Check that ``lhs rel rhs`` is an instance of ``use.schema`` with checked premises."""
    from proofs.derivation import _RELS

    schema = use.schema
    report.trust.append({"kind": "lemma", "name": schema.name, "what": schema.citation})
    step = _RELS[rel](lhs, rhs, evaluate=False)
    try:
        subst = _find_substitution(schema, _bind(schema, use), step)
    except (ValueError, TypeError) as exc:
        report.mark, report.detail = "?", f"cannot instantiate {schema.name}: {exc}"
        return
    if subst is None:
        report.mark, report.detail = "?", f"the step is not an instance of {schema.name}"
        return
    conclusion = _doit_keeping_symbolic_sums(_instantiate(schema.conclusion, subst))
    if not _atom_implies(conclusion, step):
        report.mark = "?"
        report.detail = (f"the step is not the instantiated conclusion of {schema.name} "
                         f"({sp.sstr(conclusion)})")
        return
    justifications = list(use.by) + [Algebra()] * (len(schema.premises) - len(use.by))
    conds: list[StepReport] = _domain_conditions(schema, subst, hypotheses)
    free: set[sp.Basic] = set(step.free_symbols)
    for h in hypotheses:
        free |= h.free_symbols
    for k, (prem, by) in enumerate(zip(schema.premises, justifications, strict=False)):
        conds.append(_check_premise(prem, by, subst, hypotheses, free, k))
    report.conditions = conds
    marks = {c.mark for c in conds}
    if "✗" in marks:
        report.mark, report.detail = "✗", f"a premise of {schema.name} fails"
    elif "?" in marks:
        report.mark, report.detail = "?", f"a premise of {schema.name} is undecided"
    else:
        report.mark = "✓"
        report.detail = (f"instance of {schema.name}; {len(conds)} premise(s) checked "
                         f"[{schema.citation}]")


_SIGNS = {"positive": ">", "nonnegative": ">=", "negative": "<", "nonpositive": "<="}


def _domain_conditions(
    schema: Schema, subst: dict[sp.Basic, sp.Basic], hypotheses: Sequence[sp.Basic]
) -> list[StepReport]:
    """The pattern variables' own domains, checked at the values substituted for them.

    A schema's pattern variable declared an integer (or positive, nonnegative, ...) is a
    premise of the schema: the binomial theorem with a non-integer upper limit, or Jensen for
    a binomial frequency with a real number of draws, is not an instance. Integers are read
    from the value's assumptions (±∞ allowed as sum bounds); signs from its assumptions or by
    z3 under the derivation's hypotheses.
    """
    from proofs.derivation import Smt

    out: list[StepReport] = []
    for var in schema.variables:
        if isinstance(var, UndefinedFunction) or var not in subst:
            continue
        value = sp.sympify(subst[var])
        facts = getattr(var, "assumptions0", {})
        infinite = value in (sp.oo, -sp.oo)
        if facts.get("integer") is True and value.is_integer is not True and not infinite:
            out.append(StepReport(len(out), value, "=", value, "domain of the pattern", "?",
                                  f"{sp.sstr(value)} is not shown to be an integer, as the "
                                  f"schema's {var} is", note=f"{var} is an integer"))
            continue
        for key, rel in _SIGNS.items():
            if facts.get(key) is not True or getattr(value, f"is_{key}", None) is True:
                continue
            out.append(check_relation(value, rel, sp.Integer(0), Smt(), hypotheses, len(out),
                                      f"{var} is {key} in the schema"))
    return out


def _check_premise(
    prem: Premise | Smooth,
    by: object,
    subst: dict[sp.Basic, sp.Basic],
    hypotheses: Sequence[sp.Basic],
    free: set[sp.Basic],
    index: int,
) -> StepReport:
    if isinstance(prem, Smooth):
        return _check_smooth(prem, subst, hypotheses, free, index)
    renaming = {b: _fresh(b, free) for b in prem.bound}
    sub = {**subst, **renaming}
    raw = _instantiate(prem.relation, sub)
    structural = _independence_premise(raw, index, prem.note)
    if structural is not None:
        return structural
    rough = _non_smooth_derivative(raw)
    if rough is not None:
        return StepReport(index, raw, "=", raw, "derivative premise", "?",
                          f"a derivative of a function with {rough} is not evaluated "
                          "branch by branch: premise not accepted", note=prem.note)
    rel = raw.doit()
    where = [_instantiate(w, sub).doit() for w in prem.where]
    if rel is sp.true or rel is sp.false:
        return StepReport(index, rel, "=", rel, "evaluation", "✓" if rel is sp.true else "✗",
                          "true by evaluation" if rel is sp.true else "false by evaluation",
                          note=prem.note)
    from proofs.derivation import _rel_of

    return check_relation(rel.lhs, _rel_of(rel), rel.rhs, by, [*hypotheses, *where],  # type: ignore[arg-type]
                          index, prem.note)


#: Functions whose derivative sympy takes branch by branch (or not at all): a premise about
#: the derivative of an expression containing one says nothing about its jumps or kinks.
_NON_SMOOTH = (sp.Piecewise, sp.Abs, sp.floor, sp.ceiling, sp.sign, sp.Heaviside, sp.Min,
               sp.Max, sp.DiracDelta, sp.frac, sp.re, sp.im, sp.arg, sp.KroneckerDelta)


def _non_smooth_derivative(rel: sp.Basic) -> str | None:
    """The kind of non-smooth function inside a derivative of ``rel``, if any."""
    for d in rel.atoms(sp.Derivative):
        for kind in _NON_SMOOTH:
            if d.expr.has(kind):
                return kind.__name__
    return None


def _independence_premise(rel: sp.Basic, index: int, note: str) -> StepReport | None:
    """``Eq(Derivative(e, v), 0)`` read as "e does not involve v".

    Decided structurally when ``v`` is not a free symbol of ``e``. A zero derivative is not
    independence for a function with jumps (a Piecewise in ``v`` has derivative 0 almost
    everywhere), so such an ``e`` is refused; a smooth ``e`` is left to the derivative check
    (None), where a derivative that vanishes under the hypotheses means a constant.

    >>> m = sp.Symbol("m")
    >>> _independence_premise(sp.Eq(sp.Derivative(sp.Piecewise((1, sp.Eq(m, 0)), (0, True)),
    ...                                            m), 0), 0, "").mark
    '?'
    >>> _independence_premise(sp.Eq(sp.Derivative(sp.Symbol("w"), m), 0), 0, "").mark
    '✓'
    """
    if not (isinstance(rel, sp.Equality) and rel.rhs == 0
            and isinstance(rel.lhs, sp.Derivative)):
        return None
    d = rel.lhs
    if len(d.variable_count) != 1 or d.variable_count[0][1] != 1:
        return None
    var = d.variable_count[0][0]
    if var in d.expr.free_symbols:
        if d.expr.has(*_NON_SMOOTH):
            return StepReport(index, rel, "=", rel, "independence (structural)", "?",
                              f"{sp.sstr(d.expr)} involves {var} through a function with jumps "
                              "or kinks: a zero derivative is not independence", note=note)
        return None  # smooth in var: a derivative that vanishes identically is independence
    return StepReport(index, rel, "=", rel, "independence (structural)", "✓",
                      f"{var} is not a free symbol of the expression", note=note)


def _check_smooth(
    prem: Smooth,
    subst: dict[sp.Basic, sp.Basic],
    hypotheses: Sequence[sp.Basic],
    free: set[sp.Basic],
    index: int,
) -> StepReport:
    """``expr`` and its derivative continuous on [lo, hi]: an interval of sympy's continuity
    domain of both contains [lo, hi], its ends checked against lo and hi by z3/sympy."""
    from proofs.derivation import Smt

    var = _fresh(prem.var, free)
    raw = _instantiate(prem.expr, {**subst, prem.var: var})
    if raw.has(*_NON_SMOOTH):
        return StepReport(index, raw, "=", raw, "continuity domain (sympy)", "?",
                          "contains a non-smooth function: smoothness not accepted",
                          note=prem.note)
    expr = raw.doit()
    lo = _instantiate(prem.lo, subst)
    hi = _instantiate(prem.hi, subst)
    report = StepReport(index, expr, "=", expr, "continuity domain (sympy)", "?",
                        note=prem.note)
    try:
        dom = continuous_domain(expr, var, sp.S.Reals)
        dom = dom.intersect(continuous_domain(sp.diff(expr, var), var, sp.S.Reals))
    except Exception as exc:  # sympy cannot tell: undecided
        report.detail = f"sympy could not find the continuity domain: {exc}"
        return report
    pieces = dom.args if isinstance(dom, sp.Union) else (dom,)
    for piece in pieces:
        if not isinstance(piece, sp.Interval):
            continue
        ends = []
        if piece.start is not sp.S.NegativeInfinity:
            ends.append((sp.Lt if piece.left_open else sp.Le)(piece.start, lo))
        if piece.end is not sp.S.Infinity:
            ends.append((sp.Lt if piece.right_open else sp.Le)(hi, piece.end))
        subs = []
        for e in ends:
            if e is sp.true:
                continue
            if e is sp.false:
                break
            r = check_relation(e.lhs, _rel(e), e.rhs, Smt(), hypotheses, len(subs))
            if r.mark != "✓":
                r = check_relation(e.lhs, _rel(e), e.rhs, Algebra(), hypotheses, len(subs))
            subs.append(r)
        else:
            if all(r.mark == "✓" for r in subs):
                report.mark = "✓"
                report.detail = f"continuous on {piece} ⊇ [{lo}, {hi}]"
                report.conditions = subs
                return report
    report.detail = f"[{lo}, {hi}] not shown inside the continuity domain {dom}"
    return report


def _rel(e: sp.Basic) -> str:
    from proofs.derivation import _rel_of

    return _rel_of(e)



# --- schemas used by variance ------------------------------------------------------------

#: ``Var(Y)``, ``Cov(Y, Z)``, ``E(Y)`` of random quantities, kept unevaluated; ``CondMean(Y)``
#: and ``CondVar(Y)`` are E[Y | F] and Var(Y | F) for the past F of the process.
Variance = sp.Function("Var")
Covariance = sp.Function("Cov")
Expectation = sp.Function("E")
CondMean = sp.Function("CondMean")
CondVar = sp.Function("CondVar")

_y, _yz, _c, _r = sp.symbols("y z_v c r", real=True)
_j = sp.Symbol("j", integer=True, positive=True)


def _constant_in(e: sp.Basic, note: str) -> Premise:
    return Premise(sp.Eq(sp.Derivative(e, _r), 0), note=note)


VARIANCE_OF_COMBINATION = Schema(
    "variance of a linear combination of two",
    "bilinearity of covariance: Var(aY + bZ) = a² Var Y + 2ab Cov(Y, Z) + b² Var Z for "
    "constants a, b (Feller, An Introduction to Probability Theory and Its Applications I, "
    "3rd ed., §IX.2)",
    (_a, _y, _b, _yz, _r),
    sp.Eq(Variance(_a * _y + _b * _yz),
          _a**2 * Variance(_y) + 2 * _a * _b * Covariance(_y, _yz) + _b**2 * Variance(_yz)),
    (_constant_in(_a, "a is not random (does not depend on r)"),
     _constant_in(_b, "b is not random (does not depend on r)")),
)

EXPECTATION_LINEAR = Schema(
    "linearity of expectation",
    "E[aY + bZ + c] = a E Y + b E Z + c for constants a, b, c (Feller, An Introduction to "
    "Probability Theory and Its Applications I, 3rd ed., §IX.2)",
    (_a, _y, _b, _yz, _c, _r),
    sp.Eq(Expectation(_a * _y + _b * _yz + _c),
          _a * Expectation(_y) + _b * Expectation(_yz) + _c),
    (_constant_in(_a, "a is not random"), _constant_in(_b, "b is not random"),
     _constant_in(_c, "c is not random")),
)

VARIANCE_FROM_MOMENTS = Schema(
    "variance from the first two moments",
    "Var Y = E[Y²] − (E Y)², by linearity of expectation (Feller, An Introduction to "
    "Probability Theory and Its Applications I, 3rd ed., §IX.2)",
    (_y,),
    sp.Eq(Variance(_y), Expectation(_y**2) - Expectation(_y) ** 2),
)

EXPECTATION_NONNEGATIVE = Schema(
    "monotonicity of expectation",
    "a random quantity that is nonnegative on the support has E >= 0 (Feller, An "
    "Introduction to Probability Theory and Its Applications I, 3rd ed., §IX.2)",
    (_y,),
    sp.Ge(Expectation(_y), 0),
    (Premise(sp.Ge(_y, 0), note="Y >= 0 on the support"),),
)

TOTAL_VARIANCE = Schema(
    "law of total variance",
    "Var Y = E[Var(Y | F)] + Var(E[Y | F]) (Feller, An Introduction to Probability Theory "
    "and Its Applications II, 2nd ed., §V.10; Billingsley, Probability and Measure, §34)",
    (_y,),
    sp.Eq(Variance(_y), Expectation(CondVar(_y)) + Variance(CondMean(_y))),
)

EQUAL_ARGUMENTS = Schema(
    "equal arguments, equal values",
    "substitution of equals (a function takes one value at one argument)",
    (_g, _a, _b),
    sp.Eq(_g(_a), _g(_b)),
    (Premise(sp.Eq(_a, _b), note="a = b"),),
)

SUM_SPLIT_LAST = Schema(
    "a finite sum splits off its last term",
    "definition of a finite sum: Σ_{i=lo}^{hi+1} g(i) = Σ_{i=lo}^{hi} g(i) + g(hi + 1)",
    (_u, _g, _i, _lo, _hi),
    sp.Eq(_u * sp.Sum(_g(_i), (_i, _lo, _hi)) + _u * _g(_hi + 1),
          _u * sp.Sum(_g(_i), (_i, _lo, _hi + 1))),
    (Premise(sp.Le(_lo, _hi + 1), note="lo <= hi + 1"),),
)

PARTIAL_SUM_BELOW_SERIES = Schema(
    "a partial sum of positive terms is below the series",
    "Σ_{i=lo}^{hi} g(i) < Σ_{i>=lo} g(i) when every g(i) > 0 and the series converges: "
    "the tail is a convergent series of positive terms (Rudin, Principles of Mathematical "
    "Analysis, 3rd ed., Thm 3.23-3.25), times u > 0",
    (_u, _g, _i, _lo, _hi),
    sp.Lt(_u * sp.Sum(_g(_i), (_i, _lo, _hi)), _u * sp.Sum(_g(_i), (_i, _lo, sp.oo))),
    (
        Premise(sp.Gt(_u, 0), note="u > 0"),
        Premise(sp.Gt(_g(_i), 0), (_i,), (sp.Le(_lo, _i),), note="g(i) > 0 for i >= lo"),
        Premise(sp.Lt(sp.Sum(_g(_i), (_i, _lo, sp.oo)), sp.oo),
                note="the series converges (sympy's value is finite)"),
    ),
)

DIGAMMA_BINET = Schema(
    "ψ(x) < ln x − 1/(2x)",
    "DLMF 5.9.13: ψ(x) = ln x − 1/(2x) − 2∫_0^∞ τ dτ/((τ² + x²)(e^{2πτ} − 1)) for x > 0, "
    "and the integrand is positive",
    (_x,),
    sp.Lt(sp.digamma(_x), sp.log(_x) - 1 / (2 * _x)),
    (Premise(sp.Gt(_x, 0), note="x > 0"),),
)

ADD_TO_BOTH_SIDES = Schema(
    "adding to both sides of a strict inequality",
    "ordered field axiom: a < b gives a + c < b + c",
    (_a, _b, _c),
    sp.Lt(_a + _c, _b + _c),
    (Premise(sp.Lt(_a, _b), note="a < b"),),
)

#: ``Chi2Average(g(X), X, k)`` is E[g(X)] for X ~ χ²_k (kept unevaluated); use ``CHI2_X`` as X.
Chi2Average = sp.Function("E_chi2")
CHI2_X = sp.Symbol("X", positive=True)
#: ``GrowthRate(k)``: the almost-sure limit of (1/t) ln σ²_t when σ²_{t+1} = σ²_t X_t/k with
#: X_t ~ χ²_k i.i.d. (the unbiased Gaussian refit)
GrowthRate = sp.Function("ell")
_kc = sp.Symbol("k", positive=True)
_pc = sp.Symbol("p", real=True)

_CHI2_CITATION = (
    "X ~ χ²_k has density x^{k/2−1} e^{−x/2}/(2^{k/2} Γ(k/2)) on (0, ∞), so "
    "E[X^p] = 2^p Γ(k/2 + p)/Γ(k/2) for p > −k/2 (the Gamma integral; Johnson, Kotz & "
    "Balakrishnan, Continuous Univariate Distributions 1, 2nd ed., §18.3)"
)

CHI2_MOMENT = Schema(
    "moments of a chi-square variable",
    _CHI2_CITATION,
    (_pc, _kc),
    sp.Eq(Chi2Average(CHI2_X**_pc, CHI2_X, _kc),
          2**_pc * sp.gamma(_kc / 2 + _pc) / sp.gamma(_kc / 2)),
    (Premise(sp.Gt(_pc + _kc / 2, 0), note="p > −k/2: the moment is finite"),),
)

CHI2_LOG_MEAN = Schema(
    "log-moment of a chi-square variable",
    _CHI2_CITATION + "; E ln X = d/dp E[X^p] at p = 0 = ψ(k/2) + ln 2 (differentiation "
    "under the integral, dominated convergence)",
    (_kc,),
    sp.Eq(Chi2Average(sp.log(CHI2_X), CHI2_X, _kc), sp.digamma(_kc / 2) + sp.log(2)),
)

CHI2_LINEAR = Schema(
    "linearity of the chi-square expectation",
    "E[a g(X) + c] = a E[g(X)] + c for constants a, c (Feller, An Introduction to "
    "Probability Theory and Its Applications I, 3rd ed., §IX.2)",
    (_a, _g, _c, _kc),
    sp.Eq(Chi2Average(_a * _g(CHI2_X) + _c, CHI2_X, _kc),
          _a * Chi2Average(_g(CHI2_X), CHI2_X, _kc) + _c),
    (Premise(sp.Eq(sp.Derivative(_a, CHI2_X), 0), note="a does not depend on X"),
     Premise(sp.Eq(sp.Derivative(_c, CHI2_X), 0), note="c does not depend on X")),
)

STRONG_LAW_LOG_REFIT = Schema(
    "strong law of large numbers for the log factors of the refit",
    "ln σ²_t = ln σ²_0 + Σ_{s<t} ln(X_s/k) with i.i.d. terms of finite mean, so "
    "(1/t) ln σ²_t → E ln(X/k) almost surely (Kolmogorov's strong law; Durrett, "
    "Probability: Theory and Examples, 5th ed., Thm 2.4.1)",
    (_kc,),
    sp.Eq(GrowthRate(_kc), Chi2Average(sp.log(CHI2_X) - sp.log(_kc), CHI2_X, _kc)),
    (Premise(sp.Lt(sp.polygamma(1, _kc / 2), sp.oo),
             note="Var ln X = ψ'(k/2) is finite, so E|ln(X/k)| < ∞"),),
)

SCHEMAS.update({s.name: s for s in (
    VARIANCE_OF_COMBINATION, EXPECTATION_LINEAR, VARIANCE_FROM_MOMENTS, EXPECTATION_NONNEGATIVE,
    TOTAL_VARIANCE,
    EQUAL_ARGUMENTS, SUM_SPLIT_LAST, PARTIAL_SUM_BELOW_SERIES, DIGAMMA_BINET, CHI2_MOMENT,
    CHI2_LOG_MEAN, CHI2_LINEAR, STRONG_LAW_LOG_REFIT, ADD_TO_BOTH_SIDES,
)})


def instance(schema: Schema, **bind: object) -> sp.Basic:
    """The schema's conclusion with every pattern variable bound (by name), unevaluated.

    Steps built from it are instances of the schema by construction; the engine still checks
    the match and every premise.

    >>> x = sp.Symbol("x", real=True)
    >>> instance(DIGAMMA_BINET, x=x / 2)
    polygamma(0, x/2) < log(x/2) - 1/x
    """
    by_name = {getattr(v, "name", str(v)): v for v in schema.variables}
    subst: dict[sp.Basic, sp.Basic] = {}
    for name, value in bind.items():
        var = by_name[name]
        val = sp.sympify(value)
        if isinstance(var, UndefinedFunction) and not isinstance(val, sp.Lambda):
            raise ValueError(f"bind the function variable {name!r} to a Lambda")
        subst[var] = val
    return _instantiate(schema.conclusion, subst)

# --- schemas used by algorithmic ---------------------------------------------------------

_n0 = sp.Symbol("n", integer=True, nonnegative=True)

BINOMIAL_THEOREM = Schema(
    "binomial theorem",
    "Σ_{k=0}^{n} C(n, k) a^k b^(n−k) = (a + b)^n for every integer n >= 0 (Graham, Knuth & "
    "Patashnik, Concrete Mathematics, 2nd ed., eq. 5.13), for a sum whose terms equal those "
    "of the binomial expansion",
    (_g, _a, _b, _i, _lo, _hi),
    sp.Eq(sp.Sum(_g(_i), (_i, _lo, _hi)), (_a + _b) ** _hi),
    (
        Premise(sp.Eq(_lo, 0), note="the sum starts at k = 0"),
        Premise(sp.Ge(_hi, 0), note="n >= 0"),
        Premise(sp.Eq(_g(_i), sp.binomial(_hi, _i) * _a**_i * _b**(_hi - _i)), (_i,),
                (sp.Le(_lo, _i), sp.Le(_i, _hi)),
                note="term k is C(n, k) a^k b^(n−k) for 0 <= k <= n"),
    ),
    statement="for every integer n >= 0 and reals a, b",
)

SCHEMAS[BINOMIAL_THEOREM.name] = BINOMIAL_THEOREM

# --- schemas used by verifiers and ensembles ----------------------------------------------
#
# E[f(j/n)] for j ~ Binomial(n, q) is ``BinomialAverage(f(y), y, n, q)`` (y = BINOMIAL_Y), as
# for Jensen above (tests/test_verifier_claims.py checks the moments against the binomial
# sum at small n, and that false instances of each schema are refused).

_nn = sp.Symbol("n", integer=True, positive=True)
_qq = sp.Symbol("q", real=True)

_BINOMIAL_CITATION = (
    "moments of the binomial law from its probability generating function (1 - q + qz)^n: "
    "E[j] = nq, E[j(j - 1)] = n(n - 1)q^2 (Feller, An Introduction to Probability Theory and "
    "Its Applications I, 3rd ed., §IX.4 and §XI.1)"
)

BINOMIAL_FREQUENCY_MEAN = Schema(
    "binomial frequency: mean",
    _BINOMIAL_CITATION,
    (_nn, _qq),
    sp.Eq(BinomialAverage(BINOMIAL_Y, BINOMIAL_Y, _nn, _qq), _qq),
    (Premise(sp.Le(0, _qq), note="0 <= q"), Premise(sp.Le(_qq, 1), note="q <= 1")),
    statement="E[j/n] = q for j ~ Binomial(n, q)",
)

BINOMIAL_FREQUENCY_SECOND_MOMENT = Schema(
    "binomial frequency: second moment",
    _BINOMIAL_CITATION,
    (_nn, _qq),
    sp.Eq(BinomialAverage(BINOMIAL_Y**2, BINOMIAL_Y, _nn, _qq), _qq**2 + _qq * (1 - _qq) / _nn),
    (Premise(sp.Le(0, _qq), note="0 <= q"), Premise(sp.Le(_qq, 1), note="q <= 1")),
    statement="E[(j/n)^2] = q^2 + q(1 - q)/n for j ~ Binomial(n, q)",
)

POWER_MONOTONE = Schema(
    "a^x <= b^x for 0 <= a <= b, x >= 0",
    "monotonicity of powers on [0, oo): b^x - a^x is the integral of x s^(x-1) over [a, b] "
    "(Rudin, Principles of Mathematical Analysis, 3rd ed., Thm 5.11; integer x: induction)",
    (_a, _b, _x),
    sp.Le(_a**_x, _b**_x),
    (
        Premise(sp.Le(0, _a), note="0 <= a"),
        Premise(sp.Le(_a, _b), note="a <= b"),
        Premise(sp.Le(0, _x), note="x >= 0"),
    ),
)

SCHEMAS.update({s.name: s for s in (BINOMIAL_FREQUENCY_MEAN, BINOMIAL_FREQUENCY_SECOND_MOMENT,
                                    POWER_MONOTONE)})
__all__ += [
    "BINOMIAL_FREQUENCY_MEAN",
    "BINOMIAL_FREQUENCY_SECOND_MOMENT",
    "POWER_MONOTONE",
]


# --- schemas used by entropy ---------------------------------------------------------------

#: ``ConditionalMutualInformation(X, Y, Z)`` is I(X; Y | Z) (``MutualInformation`` is above);
#: ``Refit(n, m)`` is the empirical distribution of n draws from the law m (one generation of
#: the loop). Random variables are plain symbols; these stay unevaluated.
ConditionalMutualInformation = sp.Function("ConditionalMutualInformation")
Refit = sp.Function("Refit")

_qb = sp.Symbol("q", real=True)
_RX, _RY, _RZ = sp.symbols("X Y Z")
_v = sp.Symbol("v", real=True)
_k2 = sp.Symbol("n", integer=True, positive=True)

#: the binomial moments are declared once, above (the verifiers and ensembles section)
BINOMIAL_MEAN = BINOMIAL_FREQUENCY_MEAN
BINOMIAL_SECOND_MOMENT = BINOMIAL_FREQUENCY_SECOND_MOMENT

POWER_MEAN = Schema(
    "power mean inequality (Jensen for y^n)",
    "Jensen's inequality for the convex map y -> y^n on [0, oo), n >= 1, over the uniform "
    "average of finitely many points (Hardy, Littlewood & Polya, Inequalities, 2nd ed., "
    "Thm 16): sum_i a_i^n >= m^(1-n) (sum_i a_i)^n for m terms a_i >= 0",
    (_g, _k2, _i, _lo, _hi),
    sp.Ge(sp.Sum(_g(_i) ** _k2, (_i, _lo, _hi)),
          (_hi - _lo + 1) ** (1 - _k2) * sp.Sum(_g(_i), (_i, _lo, _hi)) ** _k2),
    (
        Premise(sp.Le(_lo, _hi), note="at least one term"),
        Premise(sp.Ge(_g(_i), 0), (_i,), (sp.Le(_lo, _i), sp.Le(_i, _hi)),
                note="a_i >= 0 for lo <= i <= hi"),
    ),
)

SUBSTITUTE_EQUAL = Schema(
    "substitution of equals",
    "equality is a congruence: a = b gives g(a) = g(b) for every function g (Leibniz's law)",
    (_g, _a, _b),
    sp.Eq(_g(_a), _g(_b)),
    (Premise(sp.Eq(_a, _b), note="a = b"),),
)

LOG_STRICTLY_INCREASING = Schema(
    "ln is strictly increasing",
    "the logarithm is strictly increasing on (0, oo) (Rudin, Principles of Mathematical "
    "Analysis, 3rd ed., §8.6), times u > 0",
    (_u, _a, _b),
    sp.Lt(_u * sp.log(_a), _u * sp.log(_b)),
    (
        Premise(sp.Gt(_u, 0), note="u > 0"),
        Premise(sp.Gt(_a, 0), note="a > 0"),
        Premise(sp.Lt(_a, _b), note="a < b"),
    ),
)

MI_CHAIN_RULE = Schema(
    "chain rule for mutual information, both orders",
    "I(X; Y, Z) = I(X; Z) + I(X; Y | Z) = I(X; Y) + I(X; Z | Y) (Cover & Thomas, Elements of "
    "Information Theory, 2nd ed., Thm 2.5.2)",
    (_RX, _RY, _RZ),
    sp.Eq(MutualInformation(_RX, _RZ) + ConditionalMutualInformation(_RX, _RY, _RZ),
          MutualInformation(_RX, _RY) + ConditionalMutualInformation(_RX, _RZ, _RY)),
)

CMI_NONNEGATIVE = Schema(
    "conditional mutual information is non-negative",
    "I(X; Y | Z) >= 0 (Cover & Thomas, Elements of Information Theory, 2nd ed., eq. 2.92, "
    "from Gibbs' inequality, Thm 2.6.3)",
    (_RX, _RY, _RZ),
    sp.Ge(ConditionalMutualInformation(_RX, _RY, _RZ), 0),
)

MARKOV_REFIT = Schema(
    "a refit through Y alone is Markov",
    "if Z is drawn from a law that depends on (X, Y) through Y only, X -> Y -> Z is a Markov "
    "chain and I(X; Z | Y) = 0 (Cover & Thomas, Elements of Information Theory, 2nd ed., "
    "§2.8 and eq. 2.119); here Z = Refit(n, g(X, Y)) and g does not vary with X",
    (_k2, _g, _RX, _RY),
    sp.Eq(ConditionalMutualInformation(_RX, Refit(_k2, _g(_RX, _RY)), _RY), 0),
    (Premise(sp.Eq(sp.Derivative(_g(_v, _RY), _v), 0), (_v,),
             note="the sampling law g(x, Y) does not vary with x"),),
)

LINEAR_COMBINATION_OF_SUMS = Schema(
    "linearity of finite sums: a linear combination",
    "distributivity, commutativity and associativity of addition, over finitely many terms",
    (_a, _b, _g, _h, _i, _lo, _hi),
    sp.Eq(sp.Sum(_a * _g(_i) + _b * _h(_i), (_i, _lo, _hi)),
          _a * sp.Sum(_g(_i), (_i, _lo, _hi)) + _b * sp.Sum(_h(_i), (_i, _lo, _hi))),
    (Premise(sp.Eq(sp.Derivative(_a, _i), 0), note="a does not depend on i"),
     Premise(sp.Eq(sp.Derivative(_b, _i), 0), note="b does not depend on i")),
)

SCHEMAS.update({s.name: s for s in (
    LINEAR_COMBINATION_OF_SUMS, BINOMIAL_MEAN, BINOMIAL_SECOND_MOMENT, POWER_MEAN, SUBSTITUTE_EQUAL,
    LOG_STRICTLY_INCREASING, MI_CHAIN_RULE, CMI_NONNEGATIVE, MARKOV_REFIT,
)})
