"""Symbols whose names are words: printed upright in LaTeX (``\\mathrm{TPR}``), not as a
product of italic letters.

sympy prints ``Symbol("TPR")`` as ``TPR``, which TeX sets as T·P·R; a :class:`Name` is a
:class:`sympy.Symbol` in every other respect (assumptions, solvers, z3, pickling), and prints
its base name upright, keeping sub- and superscripts:

>>> import sympy as sp
>>> tpr = Name("TPR", positive=True)
>>> sp.latex(tpr**2 / Name("FPR_t"))
'\\\\frac{\\\\mathrm{TPR}^{2}}{\\\\mathrm{FPR}_{t}}'
>>> tpr.is_positive, sp.sstr(tpr + 1)
(True, 'TPR + 1')
"""

from __future__ import annotations

from typing import Any

import sympy as sp
from sympy.printing.conventions import split_super_sub

__all__ = ["Name"]


class Name(sp.Symbol):
    """A sympy symbol named by a word, set upright in LaTeX."""

    def _latex(self, printer: Any) -> str:
        base, sups, subs = split_super_sub(self.name)
        out = rf"\mathrm{{{base}}}"
        if subs:
            out += "_{" + " ".join(printer._print(sp.Symbol(s)) for s in subs) + "}"
        if sups:
            out += "^{" + " ".join(printer._print(sp.Symbol(s)) for s in sups) + "}"
        return out
