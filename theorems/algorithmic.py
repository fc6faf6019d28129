"""The algorithmic side: CTM/BDM (§2.1, eqs. 6–8) and the symbolic fix (§5.5, eqs. 23–26).

Statements are in our words; the paper is cited by section and equation (v2).

``sec-2-1``: eqs. 6–8 define CTM and BDM; they are definitions, so what can be checked is that
they are computed faithfully (exact output frequencies of every small Turing machine, agreement
with the published tables and with the reference BDM implementation), what the paper's
normalisation changes, and the finite consequences of the coding theorem. That CTM
approximates Kolmogorov complexity is informal (a universal machine and an uncomputable
constant are involved).

``sec-5-5``: the 2, 4, 6, 8 example run in an explicit program language with a prefix code
(support expansion, exact), and the MDL update of eqs. 24/26 retrained on its own samples: its
misidentification probability is exponentially small in N for every complexity weight λ,
including λ = 0, so the anchor comes from the discrete class and the penalty only tilts it
toward short programs (proved); for any fixed N the chain over programs is irreducible, so the
truth is held for about 1/ε_N generations and not in the long run (the barrier reading is
refuted exactly). Prop. 10's anchor reading (``theorems.information``) states the λ = 1 case.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import tempfile
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from numerics import ctm
from numerics import information as inf
from numerics import programs as pg
from numerics.loops import programs as lab
from numerics.precision import certify
from numerics.stats import FamilyTest
from proofs import algorithmic as pa
from proofs.goal import Goal
from proofs.smt import SmtResult, prove
from theorems import evidence as ev
from theorems.model import (
    Check,
    CheckResult,
    Claim,
    Method,
    Outcome,
    Strength,
    Tier,
    Verdict,
)
from theorems.sampling import (
    FAST_ALPHA,
    Attempt,
    anchor_comparisons,
    max_shift_z,
    rate_power,
    sampled,
)

#: OEIS A141474 (the strings of D(1), D(2), D(3), most frequent first, ties lexicographic),
#: its first 105 terms: an independent published computation of the same distributions.
OEIS_A141474_PREFIX = (
    "0101000110110010111001100000101011110000001001000110100110111101111101000110110001110010"
    "11100110010101000"
)

#: Busy-Beaver champions (2 symbols) for 2, 3, 4 states: they halt after exactly S(n) steps.
CHAMPIONS = {2: "1RB1LB_1LA1RZ", 3: "1RB1RZ_1LB0RC_1LC1LA", 4: "1RB1LB_1LA0LC_1RZ1LD_1RD0RA"}

Z_NULL = 3.090232306167813  # one-sided 0.1% point of N(0, 1): chance level of a rank correlation
SEED = 20260105


def _fmt(x: Fraction | float, digits: int = 6) -> str:
    return f"{float(x):.{digits}g}"


def _prob(x: Fraction, digits: int = 4) -> str:
    """A probability, written 1 − δ when it is within 10^−3 of 1 but not 1."""
    if x != 1 and x > Fraction(999, 1000):
        return f"1 − {_fmt(1 - x, 3)}"
    return _fmt(x, digits)


def _mp(x: Fraction) -> mpmath.mpf:
    return mpmath.mpf(x.numerator) / x.denominator


def _log2_str(x: Fraction, dps: int = 30) -> str:
    with mpmath.workdps(dps):
        return mpmath.nstr(mpmath.log(_mp(x), 2), dps - 5)


def _same(a: ctm.OutputCounts, b: ctm.OutputCounts) -> bool:
    return (
        dict(a.counts) == dict(b.counts)
        and a.halting == b.halting
        and a.nonhalting == b.nonhalting
        and dict(a.halting_times) == dict(b.halting_times)
    )


def _all_proved(queries: Sequence[tuple[str, SmtResult]]) -> tuple[bool, str]:
    text = "; ".join(f"{what}: {res.summary()}" for what, res in queries)
    return all(res.status == "proved" for _, res in queries), text


# =============================================================================================
# sec-2-1/ctm: exact D(1)..D(4)
# =============================================================================================


def _count_facts(n: int, counts: ctm.OutputCounts, step_bound: int) -> tuple[list[str], str, dict]:
    """Totals and the longest halting run of one count table: (problems, summary, data)."""
    bad = []
    total = (4 * n + 2) ** (2 * n)
    strings = len(ctm.distribution_of(counts))
    longest = max(counts.halting_times)
    if counts.machines != total or counts.halting + counts.nonhalting != total:
        bad.append(f"n = {n}: halting + non-halting ≠ (4n+2)^(2n)")
    if sum(counts.counts.values()) != counts.halting:
        bad.append(f"n = {n}: output counts do not add up to the halting count")
    if longest != step_bound:
        bad.append(f"n = {n}: longest halting run {longest} ≠ S({n}) = {step_bound}")
    line = (
        f"D({n}): {total:,} machines = (4·{n}+2)^{2 * n}; {counts.halting:,} halt "
        f"({_fmt(Fraction(counts.halting, total), 4)} of them), {counts.nonhalting:,} never "
        f"halt; {strings:,} strings; longest halting run: {longest} "
        f"step{'s' if longest > 1 else ''} = S({n})"
    )
    data = {
        "machines": str(total),
        "halting": str(counts.halting),
        "nonhalting": str(counts.nonhalting),
        "strings": str(strings),
        "longest_halting_run": str(longest),
    }
    return bad, line, data


def _machine_counts(
    bounds: dict[int, int] | None = None, states: Sequence[int] = (1, 2, 3)
) -> CheckResult:
    """Totals, halting counts, and the step convention pinned by the Busy-Beaver champions.

    The tables are enumerated in this run (D(1)–D(3) take well under a second); D(4) is the
    deep check :func:`_d4_recompute`.
    """
    step_bounds = dict(ctm.STEP_BOUNDS) if bounds is None else bounds
    lines, bad, data = [], [], {}
    for n in states:
        problems, line, facts = _count_facts(n, ctm.recomputed_counts(n), step_bounds[n])
        bad += problems
        lines.append(line)
        data[f"D({n})"] = facts
    for n, spec in CHAMPIONS.items():
        run = ctm.run_machine(spec, 0, step_bounds[n])
        short = ctm.run_machine(spec, 0, step_bounds[n] - 1)
        if not (run.halted and run.steps == step_bounds[n]) or short.halted:
            bad.append(f"the {n}-state champion does not halt at exactly step {step_bounds[n]}")
    lines.append(
        "the Busy-Beaver champions for 2, 3, 4 states halt at exactly S(n) = 6, 21, "
        "107 steps under the same step convention, so a machine still running after "
        "S(n) steps never halts and the halting counts are exact"
    )
    if bad:
        return CheckResult(Outcome.UNDECIDED, "; ".join(bad) + "\n" + "\n".join(lines), data)
    return CheckResult(Outcome.SUPPORTS, "\n".join(lines), data)


def _tree_vs_brute() -> CheckResult:
    """The tree enumeration against a loop over every machine (n = 1, 2) and, for n = 3,
    against the same tree without its loop proofs."""
    rows, ok = [], True
    for n in (1, 2):
        same = _same(
            ctm.compute_output_counts(n, method="tree"),
            ctm.compute_output_counts(n, method="brute"),
        )
        ok &= same
        rows.append(
            f"n = {n}: tree {'=' if same else '≠'} every machine run one by one "
            f"({ctm.machine_count(n):,} machines)"
        )
    same3 = _same(
        ctm.compute_output_counts(3, method="tree"),
        ctm.compute_output_counts(3, method="tree-plain"),
    )
    ok &= same3
    rows.append(
        f"n = 3: tree {'=' if same3 else '≠'} the tree with every open branch run to "
        "S(3) (no loop proofs); the loop over all 7,529,536 machines is the deep check"
    )
    return (
        ev.numeric(ok, "; ".join(rows))
        if not ok
        else CheckResult(
            Outcome.SUPPORTS, "; ".join(rows) + ": identical counts, halting times and outputs"
        )
    )


def _brute_n3() -> CheckResult:
    tree = ctm.compute_output_counts(3, method="tree")
    brute = ctm.compute_output_counts(3, method="brute-numpy")
    ok = _same(tree, brute)
    detail = (
        f"n = 3: tree enumeration {'=' if ok else '≠'} all 7,529,536 machines run in "
        f"lockstep ({brute.halting:,} halt, {len(brute.counts)} outputs on blank 0)"
    )
    return CheckResult(Outcome.SUPPORTS if ok else Outcome.UNDECIDED, detail)


def _oeis(prefix: str = OEIS_A141474_PREFIX) -> CheckResult:
    digits = "".join("".join(ctm.distribution(n)) for n in (1, 2, 3))
    ok = digits.startswith(prefix)
    first = next((j for j, (a, b) in enumerate(zip(digits, prefix, strict=False)) if a != b), None)
    detail = (
        f"D(1), D(2), D(3) written out string after string (most frequent first, ties "
        f"lexicographic): {len(digits)} digits; the first {len(prefix)} "
        + (
            "equal OEIS A141474's published terms"
            if ok
            else f"differ from OEIS A141474 at digit {first}"
        )
    )
    return CheckResult(
        Outcome.SUPPORTS if ok else Outcome.UNDECIDED,
        detail,
        {"digits": str(len(digits)), "compared": str(len(prefix))},
    )


def _table_record(table: ctm.ShippedTable, recomputed: bool, reproduced: bool | None = None
                  ) -> dict[str, str]:
    """How a check used a shipped table (listed by the trust report)."""
    record = {
        "table": f"numerics/data/{table.path.name}",
        "sha256": table.digest,
        "recomputed": "yes" if recomputed else "no",
    }
    if reproduced is not None:
        record["reproduced"] = "yes" if reproduced else "no"
    return record


def _d4_file(path: Path | None = None) -> CheckResult:
    """The shipped D(4) file: digest, totals, halting times, mirror symmetry, normalisation.

    Integrity only: a table whose digest was rewritten after an edit passes here. That the
    table is D(4) is shown only by recomputing it (:func:`_d4_recompute`, deep tier).
    """
    target = ctm.DATA_DIR / "ctm_d4.json" if path is None else path
    raw = json.loads(target.read_text(encoding="utf-8"))
    counts = {str(s): int(v) for s, v in raw["counts"].items()}
    times = {int(t): int(v) for t, v in raw["halting_times"].items()}
    table = ctm.shipped_table(4, target)
    facts = {
        "format, n = 4, blank 0, step bound 107": (
            raw.get("format") == "collapse-check/ctm-output-counts"
            and raw["n"] == 4
            and raw["blank"] == 0
            and raw["max_steps"] == 107
        ),
        "the counts have the sha256 the file records": table.intact,
        "machines = 18^8 = halting + non-halting": (
            int(raw["machines"]) == 18**8 == int(raw["halting"]) + int(raw["nonhalting"])
        ),
        "Σ counts = halting = Σ halting times": (
            sum(counts.values()) == int(raw["halting"]) == sum(times.values())
        ),
        "longest halting run = 107": max(times) == 107,
        "mirror symmetry c(s) = c(reverse s)": all(
            counts.get(s[::-1]) == v for s, v in counts.items()
        ),
        "the loader reads the same counts": dict(table.counts.counts) == counts,
    }
    d = ctm.distribution_of(table.counts)
    facts["Σ D(4) = 1 exactly"] = sum(d.values(), Fraction(0)) == 1
    bad = [name for name, ok in facts.items() if not ok]
    detail = (
        f"shipped table {table.describe()}, not recomputed in this run: "
        f"{int(raw['halting']):,} of {int(raw['machines']):,} machines "
        f"halt, {len(counts)} outputs on blank 0, {len(d)} strings in D(4); "
        + ("all checks pass: " + "; ".join(facts) if not bad else "failed: " + "; ".join(bad))
    )
    return CheckResult(
        Outcome.SUPPORTS if not bad else Outcome.UNDECIDED,
        detail,
        {"halting": str(raw["halting"]), "strings": str(len(d)),
         "tables": [_table_record(table, recomputed=False)]},
    )


def _random_spec(codes: Sequence[int], n: int) -> str:
    letters = "ABCD"
    rows = []
    for q in range(n):
        parts = []
        for sym in (0, 1):
            code = int(codes[2 * q + sym])
            if code < 2:
                parts.append(f"{code}RZ")
            else:
                j = code - 2
                parts.append(f"{(j >> 1) & 1}{'R' if j & 1 else 'L'}{letters[j // 4]}")
        rows.append("".join(parts))
    return "_".join(rows)


def _d4_sampled(
    seed: int = SEED,
    replicates: int = 20_000,
    alpha: float = FAST_ALPHA,
    max_steps: int = 107,
    reference: ctm.OutputCounts | None = None,
) -> Attempt:
    """Random 4-state machines run by the one-machine simulator against the file's frequencies.

    Each frequency is a count among independent machines: exact binomial tests, Bonferroni
    over the halting share and the eight commonest outputs. False variants: ``max_steps`` far
    below S(4) = 107 (late halters counted as non-halting; 99.9% of the halting machines stop
    within 12 steps, so only gross cuts are visible to a sample) and a wrong ``reference``.
    """
    sample = replicates
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, 18, size=(sample, 8))
    halted = 0
    seen: dict[str, int] = {}
    for row in codes:
        run = ctm.run_machine(_random_spec(row, 4), 0, max_steps)
        if run.halted:
            halted += 1
            seen[run.output] = seen.get(run.output, 0) + 1
    exact = ctm.output_counts(4) if reference is None else reference
    total = exact.machines
    tests = [("halting", halted, Fraction(exact.halting, total))]
    tests += [
        (f"output {s}", seen.get(s, 0), Fraction(v, total))
        for s, v in sorted(exact.counts.items(), key=lambda kv: -kv[1])[:8]
    ]
    fam = FamilyTest(alpha)
    for name, hits, p in tests:
        fam.add_count(name, hits, sample, float(p))
    p_halt = float(tests[0][2])
    power = rate_power(
        "the halting probability",
        lambda d: d * p_halt * math.sqrt(sample / (p_halt * (1 - p_halt))),
        fam,
    )
    detail = (
        f"{sample:,} random 4-state machines (seed {seed}) run one by one to {max_steps} "
        "steps: "
        + "; ".join(
            f"{c.label} {c.observed:.4f} vs exact {c.expected:.4f} (p = {c.p:.2g})"
            for c in fam.comparisons[:4]
        )
        + " (exact binomial tests)"
    )
    return Attempt(fam, detail, power)


def _d4_recompute(path: Path | None = None, fresh: ctm.OutputCounts | None = None
                  ) -> CheckResult:
    """D(4) enumerated in this run: its digest must be the one the shipped file records.

    The totals, halting times and the step convention are checked on the fresh counts, so
    this check proves D(4) without reading any count from the file.
    """
    table = ctm.shipped_table(4, path)
    counts = ctm.recomputed_counts(4) if fresh is None else fresh
    digest = ctm.counts_digest(counts)
    reproduced = digest == table.digest and _same(counts, table.counts)
    problems, line, facts = _count_facts(4, counts, ctm.STEP_BOUNDS[4])
    detail = (
        f"D(4) enumerated in this run ({counts.nodes:,} tree nodes), sha256 {digest[:16]}…: "
        + (f"reproduces the shipped {table.describe()}" if reproduced
           else f"differs from the shipped {table.describe()}")
        + "; " + line
        + ("" if not problems else "; failed: " + "; ".join(problems))
    )
    ok = reproduced and not problems
    res = CheckResult(
        Outcome.SUPPORTS if ok else Outcome.UNDECIDED,
        detail,
        {"D(4)": facts, "sha256": digest,
         "tables": [_table_record(table, recomputed=True, reproduced=reproduced)]},
    )
    if ok:
        res.conclusion = _tables_conclusion({4: counts})
    return res


def _tables_conclusion(given: dict[int, ctm.OutputCounts]) -> Goal:
    """The equations of sec-2-1/ctm's goal, computed from tables enumerated in this run
    (D(1)–D(3) enumerated here; the others as given)."""
    facts = []
    for n in (1, 2, 3, 4):
        c = given[n] if n in given else ctm.recomputed_counts(n)
        facts += pa.ctm_facts(n, c.machines, c.halting, max(c.halting_times),
                              ctm.counts_digest(c))
    return Goal(sp.And(*facts, evaluate=False), (), (), "sec-2-1/ctm")


def _on_shipped_d4(run: Callable[[], CheckResult]) -> Callable[[], CheckResult]:
    """``run`` as evidence resting on the shipped D(4) table, which this run did not recompute.

    The result says so and lists the table; such a check is declared below proof strength.
    """

    def wrapped() -> CheckResult:
        table = ctm.shipped_table(4)
        res = run()
        res.detail = (f"on the shipped D(4) table {table.describe()}, not recomputed in this "
                      "run (the deep tier recomputes it): " + res.detail)
        res.data.setdefault("tables", []).append(_table_record(table, recomputed=False))
        if not table.intact and res.outcome is Outcome.SUPPORTS:
            res.outcome = Outcome.UNDECIDED
            res.detail = "the shipped table's counts do not have its recorded sha256; " + res.detail
        return res

    return wrapped


def _with_d4_recomputed(run: Callable[[], CheckResult]) -> Callable[[], CheckResult]:
    """``run`` after D(4) is enumerated in this run and reproduces the shipped table's digest.

    Once the digests agree, the shipped table and the fresh enumeration have the same counts
    (up to a sha256 collision), so computing on either is computing on D(4).
    """

    def wrapped() -> CheckResult:
        table = ctm.shipped_table(4)
        fresh = ctm.recomputed_counts(4)
        digest = ctm.counts_digest(fresh)
        reproduced = digest == table.digest and table.intact
        record = _table_record(table, recomputed=True, reproduced=reproduced)
        if not reproduced:
            return CheckResult(
                Outcome.UNDECIDED,
                f"D(4) enumerated in this run has sha256 {digest[:16]}…, the shipped "
                f"{table.describe()} does not reproduce it",
                {"tables": [record]},
            )
        res = run()
        res.detail = (f"D(4) enumerated in this run reproduces the shipped {table.describe()}: "
                      + res.detail)
        res.data.setdefault("tables", []).append(record)
        return res

    return wrapped


# =============================================================================================
# sec-2-1/published: rank agreement with pybdm's D(5) tables
# =============================================================================================


def _within_length(n: int, length: int) -> tuple[int, float, float]:
    d = ctm.distribution(n)
    strings = [s for s in d if len(s) == length]
    ours = [ctm.ctm(s, n) for s in strings]
    ref = [ctm.published_ctm(s) for s in strings]
    return len(strings), ctm._spearman(ours, ref), ctm._kendall_tau_b(ours, ref)


def _rank_agreement(
    lengths: Sequence[int] = (4, 5, 6, 7, 8), n: int = 4, z: float = Z_NULL
) -> CheckResult:
    """Within each length (where length alone says nothing), CTM_n against D(5)."""
    rows, bad, data = [], [], {}
    for length in lengths:
        m, rho, tau = _within_length(n, length)
        if m != 2**length:
            bad.append(f"D({n}) lacks strings of length {length}")
            continue
        threshold = z / math.sqrt(m - 1)
        if not rho > threshold:
            bad.append(f"length {length}: ρ = {rho:.3f} ≤ chance level {threshold:.3f}")
        rows.append(
            f"length {length} ({m} strings): ρ = {rho:.4f}, τ_b = {tau:.4f} "
            f"(chance level {threshold:.3f})"
        )
        data[f"length {length}"] = {
            "strings": str(m),
            "spearman": f"{rho:.6f}",
            "kendall": f"{tau:.6f}",
        }
    converging = []
    for length in (4, 5):
        rho3 = _within_length(3, length)[1]
        rho4 = _within_length(4, length)[1]
        converging.append(f"length {length}: D(3) {rho3:.3f} → D(4) {rho4:.3f}")
        if not rho4 > rho3:
            bad.append(f"length {length}: D(4) agrees less than D(3)")
    overall = ctm.rank_correlation(4)
    strings = [s for s in ctm.distribution(4) if len(s) <= 12]
    length_only = ctm._spearman([len(s) for s in strings], [ctm.published_ctm(s) for s in strings])
    detail = (
        f"Spearman ρ of CTM_{n} against the published D(5) values among strings of one length "
        f"(length alone gives ρ = 0; chance level z_0.999/√(m−1), normal approximation of the "
        f"permutation null): "
        + "; ".join(rows)
        + ". Agreement grows with the number of states: "
        + "; ".join(converging)
        + f". Over all {overall.strings:,} strings of D(4) up to length 12, ρ = "
        f"{overall.spearman:.4f} (τ_b = {overall.kendall:.4f}), below the {length_only:.4f} that "
        "string length alone reaches on the same strings, so that pooled figure says little: "
        "it is reported, not used as a criterion"
    )
    data["pooled"] = {
        "strings": str(overall.strings),
        "spearman": f"{overall.spearman:.6f}",
        "length_only": f"{length_only:.6f}",
    }
    if bad:
        return CheckResult(Outcome.UNDECIDED, "; ".join(bad) + ". " + detail, data)
    return CheckResult(Outcome.SUPPORTS, detail, data)


# =============================================================================================
# sec-2-1/bdm: eq. 7 against pybdm; eq. 8
# =============================================================================================


def _test_strings(rng: np.random.Generator, lengths: Sequence[int]) -> list[np.ndarray]:
    out = []
    for length in lengths:
        out.append(rng.integers(0, 2, length))
        out.append((rng.random(length) < rng.uniform(0.02, 0.3)).astype(int))
        out.append(np.resize(rng.integers(0, 2, int(rng.integers(1, 9))), length))
    return out


def _pybdm_agreement(tolerance: float = 1e-12, drop_multiplicity: bool = False) -> CheckResult:
    """Our eq. 7 against ``pybdm.BDM`` over block sizes, boundaries and string families."""
    import pybdm
    from pybdm.partitions import PartitionCorrelated, PartitionIgnore, PartitionRecursive

    partitions = {
        "ignore": PartitionIgnore,
        "recursive": PartitionRecursive,
        "correlated": PartitionCorrelated,
    }
    rng = np.random.default_rng(SEED)
    worst, compared = 0.0, 0
    for size in (12, 8, 4):
        lengths = [*range(size, size + 12), 50, 97, 144, 250, 400]
        strings = _test_strings(rng, lengths)
        for name, part in partitions.items():
            reference = pybdm.BDM(ndim=1, shape=(size,), partition=part)
            for x in strings:
                if drop_multiplicity:
                    ours = sum(v for _, _, v in ctm.bdm_decomposition(x, size, name))
                else:
                    ours = ctm.bdm(x, size, name)
                theirs = float(reference.bdm(x))
                worst = max(worst, abs(ours - theirs) / max(1.0, abs(theirs)))
                compared += 1
    detail = (
        f"eq. 7 (Σ over distinct blocks of CTM(b) + log2 multiplicity, published D(5) "
        f"tables) against pybdm.BDM on {compared} (string, block size, boundary) cases: "
        f"block sizes 12, 8, 4; boundaries ignore, recursive, correlated; uniform, biased "
        f"and periodic strings of length 4 to 400; largest relative difference "
        f"{worst:.2e} (tolerance {tolerance:.0e})"
    )
    return ev.numeric(worst <= tolerance, detail, cases=str(compared), worst=f"{worst:.3e}")


REGULAR = (("0^96", "0" * 96), ("(01)^48", "01" * 48), ("(0011)^24", "0011" * 24))


def _perturbation(strings: Sequence[tuple[str, str]] = REGULAR) -> CheckResult:
    """Eq. 8: every one-bit flip of a highly structured string raises its BDM."""
    rows, ok, data = [], True, {}
    for name, s in strings:
        base = ctm.bdm(s)
        deltas = []
        for j in range(len(s)):
            flipped = s[:j] + ("1" if s[j] == "0" else "0") + s[j + 1 :]
            deltas.append(ctm.bdm(flipped) - base)
        low = min(deltas)
        ok &= low > 0
        rows.append(
            f"{name}: BDM {base:.3f} bits, Δ over the {len(s)} flips in [{low:.3f}, "
            f"{max(deltas):.3f}]"
        )
        data[name] = {"bdm": f"{base:.6f}", "min_delta": f"{low:.6f}"}
    rng = np.random.default_rng(SEED)
    s = "".join(map(str, rng.integers(0, 2, 96)))
    base = ctm.bdm(s)
    deltas = [
        ctm.bdm(s[:j] + ("1" if s[j] == "0" else "0") + s[j + 1 :]) - base for j in range(len(s))
    ]
    share = sum(1 for v in deltas if v < 0) / len(deltas)
    detail = (
        "Δ_τ(s) = BDM(τ(s)) − BDM(s) for every single-bit flip τ (block 12): "
        + "; ".join(rows)
        + f" — {'all' if ok else 'not all'} positive. For comparison, "
        f"on a random string of "
        f"length 96 (seed {SEED}) {share:.0%} of the flips lower BDM"
    )
    return ev.numeric(ok, detail, **data)


# =============================================================================================
# sec-2-1/normalisation
# =============================================================================================


def _normalisation_exact() -> CheckResult:
    rows, ok, data = [], True, {}
    for n in (1, 2, 3, 4):
        counts = ctm.output_counts(n)
        ratio = Fraction(counts.machines, counts.halting)
        std, paper = ctm.distribution(n), ctm.distribution(n, over="all")
        same_support = set(std) == set(paper)
        constant = all(paper[s] * ratio == std[s] for s in std)
        floats = max(
            abs(ctm.ctm(s, n, "all") - ctm.ctm(s, n) - ctm.normalisation_offset(n)) for s in std
        )
        mass = sum(paper.values(), Fraction(0))
        ok &= same_support and constant and floats < 1e-9 and mass == 1 / ratio
        rows.append(
            f"n = {n}: D_all(s)·{ratio} = D(s) for all {len(std)} strings, offset "
            f"log2({ratio}) = {_log2_str(ratio, 20)} bits, Σ D_all = {mass}"
        )
        data[f"n={n}"] = {
            "ratio": str(ratio),
            "offset_bits": _log2_str(ratio),
            "sum_all": str(mass),
        }
    detail = (
        "exact Fractions: "
        + "; ".join(rows)
        + ". Every CTM value moves by the same constant, so no ranking changes"
    )
    return CheckResult(Outcome.SUPPORTS if ok else Outcome.UNDECIDED, detail, data)


def _normalisation_sympy() -> CheckResult:
    return ev.from_derivations([pa.ctm_normalisation_shift(), pa.bdm_normalisation_shift()])


def _block_product(s: str, size: int, dist: dict[str, Fraction]) -> tuple[Fraction, int]:
    """2^BDM as an exact Fraction (Π multiplicity / Π D(block)) and the number of distinct
    blocks, for non-overlapping blocks of ``size`` (the length must be a multiple of it)."""
    mult: dict[str, int] = {}
    for j in range(0, len(s), size):
        mult[s[j : j + size]] = mult.get(s[j : j + size], 0) + 1
    value = Fraction(1)
    for block, times in mult.items():
        value *= Fraction(times) / dist[block]
    return value, len(mult)


def _reorder_pair(blocks: int) -> tuple[str, str]:
    """Three distinct blocks (one 01, one 10, the rest 00) against two (half 00, half 11)."""
    return "01" + "10" + "00" * (blocks - 2), "00" * (blocks // 2) + "11" * (blocks // 2)


def _reversed(
    pair: tuple[str, str], size: int, std: dict[str, Fraction], paper: dict[str, Fraction]
) -> bool:
    first, second = pair
    return (
        _block_product(first, size, std)[0] < _block_product(second, size, std)[0]
        and _block_product(first, size, paper)[0] > _block_product(second, size, paper)[0]
    )


def _bdm_rank_change(blocks: int = 64, size: int = 2) -> CheckResult:
    """Two strings whose BDM order (exact D(4)) is reversed by the paper's normalisation."""
    std, paper = ctm.distribution(4), ctm.distribution(4, over="all")
    s1, s2 = _reorder_pair(blocks)
    (a1, m1), (a2, m2) = _block_product(s1, size, std), _block_product(s2, size, std)
    (b1, _), (b2, _) = _block_product(s1, size, paper), _block_product(s2, size, paper)
    with mpmath.workdps(30):
        bits = [mpmath.nstr(mpmath.log(_mp(v), 2), 8) for v in (a1, a2, b1, b2)]
    sweep = [j for j in range(4, 257, 2) if _reversed(_reorder_pair(j), size, std, paper)]
    reversed_ = a1 < a2 and b1 > b2
    offset = _log2_str(Fraction(ctm.output_counts(4).machines, ctm.output_counts(4).halting), 20)
    detail = (
        f"blocks of {size}, exact D(4): s1 = 01·10·(00)^{blocks - 2} ({m1} distinct blocks) and "
        f"s2 = (00)^{blocks // 2}(11)^{blocks // 2} ({m2}), both of length {2 * blocks}: BDM "
        f"{bits[0]} < {bits[1]} bits with the standard normalisation, {bits[2]} vs {bits[3]} "
        f"with the paper's (exact Fraction comparisons of 2^BDM), since each distinct block adds "
        f"log2(T/H) = {offset} bits. In this family the order is reversed for {len(sweep)} "
        f"of the 127 block counts 4..256" + (f" ({sweep[0]}..{sweep[-1]})" if sweep else "")
    )
    return CheckResult(
        Outcome.SUPPORTS if reversed_ else Outcome.UNDECIDED,
        detail if reversed_ else "order not reversed: " + detail,
        {"s1": s1, "s2": s2, "reversed_block_counts": str(len(sweep))},
    )


