"""The registry: every claim of the paper, in paper order, from one place.

Each family module (``theorems.contraction``, ``theorems.entropy``, ...) exposes ``CLAIMS``,
a list of :class:`theorems.model.Claim`. The registry orders the top-level ids as the paper
does (v2), puts each claim's sub-claims right after it, and resolves ids given by users.

>>> [c.id for c in resolve(["prop-1"])][:1]
['prop-1']
>>> resolve(["thm-9"])  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
numerics.errors.UnknownClaimError: unknown claim id 'thm-9' (closest: thm-...)
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Iterable
from functools import cache

from numerics.errors import UnknownClaimError
from theorems.model import Claim

__all__ = ["FAMILIES", "TOP_LEVEL_IDS", "all_claims", "get", "resolve"]

#: Top-level claim ids in the order the paper (v2) presents them.
TOP_LEVEL_IDS: tuple[str, ...] = (
    "abstract-v1",
    "eq-4-5",
    "sec-2-1",
    "def-1",
    "def-2",
    "prop-1",
    "thm-2",
    "cor-3",
    "thm-4",
    "thm-5",
    "rem-6",
    "lem-7",
    "def-3",
    "thm-8",
    "sec-5-1",
    "eq-16-20",
    "prop-9",
    "prop-10",
    "sec-5-5",
)

#: The family modules that declare claims.
FAMILIES: tuple[str, ...] = (
    "theorems.overview",
    "theorems.contraction",
    "theorems.entropy",
    "theorems.variance",
    "theorems.verifiers",
    "theorems.ensembles",
    "theorems.information",
    "theorems.algorithmic",
)


@cache
def _index() -> dict[str, Claim]:
    declared: list[Claim] = []
    for name in FAMILIES:
        declared.extend(importlib.import_module(name).CLAIMS)
    by_id: dict[str, Claim] = {}
    for claim in declared:
        if claim.id in by_id:
            raise RuntimeError(f"claim id {claim.id!r} is declared twice")
        by_id[claim.id] = claim
    missing = [i for i in TOP_LEVEL_IDS if i not in by_id]
    if missing:
        raise RuntimeError(f"top-level claims not declared: {', '.join(missing)}")
    for claim in declared:
        top = claim.parent or claim.id
        if top not in TOP_LEVEL_IDS:
            raise RuntimeError(f"claim {claim.id!r} does not belong to a known top-level id")
        for used in claim.uses:
            if used not in by_id:
                raise RuntimeError(f"claim {claim.id!r} uses unknown claim {used!r}")
        if claim.headline is not None and claim.headline not in by_id:
            raise RuntimeError(f"claim {claim.id!r} has unknown headline {claim.headline!r}")
    ordered: dict[str, Claim] = {}
    for top in TOP_LEVEL_IDS:
        ordered[top] = by_id[top]
        for claim in declared:
            if claim.parent == top:
                ordered[claim.id] = claim
    return ordered


def all_claims() -> list[Claim]:
    """Every claim and sub-claim, top-level ids in paper order, sub-claims after their parent."""
    return list(_index().values())


def get(claim_id: str) -> Claim:
    """The claim with this id; :class:`UnknownClaimError` names the closest ids otherwise."""
    index = _index()
    if claim_id not in index:
        close = difflib.get_close_matches(claim_id, list(index), n=3, cutoff=0.5)
        hint = f" (closest: {', '.join(close)})" if close else ""
        raise UnknownClaimError(f"unknown claim id {claim_id!r}{hint}")
    return index[claim_id]


def resolve(ids: Iterable[str]) -> list[Claim]:
    """The named claims and all their sub-claims, in registry order, without repeats."""
    wanted: set[str] = set()
    for claim_id in ids:
        get(claim_id)
        wanted.add(claim_id)
        wanted.update(c.id for c in all_claims() if c.parent == claim_id)
    return [c for c in all_claims() if c.id in wanted]

