"""Tests of numerics.ctm: exact D(1)..D(4), CTM, BDM against pybdm, coding-theorem numbers."""

from __future__ import annotations

import json
import math
import shutil
import zlib
from fractions import Fraction

import numpy as np
import pytest

from numerics import ctm as C
from numerics.errors import CollapseCheckError, InputError

S = {1: 1, 2: 6, 3: 21, 4: 107}
HALTING = {1: 12, 2: 3044, 3: 2147184, 4: 2985384480}
OUTPUTS_BLANK0 = {1: 2, 2: 17, 3: 95, 4: 1302}
STRINGS_IN_D = {1: 2, 2: 22, 3: 128, 4: 1832}

# OEIS A141474: D(1), D(2), D(3) written out string after string, most frequent first (ties
# lexicographic); its first 105 terms, and its b-file has 736 terms in all.
OEIS_A141474_PREFIX = (
    "0101000110110010111001100000101011110000001001000110100110111101111101000110110001110010"
    "11100110010101000"
)


def _same_outcome(a: C.OutputCounts, b: C.OutputCounts) -> bool:
    return (dict(a.counts) == dict(b.counts) and a.halting == b.halting
            and a.nonhalting == b.nonhalting and dict(a.halting_times) == dict(b.halting_times))


# ----------------------------------------------------------------------------- enumeration

@pytest.mark.exact
def test_machine_count_and_step_bounds() -> None:
    assert [C.machine_count(n) for n in (1, 2, 3, 4)] == [36, 10_000, 7_529_536, 11_019_960_576]
    assert C.machine_count(5) == 22**10
    assert [C.step_bound(n) for n in (1, 2, 3, 4)] == [1, 6, 21, 107]


@pytest.mark.exact
@pytest.mark.parametrize("n", [1, 2])
def test_tree_equals_plain_loop_over_every_machine(n: int) -> None:
    brute = C.compute_output_counts(n, method="brute")
    tree = C.compute_output_counts(n, method="tree")
    assert tree == brute
    assert C.compute_output_counts(n, method="brute-numpy") == brute
    assert brute.nodes == C.machine_count(n)


@pytest.fixture(scope="module")
def brute3() -> C.OutputCounts:
    """Every 3-state machine run (vectorised): a few seconds, so computed once."""
    return C.compute_output_counts(3, method="brute-numpy")


@pytest.mark.exact
def test_tree_equals_vectorised_loop_over_every_machine_n3(brute3: C.OutputCounts) -> None:
    brute = brute3
    assert brute.nodes == C.machine_count(3)
    assert brute == C.output_counts(3)
    assert brute == C.compute_output_counts(3, method="tree-plain")
    # the comparison can fail: a step budget one short of S(3) changes the counts
    assert C.compute_output_counts(3, max_steps=20) != brute
    assert not _same_outcome(C.compute_output_counts(3, max_steps=20), brute)


@pytest.mark.exact
@pytest.mark.parametrize("n", [2, 3])
def test_wrong_step_budget_is_rejected_by_the_brute_force(n: int, brute3) -> None:
    short = C.compute_output_counts(n, max_steps=S[n] - 1, method="tree")
    brute = C.compute_output_counts(2, method="brute") if n == 2 else brute3
    assert not _same_outcome(short, brute)


@pytest.mark.exact
@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_step_convention_matches_busy_beaver_bound(n: int) -> None:
    c = C.output_counts(n)
    # the slowest halting machines stop exactly at S(n) transitions, halting one included
    assert max(c.halting_times) == S[n]
    assert c.max_steps == S[n]
    if n <= 3:
        longer = C.output_counts(n, max_steps=S[n] + 7)
        assert _same_outcome(longer, c)
        shorter = C.output_counts(n, max_steps=S[n] - 1) if S[n] > 1 else None
        if shorter is not None:
            assert shorter.halting == c.halting - c.halting_times[S[n]]


@pytest.mark.exact
@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_known_totals(n: int) -> None:
    c = C.output_counts(n)
    assert c.halting == HALTING[n]
    assert c.halting + c.nonhalting == C.machine_count(n) == c.machines
    assert sum(c.counts.values()) == c.halting == sum(c.halting_times.values())
    assert len(c.counts) == OUTPUTS_BLANK0[n]
    assert len(C.distribution(n)) == STRINGS_IN_D[n]


