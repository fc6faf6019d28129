"""Numbers for the companion: exact expectations, precision back-ends, simulators, CTM/BDM.

One module per family of claims, plus the shared engine modules:

* families: :mod:`numerics.contraction`, :mod:`numerics.entropy`, :mod:`numerics.variance`,
  :mod:`numerics.verifiers`, :mod:`numerics.ensembles`, :mod:`numerics.information`,
  :mod:`numerics.programs` and :mod:`numerics.ctm` (CTM from small Turing machines, BDM);
* engine: :mod:`numerics.precision` (scoped mpmath, certified arb enclosures),
  :mod:`numerics.schedules` (α_t schedules parsed from text), :mod:`numerics.validate`
  (input checks), :mod:`numerics.outputs` (output paths checked before any work),
  :mod:`numerics.bands` (per-generation summaries), :mod:`numerics.errors` (the one exception
  root);
* laboratories: :mod:`numerics.loops` (seeded simulators behind ``collapse-check simulate``).
"""
