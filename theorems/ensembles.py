"""Definition 3 and Theorem 8: ensembles of self-training models."""

from __future__ import annotations

from theorems.model import Claim

CLAIMS: list[Claim] = [
    Claim(
        id="def-3",
        title="Ensemble self-training",
        statement=(
            "$m$ models with weights $\\omega_i$ form the mixture $R_t = \\sum_i \\omega_i "
            "Q^i_t$; each model trains on $\\alpha_t P + (1-\\alpha_t) R_t$."
        ),
        location="v2 §4, Definition 3",
        hypotheses=("ω_i ≥ 0, Σ ω_i = 1",),
    ),
    Claim(
        id="thm-8",
        title="Ensembles reach a degenerate consensus",
        statement=(
            "As $\\alpha_t \\to 0$ the ensemble converges to a degenerate consensus "
            "$R^* \\neq P$."
        ),
        location="v2 §4, Theorem 8 (proof sketched)",
        uses=("def-3", "thm-2"),
    ),
]
