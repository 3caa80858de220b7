"""Load YAML written by people, keeping line numbers for error messages."""

from __future__ import annotations

import calendar
import re
from pathlib import Path
from typing import Any

import yaml

from build_tools.errors import ContentError, Problem, display_path


class LineDict(dict):
    """A YAML mapping that remembers the line of each key (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


# libyaml's parser when PyYAML has it; our constructor keeps the line numbers
class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    def __init__(self, stream):
        super().__init__(stream)
        # (line, message) of each impossible date, reported once the file is read
        self.bad_dates: list[tuple[int, str]] = []


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:  # "? [a, b]" or "{[a]: b}": PyYAML's own check, which ours replaces
            raise yaml.constructor.ConstructorError(
                None, None, "a key is a list or a group of keys; a key must be a single word or text", key_node.start_mark
            ) from None
        if key in result:
            # PyYAML silently keeps the last duplicate; a translator would lose work.
            raise yaml.constructor.ConstructorError(
                None, None, f"the key '{key}' appears twice", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
# A date's parts as typed, one or two digits for the month and the day
DATE_PARTS = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class ImpossibleDate(ContentError):
    """Text written as a date that is not one (2027-02-30)."""


def impossible_date(text: str) -> str:
    """Why text that looks like a date (2027-02-30) is not a real one."""
    match = DATE_PARTS.match(text)
    year, month, day = (int(part) for part in match.groups()) if match else (1, 1, 1)
    if year == 0:
        reason = "there is no year 0"
    elif not 1 <= month <= 12:
        reason = f"there is no month {month} (months go from 01 to 12)"
    elif day == 0:
        reason = "a month has no day 0"
    else:
        days = calendar.monthrange(year, month)[1]
        if day > days:
            reason = f"{_MONTHS[month - 1]} {year} has {days} days"
        else:  # the date is fine, so the time after it is not
            return f"'{text}' is not a real date and time. Write the date as YYYY-MM-DD."
    return f"'{text}' is not a real date: {reason}. Write the date as YYYY-MM-DD."


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode):
    # PyYAML lets datetime's ValueError for 2027-02-30 escape as a long traceback
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        loader.bad_dates.append((node.start_mark.line + 1, impossible_date(node.value)))
        return node.value


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def read_text(path: Path, root: Path | None = None) -> str:
    """Read a UTF-8 file, or say which file and line is not UTF-8."""
    raw = Path(path).read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError(
            Problem(
                display_path(path, root),
                line,
                "this file is not valid UTF-8 text. Save it again as UTF-8.",
            )
        ) from None


def parse_yaml(text: str, path: str) -> Any:
    """Parse YAML text; ``path`` is only used in error messages."""
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # An unclosed [ or " is noticed lines later; point at where it opened
        if error.context_mark and error.context and ("flow" in error.context or "quoted" in error.context):
            mark = error.context_mark
        line = mark.line + 1 if mark else None
        reason = error.problem or "the YAML is not valid"
        raise ContentError(
            Problem(path, line, f"this YAML cannot be read ({reason}). Check indentation, colons and quotes.")
        ) from None
    except yaml.YAMLError as error:
        raise ContentError(Problem(path, None, f"this YAML cannot be read ({error})")) from None
    finally:
        loader.dispose()
    if loader.bad_dates:
        raise ImpossibleDate([Problem(path, line, message) for line, message in loader.bad_dates])
    return data


def load_yaml(path: Path, root: Path | None = None) -> Any:
    return parse_yaml(read_text(path, root), display_path(path, root))
