"""Rules for one file: the JSON Schema, then what a schema cannot say (real dates, safe text).

The JSON Schemas in `schema/` are the single source of truth for the shape of a file; editors use
the same files. What a schema cannot say is in FIELD_RULES, one registry walked once over every
value and key of the file, so a rule added there applies to every file. Every problem is mapped
back to the line and column where it is written.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, partial
from importlib import resources
from typing import Any, cast
from urllib.parse import urlsplit

import fastjsonschema

from generator.model.dates import FORMAT_HINT, PartialDate
from generator.load.markdown_rules import invisible_characters, link_target_problem, markdown_problems
from generator.model.citations import cited_numbers, markers
from generator.model.problems import Level, Problem, excerpt, non_ascii
from generator.model.translation import has_cjk, mostly_cjk
from generator.load.yamlread import Path_, YamlDocument

SchemaName = str  # "entry", "companies" or "themes"

ID_HINT = "an entry's id is its file name, entries/<YYYY>/<id>.yaml"
# Words people write for a field that difflib cannot connect to its name.
FIELD_SYNONYMS = {"link": "url", "href": "url", "description": "summary", "name": "title", "text": "body"}


@cache
def load_schema(name: SchemaName) -> dict[str, Any]:
    text = resources.files("generator").joinpath(f"schema/{name}.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    """A schema pattern as JSON Schema (ECMA-262) means it: a final `$` ends the text. Python's `$`
    also matches before a trailing newline, which would let "2016\\n" or "meta\\n" through."""
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith("\\$") else pattern)


@cache
def _inlined(name: SchemaName) -> dict[str, Any]:
    schema = load_schema(name)
    inlined: dict[str, Any] = _inline_refs(schema, schema.get("definitions", {}))
    return inlined


@cache
def _accepts(name: SchemaName) -> Callable[[object], object]:
    """A validator compiled to Python code: it only says yes or no, and much faster than
    jsonschema. Most files are valid, so jsonschema runs only to explain a file this rejects."""
    return cast(Callable[[object], object], fastjsonschema.compile(_inlined(name)))


def is_valid(name: SchemaName, data: object) -> bool:
    try:
        _accepts(name)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@cache
def explaining_validator(name: SchemaName) -> Any:
    """jsonschema, which explains every error with its place; imported only when a file has one."""
    import jsonschema

    def pattern(validator: Any, pattern: str, instance: object, schema: dict[str, Any]) -> Iterator[Any]:
        if isinstance(instance, str) and not _ecma_regex(pattern).search(instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")

    strict_draft7 = jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": pattern})
    return strict_draft7(_inlined(name))


def _inline_refs(node: Any, definitions: dict[str, Any]) -> Any:
    """The schema with every local `$ref` replaced by its definition (ours are not recursive).

    jsonschema would otherwise resolve each reference again for every file it explains."""
    if isinstance(node, list):
        return [_inline_refs(item, definitions) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref", "")
    if ref.startswith("#/definitions/"):
        return _inline_refs(definitions[ref.removeprefix("#/definitions/")], definitions)
    return {key: _inline_refs(value, definitions) for key, value in node.items() if key != "definitions"}


def field_name(path: Path_) -> str:
    """`sources[0].url` for ('sources', 0, 'url')."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def did_you_mean(word: str, choices: object) -> str:
    matches = difflib.get_close_matches(word, [str(c) for c in choices], n=1, cutoff=0.6)  # type: ignore[attr-defined]
    return f" (did you mean '{matches[0]}'?)" if matches else ""


def check_file(doc: YamlDocument, schema: SchemaName, path: str) -> list[Problem]:
    """Every problem in one parsed file: schema errors, then each FIELD_RULES rule on each value
    and key it applies to."""
    if not isinstance(doc.data, dict):
        what = "empty" if doc.data is None else f"a {'list' if isinstance(doc.data, list) else 'single value'}"
        return [Problem(path, 1, 1, f"the file must be a mapping of fields, but it is {what}")]
    problems = [] if is_valid(schema, doc.data) else list(_schema_problems(doc, schema, path))
    data = doc.data
    for location, value in _walk(data):
        if isinstance(value, dict):
            for key in value:
                for offset, message in invisible_characters(key) if isinstance(key, str) else ():
                    line, col = doc.position((*location, key), of_key=True)
                    problems.append(Problem(path, line, col + offset, f"key: {message}"))
        if not location:
            continue
        for rule in FIELD_RULES:
            if isinstance(value, rule.takes) and rule.applies(schema, location):
                problems += [_placed(doc, path, location, offset, message, rule.level, rule.topic)
                             for offset, message in rule.check(value, location, data)]
    return sorted(set(problems))