# =============================================================================================
# sec-2-1/coding-theorem and sec-2-1/compression
# =============================================================================================


def _kraft() -> CheckResult:
    rows, ok = [], True
    for n in (1, 2, 3, 4):
        std = ctm.coding_sum(n)
        paper = ctm.coding_sum(n, over="all")
        counts = ctm.output_counts(n)
        ok &= (
            std.exact == 1
            and abs(std.from_ctm - 1) < 1e-12
            and paper.exact == Fraction(counts.halting, counts.machines)
            and paper.exact < 1
        )
        rows.append(
            f"n = {n}: Σ 2^−CTM = {std.exact} over {std.strings} strings "
            f"(float CTM: {std.from_ctm:.15f}); paper's normalisation "
            f"{paper.exact} ≈ {_fmt(paper.exact, 4)}"
        )
    published = ctm.published_coding_sum()
    ok &= published.from_ctm < 1 - 1e-7
    detail = (
        "; ".join(rows) + f"; published D(5) values over all {published.strings:,} "
        f"strings of length 1..12: Σ 2^−CTM = {published.from_ctm:.10f} < 1"
    )
    return CheckResult(
        Outcome.SUPPORTS if ok else Outcome.UNDECIDED,
        detail,
        {
            "published_sum": f"{published.from_ctm:.12f}",
            # the published values are themselves what the last part of the statement is about
            "tables": [{"table": "pybdm ctmdata/ctm-b2-d12.pkl.gz (published D(5))",
                        "recomputed": "no: the statement is about the published values"}],
        },
    )


