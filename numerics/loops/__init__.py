"""Self-training laboratories: vectorised, seeded simulators of the paper's loops.

Each module in this package is one laboratory (``categorical``, ``gaussian``, ``verifier``,
``ensemble``, ``programs``) and exposes

* ``run(...)``: the simulation itself, vectorised over replicates with numpy, seeded through
  ``numpy.random.default_rng(seed)`` and reproducible bit for bit; it returns a result object
  holding one :class:`numerics.bands.Band` per reported quantity and the exact theory curves
  where they exist;
* ``register(subparsers)``: adds ``collapse-check simulate <name>`` to the CLI, with
  ``set_defaults(handler=...)``; the handler takes ``(args, console)`` and returns an exit code.
  Bad flags raise :class:`numerics.errors.InputError`, which the CLI prints as one line.
"""

from __future__ import annotations

import argparse
import importlib

SIMULATORS = ("categorical", "gaussian", "verifier", "ensemble", "programs")


def register_all(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add every laboratory's ``simulate`` sub-command."""
    for name in SIMULATORS:
        importlib.import_module(f"numerics.loops.{name}").register(subparsers)
