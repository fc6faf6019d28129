"""Input validation shared by every numeric entry point.

Probabilities are exact by default: numbers are converted to :class:`fractions.Fraction`
through their decimal text (``"0.1"`` is exactly 1/10, never the binary float), so a vector
such as ``("0.2", "0.3", "0.5")`` sums to exactly 1.

>>> as_probability_vector(["1/3", "1/3", "1/3"])
(Fraction(1, 3), Fraction(1, 3), Fraction(1, 3))
>>> as_probability_vector([0.25, 0.75])
(Fraction(1, 4), Fraction(3, 4))
>>> as_probability_vector([0.5, 0.6])
Traceback (most recent call last):
...
numerics.errors.InputError: q: probabilities must sum to 1, got 11/10
>>> as_alpha("1/2")
Fraction(1, 2)
>>> as_positive_int(0, "N")
Traceback (most recent call last):
...
numerics.errors.InputError: N must be an integer >= 1, got 0
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from fractions import Fraction

from numerics.errors import InputError

__all__ = [
    "as_alpha",
    "as_fraction",
    "as_positive_int",
    "as_probability",
    "as_probability_vector",
]


def as_fraction(x: object, name: str = "value") -> Fraction:
    """Convert ``x`` to an exact :class:`Fraction`, rejecting NaN, infinities and junk.

    Floats go through their shortest decimal repr (``0.1`` -> 1/10), so a value typed as a
    decimal means what it says. Strings may be integers, decimals or ``"p/q"``.

    >>> as_fraction("0.1"), as_fraction(0.1), as_fraction("3/4")
    (Fraction(1, 10), Fraction(1, 10), Fraction(3, 4))
    >>> as_fraction(float("nan"), "alpha")
    Traceback (most recent call last):
    ...
    numerics.errors.InputError: alpha must be a finite number, got nan
    """
    if isinstance(x, bool):
        raise InputError(f"{name} must be a number, got {x!r}")
    if isinstance(x, Fraction):
        return x
    if isinstance(x, numbers.Integral):
        return Fraction(int(x))
    if isinstance(x, numbers.Rational):
        return Fraction(int(x.numerator), int(x.denominator))
    if isinstance(x, numbers.Real):
        f = float(x)
        if not math.isfinite(f):
            raise InputError(f"{name} must be a finite number, got {f}")
        return Fraction(repr(f))
    if isinstance(x, str):
        text = x.strip()
        try:
            value = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise InputError(f"{name} must be a number like 0.1 or 1/3, got {x!r}") from None
        return value
    # sympy Rational, mpmath mpf, numpy scalars ... : go through their text form
    try:
        f = float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"{name} must be a number, got {x!r}") from None
    if not math.isfinite(f):
        raise InputError(f"{name} must be a finite number, got {f}")
    try:
        return Fraction(str(x))
    except (ValueError, ZeroDivisionError):
        return Fraction(repr(f))


def as_probability(x: object, name: str = "probability") -> Fraction:
    """An exact number in [0, 1].

    >>> as_probability("1.5", "TPR")
    Traceback (most recent call last):
    ...
    numerics.errors.InputError: TPR must lie in [0, 1], got 3/2
    """
    value = as_fraction(x, name)
    if not 0 <= value <= 1:
        raise InputError(f"{name} must lie in [0, 1], got {value}")
    return value


def as_alpha(x: object, name: str = "alpha") -> Fraction:
    """The share of grounded data α, an exact number in [0, 1]."""
    return as_probability(x, name)


def as_positive_int(x: object, name: str = "n", minimum: int = 1) -> int:
    """An integer >= ``minimum`` (bools, floats with a fractional part and NaN are rejected).

    >>> as_positive_int(3.0, "N")
    3
    >>> as_positive_int(2.5, "N")
    Traceback (most recent call last):
    ...
    numerics.errors.InputError: N must be an integer >= 1, got 2.5
    """
    if isinstance(x, bool):
        raise InputError(f"{name} must be an integer >= {minimum}, got {x!r}")
    if isinstance(x, numbers.Integral):
        value = int(x)
    elif isinstance(x, numbers.Real) and math.isfinite(float(x)) and float(x).is_integer():
        value = int(x)
    elif isinstance(x, str) and x.strip().lstrip("+").isdigit():
        value = int(x)
    else:
        raise InputError(f"{name} must be an integer >= {minimum}, got {x!r}"
                         if not isinstance(x, numbers.Real) else
                         f"{name} must be an integer >= {minimum}, got {x}")
    if value < minimum:
        raise InputError(f"{name} must be an integer >= {minimum}, got {value}")
    return value


def as_probability_vector(
    q: Iterable[object], name: str = "q", tolerance: Fraction | None = None
) -> tuple[Fraction, ...]:
    """An exact probability vector: entries in [0, 1] summing to 1.

    With ``tolerance=None`` the sum must be exactly 1 (after the exact decimal conversion).
    With a tolerance, a sum within it is accepted and the vector is renormalised exactly.

    >>> as_probability_vector([1, 2], tolerance=Fraction(1, 100))
    Traceback (most recent call last):
    ...
    numerics.errors.InputError: q must have entries in [0, 1], got 2 at position 1
    """
    if isinstance(q, (str, bytes)):
        raise InputError(f"{name} must be a sequence of probabilities, got a string")
    try:
        items = list(q)
    except TypeError:
        raise InputError(f"{name} must be a sequence of probabilities, got {q!r}") from None
    if not items:
        raise InputError(f"{name} must have at least one entry")
    values = tuple(as_fraction(v, f"{name}[{i}]") for i, v in enumerate(items))
    for i, v in enumerate(values):
        if not 0 <= v <= 1:
            raise InputError(f"{name} must have entries in [0, 1], got {v} at position {i}")
    total = sum(values, Fraction(0))
    if total != 1:
        if tolerance is None or abs(total - 1) > tolerance:
            raise InputError(f"{name}: probabilities must sum to 1, got {total}")
        values = tuple(v / total for v in values)
    return values