def _long_strings(count: int = 240, length: int = 1200) -> list[str]:
    rng = np.random.default_rng(SEED)
    out = []
    for j in range(count):
        kind = j % 3
        if kind == 0:
            x = (rng.random(length) < rng.uniform(0.01, 0.5)).astype(int)
        elif kind == 1:
            x = np.resize(rng.integers(0, 2, int(rng.integers(1, 60))), length)
        else:
            x = np.resize(rng.integers(0, 2, int(rng.integers(2, 300))), length)
            x = x ^ (rng.random(length) < rng.uniform(0, 0.1))
        out.append("".join(map(str, x)))
    return out


def _compression(transform: Callable[[float], float] = float) -> CheckResult:
    """Complexity estimates against zlib/bz2 lengths; ``transform`` is applied to the estimate
    (a decreasing one is a false variant)."""
    sets = [
        (
            "all 4,096 strings of length 12, published CTM",
            None,
            ["".join(b) for b in itertools.product("01", repeat=12)],
        ),
        ("the 1,832 strings of D(4), exact CTM_4", 4, list(ctm.distribution(4))),
        (
            "240 structured strings of length 1,200 (biased, periodic, noisy periodic), BDM",
            None,
            _long_strings(),
        ),
    ]
    rows, ok, data = [], True, {}
    for name, n, strings in sets:
        cc = ctm.compression_comparison(strings, n)
        values = [transform(r.complexity) for r in cc.rows]
        rho_zlib = ctm._spearman(values, [r.zlib_bits for r in cc.rows])
        rho_bz2 = ctm._spearman(values, [r.bz2_bits for r in cc.rows])
        level = 4 / math.sqrt(len(strings) - 1)
        ok &= rho_zlib > level and rho_bz2 > level
        rows.append(
            f"{name}: ρ(zlib) = {rho_zlib:.3f}, ρ(bz2) = {rho_bz2:.3f}"
            + ("" if math.isnan(cc.spearman_length) else f", ρ(length) = {cc.spearman_length:.3f}")
        )
        data[name] = {"zlib": f"{rho_zlib:.4f}", "bz2": f"{rho_bz2:.4f}"}
    detail = (
        "Spearman ρ of the complexity estimate against compressed length (criterion: "
        "above 4/√(m−1), four null standard deviations): "
        + "; ".join(rows)
        + (
            ". Positive everywhere; weak on short strings, where a compressor's fixed "
            "overhead dominates, strong on long ones"
            if ok
            else ": not above chance"
        )
    )
    return ev.numeric(ok, detail, **data)


# =============================================================================================
# sec-5-5/support-expansion
# =============================================================================================


