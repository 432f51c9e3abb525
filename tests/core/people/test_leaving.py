"""Notice on leaving, the holiday settled in the final pay, and the retention table, worked
by hand; and properties: notice counts continuous employment, never the later start."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pa_employer.core.pay.redundancy import full_years
from pa_employer.core.people.leaving import (
    LeavingReason,
    NoticeBy,
    holiday_settlement,
    notice_due,
    service_words,
)
from pa_employer.core.people.retention import CountedFrom, parse_retention_csv, tax_year_end
from pa_employer.core.rules import RuleFileError
from pa_employer.services.settings.resources import base_rulebook, retention_rules
from tests import factories

BOOK = base_rulebook()


def test_employer_notice_counts_continuous_employment_from_before_the_start():
    # continuous from 3 Jun 2019 (a transfer); notice given 9 Oct 2026: 7 full years.
    found = notice_due(
        LeavingReason.REDUNDANCY,
        NoticeBy.EMPLOYER,
        date(2026, 10, 9),
        date(2019, 6, 3),
        date(2026, 11, 27),
        BOOK,
    )
    assert (found.statutory_weeks, found.weeks) == (7, 7)
    assert found.ends_on == date(2026, 11, 27)  # 9 Oct + 7 weeks
    assert not found.short
    assert found.basis.startswith("Counting continuous employment from 03/06/2019: 7 full")


def test_employer_notice_cut_short_says_pay_in_lieu():
    found = notice_due(
        LeavingReason.DISMISSAL,
        NoticeBy.EMPLOYER,
        date(2026, 11, 2),
        date(2024, 6, 3),
        date(2026, 11, 6),
        BOOK,
        contract_weeks=4,
    )
    assert (found.statutory_weeks, found.contract_weeks, found.weeks) == (2, 4, 4)
    assert found.ends_on == date(2026, 11, 30) and found.short
    assert "pay in lieu of notice" in found.basis


@pytest.mark.parametrize(
    ("served_from", "contract", "statutory", "weeks"),
    [
        (date(2026, 11, 1), None, 0, 0),  # under a month: nothing asked of the PA
        (date(2026, 9, 1), None, 1, 1),  # a month or more: 1 week, however long
        (date(2010, 9, 1), None, 1, 1),
        (date(2026, 9, 1), 4, 1, 4),  # the contract's longer notice applies
    ],
)
def test_notice_by_the_pa(served_from, contract, statutory, weeks):
    found = notice_due(
        LeavingReason.RESIGNATION,
        NoticeBy.PA,
        date(2026, 11, 13),
        served_from,
        date(2026, 12, 31),
        BOOK,
        contract,
    )
    assert (found.statutory_weeks, found.weeks) == (statutory, weeks)
    if weeks:
        assert f"Notice given on 13/11/2026 runs to {found.ends_on:%d/%m/%Y}" in found.basis
    else:  # no notice was due: the day it was given, and nothing that "runs"
        assert "Notice was given on 13/11/2026." in found.basis and "runs to" not in found.basis
        assert found.ends_on is None and not found.short


@pytest.mark.parametrize("reason", [LeavingReason.DEATH, LeavingReason.FIXED_TERM_END])
def test_no_notice_when_a_pa_dies_or_a_fixed_term_ends(reason):
    found = notice_due(reason, NoticeBy.EMPLOYER, None, date(2020, 1, 1), date(2026, 11, 27), BOOK)
    assert (found.by, found.weeks, found.ends_on) == (NoticeBy.NONE, 0, None)


def test_holiday_owed_is_paid_and_overtaken_is_deducted():
    # 3957.0411 minutes = 65.9507 h, x £13.45 = £887.0367, rounded once: £887.04
    owed = holiday_settlement(Decimal("3957.041095890410958904109589"), 1345, "how")
    assert owed.pence == 88704
    assert "paid in the final pay" in owed.basis
    over = holiday_settlement(Decimal(-450), 1345, "how")  # 7.5 h x £13.45 = £100.875
    assert over.pence == -10088
    assert "only if the contract says so" in over.basis
    assert holiday_settlement(Decimal(0), 1345, "how").pence == 0
    assert holiday_settlement(Decimal(600), None, "how").pence == 0


def test_service_words_name_both_dates_only_when_they_differ():
    pa = factories.pa()
    assert service_words(pa) == "employed from 03/06/2024"
    moved = factories.pa(continuous_from=date(2019, 6, 3))
    assert service_words(moved) == (
        "continuous employment from 03/06/2019 (with this employer from 03/06/2024)"
    )


days = st.dates(date(2021, 4, 1), date(2030, 12, 31))  # the notice rules' dates


@settings(max_examples=200, deadline=None)
@given(
    start=days,
    earlier=st.integers(0, 6000),
    served=st.integers(0, 8000),
    given_before=st.integers(0, 120),
)
def test_employer_notice_counts_from_continuous_employment(start, earlier, served, given_before):
    """With continuous employment from ``earlier`` days before the start, statutory notice
    is the law's for the full years from that day, and never less than from the start."""
    pa = factories.pa(start_date=start, continuous_from=start - timedelta(days=earlier))
    leaving = start + timedelta(days=served)
    given_on = max(start, leaving - timedelta(days=given_before))
    found = notice_due(
        LeavingReason.REDUNDANCY, NoticeBy.EMPLOYER, given_on, pa.service_from, leaving, BOOK
    )
    from_start = notice_due(
        LeavingReason.REDUNDANCY, NoticeBy.EMPLOYER, given_on, pa.start_date, leaving, BOOK
    )
    years = full_years(pa.service_from, given_on)
    if years >= 2:
        assert found.statutory_weeks == min(years, 12)
    assert found.statutory_weeks >= from_start.statutory_weeks
    if earlier == 0:
        assert found == from_start


