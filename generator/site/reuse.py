"""What one render of the site hands to the next, for a caller that renders again and again.

The MkDocs plugin under `mkdocs serve` renders the whole site after every save. It passes one
`Reuse` to every render, so that a part whose inputs equal those of the last render is taken as
it was: after a one-entry edit, only the event pages that show that entry are rendered again
(its own, its copy family's, those of the events related to it or that name it as their
outcome), only the copy maps that draw it, only its feed item, the feeds that carry it and its
download record, and only the lists that show it or its copy links (its company's and chapters'
events, or their year pages and the timeline's once they are split); in the Chinese tree, only
its localized entry; summaries already converted are not converted again.
Within one render too, a part asked for twice is made once (a copy family's map, the same on each
of the family's pages). What every part reads (the templates, companies, chapters, the site's
address) is the render's `shared` inputs: when any of those changes, every part is made again.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from generator.site.publication import Summaries

T = TypeVar("T")


class Reuse:
    def __init__(self) -> None:
        self.summaries = Summaries()  # converted by text: right whatever else changed
        self._shared: object = None
        self._last: dict[Hashable, tuple[object, Any]] = {}
        self._now: dict[Hashable, tuple[object, Any]] = {}

    def start(self, shared: object) -> None:
        """Begin a render; the parts of the last one are reused only if `shared` is unchanged."""
        self._last = self._now if shared == self._shared else {}
        self._now = {}
        self._shared = shared

    def part(self, key: Hashable, inputs: object, make: Callable[[], T]) -> T:
        """The part `key` as this render or the last one made it from equal `inputs`, else `make()`.
        Parts not asked for in this render (a deleted entry's page) are forgotten at the next."""
        for kept in (self._now.get(key), self._last.get(key)):
            if kept is not None and kept[0] == inputs:
                content = kept[1]
                break
        else:
            content = make()
        self._now[key] = (inputs, content)
        return content
