"""Theorem 4 (variance amplification of the model's mean)."""

from __future__ import annotations

from theorems.model import Claim

CLAIMS: list[Claim] = [
    Claim(
        id="thm-4",
        title="Variance amplification: the mean drifts as a random walk",
        statement=(
            "With $\\mu_{t+1} = (1-\\alpha_t)\\mu_t + \\alpha_t \\mu_P + \\xi_t$ (eq. 13), as "
            "$\\alpha_t \\to 0$ the error $\\mu_t - \\mu_P$ diverges or performs a random walk "
            "bounded only by the support's diameter, its variance growing linearly."
        ),
        location="v2 §3, Theorem 4, eq. 13",
        v1="v1: 'bounded only by the support diameter' also appears in the abstract",
        hypotheses=("independent per-step noise ξ_t", "α_t → 0"),
    ),
]