@pytest.mark.exact
def test_matches_oeis_a141474() -> None:
    digits = "".join("".join(C.distribution(n)) for n in (1, 2, 3))
    assert digits.startswith(OEIS_A141474_PREFIX)
    assert len(digits) == 736
    # a wrong variant fails the same comparison: ranking by blank-0 counts alone
    c = C.output_counts(3)
    blank0 = sorted(c.counts, key=lambda s: (-c.counts[s], len(s), s))
    wrong = "".join("".join(C.distribution(n)) for n in (1, 2)) + "".join(blank0)
    assert not wrong.startswith(OEIS_A141474_PREFIX)


def test_busy_beaver_champions_run() -> None:
    assert C.run_machine("1RB1LB_1LA1RZ") == C.Run(True, 6, "1111")
    three = C.run_machine("1RB1RZ_1LB0RC_1LC1LA")
    assert (three.halted, three.steps) == (True, 21)
    four = C.run_machine("1RB1LB_1LA0LC_1RZ1LD_1RD0RA")
    assert (four.halted, four.steps, four.output.count("1")) == (True, 107, 13)
    assert C.run_machine("1RB1LB_1LA0LC_1RZ1LD_1RD0RA", max_steps=106) == C.Run(False, 106, None)
    # blank 1 runs the complemented machine: complemented output
    assert C.run_machine("0LB0RB_0RZ0LA", blank=1) == C.Run(True, 6, "0000")
    # the mirror machine (L and R swapped) prints the reversed output at the same step
    mirror = C.run_machine("1LB1RB_1RA0RC_1LZ1RD_1LD0LA")
    assert (mirror.steps, mirror.output) == (107, four.output[::-1])


def _reference_run(spec: str, blank: int, max_steps: int) -> C.Run:
    """A direct reading of the machine text, one transition at a time (no tables)."""
    rows = spec.split("_")
    tape: dict[int, int] = {}
    pos = lo = hi = 0
    state = "A"
    for step in range(1, max_steps + 1):
        row = rows[ord(state) - ord("A")]
        sym = tape.get(pos, blank)
        w, mv, nxt = row[3 * sym:3 * sym + 3]
        tape[pos] = int(w)
        if nxt in "ZH":
            return C.Run(True, step, "".join(str(tape.get(i, blank)) for i in range(lo, hi + 1)))
        pos += 1 if mv == "R" else -1
        lo, hi, state = min(lo, pos), max(hi, pos), nxt
    return C.Run(False, max_steps, None)


def test_run_machine_agrees_with_a_direct_reading_of_the_table() -> None:
    rng = np.random.default_rng(11)
    for n in (1, 2, 3, 4):
        letters = "ABCD"[:n] + "Z"
        for _ in range(300):
            spec = "_".join(
                "".join(f"{rng.integers(2)}{'LR'[rng.integers(2)]}{letters[rng.integers(n + 1)]}"
                        for _ in (0, 1))
                for _ in range(n))
            for blank in (0, 1):
                assert C.run_machine(spec, blank, 60) == _reference_run(spec, blank, 60), spec
    # a blank given as another number type means the same symbol
    for blank in (1.0, np.int64(1), Fraction(1)):
        assert C.run_machine("0LB0RB_0RZ0LA", blank=blank) == C.Run(True, 6, "0000")
    with pytest.raises(InputError):
        C.run_machine("1RB1LB_1LA1RZ", blank=2)


@pytest.mark.parametrize("spec", ["", "1RB1LB", "1RB1LB_1LA1RQ", "2RB1LB_1LA1RZ", "1XB1LB_1LA1RZ"])
def test_run_machine_rejects_bad_specs(spec: str) -> None:
    with pytest.raises(InputError):
        C.run_machine(spec)


# ----------------------------------------------------------------------------- D(4) data file

def test_d4_file_integrity() -> None:
    data = json.loads((C.DATA_DIR / "ctm_d4.json").read_text(encoding="utf-8"))
    assert data["n"] == 4 and data["max_steps"] == 107 and data["blank"] == 0
    assert data["machines"] == C.machine_count(4) == data["halting"] + data["nonhalting"]
    counts = {s: int(v) for s, v in data["counts"].items()}
    assert sum(counts.values()) == data["halting"] == sum(data["halting_times"].values())
    assert max(int(t) for t in data["halting_times"]) == 107
    # mirror symmetry on blank 0: reversing every run maps s to its reverse
    assert all(counts.get(s[::-1]) == v for s, v in counts.items())
    assert not all(counts.get(s[::-1] + "0") == v for s, v in counts.items())
    d = C.distribution(4)
    assert sum(d.values()) == 1
    assert all(d[C.complement(s)] == p for s, p in d.items())


