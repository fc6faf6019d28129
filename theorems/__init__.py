"""The paper as data: claims, their statements, hypotheses, paper locations and evidence.

:mod:`theorems.model` defines what a claim and a check are and how a verdict is derived;
:mod:`theorems.registry` collects every claim of the paper in paper order; one module per
family of claims (``theorems.contraction``, ``theorems.entropy``, ...) declares them.
"""

import os as _os

# sympy's expression cache holds 1000 entries by default; the derivations reuse many more
# sub-expressions than that, and a larger cache makes verify about a tenth faster. It is read
# when sympy is first imported, so an explicit SYMPY_CACHE_SIZE (or an earlier import) wins.
_os.environ.setdefault("SYMPY_CACHE_SIZE", "50000")