def _placed(
    doc: YamlDocument, path: str, location: Path_, offset: int | None, message: str, level: Level = "error",
    topic: str | None = None,
) -> Problem:
    """A rule's finding as a problem: at a character of the value, or (offset None) at the value."""
    line, col = doc.position(location) if offset is None else doc.position_in_value(location, offset)
    return Problem(path, line, col, f"{field_name(location)}: {message}", level, topic)


def _schema_problems(doc: YamlDocument, schema: SchemaName, path: str) -> Iterator[Problem]:
    for error in explaining_validator(schema).iter_errors(cast(Any, doc.data)):
        location = tuple(error.absolute_path)
        for (line, col), message in _explain(error, location, doc):
            yield Problem(path, line, col, message)


def _explain(
    error: Any, location: Path_, doc: YamlDocument
) -> Iterator[tuple[tuple[int, int], str]]:
    """Turn one jsonschema error into messages a contributor can act on, with positions."""
    prefix = f"{field_name(location)}: " if location else ""
    # jsonschema's stubs type these as unions with "Unset"; in a reported error they are set.
    instance: Any = error.instance
    schema: Any = error.schema
    kind: Any = error.validator
    custom = schema.get("errorMessage") if isinstance(schema, dict) else None
    if kind == "required":
        for name in cast(Any, error.validator_value):
            if isinstance(instance, dict) and name not in instance:
                yield doc.position(location), f"{prefix}missing required field '{name}'{_required_hint(name)}"
    elif kind == "additionalProperties" and isinstance(instance, dict):
        known = schema.get("properties", {})
        for name in sorted(set(instance) - set(known)):
            where = doc.position((*location, name), of_key=True)
            if not location and name == "id":
                hint = _id_hint(instance[name])
            elif FIELD_SYNONYMS.get(name) in known:
                hint = f" (did you mean '{FIELD_SYNONYMS[name]}'?)"
            else:
                hint = did_you_mean(name, known)
            yield where, f"{prefix}unknown field '{excerpt(name)}'{hint}"
    elif kind == "propertyNames":
        bad = str(instance)
        yield doc.position((*location, bad), of_key=True), f"'{excerpt(bad)}': {custom or error.message}"
    elif kind == "pattern" and custom == FORMAT_HINT:
        return  # a date: _date_problems says exactly what is wrong with it
    elif instance is None:
        yield doc.position(location), f"{prefix}is empty"
    elif kind == "enum":
        yield doc.position(location), f"{prefix}{custom or error.message}{did_you_mean(str(instance), cast(Any, error.validator_value))}"
    elif kind == "maxLength":
        yield doc.position(location), f"{prefix}is too long ({len(instance)} characters; at most {cast(Any, error.validator_value)})"
    elif kind == "minLength":
        yield doc.position(location), f"{prefix}is empty"
    elif kind == "minItems":
        yield doc.position(location), f"{prefix}needs at least {cast(Any, error.validator_value)} item"
    elif kind == "uniqueItems":
        yield doc.position(location), f"{prefix}lists the same item more than once"
    elif kind == "pattern" and isinstance(instance, str):
        foreign = non_ascii(instance)
        named = f" (it contains {foreign})" if foreign else ""
        yield doc.position(location), f"{prefix}{custom or error.message}, got '{excerpt(instance)}'{named}"
    else:
        yield doc.position(location), f"{prefix}{custom or error.message}"


def _id_hint(value: object) -> str:
    """For an `id:` field: ids are not written in the file, so say where they come from."""
    if isinstance(value, str) and re.fullmatch(load_schema("entry")["definitions"]["slug"]["pattern"], value):
        return f" ({ID_HINT}: to use '{value}', name the file {value}.yaml)"
    return f" ({ID_HINT})"


def _required_hint(name: str) -> str:
    hints = {
        "copy_of": " (a copy names the entries it copied)",
        "outcome": " (a copy says how it fared: active, shut-down, merged or unknown)",
    }
    return hints.get(name, "")


def _walk(node: object) -> Iterator[tuple[Path_, object]]:
    """Every value of a document with its path, containers included; no recursion."""
    stack: list[tuple[Path_, object]] = [((), node)]
    while stack:
        here, value = stack.pop()
        yield here, value
        if isinstance(value, dict):
            stack.extend(((*here, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*here, index), item) for index, item in enumerate(value))


