"""Symbolic and exact evidence for the algorithmic side: sec-2-1 (CTM/BDM) and sec-5-5.

* Normalisation (eq. 6): dividing the output counts by every machine instead of the halting
  ones multiplies D by H/T, so CTM shifts by the constant log2(T/H); in BDM (eq. 7) that
  constant is added once per distinct block.
* The 2, 4, 6, 8 example (§5.5): which constructors of the program language of
  :mod:`numerics.programs` can print 2, 4, 6, 8 (sympy solves each one's equations), the Kraft
  sum of the integer code, the total prior mass of the competing programs in the *unbounded*
  language, and the resulting lower bound on the posterior predictive of 10.
* The MDL anchor (eqs. 24/26): the per-generation misidentification probability of an MDL
  coin learner is at most Σ_j c_j^(−1/2) BC_j^N (union bound, Markov's inequality on the square
  root of the likelihood ratio, the binomial theorem), with Bhattacharyya coefficients
  BC_j < 1; the pointwise and algebraic pieces are checked here.
* Exact Markov-chain facts for the MDL chain: the stationary distribution of a stochastic
  matrix with Fraction entries, and its Doeblin coefficient.

>>> competitor_mass().check().ok
True
>>> stationary_distribution([[Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 4), Fraction(3, 4)]])
[Fraction(1, 3), Fraction(2, 3)]
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import sympy as sp

from proofs.derivation import Algebra, Derivation, Smt, Step, Use
from proofs.goal import Goal
from proofs.lemmas import BINOMIAL_THEOREM
from proofs.smt import SmtResult, prove

# --- sec-2-1/ctm: the exact tables D(1)..D(4) as a formal goal -------------------------------

#: what one count table of n-state machines is: machine count, halting count, longest halting
#: run (steps), and the sha256 of its canonical serialisation (numerics.ctm.counts_digest)
machines, halting, longest_run, counts_sha256 = sp.symbols(
    "machines halting longest_halting_run counts_sha256", cls=sp.Function)

#: (halting machines, longest halting run, sha256 of the counts) for n = 1..4 states
CTM_TABLES: dict[int, tuple[int, int, str]] = {
    1: (12, 1, "4e5fe45e0e511ee11a85b7f4d737354e28b03725186406b3ea2d78ed35f29697"),
    2: (3044, 6, "849f0beaa139a7e123411d47f026703703c9616fc1c685f7d85d823a7849bcea"),
    3: (2147184, 21, "bc37bf59e44895fa30adc4a432df6c2162c233f5c75099d4ab8425674da0c2bf"),
    4: (2985384480, 107, "a70d83e1a7d20b2f522839aff365beb31c164611f1bbfcd7b7e85c0350078280"),
}


def ctm_facts(n: int, total: int, halts: int, longest: int, digest: str) -> list[sp.Basic]:
    """The four equations that pin down the table of n-state machines."""
    k = sp.Integer(n)
    return [sp.Eq(machines(k), total, evaluate=False), sp.Eq(halting(k), halts, evaluate=False),
            sp.Eq(longest_run(k), longest, evaluate=False),
            sp.Eq(counts_sha256(k), sp.Integer(int(digest, 16)), evaluate=False)]


#: sec-2-1/ctm: the tables of every machine with 1..4 states, each equation computed exactly
CTM_GOAL = Goal(
    sp.And(*[f for n, (h, s, d) in CTM_TABLES.items()
             for f in ctm_facts(n, (4 * n + 2) ** (2 * n), h, s, d)], evaluate=False),
    (),
    (),
    "sec-2-1/ctm",
)

__all__ = [
    "CTM_GOAL",
    "CTM_TABLES",
    "EVEN_DATA",
    "NORMALISATION_GOAL",
    "SUPPORT_GOAL",
    "bdm_normalisation_shift",
    "bhattacharyya_below_one",
    "bhattacharyya_identity",
    "competitor_mass",
    "constructor_fits",
    "ctm_facts",
    "ctm_normalisation_shift",
    "doeblin_coefficient",
    "integer_code_kraft",
    "markov_pointwise",
    "posterior_bound",
    "stationary_distribution",
]

# --- symbols ---------------------------------------------------------------------------------
D = sp.Symbol("D", positive=True)  # D(s), the standard (halting) normalisation
H = sp.Symbol("H", positive=True)  # number of halting machines
T = sp.Symbol("T", positive=True)  # number of machines
i = sp.Symbol("i", integer=True, positive=True)
m = sp.Symbol("m", integer=True, positive=True)  # number of distinct blocks
c = sp.Symbol("c", real=True)  # the per-block offset log2(T/H)
CTM = sp.IndexedBase("C")  # CTM(b_i)
MULT = sp.IndexedBase("n", positive=True)  # multiplicities n_i
k = sp.Symbol("k", integer=True, nonnegative=True)
N = sp.Symbol("N", integer=True, positive=True)
theta = sp.Symbol("theta", positive=True)  # the true coin
phi = sp.Symbol("phi", positive=True)  # a competing coin
r = sp.Symbol("r", nonnegative=True)  # a likelihood ratio
cut = sp.Symbol("c_j", positive=True)  # the MDL threshold 2^(λ(len_j − len_i))
p1, q1 = sp.symbols("p q", positive=True)  # P(1), P(0) under the truth
p2, q2 = sp.symbols("p' q'", positive=True)  # P(1), P(0) under the competitor
a_ = sp.Symbol("a", positive=True)
b_ = sp.Symbol("b", positive=True)

#: The observed terms of the §5.5 example.
EVEN_DATA: tuple[int, ...] = (2, 4, 6, 8)


# --- sec-2-1: normalisation ------------------------------------------------------------------

def ctm_normalisation_shift(offset: sp.Basic | None = None) -> Derivation:
    """−log2(D·H/T) = −log2 D + log2(T/H): the paper's D_all = D·H/T shifts CTM by a constant.

    ``offset`` replaces log2(T/H) (false variants in the tests).
    """
    shift = sp.log(T / H, 2) if offset is None else offset
    start = -sp.log(D * H / T, 2)
    end = -sp.log(D, 2) + shift
    return Derivation(
        "sec-2-1: CTM under the paper's normalisation",
        start,
        [Step("=", end, Algebra(), "log of a product (all factors positive)")],
        goal=(start, "=", end),
        description="D_all(s) = c(s)/T = D(s)·H/T for every s, so CTM_all(s) = CTM(s) + log2(T/H)",
    )


def bdm_normalisation_shift(per_block: sp.Basic | None = None) -> Derivation:
    """Σ_{i≤m} [(C_i + c) + log2 n_i] = Σ_{i≤m} [C_i + log2 n_i] + m·c (eq. 7).

    The constant shift of every CTM value enters BDM once per distinct block, so BDM shifts by
    m·c, which depends on the string. ``per_block`` replaces m·c (false variants).
    """
    shift = m * c if per_block is None else per_block
    start = sp.Sum(CTM[i] + c + sp.log(MULT[i], 2), (i, 1, m))
    end = sp.Sum(CTM[i] + sp.log(MULT[i], 2), (i, 1, m)) + shift
    return Derivation(
        "sec-2-1: BDM under the paper's normalisation",
        start,
        [Step("=", end, Algebra(), "split the finite sum; the constant c appears m times")],
        goal=(start, "=", end),
    )


#: sec-2-1/normalisation: the paper's D_all = D·H/T shifts CTM by log2(T/H) for every string,
#: and a constant shift c of every block's CTM shifts BDM (eq. 7) by m·c over m distinct blocks.
NORMALISATION_GOAL = Goal(
    sp.And(
        sp.Eq(-sp.log(D * H / T, 2), -sp.log(D, 2) + sp.log(T / H, 2)),
        sp.Eq(sp.Sum(CTM[i] + c + sp.log(MULT[i], 2), (i, 1, m)),
              sp.Sum(CTM[i] + sp.log(MULT[i], 2), (i, 1, m)) + m * c),
        evaluate=False,
    ),
    (D, H, T, c, m),
    (),
    "sec-2-1/normalisation",
)


# --- sec-5-5: the 2, 4, 6, 8 example ---------------------------------------------------------

def _gamma(j: int) -> int:
    return 2 * (j.bit_length() - 1) + 1


def integer_code_kraft(total: sp.Basic | None = None) -> Derivation:
    """Σ_{k≥0} 2^k · 2^−(2k+1) = 1: the Elias-gamma code (2^k codewords of length 2k + 1) is
    complete, so the signed-integer code (a bijection ℤ → ℕ⁺ followed by gamma) has Kraft sum 1.
    """
    value = sp.Integer(1) if total is None else total
    start = sp.Sum(2**k * sp.Integer(2) ** (-(2 * k + 1)), (k, 0, sp.oo))
    return Derivation(
        "sec-5-5: Kraft sum of the integer code",
        start,
        [Step("=", value, Algebra(), "geometric series Σ 2^−(k+1)")],
        goal=(start, "=", value),
    )


def competitor_mass(claimed: sp.Basic | None = None) -> Derivation:
    """Total prior weight of the programs other than 2k that print 2, 4, 6, 8: 3·2^−34.

    They are the cycles of block length m ≥ 4 starting 2, 4, 6, 8 (see :func:`constructor_fits`):
    3 tag bits, γ(m − 1) bits for m, 5 + 7 + 7 + 9 = 28 bits for the four fixed entries, and
    free further entries whose codes sum to 1 each. Σ_{m≥4} 2^−γ(m−1) is the Kraft sum minus
    γ(1) = 1 and γ(2) = 3.
    """
    value = 3 * sp.Integer(2) ** -34 if claimed is None else claimed
    kraft = sp.Sum(2**k * sp.Integer(2) ** (-(2 * k + 1)), (k, 0, sp.oo))
    fixed = sp.Integer(2) ** -_gamma(1) + sp.Integer(2) ** -_gamma(2)
    start = sp.Integer(2) ** -31 * (kraft - fixed)
    return Derivation(
        "sec-5-5: prior mass of the competing programs (unbounded language)",
        start,
        [Step("=", value, Algebra(), "Kraft sum 1, minus the codes of m − 1 = 1, 2")],
        goal=(start, "=", value),
    )


def posterior_bound(mass: sp.Basic | None = None, claimed: sp.Basic | None = None) -> Derivation:
    """P(next term = 10) = (w + a)/(w + b) ≥ 2^25/(2^25 + 3) with w = 2^−9 (the program 2k),
    b ≤ 3·2^−34 the competitors' mass (within any length bound) and 0 ≤ a ≤ b the part of it
    that also predicts 10.
    """
    total = 3 * sp.Integer(2) ** -34 if mass is None else mass
    target = sp.Integer(2) ** 25 / (sp.Integer(2) ** 25 + 3) if claimed is None else claimed
    w = sp.Integer(2) ** -9
    start = (w + a_) / (w + b_)
    hyps = (sp.Le(a_, b_), sp.Le(b_, total))
    return Derivation(
        "sec-5-5: posterior predictive of 10, any length bound",
        start,
        [Step(">=", w / (w + b_), Smt(), "a ≥ 0"),
         Step(">=", target, Smt(), "b ≤ 3·2^−34")],
        goal=(start, ">=", target),
        hypotheses=hyps,
    )


#: sec-5-5/support-expansion: the integer code's Kraft sum is 1, the programs other than 2k
#: that print 2, 4, 6, 8 weigh 3·2^−34 in all, and so P(next = 10) ≥ 2^25/(2^25 + 3) whatever
#: part a ≤ b of the competitors' mass b ≤ 3·2^−34 (within any length bound) also predicts 10.
SUPPORT_GOAL = Goal(
    sp.And(integer_code_kraft().relation, competitor_mass().relation,
           posterior_bound().relation, evaluate=False),
    (a_, b_),
    (sp.Le(a_, b_), sp.Le(b_, 3 * sp.Integer(2) ** -34)),
    "sec-5-5/support-expansion",
)


def constructor_fits(data: Sequence[int] = EVEN_DATA) -> dict[str, list[dict[str, int]]]:
    """For each constructor, the parameter values that print ``data`` (sympy ``solve``).

    ``const``, ``lin``, ``square``, ``pow`` and ``geom`` are solved as polynomial systems over
    the complex numbers (so nothing is missed); integer solutions that satisfy the constructor's
    side conditions are kept. ``cycle`` with block length m < len(data) needs data[j] =
    data[j mod m], checked exactly; blocks of length m ≥ len(data) are reported as
    ``{"m_min": len(data)}`` (their first entries are the data, the rest are free).
    """
    d = [sp.Integer(v) for v in data]
    ks = range(1, len(d) + 1)
    x, y = sp.symbols("x y")
    systems = {
        "const": ([x - v for v in d], [x]),
        "lin": ([x * kk + y - v for kk, v in zip(ks, d, strict=True)], [x, y]),
        "square": ([(kk + x) ** 2 - v for kk, v in zip(ks, d, strict=True)], [x]),
        "pow": ([x**kk - v for kk, v in zip(ks, d, strict=True)], [x]),
        "geom": ([x * y**kk - v for kk, v in zip(ks, d, strict=True)], [x, y]),
    }
    ok_params = {
        "const": lambda s: True,
        "lin": lambda s: s[0] != 0,
        "square": lambda s: True,
        "pow": lambda s: s[0] >= 2,
        "geom": lambda s: s[0] != 0 and abs(s[1]) >= 2,
    }
    out: dict[str, list[dict[str, int]]] = {}
    for name, (eqs, unknowns) in systems.items():
        sols = sp.solve(eqs, unknowns, dict=True)
        kept = []
        for sol in sols:
            vals = [sol.get(u, u) for u in unknowns]
            if all(v.is_integer for v in vals) and ok_params[name]([int(v) for v in vals]):
                kept.append({str(u): int(v) for u, v in zip(unknowns, vals, strict=True)})
        out[name] = kept
    cycles: list[dict[str, int]] = [
        {"m": mm} for mm in range(2, len(data))
        if all(data[j] == data[j % mm] for j in range(len(data)))
    ]
    cycles.append({"m_min": len(data)})
    out["cycle"] = cycles
    return out


# --- sec-5-5: the MDL anchor -----------------------------------------------------------------

def markov_pointwise() -> list[tuple[str, SmtResult]]:
    """1{r ≥ c} ≤ √(r/c) for r ≥ 0, c > 0: the pointwise form of Markov's inequality."""
    hyp = [sp.Gt(cut, 0), sp.Ge(r, 0)]
    return [
        ("r ≥ c ⇒ √(r/c) ≥ 1", prove(sp.Ge(sp.sqrt(r / cut), 1), [*hyp, sp.Ge(r, cut)])),
        ("√(r/c) ≥ 0", prove(sp.Ge(sp.sqrt(r / cut), 0), hyp)),
    ]


