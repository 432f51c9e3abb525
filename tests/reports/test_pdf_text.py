"""Text for the PDFs: every European name prints as itself; nothing prints as a box."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pa_employer.reports.pdf_text import _letters, plain, safe


def test_european_names_print_as_themselves() -> None:
    for name in ("Łukasz Wiśniewski", "Siobhán Ní Bhriain", "Zoë Ørsted", "Αθηνά", "Ольга"):
        assert plain(name) == name


def test_what_the_font_lacks_becomes_a_question_mark() -> None:
    assert plain("Care 中 ✓") == "Care ? ✓"
    assert plain("🙂") == "?"


def test_markup_is_escaped() -> None:
    assert safe("Tea & <b>cake</b>") == "Tea &amp; &lt;b&gt;cake&lt;/b&gt;"


@given(st.text())
def test_every_character_left_can_be_printed(text: str) -> None:
    letters = _letters()
    assert all(ord(c) in letters or c in "\n\t" for c in plain(text))
    ascii_text = "".join(c for c in text if " " <= c <= "~")
    assert plain(ascii_text) == ascii_text
