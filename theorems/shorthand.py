"""A numeric tolerance shared by the family modules (``theorems/<family>.py``).

Checks are declared with keyword arguments (``Check(name=..., method=Method.SYMPY,
strength=Strength.PROOF, run=..., expect=Outcome.SUPPORTS)``); only the tolerance of the
50-digit computations lives here.

>>> TINY < mpmath.mpf(10) ** -44
True
"""

from __future__ import annotations

import mpmath

__all__ = ["TINY"]

#: 50-digit computations must agree to 45 digits.
TINY = mpmath.mpf(10) ** -45
