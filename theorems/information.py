"""§5: "KL covers all losses" (§5.1), contraction factors (§5.3), Props. 9–10 (DPI)."""

from __future__ import annotations

from theorems.model import Claim

CLAIMS: list[Claim] = [
    Claim(
        id="sec-5-1",
        title="KL covers all losses without loss of generality",
        statement=(
            "Results proved for the KL objective apply to the losses used in practice "
            "(cross-entropy, squared error, other divergences) without loss of generality."
        ),
        location="v2 §5.1",
    ),
    Claim(
        id="eq-16-20",
        title="Contraction factors of the neurosymbolic update (§5.3)",
        statement=(
            "For $Q_{t+1} = \\mathcal{T}_{\\alpha_t} \\circ \\mathcal{C}_t \\circ "
            "\\Pi_{\\mathcal{S}}(Q_t)$: a symbolic factor $\\sigma$ (16), a causal factor "
            "$\\kappa_t = 1 - \\eta_c \\varphi_t$ (17), and the grounding factor (20) "
            "$D_f(P \\| \\alpha P + (1-\\alpha) S) \\le (1-\\alpha) D_f(P \\| S)$, giving the "
            "composite rate $c_t = (1-\\alpha_t)\\kappa_t\\sigma$."
        ),
        location="v2 §5.3, eqs. 16–20",
        uses=("eq-4-5",),
    ),
    Claim(
        id="prop-9",
        title="DPI bound for distribution-only learners",
        statement=(
            "A learner that sees only data $X$ satisfies $I(M; Q_\\theta) \\le I(M; X)$ (21), "
            "strictly whenever $X \\mapsto Q_\\theta$ is not invertible (22)."
        ),
        location="v2 §5.4, Proposition 9, eqs. 21–22",
        hypotheses=("a prior over mechanisms M",),
    ),
    Claim(
        id="prop-10",
        title="Escaping the DPI through the universal prior",
        statement=(
            "A program-synthesis learner $G(X, \\mathcal{U})$ using a fixed universal prior can "
            "carry more information about the mechanism than the data, "
            "$I(M; G(X, \\mathcal{U})) > I(M; X)$."
        ),
        location="v2 §5.4, Proposition 10",
        v1="v1 abstract: 'escaping the data-processing inequality'",
        uses=("prop-9",),
    ),
]
