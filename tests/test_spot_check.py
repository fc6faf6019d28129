"""The spot check's compiled evaluator decides exactly as the sympy evaluation does.

The compiled path (exact rationals, arb balls) is only a faster way to reach the decision of
:func:`proofs.derivation._holds_exactly_sympy`; wherever it decides, the two must agree.
"""

from __future__ import annotations

import itertools

import pytest
import sympy as sp

from proofs import derivation as d

x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
k = sp.Symbol("k", integer=True)

_RELATIONS = [
    sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1),
    sp.Eq((x + 1) ** 2, x**2 + 2 * x),
    sp.Le(x * y, (x**2 + y**2) / 2),
    sp.Lt(x, y),
    sp.Ge(sp.exp(x), 1 + x),
    sp.Gt(sp.log(1 + x**2), x**2 / 2),
    sp.Eq(sp.Piecewise((x, x < 1), (2 * x, sp.Eq(x, 1)), (x**2, True)), x),
    sp.Le(sp.Piecewise((sp.log(x), x > sp.Rational(1, 2)), (x - 1, True)), x - 1),
    sp.Ge(sp.Piecewise((0, sp.And(x >= 0, y >= 0)), (x + y, sp.Or(x < -1, y < -1)),
                       (1, True)), 0),
    sp.Eq(sp.Piecewise((1, sp.Ne(x, y)), (0, True)), 1),
    sp.Lt(sp.Piecewise((sp.exp(x), sp.exp(x) < 2), (2, True)), 2),
    sp.Eq(sp.Piecewise((1, sp.Not(x < sp.sqrt(2))), (0, True)), 0),
    # a later condition undefined or not real where an earlier branch applies (x = 1)
    sp.Eq(sp.Piecewise((x, x >= 0), (x**2, sp.log(-x) < 0), (x, True)), x + 1),
    sp.Ge(sp.Piecewise((0, sp.And(x >= 0, sp.log(-x) < 0)), (1, True)), 1),
    sp.Le(sp.Piecewise((1, sp.Or(x >= 0, 1 / y > 1)), (0, True)), 0),
    sp.Eq(sp.Sum(k * x**k, (k, 1, 4)), x + 2 * x**2 + 3 * x**3 + 4 * x**4),
    sp.Le(sp.Abs(x + y), sp.Abs(x) + sp.Abs(y)),
]

_VALUES = [sp.Rational(v) for v in ("-3/2", "-1", "0", "1/3", "1/2", "1", "7/5", "2", "10")]


@pytest.mark.parametrize("rel", _RELATIONS, ids=lambda r: sp.sstr(r)[:40])
def test_compiled_and_sympy_decide_alike(rel: sp.Basic) -> None:
    decided = 0
    for vx, vy in itertools.product(_VALUES, repeat=2):
        point = {x: vx, y: vy}
        slow = d._holds_exactly_sympy(rel, point)
        try:
            fast = d._holds_fast(d._rel_of(rel), rel.lhs, rel.rhs, d._env(point))
        except d._Slow:
            continue
        decided += 1
        assert fast == slow, (sp.sstr(rel), point, fast, slow)
    assert decided > 0, "the compiled path decided nowhere"


def test_piecewise_is_compiled() -> None:
    """A Piecewise relation is decided without sympy (it used to fall back every time)."""
    rel = _RELATIONS[6]
    assert d._compiled(rel.lhs) is not None
    env = d._env({x: sp.Rational(1)})
    assert d._holds_fast("=", rel.lhs, rel.rhs, env) is False  # 2·1 ≠ 1
    env = d._env({x: sp.Rational(1, 2)})
    assert d._holds_fast("=", rel.lhs, rel.rhs, env) is True


def test_a_condition_too_close_to_call_defers_to_sympy() -> None:
    """A condition no ball can decide (exp(x) = e at x = 1) is left to the sympy path."""
    rel = sp.Eq(sp.Piecewise((0, sp.Eq(sp.exp(x), sp.E)), (1, True)), 0)
    with pytest.raises(d._Slow):
        d._holds_fast("=", rel.lhs, rel.rhs, d._env({x: sp.Integer(1)}))
    assert d._holds_exactly(rel, {x: sp.Integer(1)}) is True
