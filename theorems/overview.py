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
            "drift is bounded only by the support's diameter. Each sentence is a sub-claim whose "
            "verdict is that of the formal claim deciding it."
        ),
        location="v1 abstract (v2 softened the wording)",
        v1="v1 abstract, four sentences (see the sub-claims)",
        divergence=(
            "Not a formal claim itself. v2 keeps the content but hedges it: Theorem 5 adds the "
            "scope condition inf α_t > 0, the verifier sentence becomes Remark 6, and the DPI "
            "sentence becomes Proposition 10."
        ),
        uses=("thm-5", "rem-6", "prop-10", "thm-4"),
        informal=True,
        model="definition",
    ),
    Claim(
        id="abstract-v1/degenerative",
        title="v1: autonomous self-training is inevitably degenerative",
        statement=(
            "Without external grounding ($\\alpha_t \\to 0$) recursive self-training "
            "necessarily degenerates: in the finite-sample loop of eq. 9 with $N$ fixed, the "
            "expected diversity $\\mathbb{E}[G(Q_t)]$ tends to 0 and the drift variance "
            "diverges, for every schedule $\\alpha_t \\to 0$."
        ),
        location="v1 abstract; v2 §3 Theorem 5 states the hedged version",
        v1="v1 abstract, first claim",
        divergence=(
            "Decided in the paper's own finite-sample model (eq. 9, N fixed) by "
            "thm-5/vanishing-alpha: there α_t → 0 forces E[G(Q_t)] → 0 and v_t → ∞ for every "
            "schedule, however slowly α_t vanishes (proved). Earlier this sentence was decided "
            "in the noise-free idealised map, where the paper claims no collapse and "
            "α_t = 1/(t+2) converges to P (now thm-5/vanishing-alpha-idealised, an extra). "
            "The accumulation loop (all past data kept, not eq. 9) is a different model where "
            "the drift stays bounded (thm-4/accumulation)."
        ),
        uses=("thm-5/vanishing-alpha", "thm-2/gini", "thm-4/accumulation"),
        headline="thm-5/vanishing-alpha",
        model="finite-sample",
    ),
    Claim(
        id="abstract-v1/verifiers",
        title="v1: RL with imperfect verifiers collapses semantically",
        statement=(
            "Reinforcement learning against an imperfect verifier suffers the same semantic "
            "collapse as self-training."
        ),
        location="v1 abstract; v2 §4 Remark 6",
        v1="v1 abstract, second claim",
        divergence=(
            "Decided by rem-6/fixed-verifier, in the verifier model (a fixed external "
            "verifier, which Definition 2 counts as exogenous signal): a fixed verifier with "
            "TPR > FPR drives accuracy to 1, so the general sentence is false. Collapse does "
            "follow when the verifier's favourite answers are wrong (rem-6/proxy-exploit) and "
            "diversity among correct answers still decays (rem-6/learned-verifier)."
        ),
        uses=("rem-6/fixed-verifier", "rem-6/proxy-exploit"),
        headline="rem-6/fixed-verifier",
        model="verifier",
    ),
    Claim(
        id="abstract-v1/dpi-escape",
        title="v1: algorithmic probability escapes the data-processing inequality",
        statement=(
            "A learner built on algorithmic probability (program synthesis with a universal "
            "prior) is not bound by the data-processing inequality."
        ),
        location="v1 abstract; v2 §5.4 Proposition 10",
        v1="v1 abstract, third claim",
        divergence=(
            "Decided as prop-10 is, by prop-10/as-stated: a fixed prior keeps M → X → G(X, 𝒰) "
            "a Markov chain, so the DPI applies to it like to any learner."
        ),
        uses=("prop-10/as-stated",),
        headline="prop-10",
        model="information",
    ),
    Claim(
        id="abstract-v1/support-diameter",
        title="v1: the drift is bounded only by the support diameter",
        statement=(
            "Without grounding the model's mean performs a random walk whose squared error "
            "diverges or is bounded only by the diameter of the support."
        ),
        location="v1 abstract; v2 §3 Theorem 4",
        v1="v1 abstract, fourth claim",
        divergence=(
            "Decided as Theorem 4 is, with its own fixed-noise hypothesis: the drift variance "
            "diverges for every α_t → 0 (thm-4/divergence) and the diameter bound holds "
            "(thm-4/support-diameter), so the sentence holds. It was earlier decided by "
            "thm-4/as-stated, whose counterexamples either break the fixed-noise hypothesis "
            "(MLE refit, accumulation) or refute only linear growth (thm-4/linear), which is "
            "the proof's, not the sentence's."
        ),
        uses=("thm-4/divergence", "thm-4/support-diameter"),
        headline="thm-4",
        model="drift",
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
        model="definition",
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
            Check(
                name="mixture",
                method=Method.Z3,
                strength=Strength.PROOF,
                run=_mixture_is_distribution,
                expect=Outcome.SUPPORTS,
                description="the mixture of eq. 9 is a probability vector, K = 2, 3, 4",
            ),
            Check(
                name="projection",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_kl_projection_unrestricted,
                expect=Outcome.SUPPORTS,
                description="eq. 10 over the unrestricted family returns the mixture",
            ),
        ),
        expected=Verdict.SUPPORTED,
        model="finite-sample",
    ),
]
