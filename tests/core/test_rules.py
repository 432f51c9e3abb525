"""Rule tables: parsing, validation, dated lookups and per-employer overrides."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pa_employer.core.rules import (
    NoRateOnDate,
    OverlappingRules,
    RuleBook,
    RuleFileError,
    RuleRow,
    Status,
    UnknownRule,
    parse_rules_csv,
)

HEADER = "name,value,unit,effective_from,effective_to,jurisdiction,source,status,notes"

SAMPLE = f"""{HEADER}
pa_min,12.60,GBP/hour,2025-04-01,2026-03-31,Scotland,[S32] handbook,confirmed,
pa_min,13.45,GBP/hour,2026-04-01,,Scotland,[S87] budget,expected,unconfirmed
ssp,118.75,GBP/week,2025-04-06,2026-04-05,GB,[S43] gov,confirmed,
ssp,123.25,GBP/week,2026-04-06,,GB,[S43] gov,confirmed,"lower of this, or 80%"
"""


def _row(
    name: str,
    value: str,
    start: date,
    end: date | None,
    status: Status = Status.CONFIRMED,
    overridden: bool = False,
) -> RuleRow:
    return RuleRow(
        name=name,
        value=Decimal(value),
        unit="GBP/hour",
        effective_from=start,
        effective_to=end,
        jurisdiction="Scotland",
        source="test",
        status=status,
        overridden=overridden,
    )


@pytest.fixture
def book() -> RuleBook:
    return RuleBook(parse_rules_csv(SAMPLE, "rates.csv"))


# ---------------------------------------------------------------- Status


def test_status_labels_are_plain_english() -> None:
    assert Status.CONFIRMED.label == "Confirmed"
    assert Status.SECONDARY.label == "From a reputable secondary source"
    assert Status.EXPECTED.label == "Expected, not yet confirmed"
    assert Status.ASSUMPTION.label == "Our assumption"
    assert Status.UNKNOWN.label == "Not known"
    assert Status("expected") is Status.EXPECTED
    assert str(Status.EXPECTED) == "expected"


# ---------------------------------------------------------------- parsing


def test_parse_reads_every_field() -> None:
    rows = parse_rules_csv(SAMPLE, "rates.csv")
    assert len(rows) == 4
    first, second = rows[0], rows[1]
    assert first == RuleRow(
        name="pa_min",
        value=Decimal("12.60"),
        unit="GBP/hour",
        effective_from=date(2025, 4, 1),
        effective_to=date(2026, 3, 31),
        jurisdiction="Scotland",
        source="[S32] handbook",
        status=Status.CONFIRMED,
        notes="",
    )
    assert second.effective_to is None
    assert second.status is Status.EXPECTED
    assert second.notes == "unconfirmed"
    assert rows[3].notes == "lower of this, or 80%"
    assert isinstance(first.value, Decimal)
    assert not first.overridden


def test_parse_accepts_bom_crlf_blank_lines_and_spaces() -> None:
    text = "\ufeff" + SAMPLE.replace("\n", "\r\n") + "\r\n\r\n"
    text = text.replace("pa_min,12.60,", " pa_min , 12.60 ,")
    rows = parse_rules_csv(text, "rates.csv")
    assert len(rows) == 4
    assert rows[0].name == "pa_min"
    assert rows[0].value == Decimal("12.60")


def test_parse_header_only_gives_no_rows() -> None:
    assert parse_rules_csv(HEADER + "\n", "rates.csv") == []


def test_parse_accepts_columns_in_any_order() -> None:
    text = (
        "status,name,value,unit,effective_from,effective_to,jurisdiction,source,notes\n"
        "confirmed,x,1,GBP,2026-01-01,,UK,src,\n"
    )
    (row,) = parse_rules_csv(text, "r.csv")
    assert row.name == "x"
    assert row.status is Status.CONFIRMED


def _bad(line: str) -> str:
    """A file whose line 3 is ``line`` (line 1 is the header, line 2 is good)."""
    good = "ok,1,GBP,2026-01-01,,UK,src,confirmed,"
    return f"{HEADER}\n{good}\n{line}\n"


@pytest.mark.parametrize(
    ("line", "field", "fragment"),
    [
        ("x,12;60,GBP/hour,2026-01-01,,UK,src,confirmed,", "value", "'12;60' is not a number"),
        ('x,"12,60",GBP/hour,2026-01-01,,UK,src,confirmed,', "value", "'12,60' is not a number"),
        ("x,NaN,GBP/hour,2026-01-01,,UK,src,confirmed,", "value", "is not a number"),
        ("x,1e3,GBP/hour,2026-01-01,,UK,src,confirmed,", "value", "is not a number"),
        ("x,£12.60,GBP/hour,2026-01-01,,UK,src,confirmed,", "value", "is not a number"),
        ("x,-1,GBP/hour,2026-01-01,,UK,src,confirmed,", "value", "must not be negative"),
        ("x,,GBP/hour,2026-01-01,,UK,src,confirmed,", "value", "is empty"),
        ("x,1,GBP/hour,2026-13-01,,UK,src,confirmed,", "effective_from", "is not a date"),
        ("x,1,GBP/hour,01/04/2026,,UK,src,confirmed,", "effective_from", "is not a date"),
        ("x,1,GBP/hour,20260401,,UK,src,confirmed,", "effective_from", "is not a date"),
        ("x,1,GBP/hour,,,UK,src,confirmed,", "effective_from", "is empty"),
        ("x,1,GBP/hour,2026-04-01,2026-02-30,UK,src,confirmed,", "effective_to", "not a date"),
        ("x,1,GBP/hour,2026-04-01,2026-03-31,UK,src,confirmed,", "effective_to", "before it"),
        ("x,1,GBP/hour,2026-04-01,,UK,src,maybe,", "status", "'maybe' is not a status"),
        ("x,1,GBP/hour,2026-04-01,,UK,src,Confirmed,", "status", "is not a status"),
        ("x,1,GBP/hour,2026-04-01,,UK,src,,", "status", "is empty"),
        ("x,1,GBP/hr,2026-04-01,,UK,src,confirmed,", "unit", "'GBP/hr' is not a known unit"),
        ("x,1,GBP/hour,2026-04-01,,UK,,confirmed,", "source", "is empty"),
        ("x,1,GBP/hour,2026-04-01,,,src,confirmed,", "jurisdiction", "is empty"),
        (",1,GBP/hour,2026-04-01,,UK,src,confirmed,", "name", "is empty"),
        ("Bad Name,1,GBP/hour,2026-04-01,,UK,src,confirmed,", "name", "lower-case"),
        ("x,1,GBP/hour,2026-04-01,,UK,src", "status", "is missing"),
        ("x,1,GBP/hour,2026-04-01", "effective_to", "is missing"),
    ],
)
def test_bad_row_names_file_line_and_field(line: str, field: str, fragment: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        parse_rules_csv(_bad(line), "rates.csv")
    error = caught.value
    assert error.filename == "rates.csv"
    assert error.line == 3
    assert error.field == field
    assert fragment in str(error)
    assert str(error).startswith(f"rates.csv, line 3, field '{field}': ")


def test_error_message_matches_the_documented_shape() -> None:
    lines = [HEADER] + [f"r{i},1,GBP,2026-01-01,,UK,s,confirmed," for i in range(5)]
    lines.append('pa_min,"12,60",GBP/hour,2025-04-01,,Scotland,s,confirmed,')
    text = "\n".join(lines) + "\n"
    with pytest.raises(RuleFileError) as caught:
        parse_rules_csv(text, "rates.csv")
    assert str(caught.value) == "rates.csv, line 7, field 'value': '12,60' is not a number"


def test_too_many_columns_names_the_line() -> None:
    with pytest.raises(RuleFileError) as caught:
        parse_rules_csv(_bad("x,1,GBP,2026-01-01,,UK,src,confirmed,,extra"), "rates.csv")
    assert caught.value.line == 3
    assert caught.value.field is None
    assert "10 columns" in str(caught.value)


def test_line_numbers_count_multi_line_quoted_cells() -> None:
    text = (
        f"{HEADER}\n"
        'a,1,GBP,2026-01-01,,UK,src,confirmed,"two\nlines"\n'
        "b,oops,GBP,2026-01-01,,UK,src,confirmed,\n"
    )
    with pytest.raises(RuleFileError) as caught:
        parse_rules_csv(text, "rates.csv")
    assert caught.value.line == 4


@pytest.mark.parametrize("missing", ["name", "value", "status", "notes", "effective_to"])
def test_header_missing_a_column(missing: str) -> None:
    header = ",".join(c for c in HEADER.split(",") if c != missing)
    with pytest.raises(RuleFileError) as caught:
        parse_rules_csv(header + "\n", "rates.csv")
    assert caught.value.line == 1
    assert caught.value.field == missing
    assert "missing from the header" in str(caught.value)


def test_header_with_a_repeated_column() -> None:
    with pytest.raises(RuleFileError) as caught:
        parse_rules_csv(HEADER + ",name\n", "rates.csv")
    assert caught.value.line == 1
    assert caught.value.field == "name"


def test_empty_file() -> None:
    with pytest.raises(RuleFileError) as caught:
        parse_rules_csv("", "rates.csv")
    assert caught.value.line == 1
    assert "empty" in str(caught.value)


def test_overlapping_rows_name_the_later_line() -> None:
    text = (
        f"{HEADER}\n"
        "x,1,GBP,2025-04-01,2026-03-31,UK,s,confirmed,\n"
        "y,1,GBP,2025-04-01,,UK,s,confirmed,\n"
        "x,2,GBP,2026-03-31,,UK,s,confirmed,\n"
    )
    with pytest.raises(RuleFileError) as caught:
        parse_rules_csv(text, "rates.csv")
    assert caught.value.line == 4
    assert caught.value.field == "effective_from"
    assert "overlaps line 2" in str(caught.value)


def test_overlap_found_whatever_the_file_order() -> None:
    text = (
        f"{HEADER}\n"
        "x,2,GBP,2026-01-01,,UK,s,confirmed,\n"
        "x,1,GBP,2025-01-01,2026-01-01,UK,s,confirmed,\n"
    )
    with pytest.raises(RuleFileError) as caught:
        parse_rules_csv(text, "rates.csv")
    assert caught.value.line == 3


def test_two_open_ended_rows_overlap() -> None:
    text = f"{HEADER}\nx,1,GBP,2025-01-01,,UK,s,confirmed,\nx,2,GBP,2030-01-01,,UK,s,confirmed,\n"
    with pytest.raises(RuleFileError) as caught:
        parse_rules_csv(text, "rates.csv")
    assert caught.value.line == 3


def test_gaps_between_rows_are_allowed() -> None:
    text = (
        f"{HEADER}\n"
        "x,1,GBP,2025-01-01,2025-01-31,UK,s,confirmed,\n"
        "x,2,GBP,2025-03-01,,UK,s,confirmed,\n"
    )
    book = RuleBook.from_csv(text, "rates.csv")
    with pytest.raises(NoRateOnDate):
        book.value("x", date(2025, 2, 14))
    assert book.value("x", date(2025, 1, 31)) == 1
    assert book.value("x", date(2025, 3, 1)) == 2


# ---------------------------------------------------------------- lookups


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 4, 1), "12.60"),
        (date(2026, 3, 31), "12.60"),
        (date(2026, 4, 1), "13.45"),
        (date(2026, 4, 5), "13.45"),
        (date(2026, 4, 6), "13.45"),
        (date(2040, 1, 1), "13.45"),
    ],
)
def test_pa_minimum_switches_on_1_april(book: RuleBook, day: date, expected: str) -> None:
    assert book.value("pa_min", day) == Decimal(expected)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 3, 31), "118.75"),
        (date(2026, 4, 1), "118.75"),
        (date(2026, 4, 5), "118.75"),
        (date(2026, 4, 6), "123.25"),
    ],
)
def test_ssp_switches_on_6_april(book: RuleBook, day: date, expected: str) -> None:
    assert book.value("ssp", day) == Decimal(expected)


def test_row_carries_status_and_source(book: RuleBook) -> None:
    row = book.row("pa_min", date(2026, 4, 1))
    assert row.status is Status.EXPECTED
    assert row.source == "[S87] budget"
    assert row.covers(date(2026, 4, 1))
    assert not row.covers(date(2026, 3, 31))


def test_covers_is_inclusive_at_both_ends() -> None:
    row = _row("x", "1", date(2026, 4, 1), date(2026, 4, 30))
    assert row.covers(date(2026, 4, 1))
    assert row.covers(date(2026, 4, 30))
    assert not row.covers(date(2026, 3, 31))
    assert not row.covers(date(2026, 5, 1))
    assert _row("x", "1", date(2026, 4, 1), None).covers(date(9999, 12, 31))


def test_unknown_rule(book: RuleBook) -> None:
    with pytest.raises(UnknownRule) as caught:
        book.value("no_such_rule", date(2026, 4, 1))
    assert "no_such_rule" in str(caught.value)
    with pytest.raises(UnknownRule):
        book.history("no_such_rule")
    assert isinstance(caught.value, LookupError)


def test_no_rate_on_date(book: RuleBook) -> None:
    with pytest.raises(NoRateOnDate) as caught:
        book.value("pa_min", date(2025, 3, 31))
    message = str(caught.value)
    assert "pa_min" in message
    assert "2025-03-31" in message
    assert "2025-04-01" in message
    assert isinstance(caught.value, LookupError)


def test_history_names_and_all_rows(book: RuleBook) -> None:
    history = book.history("pa_min")
    assert [r.value for r in history] == [Decimal("12.60"), Decimal("13.45")]
    assert book.names() == ["pa_min", "ssp"]
    assert [r.name for r in book.all_rows()] == ["pa_min", "pa_min", "ssp", "ssp"]
    assert "pa_min" in book
    assert "nope" not in book
    history.clear()
    assert len(book.history("pa_min")) == 2


def test_history_is_sorted_whatever_the_input_order() -> None:
    rows = [
        _row("x", "3", date(2027, 1, 1), None),
        _row("x", "1", date(2025, 1, 1), date(2025, 12, 31)),
        _row("x", "2", date(2026, 1, 1), date(2026, 12, 31)),
    ]
    assert [r.value for r in RuleBook(rows).history("x")] == [1, 2, 3]


def test_rows_with_status(book: RuleBook) -> None:
    expected = book.rows_with_status([Status.EXPECTED])
    assert [(r.name, r.value) for r in expected] == [("pa_min", Decimal("13.45"))]
    assert book.rows_with_status(Status.EXPECTED, on=date(2026, 3, 31)) == []
    assert book.rows_with_status({Status.EXPECTED}, on=date(2026, 4, 1)) == expected
    confirmed_now = book.rows_with_status([Status.CONFIRMED], on=date(2026, 4, 6))
    assert [(r.name, r.value) for r in confirmed_now] == [("ssp", Decimal("123.25"))]


def test_rule_book_refuses_overlapping_rows() -> None:
    rows = [
        _row("x", "1", date(2025, 1, 1), date(2025, 12, 31)),
        _row("x", "2", date(2025, 12, 31), None),
    ]
    with pytest.raises(OverlappingRules) as caught:
        RuleBook(rows)
    assert "'x'" in str(caught.value)


# ---------------------------------------------------------------- overrides


def test_override_in_the_middle_splits_the_base_row() -> None:
    base = RuleBook([_row("x", "10", date(2025, 1, 1), None)])
    override = _row("x", "11", date(2026, 4, 1), date(2026, 6, 30))
    book = base.with_overrides([override])
    history = book.history("x")
    assert [(r.effective_from, r.effective_to, r.value, r.overridden) for r in history] == [
        (date(2025, 1, 1), date(2026, 3, 31), Decimal("10"), False),
        (date(2026, 4, 1), date(2026, 6, 30), Decimal("11"), True),
        (date(2026, 7, 1), None, Decimal("10"), False),
    ]
    assert book.value("x", date(2026, 3, 31)) == 10
    assert book.value("x", date(2026, 4, 1)) == 11
    assert book.row("x", date(2026, 6, 30)).overridden
    assert book.value("x", date(2026, 7, 1)) == 10
    # the base book is unchanged
    assert len(base.history("x")) == 1


def test_open_ended_override_trims_the_tail_and_drops_later_rows(book: RuleBook) -> None:
    override = _row("pa_min", "14.00", date(2026, 1, 1), None, Status.ASSUMPTION)
    new = book.with_overrides([override])
    history = new.history("pa_min")
    assert [(r.effective_from, r.effective_to, r.value) for r in history] == [
        (date(2025, 4, 1), date(2025, 12, 31), Decimal("12.60")),
        (date(2026, 1, 1), None, Decimal("14.00")),
    ]
    assert new.value("pa_min", date(2026, 4, 1)) == Decimal("14.00")
    assert new.row("pa_min", date(2026, 4, 1)).status is Status.ASSUMPTION
    assert new.value("ssp", date(2026, 4, 6)) == Decimal("123.25")


def test_override_covering_the_start_trims_the_head(book: RuleBook) -> None:
    override = _row("pa_min", "12.80", date(2025, 1, 1), date(2025, 6, 30))
    new = book.with_overrides([override])
    assert [(r.effective_from, r.effective_to) for r in new.history("pa_min")] == [
        (date(2025, 1, 1), date(2025, 6, 30)),
        (date(2025, 7, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), None),
    ]
    assert new.value("pa_min", date(2025, 1, 1)) == Decimal("12.80")


def test_override_for_a_new_rule_name(book: RuleBook) -> None:
    new = book.with_overrides([_row("local_bonus", "1", date(2026, 1, 1), None)])
    assert new.value("local_bonus", date(2026, 5, 1)) == 1
    assert "local_bonus" in new.names()


def test_later_overrides_win_over_earlier_ones() -> None:
    base = RuleBook([_row("x", "10", date(2025, 1, 1), None)])
    book = base.with_overrides(
        [
            _row("x", "20", date(2026, 1, 1), date(2026, 12, 31)),
            _row("x", "30", date(2026, 6, 1), date(2026, 6, 30)),
        ]
    )
    assert book.value("x", date(2026, 5, 31)) == 20
    assert book.value("x", date(2026, 6, 15)) == 30
    assert book.value("x", date(2026, 7, 1)) == 20
    assert book.value("x", date(2027, 1, 1)) == 10


def test_override_rows_with_status_shows_overridden(book: RuleBook) -> None:
    new = book.with_overrides([_row("pa_min", "14", date(2026, 4, 1), None, Status.ASSUMPTION)])
    (row,) = new.rows_with_status([Status.ASSUMPTION])
    assert row.overridden


_DAY0 = date(2024, 1, 1)


@st.composite
def _spans(draw: st.DrawFn) -> tuple[date, date | None]:
    start = _DAY0 + timedelta(days=draw(st.integers(0, 60)))
    if draw(st.booleans()):
        return start, None
    return start, start + timedelta(days=draw(st.integers(0, 30)))


@st.composite
def _base_rows(draw: st.DrawFn) -> list[RuleRow]:
    """Non-overlapping base rows for two names, with gaps."""
    rows: list[RuleRow] = []
    for name in ("a", "b"):
        day = _DAY0 + timedelta(days=draw(st.integers(0, 10)))
        for i in range(draw(st.integers(0, 4))):
            length = draw(st.integers(0, 20))
            last = i == 3 or draw(st.booleans())
            end = None if last and draw(st.booleans()) else day + timedelta(days=length)
            rows.append(_row(name, str(i), day, end))
            if end is None:
                break
            day = end + timedelta(days=1 + draw(st.integers(0, 5)))
    return rows


@given(
    base=_base_rows(),
    overrides=st.lists(
        st.tuples(st.sampled_from(["a", "b", "c"]), _spans(), st.integers(100, 200)), max_size=5
    ),
)
@settings(max_examples=300, deadline=None)
def test_overrides_leave_every_day_covered_by_at_most_one_row(
    base: list[RuleRow],
    overrides: list[tuple[str, tuple[date, date | None], int]],
) -> None:
    book = RuleBook(base)
    override_rows = [_row(name, str(value), start, end) for name, (start, end), value in overrides]
    new = book.with_overrides(override_rows)
    for offset in range(0, 130):
        day = _DAY0 + timedelta(days=offset)
        for name in ("a", "b", "c"):
            covering = [r for r in new.all_rows() if r.name == name and r.covers(day)]
            assert len(covering) <= 1
            # the last override covering the day wins; otherwise the base row applies
            winners = [r for r in override_rows if r.name == name and r.covers(day)]
            base_rows = [r for r in base if r.name == name and r.covers(day)]
            if winners:
                assert covering[0].value == winners[-1].value
                assert covering[0].overridden
            elif base_rows:
                assert covering[0].value == base_rows[0].value
                assert not covering[0].overridden
            else:
                assert covering == []
