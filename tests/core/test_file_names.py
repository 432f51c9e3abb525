"""Names suggested for saved files: the person, what, the period; safe everywhere."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pa_employer.core.file_names import period_name, safe_file_name, suggested_name


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (date(2026, 11, 1), date(2026, 11, 30), "2026-11"),
        (date(2026, 4, 1), date(2026, 6, 30), "2026 Q2"),
        (date(2026, 10, 1), date(2026, 12, 31), "2026 Q4"),
        (date(2026, 4, 1), date(2027, 3, 31), "2026-27"),
        (date(2026, 1, 1), date(2026, 12, 31), "2026"),
        (date(2026, 11, 2), date(2026, 11, 29), "2026-11-02 to 2026-11-29"),
        (date(2026, 12, 7), date(2026, 12, 7), "2026-12-07"),
    ],
)
def test_period_names(start: date, end: date, words: str) -> None:
    assert period_name(start, end) == words


def test_suggested_names_carry_the_person_and_the_period() -> None:
    assert (
        suggested_name("Morag Stewart", "timesheets", "2026-11", "csv")
        == "Morag Stewart - timesheets 2026-11.csv"
    )
    assert (
        suggested_name("Morag Stewart", "return", "2026 Q2", ".pdf")
        == "Morag Stewart - return 2026 Q2.pdf"
    )
    assert suggested_name("", "outcomes", "2026-11", "pdf") == "outcomes 2026-11.pdf"
    assert (
        suggested_name('Jo: "Ann" / O\'Neil?', "return", "", "pdf") == "Jo Ann O'Neil - return.pdf"
    )


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ('a/b\\c:d*e?f"g<h>i|j', "a b c d e f g h i j"),
        ("  ..Morag.. ", "Morag"),
        ("CON", "CON file"),
        ("nul.txt", "nul.txt file"),
        ("tab\there\nnew", "tab here new"),
        ("///", "file"),
    ],
)
def test_unsafe_names_are_made_safe(text: str, safe: str) -> None:
    assert safe_file_name(text) == safe


@given(st.text(max_size=300))
def test_any_text_makes_a_name_every_system_accepts(text: str) -> None:
    name = safe_file_name(text)
    assert name and len(name) <= 120
    assert not set(name) & set('<>:"/\\|?*')
    assert all(ord(c) >= 32 and c != "\x7f" for c in name)
    assert name == name.strip(" .")
