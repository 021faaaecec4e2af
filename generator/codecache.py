"""Python made at run time, compiled once and kept between runs, as Python keeps .pyc files.

fastjsonschema writes each schema out as Python source (validate.py); compiling that source took
40 ms of every build and `check`, in each of its processes. The compiled code is kept in the
per-user folder where Jinja keeps compiled templates (render.py): Jinja makes it, mode 0700, and
refuses a folder that another user owns, so nobody else can put code there. A file is named by a
hash of the Python version and of everything the source is made from, so a changed schema,
library or Python never reads old code; an unreadable file is compiled again.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import CodeType

import jinja2


def cached_code(made_from: str, source: Callable[[], str], filename: str) -> CodeType:
    """The code compiled from `source()`, read from the cache if `made_from` (all that the source
    depends on) was compiled before. `filename` names the code in tracebacks."""
    digest = hashlib.sha256(f"{sys.version}\n{filename}\n{made_from}".encode()).hexdigest()
    folder = _folder()
    path = folder / f"copycat-valley-{digest}.code" if folder else None
    if path:
        try:
            code = marshal.loads(path.read_bytes())
            if isinstance(code, CodeType):
                return code
        except (OSError, EOFError, ValueError, TypeError):
            pass  # missing or unreadable: compiled again below
    code = compile(source(), filename, "exec")
    if path:
        _write(path, marshal.dumps(code))
    return code


@cache
def _folder() -> Path | None:
    try:
        return Path(jinja2.FileSystemBytecodeCache().directory)
    except (RuntimeError, OSError):  # no safe folder: compile every time
        return None


def _write(path: Path, data: bytes) -> None:
    """Written whole or not at all: a build running beside this one never reads half a file."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".copycat-valley-")
    except OSError:
        return  # a cache that cannot be written only costs the next run the compiling
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
