"""Compiled sampling kernels of the laboratories, with a pure-NumPy fallback.

The laboratories spend their time drawing multinomial samples (categorical, verifier,
ensemble) or Gaussian batches. Here each draw is compiled with numba (``cache=True``, so the
machine code is built once per machine and reused):

* a multinomial sample of size N from weights w over K cells is drawn with Walker's alias
  method (Vose's O(K) table, then one uniform per draw), O(K + N) per replicate-generation
  instead of K binomial draws; the table is built on the support of w only, and a point mass
  needs no random numbers at all;
* uniforms come from xoshiro256++ (Blackman and Vigna), Gaussian batches from NumPy's own
  ziggurat ``Generator.standard_normal`` called inside the compiled code.

**Seeding and reproducibility.** The replicates are split into chunks whose size depends only
on the problem size (never on the number of cores). Chunk ``i`` draws from its own stream,
seeded with ``numpy.random.SeedSequence(seed, spawn_key=(i,))`` (the i-th child of
``SeedSequence(seed).spawn``). Chunks run in parallel on threads (the kernels release the
GIL), so a run's numbers depend on the seed, the sizes and the backend, but not on the
number of cores or on the order in which chunks finish. The compiled and the NumPy backends
sample the same distributions from different streams: the same seed gives the same numbers
bit for bit on one backend, statistically equivalent numbers across backends.

Set ``COLLAPSE_CHECK_KERNELS=numpy`` to use the fallback even where numba is installed, and
``COLLAPSE_CHECK_THREADS=n`` to limit the worker threads (default: one per CPU).

>>> backend() in ("numba", "numpy")
True
>>> chunk_bounds(10, 4)
[(0, 4), (4, 8), (8, 10)]
"""

from __future__ import annotations

import importlib.util
import math
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "backend",
    "categorical_paths",
    "chunk_bounds",
    "chunk_generator",
    "chunk_size",
    "chunk_states",
    "ensemble_step",
    "gaussian_paths",
    "run_chunks",
    "stepper",
    "threads",
    "verifier_step",
]

# numba is imported on the first run of a laboratory (:func:`_ensure`), not with this module,
# so that commands that simulate nothing do not pay for it
_NUMBA = (os.environ.get("COLLAPSE_CHECK_KERNELS", "").strip().lower() != "numpy"
          and importlib.util.find_spec("numba") is not None)
_KERNELS: list[str] = []
_compiled = False
_compile_lock = threading.Lock()

_CHUNK_BYTES = 1 << 20  # working state per chunk (counts, alias tables): about 1 MiB
_MAX_CHUNK = 64  # replicates per chunk


def backend() -> str:
    """``"numba"`` when the compiled kernels are used, else ``"numpy"``."""
    return "numba" if _NUMBA else "numpy"


def threads() -> int:
    """Worker threads for the chunks: ``COLLAPSE_CHECK_THREADS`` or one per CPU."""
    text = os.environ.get("COLLAPSE_CHECK_THREADS", "").strip()
    if text.isdigit() and int(text) > 0:
        return int(text)
    return os.cpu_count() or 1


