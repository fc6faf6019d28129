"""Earlier published results that a claim restates, generalises, weakens or contradicts.

Each :class:`Related` item names the claim it bears on, the citation, the relation (from the
claim's side: ``same result``, ``special case``, ``generalisation``, ``weaker``,
``contradicts``, ``different model``), the formula where there is one, and a ``tag`` when the
citation has not been confirmed in the primary text (``unverified``: recalled, attribution or
numbering not confirmed; ``secondary``: taken from summaries). Tagged items are shown with
their tag; none of their numbers is trusted unchecked. Where an item has a formula with a
published number, :meth:`Related.reproduce` recomputes that number with the project's own
numerics, so a reviewer sees, for instance, that thm-2/gini is the classical heterozygosity
decay of the Wright–Fisher model.

>>> item = next(i for i in ITEMS if i.claim == "thm-2/gini")
>>> item.reproduce().ok
True
>>> [i.claim for i in for_claim("thm-4")][:1]
['thm-4/recursion']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

__all__ = ["ITEMS", "Related", "Reproduction", "for_claim", "reproduce_all"]


@dataclass(frozen=True)
class Reproduction:
    """A published number recomputed: what was expected, what the project computes."""

    ok: bool
    published: str
    computed: str
    how: str

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "published": self.published, "computed": self.computed,
                "how": self.how}


@dataclass(frozen=True)
class Related:
    """One earlier result bearing on a claim."""

    claim: str
    citation: str
    relation: str
    formula: str = ""
    hypotheses: str = ""
    tag: str = ""  # "", "unverified" or "secondary"
    check: Callable[[], Reproduction] | None = None

    def reproduce(self) -> Reproduction | None:
        """Recompute the item's published number (None when it has none)."""
        return self.check() if self.check is not None else None

    def to_json(self) -> dict[str, Any]:
        return {"claim": self.claim, "citation": self.citation, "relation": self.relation,
                "formula": self.formula or None, "hypotheses": self.hypotheses or None,
                "tag": self.tag or None, "reproducible": self.check is not None}


def _agree(published: str, value: float | Fraction, how: str, digits: int) -> Reproduction:
    """Agreement to the published number's ``digits`` significant digits."""
    computed = f"{float(value):.{digits}g}"
    ok = float(computed) == float(f"{float(published):.{digits}g}")
    return Reproduction(ok, published, computed, how)


# --- the recomputations (each uses the project's numerics) ----------------------------------


def _wright_fisher() -> Reproduction:
    from numerics.entropy import expected_gini_after, gini_trajectory

    exact = expected_gini_after(["1/2", "3/10", "3/20", "1/20"], 20, 5)
    # and the same number from the recursion of the laboratory's loop (Q_0 = the law itself)
    rec = gini_trajectory(["1/2", "3/10", "3/20", "1/20"], 20, [0] * 5)
    ok = rec[5] == (1 - Fraction(1, 20)) ** 6 * (1 - Fraction(1, 2) ** 2 - Fraction(3, 10) ** 2
                                                  - Fraction(3, 20) ** 2 - Fraction(1, 20) ** 2)
    r = _agree("0.491351", exact, "numerics.entropy.expected_gini_after(p0, 20, 5)", 6)
    return Reproduction(r.ok and ok, r.published, r.computed, r.how)


def _fixation() -> Reproduction:
    from numerics.entropy import fixation_probability

    value = fixation_probability(10, 3)
    return Reproduction(value == Fraction(3, 10), "3/10", str(value),
                        "numerics.entropy.fixation_probability(10, 3): exact Markov chain")


def _absorption_time() -> Reproduction:
    from numerics.entropy import absorption_time

    a, b = absorption_time(10, 1), absorption_time(10, 5)
    ok = f"{float(a):.5g}" == "5.7533" and f"{float(b):.6g}" == "12.5905"
    return Reproduction(ok, "5.7533 (i = 1), 12.5905 (i = 5)",
                        f"{float(a):.5g}, {float(b):.6g}",
                        "numerics.entropy.absorption_time(10, i): exact haploid chain")


def _miller_madow() -> Reproduction:
    from numerics.entropy import entropy_loss

    value = entropy_loss(["1/2", "3/10", "1/5"], 50)
    return _agree("0.020335", float(value),
                  "numerics.entropy.entropy_loss((.5,.3,.2), 50) = −bias of the plug-in", 5)


def _unbiased_log_drift() -> Reproduction:
    from numerics.variance import unbiased_log_drift

    return _agree("-0.1152065", float(unbiased_log_drift(10)),
                  "numerics.variance.unbiased_log_drift(10) = ψ(9/2) + ln(2/9)", 7)


def _bertrand_sigma() -> Reproduction:
    from numerics.variance import gaussian_refit

    return _agree("0.9227456", float(gaussian_refit(10, "mle").sigma_factor),
                  "numerics.variance.gaussian_refit(10, 'mle').sigma_factor", 7)


def _ar1() -> Reproduction:
    from numerics.variance import stationary_drift_variance

    return _agree("0.47368", stationary_drift_variance("1/10", "9/100"),
                  "numerics.variance.stationary_drift_variance(0.1, 0.3²)", 5)


