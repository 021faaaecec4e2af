"""`new`: a fresh entry file that passes `check`, with placeholders `check` warns about."""

from __future__ import annotations

from pathlib import Path

import jinja2

from generator.load.convert import companies_from, themes_from
from generator.load.crossfile import PLACEHOLDER, suggest_company
from generator.model.dates import PartialDate
from generator.load.project import read_catalogs
from generator.model.ids import ID_PATTERN, MAX_ID_LENGTH, slug
from generator.model.entries import Company, Theme
from generator.load.fields import did_you_mean, load_schema


TEMPLATES_DIR = Path(__file__).parent / "templates"


class ScaffoldError(Exception):
    """Why no file was written."""


def load_catalogs(entries_dir: Path) -> tuple[dict[str, Company], dict[str, Theme]]:
    """The companies and themes a new entry may name."""
    companies_raw, themes_raw, _ = read_catalogs(entries_dir)
    if companies_raw is None or themes_raw is None:
        raise ScaffoldError("fix entries/companies.yaml and entries/themes.yaml first (run `make check`)")
    return companies_from(companies_raw), themes_from(themes_raw)


# Each *_problem function says what is wrong with one value, or None: `new` raises it, and
# the interactive prompts show it and ask again.


def title_problem(title: str) -> str | None:
    longest = load_schema("entry")["properties"]["title"]["maxLength"]
    if "\n" in title or "\r" in title or not title.strip():
        return "one line of text"
    if len(title) > longest:
        return f"at most {longest} characters (this one has {len(title)})"
    return None


def id_problem(entries_dir: Path, entry_id: str) -> str | None:
    if not ID_PATTERN.fullmatch(entry_id) or len(entry_id) > MAX_ID_LENGTH:
        return (f"'{entry_id}' is not a valid id: use lowercase a-z, 0-9 and single hyphens, "
                f"at most {MAX_ID_LENGTH} characters")
    existing = sorted(entries_dir.glob(f"*/{entry_id}.yaml"))
    if existing:
        return f"the id '{entry_id}' is already used by {existing[0]}; ids are never reused"
    return None


def company_problem(company: str, companies: dict[str, Company]) -> str | None:
    if company in companies:
        return None
    return f"unknown company '{company}'{suggest_company(company, companies)} (see entries/companies.yaml)"


def theme_problem(theme: str, themes: dict[str, Theme]) -> str | None:
    return None if theme in themes else f"unknown theme '{theme}'{did_you_mean(theme, themes)}"


def create_entry(
    entries_dir: Path,
    *,
    title: str,
    date: PartialDate,
    company: str,
    kind: str,
    entry_id: str | None,
    copy_of: list[str],
    themes: list[str],
) -> Path:
    """Write entries/<YYYY>/<id>.yaml with exclusive create; never overwrites anything."""
    title_error = title_problem(title)  # before the id, which is made from the title
    if title_error:
        raise ScaffoldError(f"--title: {title_error}")
    entry_id = entry_id or slug(title)
    if not entry_id:
        raise ScaffoldError("--id: the title gives no id (it has letters an id cannot hold); give one with --id")
    companies, all_themes = load_catalogs(entries_dir)
    checks = [
        ("--id", id_problem(entries_dir, entry_id)),
        ("--company", company_problem(company, companies)),
        *(("--theme", theme_problem(theme, all_themes)) for theme in themes),
        ("--copy-of", "a copy names the id of at least one original" if kind == "copy" and not copy_of else None),
    ]
    for flag, problem in checks:
        if problem:
            raise ScaffoldError(f"{flag}: {problem}")
    text = _template().render(
        title=title, date=date.iso, kind=kind, company=company, copy_of=copy_of,
        themes=themes or [next(iter(all_themes))], placeholder=PLACEHOLDER,
    )
    path = entries_dir / f"{date.year:04d}" / f"{entry_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; nothing was written") from None
    return path


def _template() -> jinja2.Template:
    """The new entry's template: YAML, every value written as JSON by `tojson`."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("new_entry.yaml.j2")
