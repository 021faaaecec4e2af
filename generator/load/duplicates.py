"""Near-duplicate warnings: an entry that looks like another one was probably added twice.

Strangers add events without knowing everything already in entries/, so `check` points out an
entry whose title, product or source closely matches another entry's, or that records the same
event (company, kind, date and original or outcome), naming that entry. Every
entry is compared with every other, but through indexes (a dict per normalised product and URL,
and an index of each title's rarest words) so the cost grows with the number of entries rather
than with the number of pairs: `check` must stay fast at 10,000 entries.

Two distinct events often share a product or an article (a launch and its shutdown), so those
only count with the same kind and nearly the same date. Entries that name each other in
`related`, `copy_of` or `outcome.entry` are known to be distinct and are never flagged.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.model.dates import PartialDate
from generator.model.entries import Entry
from generator.model.problems import Problem
from generator.load.located import LocatedEntry
from generator.load.yamlread import Path_

TITLE_SIMILARITY = 0.6  # share of distinct title words in common (Jaccard index)
DATE_TOLERANCE_DAYS = 3  # time zones, and "reported the next day"
NEIGHBOURS = 32  # how many entries with the same key each one is compared with, at most

STOP_WORDS = frozenset(
    "a an and as at be by for from in into is it its of on or than that the their then this to was "
    "were with after before over".split()
)
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid", "igsh",
     "ref_src", "ref_url", "ocid", "cmpid", "smid", "spm", "_ga", "guccounter", "si"}
)

Pair = tuple[int, int]


@dataclass(frozen=True)
class Keys:
    """What an entry's wording is compared by."""

    title: frozenset[str]
    product: str
    urls: frozenset[str]


def keys_of(entry: Entry) -> Keys:
    urls = {normalise_url(source.url) for source in entry.sources if source.url}
    return Keys(title_words(entry.title), _normalise_name(entry.product or ""), frozenset(urls - {""}))


def near_duplicates(located: Sequence[LocatedEntry]) -> list[Problem]:
    """A warning on each entry that looks like another one, naming the first such entry."""
    entries = [item.entry for item in located]
    keys = [item.keys for item in located]
    rules: list[tuple[str, Callable[[Sequence[Entry], Sequence[Keys]], Iterable[Pair]]]] = [
        ("title", _similar_titles),
        ("product", _same_products),
        ("url", _shared_urls),
        ("event", _same_events),
    ]
    problems: list[Problem] = []
    for rule, find_pairs in rules:
        partner: dict[int, int] = {}
        for a, b in find_pairs(entries, keys):
            if _names(entries[a], entries[b]) or _names(entries[b], entries[a]):
                continue
            for one, other in ((a, b), (b, a)):
                if one not in partner or entries[other].path < entries[partner[one]].path:
                    partner[one] = other
        for index, other in sorted(partner.items()):
            problems.append(_warning(located[index], entries[other], rule))
    return problems


def _warning(item: LocatedEntry, other: Entry, rule: str) -> Problem:
    entry = item.entry
    if rule == "url":
        wanted = {normalise_url(s.url) for s in other.sources if s.url}
        index = next(i for i, s in enumerate(entry.sources) if s.url and normalise_url(s.url) in wanted)
        where: Path_ = ("sources", index, "url")
        what = f"sources[{index}].url: the same source, kind and date as"
    elif rule == "product":
        where, what = ("product",), "product: the same product, kind and date as"
    elif rule == "event":
        where, what = ("date",), "date: the same company, kind, date and original (or outcome) as"
    else:
        where, what = ("title",), "title: looks like"
    line, col = item.doc.position(where)
    message = (f"{what} '{other.id}' ({other.path}); if it is the same event, edit that entry instead, "
               f"otherwise add '{other.id}' to related")
    return Problem(entry.path, line, col, message, "warning")


def _names(entry: Entry, other: Entry) -> bool:
    """Whether `entry` refers to `other`, which shows its author knows they are distinct."""
    return other.id in entry.related or other.id in entry.copy_of or (
        entry.outcome is not None and entry.outcome.entry == other.id)


# Titles ---------------------------------------------------------------------------------------


def title_words(title: str) -> frozenset[str]:
    """The words of a title that carry meaning, folded so that 'copies' and 'copy' match."""
    text = unicodedata.normalize("NFKC", title).casefold()
    text = re.sub(r"['’]s\b", "", text)
    return frozenset(_stem(word) for word in re.findall(r"\w+", text) if word not in STOP_WORDS)


