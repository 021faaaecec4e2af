"""Two pieces of work at once, one of them in a forked child, on a machine with a second core.

MkDocs builds on one core. The generator's work splits into halves that share the loaded data;
a forked child sees that data without it being copied or pickled, and sends back only its result
(plain strings and small records) through a pipe. Where forking is not safe or not worth it (no
second core, not Linux, other threads running as under `mkdocs serve`, a small site), or if the
child fails in any way, the work runs here, in turn, and gives exactly the same result.
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

A = TypeVar("A")
B = TypeVar("B")

# Below this many entries, starting the second process costs about what it saves.
PARALLEL_FROM = 250


def can_fork() -> bool:
    """Fork only where it is safe and a second core can take the child: on Linux (macOS system
    libraries may not survive a fork) and in a process with no other thread (a fork copies only
    the thread that calls it, and a lock another thread holds would stay locked in the child)."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    return len(os.sched_getaffinity(0)) > 1 and threading.active_count() == 1


def both(here: Callable[[], A], there: Callable[[], B], *, items: int) -> tuple[A, B]:
    """`here()` in this process while a forked child runs `there()`; both results.

    `there` must return something picklable. With fewer than PARALLEL_FROM `items` (entries or
    files) between them, or where forking is not possible, both run here in turn."""
    if items < PARALLEL_FROM or not can_fork():
        return here(), there()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, send the result, and leave without running any exit handlers
        os.close(read_end)
        code = 1
        try:
            payload = pickle.dumps(there(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        first = here()
    finally:  # always collect the child, even when `here` fails
        with os.fdopen(read_end, "rb") as pipe:
            payload = pipe.read()
        _, status = os.waitpid(pid, 0)
    if status != 0 or not payload:  # the child failed: do its work here, so any error is the real one
        return first, there()
    return first, pickle.loads(payload)