def _even_numbers(data: Sequence[int] = pa.EVEN_DATA, max_len: int = 36) -> CheckResult:
    """The 2, 4, 6, 8 example, exact."""
    ranked = pg.rank_programs(data, max_len)
    nxt = pg.posterior_predictive(data, max_len)
    after = pg.posterior_predictive(data, max_len, ahead=2)
    hist = pg.empirical_predictive(data)
    smooth = pg.empirical_predictive(data, smoothing=1, support=range(0, 13))
    p10 = Fraction(2**25, 2**25 + 1)
    best = ranked[0][0]
    refit = pg.best_program(best.terms(6), max_len)
    facts = {
        "best program 2·k, 9 bits": str(best) == "2·k" and best.length == 9,
        "only competitor within 36 bits: repeat 2, 4, 6, 8 (34 bits)": (
            [str(p) for p, _ in ranked] == ["2·k", "repeat 2, 4, 6, 8"]
            and ranked[1][0].length == 34
        ),
        "P(t5 = 10) = 2^25/(2^25 + 1)": nxt.get(10) == p10,
        "P(t6 = 12) = 2^25/(2^25 + 1)": after.get(12) == p10,
        "empirical histogram: 0 on 10 and 12": hist.get(10, 0) == 0 and hist.get(12, 0) == 0,
        "add-one histogram on 0..12: 10 no likelier than 11 or 1": (
            smooth[10] == smooth[11] == smooth[1] < smooth[8]
        ),
        "refit on its own output 2, 4, ..., 12 returns 2·k": refit == best,
    }
    variant = pg.posterior_predictive(data[:2], 30)
    variant_best = pg.best_program(data[:2], 30)
    bad = [name for name, ok in facts.items() if not ok]
    detail = (
        f"data {', '.join(map(str, data))}, programs up to {max_len} bits: "
        + "; ".join(facts)
        + f" (exactly: P(10) = {nxt.get(10)}, smoothed P(10) = "
        f"{smooth[10]}). Deterministic programs reproduce their data, so for this example the "
        f"self-training loop is a fixed point. Only as good as the language's bias: with the "
        f"first two terms alone the shortest program is {variant_best} and the learner "
        f"predicts 8 with probability {_fmt(variant.get(8, 0))}, 6 with "
        f"{_fmt(variant.get(6, 0))}"
    )
    if bad:
        return CheckResult(Outcome.UNDECIDED, "failed: " + "; ".join(bad) + ". " + detail)
    return CheckResult(
        Outcome.SUPPORTS,
        detail,
        {
            "p10": str(nxt.get(10)),
            "smoothed_p10": str(smooth[10]),
            "two_terms_p8": str(variant.get(8, 0)),
        },
    )


def _kraft_partial_sums(levels: int = 12) -> bool:
    """Σ over integers z with ζ(z) < 2^K of 2^−len(z) = 1 − 2^−K for the implemented code."""
    for level in range(1, levels + 1):
        top = 2**level
        # ζ(z) < 2^K: z = 0 (ζ = 1), z > 0 with 2z < 2^K, z < 0 with 2|z| + 1 < 2^K
        zs = (
            [0]
            + [z for z in range(1, top) if 2 * z < top]
            + [-z for z in range(1, top) if 2 * z + 1 < top]
        )
        total = sum((Fraction(1, 2 ** pg.signed_code_length(z)) for z in zs), Fraction(0))
        if total != 1 - Fraction(1, top):
            return False
    return True


def _case_analysis(data: Sequence[int] = pa.EVEN_DATA) -> CheckResult:
    """Which programs of the unbounded language print the data, and the truncations' posterior."""
    fits = pa.constructor_fits(data)
    expected_fits = {
        "const": [],
        "lin": [{"x": 2, "y": 0}],
        "square": [],
        "pow": [],
        "geom": [],
        "cycle": [{"m_min": 4}],
    }
    truncated, ok_trunc = {}, True
    bound = Fraction(2**25, 2**25 + 3)
    for max_len in (36, 40, 44, 48):
        progs = pg.consistent_programs(data, max_len)
        others = [p for p in progs if str(p) != "2·k"]
        ok_trunc &= all(p.kind == "cycle" and p.params[:4] == tuple(data) for p in others)
        p10 = pg.posterior_predictive(data, max_len).get(10, Fraction(0))
        ok_trunc &= p10 >= bound
        truncated[max_len] = (len(progs), p10)
    partial = _kraft_partial_sums()
    facts = {
        "only lin(2, 0) and cycles of period ≥ 4 starting 2, 4, 6, 8 print the data": fits
        == expected_fits,
        "at 36, 40, 44, 48 bits the consistent programs are exactly these and P(10) ≥ "
        "2^25/(2^25 + 3)": ok_trunc,
        "the implemented integer code's Kraft partial sums are 1 − 2^−K (K = 1..12)": partial,
    }
    bad = [name for name, ok in facts.items() if not ok]
    detail = (
        "sympy solves each constructor's equations on "
        + ", ".join(map(str, data))
        + f" over the complex numbers: {fits}. Truncations: "
        + "; ".join(
            f"{ml} bits: {count} consistent programs, P(10) = 1 − {_fmt(1 - p, 4)}"
            for ml, (count, p) in truncated.items()
        )
        + ". "
        + ("; ".join(facts) if not bad else "failed: " + "; ".join(bad))
    )
    return CheckResult(Outcome.SUPPORTS if not bad else Outcome.UNDECIDED, detail)


def _prior_mass() -> CheckResult:
    res = ev.from_derivations([pa.integer_code_kraft(), pa.competitor_mass(), pa.posterior_bound()])
    if res.outcome is Outcome.SUPPORTS:
        res.detail = (
            "the integer code has Kraft sum 1, so the competing cycles weigh 3·2^−34 "
            "in all, and P(t5 = 10) ≥ 2^25/(2^25 + 3) ≈ 1 − 8.9·10^−8 for every "
            "length bound and for the unbounded language: " + res.detail
        )
    return res


def _solver_vs_enumeration(max_len: int = 22) -> CheckResult:
    everything = pg.enumerate_programs(max_len)
    rows, ok = [], True
    for data in ((2, 4, 6, 8), (2, 4), (2, 4, 6)):
        brute = [p for p in everything if tuple(p.terms(len(data))) == data]
        solved = pg.consistent_programs(data, max_len)
        ok &= brute == solved
        rows.append(
            f"{', '.join(map(str, data))}: {len(brute)} program(s)"
            + ("" if brute == solved else " (solver differs)")
        )
    detail = (
        f"every one of the {len(everything):,} programs of at most {max_len} bits run on "
        f"the data, against the parameter solver: " + "; ".join(rows)
    )
    return CheckResult(Outcome.SUPPORTS if ok else Outcome.UNDECIDED, detail)


# =============================================================================================
# sec-5-5/mdl-anchor and sec-5-5/barrier
# =============================================================================================

CLASS = inf.dyadic_coins(2)  # coin(1/4): 4 bits, coin(1/2): 1 bit, coin(3/4): 4 bits
TRUTH = 0  # coin(1/4)


def _bhattacharyya_sympy() -> CheckResult:
    res = ev.from_derivation(pa.bhattacharyya_identity())
    if res.outcome is Outcome.SUPPORTS:
        res.detail = "E_θ[√(L_φ/L_θ)] over N draws equals BC(θ, φ)^N: " + res.detail
    return res


def _markov_z3() -> CheckResult:
    queries = [*pa.markov_pointwise(), *pa.bhattacharyya_below_one()]
    res = ev.from_smt_all(queries)
    if res.outcome is Outcome.SUPPORTS:
        res.detail = (
            "pointwise Markov 1{r ≥ c} ≤ √(r/c), and BC(θ, φ) < 1 for θ ≠ φ in (0, 1): "
            + res.detail
            + ". With the union bound over competitors j (the MDL update leaves "
            "the truth only if some j has L_j/L_* ≥ c_j = 2^(λ(ℓ_j − ℓ_*))) and the identity "
            "E[√(L_j/L_*)] = BC_j^N: ε_N ≤ Σ_j 2^(λ(ℓ_* − ℓ_j)/2) BC_j^N for every λ ≥ 0. λ "
            "enters the prefactor only: the rate −ln max_j BC_j comes from the class being "
            "discrete, and is there without the complexity term (λ = 0)"
        )
    return res


def _bound_expr(
    n: int,
    programs: Sequence[inf.BinaryProgram] = CLASS,
    truth: int = TRUTH,
    lam: Fraction = Fraction(1),
    power: int = 1,
) -> sp.Basic:
    """Σ_j 2^(λ(ℓ_* − ℓ_j)/2) BC_j^N (``power`` multiplies the exponent: false variants)."""
    th = sp.Rational(programs[truth].start.numerator, programs[truth].start.denominator)
    total = sp.Integer(0)
    for j, p in enumerate(programs):
        if j == truth:
            continue
        ph = sp.Rational(p.start.numerator, p.start.denominator)
        bc = sp.sqrt(th * ph) + sp.sqrt((1 - th) * (1 - ph))
        weight = sp.Integer(2) ** (
            sp.Rational(lam.numerator, lam.denominator) * (programs[truth].length - p.length) / 2
        )
        total += weight * bc ** (power * n)
    return total


def _certified_bound(
    ns: Sequence[int] = tuple(range(1, 121)),
    lams: Sequence[Fraction] = (Fraction(0), Fraction(1), Fraction(2)),
    power: int = 1,
) -> CheckResult:
    """arb: exact ε_N below the Bhattacharyya bound for every N in ``ns`` and λ in ``lams``."""
    certified, failure, rows = 0, None, []
    for lam in lams:
        for n in ns:
            eps = inf.misidentification_probability(CLASS, TRUTH, n, lam)
            res = certify(
                sp.Rational(eps.numerator, eps.denominator),
                "<",
                _bound_expr(n, lam=lam, power=power),
                {},
            )
            certified += res.status == "certified"
            if res.status != "certified" and failure is None:
                failure = (lam, n, res)
        e100 = inf.misidentification_probability(CLASS, TRUTH, 100, lam)
        with mpmath.workdps(30):
            b100 = mpmath.nstr(sp.N(_bound_expr(100, lam=lam, power=power), 20), 4)
        rows.append(f"λ = {lam}: ε_100 = {_fmt(e100, 4)} ≤ {b100}")
    detail = (
        f"class coin(1/4) 4 bits, coin(1/2) 1 bit, coin(3/4) 4 bits, truth 1/4: exact ε_N "
        f"< 2^(3λ/2)·BC(1/4, 1/2)^N + BC(1/4, 3/4)^N certified by arb for N = "
        f"{ns[0]}..{ns[-1]} and λ = {', '.join(map(str, lams))} ({certified} of "
        f"{len(ns) * len(lams)}); " + "; ".join(rows)
    )
    if failure is not None:
        lam, n, res = failure
        if res.status == "refuted":
            return ev.refuted_by(detail + f"; refuted at λ = {lam}, N = {n}: {res.summary()}")
        return CheckResult(Outcome.UNDECIDED, detail + f"; λ = {lam}, N = {n}: {res.summary()}")
    return CheckResult(Outcome.SUPPORTS, detail)


LAMBDAS = (
    Fraction(0),
    Fraction(1, 2),
    Fraction(1),
    Fraction(2),
    Fraction(4),
    Fraction(8),
    Fraction(16),
    Fraction(32),
)


def _monotone(values: Sequence[Fraction], increasing: bool) -> bool:
    pairs = list(itertools.pairwise(values))
    return all(a <= b for a, b in pairs) if increasing else all(a >= b for a, b in pairs)


