"""Short names for declaring checks in the family modules (``theorems/<family>.py``).

Deprecated: declare checks with keyword arguments (``Check(name=..., method=Method.SYMPY,
strength=Strength.PROOF, run=..., expect=Outcome.SUPPORTS)``), as ``theorems/contraction.py``
does. The one-letter aliases remain only for the families not yet converted (entropy,
verifiers, ensembles, algorithmic, variance, information); delete them, and this module
except ``TINY``, once those families use keyword arguments.

>>> c = check("demo", S, PROOF, lambda: None, SUP, "a demo")
>>> (c.method.value, c.strength.value, c.tier.value, c.expect.value)
('sympy', 'proof', 'fast', 'supports')
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath

from theorems.model import Check, CheckResult, Method, Outcome, Strength, Tier

__all__ = [
    "CERT",
    "DEEP",
    "PROOF",
    "REF",
    "SAMPLED",
    "SIM",
    "SUP",
    "TINY",
    "A",
    "E",
    "M",
    "S",
    "X",
    "Z",
    "check",
]

S, Z, A, M, X, SIM = (
    Method.SYMPY,
    Method.Z3,
    Method.ARB,
    Method.MPMATH,
    Method.EXACT,
    Method.SIMULATION,
)
E = X  # exact
PROOF, CERT, SAMPLED = Strength.PROOF, Strength.CERTIFIED, Strength.SAMPLED
SUP, REF = Outcome.SUPPORTS, Outcome.REFUTES
DEEP = Tier.DEEP

#: 50-digit computations must agree to 45 digits.
TINY = mpmath.mpf(10) ** -45


def check(
    name: str,
    method: Method,
    strength: Strength,
    fn: Callable[[], CheckResult],
    expect: Outcome,
    description: str = "",
    tier: Tier = Tier.FAST,
) -> Check:
    """A :class:`Check` with its recorded outcome given positionally."""
    return Check(name, method, strength, fn, description=description, tier=tier, expect=expect)