def bhattacharyya_below_one(distinct: bool = True) -> list[tuple[str, SmtResult]]:
    """BC(θ, φ) = √(θφ) + √((1−θ)(1−φ)) < 1 for distinct θ, φ in (0, 1) (both orders).

    ``distinct=False`` drops the hypothesis θ ≠ φ (a false variant: BC = 1 at θ = φ).
    """
    bc = sp.sqrt(theta * phi) + sp.sqrt((1 - theta) * (1 - phi))
    box = [sp.Lt(theta, 1), sp.Lt(phi, 1)]
    if not distinct:
        return [("BC(θ, φ) < 1 when θ ≤ φ", prove(sp.Lt(bc, 1), [*box, sp.Le(theta, phi)]))]
    # the two cases of θ ≠ φ, each labelled by the statement and the case it assumes
    return [
        ("BC(θ, φ) < 1, case θ < φ", prove(sp.Lt(bc, 1), [*box, sp.Lt(theta, phi)])),
        ("BC(θ, φ) < 1, case φ < θ", prove(sp.Lt(bc, 1), [*box, sp.Lt(phi, theta)])),
    ]


def bhattacharyya_identity(exponent: sp.Basic | None = None) -> Derivation:
    """E_p[√(L'/L)] over N draws = (√(p p') + √(q q'))^N, i.e. BC(θ, φ)^N for p = θ, q = 1 − θ,
    p' = φ, q' = 1 − φ (termwise algebra, then the binomial theorem).

    The sum runs over the count k of ones: C(N,k) p^k q^(N−k) is its law under the truth and
    (p'/p)^(k/2) (q'/q)^((N−k)/2) the square root of the likelihood ratio. The identity holds
    for all positive p, q, p', q', so it is stated for four positive symbols. ``exponent``
    replaces N in the result (false variants).
    """
    power = N if exponent is None else exponent
    u = sp.sqrt(p1 * p2)
    v = sp.sqrt(q1 * q2)
    law = sp.binomial(N, k) * p1**k * q1 ** (N - k)
    ratio = (p2 / p1) ** (k / 2) * (q2 / q1) ** ((N - k) / 2)
    start = sp.Sum(law * ratio, (k, 0, N))
    end = (u + v) ** power
    binomial = Use(BINOMIAL_THEOREM, bind={"g": law * ratio, "a": u, "b": v})
    return Derivation(
        "sec-5-5: E[√(likelihood ratio)] = BC^N",
        start,
        [Step("=", end, binomial,
              "term k: C(N,k) p^k q^(N−k) (p'/p)^(k/2) (q'/q)^((N−k)/2) = C(N,k) √(pp')^k "
              "√(qq')^(N−k); then the binomial theorem")],
        goal=(start, "=", end),
    )


