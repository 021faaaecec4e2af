"""Atom and JSON Feed 1.1 files: one pair for every event, one per company, one per chapter, and one
for the updates made to entries after they were published.

Each feed carries the FEED_LENGTH newest events, as blogs' feeds do: a reader polls for what is
new, and a feed that grew with the timeline would make every build and every poll slower.

Feeds are built as data (xml.etree elements, json.dumps), never by pasting text into markup, so no
title can change their structure; an item's <entry> is serialised once, by ElementTree, and placed
in every feed that carries it. An item's id is its event page's permanent address, which stays the
same from build to build. Dates are the first possible day of the entry's date: a feed cannot say
"some time in 2016", so each item also carries the date as written and its precision. An item was
last modified (Atom's `updated`, JSON Feed's `date_modified`) on the day of the entry's latest
update, where it has one, so a feed reader shows a corrected entry again.
"""

from __future__ import annotations

import datetime
import html
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, partial

from generator.model.dates import PartialDate
from generator.model.entries import Company, Entry, Project, Theme, Update
from generator.site.publication import LICENCE_NAME, LICENCE_URL, Publication
from generator.model.relations import Relations
from generator.site import urls
from generator.site.language import ENGLISH, Language
from generator.site.reuse import Reuse

ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
EXTENSION = "_copycat_valley"  # JSON Feed extensions start with an underscore
FEED_LENGTH = 50


@dataclass(frozen=True)
class FeedRef:
    """The pair of feeds that follows a page (the timeline, a company, a chapter), and its name."""

    page: str  # the page the feed follows, e.g. companies/meta.md
    title: str

    @property
    def atom(self) -> str:
        return urls.atom_feed(self.page)

    @property
    def json(self) -> str:
        return urls.json_feed(self.page)

    def head(self) -> dict[str, str]:
        """What a page's front matter carries so the theme can link the feeds from <head>."""
        return {"title": self.title, "atom": self.atom, "json": self.json}


def main_feed(site_name: str) -> FeedRef:
    return FeedRef(urls.TIMELINE, site_name)


def updates_feed(site_name: str, language: Language = ENGLISH) -> FeedRef:
    return FeedRef(urls.UPDATES, f"{language.t('Updates')} · {site_name}")


def company_feed(company: Company, site_name: str) -> FeedRef:
    return FeedRef(urls.company(company.key), f"{company.name} · {site_name}")


def theme_feed(theme: Theme, site_name: str) -> FeedRef:
    return FeedRef(urls.chapter(theme.key), f"{theme.title} · {site_name}")


def feed_files(project: Project, rel: Relations, pub: Publication, reuse: Reuse,
               language: Language = ENGLISH) -> dict[str, str]:
    """Every feed file by its path in the site, the FEED_LENGTH newest events first, worded in
    `language` (the project is already in it: site/language.py). An event's item, in as many
    feeds as it has company and chapters, is made once, and kept in `reuse` while the entry
    (with what the render shares: companies, chapters, the site's address) is unchanged; a feed's
    files are kept while its items are."""
    t = language.t
    feeds: list[tuple[FeedRef, str, Sequence[Entry]]] = [
        (main_feed(pub.site_name), t("The {count} newest events on the timeline, newest first.", count=FEED_LENGTH),
         project.entries)
    ]
    for company in project.companies.values():
        description = t("The {count} newest events involving {name}, newest first.", count=FEED_LENGTH, name=company.name)
        feeds.append((company_feed(company, pub.site_name), description, rel.by_company.get(company.key, [])))
    for theme in project.themes.values():
        feeds.append((theme_feed(theme, pub.site_name), theme.summary, rel.by_theme.get(theme.key, [])))
    # Feeds with no events still need an `updated` date: the newest event anywhere.
    fallback = project.entries[-1].date if project.entries else PartialDate(1970)

    def item(entry: Entry) -> _Item:
        return reuse.part((language.code, "feed item", entry.id), entry, lambda: _Item.of(entry, rel, pub, language))

    made: list[tuple[FeedRef, str, Sequence[_Item | _Change], str]] = []
    for ref, description, entries in feeds:
        newest = entries[:-FEED_LENGTH - 1:-1]  # entries are in timeline order (Project, Relations)
        updated = _timestamp(max(map(_modified, newest), key=_first_day) if newest else fallback)
        made.append((ref, description, [item(entry) for entry in newest], updated))
    changes = [_Change(entry, number, update, pub)
               for number, update, entry in newest_updates(project.entries)[:FEED_LENGTH]]
    made.append((updates_feed(pub.site_name, language),
                 t("The {count} newest updates to the entries, newest first.", count=FEED_LENGTH), changes,
                 _timestamp(changes[0].update.date if changes else fallback)))

    def serialised(ref: FeedRef, description: str, items: Sequence[_Item | _Change], updated: str) -> tuple[str, str]:
        return (atom_feed(ref, description, items, updated, pub, language.html_lang),
                json_feed(ref, description, items, pub, language.html_lang))

    files: dict[str, str] = {}
    for ref, description, items, updated in made:
        # A feed is kept while its items are: an edit writes again only the feeds that carry the entry.
        files[ref.atom], files[ref.json] = reuse.part(
            (language.code, "feed", ref.page), (ref, description, items, updated),
            partial(serialised, ref, description, items, updated))
    return files


