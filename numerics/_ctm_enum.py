"""Enumeration engines behind :mod:`numerics.ctm` (private: use the public module).

Three independent ways to count what every n-state, 2-symbol Turing machine of the
Busy-Beaver formalism writes when started in state 1 on a blank tape of 0s:

* :func:`tree_counts` - the fast one. It simulates a machine whose transition table is
  still blank and only fixes an entry when the run first reads it, branching over the
  4n+2 possible values there. A branch that halts, or that is still running after the
  step bound, stands for every completion of its undefined entries, so it is counted
  with the exact integer weight (4n+2)**(number of undefined entries). Two symmetries,
  both bijections on the set of machines, cut the work further:

  - *state relabelling*: states that no defined entry points to (and that are not the
    current state) have no defined entries themselves, so choosing any one of them as
    the target of a new entry gives isomorphic subtrees; we explore the lowest one and
    multiply by how many there are.
  - *mirror*: swapping left and right in every entry reflects the whole run, so the
    mirror machine halts at the same step with the reversed output. We fix the first
    move to be to the right and add each output both as it is and reversed.

* :func:`brute_counts` - a plain loop over every machine, one at a time (n <= 2 in
  practice).
* :func:`brute_counts_numpy` - the same plain enumeration of every machine, but run in
  lockstep with numpy arrays, so that n = 3 (7,529,536 machines) takes seconds.

Steps are counted as transitions executed, the halting one included: a machine that
halts does so at a step <= S(n), so one still running after S(n) transitions never halts.
All three return ``(counts, nonhalting, halting_times, nodes)`` with exact integers;
``counts`` maps output strings over '0'/'1' to machine counts.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import numpy as np

__all__ = ["brute_counts", "brute_counts_numpy", "decode_option", "tree_counts"]

Raw = tuple[dict[str, int], int, dict[int, int], int]

_TO_TEXT = bytes.maketrans(b"\x00\x01", b"01")


def decode_option(d: int, n: int) -> tuple[int, int, int]:
    """The transition coded by ``d`` in ``range(4n+2)`` as (write, move, next state).

    ``move`` is -1 (left), +1 (right) or 0 (halt); states are 1..n, 0 is the halting state.
    Codes 0 and 1 write that symbol and halt; code 2 + 4(q-1) + 2w + r writes w, moves right
    if r = 1 (left if r = 0) and goes to state q.
    """
    if d < 2:
        return d, 0, 0
    j = d - 2
    return (j >> 1) & 1, (1 if j & 1 else -1), j // 4 + 1


def tree_counts(n: int, max_steps: int, detect_loops: bool = True) -> Raw:
    """Exact counts over all (4n+2)**(2n) machines by the lazily-defined tree (see module).

    With ``detect_loops`` a branch is also closed as non-halting, before the step bound, when
    its run provably never reads an undefined entry again (see :func:`_run_to_branch`);
    the counts are the same either way, only faster.
    """
    base = 4 * n + 2
    entries = 2 * n
    powers = [base**k for k in range(entries + 1)]
    width = 2 * max_steps + 3
    counts: dict[bytes, int] = defaultdict(int)
    times: dict[int, int] = defaultdict(int)
    nonhalt = 0
    nodes = 0
    # table[2*state + symbol] with 0-based states; None = not yet defined. Halting entries
    # are never stored: a branch that defines one ends there.
    table: list[tuple[int, int, int] | None] = [None] * entries
    moves = [(w, mv) for w in (0, 1) for mv in (-1, 1)]

    def explore(tape: bytearray, pos: int, state: int, steps: int, lo: int, hi: int,
                ndef: int, nref: int, mult: int) -> None:
        # Run the partial machine from this configuration until it exceeds the step bound,
        # is proven to loop, or reads an undefined entry (it cannot halt before that: only
        # undefined entries can become halting ones).
        nonlocal nonhalt, nodes
        if detect_loops:
            reached = _run_to_branch(table, tape, pos, state, steps, lo, hi, max_steps, n)
            if reached is None:
                nonhalt += mult * powers[entries - ndef]
                return
            pos, state, steps, lo, hi = reached
        else:
            while True:
                entry = table[2 * state + tape[pos]]
                if entry is None:
                    break
                w, mv, state = entry
                tape[pos] = w
                pos += mv
                steps += 1
                if pos < lo:
                    lo = pos
                elif pos > hi:
                    hi = pos
                if steps >= max_steps:
                    nonhalt += mult * powers[entries - ndef]
                    return
        k = 2 * state + tape[pos]
        nodes += 1
        weight = mult * powers[entries - ndef - 1]
        # the two halting values of entry k: write w and stop at step steps + 1
        for w in (0, 1):
            out = bytearray(tape[lo:hi + 1])
            out[pos - lo] = w
            counts[bytes(out)] += weight
        times[steps + 1] += 2 * weight
        # the moving values: referenced states 0..nref-1, plus one representative of the
        # unreferenced ones (weight multiplied by their number)
        for q in range(min(nref + 1, n)):
            if q == nref:
                m2, nref2 = mult * (n - nref), nref + 1
            else:
                m2, nref2 = mult, nref
            for w, mv in moves:
                table[k] = (w, mv, q)
                explore(bytearray(tape), pos, state, steps, lo, hi, ndef + 1, nref2, m2)
        table[k] = None

    centre = width // 2
    # Root: entry (state 1, symbol 0). Its halting values give the outputs "0" and "1".
    root_weight = powers[entries - 1]
    counts[b"\x00"] += root_weight
    counts[b"\x01"] += root_weight
    times[1] += 2 * root_weight
    nodes += 1
    # Moving values with the move fixed to the right (the mirror images are added below).
    for q in range(min(2, n)):
        mult, nref = (1, 1) if q == 0 else (n - 1, 2)
        for w in (0, 1):
            table[0] = (w, 1, q)
            explore(bytearray(width), centre, 0, 0, centre, centre, 1, nref, mult)
    table[0] = None
    # The right-first part of the tree was counted once; the mirror gives its reflection.
    # Undo the root's halting values first so they are not doubled.
    counts[b"\x00"] -= root_weight
    counts[b"\x01"] -= root_weight
    times[1] -= 2 * root_weight
    mirrored: dict[str, int] = defaultdict(int)
    for key, c in counts.items():
        if c:
            text = key.translate(_TO_TEXT).decode()
            mirrored[text] += c
            mirrored[text[::-1]] += c
    mirrored["0"] += root_weight
    mirrored["1"] += root_weight
    all_times = {t: 2 * c for t, c in times.items() if c}
    all_times[1] = all_times.get(1, 0) + 2 * root_weight
    return dict(mirrored), 2 * nonhalt, all_times, nodes

def _run_to_branch(
    table: list[tuple[int, int, int] | None], tape: bytearray, pos: int, state: int,
    steps: int, lo: int, hi: int, max_steps: int, n: int,
) -> tuple[int, int, int, int, int] | None:
    """Run a partial machine (in place on ``tape``) up to its first undefined entry.

    Returns the configuration there as ``(pos, state, steps, lo, hi)``, or None when the run
    provably never reads an undefined entry.

    The table holds moving entries only, so such a run never halts. Three proofs of that:

    * the step bound: still running after ``max_steps`` transitions;
    * an exact cycle (Brent's scheme: the configuration is saved at steps 1, 2, 4, 8, ...
      after the start and compared at every step): a repeated (state, head, tape) repeats
      forever;
    * a translated cycle at an edge: the head reaches a new rightmost cell in state q at
      times t1 < t2 (positions p1 < p2; the cells from there on are blank), and, with m the
      leftmost head position during [t1, t2], the tape on [m, p1] at t1 equals the tape on
      [m + p2 - p1, p2] at t2. The run from t2 then replays the run from t1 shifted by
      p2 - p1, for ever, reading only defined entries. The same holds mirrored on the left.
    """
    start = steps
    hist = [pos]
    right: list[tuple[int, int, bytes] | None] = [None] * n
    left: list[tuple[int, int, bytes] | None] = [None] * n
    save_at = steps + 1
    s_state = -1
    s_pos = -1
    s_tape = b""
    while True:
        entry = table[2 * state + tape[pos]]
        if entry is None:
            return pos, state, steps, lo, hi
        w, mv, state = entry
        tape[pos] = w
        pos += mv
        steps += 1
        if steps >= max_steps:
            return None
        hist.append(pos)
        if pos > hi:
            hi = pos
            rec = right[state]
            if rec is not None:
                t0, p0, snap = rec
                m = min(hist[t0 - start:])
                if tape[m + pos - p0:pos + 1] == snap[m:p0 + 1]:
                    return None
            right[state] = (steps, pos, bytes(tape))
        elif pos < lo:
            lo = pos
            rec = left[state]
            if rec is not None:
                t0, p0, snap = rec
                top = max(hist[t0 - start:])
                if tape[pos:top - (p0 - pos) + 1] == snap[p0:top + 1]:
                    return None
            left[state] = (steps, pos, bytes(tape))
        elif state == s_state and pos == s_pos and tape == s_tape:
            return None
        if steps == save_at:
            s_state, s_pos, s_tape = state, pos, bytes(tape)
            save_at = 2 * save_at - start


def brute_counts(n: int, max_steps: int) -> Raw:
    """Exact counts by running every machine, one by one (pure Python; n <= 2 is quick)."""
    base = 4 * n + 2
    options = [decode_option(d, n) for d in range(base)]
    counts: dict[str, int] = defaultdict(int)
    times: dict[int, int] = defaultdict(int)
    nonhalt = 0
    for table in itertools.product(options, repeat=2 * n):
        tape: dict[int, int] = {}
        pos = lo = hi = 0
        state = 1
        for step in range(1, max_steps + 1):
            w, mv, q = table[2 * (state - 1) + tape.get(pos, 0)]
            tape[pos] = w
            if mv == 0:
                counts["".join(str(tape.get(i, 0)) for i in range(lo, hi + 1))] += 1
                times[step] += 1
                break
            pos += mv
            lo, hi, state = min(lo, pos), max(hi, pos), q
        else:
            nonhalt += 1
    return dict(counts), nonhalt, dict(times), base ** (2 * n)


def brute_counts_numpy(n: int, max_steps: int, chunk: int = 1 << 20) -> Raw:
    """Exact counts by running every machine, all of a chunk in lockstep with numpy."""
    base = 4 * n + 2
    entries = 2 * n
    total = base**entries
    if max_steps > 60:
        raise ValueError("brute_counts_numpy packs outputs in 64 bits: max_steps <= 60")
    decoded = [decode_option(d, n) for d in range(base)]
    opt_write = np.array([o[0] for o in decoded], dtype=np.uint8)
    opt_move = np.array([o[1] for o in decoded], dtype=np.int64)
    opt_next2 = np.array([2 * (o[2] - 1) for o in decoded], dtype=np.int64)
    width = 2 * max_steps + 3
    centre = width // 2
    counts: dict[str, int] = defaultdict(int)
    times = np.zeros(max_steps + 2, dtype=np.int64)
    nonhalt = 0
    for start in range(0, total, chunk):
        size = min(chunk, total - start)
        # digits[i, k] = value of entry k of machine start + i (base-(4n+2) digits)
        rest = np.arange(start, start + size, dtype=np.int64)
        digits = np.empty((size, entries), dtype=np.uint8)
        for k in range(entries):
            digits[:, k] = rest % base
            rest //= base
        dig = digits.reshape(-1)
        tape = np.zeros(size * width, dtype=np.uint8)
        # per running machine: row offsets, absolute head index, 2*state, visited range
        drow = np.arange(size, dtype=np.int64) * entries
        head = np.arange(size, dtype=np.int64) * width + centre
        state2 = np.zeros(size, dtype=np.int64)
        lo = head.copy()
        hi = head.copy()
        done_lo, done_hi, done_step = [], [], []
        for step in range(1, max_steps + 1):
            if head.size == 0:
                break
            code = dig[drow + state2 + tape[head]]
            tape[head] = opt_write[code]
            stop = opt_move[code] == 0
            if stop.any():
                done_lo.append(lo[stop])
                done_hi.append(hi[stop])
                done_step.append(np.full(int(stop.sum()), step, dtype=np.int64))
                go = ~stop
                code, drow, head, lo, hi = code[go], drow[go], head[go], lo[go], hi[go]
            head = head + opt_move[code]
            state2 = opt_next2[code]
            np.minimum(lo, head, out=lo)
            np.maximum(hi, head, out=hi)
        nonhalt += int(head.size)
        if not done_lo:
            continue
        first = np.concatenate(done_lo)
        length = np.concatenate(done_hi) - first + 1
        np.add.at(times, np.concatenate(done_step), 1)
        # pack each output with a leading 1 as a sentinel: value = 1 b_0 b_1 ... b_{L-1}
        packed = np.ones(first.size, dtype=np.int64)
        for j in range(int(length.max())):
            inside = j < length
            cell = tape[np.where(inside, first + j, 0)].astype(np.int64)
            packed = np.where(inside, packed * 2 + cell, packed)
        values, freq = np.unique(packed, return_counts=True)
        for v, c in zip(values.tolist(), freq.tolist(), strict=True):
            counts[bin(v)[3:]] += c
    halting_times = {t: int(c) for t, c in enumerate(times.tolist()) if c}
    return dict(counts), nonhalt, halting_times, total
