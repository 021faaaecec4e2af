"""What an event page tells machines and readers beyond its text: share cards, structured data,
how to cite it, and where to edit or correct it.

The values are plain data. The event page's front matter carries the machine-readable part
(`share`), which the theme prints into <head> escaped (`| e`, `| tojson`); the page itself shows
the citation and the edit and correction links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from generator.model.entries import Entry
from generator.site.language import ENGLISH, Language
from generator.site.publication import LICENCE_NAME, LICENCE_URL, Publication
from generator.model.relations import Relations
from generator.site import urls

ACCESS_NOTE = "Retrieved on the date you read it; the entry may have changed since."
CORRECTION_LABEL = "correction"


@dataclass(frozen=True)
class EventMeta:
    url: str
    title: str
    description: str
    site_name: str
    json_ld: dict[str, Any]
    citation: str
    bibtex: str
    edit_url: str | None
    correction_url: str | None

    def front_matter(self) -> dict[str, Any]:
        """The `share` mapping the theme turns into OpenGraph, Twitter card and JSON-LD tags."""
        return {
            "url": self.url,
            "title": self.title,
            "description": self.description,
            "site_name": self.site_name,
            "json_ld": self.json_ld,
        }


def event_meta(entry: Entry, rel: Relations, pub: Publication, language: Language = ENGLISH) -> EventMeta:
    """An event page's share card, JSON-LD and citation, in the page's language."""
    url = pub.event_url(entry)
    description = pub.summaries.text(entry.summary)
    return EventMeta(
        url=url,
        title=entry.title,
        description=description,
        site_name=pub.site_name,
        json_ld=json_ld(entry, rel, pub, url, description, language.html_lang),
        citation=citation(entry, pub, url, language),
        bibtex=bibtex(entry, pub, url, language),
        edit_url=pub.edit_link(entry),
        correction_url=correction_url(entry, pub, url),
    )


def json_ld(
    entry: Entry, rel: Relations, pub: Publication, url: str, description: str, in_language: str = "en"
) -> dict[str, Any]:
    """schema.org NewsArticle about the event. The event's date (as precise as known) is the date
    of what it is `about`; the page's own dates (datePublished, dateModified: when its entry file
    was made and last changed) are known only to the adapter, which adds them."""
    company = rel.company(entry)
    sources = [s.url for s in entry.sources if s.url]
    publisher = {"@type": "Organization", "name": pub.site_name, "url": pub.site_url}
    authors = {"@type": "Organization", "name": f"{pub.site_name} contributors", "url": pub.repo_url or pub.site_url}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": entry.title,
        "description": description,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": in_language,
        "license": LICENCE_URL,
        "publisher": publisher,
        "author": authors,
        "about": {
            "@type": "Event",
            "name": entry.title,
            "startDate": entry.date.iso,
            "organizer": {"@type": "Organization", "name": company.name},
        },
        "temporalCoverage": entry.date.iso,
        "image": pub.url(urls.card(urls.event(entry.id))),  # its share card (site/cards.py)
        "citation": sources,
        "isBasedOn": list(sources),
    }
    if entry.tags:
        data["keywords"] = list(entry.tags)
    return data


def citation(entry: Entry, pub: Publication, url: str, language: Language = ENGLISH) -> str:
    t = language.t
    return (
        t("{site} contributors. “{title}” (event of {date}). ", site=pub.site_name, title=entry.title,
          date=entry.date.human())
        + t("{site}, {licence}. {url}. ", site=pub.site_name, licence=LICENCE_NAME, url=url) + t(ACCESS_NOTE)
    )


_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$", "#": r"\#",
    "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_BIBTEX_PATTERN = re.compile("|".join(re.escape(c) for c in _BIBTEX_SPECIAL))


def bibtex_text(text: str) -> str:
    """Text that BibTeX and LaTeX print literally."""
    return _BIBTEX_PATTERN.sub(lambda m: _BIBTEX_SPECIAL[m.group()], " ".join(text.split()))


def bibtex(entry: Entry, pub: Publication, url: str, language: Language = ENGLISH) -> str:
    key = re.sub(r"[^a-z0-9]+", "", pub.site_name.lower()) or "timeline"
    fields = [
        ("author", "{" + bibtex_text(f"{pub.site_name} contributors") + "}"),
        ("title", "{" + bibtex_text(entry.title) + "}"),
        ("howpublished", bibtex_text(pub.site_name)),
        ("url", url),
        ("note", bibtex_text(language.t("Event of {date}. ", date=entry.date.human()) + f"{LICENCE_NAME}. "
                             + language.t(ACCESS_NOTE))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key}:{entry.id},\n{body}\n}}"


def correction_url(entry: Entry, pub: Publication, url: str) -> str | None:
    """A new GitHub issue, prefilled with which entry is wrong and where it lives."""
    if not pub.repo_url:
        return None
    body = (
        f"Entry: {entry.id}\nFile: {entry.path}\nPage: {url}\n\n"
        "What is wrong:\n\n\nWhat the record shows (with a link to a source):\n\n"
    )
    fields = {"title": f"Correction: {entry.title} ({entry.id})", "body": body, "labels": CORRECTION_LABEL}
    query = "&".join(f"{name}={quote(value, safe='')}" for name, value in fields.items())
    return f"{pub.repo_url}/issues/new?{query}"