def _lambda_sweep(
    n: int = 100, lams: Sequence[Fraction] = LAMBDAS, brute_ns: Sequence[int] = (2, 5, 8, 10)
) -> CheckResult:
    """Exact ε_N and long-run law as the complexity weight λ of eq. 26 varies."""
    long_truth = [inf.misidentification_probability(CLASS, TRUTH, n, lam) for lam in lams]
    short_truth = [inf.misidentification_probability(CLASS, 1, n, lam) for lam in lams]
    pis = {}
    for lam in lams:
        K = inf.transition_matrix(CLASS, n, lam)
        if all(v > 0 for row in K for v in row):
            pis[lam] = pa.stationary_distribution(K)[TRUTH]
    brute_ok = True
    for lam in (Fraction(0), Fraction(1), Fraction(2)):
        for m in brute_ns:
            wrong = sum(
                (
                    p
                    for x, p in CLASS[TRUTH].law(m).items()
                    if inf.map_program(CLASS, x, lam) != TRUTH
                ),
                Fraction(0),
            )
            brute_ok &= wrong == inf.misidentification_probability(CLASS, TRUTH, m, lam)
    facts = {
        "ε_N of the 4-bit truth 1/4 is non-decreasing in λ": _monotone(long_truth, True),
        "ε_N of the 1-bit truth 1/2 is non-increasing in λ": _monotone(short_truth, False),
        "without the complexity term (λ = 0) the 4-bit truth is kept best": (
            long_truth[0] == min(long_truth) and long_truth[0] < long_truth[-1]
        ),
        "for the largest λ the 4-bit truth is never chosen (ε_N = 1)": long_truth[-1] == 1,
        "the truth's long-run mass falls as λ grows": (
            len(pis) >= 2 and _monotone(list(pis.values()), False)
        ),
        "the decision table agrees with every sample scored one by one": brute_ok,
    }
    bad = [name for name, ok in facts.items() if not ok]
    detail = (
        f"N = {n}, exact Fractions. ε_N for the truth coin(1/4) (4 bits): "
        + ", ".join(f"λ = {lam}: {_prob(e)}" for lam, e in zip(lams, long_truth, strict=True))
        + "; for the truth coin(1/2) (1 bit): "
        + ", ".join(f"λ = {lam}: {_prob(e)}" for lam, e in zip(lams, short_truth, strict=True))
        + "; long-run probability of holding coin(1/4): "
        + ", ".join(f"λ = {lam}: {_fmt(v, 4)}" for lam, v in pis.items())
        + ". The complexity term moves each decision threshold by λ(ℓ_j − ℓ_*) bits: it helps a "
        "short truth, hurts a long one, and for λ large against N hands every sample to the "
        "shortest program. " + ("; ".join(facts) if not bad else "failed: " + "; ".join(bad))
    )
    data = {
        f"lambda={lam}": {"epsilon_long_truth": _fmt(e, 12), "epsilon_short_truth": _fmt(f, 12)}
        for lam, e, f in zip(lams, long_truth, short_truth, strict=True)
    }
    return CheckResult(Outcome.SUPPORTS if not bad else Outcome.UNDECIDED, detail, data)


def _rate(
    tolerance: float = 0.05, lams: Sequence[Fraction] = (Fraction(0), Fraction(1), Fraction(2))
) -> CheckResult:
    """The fitted decay rate of ε_N for several λ against the one Chernoff exponent."""
    ns = list(range(800, 1601, 100))
    rates = {
        lam: inf.fitted_rate(
            ns, [inf.misidentification_probability(CLASS, TRUTH, m, lam) for m in ns]
        )
        for lam in lams
    }
    with mpmath.workdps(30):
        exponent = inf.misidentification_exponent(CLASS, TRUTH, dps=30)
        gaps = {lam: abs(r / float(exponent) - 1) for lam, r in rates.items()}
        ok = all(g < tolerance for g in gaps.values())
        detail = (
            "least-squares slope of −ln ε_N − ½ ln N over N = 800..1600: "
            + ", ".join(f"λ = {lam}: {r:.5f} (gap {gaps[lam]:.2%})" for lam, r in rates.items())
            + f"; Chernoff exponent {mpmath.nstr(exponent, 8)} for every λ (tolerance "
            f"{tolerance:.0%}): the expected holding time 1/ε_N grows like e^(0.0347 N) "
            "whatever the weight of the complexity term"
        )
    return ev.numeric(
        ok,
        detail,
        exponent=mpmath.nstr(exponent, 12),
        **{f"rate_lambda={lam}": f"{r:.6f}" for lam, r in rates.items()},
    )


def _laboratory(
    seed: int = SEED,
    replicates: int = 2000,
    alpha: float = FAST_ALPHA,
    n: int = 100,
    generations: int = 300,
    lams: Sequence[int] = (0, 2),
    shift: float = 0.0,
    epsilon_error: float = 0.0,
    plot: bool = False,
) -> Attempt:
    """Simulated retraining against the exact curves for several λ.

    False variants: ``shift`` moves the exact curves of the two shares; ``epsilon_error``
    makes the exact leaving probability ε_N wrong by that factor. With ``plot``, the plot of
    the last λ goes to the system's temporary folder (the check itself draws none: the site
    draws the same seeded run as a laboratory figure).
    """
    rows, plots, powers = [], [], []
    fam = FamilyTest(alpha)
    data: dict[str, Any] = {}
    results = []
    for lam in lams:
        result = lab.run(n=n, generations=generations, replicates=replicates, seed=seed,
                         lam=lam)
        results.append(result)
        if shift:
            result = dataclasses.replace(
                result,
                theory_holds=np.clip(result.theory_holds + shift, 0.0, 1.0),
                theory_never_left=np.clip(result.theory_never_left + shift, 0.0, 1.0),
            )
        text, z_of = anchor_comparisons(result, fam, f"λ = {lam}", epsilon_error, data=data)
        powers.append(z_of)
        rows.append(text)
        if plot and lam == lams[-1]:
            # seeded, so the same picture every run: one fixed file, overwritten, not a new
            # temporary folder per run
            folder = Path(tempfile.gettempdir()) / "collapse-check-plots"
            folder.mkdir(exist_ok=True)
            path = folder / "sec-5-5-mdl-anchor.png"
            result.plot(path)
            plots.append(str(path))
    power = rate_power("the leaving probability ε_N (each λ)",
                       lambda d: min(z(d) for z in powers), fam, data)
    data["plots"] = plots
    detail = (
        f"programs laboratory, N = {n}, {replicates} replicates, {generations} "
        f"generations, seed {seed}: " + "; ".join(rows) + " (exact binomial tests for the "
        "shares, a pooled score test for ε_N)"
    )
    return Attempt(fam, detail, power, data)


def _barrier(
    programs: Sequence[inf.BinaryProgram] = CLASS,
    truth: int = TRUTH,
    ns: Sequence[int] = (20, 100, 200),
    lams: Sequence[Fraction] = (Fraction(0), Fraction(1), Fraction(2)),
) -> CheckResult:
    """Exact long-run behaviour of the retrained MDL learner at fixed N, for several λ."""
    rows, positive, data = [], True, {}
    limits, majority = [], []
    shortest = min(range(len(programs)), key=lambda j: programs[j].length)
    for lam in lams:
        for n in ns:
            K = inf.transition_matrix(programs, n, lam)
            if not all(v > 0 for row in K for v in row):
                positive = False
                rows.append(f"λ = {lam}, N = {n}: some transition has probability 0")
                continue
            pi = pa.stationary_distribution(K)
            invariant = all(
                sum(pi[q] * K[q][j] for q in range(len(K))) == pi[j] for j in range(len(K))
            )
            beta = pa.doeblin_coefficient(K)
            positive &= invariant and sum(pi) == 1 and beta > 0
            limits.append(pi[truth])
            if pi[shortest] > Fraction(1, 2):
                majority.append(f"λ = {lam}, N = {n}")
            rows.append(
                f"λ = {lam}, N = {n}: ε_N = {_fmt(1 - K[truth][truth], 4)}, "
                f"π = (" + ", ".join(_fmt(v, 4) for v in pi) + ")"
            )
            data[f"lambda={lam}, N={n}"] = {
                "pi_truth": _fmt(pi[truth], 12),
                "epsilon": _fmt(1 - K[truth][truth], 12),
                "doeblin": _fmt(beta, 6),
            }
    names = ", ".join(f"{p.name} ({p.length} bit{'s' if p.length != 1 else ''})" for p in programs)
    if not positive or not limits or not all(v < 1 for v in limits):
        return CheckResult(
            Outcome.UNDECIDED, f"{names}: no counterexample: " + "; ".join(rows), data
        )
    detail = (
        f"class {names}, truth {programs[truth].name}, α = 0: for every λ and N listed the "
        "exact transition matrix over programs has all entries > 0, so the chain is "
        "irreducible and aperiodic; its stationary law π (exact Fractions, πK = π verified; "
        "Doeblin coefficient β > 0, so every row of K^t is within (1 − β)^t of π) gives "
        f"lim_t P(p_t = p*) = π* < 1 (largest π* {_fmt(max(limits), 4)}). "
        + "; ".join(rows)
        + f". The learner leaves the truth with probability 1; {programs[shortest].name}, the "
        f"shortest program, holds more than half of the long-run mass in {len(majority)} of "
        f"{len(limits)} cases (" + ", ".join(majority) + "). The MDL update delays drift by "
        "about 1/ε_N generations but does not stop it"
    )
    return ev.refuted_by(detail, **data)


# =============================================================================================
# sec-5-5/locked: the coin model of §5.5.2, MDL learner against the frequency learner
# =============================================================================================

LOCKED_NS = (20, 100, 200)
LOCKED_LAMBDAS = (0, 1, 2)
_QUARTER = Fraction(1, 4)
_THETAS = tuple(p.start for p in CLASS)
_FREQ_LIMIT = _QUARTER * (1 - _QUARTER)  # θ*(1 − θ*) = 3/16


def _mdl_long_run(n: int, lam: int) -> tuple[list[Fraction], Fraction, bool]:
    """Exact stationary law of the MDL chain, its long-run MSE, and the reflection symmetry."""
    K = inf.transition_matrix(CLASS, n, lam)
    pi = pa.stationary_distribution(K)
    mse = sum((w * (th - _QUARTER) ** 2 for w, th in zip(pi, _THETAS, strict=True)),
              Fraction(0))
    symmetric = all(K[i][j] == K[2 - i][2 - j] for i in range(3) for j in range(3))
    return pi, mse, symmetric


def _locked_long_run(bound: Fraction = Fraction(1, 8), ns: Sequence[int] = LOCKED_NS,
                     lams: Sequence[int] = LOCKED_LAMBDAS) -> CheckResult:
    """Exact long-run MSE of the MDL learner ≤ ``bound`` < θ*(1 − θ*), the frequency learner's."""
    a = sp.Symbol("a", real=True)
    mse_sym = (1 - 2 * a) * sp.Rational(1, 16) + a * sp.Rational(1, 4)
    rb = sp.Rational(bound.numerator, bound.denominator)
    assembly = [
        ("a symmetric law (a, 1 − 2a, a) has MSE (1 − 2a)/16 + a/4 ≤ bound",
         prove(sp.Le(mse_sym, rb), [sp.Le(0, a), sp.Le(a, sp.Rational(1, 2))])),
        ("bound < θ*(1 − θ*) = 3/16", prove(sp.Lt(rb, sp.Rational(3, 16)), [])),
    ]
    proved, text = _all_proved(assembly)
    rows, bad, data = [], [], {}
    for lam in lams:
        for n in ns:
            pi, mse, symmetric = _mdl_long_run(n, lam)
            if not (symmetric and mse <= bound < _FREQ_LIMIT and pi[0] == pi[2]):
                bad.append(f"λ = {lam}, N = {n}")
            rows.append(f"λ = {lam}, N = {n}: π = ({', '.join(_fmt(v, 4) for v in pi)}), "
                        f"MSE_∞ = {_fmt(mse, 5)}")
            data[f"lambda={lam}, N={n}"] = {"pi": [str(v) for v in pi], "mse": str(mse)}
    detail = (
        "coin(1/4) 4 bits (the truth), coin(1/2) 1 bit, coin(3/4) 4 bits, α = 0, exact "
        "Fractions: the MDL chain's transition matrix is symmetric under the reflection "
        "θ ↦ 1 − θ, so its stationary law is (a, 1 − 2a, a) and the long-run MSE "
        f"Σ π_j (θ_j − θ*)² is at most {bound}, below the frequency learner's long-run MSE "
        "θ*(1 − θ*) = 3/16 (it is absorbed at 0 or 1): " + "; ".join(rows)
        + f". z3: {text}"
    )
    if bad or not proved:
        return CheckResult(Outcome.UNDECIDED, "failed at " + ", ".join(bad) + ": " + detail,
                           data)
    return CheckResult(Outcome.SUPPORTS, detail, data)


