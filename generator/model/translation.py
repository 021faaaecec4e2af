"""Chinese text beside the English, and how a translation knows which English it follows.

A translation records the fingerprint of the English it was made from (`translates`). When the
English title, summary, body or one of its notes changes, the fingerprint changes, so a stale
translation is found by comparing two short strings: `check` warns, and the Chinese page says the
English is newer.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

TranslationState = Literal["current", "stale", "missing"]

# CJK ideographs (the unified blocks, extension A, compatibility, and the supplementary planes).
_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LETTER_OR_CJK = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class CorrectionText:
    """The Chinese of one correction: what it says, not its source (the source is not repeated)."""

    claimed_by: str
    claim: str
    finding: str


@dataclass(frozen=True)
class Translation:
    """An entry's Chinese text (the `zh:` block); `translates` is None until someone fills it.
    The notes are None (and `corrections` and `updates` empty) where the English has none or nobody
    wrote them yet. `updates` are the Chinese of the English updates' notes, in the same order."""

    title: str
    summary: str
    body: str | None = None
    translates: str | None = None
    date_note: str | None = None
    outcome_note: str | None = None
    corrections: tuple[CorrectionText, ...] = ()
    updates: tuple[str, ...] = ()


def fingerprint(title: str, summary: str, body: str | None, notes: Iterable[tuple[str, str]] = ()) -> str:
    """8 hex digits naming the English text, whitespace aside (re-wrapping a paragraph is no change).

    The parts are joined with a separator no text can hold, so moving words from the title to the
    summary changes the fingerprint too. `notes` are the entry's notes that are present, each with
    its field's name (`date_note`, `corrections[0].claim`): appended after the body only when there
    are some, so the fingerprint of an entry without notes is what it always was."""
    texts = [title, summary, body or ""] + [f"{name}\x01{text}" for name, text in notes]
    parts = (" ".join(text.split()) for text in texts)
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()[:8]


def state(translation: Translation | None, current: str) -> TranslationState:
    """What a reader of the Chinese page should be told. A translation without a fingerprint
    counts as current: the translator wrote it from the English of that day (check asks for one)."""
    if translation is None:
        return "missing"
    if translation.translates is not None and translation.translates != current:
        return "stale"
    return "current"


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def mostly_cjk(text: str) -> bool:
    """More Chinese characters than Latin (or other) letters, and more than a short name: an
    English sentence naming 硅兔赛跑 is fine, a Chinese sentence in an English field is not."""
    cjk = len(_CJK.findall(text))
    if cjk < 6:
        return False
    return cjk * 2 > len(_LETTER_OR_CJK.findall(text))
