"""A recording of a page, declared in its front matter (CONTRIBUTING.md, "Audio").

    audio: audio/aguinaldo.mp3

or, with a title and a duration:

    audio:
      file: audio/aguinaldo.mp3
      title: Escucha la guía del aguinaldo
      duration: "4:30"

The path is relative to the page's language folder (docs/es/, docs/en/...),
so each language has its own recording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from build_tools import front_matter
from build_tools.errors import Problem, display_path

AUDIO_KEY = "audio"
TYPES = {
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".opus": "audio/ogg",
    ".m4a": "audio/mp4",
    ".wav": "audio/wav",
    ".webm": "audio/webm",
}
_DURATION = re.compile(r"^(?:\d+:)?[0-5]?\d:[0-5]\d$")


@dataclass(frozen=True)
class Audio:
    path: Path  # the file on disk
    title: str | None
    duration: str | None
    size: int  # bytes
    mime: str


def key_line(text: str, key: str = AUDIO_KEY) -> int | None:
    """The line of the recording's key (or another top-level key) in the front matter."""
    return front_matter.key_line(text, key)


def read_audio(meta: dict, text: str, lang_dir: Path, shown: str, root: Path | None = None) -> tuple[Audio | None, list[Problem]]:
    """The page's recording, or the problems with its declaration."""
    raw = meta.get(AUDIO_KEY)
    if raw is None:
        return None, []
    line = key_line(text)

    def problem(message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(shown, line, message)]

    if isinstance(raw, str):
        raw = {"file": raw}
    if not isinstance(raw, dict) or not isinstance(raw.get("file"), str) or not raw["file"].strip():
        return problem("'audio' must be a file path like 'audio/aguinaldo.mp3', or have 'file:' (and optionally 'title:' and 'duration:')")
    unknown = sorted(set(raw) - {"file", "title", "duration"})
    if unknown:
        return problem(f"'audio' does not know {', '.join(repr(k) for k in unknown)}; use 'file', 'title' and 'duration'")
    relative = PurePosixPath(raw["file"].strip())
    if relative.is_absolute() or ".." in relative.parts:
        return problem(f"the audio file '{relative}' must be inside {display_path(lang_dir, root)}/ (no '/' at the start, no '..')")
    mime = TYPES.get(relative.suffix.lower())
    if mime is None:
        return problem(f"the audio file '{relative}' must be one of: {', '.join(sorted(TYPES))}")
    for key in ("title", "duration"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            return problem(f"'audio: {key}' must be text in quotes")
    duration = raw.get("duration")
    if duration is not None and not _DURATION.match(duration.strip()):
        return problem(f"'audio: duration' must be minutes and seconds like \"4:30\", not '{duration}'")
    path = Path(lang_dir) / relative
    if not path.is_file():
        return problem(f"the audio file '{relative}' does not exist (looked for {display_path(path, root)})")
    return Audio(path, raw.get("title"), duration and duration.strip(), path.stat().st_size, mime), []

