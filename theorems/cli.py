"""The reviewer CLI: ``collapse-check verify | show | prove | simulate | sweep | docs``.

Every error a user can cause (unknown claim id, malformed formula, bad flag, bad number)
is printed as one line on stderr with a non-zero exit; tracebacks are never shown.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from numerics.errors import CollapseCheckError, FormulaError, InputError
from numerics.outputs import output_file
from theorems import registry
from theorems.evaluate import Report, count_checks, counts_text, evaluate, pool_context
from theorems.mathtext import fold, latex_to_unicode, pretty_relation, prose_to_unicode
from theorems.model import Claim
from theorems.table import VERDICT_STYLE, terminal_width
from theorems.table import verdict_table as _layout

__all__ = ["main"]

PROG = "collapse-check"

LEGEND = (
    "proved: a proof-strength check (sympy identity, z3 unsat, fully checked derivation) "
    "established it · certified: arb enclosure on a stated domain · supported: sampled evidence "
    "only · refuted: a confirmed counterexample · undecided: the checks could not decide · "
    "informal: no formal content in the paper; see the sub-claims · pending: no evidence yet. "
    "as written: the paper's statement taken whole, read charitably; holds: the strongest "
    "statement established (blank when it is the same reading); a grey id is the claim that "
    "decides the verdict; model: where it is decided"
)


class _HelpFormatter(argparse.HelpFormatter):
    """Help text with every option's default shown and no reStructuredText markup."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default
        if (
            "default" not in text
            and default not in (None, False, argparse.SUPPRESS, [])
            and action.option_strings
        ):
            text += " (default: %(default)s)"
        return text

    def _format_text(self, text: str) -> str:
        return super()._format_text(_plain_help(text))

    def _expand_help(self, action: argparse.Action) -> str:
        return _plain_help(super()._expand_help(action))


