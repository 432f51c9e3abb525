"""The council return through the services: its figures equal the Money and Timesheets
services for the same period, sent returns are kept byte for byte, later changes become
adjustments once, and bad periods get a message with a way forward."""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace
from datetime import date, time

import pytest
from pypdf import PdfReader

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.council.returns import CheckCode, to_json
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.reminders import Urgency
from pa_employer.core.rules import Status
from pa_employer.core.validation import InputError
from pa_employer.models import CouncilProfileRow
from pa_employer.services import check, returns
from pa_employer.services.money import ledger
from pa_employer.services.money.balance import balance_on
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.settings import council, plan
from pa_employer.services.timesheets import pay

Q2 = (date(2026, 7, 1), date(2026, 9, 30))
Q3 = (date(2026, 10, 1), date(2026, 12, 31))
RECEIPT = b"%PDF-1.4\n%receipt\n"


def quarterly(ef) -> None:  # type: ignore[no-untyped-def]
    profile = council.get_council_profile(ef)
    status = {**profile.status, "return_frequency": Status.ASSUMPTION}
    council.save_council_profile(ef, replace(profile, return_frequency="quarterly", status=status))


def money_in(day: date, pence: int, category: str = "dp_payment") -> LedgerEntry:
    return LedgerEntry(day, Direction.IN, pence, category, payee="Aberdeen City Council")


@pytest.fixture
def jean(employer_file, tmp_path):  # type: ignore[no-untyped-def]
    ef = employer_file
    quarterly(ef)
    morag = people.list_pas(ef)[0]
    ledger.add_line(ef, money_in(date(2026, 6, 30), 300000, "opening_balance"))
    for day in (date(2026, 7, 10), date(2026, 8, 7), date(2026, 9, 4)):
        ledger.add_line(ef, money_in(day, 240000))
    for day in (date(2026, 7, 31), date(2026, 8, 28), date(2026, 9, 25)):
        ledger.add_line(
            ef, LedgerEntry(day, Direction.OUT, 150000, "pa_net_wages", payee=morag.name)
        )
    cafe = ledger.add_line(
        ef, LedgerEntry(date(2026, 8, 12), Direction.OUT, 640, "activities", payee="Café Rio")
    )
    ledger.link_outcome(ef, cafe, plan.get_plan(ef).outcomes[0].id, "Out with friends")
    receipt = tmp_path / "cafe.pdf"
    receipt.write_bytes(RECEIPT)
    ledger.attach_receipt(ef, [cafe], receipt)
    ledger.add_line(
        ef, LedgerEntry(date(2026, 9, 1), Direction.OUT, 2400, "payroll_fees", payee="Bureau")
    )
    for day in (date(2026, 8, 3), date(2026, 8, 4), date(2026, 9, 7)):
        record_shift(ef, ShiftInput(morag.id, Kind.WORK, day, time(9), time(15)))
    record_shift(ef, ShiftInput(morag.id, Kind.HOLIDAY, date(2026, 8, 5), minutes=360))
    return ef


def test_figures_equal_the_money_and_timesheet_services(jean) -> None:  # type: ignore[no-untyped-def]
    figures = returns.build_return(jean, *Q2)
    money = balance_on(jean, Q2[1])
    r = figures.reconciliation
    assert r.ledger_closing_pence == money.bank_pence == 300000 + 720000 - 450000 - 640 - 2400
    assert r.free_pence == money.free_pence
    assert [(c.description, c.pence) for c in r.commitments] == [
        (c.description, c.pence) for c in money.commitments
    ]
    assert r.cap_pence == money.cap_pence and r.surplus_pence == money.free_surplus_pence
    assert figures.income.opening_pence == 300000
    assert figures.income.total_pence == 720000 and len(figures.income.lines) == 3
    assert figures.expenditure.total_pence == 450000 + 640 + 2400
    assert {(t.category, t.pence) for t in figures.expenditure.by_category} == {
        ("pa_net_wages", 450000),
        ("activities", 640),
        ("payroll_fees", 2400),
    }
    priced = pay.price_period(jean, *Q2)  # the shifts are paid in the period they are in
    assert figures.hours.pa_minutes == sum(s.worked_minutes for s in priced.summaries) == 1080
    assert figures.hours.planned_minutes == plan.get_plan(jean).agreed_weekly_minutes * 92 // 7
    assert any("holiday, 6 hours" in reason for reason in figures.hours.reasons)
    spend = {o.outcome_id: o.spend_pence for o in figures.outcomes.items}
    by_service = {s.outcome_id: s.pence for s in ledger.spend_by_outcome(jean, *Q2)}
    assert {k: v for k, v in spend.items() if v} == by_service
    cafe = next(x for x in figures.expenditure.lines if x.category == "activities")
    assert cafe.evidence.startswith("R") and cafe.outcomes
    employed = [p for p in people.list_pas(jean) if p.start_date <= Q2[1]]
    assert figures.header.council == "Aberdeen City"
    assert figures.header.pa_count == len(employed) == 2  # the third starts later
    assert figures.header.weekly_dp_pence > 0
    assert figures.status == "draft"


