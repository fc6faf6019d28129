"""``collapse-check prove`` and the solver layer must never prove a false statement.

The corpora are statements a reviewer might type: boundary strictness, endpoints, irrational
points, tiny sub-intervals, undefined points, huge numbers, nested functions. Every false one
must not come back proved; every true one must not come back refuted. Each example of the
bug report that led to the domain convention is a regression test of its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from numerics.errors import FormulaError, InputError
from proofs import decide as decide_module
from proofs import smt
from proofs.backend import SolverAnswer
from proofs.decide import decide
from theorems import cli
from theorems import evidence as ev
from theorems.model import Outcome

ROOT = Path(__file__).resolve().parent.parent


def _decide(statement: str, hyps=(), boxes=(), timeout: float = 10.0):
    return decide(statement, list(hyps), list(boxes), timeout=timeout, isolate=False)


# --- the bug report, example by example -------------------------------------------------------

@pytest.mark.parametrize(
    ("statement", "hyps", "boxes", "status", "side"),
    [
        # removable singularities keep their condition
        ("x/x == 1", [], [], "proved", ["x != 0"]),
        ("0/x == 0", [], [], "proved", ["x != 0"]),
        ("1/(1/x) == x", [], [], "proved", ["x != 0"]),
        ("(x-1)/(x-1) == 1", [], [], "proved", ["x - 1 != 0"]),
        ("exp(log(x)) == x", [], [], "proved", ["x > 0"]),
        ("(x**2-1)/(x-1) == x+1", [], [], "proved", ["x - 1 != 0"]),
        # domains are not restricted silently
        ("x == 0 and sqrt(x) + sqrt(-x) >= 0", [], [], "proved", ["-x >= 0", "x >= 0"]),
        ("sqrt(x) >= 0", [], [], "proved", ["x >= 0"]),
        ("sqrt(x) >= 0", ["x >= 1"], [], "proved", []),
        # true statements are not refuted where they are undefined
        ("sqrt(x)**2 >= 0", [], [], "proved", ["x >= 0"]),
        ("exp(log(x)) > 0", [], [], "proved", ["x > 0"]),
        # AM-GM without hypotheses is false where it is defined (a = 0, b = -1)
        ("(a+b)/2 >= sqrt(a*b)", [], [], "refuted", ["a*b >= 0"]),
        ("(a+b)/2 >= sqrt(a*b)", ["a >= 0", "b >= 0"], [], "proved", []),
    ],
)
def test_bug_report_examples(statement, hyps, boxes, status, side) -> None:
    d = _decide(statement, hyps, boxes)
    assert (d.status, d.side_conditions) == (status, side), d.lines()


def test_repeated_boxes_are_intersected() -> None:
    with pytest.raises(FormulaError, match="do not intersect"):
        _decide("log(x) > 0", boxes=["x=1/2..1", "x=2..3"])
    d = _decide("log(x) > 0", boxes=["x=1/2..3", "x=2..4"])
    assert d.status == "proved" and d.boxes == {"x": ("2", "3")}
    assert _decide("log(x) > 0", boxes=["x=1/2..3", "x=1/2..1"]).status == "refuted"
    # the mirror case: a true statement is not refuted on the intersection
    assert _decide("log(x) < 0", boxes=["x=1/4..3", "x=1/3..9/10"]).status == "proved"


def test_box_for_an_absent_variable_is_an_error() -> None:
    with pytest.raises(FormulaError, match="not a variable"):
        _decide("x < 1", boxes=["y=0..1"])
    # a variable that sympy simplified away is still a variable of the statement
    assert _decide("exp(x)*exp(-x) > 1", boxes=["x=0..1"]).status == "refuted"


@pytest.mark.parametrize("text", ["nan < x", "x < oo", "x < inf", "zoo > 0", "NaN == NaN"])
def test_nan_and_infinity_are_refused(text: str) -> None:
    with pytest.raises(FormulaError, match="not a"):
        _decide(text)


@pytest.mark.parametrize(
    ("statement", "boxes"),
    [("x < 10**5000", []), ("1/10**5000 > 0", []), ("x < 1", ["x=0..10**5000"]),
     ("x < 1" + "0" * 5000, []), ("x**(10**5) >= 0", []), ("9**9**9 > 0", []),
     ("x^(10^10) >= 0", [])],
)
def test_huge_numbers_and_exponents_are_undecided_fast(statement, boxes) -> None:
    start = time.monotonic()
    d = decide(statement, [], boxes, timeout=2)
    assert d.status == "undecided" and "limit" in d.reason
    assert time.monotonic() - start < 4


def test_timeout_is_a_hard_limit(monkeypatch) -> None:
    def hang(*args):
        time.sleep(60)

    monkeypatch.setattr(decide_module, "_decide", hang)
    start = time.monotonic()
    d = decide("x > 0", timeout=0.5)
    assert d.status == "undecided" and "ran out of time" in d.reason
    assert time.monotonic() - start < 2.5


def test_slow_arb_search_stops_at_the_timeout() -> None:
    start = time.monotonic()
    d = decide("log(x) < x", boxes=["x=-1..2"], timeout=1)  # log is unbounded at 0
    assert d.status == "undecided"
    assert time.monotonic() - start < 3


# --- corpora ------------------------------------------------------------------------------

FALSE = [
    # boundary strictness
    ("x > 0", ["x >= 0"], []),
    ("x < 1", ["0 <= x <= 1"], []),
    ("x**2 > 0", [], []),
    ("x*(1-x) < 1/4", [], []),
    ("x**2 + y**2 > 2*x*y", [], []),
    ("x + 1/x > 2", ["x > 0"], []),
    ("(a+b)/2 > sqrt(a*b)", ["a >= 0", "b >= 0"], []),
    ("x**3 > x", ["x >= 1"], []),
    ("abs(x) > 0", [], []),
    ("x**2 - 2*x + 1 > 0", [], []),
    ("log(1+x) < x", [], ["x=0..1"]),
    ("exp(x) > 1 + x", [], ["x=-1..1"]),
    ("x/(x**2+1) < 1/2", [], []),
    ("(x + y + z)**2 > 3*(x*y + y*z + z*x)", [], []),
    ("abs(x + y) < abs(x) + abs(y)", [], []),
    # endpoints
    ("x < 1", [], ["x=0..1"]),
    ("x > 0", [], ["x=0..1"]),
    ("1/x < 10", [], ["x=1/20..1"]),
    ("sqrt(x) < 1", ["0 <= x <= 1"], []),
    ("x**2 < 4", ["-2 <= x <= 2"], []),
    ("log(x) < 1", [], ["x=1..3"]),
    ("exp(x) < 3", [], ["x=0..11/10"]),
    ("x**2 <= x", ["0 <= x <= 2"], []),
    ("exp(x) <= 1 + 2*x", [], ["x=0..2"]),
    ("x < 2", [], ["x=0..2", "x=1..3"]),
    # irrational points
    ("x**2 != 2", [], []),
    ("x**3 != 2", [], []),
    ("x**2 + x - 1 != 0", [], []),
    ("(x**2 - 2)**2 > 0", [], []),
    ("x**4 - x**2 + 1/4 > 0", [], []),
    ("x**2 > 2", ["x >= 1"], []),
    ("log(x) <= x/3", [], ["x=1..10"]),
    ("sqrt(x) >= log(x) + 1", [], ["x=1..5"]),
    ("x**2 - 3 != 0", ["x > 0"], []),
    ("sqrt(2)*x != 1", [], []),
    # tiny sub-intervals
    ("x*(1-x) <= 1/4 - 1/10**6", [], []),
    ("(x - 1/3)**2 > 1/10**12", [], []),
    ("abs(x**2 - 2) > 1/10**9", [], []),
    ("log(x) > 1/10**6", [], ["x=1..2"]),
    ("exp(x) - 1 - x > 1/10**9", [], ["x=-1..1"]),
    ("x**2 >= 1/10**20", [], []),
    ("x**2 + 1 >= 2*x + 1/10**9", [], []),
    ("x < 1/10**30", [], ["x=0..1/10**29"]),
    ("log(x) >= (x-1)/x + 1/1000", [], ["x=1..2"]),
    ("x*y <= ((x+y)/2)**2 - 1/100", [], []),
    ("(x+y)**2 <= 2*x**2 + 2*y**2 - 1/10**6", [], []),
    ("x**4 + y**4 >= 2*x**2*y**2 + 1/10**9", [], []),
    ("x + y >= 2*sqrt(x*y) + 1/10**9", ["x >= 0", "y >= 0"], []),
    ("1/x + 1/y >= 4/(x+y) + 1/10**6", ["x > 0", "y > 0"], []),
    ("x**2 + y**2 + z**2 >= x*y + y*z + z*x + 1/10**6", [], []),
    ("exp(x) > 1 + 1/10**8", [], ["x=0..1"]),
    # undefined points: false where defined
    ("1/x > 0", [], []),
    ("x/x == 2", [], []),
    ("sqrt(x) > 0", [], []),
    ("log(x) > 0", [], ["x=1/2..2"]),
    ("1/(x-1) > 0", ["x < 2"], []),
    ("sqrt(x - 1) >= 1", [], []),
    ("sqrt(x)**2 > x", [], []),
    ("exp(log(x)) > x", [], []),
    ("1/(1/x) != x", [], []),
    ("(x**2-1)/(x-1) != x + 1", [], []),
    ("sqrt(x**2) == x", [], []),
    ("x**(1/3) < 0", [], ["x=-1..1"]),
    ("1/log(x) > 0", [], ["x=1/2..2"]),
    ("log(x)/(x-1) < 1", [], ["x=1/2..2"]),
    ("x/x == 1 and x > 0", [], []),
    ("sqrt(x) + sqrt(-x) > 0", [], []),
    ("sqrt(x*y) > 0", [], []),
    ("1/(x**2 - 1) > 0", [], []),
    ("sqrt(1 - x**2) < 1", [], []),
    # huge numbers
    ("x < 10**900", [], []),
    ("1/10**900 > 1/10**899", [], []),
    ("10**999 + 1 < 10**999", [], []),
    ("2**3000 < 2**2999", [], []),
    ("x**2 < 10**500", [], []),
    ("x*10**800 < 1", ["x > 0"], []),
    ("x**100 >= 1", [], []),
    ("9**9**9 < 0", [], []),
    ("x**(10**5) < 0", [], []),
    ("x > -10**900", [], []),
    ("x < 1", [], ["x=0..10**900"]),
    # nested functions
    ("exp(exp(x)) > 3", [], ["x=0..1"]),
    ("log(log(x)) > 0", [], ["x=2..3"]),
    ("sqrt(sqrt(x)) < x", [], ["x=0..2"]),
    ("log(exp(x)) > x", [], ["x=-1..1"]),
    ("abs(abs(x) - 1) > 0", [], []),
    ("sqrt(1 - sqrt(x)) > 0", ["0 <= x <= 1"], []),
    ("log(1 + exp(x)) > x + 1", [], ["x=0..1"]),
    ("exp(-x**2) < 1", [], ["x=-1..1"]),
    ("sqrt(log(x)) < 1", [], ["x=1..4"]),
    ("exp(sqrt(x)) < 1 + x", [], ["x=0..1"]),
    ("log(sqrt(x)) > log(x)/2", [], ["x=1/2..2"]),
    ("sqrt(sqrt(x) + 1) > sqrt(x)", [], []),
    # flipped or perturbed classics
    ("x**2 + y**2 >= 3*x*y", [], []),
    ("x**3 + y**3 >= x**2*y + x*y**2", [], []),
    ("abs(x - y) >= abs(x) - abs(y) + 1/1000", [], []),
    ("x/(1+x) > x", ["x > 0"], []),
    ("(1+x)**3 >= 1 + 3*x", ["x >= -4"], []),
    ("(1+x)**2 >= 1 + 3*x", ["x >= 0"], []),
    ("x**2 >= x**3", ["x >= 0"], []),
    ("x**5 >= x**4", [], []),
    ("x/(x**2+1) <= 1/3", [], []),
    ("(x-1)*(x-2) > 0", [], []),
    ("(x-1)*(x-2)*(x-3) >= 0", ["x >= 0"], []),
    ("x**2 - 3*x + 2 >= 0", ["1 < x", "x < 2"], []),
    ("x*y >= 0", ["x + y >= 0"], []),
    ("x**2*y**2 >= x*y + 1/10**6", [], []),
    ("x*(1-x) >= 1/4", ["0 < x < 1"], []),
    ("exp(x) >= 1 + x + x**2", [], ["x=0..1"]),
    ("log(1+x) > x - x**2/2", [], ["x=0..1"]),
    ("x**(1/3) > x", [], ["x=0..8"]),
    ("x**2 == x", [], []),
    ("x == 0", ["x**2 < 1"], []),
]


def test_false_corpus_is_large() -> None:
    assert len(FALSE) >= 100


@pytest.mark.parametrize(("statement", "hyps", "boxes"), FALSE)
def test_false_statement_is_never_proved(statement, hyps, boxes) -> None:
    d = _decide(statement, hyps, boxes, timeout=3)
    assert d.status != "proved", d.lines()


TRUE = [
    ("x*(1-x) <= 1/4", ["0 < x < 1"], []),
    ("x**2 + y**2 >= 2*x*y", [], []),
    ("(x**2 - 1)/(x - 1) == x + 1", ["x > 1"], []),
    ("1/x > 0", ["x > 0"], []),
    ("sqrt(x) <= (1 + x)/2", ["x >= 0"], []),
    ("abs(x + y) <= abs(x) + abs(y)", [], []),
    ("(1+x)**3 >= 1 + 3*x", ["x >= -3"], []),
    ("(a+b)/2 >= sqrt(a*b)", ["a >= 0", "b >= 0"], []),
    ("x**4 + 1 >= 2*x**2", [], []),
    ("x/(x**2+1) <= 1/2", [], []),
    ("x**2/(x**2+1) < 1", [], []),
    ("abs(x) >= x", [], []),
    ("x/x == 1", [], []),
    ("exp(log(x)) == x", [], []),
    ("sqrt(x)**2 >= 0", [], []),
    ("exp(log(x)) > 0", [], []),
    ("log(1+x) < x", [], ["x=1/10..2"]),
    ("exp(x) >= 1 + x", [], ["x=-2..2"]),
    ("log(x) <= x - 1", [], ["x=1/2..3"]),
    ("log(x) > 0", [], ["x=2..3"]),
    ("exp(x) > 0", [], ["x=-5..5"]),
    ("exp(-x**2) <= 1", [], ["x=-1..1"]),
    ("sqrt(x) >= 0", [], ["x=-1..1"]),
    ("log(x) < x", [], ["x=1/100..100"]),
    ("x < 10**900", ["x < 1"], []),
    ("x**3 >= x**2", ["x >= 1"], []),
    ("x*y <= (x**2 + y**2)/2", [], []),
    ("sqrt(x) + sqrt(y) >= sqrt(x + y)", ["x >= 0", "y >= 0"], []),
    ("x < y", ["x < z", "z < y"], []),
]


#: equality at a point of the box: interval arithmetic cannot separate, so undecided is right
TOUCHING = {"exp(x) >= 1 + x", "log(x) <= x - 1", "exp(-x**2) <= 1"}


@pytest.mark.parametrize(("statement", "hyps", "boxes"), TRUE)
def test_true_statement_is_never_refuted(statement, hyps, boxes) -> None:
    touching = statement in TOUCHING
    d = _decide(statement, hyps, boxes, timeout=1 if touching else 3)
    assert d.status != "refuted", d.lines()
    assert touching or d.status == "proved", d.lines()


# --- property tests ---------------------------------------------------------------------------

_coef = st.integers(min_value=-5, max_value=5)
_linear = st.tuples(_coef, _coef, _coef)  # a*x + b*y + c
_const = st.fractions(min_value=0, max_value=10, max_denominator=50).filter(lambda c: c > 0)


def _sos(squares) -> str:
    return " + ".join(f"({a}*x + {b}*y + {c})**2" for a, b, c in squares) or "0"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_linear, min_size=1, max_size=3), _const)
def test_sums_of_squares_plus_a_constant(squares, c) -> None:
    """SOS + c > 0 is true, SOS + c <= 0 false: prove never contradicts either."""
    p = f"{_sos(squares)} + {c.numerator}/{c.denominator}"
    assert _decide(f"{p} > 0", timeout=3).status != "refuted"
    assert _decide(f"{p} <= 0", timeout=3).status != "proved"
    assert _decide(f"-({p}) >= 0", timeout=3).status != "proved"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_linear, min_size=1, max_size=2), _const)
def test_sums_of_squares_over_a_box(squares, c) -> None:
    """The same statements with a box on every variable, and their strict/negated forms."""
    p = f"{_sos(squares)} + {c.numerator}/{c.denominator}"
    boxes = ["x=-2..2", "y=-1..3"]
    assert _decide(f"{p} >= {c.numerator}/{c.denominator}", [], boxes, timeout=3).status \
        != "refuted"
    assert _decide(f"{p} < {c.numerator}/{c.denominator}", [], boxes, timeout=3).status \
        != "proved"


# --- the two solvers ------------------------------------------------------------------------

def _fake_cvc5(answer: str, **kw):
    def solve(query, **_):
        return SolverAnswer("cvc5", answer, kw.get("reason", ""), model=kw.get("model", {}),
                            values=kw.get("values", {}), seconds=0.0)
    return solve


def test_both_solvers_answer_and_are_shown() -> None:
    r = smt.prove("x**2 + 1 > 0")
    assert r.status == "proved" and not r.single_solver
    assert {k: v["answer"] for k, v in r.solvers.items()} == {"z3": "unsat", "cvc5": "unsat"}
    assert all("seconds" in v for v in r.solvers.values())


def test_solver_disagreement_is_undecided(monkeypatch) -> None:
    monkeypatch.setattr(smt.cvc5_backend, "solve",
                        _fake_cvc5("sat", model={"x": "0"}, values={"x": sp.Integer(0)}))
    r = smt.prove("x**2 + 1 > 0")
    assert r.status == "undecided" and "solver disagreement" in r.reason
    assert r.solvers["z3"]["answer"] == "unsat" and r.solvers["cvc5"]["answer"] == "sat"
    assert ev.from_smt(r).outcome is Outcome.UNDECIDED


def test_cvc5_unable_gives_a_single_solver_proof(monkeypatch) -> None:
    monkeypatch.setattr(smt.cvc5_backend, "solve", _fake_cvc5("unknown", reason="timeout"))
    r = smt.prove("x**2 + 1 > 0")
    assert r.status == "proved" and r.single_solver and "single solver" in r.reason
    data = ev.from_smt(r).data["z3"][0]
    assert data["single_solver"] and data["solvers"]["cvc5"]["answer"] == "unknown"


def test_an_unconfirmed_model_is_not_a_refutation(monkeypatch) -> None:
    # cvc5 claims x = 2 refutes x**2 >= 0 (it does not): never accepted
    monkeypatch.setattr(smt.cvc5_backend, "solve",
                        _fake_cvc5("sat", model={"x": "2"}, values={"x": sp.Integer(2)}))
    monkeypatch.setattr(smt.z3_backend, "solve", _z3_unknown(smt.z3_backend.solve))
    r = smt.prove("x**2 >= 0")
    assert r.status == "undecided" and "could not be confirmed" in r.reason


def _z3_unknown(real):
    def solve(query, **kw):
        if query.goal is None or not query.goal:
            return real(query, **kw)
        a = real(query, **kw)
        return SolverAnswer("z3", "unknown", "canceled", seconds=a.seconds) \
            if query.goal[0].has(sp.Symbol("x", real=True) ** 2) else a
    return solve


def test_cvc5_refutes_on_its_own_with_a_checked_model() -> None:
    from proofs import cvc5_backend
    from proofs.backend import Query
    from proofs.formula import parse_relations

    a = cvc5_backend.solve(Query(parse_relations("x > 0"), parse_relations("x**2 >= x")))
    assert a.answer == "sat" and smt._confirm(parse_relations("x**2 >= x"),
                                              parse_relations("x > 0"), a.values)


# --- the command line ---------------------------------------------------------------------

@pytest.mark.parametrize(
    "args",
    [
        ["x <<< 1"],
        ["__import__('os').system('echo hi') > 0"],
        ["log(x) < x"],
        ["x < 1", "--box", "x=2..1"],
        ["nan < x"],
        ["x < oo"],
        ["x < 1", "--box", "y=0..1"],
        ["log(x) > 0", "--box", "x=1/2..1", "--box", "x=2..3"],
        ["x < 1", "--timeout", "-1"],
        ["x < 1", "--timeout", "abc"],
        ["f(x) > 0"],
        [""],
        ["sqrt(-1) > 0"],
        ["1/0 > 1"],
        ["x ** "],
        ["x < 1", "--box", "x=0..a"],
        ["x < 1", "--assume", "y >"],
        ["x > 0 or x < 0"],
    ],
)
def test_cli_malformed_input_is_one_line_exit_2(args, capsys) -> None:
    with pytest.raises(SystemExit) if "--timeout" in args and args[-1] == "abc" else _nothing():
        code = cli.main(["prove", *args])
        assert code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_cli_prints_side_conditions_and_json(capsys) -> None:
    assert cli.main(["prove", "x/x == 1"]) == 0
    out = capsys.readouterr().out
    assert "proved where defined" in out and "x != 0" in out and "cvc5" in out
    assert cli.main(["prove", "x/x == 1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["side_conditions"] == ["x != 0"] and data["exit_code"] == 0
    assert set(data["solvers"]) == {"z3", "cvc5"} and data["single_solver"] is False
    assert cli.main(["prove", "x**(10**5) >= 0", "--timeout", "1"]) == 3
    assert "limit" in capsys.readouterr().out


def test_cli_process_hang_inputs_respect_the_timeout() -> None:
    start = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "theorems.cli", "prove", "9**9**9 > 0",
                        "--timeout", "1"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 3 and "Traceback" not in r.stderr
    # start-up (imports) is not part of the decision's budget; the decision itself is quick
    assert time.monotonic() - start < 60


def test_decide_rejects_bad_timeouts() -> None:
    with pytest.raises(InputError):
        decide("x > 0", timeout=0)


# --- the arb route ------------------------------------------------------------------------

def test_arb_reports_side_conditions_and_uses_hypotheses() -> None:
    d = _decide("sqrt(x) + exp(x) > 1/2", boxes=["x=-1..1"])
    assert d.method == "arb" and d.status == "proved" and d.side_conditions == ["x >= 0"]
    assert "where defined" in d.lines()[0]
    d = _decide("log(x) > 0", ["x >= 2"], ["x=0..3"])
    assert (d.status, d.side_conditions) == ("proved", [])
    assert _decide("log(x) > 1", ["x >= 2"], ["x=0..3"]).status == "refuted"


def test_arb_counterexample_is_where_every_term_is_defined() -> None:
    d = _decide("sqrt(1 - x**2) > 2*x", boxes=["x=-2..2"])
    assert d.status == "refuted" and d.side_conditions == ["1 - x**2 >= 0"]
    assert -1 <= sp.Rational(d.counterexample["x"]) <= 1
    # true where defined, undefined on most of the box: never refuted
    assert _decide("sqrt(1 - x**2) >= 0", boxes=["x=-2..2"], timeout=2).status != "refuted"


def test_arb_vacuous_box_is_undecided() -> None:
    d = _decide("log(x) > 5", ["x > 10"], ["x=0..3"])
    assert d.status == "undecided" and "vacuous" in d.reason


def test_registry_smt_evidence_shows_both_solvers(thm5_report) -> None:
    rows = [row for st_ in thm5_report.statuses for _, res in st_.results
            for row in res.data.get("z3", [])]
    assert rows and all(set(r["solvers"]) == {"z3", "cvc5"} for r in rows)
    assert all(r["status"] != "proved" or r["solvers"]["z3"]["answer"] == "unsat" for r in rows)
