"""Symbolic evidence: checked derivations (sympy), SMT proofs (z3), safe formula parsing."""

import os as _os

# sympy's expression cache holds 1000 entries by default; the derivations reuse many more
# sub-expressions than that, and a larger cache makes verify about a tenth faster. It is read
# when sympy is first imported, so an explicit SYMPY_CACHE_SIZE (or an earlier import) wins.
_os.environ.setdefault("SYMPY_CACHE_SIZE", "50000")
