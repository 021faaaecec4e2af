"""Entry ids: what one may look like, and the one way an id is made from other text."""

from __future__ import annotations

import re
import unicodedata

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
MAX_ID_LENGTH = 80


def slug(text: str) -> str | None:
    """An id made from a title or a file name: 'Instagram-Stories' -> 'instagram-stories',
    'Café' (either Unicode form) -> 'cafe', 'Straße' -> 'strasse'. None when letters would be
    lost (Cyrillic, Chinese) or nothing is left, rather than guess."""
    letters = "".join(char for char in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(char))
    # Outside ASCII only punctuation, symbols and spaces (a dash, a quotation mark) may be dropped:
    # a letter, an invisible or direction-changing character, or an undecodable byte may not.
    if any(not char.isascii() and unicodedata.category(char)[0] not in "PSZ" for char in letters):
        return None
    made = "-".join(re.findall(r"[a-z0-9]+", letters))[:MAX_ID_LENGTH].strip("-")
    return made or None
