"""build_tools.background: a check run in a forked child gives the same answer."""

import os

import pytest

from build_tools.background import Pending
from build_tools.errors import Problem

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


@needs_fork
def test_the_child_computes_the_result_and_the_parent_gets_it():
    parent = os.getpid()
    pending = Pending(lambda: [Problem("docs/es/a.md", 3, "x"), os.getpid()], fork=True)
    problem, child = pending.result()
    assert problem == Problem("docs/es/a.md", 3, "x")
    assert child != parent  # it really ran in another process
    assert pending.result()[1] == child  # collected once


def test_without_fork_the_check_runs_in_place():
    assert Pending(lambda: os.getpid(), fork=False).result() == os.getpid()


@needs_fork
def test_an_error_in_the_child_is_raised_in_the_parent():
    calls = []

    def check():
        calls.append(os.getpid())
        raise ValueError("broken check")

    pending = Pending(check, fork=True)
    with pytest.raises(ValueError, match="broken check"):
        pending.result()
    assert calls == [os.getpid()]  # the parent ran it again to raise the real error


@needs_fork
def test_a_large_result_crosses_the_pipe():
    big = ["x" * 1000] * 500  # far more than a pipe buffer
    assert Pending(lambda: big, fork=True).result() == big


@needs_fork
def test_a_check_never_collected_leaves_no_process_behind():
    import gc
    import time

    pending = Pending(lambda: time.sleep(60), fork=True)
    child = pending._pid
    del pending
    gc.collect()
    with pytest.raises(ChildProcessError):  # already stopped and reaped
        os.waitpid(child, os.WNOHANG)


@needs_fork
def test_after_a_failed_build_the_checks_children_stop_and_a_late_result_is_computed_here():
    from build_tools import background

    pending = Pending(lambda: os.getpid(), fork=True)
    child = pending._pid
    background.stop_all()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)
    assert pending.result() == os.getpid()