def _stem(word: str) -> str:
    """A crude English stemmer: enough for 'launches', 'launched' and 'launch' to match."""
    if len(word) <= 4 or word.endswith("ss"):
        return word
    if word.endswith(("ies", "ied")):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    for suffix in ("ing", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _similar_titles(entries: Sequence[Entry], keys: Sequence[Keys]) -> Iterator[Pair]:
    """Pairs whose title words overlap by at least TITLE_SIMILARITY (Jaccard).

    Prefix filtering: with every title's words ordered rarest first, two titles this similar
    must share a word among the first |words| - ceil(t * |words|) + 1 of each, so only titles
    sharing such a word are compared. A word shared by very many titles keeps only its most
    recent NEIGHBOURS in the index, which bounds the work when thousands of titles look alike.
    """
    words = [key.title for key in keys]
    frequency = Counter(word for group in words for word in group)
    index: dict[str, deque[int]] = defaultdict(lambda: deque(maxlen=NEIGHBOURS))
    for current, group in enumerate(words):
        ordered = sorted(group, key=lambda word: (frequency[word], word))
        prefix = ordered[: len(ordered) - math.ceil(TITLE_SIMILARITY * len(ordered)) + 1]
        candidates = {earlier for word in prefix for earlier in index.get(word, ())}
        for earlier in sorted(candidates):
            if _jaccard(words[earlier], group) >= TITLE_SIMILARITY:
                yield earlier, current
        for word in prefix:
            index[word].append(current)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


# Products and sources ---------------------------------------------------------------------------


def _same_products(entries: Sequence[Entry], keys: Sequence[Keys]) -> Iterator[Pair]:
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (entry, key) in enumerate(zip(entries, keys, strict=True)):
        if key.product:
            groups[(key.product, entry.kind)].append(index)
    yield from _close_in_time(entries, groups.values())


def _shared_urls(entries: Sequence[Entry], keys: Sequence[Keys]) -> Iterator[Pair]:
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, (entry, key) in enumerate(zip(entries, keys, strict=True)):
        for url in key.urls:
            groups[(url, entry.kind)].append(index)
    yield from _close_in_time(entries, groups.values())


def _same_events(entries: Sequence[Entry], keys: Sequence[Keys]) -> Iterator[Pair]:
    """What happened, whatever the wording: the same company and kind on the same date (at its
    precision), copying the same original or ending in the same outcome entry."""
    groups: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        groups[(entry.company, entry.kind, entry.date.iso)].append(index)
    for group in groups.values():
        for position, first in enumerate(group):
            for second in group[position + 1 : position + 1 + NEIGHBOURS]:
                if _targets(entries[first]) & _targets(entries[second]):
                    yield first, second


def _targets(entry: Entry) -> set[str]:
    """The entries an entry's event is about: the originals it copied, the outcome it records."""
    return {*entry.copy_of, *([entry.outcome.entry] if entry.outcome and entry.outcome.entry else [])}


def _close_in_time(entries: Sequence[Entry], groups: Iterable[list[int]]) -> Iterator[Pair]:
    """Pairs within a group whose dates overlap, give or take DATE_TOLERANCE_DAYS; each entry is
    compared with its next NEIGHBOURS in date order."""
    for group in groups:
        ordered = sorted(group, key=lambda i: (entries[i].date, entries[i].path))
        for position, first in enumerate(ordered):
            for second in ordered[position + 1 : position + 1 + NEIGHBOURS]:
                if _dates_close(entries[first].date, entries[second].date):
                    yield first, second


def _dates_close(a: PartialDate, b: PartialDate) -> bool:
    """Whether the periods the two dates stand for (a day, a month or a year) nearly meet."""
    # As ordinals: a day added to 31 December 9999 would overflow a date.
    first_a, last_a, first_b, last_b = (day.toordinal() for day in (a.first_day, a.last_day, b.first_day, b.last_day))
    return first_a <= last_b + DATE_TOLERANCE_DAYS and first_b <= last_a + DATE_TOLERANCE_DAYS


def _normalise_name(name: str) -> str:
    """'Douyin (抖音)' and 'douyin' compare equal: no parentheses, case or punctuation."""
    text = re.sub(r"\([^)]*\)", " ", unicodedata.normalize("NFKC", name).casefold())
    return " ".join(re.findall(r"\w+", text))


def normalise_url(url: str) -> str:
    """One spelling per address: no scheme, `www.`, default port, fragment, trailing slash or
    tracking parameters, and the remaining query parameters sorted."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # such as an unclosed IPv6 bracket: compared as written
        return url.strip()
    host = (parts.hostname or "").rstrip(".").removeprefix("www.")
    port: int | str | None
    try:
        port = parts.port
    except ValueError:  # not a number, or out of range: keep it as written
        port = parts.netloc.rpartition(":")[2]
    query = sorted(
        pair for pair in parts.query.split("&")
        if pair and not _is_tracking(pair.partition("=")[0].lower())
    )
    address = host + (f":{port}" if port not in (None, 80, 443) else "") + parts.path.rstrip("/")
    return address + ("?" + "&".join(query) if query else "")


def _is_tracking(key: str) -> bool:
    return key.startswith("utm_") or key in TRACKING_PARAMETERS