# --- exact Markov-chain facts ----------------------------------------------------------------

def stationary_distribution(matrix: Sequence[Sequence[Fraction]]) -> list[Fraction]:
    """The stationary distribution π (πK = π, Σπ = 1) of an irreducible stochastic matrix K,
    by exact Gaussian elimination over the rationals.

    Raises ValueError when K is not square, not stochastic, or π is not unique.
    """
    K = [[Fraction(v) for v in row] for row in matrix]
    n = len(K)
    if n == 0 or any(len(row) != n for row in K):
        raise ValueError("the matrix must be square and non-empty")
    if any(sum(row) != 1 or min(row) < 0 for row in K):
        raise ValueError("the matrix must be stochastic (rows of nonnegative entries summing to 1)")
    # equations (K^T − I) π = 0 for the first n − 1 states, plus Σ π = 1
    A = [[K[col][row] - (1 if row == col else 0) for col in range(n)] for row in range(n - 1)]
    A.append([Fraction(1)] * n)
    rhs = [Fraction(0)] * (n - 1) + [Fraction(1)]
    for p in range(n):
        pivot = next((q for q in range(p, n) if A[q][p] != 0), None)
        if pivot is None:
            raise ValueError("the stationary distribution is not unique")
        A[p], A[pivot] = A[pivot], A[p]
        rhs[p], rhs[pivot] = rhs[pivot], rhs[p]
        for q in range(n):
            if q != p and A[q][p] != 0:
                f = A[q][p] / A[p][p]
                A[q] = [x - f * y for x, y in zip(A[q], A[p], strict=True)]
                rhs[q] -= f * rhs[p]
    return [rhs[p] / A[p][p] for p in range(n)]


def doeblin_coefficient(matrix: Sequence[Sequence[Fraction]]) -> Fraction:
    """β = Σ_j min_i K[i][j]: every row of K^t is within (1 − β)^t of π in total variation."""
    K = [[Fraction(v) for v in row] for row in matrix]
    return sum((min(K[q][j] for q in range(len(K))) for j in range(len(K[0]))), Fraction(0))
