"""Ending a PA's employment, worked by hand on the three-PA employer (today 23 Nov 2026;
Morag: started 3 Jun 2024, born 17 May 1980, 20 h a week over 5 days at £13.45; the
employer pays 4-weekly, pay days from 10 Apr 2026, so the period with 27 Nov 2026 in it
is 21 Nov to 18 Dec 2026)."""

from dataclasses import replace
from datetime import date, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from pa_employer.core.pay.redundancy import full_years
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.people.leaving import LeavingReason, NoticeBy
from pa_employer.core.reminders import Urgency
from pa_employer.core.validation import InputError
from pa_employer.services.check import check
from pa_employer.services.employment import leaving, letters
from pa_employer.services.employment.leaving import LeavingAnswers
from pa_employer.services.employment.retention import retention_reminders
from pa_employer.services.money.redundancy import estimate
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.timesheets import export
from pa_employer.services.timesheets.holiday import holiday_balances
from tests.reports.test_outcomes_pdf import pdf_text

LEFT = date(2026, 11, 27)


def morag(ef):
    return next(p for p in people.list_pas(ef) if p.first_name == "Morag")


def test_a_leaver_with_holiday_owed_paid_in_the_final_pay(employer_file):
    ef = employer_file
    pa = morag(ef)
    record_shift(ef, ShiftInput(pa.id, Kind.HOLIDAY, date(2026, 8, 10), minutes=480))
    answers = LeavingAnswers(LeavingReason.RESIGNATION, LEFT, date(2026, 11, 13))
    found = leaving.record_leaving(ef, pa.id, answers)
    # Notice: the PA gives the law's 1 week (served over a month), 13 Nov to 20 Nov.
    assert (found.notice.by, found.notice.statutory_weeks, found.notice.weeks) == (
        NoticeBy.PA,
        1,
        1,
    )
    assert found.notice.ends_on == date(2026, 11, 20) and not found.notice.short
    # Holiday: 5.6 weeks x 20 h = 112 h = 6,720 min a year (28 days of 4 h is the same).
    # Employed 1 Apr to 27 Nov 2026: 30+31+30+31+31+30+31+27 = 241 of 365 days:
    # 6,720 x 241 / 365 = 4,437.0411 min earned; 480 min taken; 3,957.0411 min left
    # = 65.9507 h x £13.45 = £887.0367, rounded once: £887.04, paid in the final pay.
    assert round(found.holiday.minutes, 4) == Decimal("3957.0411")
    assert found.holiday.pence == 88704
    assert "paid in the final pay" in found.holiday.basis
    assert found.redundancy_pence == 0
    assert (found.final_period_start, found.final_period_end) == (
        date(2026, 11, 21),
        date(2026, 12, 18),
    )
    # Saved: the leaving record as worked out, and the PA's leave date.
    saved = leaving.leaving_of(ef, pa.id)
    assert saved is not None and saved.holiday.pence == 88704
    assert saved.pa.leave_date == LEFT == people.get_pa(ef, pa.id).leave_date
    assert saved.notice.ends_on == date(2026, 11, 20)
    # The letters: the PA's confirmation and the payroll provider's leaver letter.
    assert letters.kinds_for(LeavingReason.RESIGNATION) == [
        letters.LetterKind.RESIGNATION,
        letters.LetterKind.PAYROLL,
    ]
    to_pa = letters.letter_text(letters.leaving_letter(ef, pa.id, letters.LetterKind.RESIGNATION))
    assert "Dear Morag," in to_pa and "I accept your resignation" in to_pa
    assert "You will be paid £887.04 for them in your final pay." in to_pa
    assert "1 week, given by you on 13 November 2026, to 20 November 2026" in to_pa
    payroll = letters.letter_text(letters.leaving_letter(ef, pa.id, letters.LetterKind.PAYROLL))
    assert "Dear Penderels Payroll," in payroll
    assert "Holiday pay owed" in payroll and "£887.04 (65.95 hours)" in payroll
    assert "JK123456C" in payroll and "P45" in payroll
    assert "given by the PA on 13 November 2026" in payroll
    assert "21 November 2026 to 18 December 2026" in payroll


