"""Symbolic evidence: checked derivations (sympy), SMT proofs (z3), safe formula parsing."""