def newest_updates(entries: Iterable[Entry]) -> list[tuple[int, Update, Entry]]:
    """Every update of every entry, the newest first (then by entry), each with its place in its
    entry's list, from 1: the updates page and its feeds."""
    found = [(number, update, entry) for entry in entries for number, update in enumerate(entry.updates, start=1)]
    return sorted(found, key=lambda item: (item[1].date.first_day, item[2].sort_key, item[0]), reverse=True)


@dataclass
class _Item:
    entry: Entry
    url: str
    # (scheme, term, label): the kind, company and chapters, each labelled with what it is, then the
    # tags as they are, so that the kind "Shutdown" never reads as the tag "shutdown"
    categories: tuple[tuple[str, str, str], ...]
    summary: str  # plain text
    content_html: str

    @cached_property
    def atom_entry(self) -> str:
        return _atom_entry(self.url, self.url, self.entry.title, _timestamp(self.entry.date),
                           _timestamp(_modified(self.entry)), self.summary, self.content_html, self.categories)

    @property
    def json_item(self) -> dict[str, object]:
        entry = self.entry
        extension = {"entry_id": entry.id, "date": entry.date.iso, "date_precision": entry.date.precision,
                     "kind": entry.kind, "company": entry.company, "chapters": list(entry.themes)}
        # The tags alone in `tags`: the kind, company and chapters are in the extension.
        return _json_item(self.url, self.url, entry.title, self.content_html, self.summary, _timestamp(entry.date),
                          extension, date_modified=_timestamp(_modified(entry)), tags=list(entry.tags))

    @classmethod
    def of(cls, entry: Entry, rel: Relations, pub: Publication, language: Language = ENGLISH) -> _Item:
        company = rel.company(entry)
        scheme = pub.site_url + "#"  # a theme and a tag may share a term: the scheme tells them apart
        categories = (
            (scheme + "kind", entry.kind, language.t("Kind: {label}", label=language.kind_labels[entry.kind])),
            (scheme + "company", company.key, language.t("Company: {name}", name=company.name)),
            *((scheme + "chapter", key, language.t("Chapter: {name}", name=rel.project.themes[key].title))
              for key in entry.themes),
            *((scheme + "tag", tag, tag) for tag in entry.tags),
        )
        return cls(entry, pub.event_url(entry), categories, pub.summaries.text(entry.summary),
                   _content(entry, company, pub, language))


@dataclass
class _Change:
    """An item of the updates feed: one update of one entry, its id the entry's page and its number."""

    entry: Entry
    number: int  # its place in the entry's list of updates, from 1: stable while updates are only added
    update: Update
    pub: Publication

    @property
    def id(self) -> str:
        return f"{self.pub.event_url(self.entry)}#update-{self.number}"

    @property
    def url(self) -> str:
        return f"{self.pub.event_url(self.entry)}#entry-updates"

    @property
    def content_html(self) -> str:
        return f"<p>{html.escape(self.update.note)}</p>"

    @property
    def atom_entry(self) -> str:
        stamp = _timestamp(self.update.date)
        return _atom_entry(self.id, self.url, self.entry.title, stamp, stamp, self.update.note, self.content_html)

    @property
    def json_item(self) -> dict[str, object]:
        return _json_item(self.id, self.url, self.entry.title, self.content_html, self.update.note,
                          _timestamp(self.update.date), {"entry_id": self.entry.id, "update": self.number})


