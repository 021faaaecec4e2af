"""`new`: a fresh entry file that passes `check`, with placeholders `check` warns about."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from .convert import companies_from, themes_from
from .crosscheck import PLACEHOLDER, suggest_company
from .dates import PartialDate
from .loader import ID_PATTERN, MAX_ID_LENGTH, read_catalogs
from .render import make_env
from .validate import did_you_mean


class ScaffoldError(Exception):
    """Why no file was written."""


def slugify(title: str) -> str:
    """An id from a title: ASCII, lowercase, hyphenated, at most 80 characters."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:MAX_ID_LENGTH].rstrip("-")


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
    entry_id = entry_id or slugify(title)
    if not ID_PATTERN.fullmatch(entry_id) or len(entry_id) > MAX_ID_LENGTH:
        raise ScaffoldError(f"--id: '{entry_id}' is not a valid id (lowercase a-z, 0-9, single hyphens)")
    if "\n" in title or not title.strip():
        raise ScaffoldError("--title: one line of text")
    companies_raw, themes_raw, problems = read_catalogs(entries_dir)
    if companies_raw is None or themes_raw is None:
        raise ScaffoldError("fix entries/companies.yaml and entries/themes.yaml first (run `make check`)")
    companies, all_themes = companies_from(companies_raw), themes_from(themes_raw)
    if company not in companies:
        raise ScaffoldError(f"--company: unknown company '{company}'{suggest_company(company, companies)}")
    for theme in themes:
        if theme not in all_themes:
            raise ScaffoldError(f"--theme: unknown theme '{theme}'{did_you_mean(theme, all_themes)}")
    if kind == "copy" and not copy_of:
        raise ScaffoldError("--copy-of: a copy names the id of at least one original")
    existing = sorted(entries_dir.glob(f"*/{entry_id}.yaml"))
    if existing:
        raise ScaffoldError(f"the id '{entry_id}' is already used by {existing[0]}; ids are never reused")
    text = make_env().get_template("new_entry.yaml.j2").render(
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
