"""One process at a time: an advisory lock on a file, for work that processes share a folder for.

Batch workers on one machine (or on a shared disk whose file system honours locks) that need the
same book's index or the same file's pages would each build them; the first takes the lock, the
others wait for it and then load what it kept.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def alone_among_processes(lock_path: Path) -> Iterator[None]:
    """Hold an advisory lock on ``lock_path`` (POSIX ``flock``); where there is none, go on."""
    try:
        import fcntl
    except ImportError:  # Windows: each process does the work itself
        yield
        return
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = lock_path.open("ab")
    except OSError:
        yield
        return
    with handle:
        with contextlib.suppress(OSError):
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield  # closing the file releases the lock


def lock_for(folder: Path, key: str) -> Path:
    """The lock file of ``key`` kept in ``folder``: in one ``locks`` folder beside it, so that the
    folders hold only what is kept."""
    return folder.parent / "locks" / f"{folder.name}-{key}.lock"
