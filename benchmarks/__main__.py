"""The benchmarks' one entry point.

    python -m benchmarks                 # laboratory figures: project, plain loop, ratio
    python -m benchmarks --quick         # smaller runs
    python -m benchmarks --readme        # also rewrite README.md's performance table
    python -m benchmarks --suite NAME    # one of the detailed suites: entropy, ctm,
                                         # gaussian, verifier (their own --quick applies)
    python -m benchmarks --verify        # also time the fast tier of verify (1 and 2 jobs)

Every ratio is measured in the same run: the project's time and the plain baseline's time
come from the same process, one after the other, on the machine described in the header.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- performance:start -->", "<!-- performance:end -->"


def machine() -> str:
    """CPU model, cores, memory, load, and the versions that matter for the numbers."""
    import numpy as np

    from numerics import budget
    from numerics.loops import kernels

    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        load = os.getloadavg()[0]
        load_text = f", load average {load:.1f} at the start"
    except OSError:
        load_text = ""
    try:
        import numba

        nb = f"numba {numba.__version__}"
    except ImportError:
        nb = "no numba"
    return (f"{cpu}, {os.cpu_count()} cores, {budget.format_bytes(budget.memory_available())} "
            f"available{load_text}; Python {platform.python_version()}, NumPy {np.__version__}, "
            f"{nb}; kernels: {kernels.backend()}, {kernels.threads()} threads")


def lab_table(quick: bool) -> tuple[list[str], list[str]]:
    """The figures as (terminal lines, README markdown lines)."""
    from benchmarks.labs import figures

    rows = figures(quick)
    head = (f"{'laboratory':<12} {'size':<36} {'project s':>10} {'plain s':>9} {'ratio':>7} "
            f"{'cpu ratio':>9} {'NumPy s':>8}  throughput (wall; per CPU-second)")
    term = [head, "-" * len(head)]
    md = ["| laboratory | size | project (s) | plain loop (s) | ratio | CPU-time ratio | "
          "NumPy backend (s) | throughput (wall) | per CPU-second |",
          "|---|---|---:|---:|---:|---:|---:|---|---|"]
    for f in rows:
        fb = f"{f.fallback:.3f}" if f.fallback is not None else "-"
        term.append(f"{f.name:<12} {f.size:<36} {f.project:>10.3f} {f.plain:>9.2f} "
                    f"{f.ratio:>6.1f}x {f.cpu_ratio:>8.1f}x {fb:>8}  {f.throughput:.3g}; "
                    f"{f.cpu_throughput:.3g} {f.unit}")
        md.append(f"| {f.name} | {f.size} | {f.project:.3f} | {f.plain:.2f} | "
                  f"{f.ratio:.1f}× | {f.cpu_ratio:.1f}× | {fb} | {f.throughput:.3g} {f.unit} | "
                  f"{f.cpu_throughput:.3g} |")
    return term, md


def verify_rows() -> tuple[list[str], list[str]]:
    """Wall time of ``collapse-check verify --quiet`` (fast tier) with 1 and 2 jobs."""
    times = {}
    for jobs in (2, 1):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "theorems.cli", "verify", "--quiet",
                        "--jobs", str(jobs)], check=False, capture_output=True)
        times[jobs] = time.perf_counter() - t0
    ratio = times[1] / times[2]
    term = [f"verify (fast tier): 2 jobs {times[2]:.1f} s, 1 job {times[1]:.1f} s, "
            f"ratio {ratio:.2f}x"]
    md = [f"| verify, fast tier | 2 jobs | {times[2]:.1f} | {times[1]:.1f} (1 job) | "
          f"{ratio:.2f}× | - | - | - |"]
    return term, md


def write_readme(machine_line: str, md: list[str], path: Path = README) -> None:
    """Replace the text between the performance markers of README.md."""
    text = path.read_text()
    if START not in text or END not in text:
        raise SystemExit(f"{path}: no {START} ... {END} section")
    body = "\n".join([
        f"Measured by `python -m benchmarks --readme` on: {machine_line}. *ratio* is wall "
        "time (plain loop / project); *CPU-time ratio* compares the CPU seconds spent, which a "
        "busy machine disturbs less; *per CPU-second* is the work over the CPU seconds of all "
        "threads (on an idle machine the wall throughput approaches it times the cores); the "
        "plain loop's times are scaled from fewer replicates.",
        "", *md])
    new = re.sub(re.escape(START) + r".*?" + re.escape(END),
                 lambda _: f"{START}\n{body}\n{END}", text, flags=re.S)
    path.write_text(new)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller runs")
    parser.add_argument("--readme", action="store_true",
                        help="rewrite the performance table of README.md")
    parser.add_argument("--verify", action="store_true",
                        help="also time verify's fast tier with 1 and 2 jobs")
    parser.add_argument("--suite", choices=("entropy", "ctm", "gaussian", "verifier"),
                        help="run one detailed suite instead")
    args = parser.parse_args(argv)
    if args.suite:
        module = importlib.import_module(f"benchmarks.bench_{args.suite}")
        sys.argv = [f"benchmarks.bench_{args.suite}", *(["--quick"] if args.quick else [])]
        module.main()
        return 0
    line = machine()
    print(f"machine: {line}\n")
    term, md = lab_table(args.quick)
    if args.verify:
        vt, vm = verify_rows()
        term += vt
        md += vm
    print("\n".join(term))
    if args.readme:
        write_readme(line, md)
        print(f"\nwrote the performance table of {README}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
