"""Every simulation check re-run under remapped seed families (run on demand).

    python -m benchmarks.seed_sweep [--families 30] [--tier fast|deep|all] [--only CLAIM]

Within family k every ``numpy.random.default_rng(s)`` becomes ``default_rng([k, s])``
(:func:`theorems.sampling.seed_family`), so each family is an independent replication of the
whole tier. Prints, per check, the families in which it failed (after the fast tier's re-run
rule) and the binomial probability of that many failures under its declared α; then, per
tier, the number of sweeps (families) with any failure. The project's target: at most 2 of 30
sweeps with a failure in each tier.
"""

from __future__ import annotations

import argparse
import sys

from theorems.model import Tier
from theorems.sampling import simulation_checks, sweep_check


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, default=30, help="seed families (default 30)")
    parser.add_argument("--first", type=int, default=1, help="first family (default 1)")
    parser.add_argument("--tier", choices=("fast", "deep", "all"), default="all")
    parser.add_argument("--only", default=None, help="only checks of claims with this prefix")
    parser.add_argument("--progress", action="store_true",
                        help="print each family's result on stderr as it finishes")
    args = parser.parse_args(argv)
    if args.families < 1:
        print("error: --families must be >= 1", file=sys.stderr)
        return 2
    tiers = [Tier.FAST, Tier.DEEP] if args.tier == "all" else [Tier(args.tier)]
    worst_sweeps = 0
    for tier in tiers:
        checks = [(c, ch) for c, ch in simulation_checks(tier)
                  if args.only is None or c.startswith(args.only)]
        failed_families: set[int] = set()
        print(f"{tier.value} tier: {len(checks)} simulation checks × {args.families} families")
        for claim_id, check in checks:
            def tick(k: int, ok: bool, name: str = f"{claim_id}:{check.name}") -> None:
                if args.progress:
                    print(f"    {name} family {k}: {'pass' if ok else 'FAIL'}",
                          file=sys.stderr, flush=True)

            row = sweep_check(claim_id, check, args.families, args.first, report=tick)
            failed_families |= set(row.failed)
            print(f"  {claim_id}:{check.name:<16} α = {row.alpha:g}  failed in "
                  f"{len(row.failed)}/{row.families} {list(row.failed) or ''}  "
                  f"P(≥ that many) = {row.binomial_p:.3g}  ({row.seconds:.0f} s)", flush=True)
        print(f"  sweeps with any failure: {len(failed_families)}/{args.families} "
              f"{sorted(failed_families) or ''}")
        worst_sweeps = max(worst_sweeps, len(failed_families))
    return 0 if worst_sweeps <= 2 else 1


if __name__ == "__main__":
    raise SystemExit(main())
