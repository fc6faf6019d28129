"""Numbers for the companion: exact expectations, precision back-ends, simulators, CTM/BDM.

The public entry points reviewers call by name live in :mod:`numerics.exact`,
:mod:`numerics.ctm` and :mod:`numerics.precision`.
"""