def test_the_bundled_retention_table():
    table = retention_rules()
    by_record = {r.record: r for r in table.rules}
    payroll = by_record["Payroll records (pay, tax and National Insurance)"]
    assert (payroll.years, payroll.counted_from) == (3, CountedFrom.TAX_YEAR_END)
    # left 27 Nov 2026: the tax year ends 5 Apr 2027; kept 3 years after, to 5 Apr 2030
    assert payroll.kept_until(date(2026, 11, 27)) == date(2030, 4, 5)
    assert by_record["Holiday records"].kept_until(date(2026, 11, 27)) == date(2032, 11, 27)
    until, rule = table.longest(date(2026, 11, 27))
    assert until == date(2032, 11, 27) and rule.years == 6
    assert all(r.source and r.status for r in table.rules)


def test_tax_year_end():
    assert tax_year_end(date(2026, 4, 5)) == date(2026, 4, 5)
    assert tax_year_end(date(2026, 4, 6)) == date(2027, 4, 5)
    assert tax_year_end(date(2027, 1, 31)) == date(2027, 4, 5)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("record,years,counted_from,source,status\n", "has no rows"),
        ("record,years\nA,3\n", "line 1, field 'counted_from'"),
        (
            "record,years,counted_from,source,status,notes\nA,three,leaving_date,s,confirmed,\n",
            "line 2, field 'years'",
        ),
        (
            "record,years,counted_from,source,status,notes\nA,3,payday,s,confirmed,\n",
            "line 2, field 'counted_from'",
        ),
        (
            "record,years,counted_from,source,status,notes\nA,3,leaving_date,s,sure,\n",
            "line 2, field 'status'",
        ),
        (
            "record,years,counted_from,source,status,notes\nA,3,leaving_date,s,confirmed,\n"
            "A,2,leaving_date,s,confirmed,\n",
            "line 3, field 'record'",
        ),
    ],
)
def test_a_bad_retention_table_names_the_line_and_field(text, where):
    with pytest.raises(RuleFileError, match=where):
        parse_retention_csv(text, "retention.csv")