def _locked_bounded(bound: Fraction = Fraction(1, 8), generations: int = 400,
                    ns: Sequence[int] = LOCKED_NS, lams: Sequence[int] = LOCKED_LAMBDAS
                    ) -> CheckResult:
    """At 50 digits: the MDL learner's MSE curve stays ≤ ``bound`` for t ≤ ``generations``."""
    rows, ok, data = [], True, {}
    with mpmath.workdps(50):
        cap = _mp(bound)
        for lam in lams:
            for n in ns:
                K = inf.transition_matrix(CLASS, n, lam)
                curve = pg.mse_curve(K, _THETAS, TRUTH, _QUARTER, generations)
                freq = [_mp(pg.frequency_mse(_QUARTER, n, t)) for t in range(generations + 1)]
                top = max(curve)
                ok &= top <= cap
                worse = [t for t in range(1, generations + 1) if curve[t] >= freq[t]]
                rows.append(
                    f"λ = {lam}, N = {n}: max_t MSE = {mpmath.nstr(top, 4)}, at t = "
                    f"{generations} {mpmath.nstr(curve[-1], 4)} against the frequency "
                    f"learner's {mpmath.nstr(freq[-1], 4)}"
                    + (f" (the MDL learner is worse only for t ≤ {worse[-1]})" if worse else "")
                )
                data[f"lambda={lam}, N={n}"] = {"max_mse": mpmath.nstr(top, 12),
                                                "last_worse_t": worse[-1] if worse else 0}
    detail = (f"E[(θ_t − θ*)²] from the exact transition matrix at 50 digits, t = 0.."
              f"{generations}, started at the truth: bounded by {bound} throughout, while the "
              "frequency learner's θ*(1 − θ*)(1 − (1 − 1/N)^t) climbs to 3/16: "
              + "; ".join(rows))
    return ev.numeric(ok, detail, **data)


def _locked_threshold(ns: Sequence[int] = LOCKED_NS, lams: Sequence[int] = LOCKED_LAMBDAS,
                      shift: int = 0) -> CheckResult:
    """The learner leaves the truth only when the count of ones exceeds an evidence threshold.

    ``shift`` moves the claimed threshold (false variants).
    """
    rows, bad = [], []
    for lam in lams:
        zs = []
        for n in ns:
            table = inf.mdl_decision_table(CLASS, n, lam)
            k_star = pg.leave_threshold(n, lam) + shift
            keeps = [k for k, j in enumerate(table) if j == TRUTH]
            if keeps != list(range(k_star + 1)):
                bad.append(f"λ = {lam}, N = {n}")
                continue
            with mpmath.workdps(30):
                sd = mpmath.sqrt(n * _mp(_QUARTER * (1 - _QUARTER)))
                z = (k_star + 1 - n * _mp(_QUARTER)) / sd
            zs.append((n, z))
            rows.append(f"λ = {lam}, N = {n}: keeps coin(1/4) iff k ≤ {k_star} "
                        f"(k/N ≤ {_fmt(Fraction(k_star, n), 3)}), leaving needs "
                        f"{mpmath.nstr(z, 3)} standard deviations above Nθ*")
        grows = all(a[1] < b[1] for a, b in itertools.pairwise(zs))
        if not (grows and all(z > 2 for n, z in zs if n >= 100)):
            bad.append(f"λ = {lam}: the evidence needed does not grow past 2 s.d. with N")
    detail = (
        "exact MDL decision tables (eq. 26) against the integer rule 2^(N+3λ) < 3^(N−k): the "
        "learner keeps the true coin exactly while the count k of ones stays at or below "
        "k*(N, λ), with k*/N → log₃(3/2) ≈ 0.369 against θ* = 1/4, so leaving needs an excess "
        "of order N, ≈ 0.27√N standard deviations (more than 2 for N ≥ 100; for N small "
        "against λ, e.g. λ = 2, N = 20, the threshold is below Nθ* and typical data leave the "
        "truth): " + "; ".join(rows)
    )
    if bad:
        return CheckResult(Outcome.UNDECIDED, "decision table differs at " + ", ".join(bad)
                           + ": " + detail)
    return CheckResult(Outcome.SUPPORTS, detail)


def _locked_laboratory(
    seed: int = SEED,
    replicates: int = 2000,
    alpha: float = FAST_ALPHA,
    n: int = 20,
    lam: int = 1,
    generations: int = 120,
    error: float = 0.0,
) -> Attempt:
    """Simulated squared errors of both learners against the exact MSE curves.

    ``error`` makes the MDL learner's exact curve wrong by that relative amount (false
    variants).
    """
    lab_run = pg.coin_laboratory(n=n, lam=lam, generations=generations, replicates=replicates,
                                 seed=seed)
    K = inf.transition_matrix(CLASS, n, lam)
    curve = np.array([float(v) for v in pg.mse_curve(K, _THETAS, TRUTH, _QUARTER, generations)])
    freq = np.array([float(pg.frequency_mse(_QUARTER, n, t)) for t in range(generations + 1)])
    claimed = curve * (1 + error)
    fam = FamilyTest(alpha)
    ts = range(1, generations + 1)
    fam.add_means([f"MDL MSE at t = {t}" for t in ts], lab_run.mdl_mean[1:], claimed[1:],
                  lab_run.mdl_se[1:])
    fam.add_means([f"frequency MSE at t = {t}" for t in ts], lab_run.freq_mean[1:], freq[1:],
                  lab_run.freq_se[1:])
    power = rate_power(
        "the MDL learner's MSE curve",
        lambda d: max_shift_z([(curve[1:], curve[1:] * (1 + d), lab_run.mdl_se[1:])]), fam)
    half = generations // 2
    late = (float(lab_run.mdl_mean[half:].mean()), float(lab_run.freq_mean[half:].mean()))
    detail = (
        f"coin model, N = {n}, λ = {lam}, {replicates} replicates, {generations} generations, "
        f"seed {seed}: simulated squared errors against the exact curves (MDL from K^t, "
        f"frequency θ*(1 − θ*)(1 − (1 − 1/N)^t)); mean over t ≥ {half}: MDL {late[0]:.4f}, "
        f"frequency {late[1]:.4f}"
    )
    return Attempt(fam, detail, power, {"late_mdl": f"{late[0]:.6f}",
                                        "late_frequency": f"{late[1]:.6f}"},
                   exact_ok=bool(curve.max() <= 0.125 and late[0] < late[1]))


# =============================================================================================
# the registry
# =============================================================================================


_MACHINES = (
    "n states plus a halting state, symbols 0 and 1, a tape unbounded both ways, start in "
    "state 1 on a blank tape (blank 0 and blank 1 both counted)",
    "halting decided with the Busy-Beaver step function S(1..4) = 1, 6, 21, 107 (proved "
    "values: Radó, Lin and Radó, Brady)",
    "a halting machine's output is the block of cells its head visited",
)

_ANCHOR = (
    "α = 0: each generation draws N i.i.d. samples from the current program and refits",
    "MDL update p_{t+1} = argmin_p [−log2 P(D | p) + λ·len(p)] (eqs. 24/26), λ ≥ 0 (λ = 0, 1/2, "
    "1, 2, 4, 8, 16 computed), ties to the shorter program",
    "program class: coins 1/4 (4 bits), 1/2 (1 bit), 3/4 (4 bits) with a stated prefix code; "
    "the truth is coin 1/4",
)

