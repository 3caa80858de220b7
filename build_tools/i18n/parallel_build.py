"""Build the other languages in worker processes, in parallel.

mkdocs-static-i18n builds the default language, then each other language
one after the other in the same process. Here each other language is built
in a forked child instead, at most ``job_count()`` at a time. The workers
start while the default language's build begins (build_tools.i18n, on its
files), so all languages share the cores: each child inherits the run's
state (settings, facts, catalogs, theme files) and renders only its
language. The run's checks stay with the parent (build_tools.background),
which reports their problems and then stops the workers.

- No races: every language build writes 404.html, the sitemaps and the
  search index at the root of its output folder before moving them into its
  language folder, so each child builds into a staging folder of its own
  beside the site (same file system). The parent moves each staging
  folder's files into the site in language order, so a path written by
  several languages ends as in a one-process build (the last one wins;
  theme assets are the same bytes in every language anyway).
- Same messages: a child writes nothing to the terminal. Every log record
  that reaches a handler is sent to the parent with the child's result;
  the parent shows each language's records in language order through its
  own loggers (so strict mode counts the warnings), and raises the first
  language's error as the one-process build would, skipping what later
  languages said.
- Fork with threads (`mkdocs serve` runs a server and a file watcher): the
  child only builds, reports through its pipe and leaves with ``os._exit``.
  It touches no lock another thread may hold at the fork but logging's
  (which Python re-creates in the child) and writes nowhere but its own
  staging folder and pipe.

``DC_JOBS=1`` builds the languages one after the other in this process.
"""

from __future__ import annotations

import atexit
import gc
import logging
import os
import pickle
import selectors
import shutil
import signal
import tempfile
import traceback
from dataclasses import dataclass, field
from typing import Callable

from mkdocs.exceptions import MkDocsException, PluginError

from build_tools import background

JOBS_VARIABLE = "DC_JOBS"

# build(tag, output_dir): build one language into output_dir
LanguageBuild = Callable[[str, str], None]


def job_count(tags: list[str], environ=os.environ) -> int:
    """How many of these languages to build at once: DC_JOBS, else all of
    them on a machine with two cores or more (1: one after the other here).

    All at once, because they start beside the default language's build:
    workers that start later leave a core idle while it finishes.
    """
    text = environ.get(JOBS_VARIABLE, "").strip()
    if not text:
        return max(2, len(tags)) if background.cores() > 1 else 1
    if not text.isdigit() or int(text) < 1:
        raise PluginError(f"{JOBS_VARIABLE} must be a whole number of languages to build at once, 1 or more, not '{text}'")
    return int(text)


def in_workers(tags: list[str], jobs: int) -> bool:
    """Whether workers build these languages (else this process, one after the other)."""
    return jobs > 1 and len(tags) > 0 and hasattr(os, "fork")


def build_languages(tags: list[str], build: LanguageBuild, site_dir: str, jobs: int) -> None:
    """Build each language into ``site_dir``: in workers when ``jobs`` > 1."""
    if not in_workers(tags, jobs):
        for tag in tags:
            build(tag, site_dir)
        return
    workers = LanguageWorkers(tags, build, site_dir, jobs)
    workers.start()
    workers.finish()


@dataclass
class Result:
    """What a worker reports: its log records and the error it ended with."""

    records: list[dict] = field(default_factory=list)
    error: BaseException | None = None

    def replay(self) -> None:
        """Show the records through this process's loggers, then raise the error."""
        for fields in self.records:
            record = logging.makeLogRecord(fields)
            logger = logging.getLogger(record.name) if record.name != "root" else logging.getLogger()
            logger.handle(record)
        if self.error is not None:
            raise self.error


def merge_tree(source: str, target: str) -> None:
    """Move every file under ``source`` to the same place under ``target``, replacing."""
    os.makedirs(target, exist_ok=True)
    with os.scandir(source) as entries:
        for entry in entries:
            destination = os.path.join(target, entry.name)
            if entry.is_dir(follow_symlinks=False) and os.path.isdir(destination):
                merge_tree(entry.path, destination)
            else:
                if entry.is_dir(follow_symlinks=False) and os.path.lexists(destination):
                    os.remove(destination)  # a file where this language has a folder
                elif os.path.isdir(destination) and not os.path.islink(destination):
                    shutil.rmtree(destination)  # a folder where this language has a file
                os.replace(entry.path, destination)


@dataclass
class _Worker:
    tag: str
    staging: str
    pid: int
    fd: int
    payload: bytearray = field(default_factory=bytearray)
    result: Result | None = None


