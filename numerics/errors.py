"""The exception hierarchy shared by every package of the companion.

One root, :class:`CollapseCheckError`; the CLI turns any of these into a one-line
message and a non-zero exit. :class:`InputError` is also a :class:`ValueError`, so
callers that only know the standard library can still catch bad input.

>>> issubclass(InputError, ValueError)
True
"""

from __future__ import annotations


class CollapseCheckError(Exception):
    """Root of every error the companion raises on purpose."""


class InputError(CollapseCheckError, ValueError):
    """Bad input: a probability vector that does not sum to 1, α outside [0, 1], N < 1, NaN, ..."""


class FormulaError(InputError):
    """A formula given as text could not be parsed, or uses something that is not allowed."""


class EncodingError(CollapseCheckError):
    """A statement cannot be encoded for a back-end (e.g. log in a z3 goal)."""


class UnknownClaimError(InputError):
    """A claim id that is not in the registry."""


class LimitError(CollapseCheckError):
    """A statement exceeds a resource limit (number size, exponent, time): undecided, not bad input.

    >>> issubclass(LimitError, InputError)
    False
    """