def _gerstgrasser() -> Reproduction:
    from numerics.variance import accumulation_mean_variance

    scale = Fraction(5, 50 - 5 - 1)  # σ² d/(T − d − 1) with σ = 1, d = 5, T = 50
    replace = scale * 5
    accumulate = scale * accumulation_mean_variance(1, 1, 4)  # Σ_{i ≤ 5} 1/i²
    ok = f"{float(replace):.5g}" == "0.56818" and f"{float(accumulate):.5g}" == "0.16632"
    return Reproduction(ok, "replace 0.56818, accumulate 0.16632",
                        f"replace {float(replace):.5g}, accumulate {float(accumulate):.5g}",
                        "σ²d/(T−d−1) times n (replace) or times "
                        "numerics.variance.accumulation_mean_variance(1, 1, n − 1) = Σ_{i≤n} 1/i²")


def _dpo() -> Reproduction:
    from numerics.verifiers import gibbs_policy

    g = gibbs_policy(["1/2", "3/10", "1/5"], [1, 2, 0], "7/10")
    computed = ", ".join(f"{float(x):.6f}" for x in g.policy) + f"; value {float(g.value):.7f}"
    published = "0.277816, 0.695552, 0.026632; value 1.4113536"
    return Reproduction(computed == published, published, computed,
                        "numerics.verifiers.gibbs_policy((.5,.3,.2), (1,2,0), 0.7)")


def _replicator() -> Reproduction:
    from numerics.verifiers import verifier_accuracy

    return _agree("0.998737", verifier_accuracy("3/10", "9/10", "1/5", 5),
                  "numerics.verifiers.verifier_accuracy(0.3, 0.9, 0.2, 5)", 6)


def _kish() -> Reproduction:
    from numerics.ensembles import effective_sample_size

    value = effective_sample_size(["1/2", "1/4", "1/4"], 12)
    return Reproduction(value == Fraction(12, 1) / (Fraction(1, 4) + Fraction(1, 8)), "32",
                        str(value), "numerics.ensembles.effective_sample_size((½,¼,¼), 12) "
                        "= N/Σω²")


def _machines() -> Reproduction:
    from numerics.ctm import machine_count

    values = [machine_count(n) for n in (1, 2, 3, 4)]
    published = "36; 10,000; 7,529,536; 11,019,960,576"
    computed = "; ".join(f"{v:,}" for v in values)
    return Reproduction(computed == published, published, computed,
                        "numerics.ctm.machine_count(n), n = 1..4")


def _pybdm() -> Reproduction:
    from numerics.ctm import published_ctm

    value = published_ctm("0")
    return Reproduction(value == 2.5142767361233522, "2.5142767361233522", repr(value),
                        "numerics.ctm.published_ctm('0') from the shipped D(5) table")


def _csiszar() -> Reproduction:
    from numerics.information import chi2

    p, s, a = [Fraction(1, 2), Fraction(1, 2)], [Fraction(9, 10), Fraction(1, 10)], Fraction(1, 3)
    mix = [a * x + (1 - a) * y for x, y in zip(p, s, strict=True)]
    lhs, rhs = chi2(p, mix), (1 - a) * chi2(p, s)
    return Reproduction(lhs <= rhs, "χ²(P‖αP+(1−α)S) ≤ (1−α) χ²(P‖S)",
                        f"{lhs} ≤ {rhs}" if lhs <= rhs else f"{lhs} > {rhs}",
                        "numerics.information.chi2 at P = (½,½), S = (9/10,1/10), α = 1/3")


