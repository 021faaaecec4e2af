"""Entry ids: the pattern, and the one slug maker for titles and file names (model/ids.py)."""

from __future__ import annotations

import pytest

from generator.model.ids import ID_PATTERN, MAX_ID_LENGTH, slug


@pytest.mark.parametrize(("text", "expected"), [
    ("Instagram-Stories", "instagram-stories"),
    ("Facebook launches Lasso: a TikTok clone", "facebook-launches-lasso-a-tiktok-clone"),
    ("café", "cafe"),
    ("cafe\u0301", "cafe"),  # the decomposed form
    ("Straße", "strasse"),
    ("ÀÉÎÕÜ ñ", "aeiou-n"),
    ("  --Snap!!  2.0-- ", "snap-2-0"),
    ("under_score", "under-score"),
])
def test_a_slug_is_lowercase_ascii_words_joined_by_single_hyphens(text: str, expected: str) -> None:
    made = slug(text)
    assert made == expected
    assert ID_PATTERN.fullmatch(made)


@pytest.mark.parametrize("text", ["Привет", "抖音", "Douyin 抖音", "Тикток app", "", "   ", "!!!", "—"])
def test_no_slug_rather_than_a_guess_when_letters_would_be_lost_or_nothing_is_left(text: str) -> None:
    assert slug(text) is None


def test_a_long_title_gives_an_id_no_longer_than_the_limit_and_never_ending_in_a_hyphen() -> None:
    made = slug("word " * 40)
    assert made is not None and len(made) <= MAX_ID_LENGTH and ID_PATTERN.fullmatch(made)
    cut_at_hyphen = slug("a" * (MAX_ID_LENGTH - 1) + " bcd")
    assert cut_at_hyphen == "a" * (MAX_ID_LENGTH - 1)


def test_a_valid_id_is_its_own_slug() -> None:
    for entry_id in ("lasso-launch", "x", "2016-rewind", "a1-b2-c3"):
        assert slug(entry_id) == entry_id


@pytest.mark.parametrize(("text", "valid"), [
    ("lasso-launch", True), ("a", True), ("a--b", False), ("-a", False), ("a-", False), ("A", False),
    ("a_b", False), ("a b", False), ("lasso-launch\n", False),
])
def test_the_id_pattern(text: str, valid: bool) -> None:
    assert bool(ID_PATTERN.fullmatch(text)) == valid


@pytest.mark.parametrize("name", [
    "caf\udce9",  # a file name in Latin-1: os.fsdecode keeps the byte of 'é' as a lone surrogate
    "exe\u202eyaml.txt",  # a right-to-left override, which makes the name read as something else
])
def test_no_slug_for_a_name_with_characters_it_cannot_read(name: str) -> None:
    """Suggesting 'caf' for café, or an id for a name that disguises itself, would be a guess
    (tests/hostile: file-name-not-utf8, file-name-with-bidi-override)."""
    assert slug(name) is None