def _content(entry: Entry, company: Company, pub: Publication, language: Language) -> str:
    """The item body: when, what and who, the summary, and the sources."""
    e = html.escape
    parts = [
        f"<p><strong>{e(entry.date.human())}</strong> · {e(language.kind_labels[entry.kind])} · {e(company.name)}"
        + (f" · <em>{e(entry.product)}</em>" if entry.product else "") + "</p>",
        pub.summaries.html(entry.summary, pub.event_url(entry)),
        f"<p>{e(language.t('Sources'))}{e(language.t(':'))}</p><ol>",
    ]
    for source in entry.sources:
        label = f"{source.publisher}, “{source.title}”"
        parts.append(f'<li><a href="{e(source.url)}">{e(label)}</a></li>' if source.url else f"<li>{e(label)}</li>")
    parts.append("</ol>")
    return "".join(parts)


def _modified(entry: Entry) -> PartialDate:
    """When an item last changed for its readers: the day of the entry's latest update, else its date."""
    return max((entry.date, *(update.date for update in entry.updates)), key=_first_day)


def _first_day(date: PartialDate) -> datetime.date:
    return date.first_day


def _timestamp(date: PartialDate) -> str:
    """RFC 3339, as Atom and JSON Feed require: the first possible day, at midnight UTC."""
    return date.first_day.isoformat() + "T00:00:00Z"


def atom_feed(
    ref: FeedRef, description: str, items: Iterable[_Item | _Change], updated: str, pub: Publication, lang: str = "en"
) -> str:
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": lang})
    _text(feed, "id", pub.url(ref.atom))
    _text(feed, "title", ref.title)
    _text(feed, "subtitle", description)
    _text(feed, "updated", updated)
    ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=pub.url(ref.atom))
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=pub.page_url(ref.page))
    author = ET.SubElement(feed, "author")
    _text(author, "name", f"{pub.site_name} contributors")
    if pub.repo_url:
        _text(author, "uri", pub.repo_url)
    _text(feed, "rights", f"{LICENCE_NAME} ({LICENCE_URL})")
    _text(feed, "generator", "Copycat Valley timeline generator")
    ET.indent(feed)
    head = ET.tostring(feed, encoding="unicode").removesuffix("\n</feed>")
    entries = "".join(f"\n  {item.atom_entry}" for item in items)
    return f'<?xml version="1.0" encoding="utf-8"?>\n{head}{entries}\n</feed>\n'


def _atom_entry(
    entry_id: str, url: str, title: str, published: str, updated: str, summary: str, content_html: str,
    categories: Iterable[tuple[str, str, str]] = (),
) -> str:
    """An item's <entry>, serialised once and indented for its place in any feed that carries it."""
    entry = ET.Element("entry")
    _text(entry, "id", entry_id)
    _text(entry, "title", title)
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=url)
    _text(entry, "published", published)
    _text(entry, "updated", updated)
    for scheme, term, label in categories:
        ET.SubElement(entry, "category", scheme=scheme, term=term, label=label)
    _text(entry, "summary", summary, type="text")
    _text(entry, "content", content_html, type="html")
    ET.indent(entry, level=1)
    return ET.tostring(entry, encoding="unicode")


def _json_item(
    item_id: str, url: str, title: str, content_html: str, summary: str, published: str,
    extension: dict[str, object], **more: object,
) -> dict[str, object]:
    """An item of a JSON Feed: its fields, then `more` (optional fields of JSON Feed), then ours."""
    return {"id": item_id, "url": url, "title": title, "content_html": content_html, "summary": summary,
            "date_published": published, **more, EXTENSION: extension}


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def json_feed(
    ref: FeedRef, description: str, items: Iterable[_Item | _Change], pub: Publication, lang: str = "en"
) -> str:
    authors = [{"name": f"{pub.site_name} contributors", **({"url": pub.repo_url} if pub.repo_url else {})}]
    feed = {
        "version": JSON_FEED_VERSION,
        "title": ref.title,
        "home_page_url": pub.page_url(ref.page),
        "feed_url": pub.url(ref.json),
        "description": description,
        "language": lang,
        "authors": authors,
        EXTENSION: {"license": LICENCE_NAME, "license_url": LICENCE_URL},
        "items": [item.json_item for item in items],
    }
    # Compact and ASCII (other characters as \u escapes): what the C encoder writes fastest.
    return json.dumps(feed, separators=(",", ":")) + "\n"
