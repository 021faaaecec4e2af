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
    if any(char.isalnum() and not char.isascii() for char in letters):
        return None
    made = "-".join(re.findall(r"[a-z0-9]+", letters))[:MAX_ID_LENGTH].strip("-")
    return made or None
