"""α_t schedules for the self-training loops, parsed from text without ``eval``.

A schedule is either a constant (``"0"``, ``"0.1"``, ``"1/3"``) or an arithmetic expression
in the generation index ``t`` (``"1/(t+1)"``, ``"t^(-1/2)"``, ``"0.5*exp(-t/10)"``), or any
Python callable ``t -> α`` passed directly. Values outside [0, 1] or non-finite values are
rejected when the schedule is evaluated on the generations that are actually run.

``t`` is indexed as in the paper's eq. 9: ``α_t`` is the grounded share of the data
``P'_t = α_t P + (1 − α_t) Q_t`` that trains ``Q_{t+1}``, for t = 0, 1, ... A schedule that is
undefined at t = 0, such as ``t^(-1/2)``, is rejected with a hint to shift it.

>>> s = parse_alpha_schedule("1/(t+1)")
>>> s.values(4).tolist()
[1.0, 0.5, 0.3333333333333333, 0.25]
>>> parse_alpha_schedule("0.5*t^2/8").values(3).tolist()
[0.0, 0.0625, 0.25]
>>> parse_alpha_schedule("0.1").values(2).tolist()
[0.1, 0.1]
>>> parse_alpha_schedule("t^(-1/2)").values(3).tolist()  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
numerics.errors.InputError: alpha schedule 't^(-1/2)' is not finite at t = 0 ... (t+1)^(-1/2)
>>> parse_alpha_schedule("__import__('os')")
Traceback (most recent call last):
...
numerics.errors.InputError: alpha schedule: function '__import__' not allowed (exp log sqrt min max)
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from numerics.errors import InputError

__all__ = ["AlphaSchedule", "parse_alpha_schedule"]

_FUNCS: dict[str, Callable[..., float]] = {
    "exp": math.exp,
    "log": math.log,
    "sqrt": math.sqrt,
    "min": min,
    "max": max,
}
_BINOPS: dict[type, Callable[[float, float], float]] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b if b != 0 else math.inf,
    ast.Pow: lambda a, b: _power(a, b),
}


def _power(a: float, b: float) -> float:
    if a == 0 and b < 0:
        return math.inf
    return float(a) ** b


@dataclass(frozen=True)
class AlphaSchedule:
    """A named α_t schedule. ``constant`` is the exact value when the schedule is constant."""

    text: str
    function: Callable[[int], float]
    constant: Fraction | None = None

    def __call__(self, t: int) -> float:
        return float(self.function(t))

    def values(self, generations: int) -> NDArray[np.float64]:
        """α_t for t = 0, ..., generations-1, validated to be finite and in [0, 1]."""
        out = np.empty(generations, dtype=float)
        for t in range(generations):
            try:
                a = float(self.function(t))
            except (ArithmeticError, ValueError) as exc:
                raise InputError(f"alpha schedule {self.text!r} fails at t = {t}: {exc}") from None
            if not math.isfinite(a):
                hint = "; t counts from 0 as in eq. 9, so shift it, e.g. (t+1)^(-1/2)"
                raise InputError(
                    f"alpha schedule {self.text!r} is not finite at t = {t} (got {a})"
                    + (hint if t == 0 else "")
                )
            if not 0 <= a <= 1:
                raise InputError(f"alpha schedule {self.text!r} leaves [0, 1] at t = {t} (got {a})")
            out[t] = a
        return out


def _compile(node: ast.AST, text: str) -> Callable[[float], float]:
    if isinstance(node, ast.Expression):
        return _compile(node.body, text)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(
        node.value, bool
    ):
        value = float(node.value)
        return lambda t: value
    if isinstance(node, ast.Name):
        if node.id == "t":
            return lambda t: float(t)
        if node.id == "e":
            return lambda t: math.e
        if node.id == "pi":
            return lambda t: math.pi
        raise InputError(f"alpha schedule: unknown name {node.id!r} (only t, e, pi)")
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        inner = _compile(node.operand, text)
        sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
        return lambda t: sign * inner(t)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        op = _BINOPS[type(node.op)]
        left, right = _compile(node.left, text), _compile(node.right, text)
        return lambda t: op(left(t), right(t))
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCS:
            name = node.func.id if isinstance(node.func, ast.Name) else ast.unparse(node.func)
            raise InputError(
                f"alpha schedule: function {name!r} not allowed (exp log sqrt min max)"
            )
        if node.keywords or not node.args:
            raise InputError(f"alpha schedule: bad call in {text!r}")
        fn = _FUNCS[node.func.id]
        args = [_compile(a, text) for a in node.args]
        return lambda t: fn(*(a(t) for a in args))
    raise InputError(f"alpha schedule: cannot use {ast.unparse(node)!r} in {text!r}")


def parse_alpha_schedule(spec: str | float | int | Callable[[int], float]) -> AlphaSchedule:
    """Parse an α_t schedule from a number, a text expression in ``t``, or a callable."""
    if callable(spec) and not isinstance(spec, str):
        name = getattr(spec, "__name__", "callable")
        return AlphaSchedule(text=name, function=spec)
    text = str(spec).strip()
    if not text:
        raise InputError("alpha schedule is empty")
    try:
        constant: Fraction | None = Fraction(text)
    except (ValueError, ZeroDivisionError):
        constant = None
    if constant is not None:
        if not 0 <= constant <= 1:
            raise InputError(f"alpha must lie in [0, 1], got {text}")
        value = float(constant)
        return AlphaSchedule(text=text, function=lambda t: value, constant=constant)
    try:
        # '^' is power; rewrite it first so it binds like '**' (Python's '^' binds looser than '*')
        tree = ast.parse(text.replace("^", "**"), mode="eval")
    except SyntaxError:
        raise InputError(f"alpha schedule {text!r} is not a valid expression") from None
    fn = _compile(tree, text)
    return AlphaSchedule(text=text, function=lambda t: fn(float(t)))