Finding = tuple[int | None, str]  # an offset in the value (None: the whole value), and the message
# A rule's check: the value, its path, and the whole file (a citation marker needs the sources).
Check = Callable[[Any, Path_, dict[str, Any]], list[Finding]]


@dataclass(frozen=True)
class FieldRule:
    """A rule a schema cannot express, for the values `applies` selects by schema and path: text
    values, or the mappings (`takes=dict`) a rule about a whole item reads."""

    applies: Callable[[SchemaName, Path_], bool]
    check: Check
    level: Level = "error"
    takes: type = str
    topic: str | None = None  # Problem.topic


def _of_value(check: Callable[[str], list[Finding]]) -> Check:
    """A check that reads the value alone (most do)."""
    return lambda value, location, data: check(value)


def _date_findings(value: str) -> list[Finding]:
    """PartialDate is the one judge of dates (the format, with the fix for near misses such as
    2016-8-2 or a time of day, and the calendar), so a date accepted here always converts."""
    try:
        PartialDate.parse(value)
    except ValueError as error:
        return [(None, str(error) if value else "is empty")]
    return []


def _url_findings(value: str) -> list[Finding]:
    """An address that passes the schema's pattern but would break the Markdown link it goes into."""
    problem = link_target_problem(value) if _url_shape().search(value) else None
    return [(None, problem)] if problem else []


# Where an archived copy may live: services that keep a page as it was, under an address that does
# not change. Only https, on these hosts exactly (no other port, no user name before the host).
ARCHIVE_HOSTS = ("web.archive.org", "archive.today", "archive.ph", "archive.is", "perma.cc")
ARCHIVE_RULE = (
    "must be an https:// address on a known archive (web.archive.org, archive.today, archive.ph, "
    "archive.is or perma.cc), such as https://web.archive.org/web/<YYYYMMDD>/<the source's url>"
)


def _archive_findings(value: str) -> list[Finding]:
    """An archived copy must be on a known archive. Checked only once the address passes the URL
    rules above, so a broken address gets one message, not two."""
    if _url_findings(value) or not _url_shape().search(value):
        return []
    parts = urlsplit(value)
    try:
        port = parts.port
    except ValueError:
        port = -1
    known = parts.hostname in ARCHIVE_HOSTS and "@" not in parts.netloc and port in (None, 443)
    if parts.scheme == "https" and known:
        return []
    return [(None, f"{ARCHIVE_RULE}, got '{excerpt(value)}'")]


@cache
def _url_shape() -> re.Pattern[str]:
    return _ecma_regex(load_schema("entry")["definitions"]["url"]["pattern"])


def _markdown_findings(inline_only: bool) -> Callable[[str], list[Finding]]:
    return lambda value: list(markdown_problems(value, inline_only=inline_only))


# The fields whose sentences cite the entry's sources with markers (`model.citations`): every marker
# must name a source, and every source should be named by a marker in one of them.
CITING_FIELDS: frozenset[Path_] = frozenset({("summary",), ("body",)})


def _cites_sources(schema: SchemaName, location: Path_) -> bool:
    """The fields whose markers must name a source: the English ones and their Chinese text (whose
    markers are not counted for `_uncited_source`: the English cites every source already)."""
    return schema == "entry" and (location in CITING_FIELDS or location in (("zh", "summary"), ("zh", "body")))


def _is_source(schema: SchemaName, location: Path_) -> bool:
    return schema == "entry" and len(location) == 2 and location[0] == "sources" and isinstance(location[1], int)


def _unresolved_markers(value: str, location: Path_, data: dict[str, Any]) -> list[Finding]:
    """A marker whose number is not the position of one of the entry's sources."""
    count = len(data["sources"]) if isinstance(data.get("sources"), list) else 0
    have = f"the entry has {count} source{'s' if count != 1 else ''}" + (
        "" if count == 0 else ", [1]" if count == 1 else f", [1] to [{count}]")
    return [(marker.start, f"marker [{marker.number}] points at no source: {have}")
            for marker in markers(value) if not 1 <= marker.number <= count]


def _uncited_source(value: dict[str, Any], location: Path_, data: dict[str, Any]) -> list[Finding]:
    """A source that no marker names: either a sentence lacks its marker, or the source supports nothing."""
    number = cast(int, location[1]) + 1
    if any(number in cited_numbers(text) for text in map(partial(_text_at, data), CITING_FIELDS)):
        return []
    return [(None, f"no marker cites this source: write [{number}] after each sentence it supports")]


