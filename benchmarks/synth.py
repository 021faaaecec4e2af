"""A synthetic Copycat Valley of any size, made from the real entries so its pages look like ours.

Generation 0 is the real entries unchanged (the hand-written pages in docs/ link to them).
Every further generation is a copy of all real entries with new ids (`<id>-g<n>`), every date
moved back by a multiple of four years (so 29 February stays valid), and the words of titles and
products, the first word of summaries and the source addresses marked with the generation, so that `check` does not take
them for near-duplicates of each other (they would be warnings, and the strict build fails). References stay inside their generation: a copy's original is the same generation's copy
of the real original, which is earlier by the same amount. Companies and themes are the real ones.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
YEAR_SHIFTS = 8  # generations cycle through 0, 4, ... 28 years earlier: about 45 years of events
TITLE_LIMIT = 120
DATE = re.compile(r"^([0-9]{4})(-.*)?$")


@dataclass(frozen=True)
class RealEntry:
    entry_id: str
    data: dict[str, Any]


def read_real_entries(entries_dir: Path) -> list[RealEntry]:
    """The real entries, oldest first (read with PyYAML: they are our own, already validated)."""
    found = []
    for path in sorted(entries_dir.glob("[0-9][0-9][0-9][0-9]/*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar stays text
        found.append(RealEntry(path.stem, data))
    return sorted(found, key=lambda item: (item.data["date"], item.entry_id))


def make_project(target: Path, count: int, source_root: Path = ROOT) -> list[str]:
    """Write mkdocs.yml, docs/ and `count` entries (at least the real ones) under `target`.

    Returns the ids written, in the order generated.
    """
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    config = (source_root / "mkdocs.yml").read_text(encoding="utf-8")
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    for folder in sorted(source_root.iterdir()):  # docs/ and what mkdocs.yml names (overrides/ ...)
        if folder.is_dir() and (folder.name == "docs" or re.search(rf"\b{re.escape(folder.name)}\b", config)) \
                and folder.name not in ("entries", "generator") and not folder.name.startswith("."):
            shutil.copytree(folder, target / folder.name)
    entries = target / "entries"
    entries.mkdir()
    for name in ("companies.yaml", "themes.yaml"):
        shutil.copy2(source_root / "entries" / name, entries / name)
    real = read_real_entries(source_root / "entries")
    written: list[str] = []
    generation = 0
    while len(written) < count or generation == 0:
        wanted = real if generation == 0 else real[: count - len(written)]
        members = {item.entry_id for item in wanted}
        for item in wanted:
            entry_id, data = synthetic_entry(item, generation, members)
            year = data["date"][:4]
            path = entries / year / f"{entry_id}.yaml"
            path.parent.mkdir(exist_ok=True)
            path.write_text(_dump(data), encoding="utf-8")
            written.append(entry_id)
        generation += 1
    return written


def synthetic_entry(item: RealEntry, generation: int, members: set[str]) -> tuple[str, dict[str, Any]]:
    """The copy of one real entry for `generation`; references outside `members` are dropped."""
    if generation == 0:
        return item.entry_id, item.data
    shift = 4 * (generation % YEAR_SHIFTS)
    data = _shift_dates(item.data, shift)

    def new_id(old: str) -> str:
        return f"{old}-g{generation}"

    data["title"] = _marked(data["title"], generation, TITLE_LIMIT)
    # Every summary different, as real ones are: the generator caches work on a summary's text.
    data["summary"] = _code(generation) + data["summary"]
    if "product" in data:
        # The code in front of the whole product too: a product of short words ("X", or "Mi One
        # (小米手机)", whose words in brackets are not compared) would otherwise be the same in
        # generations eight apart, which share their dates: a near-duplicate.
        data["product"] = _code(generation) + _marked(data["product"], generation, TITLE_LIMIT)
    for source in [*data["sources"], *(c["source"] for c in data.get("corrections", []))]:
        if "url" in source:
            source["url"] += ("&" if "?" in source["url"] else "?") + f"synthetic={generation}"
    if "copy_of" in data:
        originals = [new_id(old) for old in data["copy_of"] if old in members]
        if originals:
            data["copy_of"] = originals
        else:  # its original is not in this partial generation
            del data["copy_of"]
            data["kind"] = "milestone"
            data.pop("outcome", None)
    if "related" in data:
        data["related"] = [new_id(old) for old in data["related"] if old in members]
        if not data["related"]:
            del data["related"]
    outcome = data.get("outcome")
    if isinstance(outcome, dict) and "entry" in outcome:
        if outcome["entry"] in members:
            outcome["entry"] = new_id(outcome["entry"])
        else:
            del outcome["entry"]
    return new_id(item.entry_id), data


def _marked(text: str, generation: int, limit: int) -> str:
    """Every word of four letters or more gets the generation's code in front: 'Stories' -> 'bcStories'
    (in front, so that no stemming of endings makes two generations' words equal)."""
    code = _code(generation)
    marked = re.sub(r"[^\W\d_]{4,}", lambda match: code + match.group(0), text)
    return marked if len(marked) <= limit else marked[:limit].rsplit(" ", 1)[0]


def _code(generation: int) -> str:
    """The generation in letters: 1 -> 'b', 27 -> 'bb'."""
    code = ""
    number = generation
    while number:
        number, digit = divmod(number, 26)
        code = "abcdefghijklmnopqrstuvwxyz"[digit] + code
    return code


def _shift_dates(value: Any, years: int, key: str = "") -> Any:
    """A deep copy with every date field moved back by `years`."""
    if isinstance(value, dict):
        return {k: _shift_dates(v, years, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift_dates(v, years) for v in value]
    if key == "date" and isinstance(value, str):
        match = DATE.match(value)
        if match:
            return f"{int(match.group(1)) - years:04d}{match.group(2) or ''}"
    return value


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
