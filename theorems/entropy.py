"""Theorem 2 (entropy decay) and Corollary 3 (information stagnation)."""

from __future__ import annotations

from theorems.model import Claim

CLAIMS: list[Claim] = [
    Claim(
        id="thm-2",
        title="Entropy decays under self-training with α = 0",
        statement=(
            "With no external data ($\\alpha_t = 0$) and $N$ samples per generation refitted by "
            "overfitting maximum likelihood, the expected entropy falls by a fixed amount each "
            "generation, $\\mathbb{E}[H(Q_{t+1})] \\le H(Q_t) - \\Delta(N)$ with "
            "$\\Delta(N) > 0$ (eq. 12), and $Q_t$ converges to a minimal-entropy distribution."
        ),
        location="v2 §3, Theorem 2, eq. 12",
        hypotheses=("α_t = 0", "finite support", "Q_{t+1} = empirical distribution of N draws"),
    ),
    Claim(
        id="cor-3",
        title="Mutual information with the truth cannot grow (DPI)",
        statement=(
            "For the chain $P \\to Q_t \\to Q_{t+1}$, "
            "$I(P; Q_{t+1}) \\le I(P; Q_t)$ by the data-processing inequality."
        ),
        location="v2 §3, Corollary 3",
        hypotheses=("P is a random variable (a prior over candidate truths)", "α_t = 0"),
        uses=("thm-2",),
    ),
]