def test_a_pa_with_continuous_employment_from_5_years_before_the_start_made_redundant(
    employer_file,
):
    ef = employer_file
    pa = morag(ef)
    # Transferred in: continuous employment from 3 Jun 2019, 5 years before her start.
    people.update_pa(ef, replace(pa, continuous_from=date(2019, 6, 3)))
    answers = LeavingAnswers(
        LeavingReason.REDUNDANCY, LEFT, date(2026, 10, 9), notes="The care package was cut"
    )
    found = leaving.record_leaving(ef, pa.id, answers)
    # A week's pay: her contract's 20 h x £13.45 = £269.00 (under the £751 cap).
    assert found.week_pay_pence == 26900
    # 3 Jun 2019 to 27 Nov 2026: 7 full years, counted back from 28 Nov 2026. Her age at
    # the start of each year (born 17 May 1980): 28 Nov 2025 45, 2024 44, 2023 43,
    # 2022 42, 2021 41 (5 years at 1.5 weeks = 7.5), 28 Nov 2020 40, 2019 39 (2 years at
    # 1 week = 2): 9.5 weeks x £269.00 = £2,555.50.
    assert found.redundancy_pence == 255550
    assert "7 full years of service from 03/06/2019" in found.redundancy_basis
    # From the start with this employer it would be 2 years (45 and 44: 3 weeks): £807.00.
    alone = estimate(ef, pa.id, LEFT)
    assert alone.redundancy.amount_pence == 255550  # the estimate counts it the same way
    # Notice given 9 Oct 2026: 7 full years of continuous employment, 7 weeks, to 27 Nov.
    assert (found.notice.statutory_weeks, found.notice.weeks) == (7, 7)
    assert found.notice.ends_on == LEFT and not found.notice.short
    # Holiday: 4,437.0411 min earned, none taken: 73.9507 h x £13.45 = £994.6367: £994.64.
    assert found.holiday.pence == 99464
    letter = letters.letter_text(letters.leaving_letter(ef, pa.id, letters.LetterKind.REDUNDANCY))
    assert "Your continuous employment began on 3 June 2019" in letter
    assert "statutory redundancy pay of £2,555.50" in letter
    assert "The care package was cut." in letter
    assert "Your notice is 7 weeks" in letter


def test_without_the_transfer_the_same_redundancy_counts_from_the_start(employer_file):
    ef = employer_file
    pa = morag(ef)
    answers = LeavingAnswers(LeavingReason.REDUNDANCY, LEFT, date(2026, 10, 9))
    found = leaving.work_out(ef, pa.id, answers)
    assert found.redundancy_pence == 3 * 26900  # 2 years aged 45 and 44 at 1.5 weeks
    assert (found.notice.statutory_weeks, found.notice.weeks) == (2, 2)
    assert found.notice.ends_on == date(2026, 10, 23)
    assert leaving.leaving_of(ef, pa.id) is None  # worked out, not saved


def test_first_year_holiday_still_counts_from_the_start_with_this_employer(employer_file):
    ef = employer_file
    pa = morag(ef)
    priya = next(p for p in people.list_pas(ef) if p.first_name == "Priya")  # from 5 Oct 2026
    before = {b.pa_id: b.entitlement_minutes for b in holiday_balances(ef)}
    people.update_pa(ef, replace(priya, continuous_from=date(2020, 1, 6)))
    people.update_pa(ef, replace(pa, continuous_from=date(2019, 6, 3)))
    after = {b.pa_id: b.entitlement_minutes for b in holiday_balances(ef)}
    assert after == before


def test_refusals_name_the_field(employer_file):
    ef = employer_file
    pa = morag(ef)
    cases = [
        (LeavingAnswers(LeavingReason.DISMISSAL, date(2024, 5, 1)), "leaving date"),
        (
            LeavingAnswers(LeavingReason.DISMISSAL, LEFT, date(2026, 12, 1)),
            "notice given on: 01/12/2026 is after the leaving date",
        ),
        (
            LeavingAnswers(LeavingReason.DEATH, LEFT, date(2026, 11, 20)),
            "no notice is given when a PA dies",
        ),
        (
            LeavingAnswers(LeavingReason.RESIGNATION, LEFT, contract_notice_weeks=-1),
            "contract notice",
        ),
    ]
    for answers, words in cases:
        with pytest.raises(InputError, match=words):
            leaving.record_leaving(ef, pa.id, answers)
    assert leaving.leavers(ef) == []
    assert people.get_pa(ef, pa.id).leave_date is None  # nothing half-written
    leaving.record_leaving(ef, pa.id, LeavingAnswers(LeavingReason.DEATH, LEFT))
    with pytest.raises(InputError, match="already left on 27/11/2026"):
        leaving.record_leaving(ef, pa.id, LeavingAnswers(LeavingReason.DISMISSAL, LEFT))
    with pytest.raises(InputError, match="no redundancy letter"):
        letters.leaving_letter(ef, pa.id, letters.LetterKind.REDUNDANCY)


def test_death_of_the_pa_pays_holiday_and_gives_no_notice(employer_file):
    ef = employer_file
    found = leaving.record_leaving(
        ef, morag(ef).id, LeavingAnswers(LeavingReason.DEATH, date(2026, 11, 20))
    )
    assert (found.notice.by, found.notice.weeks) == (NoticeBy.NONE, 0)
    assert found.holiday.pence > 0 and found.redundancy_pence == 0