def test_corrupt_d4_file_is_rejected(tmp_path, monkeypatch) -> None:
    shutil.copy(C.DATA_DIR / "ctm_d4.json", tmp_path / "ctm_d4.json")
    monkeypatch.setattr(C, "DATA_DIR", tmp_path)
    assert C._load_data_file(4) == C.output_counts(4)
    data = json.loads((tmp_path / "ctm_d4.json").read_text(encoding="utf-8"))
    data["counts"]["0"] += 1
    (tmp_path / "ctm_d4.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CollapseCheckError):
        C._load_data_file(4)
    (tmp_path / "ctm_d4.json").unlink()
    with pytest.raises(CollapseCheckError, match="generate 4"):
        C._load_data_file(4)


@pytest.mark.deep
@pytest.mark.exact
def test_d4_recomputed_equals_file() -> None:
    assert C.compute_output_counts(4) == C._load_data_file(4)


@pytest.mark.deep
@pytest.mark.exact
def test_d4_without_loop_proofs_equals_file() -> None:
    assert C.compute_output_counts(4, method="tree-plain") == C._load_data_file(4)


def test_generate_data_file_round_trip(tmp_path) -> None:
    path, seconds = C.generate_data_file(2, tmp_path / "d2.json")
    assert seconds >= 0
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["counts"] == dict(C.output_counts(2).counts)
    assert data["halting"] == 3044


def test_cli(capsys, tmp_path) -> None:
    assert C.main(["--show", "2", "--top", "3"]) == 0
    out = capsys.readouterr().out
    assert "3044 halt" in out and "22 strings" in out
    assert C.main(["--show", "7"]) == 2
    assert "out of range" in capsys.readouterr().err
    assert C.main(["--generate", "1", "--out", str(tmp_path / "d1.json")]) == 0
    assert (tmp_path / "d1.json").exists()


# ----------------------------------------------------------------------------- D and CTM

@pytest.mark.exact
@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_distribution_sums_to_one_and_is_complement_symmetric(n: int) -> None:
    d = C.distribution(n)
    assert sum(d.values()) == 1
    assert all(d[C.complement(s)] == p for s, p in d.items())
    d_all = C.distribution(n, over="all")
    assert sum(d_all.values()) == Fraction(HALTING[n], C.machine_count(n)) != 1
    values = list(d.values())
    assert values == sorted(values, reverse=True)


@pytest.mark.exact
@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_normalisation_constant(n: int) -> None:
    ratio = C.normalisation_ratio(n)
    assert ratio == Fraction(C.machine_count(n), HALTING[n])
    d, d_all = C.distribution(n), C.distribution(n, over="all")
    assert all(d_all[s] * ratio == d[s] for s in d)
    c = C.output_counts(n)
    wrong = Fraction(c.machines, c.nonhalting)
    assert not all(d_all[s] * wrong == d[s] for s in d)
    offset = C.normalisation_offset(n)
    assert offset == pytest.approx(math.log2(ratio), abs=1e-13)
    for s in list(d)[:40]:
        assert C.ctm(s, n, over="all") - C.ctm(s, n) == pytest.approx(offset, abs=1e-12)
        assert C.ctm(s, n, over="all") - C.ctm(s, n) != pytest.approx(math.log2(wrong), abs=1e-3)


@pytest.mark.exact
def test_ctm_values() -> None:
    assert C.ctm("0", 1) == 1.0
    assert C.ctm("0", 2) == pytest.approx(-math.log2(Fraction(250, 761)), abs=1e-14)
    d4 = C.distribution(4)
    assert C.ctm("0110", 4) == pytest.approx(-math.log2(d4["0110"]), abs=1e-13)
    assert C.ctm([0, 1, 1, 0], 4) == C.ctm("0110", 4) == C.ctm(np.array([0, 1, 1, 0]), 4)
    assert C.ctm("0110", 4) == C.ctm("1001", 4) == C.ctm("1001"[::-1], 4)
    assert C.ctm("0", 4) < C.ctm("01", 4) < C.ctm("010", 4)


@pytest.mark.parametrize("bad", ["", "012", "ab", "0 1", [0, 2], [True, False], [0.0, 1.0], 5,
                                 b"01", np.zeros((2, 2), dtype=int)])
def test_ctm_rejects_bad_strings(bad: object) -> None:
    with pytest.raises(InputError):
        C.ctm(bad, 3)


@pytest.mark.parametrize("n", [0, -1, 2.5, "x", True, 5, 10, None])
def test_bad_n_is_rejected(n: object) -> None:
    for call in (lambda: C.ctm("0", n), lambda: C.distribution(n), lambda: C.output_counts(n)):
        with pytest.raises(InputError):
            call()


def test_other_bad_input() -> None:
    with pytest.raises(InputError, match="never output"):
        C.ctm("0" * 8, 3)
    with pytest.raises(InputError):
        C.distribution(2, over="machines")
    with pytest.raises(InputError):
        C.coding_sum(2, over="nope")
    with pytest.raises(InputError):
        C.compute_output_counts(3, method="brute")
    with pytest.raises(InputError):
        C.compute_output_counts(4, method="brute-numpy")
    with pytest.raises(InputError):
        C.compute_output_counts(2, method="magic")
    with pytest.raises(InputError):
        C.output_counts(2, max_steps=0)
    with pytest.raises(InputError):
        C.distribution_of({"0": 1})
    with pytest.raises(InputError):
        C.top_strings(2, 0)


def test_counts_are_read_only() -> None:
    c = C.output_counts(2)
    with pytest.raises(TypeError):
        c.counts["0"] = 5  # type: ignore[index]
    d = C.distribution(2)
    d["0"] = Fraction(0)
    assert C.distribution(2)["0"] == Fraction(250, 761)


# ----------------------------------------------------------------------------- coding theorem

@pytest.mark.exact
@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_coding_sum(n: int) -> None:
    cs = C.coding_sum(n)
    assert cs.exact == 1 and cs.strings == STRINGS_IN_D[n]
    assert cs.from_ctm == pytest.approx(1.0, abs=1e-12)
    cs_all = C.coding_sum(n, over="all")
    assert cs_all.exact == Fraction(HALTING[n], C.machine_count(n)) != 1
    assert cs_all.from_ctm == pytest.approx(float(cs_all.exact), rel=1e-12)


def test_published_coding_sum() -> None:
    cs = C.published_coding_sum()
    assert cs.strings == 2 * (2**12 - 1)
    assert 0.99 < cs.from_ctm < 1


def test_compression_comparison() -> None:
    strings = ["0" * 12, "01" * 6, "011010011001", "0" * 48, "0110100110010110" * 3]
    cc = C.compression_comparison(strings)
    assert [r.method for r in cc.rows] == ["ctm", "ctm", "ctm", "bdm", "bdm"]
    for row in cc.rows:
        assert row.zlib_bits == 8 * len(zlib.compress(row.string.encode(), 9))
        assert row.length == len(row.string)
    assert cc.rows[0].complexity == C.published_ctm("0" * 12)
    assert cc.rows[3].complexity == C.bdm("0" * 48)
    for value in (cc.spearman_length, cc.spearman_zlib, cc.spearman_bz2):
        assert -1 <= value <= 1
    mine = C.compression_comparison(["0", "01", "0110"], n=4)
    assert [r.method for r in mine.rows] == ["ctm4"] * 3
    assert mine.spearman_length == pytest.approx(1.0)
    with pytest.raises(InputError):
        C.compression_comparison([])


# ----------------------------------------------------------------------------- published tables

@pytest.fixture(scope="module")
def pybdm_module():
    return pytest.importorskip("pybdm")


def test_published_ctm_matches_pybdm_lookup(pybdm_module) -> None:
    from pybdm.encoding import normalize_key

    reference = pybdm_module.BDM(ndim=1)
    rng = np.random.default_rng(7)
    for _ in range(300):
        length = int(rng.integers(1, 13))
        s = "".join(map(str, rng.integers(0, 2, length)))
        assert C.published_ctm(s) == reference._ctm[(length,)][normalize_key(s)]
    table = C.published_table()
    assert len(table) == 2 * (2**12 - 1)
    assert table["1" * 12] == table["0" * 12] == pytest.approx(25.610413747641715)
    with pytest.raises(InputError):
        C.published_ctm("0" * 13)


@pytest.mark.parametrize("boundary", ["ignore", "recursive", "correlated"])
@pytest.mark.parametrize("block_size", [12, 8, 4])
def test_bdm_agrees_with_pybdm(pybdm_module, boundary: str, block_size: int) -> None:
    from pybdm.partitions import PartitionCorrelated, PartitionIgnore, PartitionRecursive

    partition = {"ignore": PartitionIgnore, "recursive": PartitionRecursive,
                 "correlated": PartitionCorrelated}[boundary]
    reference = pybdm_module.BDM(ndim=1, shape=(block_size,), partition=partition)
    rng = np.random.default_rng(block_size * 31 + len(boundary))
    lengths = [*range(block_size, block_size + 30), 97, 100, 120, 131, 143, 144, 200]
    for length in lengths:
        for kind in ("random", "biased", "periodic"):
            if kind == "random":
                x = rng.integers(0, 2, length)
            elif kind == "biased":
                x = (rng.random(length) < 0.1).astype(int)
            else:
                x = np.resize(rng.integers(0, 2, int(rng.integers(1, 6))), length)
            ours = C.bdm("".join(map(str, x)), block_size, boundary)
            assert ours == pytest.approx(reference.bdm(x), rel=1e-12, abs=1e-12)
            assert C.bdm(x.tolist(), block_size, boundary) == ours
            assert C.bdm(x, block_size, boundary) == ours


def test_bdm_variants_are_distinguished(pybdm_module) -> None:
    reference = pybdm_module.BDM(ndim=1)
    x = [0, 1] * 12 + [1, 1, 0]  # two equal blocks and a tail of 3
    assert C.bdm(x) == pytest.approx(reference.bdm(np.array(x)))
    # keeping the tail (recursive boundary) is a different number
    assert C.bdm(x, boundary="recursive") != pytest.approx(reference.bdm(np.array(x)))
    # dropping the log2(multiplicity) term is a different number
    no_multiplicity = sum(v for _, _, v in C.bdm_decomposition(x))
    assert no_multiplicity != pytest.approx(reference.bdm(np.array(x)))
    assert C.bdm_decomposition(x) == [("010101010101", 2, C.published_ctm("010101010101"))]


def test_bdm_bad_input() -> None:
    for bad in ("", "0" * 11, "0120" * 6, [0, 1, 2] * 8, [1]):
        with pytest.raises(InputError):
            C.bdm(bad)
    with pytest.raises(InputError):
        C.bdm("0" * 30, block_size=13)
    with pytest.raises(InputError):
        C.bdm("0" * 30, boundary="wrap")
    with pytest.raises(InputError):
        C.bdm("0" * 30, boundary="correlated", shift=0)
    with pytest.raises(InputError):
        C.bdm("0", boundary="recursive", block_size=4)


# ----------------------------------------------------------------------------- correlations

def test_rank_statistics_on_known_cases() -> None:
    assert C._spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert C._spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert C._kendall_tau_b([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # with ties: x = (1, 2, 2, 3), y = (1, 3, 2, 4): 5 concordant, 0 discordant, one x-tie
    assert C._kendall_tau_b([1, 2, 2, 3], [1, 3, 2, 4]) == pytest.approx(5 / math.sqrt(5 * 6))
    # Spearman with ties = Pearson on mid-ranks (1, 2.5, 2.5, 4) vs (1, 3, 2, 4)
    rx, ry = np.array([1, 2.5, 2.5, 4]), np.array([1, 3, 2, 4.0])
    assert C._spearman([1, 2, 2, 3], [1, 3, 2, 4]) == pytest.approx(np.corrcoef(rx, ry)[0, 1])


def test_rank_correlation_with_published_tables() -> None:
    r3 = C.rank_correlation(3)
    assert (r3.n, r3.reference, r3.strings) == (3, "pybdm D(5)", 128)
    r4 = C.rank_correlation(4)
    assert r4.strings == sum(1 for s in C.distribution(4) if len(s) <= 12) == 1770
    assert r3.spearman > 0.95 and r4.spearman > 0.9 and r4.kendall > 0.8
    cross = C.rank_correlation(3, against=4)
    assert cross.reference == "D(4)" and cross.strings == 128
    assert cross.spearman == pytest.approx(C.rank_correlation(4, against=3).spearman)
