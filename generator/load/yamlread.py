"""Strict YAML: every value stays text, and YAML's surprises become problems with a position.

Entry files come from strangers' pull requests, so this reader builds plain data from PyYAML's
*event* stream rather than letting PyYAML construct objects. That means: no implicit typing (`NO`,
`0755`, `1:30` and dates stay exactly as written), no tags (so no `!!python/...`), no anchors or
aliases (so no alias bombs), no merge keys, no duplicate keys, one document per file, and a depth
limit enforced without recursion (so deep nesting cannot crash the process).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.model.problems import excerpt

try:  # libyaml is several times faster; the rules below are the same for both parsers.
    from yaml import CSafeLoader as FastLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as FastLoader  # type: ignore[assignment]

PathPart = str | int
Path_ = tuple[PathPart, ...]
Position = tuple[int, int]

MAX_DEPTH = 32
# Line breaks to YAML (and so to its line numbers) that editors show on the same line.
_YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")
MAX_PROBLEMS_PER_FILE = 25
NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})


@dataclass
class Positions:
    """Where each value and key of a document is written, by its path in the data."""

    values: dict[Path_, Position] = field(default_factory=dict)
    keys: dict[Path_, Position] = field(default_factory=dict)
    block_scalars: set[Path_] = field(default_factory=set)
    lines: list[str] = field(default_factory=list)


@dataclass
class YamlDocument:
    """Plain data (dicts, lists, str, None), and where each value and key is written."""

    data: object = None
    text: str = ""
    positions: Positions = field(default_factory=Positions, repr=False)

    @property
    def values(self) -> dict[Path_, Position]:
        return self.positions.values

    @property
    def keys(self) -> dict[Path_, Position]:
        return self.positions.keys

    def position_in_value(self, path: Path_, offset: int) -> Position:
        """Where character `offset` of the text value at `path` is, as nearly as YAML allows."""
        line, col = self.values.get(path, (1, 1))
        value = self._value_at(path)
        before = value[:offset] if isinstance(value, str) else ""
        if path in self.positions.block_scalars and isinstance(value, str):
            return self._in_block_scalar(line, value, offset)
        if "\n" in before:  # a folded plain or quoted scalar: the line is close enough
            return line + before.count("\n"), 1
        return line, col + len(before)

    def _in_block_scalar(self, indicator_line: int, value: str, offset: int) -> Position:
        """A character of a `|` or `>` scalar: each content line's text is in the value in order,
        only the line breaks between them change (a folded `>` turns most into spaces), so the
        lines are matched to the value one after another."""
        lines = self.positions.lines
        indent: int | None = None
        cursor = 0
        for number in range(indicator_line + 1, len(lines) + 1):
            text = lines[number - 1]
            if not text.strip():
                continue
            own = len(text) - len(text.lstrip(" "))
            indent = own if indent is None else indent
            if own < indent:
                break
            content = text[indent:]
            start = value.find(content, cursor)
            if start < 0:
                break
            if offset < start + len(content):
                return number, indent + max(offset - start, 0) + 1
            cursor = start + len(content)
        return indicator_line + 1 + value[:offset].count("\n"), (indent or 0) + 1

    def _value_at(self, path: Path_) -> object:
        node = self.data
        for part in path:
            try:
                node = node[part]  # type: ignore[index]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def position(self, path: Path_, *, of_key: bool = False) -> Position:
        """Where `path` is written; falls back to the nearest enclosing value."""
        if of_key and path in self.keys:
            return self.keys[path]
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))


@dataclass
class YamlIssue:
    line: int
    col: int
    message: str


class _Frame:
    """A mapping or sequence being built, and where its next item goes."""

    def __init__(self, container: dict[str, object] | list[object], path: Path_) -> None:
        self.container = container
        self.path = path
        self.pending_key: str | None = None
        self.expect_key = isinstance(container, dict)
        self.skip_value = False


def read_yaml(text: str, *, fast: bool = True) -> tuple[YamlDocument, list[YamlIssue]]:
    """Parse one YAML document from `text`, with the position of every value and key and every
    problem with its position; never raises for bad input. `fast` uses libyaml where PyYAML has
    it; the rules are the same for both parsers."""
    loader = FastLoader if fast else yaml.SafeLoader
    builder = _Builder(text)
    for match in _YAML_ONLY_BREAKS.finditer(text):
        line, col = line_col(text, match.start())
        code = ord(match.group())
        builder.issue(line, col, f"invisible line-breaking character U+{code:04X} is not allowed")
    if builder.issues:  # YAML would count lines differently from editors: no position could be trusted
        return builder.document, builder.issues
    try:
        for event in yaml.parse(text, Loader=loader):
            if not builder.feed(event):
                break
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = error.problem or error.context or "invalid YAML"
        if error.context and error.problem:
            message = f"{error.context}: {error.problem}"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        builder.stop(line, col, f"invalid YAML: {message}{_hint(message, text, line, col)}")
    except yaml.reader.ReaderError as error:
        line, col = line_col(text, error.position)
        char = error.character
        code = char if isinstance(char, int) else ord(char)
        builder.stop(line, col, f"control character U+{code:04X} is not allowed")
    except yaml.YAMLError as error:
        builder.stop(1, 1, f"invalid YAML: {error}")
    return builder.document, builder.issues


def _hint(message: str, text: str, line: int, col: int) -> str:
    """The usual fix for the two syntax errors people meet most, which PyYAML words obscurely."""
    lines = text.splitlines()
    at = lines[line - 1][col - 1 : col] if 0 < line <= len(lines) else ""
    if "tab" in message or at == "\t":
        return " (YAML indents with spaces, never tabs)"
    if "escape" in message or "hex" in message:
        return " (in double quotes a backslash starts an escape: write \\\\ or use single quotes)"
    return ""


def line_col(text: str, index: int) -> Position:
    """1-based line and column of a character index in `text`."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


