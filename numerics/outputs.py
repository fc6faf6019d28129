"""Output paths checked before any work: one rule for every file or folder a command writes.

:func:`output_file` takes the path given to an option (``--plot``, ``--out``, ``--status``,
...) and returns the path that will be written, or raises :class:`InputError` with a one-line
reason. The rule, the same for every option:

* the folder must exist, be a folder, and accept a new file (tried by creating and removing
  an empty probe file, so read-only and virtual file systems such as ``/proc`` are caught);
* the path must not be an existing folder;
* a name without an extension gets the default one of its kind (``.png`` for plots, ``.csv``,
  ``.json``), and the command prints the path it actually wrote;
* a plot's extension must be a format matplotlib can write (``.png``, ``.pdf``, ``.svg``, ...).

:func:`output_folder` does the same for a folder a command creates (``docs --out``).

>>> output_file("results", "--out", "csv").name
'results.csv'
>>> output_file("plot.txt", "--plot", "plot")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
numerics.errors.InputError: --plot: matplotlib cannot write '.txt' files; use one of ...
"""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path

from numerics.errors import InputError

__all__ = ["DEFAULT_SUFFIX", "output_file", "output_folder", "plot_formats"]

#: The extension a name without one gets, by kind of output.
DEFAULT_SUFFIX = {"plot": ".png", "csv": ".csv", "json": ".json", "md": ".md", "tex": ".tex"}


@functools.cache
def plot_formats() -> tuple[str, ...]:
    """The file extensions matplotlib can write with the Agg canvas, sorted (no dot)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    return tuple(sorted(FigureCanvasAgg.get_supported_filetypes()))


def _probe(folder: Path, option: str) -> None:
    """Create and remove an empty file in ``folder``: the only reliable writability test."""
    try:
        fd, name = tempfile.mkstemp(prefix=".collapse-check-probe-", dir=folder)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(f"{option}: cannot write in folder {folder}: {reason}") from None
    os.close(fd)
    os.unlink(name)


def output_file(path: str | os.PathLike[str], option: str, kind: str) -> Path:
    """The file that ``option`` will write for ``path``, checked now (see the module doc).

    ``kind`` is ``plot`` (extension checked against matplotlib) or a key of
    :data:`DEFAULT_SUFFIX` (any extension accepted; none gets the default one).
    """
    if kind not in DEFAULT_SUFFIX:
        raise ValueError(f"unknown output kind {kind!r}")
    target = Path(path).expanduser()
    if str(path) == "" or target.name in ("", ".", ".."):
        raise InputError(f"{option}: give a file name, got {str(path)!r}")
    if target.is_dir():
        raise InputError(
            f"{option}: {target} is a folder; give a file name such as "
            f"{target / ('out' + DEFAULT_SUFFIX[kind])}"
        )
    if not target.suffix:
        target = target.with_name(target.name + DEFAULT_SUFFIX[kind])
        if target.is_dir():
            raise InputError(f"{option}: {target} is a folder; give a file name")
    if kind == "plot":
        ext = target.suffix.lower().lstrip(".")
        if ext not in plot_formats():
            formats = ", ".join("." + f for f in plot_formats())
            raise InputError(
                f"{option}: matplotlib cannot write {target.suffix!r} files; use one of {formats}"
            )
    folder = target.parent
    if not folder.exists():
        raise InputError(f"{option}: folder {folder} does not exist")
    if not folder.is_dir():
        raise InputError(f"{option}: {folder} is not a folder")
    if target.exists() and not os.access(target, os.W_OK):
        raise InputError(f"{option}: {target} exists and is not writable")
    _probe(folder, option)
    return target


def output_folder(path: str | os.PathLike[str], option: str) -> Path:
    """A folder that ``option`` will create or replace, checked now.

    The folder may not exist yet (it is created with its parents later); the nearest existing
    ancestor must be a folder that accepts new files. An existing file is refused.
    """
    target = Path(path).expanduser().resolve()
    if target.exists() and not target.is_dir():
        raise InputError(f"{option}: {target} exists and is not a folder")
    ancestor = target
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise InputError(f"{option}: {ancestor} is not a folder")
    _probe(ancestor, option)
    return target
