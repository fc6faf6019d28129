"""Timings for the exact output distributions D(n) of small Turing machines (run on demand).

    python -m benchmarks.bench_ctm [--quick] [--plain]      (from the repository root)

For each n it times the tree enumeration (lazily-defined transition tables, state-relabelling
and mirror symmetries, loop proofs) and reports the number of branch points it visited, next
to the number of machines it stands for. For n <= 3 it also times the brute force that runs
every machine (pure Python for n <= 2, numpy in lockstep for n = 3) and checks that the counts
agree. ``--plain`` adds the tree without loop proofs for D(4) (every open branch runs to
S(4) = 107 steps); ``--quick`` stops at D(3). CPU time is shown next to wall time because the
machine may be shared.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from numerics.ctm import OutputCounts, compute_output_counts, machine_count, output_counts


def _timed(fn: Callable[[], OutputCounts]) -> tuple[float, float, OutputCounts]:
    w0, c0 = time.perf_counter(), time.process_time()
    value = fn()
    return time.perf_counter() - w0, time.process_time() - c0, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="only D(1)..D(3)")
    parser.add_argument("--plain", action="store_true", help="also D(4) without loop proofs")
    args = parser.parse_args()
    top = 3 if args.quick else 4
    header = (f"{'n':>2} {'method':<12} {'wall s':>8} {'cpu s':>8} {'nodes':>12} "
              f"{'machines':>15} {'halting':>13} {'agrees':>7}")
    print(header)
    print("-" * len(header))
    for n in range(1, top + 1):
        runs = [("tree", lambda n=n: compute_output_counts(n))]
        if n <= 2:
            runs.append(("brute", lambda n=n: compute_output_counts(n, method="brute")))
        if n <= 3:
            runs.append(("brute-numpy",
                         lambda n=n: compute_output_counts(n, method="brute-numpy")))
        if n == 4 and args.plain:
            runs.append(("tree-plain",
                         lambda n=n: compute_output_counts(n, method="tree-plain")))
        reference = output_counts(n)  # D(4): the shipped file
        for name, fn in runs:
            wall, cpu, result = _timed(fn)
            agrees = "yes" if result == reference else "NO"
            print(f"{n:>2} {name:<12} {wall:>8.2f} {cpu:>8.2f} {result.nodes:>12,} "
                  f"{machine_count(n):>15,} {result.halting:>13,} {agrees:>7}")


if __name__ == "__main__":
    main()
