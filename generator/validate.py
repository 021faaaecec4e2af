"""Rules for one file: the JSON Schema, then what a schema cannot say (real dates, safe text).

The JSON Schemas in `schema/` are the single source of truth for field rules; editors use the
same files. Every schema error is mapped back to the line and column where it is written.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Callable, Iterator
from functools import cache, partial
from importlib import resources
from typing import Any, cast

import fastjsonschema
from fastjsonschema.ref_resolver import RefResolver

from .codecache import cached_code
from .dates import FORMAT_HINT, PartialDate
from .markdown_rules import (
    has_invisible_characters,
    invisible_characters,
    link_target_problem,
    markdown_problems,
)
from .problems import Problem, excerpt, non_ascii
from .yamlread import Path_, YamlDocument

SchemaName = str  # "entry", "companies" or "themes"

MARKDOWN_FIELDS = {"summary": True, "body": False}  # field -> inline only
DATE_FIELD_NAMES = frozenset({"date", "founded"})
URL_FIELD_NAMES = frozenset({"url", "archive_url"})
RULE_FIELD_NAMES = DATE_FIELD_NAMES | URL_FIELD_NAMES
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
    """A validator compiled to Python code: it only says yes or no, about fifty times faster than
    jsonschema. Most files are valid, so jsonschema runs only to explain a file this rejects.
    It reads a final `$` as ECMA-262 does (the end of the text), like _ecma_regex. Its code is
    compiled once and kept (codecache.py)."""
    schema = _inlined(name)
    made_from = f"fastjsonschema {fastjsonschema.VERSION}\n{json.dumps(schema, sort_keys=True)}"
    code = cached_code(made_from, partial(fastjsonschema.compile_to_code, schema), f"<{name} schema>")
    namespace: dict[str, Any] = {}
    # Our own schema's code, as fastjsonschema.compile runs it: it defines the validator and what it uses.
    exec(code, namespace)  # noqa: S102
    # The validator's name, found as fastjsonschema.compile finds it.
    name_in_code = RefResolver.from_schema(schema, store={}).get_scope_name()
    return cast(Callable[[object], object], namespace[name_in_code])


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

    Resolving references is a third of jsonschema's time per entry; inlining them once makes
    `check` and every build faster without changing a rule or a message."""
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
    """Every problem in one parsed file: schema errors, invalid dates, unsafe text."""
    if not isinstance(doc.data, dict):
        what = "empty" if doc.data is None else f"a {'list' if isinstance(doc.data, list) else 'single value'}"
        return [Problem(path, 1, 1, f"the file must be a mapping of fields, but it is {what}")]
    problems = [] if is_valid(schema, doc.data) else list(_schema_problems(doc, schema, path))
    # Every value and key is searched for invisible characters, unless the file's text has none and
    # no backslash (with which a quoted value can write one): then only the values other rules read.
    each_value = not doc.text or "\\" in doc.text or has_invisible_characters(doc.text)
    for location, value in _walk(doc.data) if each_value else _rule_values(doc.data):
        if isinstance(value, str) and location:
            if location[-1] in DATE_FIELD_NAMES:
                problems += _date_problems(doc, path, location, value)
            elif location[-1] in URL_FIELD_NAMES:
                problems += _url_problems(doc, path, location, value)
            problems += _text_problems(doc, path, schema, location, value, invisible=each_value)
        elif isinstance(value, dict):
            problems += _key_problems(doc, path, location, value)
    return sorted(set(problems))


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


def _rule_values(data: dict[str, Any]) -> Iterator[tuple[Path_, str]]:
    """The text values that the rules for dates, addresses and Markdown read, with their paths."""
    stack: list[tuple[Path_, object]] = [((), data)]
    while stack:
        here, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in items:
            if isinstance(value, str):
                if key in RULE_FIELD_NAMES or (not here and key in MARKDOWN_FIELDS):
                    yield (*here, key), value
            elif isinstance(value, (dict, list)):
                stack.append(((*here, key), value))


def _walk(node: object, path: Path_ = ()) -> Iterator[tuple[Path_, object]]:
    stack: list[tuple[Path_, object]] = [(path, node)]
    while stack:
        here, value = stack.pop()
        yield here, value
        if isinstance(value, dict):
            stack.extend(((*here, key), item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend(((*here, index), item) for index, item in enumerate(value))


def _date_problems(doc: YamlDocument, path: str, location: Path_, value: str) -> list[Problem]:
    """A date that PartialDate cannot read: the format (with the fix for near misses such as
    2016-8-2 or a time of day) and the calendar (2021-02-30). PartialDate is the one judge, so a
    date accepted here always converts."""
    try:
        PartialDate.parse(value)
    except ValueError as error:
        line, col = doc.position(location)
        return [Problem(path, line, col, f"{field_name(location)}: {error if value else 'is empty'}")]
    return []


def _url_problems(doc: YamlDocument, path: str, location: Path_, value: str) -> list[Problem]:
    """An address that passes the schema's pattern but would break the Markdown link it goes into."""
    if not _url_shape().search(value):
        return []
    problem = link_target_problem(value)
    if not problem:
        return []
    line, col = doc.position(location)
    return [Problem(path, line, col, f"{field_name(location)}: {problem}")]


@cache
def _url_shape() -> re.Pattern[str]:
    return _ecma_regex(load_schema("entry")["definitions"]["url"]["pattern"])


def _key_problems(doc: YamlDocument, path: str, location: Path_, value: object) -> list[Problem]:
    """Invisible characters in the keys of a mapping."""
    problems = []
    for key in _keys_of(value):
        for offset, message in invisible_characters(key):
            line, col = doc.position((*location, key), of_key=True)
            problems.append(Problem(path, line, col + offset, f"key: {message}"))
    return problems


def _text_problems(
    doc: YamlDocument, path: str, schema: SchemaName, location: Path_, value: str, *, invisible: bool
) -> list[Problem]:
    """Invisible characters anywhere (where `invisible`); unsafe Markdown in the Markdown fields of entries."""
    found = invisible_characters(value) if invisible else []
    if schema == "entry" and len(location) == 1 and location[0] in MARKDOWN_FIELDS:
        found += markdown_problems(value, inline_only=MARKDOWN_FIELDS[str(location[0])])
    problems = []
    for offset, message in found:
        line, col = doc.position_in_value(location, offset)
        problems.append(Problem(path, line, col, f"{field_name(location)}: {message}"))
    return problems


def _keys_of(value: object) -> list[str]:
    return [key for key in value if isinstance(key, str)] if isinstance(value, dict) else []
