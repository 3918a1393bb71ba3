"""Ordered chunked map over worker processes, and the per-chunk work itself.

``--jobs N`` sends chunks of documents to N processes and yields the results
in input order, keeping at most a few chunks in flight, so memory stays
bounded and the output is byte-identical to ``--jobs 1``. Worker functions
are top-level (picklable) and take their settings as an argument: no state
lives in the worker modules.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, TypeVar

from ..clean import CleanConfig, clean, clean_and_explain
from ..explain import Explained

__all__ = ["map_chunks", "clean_chunk", "resolve_jobs"]

T = TypeVar("T")
P = TypeVar("P")
R = TypeVar("R")

IN_FLIGHT_PER_JOB = 2


def resolve_jobs(jobs: int) -> int:
    """``0`` means one job per CPU; anything else is taken as given (>= 1)."""
    if jobs == 0:
        return max(1, multiprocessing.cpu_count())
    return max(1, jobs)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def map_chunks(
    func: Callable[[list[P]], R],
    items: Iterable[T],
    project: Callable[[T], P],
    *,
    jobs: int = 1,
    chunk_size: int = 256,
) -> Iterator[tuple[list[T], R]]:
    """Yield ``(chunk, func([project(item) for item in chunk]))`` in input order.

    With ``jobs > 1`` the calls run in ``jobs`` worker processes (``spawn``
    start method, so no state is inherited); at most ``2 * jobs`` chunks are
    pending at any time. ``func`` must be picklable (a top-level function or
    a :func:`functools.partial` of one); its result must be picklable.
    """
    if jobs <= 1:
        for chunk in _chunks(items, chunk_size):
            yield chunk, func([project(item) for item in chunk])
        return
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    pending: deque[tuple[list[T], Future[R]]] = deque()
    try:
        for chunk in _chunks(items, chunk_size):
            pending.append((chunk, pool.submit(func, [project(item) for item in chunk])))
            if len(pending) >= IN_FLIGHT_PER_JOB * jobs:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def clean_chunk(
    config: CleanConfig,
    templates: Any,
    explain: bool,
    items: list[tuple[str, str | None]],
) -> list[Explained]:
    """Clean ``(text, source)`` pairs; with ``explain`` False, changes are not built."""
    if explain:
        return [
            clean_and_explain(text, config, templates=templates, source=source)
            for text, source in items
        ]
    return [
        Explained(clean(text, config, templates=templates, source=source))
        for text, source in items
    ]
