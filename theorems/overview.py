"""The paper's framing: the v1 abstract's sentences and the definitions of §2 (Defs. 1–2)."""

from __future__ import annotations

import sympy as sp

from proofs.smt import prove
from theorems import evidence as ev
from theorems.model import Check, CheckResult, Claim, Method, Outcome, Strength, Verdict


def _mixture_is_distribution() -> CheckResult:
    """z3: for K = 2..4, αP + (1−α)Q is nonnegative and sums to 1 whenever P, Q are."""
    queries = []
    for k in (2, 3, 4):
        ps = sp.symbols(f"p0:{k}", nonnegative=True)
        qs = sp.symbols(f"q0:{k}", nonnegative=True)
        al = sp.Symbol("alpha", nonnegative=True)
        hyps = [sp.Le(al, 1), sp.Eq(sum(ps), 1), sp.Eq(sum(qs), 1)]
        mix = [al * ps[i] + (1 - al) * qs[i] for i in range(k)]
        goal = sp.And(sp.Eq(sum(mix), 1), *[sp.Ge(m, 0) for m in mix])
        queries.append((f"K = {k}", prove(goal, hyps)))
    return ev.from_smt_all(queries)


def _kl_projection_unrestricted() -> CheckResult:
    """sympy: stationarity of Σ P' ln(P'/Q) under Σ Q = 1 forces Q = P' (K = 3)."""
    p1, p2, q1, q2 = sp.symbols("p1 p2 q1 q2", positive=True)
    p3, q3 = 1 - p1 - p2, 1 - q1 - q2
    kl = p1 * sp.log(p1 / q1) + p2 * sp.log(p2 / q2) + p3 * sp.log(p3 / q3)
    eqs = [sp.diff(kl, q1), sp.diff(kl, q2)]
    sol = sp.solve(eqs, [q1, q2], dict=True)
    ok = sol == [{q1: p1, q2: p2}]
    return CheckResult(
        Outcome.SUPPORTS if ok else Outcome.UNDECIDED,
        f"the only stationary point of KL(P'‖Q) over Q (K = 3) is {sol}; KL is convex in Q, "
        "so over the unrestricted family the projection of eq. 10 returns P' itself",
    )

CLAIMS: list[Claim] = [
    Claim(
        id="abstract-v1",
        title="The v1 abstract's headline sentences",
        statement=(
            "v1's abstract asserts four things: autonomous self-training is inevitably "
            "degenerative; RL with imperfect verifiers collapses semantically in the same way; "
            "algorithmic-probability learners escape the data-processing inequality; and the "
            "drift is bounded only by the support's diameter. Each sentence is mapped to the "
            "formal claim that decides it: thm-5, rem-6, prop-10 and thm-4."
        ),
        location="v1 abstract (v2 softened the wording)",
        v1="v1 abstract, four sentences (see statement)",
        divergence=(
            "Not a formal claim itself: its verdicts are those of the claims it maps to, shown "
            "side by side with the v2 wording."
        ),
        uses=("thm-5", "rem-6", "prop-10", "thm-4"),
        informal=True,
    ),
    Claim(
        id="def-1",
        title="Setting: true distribution, model family, generations",
        statement=(
            "A true distribution $P$ on a (discrete, in the formal parts) space $X$; models "
            "$Q_t$ in a family $\\mathcal{Q}$ indexed by the generation $t$; $Q_0$ is fitted to "
            "$P$ alone, close to it but not equal."
        ),
        location="v2 §2, Definition 1",
        divergence="A definition: nothing to prove. Its content is exercised by def-2 onwards.",
        informal=True,
    ),
    Claim(
        id="def-2",
        title="The self-training loop (eqs. 9–10, finite-sample eq. 1)",
        statement=(
            "Each generation trains on the mixture $P'_t = \\alpha_t P + (1-\\alpha_t) Q_t$ "
            "(eq. 9) and sets $Q_{t+1} = \\arg\\min_{Q \\in \\mathcal{Q}} "
            "\\mathrm{KL}(P'_t \\| Q)$ (eq. 10); with $N$ samples per generation this is "
            "maximum likelihood on $N$ draws from $P'_t$ (eq. 1)."
        ),
        location="v2 §2, Definition 2, eqs. 1, 9, 10",
        hypotheses=("α_t ∈ [0, 1]", "P, Q_t probability distributions on a finite set"),
        divergence=(
            "We check that the loop is well posed: the mixture is a probability distribution, "
            "and over the unrestricted family the KL projection returns the mixture itself."
        ),
        checks=(
            Check("mixture", Method.Z3, Strength.PROOF, _mixture_is_distribution,
                  "the mixture of eq. 9 is a probability vector, K = 2, 3, 4",
                  expect=Outcome.SUPPORTS),
            Check("projection", Method.SYMPY, Strength.PROOF, _kl_projection_unrestricted,
                  "eq. 10 over the unrestricted family returns the mixture",
                  expect=Outcome.SUPPORTS),
        ),
        expected=Verdict.PROVED,
    ),
]
