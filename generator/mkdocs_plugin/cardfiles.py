"""Share cards as files: drawn into a cache by their content, copied into the built site.

A card is kept in `.cache/cards/<digest>.png`, its digest covering everything that decides its
pixels (site/cards.py), so a rebuild draws only the cards whose text changed. A few missing
cards (a save under `mkdocs serve`) are drawn at once; more (a first build) in a worker process
while MkDocs builds the pages (drawing holds Python's lock, so a thread would not overlap). Every
card is linked (or copied) into the site after the build, unless the site holds that very file
already: cards are never written into docs/ and never committed. Cached cards no page uses are
removed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from generator.site.cards import Card, draw

BATCH = 64  # cards per task given to the worker


class CardFiles:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.cards: list[Card] = []
        self.cached: set[str] = set()  # the cache folder's files when the build started
        self.pool: ProcessPoolExecutor | None = None
        self.pending: list[Future[None]] = []

    def path(self, card: Card) -> Path:
        return self.folder / f"{card.digest}.png"

    def start(self, cards: Iterable[Card]) -> int:
        """Start drawing the cards not in the cache; how many that is."""
        self.cards = list(cards)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.cached = set(os.listdir(self.folder))  # one listing, not a file test per card
        missing = list({card.digest: card for card in self.cards if f"{card.digest}.png" not in self.cached}.values())
        if not missing:
            return 0
        # A card takes a few milliseconds and a worker a few tenths of a second to start: a worker
        # pays only for more cards than one batch (a first build, not a save under `mkdocs serve`).
        if len(missing) <= BATCH or (os.cpu_count() or 1) < 2:
            draw_into(self.folder, missing)
            return len(missing)
        # spawn, not fork: the builder (and `mkdocs serve`'s threads) may hold locks a fork would copy
        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn"))
        self.pending = [self.pool.submit(draw_into, self.folder, missing[i:i + BATCH])
                        for i in range(0, len(missing), BATCH)]
        return len(missing)

    def cancel(self) -> None:
        if self.pool:
            self.pool.shutdown(cancel_futures=True)
        self.pool, self.pending = None, []

    def finish(self, site_dir: Path) -> None:
        """Wait for the drawing, put every card in the site, and forget cached cards no page uses."""
        try:
            for future in self.pending:
                future.result()
        finally:
            self.cancel()
        folders = {os.path.dirname(card.path) for card in self.cards}  # a few folders, not one per card
        for folder in folders:
            (site_dir / folder).mkdir(parents=True, exist_ok=True)
        # A card the site holds already (a link made by an earlier build of `mkdocs serve --dirty`)
        # is the cached file itself: the same inode on the same device, read from one listing of
        # each folder.
        device = self.folder.stat().st_dev
        in_site = {f"{folder}/{item.name}": item.inode() for folder in folders
                   if (site_dir / folder).stat().st_dev == device for item in os.scandir(site_dir / folder)}
        in_cache = {item.name: item.inode() for item in os.scandir(self.folder)}
        for card in self.cards:
            if in_site.get(card.path, -1) != in_cache.get(f"{card.digest}.png"):  # -1: no file there
                _place(self.path(card), site_dir / card.path)
        used = {f"{card.digest}.png" for card in self.cards}  # every card drawn since is one of these
        for name in self.cached - used:
            if name.endswith(".png"):
                (self.folder / name).unlink(missing_ok=True)


def draw_into(folder: Path, cards: list[Card]) -> None:
    """Draw each card into `folder` under its digest; a file appears whole or not at all."""
    for card in cards:
        target = folder / f"{card.digest}.png"
        partial = target.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(draw(card))
        os.replace(partial, target)


def _place(source: Path, target: Path) -> None:
    """The card in the site (its folder made): a hard link to the cached file where the file system
    allows, or a copy. A dirty build's site may hold the card's last version: replaced unless it
    is this very file."""
    try:
        os.link(source, target)
    except FileExistsError:
        if not target.samefile(source):
            target.unlink()
            _place(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)