#: Every related result, in the order of RELATED.md.
ITEMS: tuple[Related, ...] = (
    Related("thm-2/absorption", "Shumailov et al. (2024), Nature 631:755–759",
            "same result", "P(absorbed at δ_x) = Q_0(x); absorption a.s.",
            "pure replacement, fixed sample size", check=_fixation),
    Related("thm-2/gaussian", "Shumailov et al. (2024), Thm 3.1",
            "same result", "unbiased refit: E ln(σ²_n/σ²_0) = n[ψ((M−1)/2) + ln(2/(M−1))]",
            "Gaussian refit from M samples", check=_unbiased_log_drift),
    Related("thm-2/gini", "Wright–Fisher model (Fisher 1930; Wright 1931)", "same result",
            "E[H_{t+1} | p_t] = (1 − 1/N) H_t, H = 1 − Σ p_k² (heterozygosity)",
            "neutral haploid resampling of N tokens", tag="unverified", check=_wright_fisher),
    Related("thm-2/gini", "Seddik et al. (2024), arXiv 2404.05090", "same result",
            "S_m = 1 − (1 − 1/n)^m (1 − S_0), S = Σ p_k²", "self-fed next-token model",
            tag="secondary"),
    Related("thm-2/absorption", "Kimura & Ohta (1969)", "generalisation",
            "mean absorption time of the neutral chain (exact haploid chain below)",
            "N = 10 haploid Wright–Fisher", tag="secondary", check=_absorption_time),
    Related("thm-2/rate", "Miller (1955); Miller–Madow correction", "same result",
            "E[Ĥ] = H − (K−1)/(2n) + O(n⁻²)", "K categories, all p_i > 0",
            check=_miller_madow),
    Related("thm-2/as-stated", "Miller (1955)", "contradicts",
            "the per-step loss (K−1)/(2n) + … depends on the support size K",
            "K categories"),
    Related("thm-2/gaussian", "Bertrand et al. (2024), Prop. 1", "same result",
            "MLE refit: E σ_t = a(n)^t σ_0, a(n) = √(2/n) Γ(n/2)/Γ((n−1)/2)",
            "1-D Gaussian", tag="secondary", check=_bertrand_sigma),
    Related("cor-3/dpi", "Data-processing inequality (Cover & Thomas 2006)", "special case",
            "X → Y → Z Markov ⇒ I(X;Z) ≤ I(X;Y)", "P random; α = 0", tag="unverified"),
    Related("thm-4/recursion", "AR(1) process (textbook)", "same result",
            "v_{t+1} = (1−α)² v_t + s² → s²/(α(2−α))", "constant α", check=_ar1),
    Related("thm-4/accumulation", "Gerstgrasser et al. (2024), COLM, arXiv 2404.01413",
            "same result",
            "E_test = σ²d/(T−d−1) · Σ_{i≤n} 1/i² (accumulate) vs · n (replace)",
            "linear regression, data accumulated", tag="secondary", check=_gerstgrasser),
    Related("thm-4/accumulation", "Kazdan et al. (2024), arXiv 2410.16713", "contradicts",
            "", "accumulating data: bounded error as the real share → 0"),
    Related("thm-4/gaussian-estimators", "Shumailov et al., arXiv 2305.17493 §4",
            "same result", "E[W₂²] = (3/2) σ² Σ_i 1/M_i + higher order",
            "unbiased 1-D refits from M_i samples", tag="unverified"),
    Related("thm-5/sharp", "Bakshi & Chakraborty (2026), arXiv 2602.10531", "same result",
            "", "a decaying true-data weight can avoid collapse", tag="unverified"),
    Related("thm-5/sufficient", "Bertrand et al. (2024), ICLR, arXiv 2310.00429",
            "different model", "local contraction when the real share is large enough",
            "finite capacity", tag="secondary"),
    Related("rem-6/kl-regularised", "Rafailov et al. (2023), NeurIPS, Eq. 4",
            "same result", "π* = π_ref e^{r/β}/Z, value β ln Z", "KL-regularised reward",
            tag="secondary", check=_dpo),
    Related("rem-6/fixed-verifier", "Replicator dynamics (Taylor & Jonker 1978)",
            "special case", "A_t = A_0 TPR^t / (A_0 TPR^t + (1−A_0) FPR^t)",
            "filtering by a fixed verifier", tag="unverified", check=_replicator),
    Related("rem-6/fixed-verifier", "Feng et al. (2024), arXiv 2406.07515", "contradicts",
            "", "imperfect-verifier filtering prevents collapse", tag="secondary"),
    Related("thm-8/gini-identity", "effective sample size (Kish 1965)", "special case",
            "N_e = N / Σ ω_i²", "mixture of m empirical laws", tag="unverified",
            check=_kish),
    Related("prop-9/sufficiency", "Sufficiency (Fisher 1922)", "contradicts",
            "I(M; T(X)) = I(M; X) iff T is sufficient", "prior on M", tag="unverified"),
    Related("eq-16-20/chi2", "Csiszár (1967); Ali & Silvey (1966)", "special case",
            "D_f jointly convex ⇒ D_f(P‖αP+(1−α)S) ≤ (1−α) D_f(P‖S)", "f convex",
            tag="unverified", check=_csiszar),
    Related("sec-2-1/ctm", "Rado (1962), busy-beaver formalism", "same result",
            "(4n+2)^{2n} machines with n states and 2 symbols", "blank tape",
            tag="unverified", check=_machines),
    Related("sec-2-1/published", "pybdm 0.1.0 (D(5) tables)", "same result",
            "CTM('0') = 2.5142767361233522", "", check=_pybdm),
)


def for_claim(claim_id: str, nested: bool = True) -> list[Related]:
    """The items about ``claim_id``; for a top-level id (with ``nested``), also those about
    its sub-claims."""
    return [i for i in ITEMS
            if i.claim == claim_id or (nested and i.claim.split("/", 1)[0] == claim_id)]


def reproduce_all() -> list[tuple[Related, Reproduction]]:
    """Every reproducible item with its recomputation (a few seconds: all exact)."""
    out = []
    for item in ITEMS:
        result = item.reproduce()
        if result is not None:
            out.append((item, result))
    return out


def main() -> int:
    """Print every reproducible item's recomputation; exit 1 if one disagrees."""
    bad = 0
    for item, rep in reproduce_all():
        bad += not rep.ok
        print(f"{item.claim}: {item.citation}: {'agrees' if rep.ok else 'DISAGREES'}: "
              f"published {rep.published}, computed {rep.computed} ({rep.how})")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