class LanguageWorkers:
    """``start()`` forks the first workers; ``finish()`` the rest, as others
    end, and moves each language into the site in order."""

    def __init__(self, tags: list[str], build: LanguageBuild, site_dir: str, jobs: int):
        self.tags, self.build, self.jobs = tags, build, jobs
        self.site_dir = os.path.abspath(site_dir)
        self.workers: list[_Worker] = []
        self.selector = selectors.DefaultSelector()
        self.owner = os.getpid()  # a worker inherits this object: it must leave it alone

    def start(self) -> None:
        # Objects made so far are never collected again (until finish):
        # the children's collections would copy every page of memory they touch.
        gc.freeze()
        os.makedirs(self.site_dir, exist_ok=True)
        atexit.register(self.stop)  # an interrupted build leaves no worker or folder behind
        self._start_more()

    def finish(self) -> None:
        """Wait for every language; raise the first one's error, as one process would."""
        if os.getpid() != self.owner:
            return
        try:
            merged = 0
            while merged < len(self.tags):
                self._start_more()
                worker = self.workers[merged]
                if worker.result is None:
                    self._wait()
                    continue
                worker.result.replay()  # raises the language's error, if any
                merge_tree(worker.staging, self.site_dir)
                merged += 1
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop workers still running (after an error) and remove every staging folder."""
        if os.getpid() != self.owner:
            return
        atexit.unregister(self.stop)
        for worker in self.workers:
            if worker.pid:
                os.kill(worker.pid, signal.SIGKILL)
                os.waitpid(worker.pid, 0)
                worker.pid = 0
                self.selector.unregister(worker.fd)
                os.close(worker.fd)
            shutil.rmtree(worker.staging, ignore_errors=True)
        self.workers, self.tags = [], []
        self.selector.close()
        gc.unfreeze()

    def _start_more(self) -> None:
        while len(self.workers) < len(self.tags) and sum(w.result is None for w in self.workers) < self.jobs:
            self._fork(self.tags[len(self.workers)])

    def _fork(self, tag: str) -> None:
        parent, name = os.path.split(self.site_dir)
        staging = tempfile.mkdtemp(prefix=f"{name}.{tag}-", dir=parent)
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child(tag, self.build, staging, self.site_dir, write_fd)
        os.close(write_fd)
        worker = _Worker(tag, staging, pid, read_fd)
        self.workers.append(worker)
        self.selector.register(read_fd, selectors.EVENT_READ, worker)

    def _wait(self) -> None:
        """Read from the workers until one of them has finished."""
        while True:
            for key, _events in self.selector.select():
                worker = key.data
                chunk = os.read(worker.fd, 1 << 16)
                if chunk:
                    worker.payload += chunk
                    continue
                self.selector.unregister(worker.fd)
                os.close(worker.fd)
                _pid, status = os.waitpid(worker.pid, 0)
                worker.pid = 0
                worker.result = _result(worker, os.waitstatus_to_exitcode(status))
                return


def _result(worker: _Worker, exit_code: int) -> Result:
    if exit_code == 0 and worker.payload:
        try:
            return pickle.loads(worker.payload)  # noqa: S301 (our own child's bytes)
        except Exception as error:  # an error type that cannot be rebuilt here
            return Result(error=PluginError(f"building the language '{worker.tag}' failed, and its error could not be read: {error}"))
    return Result(error=PluginError(
        f"building the language '{worker.tag}' stopped without a result (exit code {exit_code}); "
        f"{JOBS_VARIABLE}=1 builds the languages one after the other in one process"
    ))


def _child(tag: str, build: LanguageBuild, staging: str, site_dir: str, write_fd: int) -> None:
    """In the worker: build, send the result, and leave without running the parent's exit handlers."""
    status = 0
    try:
        records = _capture_records()
        error = None
        try:
            build(tag, staging)
        except BaseException as caught:  # reported to the parent, which raises it
            error = caught
        result = Result([_portable(record, staging, site_dir) for record in records], _portable_error(error))
        with os.fdopen(write_fd, "wb") as out:
            out.write(pickle.dumps(result))
    except BaseException:
        status = 1
    finally:
        os._exit(status)


def _capture_records() -> list[logging.LogRecord]:
    """Keep every record a handler would show, once, instead of showing it.

    MkDocs' counter of warnings for strict mode (a CountHandler, with its
    own ``handle``) still counts them in the child.
    """
    records: list[logging.LogRecord] = []
    seen: set[int] = set()

    def handle(handler, record):
        if id(record) not in seen:
            seen.add(id(record))
            records.append(record)
        return True

    logging.Handler.handle = handle
    logging.captureWarnings(True)  # Python's warnings too, which would write to stderr
    return records


def _portable(record: logging.LogRecord, staging: str, site_dir: str) -> dict:
    """A record as plain values, with the staging folder's path shown as the site's."""
    fields = {key: value for key, value in vars(record).items() if isinstance(value, (str, int, float, bool, type(None)))}
    fields["msg"] = record.getMessage().replace(staging, site_dir)
    fields["args"] = None
    if record.exc_info and not record.exc_text:
        fields["exc_text"] = logging.Formatter().formatException(record.exc_info)
    return fields


def _portable_error(error: BaseException | None) -> BaseException | None:
    """The error itself if it survives pickling, else one that carries its text.

    MkDocs shows its own errors without a traceback; any other error keeps
    the worker's traceback as a note (a traceback does not cross processes).
    """
    if error is None:
        return None
    text = "".join(traceback.format_exception(error))
    try:
        pickle.loads(pickle.dumps(error))  # noqa: S301 (our own bytes)
    except Exception:
        return PluginError(text)
    if not isinstance(error, MkDocsException):
        error.add_note("In the worker building this language:\n" + text)
    return error