def test_the_check_list_explains_and_blocks_nothing(jean) -> None:  # type: ignore[no-untyped-def]
    codes = {c.code for c in returns.build_return(jean, *Q2).checks}
    assert CheckCode.NO_STATEMENT in codes  # no statement imported
    assert CheckCode.MISSING_RECEIPT in codes  # the bureau fee
    assert CheckCode.NOT_EXPORTED in codes  # shifts not sent to payroll
    assert CheckCode.NO_PROGRESS_NOTE in codes
    outcomes = plan.get_plan(jean).outcomes
    returns.save_notes(jean, *Q2, {o.id: "Going well" for o in outcomes}, "Saving for a break")
    figures = returns.build_return(jean, *Q2)
    assert CheckCode.NO_PROGRESS_NOTE not in {c.code for c in figures.checks}
    assert {o.progress_note for o in figures.outcomes.items} == {"Going well"}
    assert figures.reconciliation.explanation == "Saving for a break"


def test_sent_return_reprints_byte_for_byte_after_later_changes(jean) -> None:  # type: ignore[no-untyped-def]
    return_id = returns.submit_return(jean, *Q2, sent_on=date(2026, 10, 14))
    pdf = returns.submitted_pdf(jean, return_id)
    [info] = returns.list_returns(jean)
    assert info.status == "submitted" and info.submitted_on == date(2026, 10, 14)
    assert info.sha256 == hashlib.sha256(pdf).hexdigest()
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Aberdeen City" in text and "£7,200.00" in text  # money in: 3 x £2,400
    # the PDF says when it was made: the moment it was marked sent, not 1 January 2000
    assert reader.metadata.creation_date == jean.now().replace(microsecond=0)
    kept = returns.submitted_json(jean, return_id)

    fee = next(e for e in ledger.lines_between(jean, *Q2) if e.category == "payroll_fees")
    ledger.change_line(jean, replace(fee, amount_pence=2600))
    late = ledger.add_line(
        jean, LedgerEntry(date(2026, 9, 30), Direction.OUT, 500, "bank_fees", payee="Bank")
    )
    assert returns.submitted_covering(jean, date(2026, 9, 30)).id == return_id
    assert returns.submitted_pdf(jean, return_id) == pdf
    assert returns.submitted_json(jean, return_id) == kept
    assert returns.render_pdf(returns.build_return(jean, *Q3)) != pdf

    adjustments = returns.build_return(jean, *Q3).adjustments
    assert [(a.line_id, a.was_pence, a.now_pence) for a in adjustments] == [
        (fee.id, -2400, -2600),
        (late, 0, -500),
    ]
    assert adjustments[0].text == "Amount changed from -£24.00 to -£26.00"
    # once told in a sent return, an adjustment is not repeated
    returns.submit_return(jean, date(2026, 10, 1), date(2026, 11, 15))
    assert returns.build_return(jean, date(2026, 11, 16), date(2026, 12, 31)).adjustments == ()


def test_same_figures_render_the_same_pdf(jean) -> None:  # type: ignore[no-untyped-def]
    figures = returns.build_return(jean, *Q2)
    assert returns.render_pdf(figures) == returns.render_pdf(figures)
    assert to_json(figures) == to_json(returns.build_return(jean, *Q2))


def test_overlapping_a_sent_return_is_refused_with_a_way_forward(jean) -> None:  # type: ignore[no-untyped-def]
    returns.submit_return(jean, *Q2, sent_on=date(2026, 10, 14))
    with pytest.raises(InputError) as caught:
        returns.build_return(jean, date(2026, 9, 1), date(2026, 11, 30))
    message = str(caught.value)
    assert "overlaps the return for 01 Jul 2026 to 30 Sep 2026" in message
    assert "Start the new return on 01 Oct 2026" in message
    with pytest.raises(InputError, match="was sent on 14 Oct 2026"):
        returns.submit_return(jean, *Q2)
    with pytest.raises(InputError, match="cannot change"):
        returns.save_notes(jean, *Q2, {}, "")


def test_sent_on_must_follow_the_period(jean) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="after its period ends"):
        returns.submit_return(jean, *Q2, sent_on=date(2026, 9, 1))
    assert returns.list_returns(jean) == []  # nothing half-written


def test_no_council_profile_says_where_to_choose_it(jean) -> None:  # type: ignore[no-untyped-def]
    with jean.transaction() as session:
        for row in session.query(CouncilProfileRow):
            session.delete(row)
    with pytest.raises(InputError, match="choose it in Settings, Council"):
        returns.build_return(jean, *Q2)


def test_bad_periods(jean) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="before its start"):
        returns.build_return(jean, date(2026, 9, 30), date(2026, 7, 1))
    with pytest.raises(InputError, match="at most a year"):
        returns.build_return(jean, date(2025, 1, 1), date(2026, 9, 30))