CLAIMS: list[Claim] = [
    Claim(
        id="sec-2-1",
        model="turing-machines",
        title="CTM and BDM estimates of algorithmic complexity",
        statement=(
            "$\\mathrm{CTM}(s) = -\\log_2 D(s)$ with $D$ the output frequency of small Turing "
            "machines (eq. 6); $\\mathrm{BDM}_k(s) = \\sum_i [\\mathrm{CTM}(b_i) + "
            "\\log_2 n_i]$ over distinct blocks (eq. 7); perturbation effect "
            "$\\Delta_\\tau(s) = \\mathrm{BDM}(\\tau(s)) - \\mathrm{BDM}(s)$ (eq. 8). These "
            "are definitions; the claim checked is that they can be computed exactly and "
            "faithfully, and that the values behave as the coding theorem suggests."
        ),
        location="v2 §2.1, eqs. 6–8",
        divergence=(
            "Eqs. 6–8 are definitions, so the verdict is that of the exact computation "
            "(sec-2-1/ctm). Eq. 6 as printed divides by every machine, the literature by the "
            "halting ones: a constant shift of CTM, but in BDM a shift per distinct block that "
            "can reorder strings (sec-2-1/normalisation). That CTM approximates Kolmogorov "
            "complexity is informal (sec-2-1/approximates-k)."
        ),
    ),
    Claim(
        id="sec-2-1/ctm",
        model="turing-machines",
        role="part",
        title="D(1)–D(4) computed exactly from every small Turing machine",
        statement=(
            "For $n = 1, \\dots, 4$ states, every one of the $(4n+2)^{2n}$ machines is run on "
            "a blank tape and its halting and output decided exactly; $D(n)(s)$ is the share "
            "of halting machines that print $s$, and $\\mathrm{CTM}_n(s) = -\\log_2 D(n)(s)$."
        ),
        location="v2 §2.1, eq. 6",
        hypotheses=_MACHINES,
        divergence=(
            "A finite computation: proved by exhaustive enumeration, cross-checked by a second "
            "enumeration (every machine run on its own, all n ≤ 3 in the deep tier), by the "
            "published OEIS A141474 for D(1)–D(3), and for D(4) by its recomputation (deep) "
            "and by random machines run one at a time. The paper's eq. 6 uses D(5) tables; "
            "those are compared in sec-2-1/published. D(4) takes about half a minute to "
            "enumerate, so the default tier reads it from numerics/data/ctm_d4.json, whose "
            "integrity (recorded sha256 of the canonical counts, totals, symmetry) is evidence, "
            "not proof; the deep tier enumerates D(4) in the same run and requires its sha256 "
            "to equal the recorded one. So the verdict is supported in the default tier (it was "
            "proved there while resting on the unrecomputed table; the D(1)–D(3) enumerations "
            "are exact instances) and proved in the deep tier, where the recomputation "
            "concludes the formal goal (every table's counts, halting runs and sha256)."
        ),
        goal=pa.CTM_GOAL,
        checks=(
            Check(
                name="machine-counts",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=lambda: _machine_counts(),
                expect=Outcome.SUPPORTS,
                instance="n = 1, 2, 3 enumerated in this run (D(4): deep check d4-recompute)",
                description=(
                    "(4n+2)^(2n) machines, halting counts of D(1)–D(3) enumerated in this run, "
                "step convention"
                ),
            ),
            Check(
                name="tree-vs-brute",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=_tree_vs_brute,
                expect=Outcome.SUPPORTS,
                instance="n = 1, 2, 3: a second enumeration",
                description=(
                    "tree enumeration vs every machine one by one (n ≤ 2), vs no loop proofs "
                    "(n = 3)"
                ),
            ),
            Check(
                name="brute-n3",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=_brute_n3,
                expect=Outcome.SUPPORTS,
                instance="n = 3: a second enumeration",
                description=(
                    "tree enumeration vs all 7,529,536 three-state machines run in lockstep"
                ),
                tier=Tier.DEEP,
            ),
            Check(
                name="oeis",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=lambda: _oeis(),
                expect=Outcome.SUPPORTS,
                instance="n = 1, 2, 3 against OEIS A141474",
                description=(
                    "D(1)–D(3) against the first 105 terms of OEIS A141474"
                ),
            ),
            Check(
                name="d4-file",
                method=Method.EXACT,
                strength=Strength.SAMPLED,
                run=lambda: _d4_file(),
                expect=Outcome.SUPPORTS,
                description=(
                    "sha256 and integrity of the shipped D(4) counts (data, not a computation made "
                    "in this run)"
                ),
            ),
            Check(
                name="d4-sampled",
                method=Method.SIMULATION,
                strength=Strength.SAMPLED,
                run=sampled(_d4_sampled, seed=SEED, replicates=20_000),
                expect=Outcome.SUPPORTS,
                description=(
                    "20,000 random 4-state machines run one by one vs the D(4) frequencies, exact "
                    "binomial tests (family-wise α = 5·10⁻⁴)"
                ),
            ),
            Check(
                name="d4-recompute",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=lambda: _d4_recompute(),
                expect=Outcome.SUPPORTS,
                description=(
                    "D(4) enumerated in this run: totals, step convention, and the sha256 the "
                    "shipped file records"
                ),
                tier=Tier.DEEP,
            ),
        ),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="sec-2-1/published",
        model="turing-machines",
        title="Exact D(4) ranks strings as the published D(5) tables do",
        statement=(
            "Among strings of equal length, $\\mathrm{CTM}_4$ and the published "
            "$\\mathrm{CTM}_5$ values are rank-correlated far above chance, and more strongly "
            "than $\\mathrm{CTM}_3$ is."
        ),
        location="v2 §2.1, eq. 6 (the tables the paper relies on)",
        hypotheses=(
            "published values: pybdm's ctm-b2-d12 table (D(5), strings of length 1..12)",
            "chance level from the normal approximation of the rank correlation's permutation null",
        ),
        divergence=(
            "Comparing within one length matters: over all strings, length alone correlates "
            "with the published values better (ρ ≈ 0.95) than CTM_4 does (ρ ≈ 0.93), so the "
            "pooled coefficient is reported but proves nothing."
        ),
        uses=("sec-2-1/ctm",),
        checks=(
            Check(
                name="rank-agreement",
                method=Method.EXACT,
                strength=Strength.SAMPLED,
                run=_rank_agreement,
                expect=Outcome.SUPPORTS,
                description="Spearman/Kendall within lengths 4–8, D(3) vs D(4), pooled figure",
            ),
        ),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="sec-2-1/bdm",
        model="turing-machines",
        role="part",
        title="BDM (eq. 7) as computed by the reference implementation, and eq. 8",
        statement=(
            "$\\mathrm{BDM}_k(s) = \\sum_i [\\mathrm{CTM}(b_i) + \\log_2 n_i]$ over the "
            "distinct blocks of $s$ agrees with pybdm's BDM for every block size, boundary "
            "rule and string family tried; every one-bit perturbation $\\tau$ of a highly "
            "regular string has $\\Delta_\\tau(s) > 0$."
        ),
        location="v2 §2.1, eqs. 7–8",
        hypotheses=("CTM of blocks from the published D(5) tables (block sizes ≤ 12)",),
        divergence=(
            "Agreement of two implementations on many strings is evidence, not a proof, that "
            "eq. 7 is computed as the literature computes it."
        ),
        uses=("sec-2-1/published",),
        checks=(
            Check(
                name="pybdm",
                method=Method.EXACT,
                strength=Strength.SAMPLED,
                run=_pybdm_agreement,
                expect=Outcome.SUPPORTS,
                description="our eq. 7 against pybdm.BDM on 459 cases",
            ),
            Check(
                name="perturbation",
                method=Method.EXACT,
                strength=Strength.SAMPLED,
                run=_perturbation,
                expect=Outcome.SUPPORTS,
                description="eq. 8 for every single-bit flip of three regular strings",
            ),
        ),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="sec-2-1/normalisation",
        model="turing-machines",
        title="The paper's normalisation: a constant for CTM, not for BDM",
        goal=pa.NORMALISATION_GOAL,
        statement=(
            "Dividing the output counts by all $T$ machines (eq. 6 as printed) instead of the "
            "$H$ halting ones multiplies $D(s)$ by $H/T$, and a constant shift $c$ of every "
            "block's CTM shifts BDM (eq. 7, $m$ distinct blocks $b_i$ with multiplicities "
            "$n_i$) by $m c$: {goal}. So $\\mathrm{CTM}_{\\mathrm{all}}(s) = "
            "\\mathrm{CTM}(s) + \\log_2(T/H)$ for every $s$, while "
            "$\\mathrm{BDM}_{\\mathrm{all}}(s) = \\mathrm{BDM}(s) + m(s)\\log_2(T/H)$ "
            "depends on the string and can reverse the order of two strings."
        ),
        location="v2 §2.1, eqs. 6–7",
        hypotheses=("D(1)–D(4) exact; the BDM example uses the exact D(4) with blocks of 2",),
        divergence=(
            "CLAIMS.md expected an additive constant; that holds for CTM only. For BDM the "
            "shift depends on the number of distinct blocks. Each distinct block costs far "
            "more than the offset, so a reversal needs long strings with many repeated blocks "
            "(in the family checked, for 38 to 142 blocks of 2), but it does happen. The formal "
            "goal is the two identities (proved symbolically, for every m); the exact offsets "
            "of D(1)–D(4) and the reversed pair are exact instances (on the shipped D(4) table "
            "in the default tier, recomputed in the deep tier)."
        ),
        uses=("sec-2-1/ctm",),
        checks=(
            Check(
                name="exact-offset",
                method=Method.EXACT,
                strength=Strength.SAMPLED,
                run=_on_shipped_d4(_normalisation_exact),
                expect=Outcome.SUPPORTS,
                description=(
                    "D_all·T/H = D for every string of D(1)–D(4), D(4) from the shipped table"
                ),
            ),
            Check(
                name="exact-offset-recomputed",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=_with_d4_recomputed(_normalisation_exact),
                expect=Outcome.SUPPORTS,
                instance="the tables D(1)–D(4), D(4) enumerated in this run",
                description="the same with D(4) enumerated in this run",
                tier=Tier.DEEP,
            ),
            Check(
                name="shift",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_normalisation_sympy,
                expect=Outcome.SUPPORTS,
                description="the CTM and BDM shifts, symbolically",
            ),
            Check(
                name="bdm-reorder",
                method=Method.EXACT,
                strength=Strength.SAMPLED,
                run=_on_shipped_d4(_bdm_rank_change),
                expect=Outcome.SUPPORTS,
                description=(
                    "two strings whose BDM order the paper's normalisation reverses, exact, on the "
                    "shipped D(4) table"
                ),
            ),
            Check(
                name="bdm-reorder-recomputed",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=_with_d4_recomputed(_bdm_rank_change),
                expect=Outcome.SUPPORTS,
                instance="one pair of strings, exact D(4) enumerated in this run",
                description="the same with D(4) enumerated in this run",
                tier=Tier.DEEP,
            ),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="sec-2-1/coding-theorem",
        model="turing-machines",
        title="CTM satisfies Kraft's inequality, as algorithmic probability does",
        statement=(
            "$\\sum_s 2^{-\\mathrm{CTM}_n(s)} = 1$ exactly over the strings of $D(n)$ for "
            "$n \\le 4$ (the standard normalisation), $= H/T < 1$ under the paper's, and the "
            "published $D(5)$ values over all strings of length at most 12 sum to less "
            "than 1, like the semimeasure $m$ of the coding theorem."
        ),
        location="v2 §2.1 (coding theorem, eq. 6)",
        uses=("sec-2-1/ctm",),
        divergence=(
            "Equality under the standard normalisation holds by construction (D is a "
            "probability distribution); the content is that the exact tables are consistent "
            "with it. The sums for n = 4 are taken over the shipped D(4) table, so in the "
            "default tier the verdict is supported (evidence resting on shipped data); the deep "
            "tier enumerates D(4) again, checks that it reproduces the table's sha256, and "
            "proves the claim (verdict was proved in the default tier while it rested on the "
            "unrecomputed table)."
        ),
        checks=(
            Check(
                name="kraft",
                method=Method.EXACT,
                strength=Strength.SAMPLED,
                run=_on_shipped_d4(_kraft),
                expect=Outcome.SUPPORTS,
                description="exact sums for n = 1..4 (D(4) from the shipped table), published sum",
            ),
            Check(
                name="kraft-recomputed",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=_with_d4_recomputed(_kraft),
                expect=Outcome.SUPPORTS,
                description="the same with D(4) enumerated in this run",
                tier=Tier.DEEP,
            ),
        ),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="sec-2-1/compression",
        model="turing-machines",
        title="CTM/BDM and compressed length rank strings in the same direction",
        statement=(
            "The complexity estimates (published CTM, exact $\\mathrm{CTM}_4$, BDM) are "
            "positively rank-correlated with zlib and bz2 compressed lengths, above chance."
        ),
        location="v2 §2.1 (CTM/BDM as estimates of K)",
        hypotheses=(
            "compressed sizes of the ASCII text of the string at the highest level",
            "criterion: Spearman ρ above four standard deviations of the null",
        ),
        divergence=(
            "The numbers are reported whatever they are: on short strings the agreement is "
            "weak (ρ ≈ 0.2–0.5), since compressors cannot see structure below their overhead "
            "(the reason CTM exists); on long strings BDM and compressors agree well "
            "(ρ ≈ 0.9)."
        ),
        uses=("sec-2-1/bdm",),
        checks=(
            Check(
                name="compressors",
                method=Method.EXACT,
                strength=Strength.SAMPLED,
                run=_compression,
                expect=Outcome.SUPPORTS,
                description="three string sets: length 12, D(4), long structured strings",
            ),
        ),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="sec-2-1/approximates-k",
        model="turing-machines",
        role="part",
        title="CTM approximates Kolmogorov complexity",
        statement=(
            "Through the coding theorem $-\\log_2 m(s) = K(s) + O(1)$, "
            "$\\mathrm{CTM}(s)$ estimates $K(s)$."
        ),
        location="v2 §2.1",
        divergence=(
            "No formal content to check: the coding theorem concerns a universal prefix "
            "machine, while D(n) comes from small, non-universal machines, and the O(1) "
            "constant is not computable. We substitute the finite, checkable consequences: "
            "sec-2-1/coding-theorem and sec-2-1/compression."
        ),
        informal=True,
    ),
    Claim(
        id="sec-5-5",
        model="program-learner",
        title="The algorithmic fix: support expansion and MDL anchoring",
        statement=(
            "A learner ranking programs by algorithmic probability expands the support beyond "
            "the data (eqs. 23/25; the 2, 4, 6, 8 example) and an MDL update "
            "$p_{t+1} = \\arg\\min_p [-\\log P(D \\mid p) + \\lambda K(p)]$ (eqs. 24/26) acts as "
            "a barrier against drift when the learner is retrained on its own output: the "
            "program stays locked until significantly contradictory evidence accumulates "
            "(§5.5.2)."
        ),
        location="v2 §5.5, eqs. 23–26",
        divergence=(
            "As written, the conjunction of support expansion (sec-5-5/support-expansion) and "
            "the §5.5.2 reading of the barrier (sec-5-5/locked), decided in the coin model: "
            "the MDL learner leaves the truth only on an excess count of order N, its error "
            "stays bounded and its long-run MSE (≤ 1/8) is below the frequency learner's "
            "(3/16). Support expansion is proved in an explicit program language (it is only "
            "as good as the language's bias: with 2, 4 alone it predicts 8). The anchor comes "
            "from the class of programs being discrete, not from the complexity term, which "
            "weakens it for a complex truth (sec-5-5/mdl-anchor). The permanent reading of "
            "§5.5.3 (the learner keeps the truth for ever) is refuted at fixed N "
            "(sec-5-5/barrier, a labelled extra; prop-10/anchor-permanent agrees): a delay of "
            "about 1/ε_N generations, not a wall. Earlier the verdict was pending, as "
            "sec-5-5/locked had no check."
        ),
        uses=("sec-2-1", "prop-10"),
    ),
    Claim(
        id="sec-5-5/support-expansion",
        model="program-learner",
        role="part",
        title="On 2, 4, 6, 8 the program learner predicts 10 and 12; a histogram cannot",
        goal=pa.SUPPORT_GOAL,
        statement=(
            "A learner weighting the programs consistent with 2, 4, 6, 8 by $2^{-\\ell(p)}$ "
            "puts probability at least $2^{25}/(2^{25}+3)$ on 10 as the next term (and on 12 "
            "after it), for every length bound and for the unbounded language: with $a \\le b$ "
            "the competitors' mass that predicts 10 and $b$ their whole mass, {goal}; the "
            "empirical "
            "distribution gives 10 and 12 probability 0, and additive smoothing gives 10 no "
            "more than any other unseen value."
        ),
        location="v2 §5.5, eqs. 23/25 and the 2, 4, 6, 8 example",
        hypotheses=(
            "program language of six constructors (const, lin, square, pow, geom, cycle) with "
            "a 3-bit tag and Elias-gamma integer codes (prefix-free)",
            "posterior ∝ 2^(−length) over the programs whose first terms equal the data",
        ),
        divergence=(
            "The paper's universal prior is replaced by an explicit prefix code, so the "
            "numbers depend on the language. The example needs enough data: with 2, 4 alone "
            "the shortest program is 2^k and the learner predicts 8 — expanding the support "
            "does not make it right. The formal goal is the prior-mass bound (Kraft sum, the "
            "competitors' mass, the posterior bound), proved; that the competitors are exactly "
            "the cycles of period ≥ 4 starting 2, 4, 6, 8 is the exact case analysis (sympy "
            "solves each constructor's equations over ℂ), and the posterior at 36 bits, the "
            "histograms and the solver are exact instances."
        ),
        checks=(
            Check(
                name="even-numbers",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=lambda: _even_numbers(),
                expect=Outcome.SUPPORTS,
                instance="the exact posterior with programs up to 36 bits",
                description="exact posterior, predictive and histogram on 2, 4, 6, 8",
            ),
            Check(
                name="case-analysis",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=lambda: _case_analysis(),
                expect=Outcome.SUPPORTS,
                instance=(
                    "the constructors' equations on 2, 4, 6, 8 and the truncations at 36–48 bits"
                ),
                description="which constructors can print 2, 4, 6, 8 (sympy solve), truncations",
            ),
            Check(
                name="prior-mass",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_prior_mass,
                expect=Outcome.SUPPORTS,
                description="Kraft sum, competitors' mass, bound on P(10) for every length bound",
            ),
            Check(
                name="solver",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=lambda: _solver_vs_enumeration(),
                expect=Outcome.SUPPORTS,
                instance="every program of at most 22 bits",
                description="the parameter solver against all programs of at most 22 bits",
            ),
        ),
        expected=Verdict.PROVED,
    ),
    Claim(
        id="sec-5-5/mdl-anchor",
        model="program-learner",
        title="What the MDL update's anchor rests on: the discrete class, not the complexity term",
        statement=(
            "Retrained on $N$ of its own samples, the MDL update (eq. 26) leaves the true "
            "program with probability $\\varepsilon_N \\le \\sum_{j} "
            "2^{\\lambda(\\ell_* - \\ell_j)/2}\\, \\mathrm{BC}(\\theta_*, \\theta_j)^N$ "
            "with Bhattacharyya coefficients $\\mathrm{BC} < 1$, for every $\\lambda \\ge 0$: "
            "the exponential decay in $N$ comes from the class of programs being discrete and is "
            "present with $\\lambda = 0$. The complexity term only moves the decision "
            "thresholds by $\\lambda(\\ell_j - \\ell_*)$ bits: it raises $\\varepsilon_N$ "
            "for a truth longer than a competitor (up to $\\varepsilon_N = 1$ when $\\lambda$ is "
            "large for the given $N$) and tilts the long-run law toward the shortest program."
        ),
        location="v2 §5.5, eqs. 24/26",
        hypotheses=_ANCHOR,
        divergence=(
            "The paper credits the barrier to the complexity penalty λK(p). The anchor is real "
            "(the holding time 1/ε_N grows like e^(0.0347 N) here) but it is a property of "
            "choosing among finitely many separated programs; the penalty does not create it "
            "and, for a complex truth, weakens it. prop-10/anchor states the same bound at "
            "λ = 1 and compares with the distributional learner's drift."
        ),
        checks=(
            Check(
                name="bhattacharyya",
                method=Method.SYMPY,
                strength=Strength.PROOF,
                run=_bhattacharyya_sympy,
                expect=Outcome.SUPPORTS,
                description="E[√(likelihood ratio)] = BC^N",
            ),
            Check(
                name="markov",
                method=Method.Z3,
                strength=Strength.PROOF,
                run=_markov_z3,
                expect=Outcome.SUPPORTS,
                description="pointwise Markov and BC < 1: the bound for every λ",
            ),
            Check(
                name="certified-bound",
                method=Method.ARB,
                strength=Strength.CERTIFIED,
                run=_certified_bound,
                expect=Outcome.SUPPORTS,
                description="exact ε_N below the bound, N = 1..120, λ = 0, 1, 2",
            ),
            Check(
                name="lambda-sweep",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=_lambda_sweep,
                expect=Outcome.SUPPORTS,
                description="exact ε_N and long-run law for λ = 0..32 at N = 100",
            ),
            Check(
                name="rate",
                method=Method.MPMATH,
                strength=Strength.SAMPLED,
                run=_rate,
                expect=Outcome.SUPPORTS,
                description="fitted decay rates for λ = 0, 1, 2 vs the one Chernoff exponent",
            ),
            Check(
                name="laboratory",
                method=Method.SIMULATION,
                strength=Strength.SAMPLED,
                run=sampled(_laboratory, seed=SEED, replicates=2000),
                expect=Outcome.SUPPORTS,
                description=(
                    "simulated retraining at λ = 0 and 2 vs exact curves, the leaving probability "
                    "pooled (family-wise α = 5·10⁻⁴)"
                ),
            ),
        ),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="sec-5-5/locked",
        model="coin-mdl",
        role="part",
        title="§5.5.2 reading: the program stays locked until contradictory evidence accumulates",
        statement=(
            "In the coin model (truth coin(1/4); class coin(1/4), coin(1/2), coin(3/4); "
            "$\\alpha = 0$), the MDL learner retrained on $N$ of its own samples keeps the true "
            "program exactly while the count of ones stays at or below a threshold "
            "$k^*(N, \\lambda)$ with $k^*/N \\to \\log_3(3/2) \\approx 0.369$ (for "
            "$N \\ge 100$ leaving needs a count more than two standard deviations above "
            "$N\\theta^*$); its mean squared error stays at most $1/8$ and its "
            "long-run MSE is below the frequency learner's, $\\theta^*(1-\\theta^*) = 3/16$."
        ),
        location="v2 §5.5.2",
        hypotheses=_ANCHOR,
        divergence=(
            "The reading of §5.5.2 ('locked until significantly contradictory evidence "
            "accumulates', preventing random-walk degradation), the charitable one: the "
            "learner does leave the truth (sec-5-5/barrier), but only on an excess count of "
            "order N, and its error stays bounded by the class while the frequency learner "
            "drifts to an absorbing state (long-run MSE 3/16). Supported, not proved: the "
            "threshold rule and the long-run MSE are computed exactly for N = 20, 100, 200 and "
            "λ = 0, 1, 2 (exact instances), and the step from the reflection symmetry of the "
            "chain to MSE_∞ ≤ 1/8 is proved by z3, but the symmetry itself is checked on that "
            "grid, not for symbolic N. Early on, for small N and λ ≥ 1, the MDL learner's MSE "
            "is above the frequency learner's (t ≤ 8 at N = 20): the comparison is long-run. "
            "The permanent reading of §5.5.3 is sec-5-5/barrier (refuted), a labelled extra."
        ),
        uses=("sec-5-5/mdl-anchor", "prop-10/anchor"),
        checks=(
            Check(
                name="evidence-threshold",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=_locked_threshold,
                expect=Outcome.SUPPORTS,
                instance="N = 20, 100, 200 and λ = 0, 1, 2",
                description="the exact MDL decision table is the threshold rule "
                "2^(N+3λ) < 3^(N−k)",
            ),
            Check(
                name="long-run-mse",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=_locked_long_run,
                expect=Outcome.SUPPORTS,
                instance="N = 20, 100, 200 and λ = 0, 1, 2 (the symmetry step by z3 for all)",
                description="exact stationary laws: long-run MSE ≤ 1/8 < 3/16",
            ),
            Check(
                name="bounded-mse",
                method=Method.MPMATH,
                strength=Strength.SAMPLED,
                run=_locked_bounded,
                expect=Outcome.SUPPORTS,
                description="the MDL learner's MSE curve at 50 digits, t ≤ 400, against the "
                "frequency learner's",
            ),
            Check(
                name="laboratory",
                method=Method.SIMULATION,
                strength=Strength.SAMPLED,
                run=sampled(_locked_laboratory, seed=SEED, replicates=2000),
                expect=Outcome.SUPPORTS,
                description="simulated squared errors of both learners against the exact "
                "curves (family-wise α = 5·10⁻⁴)",
            ),
        ),
        expected=Verdict.SUPPORTED,
    ),
    Claim(
        id="sec-5-5/barrier",
        model="coin-mdl",
        role="extra",
        title="The MDL update stops drift: the retrained learner keeps the truth",
        statement=(
            "Reading of §5.5: with $\\alpha = 0$ and $N$ fixed, the learner retrained by the "
            "MDL update on its own samples keeps the true program in the long run, "
            "$\\lim_{t\\to\\infty} P(p_t = p^*) = 1$, so it escapes the degeneration that "
            "Theorems 2 and 4 establish for distributional learners."
        ),
        location="v2 §5.5, eqs. 24/26 (the 'barrier against drift')",
        hypotheses=_ANCHOR,
        divergence=(
            "Refuted exactly, for λ = 0, 1, 2 and N = 20, 100, 200: every transition between "
            "programs has positive probability, so the chain is irreducible and P(p_t = p*) "
            "tends to the stationary mass of the truth, which is < 1 (≈ 0.14 at λ = 1, "
            "N = 100); the learner mostly holds the shortest program. What holds is the delay "
            "of sec-5-5/mdl-anchor; prop-10/anchor-permanent reaches the same conclusion for "
            "the anchor reading of Prop. 10. For a deterministic program (the 2, 4, 6, 8 "
            "example) the loop is trivially a fixed point; the likelihood term of eq. 26 is "
            "there because the programs are stochastic."
        ),
        uses=("sec-5-5/mdl-anchor",),
        checks=(
            Check(
                name="stationary",
                method=Method.EXACT,
                strength=Strength.PROOF,
                run=_barrier,
                expect=Outcome.REFUTES,
                description=(
                    "exact transition matrices and stationary laws, λ = 0, 1, 2, N = 20..200"
                ),
            ),
        ),
        expected=Verdict.REFUTED,
    ),
]