def _jit(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Mark ``fn`` as a kernel: :func:`_ensure` compiles it with ``numba.njit``."""
    _KERNELS.append(fn.__name__)
    return fn


def _ensure() -> None:
    """Replace every kernel by its numba dispatcher (once; machine code cached on disk)."""
    global _NUMBA, _compiled
    if _compiled or not _NUMBA:
        return
    with _compile_lock:  # laboratories may start on several threads at once (Dask workers)
        if _compiled:
            return
        try:
            import numba
        except ImportError:  # pragma: no cover - a broken installation
            _NUMBA = False
            return
        g = globals()
        for name in _KERNELS:
            g[name] = numba.njit(cache=True, nogil=True)(g[name])
        _compiled = True


def chunk_size(width: int) -> int:
    """Replicates per chunk when each replicate's state holds ``width`` cells (size only)."""
    return max(1, min(_MAX_CHUNK, _CHUNK_BYTES // (48 * max(1, width))))


def chunk_bounds(replicates: int, size: int) -> list[tuple[int, int]]:
    """``[(start, stop), ...]`` covering ``range(replicates)`` in chunks of ``size``."""
    return [(a, min(a + size, replicates)) for a in range(0, replicates, size)]


def chunk_generator(seed: int, index: int) -> np.random.Generator:
    """The NumPy generator of chunk ``index``: ``SeedSequence(seed, spawn_key=(index,))``."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(index,))))


def chunk_states(seed: int, count: int) -> NDArray[np.uint64]:
    """xoshiro256++ states (one row of four words per chunk) from the chunks' seed sequences."""
    out = np.empty((count, 4), dtype=np.uint64)
    for i in range(count):
        words = np.random.SeedSequence(seed, spawn_key=(i,)).generate_state(4, np.uint64)
        if not words.any():  # the all-zero state is the one xoshiro cannot leave
            words[0] = 1
        out[i] = words
    return out


def run_chunks(
    task: Callable[[int, int, int], None],
    bounds: Sequence[tuple[int, int]],
    progress: bool = False,
    description: str = "simulating",
) -> None:
    """Call ``task(index, start, stop)`` for every chunk, on :func:`threads` threads.

    The tasks write disjoint rows of preallocated arrays, so the outcome does not depend on
    the number of threads. With ``progress`` a bar counts the replicates done.
    """
    total = bounds[-1][1] if bounds else 0
    workers = min(threads(), len(bounds))

    def done() -> Any:
        if workers <= 1:
            for i, (a, b) in enumerate(bounds):
                task(i, a, b)
                yield b - a
            return
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(task, i, a, b) for i, (a, b) in enumerate(bounds)]
            for fut, (a, b) in zip(futures, bounds, strict=True):
                fut.result()
                yield b - a

    if not progress:
        for _ in done():
            pass
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        job = bar.add_task(description, total=total)
        for count in done():
            bar.advance(job, count)


# ---------------------------------------------------------------------------------------------
# random numbers and the alias method (compiled)
# ---------------------------------------------------------------------------------------------


@_jit
def _uniform(st: NDArray[np.uint64]) -> float:
    """One double in [0, 1) from xoshiro256++ (state ``st`` updated in place)."""
    s0, s1, s2, s3 = st[0], st[1], st[2], st[3]
    t = s0 + s3
    r = ((t << np.uint64(23)) | (t >> np.uint64(41))) + s0
    t = s1 << np.uint64(17)
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << np.uint64(45)) | (s3 >> np.uint64(19))
    st[0], st[1], st[2], st[3] = s0, s1, s2, s3
    return float(r >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@_jit
def _build_alias(w: NDArray[np.float64], m: int, prob: NDArray[np.float64],
                 alias: NDArray[np.int64], small: NDArray[np.int64],
                 large: NDArray[np.int64]) -> None:
    """Vose's alias table for the first ``m`` weights ``w`` (all > 0) into ``prob``/``alias``."""
    total = 0.0
    for i in range(m):
        total += w[i]
    scale = m / total
    ns = 0
    nl = 0
    for i in range(m):
        prob[i] = w[i] * scale
        alias[i] = i
        if prob[i] < 1.0:
            small[ns] = i
            ns += 1
        else:
            large[nl] = i
            nl += 1
    while ns > 0 and nl > 0:
        ns -= 1
        s = small[ns]
        g = large[nl - 1]
        alias[s] = g
        prob[g] = (prob[g] + prob[s]) - 1.0
        if prob[g] < 1.0:
            nl -= 1
            small[ns] = g
            ns += 1
    for i in range(nl):
        prob[large[i]] = 1.0
    for i in range(ns):  # rounding leftovers
        prob[small[i]] = 1.0


@_jit
def _draw(st: NDArray[np.uint64], n: int, m: int, prob: NDArray[np.float64],
          alias: NDArray[np.int64], cells: NDArray[np.int64], out: NDArray[np.int64]) -> None:
    """Add n alias-method draws over the first m table entries to ``out[cells[j]]``."""
    if m == 1:
        out[cells[0]] += n
        return
    for _ in range(n):
        u = _uniform(st) * m
        j = int(u)
        if j >= m:
            j = m - 1
        if u - j >= prob[j]:
            j = alias[j]
        out[cells[j]] += 1


@_jit
def _multinomial_into(st: NDArray[np.uint64], n: int, w: NDArray[np.float64],
                      out: NDArray[np.int64], buf: NDArray[np.float64],
                      cells: NDArray[np.int64], prob: NDArray[np.float64],
                      alias: NDArray[np.int64], small: NDArray[np.int64],
                      large: NDArray[np.int64]) -> None:
    """Add a Multinomial(n, w / Σw) sample to ``out`` (the table is built on w's support)."""
    m = 0
    for j in range(w.shape[0]):
        if w[j] > 0.0:
            buf[m] = w[j]
            cells[m] = j
            m += 1
    _build_alias(buf, m, prob, alias, small, large)
    _draw(st, n, m, prob, alias, cells, out)


# ---------------------------------------------------------------------------------------------
# categorical laboratory
# ---------------------------------------------------------------------------------------------


@_jit
def _categorical_stats(counts: NDArray[np.int64], total: int, p: NDArray[np.float64],
                       clog: NDArray[np.float64], out: NDArray[np.float64], t: int) -> None:
    """Entropy, Gini–Simpson, support size and TV to P of one count vector, into out[:, t]."""
    ent = 0.0
    sq = 0.0
    support = 0
    tv = 0.0
    use_table = clog.shape[0] > total
    ft = float(total)
    for j in range(counts.shape[0]):
        c = counts[j]
        if c > 0:
            support += 1
            if use_table:
                ent += clog[c]
            else:
                ent += c * math.log(c)
            sq += float(c) * float(c)
        tv += abs(c / ft - p[j])
    out[0, t] = math.log(ft) - ent / ft
    out[1, t] = 1.0 - sq / (ft * ft)
    out[2, t] = float(support)
    out[3, t] = 0.5 * tv


@_jit
def _sparse_stats(counts: NDArray[np.int64], cells: NDArray[np.int64], nsup: int, total: int,
                  p: NDArray[np.float64], p_total: float, clog: NDArray[np.float64],
                  out: NDArray[np.float64], t: int) -> None:
    """As :func:`_categorical_stats`, summing over the support ``cells[:nsup]`` only.

    The cells outside the support add P(x) each to the total variation: Σp − Σ_support p.
    """
    ent = 0.0
    sq = 0.0
    tv = 0.0
    p_in = 0.0
    use_table = clog.shape[0] > total
    ft = float(total)
    for i in range(nsup):
        j = cells[i]
        c = counts[j]
        ent += clog[c] if use_table else c * math.log(c)
        sq += float(c) * float(c)
        tv += abs(c / ft - p[j])
        p_in += p[j]
    out[0, t] = math.log(ft) - ent / ft
    out[1, t] = 1.0 - sq / (ft * ft)
    out[2, t] = float(nsup)
    out[3, t] = 0.5 * (tv + max(0.0, p_total - p_in))


@_jit
def _p_table(p: NDArray[np.float64], cells: NDArray[np.int64], prob: NDArray[np.float64],
             alias: NDArray[np.int64]) -> int:
    """Alias table of P on its support; returns the support size."""
    k = p.shape[0]
    buf = np.empty(k)
    small = np.empty(k, dtype=np.int64)
    large = np.empty(k, dtype=np.int64)
    m = 0
    for j in range(k):
        if p[j] > 0.0:
            buf[m] = p[j]
            cells[m] = j
            m += 1
    _build_alias(buf, m, prob, alias, small, large)
    return m


@_jit
def _one(st: NDArray[np.uint64], m: int, prob: NDArray[np.float64], alias: NDArray[np.int64],
         cells: NDArray[np.int64]) -> int:
    """One alias-method draw."""
    if m == 1:
        return cells[0]  # type: ignore[no-any-return]
    u = _uniform(st) * m
    j = min(int(u), m - 1)
    if u - j >= prob[j]:
        j = alias[j]
    return cells[j]  # type: ignore[no-any-return]


@_jit
def _categorical_urn(st: NDArray[np.uint64], n: int, p: NDArray[np.float64],
                     alphas: NDArray[np.float64], accumulate: bool,
                     clog: NDArray[np.float64], out: NDArray[np.float64]) -> None:
    """Every generation of ``out.shape[0]`` replicates; out[r] is (4, G + 1) statistics.

    The model Q_t is the empirical distribution of the labels in the pool (the last N draws,
    or every draw in accumulate mode), so a draw from α_t P + (1 − α_t) Q_t is a draw from P
    with probability α_t and otherwise the label of a uniformly chosen pool entry: O(N) per
    generation, whatever K is.
    """
    k = p.shape[0]
    g = alphas.shape[0]
    p_cells = np.empty(k, dtype=np.int64)
    p_prob = np.empty(k)
    p_alias = np.empty(k, dtype=np.int64)
    mp = _p_table(p, p_cells, p_prob, p_alias)
    p_total = 0.0
    for j in range(k):
        p_total += p[j]
    size = n * (g + 1) if accumulate else 2 * n
    labels = np.empty(size, dtype=np.int64)
    counts = np.zeros(k, dtype=np.int64)
    cells = np.empty(k, dtype=np.int64)
    for r in range(out.shape[0]):
        nsup = 0
        for i in range(n):
            x = _one(st, mp, p_prob, p_alias, p_cells)
            labels[i] = x
            if counts[x] == 0:
                cells[nsup] = x
                nsup += 1
            counts[x] += 1
        total = n
        old = 0  # replace mode: the pool is labels[old:old + n]
        _sparse_stats(counts, cells, nsup, total, p, p_total, clog, out[r], 0)
        for s in range(1, g + 1):
            a = alphas[s - 1]
            if a == 0.0 and nsup == 1:  # absorbed at a point mass: nothing can change
                for i in range(4):
                    out[r, i, s] = out[r, i, s - 1]
                continue
            if accumulate:
                dst = total
                for i in range(n):
                    if a == 1.0 or (a > 0.0 and _uniform(st) < a):
                        x = _one(st, mp, p_prob, p_alias, p_cells)
                    else:
                        x = labels[min(int(_uniform(st) * total), total - 1)]
                    labels[dst + i] = x
                    if counts[x] == 0:
                        cells[nsup] = x
                        nsup += 1
                    counts[x] += 1
                total += n
            else:
                dst = n - old
                for i in range(nsup):
                    counts[cells[i]] = 0
                nsup = 0
                for i in range(n):
                    if a == 1.0 or (a > 0.0 and _uniform(st) < a):
                        x = _one(st, mp, p_prob, p_alias, p_cells)
                    else:
                        x = labels[old + min(int(_uniform(st) * n), n - 1)]
                    labels[dst + i] = x
                    if counts[x] == 0:
                        cells[nsup] = x
                        nsup += 1
                    counts[x] += 1
                old = dst
            _sparse_stats(counts, cells, nsup, total, p, p_total, clog, out[r], s)
        for i in range(nsup):
            counts[cells[i]] = 0


@_jit
def _categorical_chunk(st: NDArray[np.uint64], n: int, p: NDArray[np.float64],
                       alphas: NDArray[np.float64], accumulate: bool,
                       clog: NDArray[np.float64], out: NDArray[np.float64]) -> None:
    """As :func:`_categorical_urn` with counts instead of labels (for pools too large to
    store): each generation an alias table of the mixture on its support, then N draws."""
    k = p.shape[0]
    pool = np.zeros(k, dtype=np.int64)
    draws = np.zeros(k, dtype=np.int64)
    w = np.empty(k)
    buf = np.empty(k)
    cells = np.empty(k, dtype=np.int64)
    prob = np.empty(k)
    alias = np.empty(k, dtype=np.int64)
    small = np.empty(k, dtype=np.int64)
    large = np.empty(k, dtype=np.int64)
    p_cells = np.empty(k, dtype=np.int64)
    p_prob = np.empty(k)
    p_alias = np.empty(k, dtype=np.int64)
    mp = _p_table(p, p_cells, p_prob, p_alias)
    for r in range(out.shape[0]):
        pool[:] = 0
        _draw(st, n, mp, p_prob, p_alias, p_cells, pool)
        total = n
        _categorical_stats(pool, total, p, clog, out[r], 0)
        for s in range(1, alphas.shape[0] + 1):
            a = alphas[s - 1]
            draws[:] = 0
            if a == 1.0:
                _draw(st, n, mp, p_prob, p_alias, p_cells, draws)
            else:
                inv = 1.0 / total
                for j in range(k):
                    q = pool[j] * inv
                    w[j] = q if a == 0.0 else a * p[j] + (1.0 - a) * q
                _multinomial_into(st, n, w, draws, buf, cells, prob, alias, small, large)
            if accumulate:
                for j in range(k):
                    pool[j] += draws[j]
                total += n
            else:
                pool[:] = draws
            _categorical_stats(pool, total, p, clog, out[r], s)


def _categorical_numpy(rng: np.random.Generator, n: int, p: NDArray[np.float64],
                       alphas: NDArray[np.float64], accumulate: bool,
                       statistics: Callable[..., tuple[NDArray[np.float64], ...]],
                       clog: NDArray[np.float64], out: NDArray[np.float64]) -> None:
    """The NumPy fallback of :func:`_categorical_chunk` (vectorised over the chunk)."""
    r = out.shape[0]
    p_rows = np.broadcast_to(p, (r, p.shape[0]))
    pool = rng.multinomial(n, p_rows)
    total = n
    for i, value in enumerate(statistics(pool, total, p, clog)):
        out[:, i, 0] = value
    for s in range(1, alphas.shape[0] + 1):
        a = alphas[s - 1]
        q = pool / total
        mix = q if a == 0.0 else (p_rows if a == 1.0 else a * p + (1.0 - a) * q)
        draws = rng.multinomial(n, mix)
        if accumulate:
            pool = pool + draws
            total += n
        else:
            pool = draws
        for i, value in enumerate(statistics(pool, total, p, clog)):
            out[:, i, s] = value


_CLOG_MAX = 1 << 22  # c ln c table up to this count; beyond, the logarithm is computed
_URN_MAX = 1 << 23  # labels kept per replicate by the urn kernel (64 MiB per thread)


def urn_labels(n: int, generations: int, mode: str) -> int:
    """Labels the urn kernel keeps per replicate (N, or every draw in accumulate mode)."""
    return n * (generations + 1) if mode == "accumulate" else 2 * n


def categorical_paths(
    n: int, p: NDArray[np.float64], alphas: NDArray[np.float64], replicates: int, mode: str,
    seed: int, statistics: Callable[..., tuple[NDArray[np.float64], ...]],
    progress: bool = False,
) -> NDArray[np.float64]:
    """Per-replicate statistics of the categorical loop, shape (replicates, 4, G + 1).

    ``statistics(counts, total, p, clog)`` is the laboratory's definition of the four
    statistics (entropy, Gini–Simpson, support size, TV to P); the compiled backend computes
    the same formulas per replicate (``_categorical_stats``, tested against it).
    """
    _ensure()
    accumulate = mode == "accumulate"
    g = alphas.shape[0]
    max_total = n * (g + 1) if accumulate else n
    size = min(max_total + 1, _CLOG_MAX)
    c = np.arange(size, dtype=float)
    clog = c * np.log(np.maximum(c, 1.0))  # c ln c, with 0 ln 0 = 0
    if not _NUMBA and max_total >= size:  # the fallback indexes the table
        c = np.arange(max_total + 1, dtype=float)
        clog = c * np.log(np.maximum(c, 1.0))
    out = np.empty((replicates, 4, g + 1))
    bounds = chunk_bounds(replicates, chunk_size(p.shape[0]))
    alphas = np.ascontiguousarray(alphas, dtype=float)
    p = np.ascontiguousarray(p, dtype=float)
    if _NUMBA:
        states = chunk_states(seed, len(bounds))

        kernel = _categorical_urn if urn_labels(n, g, mode) <= _URN_MAX else _categorical_chunk

        def task(i: int, a: int, b: int) -> None:
            kernel(states[i], n, p, alphas, accumulate, clog, out[a:b])
    else:
        def task(i: int, a: int, b: int) -> None:
            _categorical_numpy(chunk_generator(seed, i), n, p, alphas, accumulate, statistics,
                               clog, out[a:b])

    run_chunks(task, bounds, progress, "categorical loop")
    return out


# ---------------------------------------------------------------------------------------------
# Gaussian laboratory
# ---------------------------------------------------------------------------------------------


@_jit
def _mean_m2(v: NDArray[np.float64], n: int) -> tuple[float, float]:
    """Mean of ``v[:n]`` and its sum of squared deviations (two passes, in index order)."""
    mean = 0.0
    for i in range(n):
        mean += v[i]
    mean /= n
    m2 = 0.0
    for i in range(n):
        d = v[i] - mean
        m2 += d * d
    return mean, m2


@_jit
def _gaussian_chunk(rng: np.random.Generator, n: int, ks: NDArray[np.int64], mu_p: float,
                    sigma_p: float, log_s2_p: float, div_offset: int, accumulate: bool,
                    mu_hist: NDArray[np.float64], log_hist: NDArray[np.float64]) -> None:
    """Every generation of the chunk's replicates (one batch of n normals per step)."""
    z = np.empty(n)
    x = np.empty(n)
    g = ks.shape[0]
    for r in range(mu_hist.shape[0]):
        mu = mu_p
        log_s2 = log_s2_p
        count = 0
        pooled_m2 = 0.0
        mu_hist[r, 0] = mu
        log_hist[r, 0] = log_s2
        for t in range(g):
            k = ks[t]
            for i in range(n):
                z[i] = rng.standard_normal()
            sigma = math.exp(0.5 * log_s2)
            if not accumulate and k == 0:
                # synthetic only: work on the standard normals so that σ² never underflows
                zbar, m2z = _mean_m2(z, n)
                mu = mu + sigma * zbar
                ratio = m2z / (n - div_offset)
                log_s2 = log_s2 + (math.log(ratio) if ratio > 0.0 else -math.inf)
            else:
                for i in range(n):
                    x[i] = (mu_p + sigma_p * z[i]) if i < k else (mu + sigma * z[i])
                bm, bm2 = _mean_m2(x, n)
                if not accumulate:
                    mu = bm
                    m2 = bm2
                    m = n
                else:  # merge the batch into the pooled statistics (Chan et al.)
                    m = count + n
                    delta = bm - mu
                    mu = mu + delta * (n / m)
                    pooled_m2 = pooled_m2 + bm2 + delta * delta * (count * n / m)
                    count = m
                    m2 = pooled_m2
                ratio = m2 / (m - div_offset)
                log_s2 = math.log(ratio) if ratio > 0.0 else -math.inf
            mu_hist[r, t + 1] = mu
            log_hist[r, t + 1] = log_s2


def _m2(x: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    m = x.mean(axis=1)
    d = x - m[:, None]
    return m, np.einsum("ij,ij->i", d, d)


def _gaussian_numpy(rng: np.random.Generator, n: int, ks: NDArray[np.int64], mu_p: float,
                    sigma_p: float, log_s2_p: float, div_offset: int, accumulate: bool,
                    mu_hist: NDArray[np.float64], log_hist: NDArray[np.float64]) -> None:
    """The NumPy fallback of :func:`_gaussian_chunk` (vectorised over the chunk)."""
    r = mu_hist.shape[0]
    mu = np.full(r, mu_p)
    log_s2 = np.full(r, log_s2_p)
    mu_hist[:, 0], log_hist[:, 0] = mu, log_s2
    count = 0
    pooled_m2 = np.zeros(r)
    for t, k in enumerate(ks.tolist()):
        z = rng.standard_normal((r, n))
        sigma = np.exp(0.5 * log_s2)
        if not accumulate and k == 0:
            zbar, m2z = _m2(z)
            mu = mu + sigma * zbar
            with np.errstate(divide="ignore"):
                log_s2 = log_s2 + np.log(m2z / (n - div_offset))
        else:
            x = np.empty_like(z)
            x[:, :k] = mu_p + sigma_p * z[:, :k]
            x[:, k:] = mu[:, None] + sigma[:, None] * z[:, k:]
            batch_mean, batch_m2 = _m2(x)
            if not accumulate:
                mu, m2, m = batch_mean, batch_m2, n
            else:
                m = count + n
                delta = batch_mean - mu
                mu = mu + delta * (n / m)
                pooled_m2 = pooled_m2 + batch_m2 + delta * delta * (count * n / m)
                count, m2 = m, pooled_m2
            with np.errstate(divide="ignore"):
                log_s2 = np.log(m2 / (m - div_offset))
        mu_hist[:, t + 1], log_hist[:, t + 1] = mu, log_s2


def gaussian_paths(
    n: int, ks: Sequence[int], replicates: int, mu_p: float, sigma2_p: float, estimator: str,
    mode: str, seed: int, progress: bool = False,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(μ_t, ln σ²_t) per replicate and generation, each of shape (replicates, G + 1)."""
    _ensure()
    g = len(ks)
    ks_arr = np.asarray(ks, dtype=np.int64).reshape(g)
    mu_hist = np.empty((replicates, g + 1))
    log_hist = np.empty((replicates, g + 1))
    div_offset = 0 if estimator == "mle" else 1
    accumulate = mode == "accumulate"
    sigma_p, log_s2_p = math.sqrt(sigma2_p), math.log(sigma2_p)
    kernel = _gaussian_chunk if _NUMBA else _gaussian_numpy
    bounds = chunk_bounds(replicates, chunk_size(2 * n))

    def task(i: int, a: int, b: int) -> None:
        kernel(chunk_generator(seed, i), n, ks_arr, float(mu_p), sigma_p, log_s2_p, div_offset,
               accumulate, mu_hist[a:b], log_hist[a:b])

    run_chunks(task, bounds, progress, "gaussian loop")
    return mu_hist, log_hist


# ---------------------------------------------------------------------------------------------
# verifier and ensemble laboratories (one generation per call; state kept by the caller)
# ---------------------------------------------------------------------------------------------


@_jit
def _verifier_rows(st: NDArray[np.uint64], n: int, policy: NDArray[np.float64],
                   verifier: NDArray[np.float64], counts: NDArray[np.int64],
                   accepted: NDArray[np.int64], thin: bool) -> None:
    """Counts of n draws from each policy row; with ``thin``, also the accepted draws.

    A draw of answer j passes the verifier with probability v_j independently, so the
    (accepted, rejected) counts of all answers are one multinomial over 2K cells with
    weights π_j v_j and π_j (1 − v_j): one uniform per draw, Binomial(count, v) per answer.
    """
    k = policy.shape[1]
    cells2 = 2 * k if thin else k
    w = np.empty(cells2)
    tmp = np.zeros(cells2, dtype=np.int64)
    buf = np.empty(cells2)
    cells = np.empty(cells2, dtype=np.int64)
    prob = np.empty(cells2)
    alias = np.empty(cells2, dtype=np.int64)
    small = np.empty(cells2, dtype=np.int64)
    large = np.empty(cells2, dtype=np.int64)
    for r in range(policy.shape[0]):
        if thin:
            for j in range(k):
                v = min(1.0, max(0.0, verifier[r, j]))
                w[2 * j] = policy[r, j] * v
                w[2 * j + 1] = policy[r, j] * (1.0 - v)
        else:
            for j in range(k):
                w[j] = policy[r, j]
        tmp[:] = 0
        _multinomial_into(st, n, w, tmp, buf, cells, prob, alias, small, large)
        if thin:
            for j in range(k):
                accepted[r, j] = tmp[2 * j]
                counts[r, j] = tmp[2 * j] + tmp[2 * j + 1]
        else:
            for j in range(k):
                counts[r, j] = tmp[j]


_BINOMIAL_RATIO = 4  # draws per cell above which NumPy's binomial method is faster


class _Stepper:
    """Chunked, threaded calls of a one-generation kernel with persistent per-chunk streams."""

    def __init__(self, replicates: int, width: int, seed: int, draws: int = 0) -> None:
        _ensure()
        # alias draws cost O(draws), NumPy's conditional binomials O(width) with a larger
        # constant: the compiled kernel wins unless the draws outnumber the cells (the choice
        # depends on the sizes only, so it does not break reproducibility)
        self.compiled = _NUMBA and draws <= _BINOMIAL_RATIO * width
        self.bounds = chunk_bounds(replicates, chunk_size(width))
        self.states = chunk_states(seed, len(self.bounds)) if self.compiled else None
        self.rngs = (None if self.compiled
                     else [chunk_generator(seed, i) for i in range(len(self.bounds))])
        self.workers = min(threads(), len(self.bounds))
        self.pool = ThreadPoolExecutor(self.workers) if self.workers > 1 else None

    def map(self, task: Callable[[int, int, int], None]) -> None:
        if self.pool is None:
            for i, (a, b) in enumerate(self.bounds):
                task(i, a, b)
            return
        futures = [self.pool.submit(task, i, a, b) for i, (a, b) in enumerate(self.bounds)]
        for fut in futures:
            fut.result()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()


def verifier_step(
    stepper: _Stepper, n: int, policy: NDArray[np.float64], verifier: NDArray[np.float64],
    thin: bool,
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """One generation of every replicate: Multinomial(n, policy) counts and, with ``thin``,
    the draws the verifier accepts (Binomial(count, verifier) per answer)."""
    counts = np.empty(policy.shape, dtype=np.int64)
    accepted = np.empty(policy.shape, dtype=np.int64) if thin else counts
    policy = np.ascontiguousarray(policy)
    verifier = np.ascontiguousarray(verifier)
    if stepper.compiled:
        states = stepper.states
        assert states is not None

        def task(i: int, a: int, b: int) -> None:
            _verifier_rows(states[i], n, policy[a:b], verifier[a:b], counts[a:b],
                           accepted[a:b], thin)
    else:
        rngs = stepper.rngs
        assert rngs is not None

        def task(i: int, a: int, b: int) -> None:
            counts[a:b] = rngs[i].multinomial(n, policy[a:b])
            if thin:
                accepted[a:b] = rngs[i].binomial(counts[a:b], verifier[a:b])

    stepper.map(task)
    return counts, accepted


@_jit
def _ensemble_rows(st: NDArray[np.uint64], n: int, train: NDArray[np.float64],
                   weights: NDArray[np.float64], out: NDArray[np.float64]) -> None:
    k = train.shape[1]
    counts = np.zeros(k, dtype=np.int64)
    buf = np.empty(k)
    cells = np.empty(k, dtype=np.int64)
    prob = np.empty(k)
    alias = np.empty(k, dtype=np.int64)
    small = np.empty(k, dtype=np.int64)
    large = np.empty(k, dtype=np.int64)
    for r in range(train.shape[0]):
        m = 0
        for j in range(k):
            if train[r, j] > 0.0:
                buf[m] = train[r, j]
                cells[m] = j
                m += 1
        _build_alias(buf, m, prob, alias, small, large)  # one table for every model
        out[r, :] = 0.0
        for i in range(weights.shape[0]):
            counts[:] = 0
            _draw(st, n, m, prob, alias, cells, counts)
            wi = weights[i] / n
            for jj in range(m):
                j = cells[jj]
                out[r, j] += wi * counts[j]


def ensemble_step(
    stepper: _Stepper, n: int, train: NDArray[np.float64], weights: NDArray[np.float64],
) -> NDArray[np.float64]:
    """One generation: each model draws n from its replicate's ``train`` row;
    returns R_{t+1} = Σ_i ω_i·counts_i / n per replicate."""
    train = np.ascontiguousarray(train)
    weights = np.ascontiguousarray(weights, dtype=float)
    out = np.empty(train.shape)
    if stepper.compiled:
        states = stepper.states
        assert states is not None

        def task(i: int, a: int, b: int) -> None:
            _ensemble_rows(states[i], n, train[a:b], weights, out[a:b])
    else:
        rngs = stepper.rngs
        assert rngs is not None
        m = weights.shape[0]

        def task(i: int, a: int, b: int) -> None:
            rows = train[a:b]
            counts = rngs[i].multinomial(n, np.broadcast_to(rows[:, None, :],
                                                            (b - a, m, rows.shape[1])))
            out[a:b] = np.einsum("i,rik->rk", weights, counts) / n

    stepper.map(task)
    return out


def stepper(replicates: int, width: int, seed: int, draws: int = 0) -> _Stepper:
    """Per-chunk streams and a thread pool for :func:`verifier_step` / :func:`ensemble_step`
    (``width`` cells, ``draws`` per replicate and generation; call ``.close()`` when done)."""
    return _Stepper(replicates, width, seed, draws)