def test_the_overview_reminds_to_tell_disclosure_scotland_and_when_to_delete(employer_file):
    ef = employer_file
    pa = morag(ef)
    leaving.record_leaving(ef, pa.id, LeavingAnswers(LeavingReason.RESIGNATION, date(2026, 11, 20)))
    found = {r.kind: r for r in retention_reminders(ef, date(2026, 11, 23))}
    assert found["leaver_pvg"].urgency is Urgency.NOW
    kept = found["leaver_records"]
    # The longest periods: holiday and minimum wage records, 6 years from the leaving date.
    assert kept.due == date(2032, 11, 20) and kept.urgency is Urgency.INFO
    assert "Keep this leaver's records until 20/11/2032" == kept.title
    assert any(c.reminder.kind == "leaver_records" for c in check(ef))
    later = {r.kind: r for r in retention_reminders(ef, date(2032, 9, 1))}
    assert "leaver_pvg" not in later and later["leaver_records"].urgency is Urgency.SOON
    gone = {r.kind: r for r in retention_reminders(ef, date(2032, 11, 20))}
    assert gone["leaver_records"].urgency is Urgency.NOW
    assert "may now be deleted" in gone["leaver_records"].title


def test_letters_as_pdf_and_text(employer_file, tmp_path):
    ef = employer_file
    pa = morag(ef)
    leaving.record_leaving(ef, pa.id, LeavingAnswers(LeavingReason.RESIGNATION, LEFT))
    pdf = letters.save_letter(ef, pa.id, letters.LetterKind.PAYROLL, tmp_path / "leaver.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    text = letters.save_letter(ef, pa.id, letters.LetterKind.PAYROLL, tmp_path / "leaver.txt")
    assert text.read_text(encoding="utf-8").startswith("Alison Robertson\n")
    with pytest.raises(InputError, match="does not exist"):
        letters.save_letter(ef, pa.id, letters.LetterKind.PAYROLL, tmp_path / "no" / "x.pdf")


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(earlier=st.integers(0, 9000))
def test_service_based_figures_use_continuous_employment_and_holiday_the_start(
    employer_file, earlier
):
    """Whatever the start of continuous employment, redundancy pay and notice count from
    it, and holiday (first-year share) from the start with this employer."""
    ef = employer_file
    pa = morag(ef)
    holiday = {b.pa_id: b.entitlement_minutes for b in holiday_balances(ef)}
    since = pa.start_date - timedelta(days=earlier)
    people.update_pa(ef, replace(pa, continuous_from=since if earlier else None))
    found = estimate(ef, pa.id, LEFT)
    years = full_years(since, LEFT)
    assert found.years_of_service == years
    assert found.notice.statutory_weeks == min(years, 12)  # 2 years at least here
    assert found.service_from == since
    assert {b.pa_id: b.entitlement_minutes for b in holiday_balances(ef)} == holiday


def test_the_final_periods_export_tells_the_payroll_provider(employer_file, tmp_path):
    """No payroll layout has a leaver field: the export's notes, the printed summary and
    the workbook say it; the provider's hours file is unchanged by it."""
    ef = employer_file
    pa = morag(ef)
    record_shift(ef, ShiftInput(pa.id, Kind.HOLIDAY, date(2026, 8, 10), minutes=480))
    record_shift(ef, ShiftInput(pa.id, Kind.WORK, date(2026, 11, 24), time(9), time(13)))
    leaving.record_leaving(
        ef, pa.id, LeavingAnswers(LeavingReason.RESIGNATION, LEFT, date(2026, 11, 13))
    )
    start, end = date(2026, 11, 21), date(2026, 12, 18)
    note = (
        "Leaver: Morag Stewart (PA001), last day 27/11/2026 (resignation). This period is "
        "their final pay: add holiday pay owed of £887.04. Please send them their P45."
    )
    pdf = export.export_period(ef, start, end, "pdf", tmp_path / "final.pdf")
    assert note in pdf.warnings
    assert note in pdf_text(pdf.path.read_bytes(), tmp_path)
    assert export.regenerate(ef, pdf.snapshot_id) == pdf.path.read_bytes()
    hours = export.export_period(ef, start, end, "brightpay-hourly", tmp_path / "final.csv")
    assert note in hours.warnings
    assert "Leaver" not in hours.path.read_text(encoding="utf-8")
    book = export.export_period(ef, start, end, "xlsx", tmp_path / "final.xlsx")
    sheet = load_workbook(book.path)["Leavers"]
    assert [c.value for c in sheet[2]][3] == note
    # The period before has no leaver and no Leavers sheet.
    before = export.export_period(ef, date(2026, 10, 24), date(2026, 11, 20), "xlsx", tmp_path)
    assert "Leavers" not in load_workbook(before.path).sheetnames
