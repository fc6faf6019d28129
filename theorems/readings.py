"""Two verdicts for every statement of the paper: *as written* and *what holds*.

The one rule (:func:`derive`) that turns sub-claim verdicts into the two readings of a claim.
Nothing here is chosen per claim: the claim records say only what each sub-claim *is* to
the paper's statement (its ``role``) and which model it is decided in (its ``model``); the
verdicts come from the checks.

Roles (``Claim.role``):

* ``part``: a conjunct of the paper's statement taken whole, in the paper's own model and
  hypotheses, read charitably (where the wording admits a reading that holds, that reading).
* ``repair``: a precise statement the companion establishes in place of a part that fails.
* ``extra``: a labelled reading that is not the paper's claim (an uncharitable reading, a
  strengthening, the same words in a model the paper does not use); never counted.
* ``proof``: a step the paper's proof asserts, not its statement; decided, never counted.
* empty: a supporting result (a lemma, an exact constant, a related model); never counted.

The rule, for a claim ``c``:

1. **as written.** If ``c`` has a headline and no checks (a sentence of the v1 abstract, or a
   parent that delegates to one reading), it is the *as written* reading of the headline. If
   ``c`` has ``part`` sub-claims, it is their conjunction: the verdict of the first part, in
   registry order, that decides it: a refuted part, else an undecided one, else a pending
   one; when every part is established, the weakest verdict (supported < certified <
   proved), decided by the conjunction itself (the claim ``c``) when it has several parts.
   A part without formal content (``informal``: an assumption the paper makes, such as
   the factors (16), (17)) is not counted; the reading notes that the verdict rests on
   it. A claim whose parts are all informal is informal. Otherwise (a leaf, or a parent
   without parts) it is the claim's own verdict.
2. **what holds.** If *as written* is established (proved, certified or supported), it is the
   same reading. Otherwise, for a claim with ``repair`` sub-claims, the repair with the
   strongest verdict (first in registry order on ties); for a claim with a headline, what
   holds of the headline, and if that is not established either, what holds of the
   headline's parent; else *as written* again (nothing stronger is established).
3. **proved requires a goal.** A composed claim (no checks of its own) whose *as written*
   reading would be proved or certified, but whose goal is not composed from its parts'
   goals (:func:`compose`: a part has no goal), reads as ``supported``, with the reason.

The model of a reading is the ``model`` of the claim that decides it.

**Goals by composition** (:func:`compose`). A claim whose verdict is its parts' conjunction
(or its headline's reading) gets its formal goal from them: the conjunction of its formal
parts' goals (a headline's goal for a delegating claim), each part's goal its own or, for a
part that is itself composed, its composition. The composition is a checked step:
:func:`proofs.goal.follows` from the parts' goals to the claim's goal (the claim's own goal
when it declares one, else the conjunction itself). A formal part without a goal leaves the
composition unproved (a goal is not proved by a part that has none).

>>> from theorems.model import Claim
>>> cs = [Claim("t", "T", "", ""), Claim("t/a", "A", "", "", role="part", model="idealised"),
...       Claim("t/b", "B", "", "", role="part", model="finite-sample"),
...       Claim("t/c", "C", "", "", role="repair", model="finite-sample")]
>>> v = {"t": Verdict.PENDING, "t/a": Verdict.PROVED, "t/b": Verdict.REFUTED,
...      "t/c": Verdict.PROVED}
>>> r = derive(cs, v)
>>> r["t"].as_written.verdict.value, r["t"].as_written.claim, r["t"].holds.claim
('refuted', 't/b', 't/c')
>>> v["t/b"] = Verdict.SUPPORTED
>>> r = derive(cs, v)
>>> r["t"].as_written.verdict.value, r["t"].as_written.claim, r["t"].holds.claim
('supported', 't', 't')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from proofs.goal import Goal, follows
from theorems.model import Claim, Verdict

__all__ = [
    "ESTABLISHED",
    "MODELS",
    "ROLES",
    "Composition",
    "Reading",
    "Readings",
    "compose",
    "derive",
    "inputs",
    "model_label",
]

#: The models a verdict can be decided in (``Claim.model``), with a one-line description.
MODELS: dict[str, str] = {
    "idealised": "idealised map Q_{t+1} = α_t P + (1−α_t) Q_t (no sampling noise)",
    "finite-sample": "eq. 9 with N fixed: Q_{t+1} is the empirical law of N draws from the "
    "mixture",
    "drift": "mean recursion (eq. 13), per-step noise of fixed variance (Theorem 4's hypothesis)",
    "accumulation": "all past data kept, growing pool (not eq. 9)",
    "gaussian-refit": "Gaussian refit N(μ, σ²) from N samples per generation",
    "verifier": "verifier model: fixed external verifier, training on accepted answers",
    "proxy-verifier": "verifier model: per-answer acceptance rates (a proxy reward)",
    "learned-verifier": "verifier model: verifier refit on the policy's own outputs",
    "ensemble": "eq. 9 ensemble: m models, each refit to N draws from the mixture",
    "information": "joint laws with a prior on the truth (data-processing inequality)",
    "divergences": "divergences between distributions on a finite set",
    "contraction": "a real sequence with D_{t+1} ≤ c D_t + δ",
    "turing-machines": "small Turing machines (n states, 2 symbols, blank tape)",
    "program-learner": "program learner on a finite hypothesis class, retrained on its own data",
    "coin-mdl": "coin model: MDL program learner against a frequency learner",
    "definition": "a definition or setting: nothing to decide",
}

#: The roles a sub-claim can have (see the module docstring).
ROLES: tuple[str, ...] = ("part", "repair", "extra", "proof", "")

#: Verdicts that establish a statement, weakest first.
ESTABLISHED: tuple[Verdict, ...] = (Verdict.SUPPORTED, Verdict.CERTIFIED, Verdict.PROVED)

_STRONG = (Verdict.PROVED, Verdict.CERTIFIED)

# a conjunction is decided by its worst part, in this order
_WORST_FIRST: tuple[Verdict, ...] = (
    Verdict.REFUTED,
    Verdict.UNDECIDED,
    Verdict.PENDING,
    *ESTABLISHED,
)


def model_label(model: str) -> str:
    """The short label of a model key (the key itself; ``-`` when none is recorded).

    >>> model_label("finite-sample"), model_label("")
    ('finite-sample', '-')
    """
    return model or "-"


@dataclass(frozen=True)
class Reading:
    """One verdict of a statement: the verdict, the claim that decides it, its model."""

    verdict: Verdict
    claim: str
    model: str
    note: str = ""

    @property
    def established(self) -> bool:
        return self.verdict in ESTABLISHED

    def to_json(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict.value,
            "claim": self.claim,
            "model": self.model or None,
            "note": self.note or None,
        }


@dataclass(frozen=True)
class Readings:
    """Both readings of one claim."""

    as_written: Reading
    holds: Reading


def _subs(claims: Sequence[Claim], cid: str, role: str) -> list[Claim]:
    return [c for c in claims if c.parent == cid and c.role == role]


def inputs(claim: Claim, claims: Iterable[Claim]) -> list[str]:
    """The claims whose verdicts the readings of ``claim`` depend on (for planning runs)."""
    pool = list(claims)
    out = [c.id for c in pool if c.parent == claim.id and c.role in ("part", "repair")]
    if claim.headline is not None:
        out.append(claim.headline)
    return out


def derive(claims: Sequence[Claim], verdicts: Mapping[str, Verdict]) -> dict[str, Readings]:
    """Both readings of every claim in ``verdicts`` (the rule of the module docstring).

    ``claims`` is the registry (or a test registry) in order; ``verdicts`` holds each claim's
    own verdict (from its checks; for a claim without checks, whatever was derived so far).
    A claim whose inputs are missing from ``verdicts`` reads as pending.
    """
    by_id = {c.id: c for c in claims}
    memo: dict[str, Readings] = {}
    informal = [cid for cid, v in verdicts.items() if v is Verdict.INFORMAL]

    def own(cid: str) -> Reading:
        claim = by_id.get(cid)
        verdict = verdicts.get(cid, Verdict.PENDING)
        return Reading(verdict, cid, claim.model if claim else "")

    def as_written(cid: str, trail: frozenset[str]) -> Reading:
        reading = _as_written(cid, trail)
        claim = by_id[cid]
        if reading.verdict in _STRONG and not claim.checks and claim.goal is None:
            comp = compose(claims, cid, informal)
            if comp is not None and not comp.proved:
                # proved requires a goal: a composition that does not reach one is not a proof
                return Reading(Verdict.SUPPORTED, cid, reading.model,
                               f"no formal goal: {comp.describe()}")
        return reading

    def _as_written(cid: str, trail: frozenset[str]) -> Reading:
        claim = by_id[cid]
        if cid in trail:
            raise RuntimeError(f"readings of {cid!r} depend on themselves")
        trail = trail | {cid}
        if claim.headline is not None and not claim.checks:
            return as_written(claim.headline, trail)
        parts = _subs(claims, cid, "part")
        if not parts:
            return own(cid)
        readings = [as_written(p.id, trail) for p in parts]
        formal = [r for r in readings if r.verdict is not Verdict.INFORMAL]
        assumed = [r.claim for r in readings if r.verdict is Verdict.INFORMAL]
        note = (f"rests on {', '.join(assumed)}, which the paper asserts without formal "
                "content (assumed, not derived): the verdict is conditional on it"
                if assumed else "")
        if not formal:
            return Reading(Verdict.INFORMAL, cid, claim.model, note)
        for verdict in _WORST_FIRST:
            for r in formal:
                if r.verdict is verdict:
                    if verdict in ESTABLISHED and len(formal) > 1:
                        # every part holds: the reading is the conjunction, the parent itself
                        models = sorted({f.model for f in formal if f.model})
                        model = models[0] if len(models) == 1 else " + ".join(models)
                        return Reading(verdict, cid, model or claim.model, note)
                    return Reading(r.verdict, r.claim, r.model, note or r.note)
        return Reading(Verdict.UNDECIDED, cid, claim.model, note)

    def holds(cid: str, written: Reading, trail: frozenset[str]) -> Reading:
        if written.established:
            return written
        claim = by_id[cid]
        repairs = _subs(claims, cid, "repair")
        if repairs:
            best = [as_written(r.id, trail) for r in repairs]
            rank = {v: i for i, v in enumerate((*reversed(ESTABLISHED), Verdict.INFORMAL,
                                                Verdict.UNDECIDED, Verdict.PENDING,
                                                Verdict.REFUTED))}
            return min(best, key=lambda r: rank[r.verdict])
        if claim.headline is not None and not claim.checks:
            head = readings_of(claim.headline, trail)
            parent = by_id[claim.headline].parent
            if head.holds.established or parent is None or parent == cid:
                return head.holds
            return readings_of(parent, trail).holds
        return written

    def readings_of(cid: str, trail: frozenset[str] = frozenset()) -> Readings:
        if cid not in memo:
            written = as_written(cid, trail)
            memo[cid] = Readings(written, holds(cid, written, trail | {cid}))
        return memo[cid]

    return {cid: readings_of(cid) for cid in verdicts if cid in by_id}


# --- goals by composition ---------------------------------------------------------------

@dataclass(frozen=True)
class Composition:
    """How a claim's goal is composed from its parts' goals (or its headline's).

    ``kind`` is ``conjunction`` (of the ``parts``) or ``headline``; ``goal`` is the composed
    goal (None when a part has none: ``missing`` names those parts); ``link`` is how the
    parts' goals reach ``goal`` (a :class:`proofs.goal.Link` kind, or ``none``).
    """

    claim: str
    kind: str
    parts: tuple[str, ...]
    goal: Goal | None
    link: str
    missing: tuple[str, ...] = ()

    @property
    def proved(self) -> bool:
        """The parts' goals are shown to give the claim's goal."""
        return self.goal is not None and not self.missing and self.link != "none"

    def describe(self) -> str:
        if self.missing:
            return (f"composition unproved: {', '.join(self.missing)} "
                    f"{'has' if len(self.missing) == 1 else 'have'} no formal goal")
        what = ("conjunction of " + ", ".join(self.parts) if self.kind == "conjunction"
                else f"the goal of its headline {self.parts[0]}")
        if self.link == "none":
            return f"composition unproved: the {what} does not give the claim's goal"
        return f"goal composed as the {what} (checked: {self.link})"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "parts": list(self.parts), "link": self.link,
                "missing": list(self.missing), "proved": self.proved,
                "goal": self.goal.text if self.goal is not None else None,
                "note": self.describe()}


def _conjoin(goals: Sequence[Goal], name: str) -> Goal:
    """The conjunction of goals: relations joined, variables and hypotheses merged."""
    if len(goals) == 1:
        return goals[0]
    import sympy as sp

    rels, hyps, variables = [], [], []
    for g in goals:
        rels.append(g.relation)
        hyps += [h for h in g.hypotheses if h not in hyps]
        variables += [v for v in g.variables if v not in variables]
    return Goal(sp.And(*rels, evaluate=False), tuple(variables), tuple(hyps), name=name)


def compose(claims: Sequence[Claim], cid: str,
            informal: Iterable[str] = ()) -> Composition | None:
    """The composition of ``cid``'s goal from its parts (None: not a composed claim).

    A composed claim has no checks of its own and either a headline or ``part`` sub-claims
    with formal content (informal parts are assumptions: they carry no goal and are left
    out, as in the verdict rule). The conjunction of informal and formal parts is conditional
    on the informal ones; the reading's note says so. ``informal`` names further claims
    whose verdict is informal (as the verdict rule sees them).

    >>> import sympy as sp
    >>> x = sp.Symbol("x", positive=True)
    >>> a, b = Goal(sp.Ge(x, 0), (x,)), Goal(sp.Le(-x, 0), (x,))
    >>> cs = [Claim("t", "T", "", ""), Claim("t/a", "A", "", "", role="part", goal=a),
    ...       Claim("t/b", "B", "", "", role="part", goal=b)]
    >>> c = compose(cs, "t")
    >>> c.proved, c.link, c.describe()
    (True, 'identical', 'goal composed as the conjunction of t/a, t/b (checked: identical)')
    >>> cs[2] = Claim("t/b", "B", "", "", role="part")
    >>> compose(cs, "t").describe()
    'composition unproved: t/b has no formal goal'
    """
    by_id = {c.id: c for c in claims}
    assumed = set(informal)

    def goal_of(pid: str, trail: frozenset[str]) -> Goal | None:
        claim = by_id.get(pid)
        if claim is None:
            return None
        if claim.goal is not None:
            return claim.goal
        if pid in trail:
            return None
        comp = build(pid, trail | {pid})
        return comp.goal if comp is not None and comp.proved else None

    def build(pid: str, trail: frozenset[str]) -> Composition | None:
        claim = by_id[pid]
        if claim.checks:
            return None
        if claim.headline is not None:
            kind, parts = "headline", [claim.headline]
        else:
            kind = "conjunction"
            parts = [p.id for p in _subs(claims, pid, "part")
                     if not p.informal and p.id not in assumed]
            if not parts:
                return None
        goals = {p: goal_of(p, trail) for p in parts}
        missing = tuple(p for p, g in goals.items() if g is None)
        if missing:
            return Composition(pid, kind, tuple(parts), None, "none", missing)
        made = _conjoin([goals[p] for p in parts], name=f"{pid} (composed)")
        target = claim.goal or made
        try:
            link = follows(made, target)
        except Exception:  # comparing failed: the composition is not shown
            link = None
        return Composition(pid, kind, tuple(parts), target,
                           link.kind if link is not None else "none")

    if cid not in by_id:
        return None
    return build(cid, frozenset({cid}))
