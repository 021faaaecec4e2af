"""`new` in a terminal: ask for each value the flags did not give, and ask again until it is valid.

A first-time contributor should not need to know the flags, the company keys or the kinds by
heart: each question names what is expected, suggests the id from the title, and a wrong answer
gets the same message `new --flag` would print (with "did you mean"), then the question again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from generator.model.ids import slug
from generator.model.dates import FORMAT_HINT, PartialDate
from generator.model.entries import KINDS
from generator.scaffold import (
    ScaffoldError,
    company_problem,
    id_problem,
    load_catalogs,
    theme_problem,
    title_problem,
)
from generator.load.fields import did_you_mean

T = TypeVar("T")
Ask = Callable[[str], str]
Tell = Callable[[str], None]


@dataclass(frozen=True)
class NewEntry:
    """What `new` needs; None where neither a flag nor an answer has given it yet."""

    title: str | None = None
    date: str | None = None
    company: str | None = None
    kind: str | None = None
    entry_id: str | None = None
    copy_of: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)

    def missing_flags(self) -> list[str]:
        """The flags `new` cannot do without."""
        values = {"--title": self.title, "--date": self.date, "--company": self.company, "--kind": self.kind}
        return [flag for flag, value in values.items() if value is None]


def complete(entries_dir: Path, given: NewEntry, ask: Ask = input, tell: Tell = print) -> NewEntry:
    """Ask for every missing or invalid value; a value given as a flag is asked again only if invalid."""
    companies, themes = load_catalogs(entries_dir)
    known_ids = {path.stem for path in entries_dir.glob("*/*.yaml")}

    def one_line(answer: str) -> str:
        _fail_if(title_problem(answer))
        return answer.strip()

    def date(answer: str) -> str:
        return PartialDate.parse(answer.strip()).iso

    def company(answer: str) -> str:
        key = answer.strip()
        problem = company_problem(key, companies)
        if problem and "did you mean" not in problem:
            problem += f"; known companies: {', '.join(sorted(companies))}"
        _fail_if(problem)
        return key

    def kind(answer: str) -> str:
        value = answer.strip()
        if value not in KINDS:
            raise ValueError(f"'{value}' is not a kind{did_you_mean(value, KINDS)}; choose one of {', '.join(KINDS)}")
        return value

    def originals(answer: str) -> list[str]:
        ids = answer.split()
        if not ids:
            raise ValueError("a copy names the id of at least one original (the file name without .yaml)")
        for original in ids:
            if original not in known_ids:
                raise ValueError(f"no entry has the id '{original}'{did_you_mean(original, known_ids)}")
        return ids

    def theme_keys(answer: str) -> list[str]:
        keys = answer.split()
        if not keys:
            raise ValueError(f"name at least one theme: {', '.join(themes)}")
        for key in keys:
            _fail_if(theme_problem(key, themes))
        return keys

    def settle(flag: str, question: str, given: str | None, parse: Callable[[str], T]) -> T:
        """The flag's value if it is valid; otherwise ask until an answer is."""
        if given is not None:
            try:
                return parse(given)
            except ValueError as error:
                tell(f"{flag}: {error}")
        while True:
            try:
                answer = ask(f"{question}: ")
            except EOFError:
                raise ScaffoldError("no answer; nothing was written") from None
            try:
                return parse(answer)
            except ValueError as error:
                tell(f"  {error}")

    title = settle("--title", "Title (one line of plain text)", given.title, one_line)
    when = settle("--date", f"Date ({FORMAT_HINT.removeprefix('expected ')})", given.date, date)
    who = settle("--company", "Company (its key in entries/companies.yaml, e.g. meta)", given.company, company)
    what = settle("--kind", f"Kind ({', '.join(KINDS)})", given.kind, kind)
    suggestion = slug(title) or ""

    def new_id(answer: str) -> str:
        value = answer.strip() or suggestion
        _fail_if(id_problem(entries_dir, value) if value else "the title gives no id; type one")
        return value

    question = f"Id, the file name [{suggestion}]" if suggestion else "Id, the file name (lowercase a-z, 0-9, hyphens)"
    entry_id = settle("--id", question, given.entry_id, new_id)
    copy_of = given.copy_of
    if what == "copy":
        copy_of = settle("--copy-of", "Copy of (ids of the originals, separated by spaces)",
                         " ".join(copy_of) or None, originals)
    chosen_themes = settle("--theme", f"Themes, separated by spaces ({', '.join(themes)})",
                           " ".join(given.themes) or None, theme_keys)
    return NewEntry(title, when, who, what, entry_id, copy_of, chosen_themes)


def _fail_if(problem: str | None) -> None:
    if problem:
        raise ValueError(problem)
