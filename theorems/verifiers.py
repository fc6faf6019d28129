"""Remark 6: RL with imperfect verifiers ("semantic collapse")."""

from __future__ import annotations

from theorems.model import Claim

CLAIMS: list[Claim] = [
    Claim(
        id="rem-6",
        title="RL with imperfect verifiers collapses semantically",
        statement=(
            "Reinforcement learning against an imperfect verifier, with no external grounding, "
            "degrades in the same way as self-training: the policy concentrates on what the "
            "verifier accepts rather than on what is correct."
        ),
        location="v2 §4, Remark 6 (v1: a sentence of the abstract)",
        v1="v1's abstract states it as a result; v2 keeps only a remark",
        divergence=(
            "The paper gives no formal model. The companion supplies four (fixed verifier, "
            "proxy exploitation, KL-regularised updates, learned verifier) as sub-claims."
        ),
        informal=True,
    ),
]