def _plain_help(text: str) -> str:
    """Drop reStructuredText inline markup from a help text: ``x`` and :role:`x` become x."""
    import re

    text = re.sub(r":[a-z]+:`~?([^`]+)`", r"\1", text)
    return text.replace("``", "")


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2) and defaults in every help text."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: error: {message} (see --help)\n")
        raise SystemExit(2)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Check the formal claims of Zenil (arXiv:2601.05280) by machine.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    v = sub.add_parser("verify", help="run the checks and print the verdict table")
    v.add_argument("ids", nargs="*", help="claim ids (a top-level id covers its sub-claims)")
    v.add_argument("--json", action="store_true", help="print the results as JSON")
    v.add_argument("--deep", action="store_true", help="also run the slow (deep-tier) checks")
    v.add_argument("--status", metavar="PATH",
                   help="also write the JSON report (all claims run) to this file "
                        "(.json added when the name has no extension)")
    v.add_argument("--quiet", action="store_true", help="no progress bar")
    v.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes (default: one per CPU; 1 runs in this process)")
    v.add_argument("--profile", action="store_true",
                   help="print the ten slowest checks and record every check's duration "
                        "(the worker pool starts the longest first)")
    v.set_defaults(handler=_cmd_verify)

    s = sub.add_parser("show", help="one claim in full: statement, derivation steps, evidence")
    s.add_argument("id", help="claim id, e.g. thm-2/gini")
    s.add_argument("--deep", action="store_true", help="also run the slow checks")
    s.add_argument("--pretty", action="store_true",
                   help="print derivation steps with sympy's two-dimensional pretty printer "
                        "instead of one Unicode line each")
    s.set_defaults(handler=_cmd_show)

    t = sub.add_parser("trust", help="what a claim's verdict rests on (lemmas, solvers, tables)")
    t.add_argument("id", help="claim id, e.g. prop-1")
    t.add_argument("--json", action="store_true", help="print the report as JSON")
    t.add_argument("--deep", action="store_true", help="also run the slow checks")
    t.set_defaults(handler=_cmd_trust)

    mu = sub.add_parser("mutants", help="mutate each claim's formal goal; report killed mutants")
    mu.add_argument("ids", nargs="*", help="claim ids (default: every claim with a goal)")
    mu.add_argument("--json", action="store_true", help="print the results as JSON")
    mu.add_argument("--out", default=None, metavar="PATH",
                    help="also write the JSON results to PATH (README's kill rate is read "
                         "from theorems/mutants.json)")
    mu.add_argument("--jobs", type=int, default=None, metavar="N",
                    help="worker processes (default: one per CPU; 1 runs in this process)")
    mu.set_defaults(handler=_cmd_mutants)

    p = sub.add_parser(
        "prove",
        help="prove or refute an ad-hoc relation (z3 and cvc5, or arb over a box)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=(
            "Polynomial, rational and square-root relations go to z3 and cvc5 (proved only if\n"
            "both prove it; if cvc5 cannot finish, the result says 'single solver'); relations\n"
            "with log or exp need a --box for every variable and go to the arb certifier.\n"
            "\n"
            "Convention: a statement is proved where it is defined. The domain condition of\n"
            "every term (denominator != 0, sqrt argument >= 0, log argument > 0, base of a\n"
            "non-integer power >= 0) is recorded before any simplification, so x/x == 1 is\n"
            "proved with the side condition x != 0. Conditions the hypotheses and boxes do not\n"
            "imply are printed as side conditions; a counterexample is always a point where\n"
            "every term is defined.\n"
            "\n"
            "Repeated --box ranges for one variable are intersected. Decimals are exact (0.1 is\n"
            "1/10), ^ means power; nan and oo are not real numbers and are refused.\n"
            "Limits: integers of more than 1000 digits, exponents above 1000, and running past\n"
            "--timeout give 'undecided' with the reason.\n"
            "\n"
            "Exit codes: 0 proved, 1 refuted, 3 undecided, 2 malformed input."
        ),
    )
    p.add_argument("relation", help='e.g. "x*(1-x) <= 1/4"')
    p.add_argument("--assume", action="append", default=[], metavar="RELATION",
                   help='a hypothesis, e.g. "0 < x < 1" (repeatable)')
    p.add_argument("--box", action="append", default=[], metavar="x=a..b",
                   help="a closed range for a variable (repeatable; repeats intersect)")
    p.add_argument("--timeout", type=float, default=5.0, metavar="SECONDS",
                   help="wall-clock limit for the whole decision (default 5)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=_cmd_prove)

    sim = sub.add_parser("simulate", help="run a self-training laboratory")
    sim_sub = sim.add_subparsers(dest="lab", required=True, parser_class=_Parser)
    from numerics.loops import register_all

    register_all(sim_sub)
    for lab_parser in sim_sub.choices.values():
        _add_limits(lab_parser)

    sw = sub.add_parser(
        "sweep",
        help="run the categorical laboratory over a grid of K, N and α (phase diagram)",
        description="One categorical laboratory run per grid point (every combination of the "
                    "comma-separated values), on a local process pool or a Dask cluster; one "
                    "row per point with its seed and the code version.",
    )
    sw.add_argument("--k", default="10", help="categories, comma-separated (default 10)")
    sw.add_argument("--n", default="20,50,100,200", help="draws per generation, comma-separated "
                                                           "(default 20,50,100,200)")
    sw.add_argument("--alpha", default="0;0.01;0.05;0.2",
                    help="α values or schedules in t, separated by ';' (default 0;0.01;0.05;0.2)")
    sw.add_argument("--mode", default="replace", help="replace, accumulate or both, "
                                                      "comma-separated (default replace)")
    sw.add_argument("--generations", default="200", help="generations (default 200)")
    sw.add_argument("--replicates", default="200", help="replicates per point (default 200)")
    sw.add_argument("--seed", default="0", help="base seed; point i gets its own (default 0)")
    sw.add_argument("--jobs", default=None, help="local worker processes (default 2)")
    sw.add_argument("--scheduler", default=None, metavar="ADDRESS",
                    help="run on the Dask cluster at ADDRESS (e.g. tcp://host:8786)")
    sw.add_argument("--out", default=None, help="write the table here (.csv, or .parquet "
                                                "with pyarrow)")
    sw.add_argument("--plot", default=None, help="write the phase diagram here (.png)")
    sw.add_argument("--quiet", action="store_true", help="no progress bar")
    _add_limits(sw)
    sw.set_defaults(handler=_cmd_sweep)

    rp = sub.add_parser("report", help="write a referee report from one run of the checks")
    rp.add_argument("--format", dest="fmt", choices=("md", "tex"), default="md",
                    help="Markdown or LaTeX (plain LaTeX, article class)")
    rp.add_argument("--out", default=None, metavar="FILE", help="write here instead of stdout")
    rp.add_argument("--deep", action="store_true", help="also run the slow checks")
    rp.add_argument("--from", dest="results", metavar="FILE", default=None,
                    help="write the report from a results file of `collapse-check verify "
                         "--json` instead of running the checks again")
    rp.add_argument("--quiet", action="store_true", help="no progress bar")
    rp.add_argument("--jobs", type=int, default=None, metavar="N",
                    help="worker processes (default: one per CPU)")
    rp.set_defaults(handler=_cmd_report)

    d = sub.add_parser("docs", help="build the static website of the derivations")
    d.add_argument("--out", default=None, metavar="FOLDER",
                   help="output folder, created if missing (default: docs/_build/html)")
    d.add_argument("--deep", action="store_true", help="also run the slow checks")
    d.add_argument("--from", dest="results", metavar="FILE", default=None,
                   help="build from a results file written by `collapse-check verify --json` "
                        "instead of running the checks again")
    d.set_defaults(handler=_cmd_docs)
    return parser


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("collapse-check")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown (not installed)"


def _add_limits(parser: argparse.ArgumentParser) -> None:
    """--memory-limit and --time-limit, checked against the run's estimate before it starts."""
    parser.add_argument("--memory-limit", default=None, metavar="SIZE",
                        help="refuse runs estimated to need more memory, e.g. 8GiB "
                             "(default: 80%% of the memory available)")
    parser.add_argument("--time-limit", default="3600", metavar="SECONDS",
                        help="refuse runs estimated to take longer; 'none' for no limit "
                             "(default 3600)")


def _set_limits(args: argparse.Namespace) -> None:
    from numerics import budget

    if not hasattr(args, "time_limit"):
        return
    memory = (budget.parse_bytes(args.memory_limit) if args.memory_limit is not None else None)
    seconds = budget.parse_seconds(args.time_limit)
    budget.set_limits(memory=memory, seconds=seconds, announce=not getattr(args, "quiet", False))


# --- verify ----------------------------------------------------------------------------------

def _run(
    claims: list[Claim], deep: bool, quiet: bool, console: Console, jobs: int = 1
) -> Report:
    total = count_checks(claims, deep)
    if quiet or total == 0:
        return evaluate(claims, deep=deep, jobs=jobs)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("checking", total=total)

        def tick(claim: Claim, check: Any) -> None:
            bar.update(task, description=f"{claim.id} [{check.method.value}] {check.name}")
            bar.advance(task)

        return evaluate(claims, deep=deep, on_check=tick, jobs=jobs)


def verdict_table(report: Report, ids: set[str] | None = None, width: int | None = None) -> Table:
    """The verdict table of ``report`` (rows in ``ids`` only), laid out for ``width``."""
    statuses = [st for st in report.statuses if ids is None or st.claim.id in ids]
    table, dropped = _layout(statuses, width=width)
    if dropped:
        table.caption = ("not shown at this width: " + ", ".join(c.header for c in dropped)
                         + " (widen the terminal or set COLUMNS)")
        table.caption_justify = "left"
    return table


def _cmd_verify(args: argparse.Namespace, console: Console) -> int:
    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if jobs < 1:
        raise InputError(f"--jobs must be at least 1, got {jobs}")
    if jobs > 1 and not args.ids:
        pool_context()  # starts the workers' fork server: it builds its registry while this
        # process builds its own
    claims = registry.resolve(args.ids) if args.ids else registry.all_claims()
    status = output_file(args.status, "--status", "json") if args.status else None
    import time

    start = time.perf_counter()
    report = _run(claims, args.deep, args.quiet or args.json, console, jobs)
    wall = time.perf_counter() - start
    shown = {c.id for c in claims}
    if status is not None:
        report.write_json(status)
        sys.stderr.write(f"{PROG}: status written to {status}\n")
    if args.json:
        sys.stdout.write(json.dumps(report.to_json(shown), indent=2) + "\n")
    else:
        console.print(verdict_table(report, shown))
        console.print("counts: " + counts_text(report.shown(shown)))
        console.print(f"[dim]{LEGEND}[/]")
        if not args.deep:
            console.print("[dim]tier: fast checks only; add --deep for the slow ones[/]")
    if args.profile:
        _print_profile(report, Console(stderr=True) if args.json else console, wall, jobs)
    fallbacks = report.run.get("pool_fallbacks") or []
    if fallbacks:
        sys.stderr.write(f"{PROG}: warning: {len(fallbacks)} check(s) ran in this process "
                         f"instead of the worker pool (the first: {fallbacks[0]})\n")
    problems = [(s.claim.id, p) for s in report.statuses if s.claim.id in shown
                for p in s.problems]
    for cid, problem in problems:
        sys.stderr.write(f"{PROG}: regression in {cid}: {problem}\n")
    return 1 if problems else 0


def _print_profile(report: Report, console: Console, wall: float, jobs: int) -> None:
    """The ten slowest checks, the total check time and the wall time; durations recorded."""
    from theorems.evaluate import profile, record_durations

    rows = profile(report)
    table = Table(title=f"slowest checks ({len(rows)} ran in {wall:.1f} s wall on {jobs} "
                        f"worker{'s' if jobs != 1 else ''}; {sum(r[0] for r in rows):.1f} s "
                        f"of check time, {sum(r[1] for r in rows):.1f} s of CPU)")
    for col in ("s", "cpu s", "claim", "check", "method"):
        table.add_column(col, justify="right" if col in ("s", "cpu s") else "left")
    for sec, cpu, cid, name, method in rows[:10]:
        table.add_row(f"{sec:.2f}", f"{cpu:.2f}", escape(cid), escape(name), method)
    console.print(table)
    if not report.deep:
        try:
            where = record_durations(report)
        except OSError as exc:
            sys.stderr.write(f"{PROG}: durations not recorded: {exc}\n")
        else:
            sys.stderr.write(f"{PROG}: durations recorded in {where}\n")


# --- trust and mutants ----------------------------------------------------------------------

def _cmd_trust(args: argparse.Namespace, console: Console) -> int:
    from theorems.trust import render, trust_report

    claim = registry.get(args.id)
    report = evaluate([claim], deep=args.deep, jobs=1)
    data = trust_report(report.statuses, claim.id)
    if args.json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        sys.stdout.write(render(data) + "\n")
    return 0


def _cmd_mutants(args: argparse.Namespace, console: Console) -> int:
    from theorems.mutants import render, run_mutants

    claims = registry.resolve(args.ids) if args.ids else registry.all_claims()
    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if jobs < 1:
        raise InputError(f"--jobs must be at least 1, got {jobs}")
    out = output_file(args.out, "--out", "json") if args.out is not None else None
    data = run_mutants(claims, jobs=jobs)
    if out is not None:
        out.write_text(json.dumps(data, indent=2) + "\n")
    if args.json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        sys.stdout.write(render(data) + "\n")
    return 1 if data["survived"] else 0


# --- show ------------------------------------------------------------------------------------

def _cmd_show(args: argparse.Namespace, console: Console) -> int:
    claim = registry.get(args.id)
    report = evaluate([claim], deep=args.deep)
    st = report.by_id()[claim.id]
    width = console.width
    console.rule(f"[bold]{escape(claim.id)}[/]: {escape(prose_to_unicode(claim.title))}")
    _field(console, "location", claim.location)
    _field(console, "statement", claim.statement)
    if claim.hypotheses:
        console.print("[bold]hypotheses[/]")
        for h in claim.hypotheses:
            console.print(escape(fold(prose_to_unicode(h), width, "  • ")))
    if claim.v1:
        _field(console, "v1", claim.v1)
    if claim.divergence:
        _field(console, "our reading", claim.divergence)
    if claim.uses:
        console.print("[bold]uses[/] " + ", ".join(claim.uses))
    subs = [c for c in registry.all_claims() if c.parent == claim.id]
    if subs:
        console.print("[bold]sub-claims[/] " + ", ".join(c.id for c in subs)
                      + (f" (headline: {claim.headline})" if claim.headline else ""))
    _print_checks(console, st, args.pretty)
    if not claim.checks and claim.headline:
        head = report.by_id()[claim.headline]
        console.print()
        console.rule(f"verdict taken from {escape(claim.headline)}: "
                     f"{escape(prose_to_unicode(head.claim.title))}", style="dim")
        _print_checks(console, head, args.pretty)
    style = VERDICT_STYLE[st.verdict]
    full = {True: "  (fully checked)", None: "  (fully checked: unknown)"}.get(st.fully_checked, "")
    console.print()
    console.print(f"[bold]verdict[/] [{style}]{st.verdict.value}[/]{full}")
    for label, reading in (("as written", st.as_written), ("holds", st.holds)):
        if reading is not None:
            note = f" — {reading.note}" if reading.note else ""
            console.print(f"[bold]{label}[/] {reading.verdict.value} ({escape(reading.claim)}; "
                          f"model {escape(reading.model or '-')}){escape(note)}")
    from theorems import related

    for item in related.for_claim(claim.id):
        tag = f" [{item.tag}]" if item.tag else ""
        console.print(f"[bold]related[/] {escape(item.claim)}: {escape(item.citation + tag)}; "
                      f"{escape(item.relation)}" + (f"; {escape(item.formula)}" if item.formula
                                                    else ""))
    for problem in st.problems:
        console.print(f"[red]regression: {escape(problem)}[/]")
    console.print(f"[dim]reproduce: collapse-check show {claim.id}; "
                  f"pytest -k '{claim.id}'[/]")
    return 1 if st.problems else 0


def _field(console: Console, label: str, prose: str) -> None:
    """``label`` in bold, then prose with its math in Unicode, wrapped to the width."""
    import textwrap

    text = f"{label} {prose_to_unicode(prose)}"
    lines = textwrap.wrap(text, width=max(console.width, 40), subsequent_indent="  ")
    lines[0] = f"[bold]{escape(label)}[/]" + escape(lines[0][len(label):])
    console.print("\n".join([lines[0], *(escape(x) for x in lines[1:])]), soft_wrap=True)


def _math(step_latex: str, relation: str | None, pretty: bool, width: int, indent: str) -> str:
    """A formula for the terminal: sympy's 2-D pretty form, or one folded Unicode line."""
    if pretty and relation:
        block = pretty_relation(relation, width - len(indent))
        if block is not None:
            return "\n".join(indent + line for line in block.splitlines())
    return fold(latex_to_unicode(step_latex), width, indent)


def _print_checks(console: Console, st: Any, pretty: bool = False) -> None:
    """Each check of a claim status: method, outcome, derivation steps, detail."""
    width = console.width
    for check, res in st.results:
        console.print()
        console.print(
            f"[bold]check {escape(check.name)}[/] \\[{check.method.value}, "
            f"{check.strength.value}, {check.tier.value}] → [bold]{res.outcome.value}[/] "
            f"({res.seconds:.2f} s)"
        )
        if check.description:
            desc = fold(prose_to_unicode(check.description), width, "  ")
            console.print(f"[dim]{escape(desc)}[/]")
        for d in res.data.get("derivations", []):
            console.print(f"  [bold]derivation[/] {escape(prose_to_unicode(d['name']))}")
            goal = d.get("goal_latex", "")
            if goal:
                console.print("    goal:")
                console.print(escape(_math(goal, None, False, width, "      ")))
            for step in d["steps"]:
                _print_step(console, step, "    ", pretty)
            conclusion = str(d.get("conclusion", ""))
            if goal and conclusion == f"establishes {goal}":
                conclusion = "establishes the goal"
            elif conclusion.startswith("establishes "):
                conclusion = "establishes " + latex_to_unicode(conclusion[len("establishes "):])
            mark = "✓" if d.get("ok") else "✗"
            console.print(f"    {mark} {escape(prose_to_unicode(conclusion))}")
        if not res.data.get("derivations"):
            console.print(escape(fold(prose_to_unicode(res.detail), width, "  ")))
        if res.error:
            console.print(f"  [red]error: {escape(res.error)}[/]")
    for check in st.skipped:
        console.print(f"\n[dim]check {escape(check.name)} \\[{check.method.value}] is deep-tier; "
                      "run with --deep[/]")


_TRIVIAL = r"\text{True} = \text{True}"


def _how(step: dict[str, Any]) -> str:
    """How a step was checked, without repeating a lemma's name."""
    just = str(step.get("justification", ""))
    detail = str(step.get("detail", ""))
    if just.startswith("lemma: "):
        name = just[len("lemma: "):]
        detail = detail.replace(f" ({name})", "").replace(f"({name})", "")
    text = just + (f": {detail}" if detail else "")
    return prose_to_unicode(text)


def _print_step(console: Console, step: dict[str, Any], indent: str, pretty: bool,
                condition: bool = False) -> None:
    colour = {"✓": "green", "✗": "red", "?": "yellow"}[step["mark"]]
    width = console.width
    mark = f"[{colour}]{step['mark']}[/]"
    note = prose_to_unicode(step["note"]) if step.get("note") else ""
    if step.get("latex") == _TRIVIAL:
        # sympy reduced the condition to True when it was written down: say so, and show
        # what it stands for (its note) instead of an empty identity
        what = note or "a condition that holds identically as written"
        first, *rest = fold(what, width, indent + "  ").splitlines()
        console.print(f"{indent}{mark} " + escape(first[len(indent) + 2:]))
        for line in rest:
            console.print(escape(line))
        how = "checked: an identity; sympy evaluated it to True when it was stated"
        console.print(f"[dim]{escape(fold(how, width, indent + '    '))}[/]")
        return
    label = "condition: " if condition else ""
    formula = _math(step.get("latex", ""), step.get("relation"), pretty, width, indent + "  ")
    first, *rest = formula.splitlines()
    console.print(f"{indent}{mark} {escape(label)}" + escape(first[len(indent) + 2:]))
    for line in rest:
        console.print(escape(line))
    how = ("checked by " if condition else "by ") + _how(step)
    console.print(f"[dim]{escape(fold(how, width, indent + '    '))}[/]")
    if note:
        console.print(f"[dim]{escape(fold('note: ' + note, width, indent + '    '))}[/]")
    for cond in step.get("conditions", []):
        _print_step(console, cond, indent + "    ", pretty, condition=True)


# --- prove -----------------------------------------------------------------------------------

def _cmd_prove(args: argparse.Namespace, console: Console) -> int:
    from proofs.decide import decide

    result = decide(args.relation, args.assume, args.box, timeout=args.timeout)
    if args.json:
        sys.stdout.write(json.dumps(result.to_json(), indent=2) + "\n")
    else:
        for line in result.lines():
            console.print(escape(line), highlight=False)
    return result.exit_code


# --- sweep -----------------------------------------------------------------------------------

def _cmd_sweep(args: argparse.Namespace, console: Console) -> int:
    from numerics import sweep
    from numerics.validate import as_positive_int

    out = output_file(args.out, "--out", "csv") if args.out is not None else None
    if out is not None and out.suffix.lower() not in (".csv", ".parquet"):
        raise InputError(f"--out: write .csv or .parquet, got {out.suffix!r}")
    if out is not None and out.suffix.lower() == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise InputError("--out .parquet needs pyarrow (pip install pyarrow); or give a "
                             ".csv path") from None
    plot = output_file(args.plot, "--plot", "plot") if args.plot is not None else None
    jobs = as_positive_int(args.jobs, "--jobs") if args.jobs is not None else None
    modes = ["replace", "accumulate"] if args.mode.strip() == "both" else args.mode.split(",")
    grid = sweep.make_grid(
        k=[x for x in args.k.split(",") if x.strip()],
        n=[x for x in args.n.split(",") if x.strip()],
        alpha=[x for x in args.alpha.split(";") if x.strip()],
        mode=[m.strip() for m in modes if m.strip()],
        generations=args.generations, replicates=args.replicates,
    )
    rows = sweep.run_sweep(grid, seed=as_positive_int(args.seed, "--seed", minimum=0),
                           jobs=jobs, scheduler=args.scheduler, progress=not args.quiet)
    table = Table(title=f"sweep: {len(rows)} grid points, {grid[0]['generations']} generations, "
                        f"{grid[0]['replicates']} replicates each")
    for col in ("K", "N", "α", "mode", "seed", "E[G]/G(P) simulated", "exact", "z"):
        table.add_column(col, justify="right")
    for r in rows:
        table.add_row(str(r["k"]), str(r["n"]), escape(r["alpha"]), r["mode"], str(r["seed"]),
                      f"{r['retained_mean']:.4f}", f"{r['retained_exact']:.4f}",
                      f"{r['gini_z']:+.2f}")
    console.print(table)
    if out is not None:
        console.print(f"wrote {sweep.write_table(rows, out)}", soft_wrap=True)
    if plot is not None:
        console.print(f"wrote {sweep.plot_phase(rows, plot)}", soft_wrap=True)
    return 0


# --- docs ------------------------------------------------------------------------------------

def _cmd_report(args: argparse.Namespace, console: Console) -> int:
    from theorems.report import render

    out = output_file(args.out, "--out", args.fmt) if args.out is not None else None
    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if jobs < 1:
        raise InputError(f"--jobs must be at least 1, got {jobs}")
    if args.results is not None:
        from theorems.results import load_report

        if args.deep:
            raise InputError("--deep and --from do not go together: the results file decides "
                             "the tier (write it with `collapse-check verify --deep --json`)")
        report = load_report(args.results)
    else:
        report = _run(registry.all_claims(), args.deep, args.quiet or out is None, console,
                      jobs)
    text = render(report, args.fmt)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text)
        console.print(f"report written to {out}")
    problems = [(s.claim.id, p) for s in report.statuses for p in s.problems]
    for cid, problem in problems:
        sys.stderr.write(f"{PROG}: regression in {cid}: {problem}\n")
    return 1 if problems else 0


def _cmd_docs(args: argparse.Namespace, console: Console) -> int:
    from numerics.outputs import output_folder
    from theorems.site import DEFAULT_OUT, build_site

    output_folder(args.out if args.out is not None else DEFAULT_OUT, "--out")
    report = None
    if args.results is not None:
        from theorems.results import load_report

        if args.deep:
            raise InputError("--deep and --from do not go together: the results file decides "
                             "the tier (write it with `collapse-check verify --deep --json`)")
        report = load_report(args.results)
    out = build_site(args.out, deep=args.deep, console=console, report=report)
    console.print(f"site written to {out}")
    return 0


# --- entry point -----------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    # the terminal's width, or COLUMNS (also when piped), else 100 columns
    console = Console(width=terminal_width())
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        _set_limits(args)
        return int(args.handler(args, console))
    except FormulaError as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
        return 2
    except CollapseCheckError as exc:
        sys.stderr.write(f"{PROG}: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
