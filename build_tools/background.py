"""Run a once-per-build check in a second process while MkDocs renders.

Parity of every translation and the header of every page need only the files,
not MkDocs, so a forked child can check them while the parent renders the
first language; on two or more cores they then cost no wall time. The result
is collected before anything is written. Without fork or with one core, the
check simply runs in the calling process.

Forking while other threads run (`mkdocs serve`'s server and file watcher)
is safe here: the child only computes, writes to its pipe and leaves with
``os._exit``. A lock another thread held at the fork stays held in the child,
but the child takes none of theirs (logging's locks Python re-creates), and
writes nothing to the terminal.

A language worker (build_tools.i18n.parallel_build) is forked while these checks
run: in it, ``result()`` is empty, as the process that started the check
reports its problems (and stops the workers if there are any).
"""

from __future__ import annotations

import os
import pickle
import signal
import weakref
from typing import Callable, Generic, TypeVar

T = TypeVar("T")

# Checks whose child may still run, to stop them when a build fails
_started: weakref.WeakSet = weakref.WeakSet()


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    return hasattr(os, "fork") and cores() > 1


class Pending(Generic[T]):
    """``check()`` started now; ``result()`` waits for its return value."""

    def __init__(self, check: Callable[[], T], fork: bool | None = None):
        self._check = check
        self._owner = os.getpid()
        self._pid: int | None = None
        self._done = False
        self._value: T | None = None
        if can_fork() if fork is None else fork:
            self._start(check)
        else:
            self._finish(check())

    def _start(self, check: Callable[[], T]) -> None:
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, leave without running the parent's exit handlers
            status = 0
            try:
                os.close(read_fd)
                try:
                    payload = pickle.dumps(check())
                except BaseException:  # the parent runs it again and gets the real error
                    payload, status = b"", 1
                with os.fdopen(write_fd, "wb") as out:
                    out.write(payload)
            finally:
                os._exit(status)
        os.close(write_fd)
        self._pid, self._fd = pid, read_fd
        # A check never collected (the build stopped on another error, and
        # `mkdocs serve` goes on): stop and reap its child.
        self._abandon = weakref.finalize(self, _abandon, self._owner, pid, read_fd)
        _started.add(self)

    def _finish(self, value: T) -> None:
        self._value, self._done = value, True

    def result(self) -> T:
        if os.getpid() != self._owner:
            return ()  # the pipe and the child are the starting process's
        if not self._done and not self._abandon.alive:  # stopped: compute it here
            self._finish(self._check())
        if not self._done:
            self._abandon.detach()
            with os.fdopen(self._fd, "rb") as pipe:
                payload = pipe.read()
            _pid, status = os.waitpid(self._pid, 0)
            if os.waitstatus_to_exitcode(status) == 0 and payload:
                self._finish(pickle.loads(payload))  # noqa: S301 (our own child's bytes)
            else:
                self._finish(self._check())
        return self._value


def stop_all() -> None:
    """Stop the children of checks not collected yet (the build failed)."""
    for pending in list(_started):
        if pending._owner == os.getpid() and not pending._done:
            pending._abandon()


def _abandon(owner: int, pid: int, fd: int) -> None:
    if os.getpid() == owner:  # not in a process forked since, whose child it is not
        os.close(fd)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