@pytest.mark.parametrize(
    ("frequency", "expected"),
    [
        ("quarterly", (date(2026, 7, 1), date(2026, 9, 30))),
        # Jean's records start in the council's year 2026/27: no return for 2025/26
        ("annual", (date(2026, 4, 1), date(2027, 3, 31))),
        ("4-weekly", None),
        (None, (date(2026, 7, 1), date(2026, 9, 30))),
    ],
)
def test_a_return_for_each_council_frequency(jean, frequency, expected) -> None:  # type: ignore[no-untyped-def]
    profile = council.get_council_profile(jean)
    council.save_council_profile(jean, replace(profile, return_frequency=frequency))
    nxt = returns.next_return_period(jean, date(2026, 11, 23))
    assert returns.first_day(jean) >= date(2026, 4, 1)
    assert nxt.due == nxt.end + (date(2026, 1, 29) - date(2026, 1, 1))
    if frequency != "annual":
        assert nxt.end < date(2026, 11, 23)
    if expected is not None:
        assert (nxt.start, nxt.end) == expected
    else:
        assert (nxt.end - nxt.start).days == 27
    figures = returns.build_return(jean, nxt.start, nxt.end)
    assert figures.header.period_start == nxt.start


def test_no_period_before_the_records_start(tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    """A new employer whose records start in the running quarter is not asked for the
    quarter before; once the quarter ends, it is the one due."""
    from pa_employer.services.settings.setup import NewEmployer, create_employer
    from tests import factories

    dp = factories.plan().funders[0]
    late = replace(dp, amounts=(replace(dp.amounts[0], effective_from=date(2026, 10, 20)),))
    new = NewEmployer(
        factories.employer(),
        "aberdeen-city",
        replace(factories.plan(), funders=(late,)),
        factories.three_pas(),
    )
    ef = create_employer(tmp_path / "new.paemployer", new, user="Adviser", clock=clock)
    try:
        quarterly(ef)
        assert returns.first_day(ef) == date(2026, 10, 20)
        nxt = returns.next_return_period(ef, date(2026, 11, 23))
        assert (nxt.start, nxt.end) == (date(2026, 10, 1), date(2026, 12, 31))
        later = returns.next_return_period(ef, date(2027, 1, 10))
        assert (later.start, later.end) == (date(2026, 10, 1), date(2026, 12, 31))
    finally:
        ef.close()


def test_an_empty_new_file_is_never_offered_a_period_before_it(tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    """Made today with nothing recorded: the first return is the period running now, not
    the one before (which the employer never had), and it is not overdue."""
    from pa_employer.services.settings.setup import NewEmployer, create_employer
    from tests import factories

    new = NewEmployer(factories.employer(), "aberdeen-city")
    ef = create_employer(tmp_path / "empty.paemployer", new, user="Adviser", clock=clock)
    try:
        assert returns.first_day(ef) is None
        nxt = returns.next_return_period(ef, date(2026, 12, 7))
        assert (nxt.start, nxt.end) == (date(2026, 10, 1), date(2026, 12, 31))
        assert not [
            r
            for r in returns.return_reminders(ef, date(2026, 12, 7))
            if r.urgency is Urgency.OVERDUE
        ]
    finally:
        ef.close()


def test_overview_reminds_of_the_next_return(jean) -> None:  # type: ignore[no-untyped-def]
    # Q2 ended 30 Sep; due 28 Oct; on 23 Nov it is overdue
    found = [c.reminder for c in check.check(jean, date(2026, 11, 23))]
    [reminder] = [r for r in found if r.kind == "return"]
    assert reminder.urgency is Urgency.OVERDUE and reminder.due == date(2026, 10, 28)
    assert "01 Jul 2026 to 30 Sep 2026" in reminder.title
    returns.submit_return(jean, *Q2, sent_on=date(2026, 10, 20))
    assert not [r for r in returns.return_reminders(jean, date(2026, 11, 23))]
    later = returns.return_reminders(jean, date(2027, 1, 20))
    assert later and later[0].urgency is Urgency.NOW and later[0].due == date(2027, 1, 28)


def test_evidence_files_are_the_periods_receipts(jean) -> None:  # type: ignore[no-untyped-def]
    [(title, media_type, content)] = returns.evidence_files(jean, *Q2)
    assert title.endswith("cafe.pdf") and media_type == "application/pdf"
    assert content == RECEIPT


def test_a_draft_for_a_period_still_running_is_marked_interim(jean) -> None:  # type: ignore[no-untyped-def]
    from pa_employer.core.council.returns import is_interim

    running = returns.build_return(jean, date(2026, 10, 1), date(2026, 12, 31))
    assert running.checks[0].code is CheckCode.PERIOD_RUNNING
    assert "runs until 31 Dec 2026" in running.checks[0].text and is_interim(running.checks)
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(returns.render_pdf(running))).pages
    )
    assert "INTERIM DRAFT" in text and "the period runs until 31 December 2026" in text
    ended = returns.build_return(jean, *Q2)
    assert not is_interim(ended.checks)
    assert "INTERIM" not in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(returns.render_pdf(ended))).pages
    )