def _text_at(data: dict[str, Any], location: Path_) -> str:
    node: Any = data
    for part in location:
        node = node.get(part) if isinstance(node, dict) else None
    return node if isinstance(node, str) else ""


def _named(*names: str) -> Callable[[SchemaName, Path_], bool]:
    return lambda schema, location: location[-1] in names


def _entry_field(*locations: Path_) -> Callable[[SchemaName, Path_], bool]:
    return lambda schema, location: schema == "entry" and location in locations


def _catalog_field(schema_name: SchemaName, *names: str) -> Callable[[SchemaName, Path_], bool]:
    """A field of one item of companies.yaml or themes.yaml (`bytedance.name_zh`)."""
    return lambda schema, location: schema == schema_name and len(location) == 2 and location[1] in names


CORRECTION_TEXTS = ("claimed_by", "claim", "finding")


def _in_chinese(schema: SchemaName, location: Path_) -> bool:
    """The fields written in Chinese: an entry's zh block (its corrections' and updates' texts too),
    and the _zh fields of companies and chapters."""
    if schema == "entry":
        return (len(location) == 2 and location[0] == "zh" and location[1] != "translates") or (
            len(location) == 4 and location[:2] == ("zh", "corrections") and location[3] in CORRECTION_TEXTS) or (
            len(location) == 4 and location[:2] == ("zh", "updates") and location[3] == "note")
    return _catalog_field("companies", "name_zh", "description_zh")(schema, location) or _catalog_field(
        "themes", "title_zh", "summary_zh")(schema, location)


def _in_english(schema: SchemaName, location: Path_) -> bool:
    """The English prose fields, notes included (not names: a company's aliases may well be 抖音, and
    a correction's `claimed_by` may name a Chinese publication as it titles itself)."""
    if schema == "entry":
        return location in (("title",), ("summary",), ("body",), ("date_note",), ("outcome", "note")) or (
            len(location) == 3 and location[0] == "corrections" and location[2] in ("claim", "finding")) or (
            len(location) == 3 and location[0] == "updates" and location[2] == "note")
    return _catalog_field("companies", "description")(schema, location) or _catalog_field(
        "themes", "title", "summary")(schema, location)


def _cjk_findings(value: str) -> list[Finding]:
    return [] if has_cjk(value) else [(None, "Chinese text holds no Chinese characters (is it still the English?)")]


def _mixup_findings(value: str) -> list[Finding]:
    return [(None, "mostly Chinese text in an English field (Chinese text goes in the zh fields)")] if mostly_cjk(value) else []


def _count_findings(value: list[Any], location: Path_, data: dict[str, Any]) -> list[Finding]:
    """The Chinese corrections (or updates) are shown in place of the English ones, one for one, so
    a list of another length cannot be matched up (the build would have to guess which is which)."""
    field = str(location[-1])
    english = data.get(field)
    count = len(english) if isinstance(english, list) else 0
    if len(value) == count:
        return []
    item = field.removesuffix("s")
    has = f"has no {field}" if count == 0 else f"has {count} {item}{'s' if count != 1 else ''}"
    return [(None, f"{len(value)} Chinese {item}{'s' if len(value) != 1 else ''}, but the English {has}: "
                   f"write one for each English {item}, in the same order")]


FIELD_RULES: tuple[FieldRule, ...] = (
    FieldRule(lambda schema, location: True, _of_value(lambda value: list(invisible_characters(value)))),
    FieldRule(_named("date", "founded"), _of_value(_date_findings)),
    FieldRule(_named("url", "archive_url"), _of_value(_url_findings)),
    FieldRule(_named("archive_url"), _of_value(_archive_findings)),
    FieldRule(_entry_field(("summary",), ("zh", "summary")), _of_value(_markdown_findings(inline_only=True))),
    FieldRule(_entry_field(("body",), ("zh", "body")), _of_value(_markdown_findings(inline_only=False))),
    FieldRule(_cites_sources, _unresolved_markers),
    FieldRule(_is_source, _uncited_source, level="warning", takes=dict),
    FieldRule(_in_chinese, _of_value(_cjk_findings), "warning", topic="translation"),
    FieldRule(_in_english, _of_value(_mixup_findings), "warning", topic="translation"),
    FieldRule(_entry_field(("zh", "corrections"), ("zh", "updates")), _count_findings, takes=list),
)