class _Builder:
    def __init__(self, text: str) -> None:
        self.positions = Positions(lines=text.splitlines())
        self.document = YamlDocument(text=text, positions=self.positions)
        self.issues: list[YamlIssue] = []
        self.stack: list[_Frame] = []
        self.documents = 0

    def issue(self, line: int, col: int, message: str) -> None:
        if len(self.issues) < MAX_PROBLEMS_PER_FILE:
            self.issues.append(YamlIssue(line, col, message))

    def stop(self, line: int, col: int, message: str) -> bool:
        """Why reading ends here: always reported, even past the cap, as the last issue."""
        self.issues.append(YamlIssue(line, col, message))
        return False

    def feed(self, event: yaml.Event) -> bool:
        """Take one event; False stops reading (the rest cannot be trusted)."""
        kind = type(event)
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.stack.pop()
            return True
        mark = event.start_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if kind is yaml.ScalarEvent:
            assert isinstance(event, yaml.ScalarEvent)
            self._check_node_properties(event, line, col)
            plain = not event.style  # libyaml reports plain style as "", PyYAML as None
            value = None if (plain and event.value in NULL_WORDS) else event.value
            path = self._place(value, line, col, is_scalar=True)
            if path is not None and event.style in ("|", ">"):
                self.positions.block_scalars.add(path)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            assert isinstance(event, yaml.CollectionStartEvent)
            self._check_node_properties(event, line, col)
            if len(self.stack) >= MAX_DEPTH:
                return self.stop(line, col, f"nested too deeply (more than {MAX_DEPTH} levels)")
            container: dict[str, object] | list[object] = {} if kind is yaml.MappingStartEvent else []
            path = self._place(container, line, col)
            self.stack.append(_Frame(container, path if path is not None else ("?",)))
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                return self.stop(line, col, "only one YAML document per file (remove the extra '---')")
        elif kind is yaml.AliasEvent:
            self.issue(line, col, "YAML aliases (*name) are not allowed: write the value out")
            self._place(None, line, col)
        return True

    def _check_node_properties(self, event: yaml.NodeEvent, line: int, col: int) -> None:
        if event.anchor is not None:
            self.issue(line, col, "YAML anchors (&name) are not allowed: write the value out")
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":
            self.issue(line, col, f"YAML tags are not allowed (found '{excerpt(tag)}')")

    def _place(self, value: object, line: int, col: int, *, is_scalar: bool = False) -> Path_ | None:
        """Put a value where the grammar says it goes; returns its path, None if discarded."""
        if not self.stack:
            self.document.data = value
            self.positions.values[()] = (line, col)
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
            self.positions.values[path] = (line, col)
            return path
        if frame.expect_key:
            frame.expect_key = False
            self._take_key(frame, value, line, col, is_scalar)
            return None
        frame.expect_key = True
        if frame.skip_value or frame.pending_key is None:
            frame.skip_value = False
            return None
        path = (*frame.path, frame.pending_key)
        frame.container[frame.pending_key] = value
        self.positions.values[path] = (line, col)
        return path

    def _take_key(self, frame: _Frame, key: object, line: int, col: int, is_scalar: bool) -> None:
        assert isinstance(frame.container, dict)
        frame.pending_key = None
        frame.skip_value = True
        if not is_scalar or key is None:
            self.issue(line, col, "keys must be plain text")
        elif key == "<<":
            self.issue(line, col, "YAML merge keys (<<) are not allowed: write the fields out")
        elif key in frame.container:
            first_line, _ = self.positions.keys[(*frame.path, key)]
            self.issue(line, col, f"duplicate key '{excerpt(key)}' (first at line {first_line})")
        else:
            assert isinstance(key, str)
            frame.pending_key = key
            frame.skip_value = False
            self.positions.keys[(*frame.path, key)] = (line, col)
