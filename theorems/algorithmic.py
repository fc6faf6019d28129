"""The algorithmic side: CTM/BDM (§2.1, eqs. 6–8) and the symbolic fix (§5.5)."""

from __future__ import annotations

from theorems.model import Claim

CLAIMS: list[Claim] = [
    Claim(
        id="sec-2-1",
        title="CTM and BDM estimates of algorithmic complexity",
        statement=(
            "$\\mathrm{CTM}(s) = -\\log_2 D(s)$ with $D$ the output frequency of small Turing "
            "machines (eq. 6); $\\mathrm{BDM}_k(s) = \\sum_i [\\mathrm{CTM}(b_i) + "
            "\\log_2 n_i]$ over distinct blocks (eq. 7); perturbation effect "
            "$\\Delta_\\tau(s) = \\mathrm{BDM}(\\tau(s)) - \\mathrm{BDM}(s)$ (eq. 8)."
        ),
        location="v2 §2.1, eqs. 6–8",
    ),
    Claim(
        id="sec-5-5",
        title="The algorithmic fix: support expansion and MDL anchoring",
        statement=(
            "A learner ranking programs by algorithmic probability expands the support beyond "
            "the data (eqs. 23/25; the 2, 4, 6, 8 example) and an MDL update "
            "$p_{t+1} = \\arg\\min_p [-\\log P(D \\mid p) + \\lambda K(p)]$ (eqs. 24/26) acts as "
            "a barrier against drift."
        ),
        location="v2 §5.5, eqs. 23–26",
        uses=("sec-2-1",),
    ),
]
