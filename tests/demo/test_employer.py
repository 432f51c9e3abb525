"""The demo employer's fourteen months of history: rota, shifts, holidays, sickness, the
bank holiday shift, the clock-change night, and pay periods that price cleanly."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from pa_employer.core.bank_holidays import scottish_bank_holidays
from pa_employer.core.pay.timesheet import Kind, Status
from pa_employer.core.records import RateCode
from pa_employer.demo.employer import make_demo
from pa_employer.demo.history import SSP_CHANGE, demo_calendar
from pa_employer.services.money import ledger
from pa_employer.services.people import pas as people
from pa_employer.services.rota import patterns as rota
from pa_employer.services.rota.shifts import list_shifts
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets import pay

TODAY = date(2026, 11, 23)


def clock_at(day: date):  # type: ignore[no-untyped-def]
    moment = datetime(day.year, day.month, day.day, 10, tzinfo=UTC)
    return lambda: moment


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmployerFile]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PA_EMPLOYER_HOME", str(tmp_path_factory.mktemp("home")))
        path = tmp_path_factory.mktemp("demo") / "demo.paemployer"
        ef = make_demo(path, user="Test", clock=clock_at(TODAY))
        yield ef
        ef.close()


@pytest.fixture(scope="module")
def pas(demo):  # type: ignore[no-untyped-def]
    return {p.first_name: p for p in people.list_pas(demo)}


@pytest.fixture(scope="module")
def shifts(demo):  # type: ignore[no-untyped-def]
    return list_shifts(demo, TODAY - timedelta(days=500), TODAY + timedelta(days=60))


def worked(shifts, pa, kind=None):  # type: ignore[no-untyped-def]
    return [
        s
        for s in shifts
        if s.pa_id == pa.id and s.status is Status.WORKED and (kind is None or s.kind is kind)
    ]


def test_rota_patterns_saved(demo, pas):
    patterns = rota.list_patterns(demo)
    by_pa = Counter(p.pa_id for p in patterns)
    assert by_pa == {pas["Morag"].id: 3, pas["Callum"].id: 1, pas["Priya"].id: 2}
    sleepover = next(p for p in patterns if p.kind is Kind.SLEEPOVER)
    assert sleepover.every_weeks == 2


def test_fourteen_months_of_shifts(shifts, pas):
    morag, callum, priya = pas["Morag"], pas["Callum"], pas["Priya"]
    assert min(s.local_date for s in shifts) == morag.start_date
    assert 250 < len(worked(shifts, morag, Kind.WORK)) < 320
    assert 25 <= len(worked(shifts, morag, Kind.SLEEPOVER)) <= 32
    bowling = [s for s in worked(shifts, callum) if s.notes == "Bowling club"]
    assert 35 < len(bowling) < 60 and {s.local_date.weekday() for s in bowling} == {3}
    cover = [s for s in worked(shifts, callum) if s.notes.startswith("Cover for Morag")]
    assert len(cover) >= 10
    recent = worked(shifts, priya)
    assert recent and all(priya.start_date <= s.local_date < TODAY for s in recent)
    assert all(s.local_date < TODAY for s in shifts if s.status is Status.WORKED)
    planned = [s for s in shifts if s.status is Status.PLANNED]
    assert planned and all(TODAY <= s.local_date < TODAY + timedelta(days=28) for s in planned)


def test_holidays_summer_and_christmas(shifts, pas):
    holidays = worked(shifts, pas["Morag"], Kind.HOLIDAY)
    summer = [s for s in holidays if s.notes == "Summer holiday"]
    christmas = [s for s in holidays if s.notes == "Christmas holiday"]
    assert 8 <= len(summer) <= 10  # two weeks of her weekday shifts, bank holiday aside
    assert all(s.local_date.month in (7, 8) for s in summer)
    assert 3 <= len(christmas) <= 8
    assert all(s.minutes == 240 for s in holidays)


def test_sickness_monday_to_thursday_after_april_2026(shifts, pas):
    sick = worked(shifts, pas["Morag"], Kind.SICKNESS)
    days = [s.local_date for s in sick]
    assert len(days) == 4 and days[0].weekday() == 0
    assert days == [days[0] + timedelta(days=n) for n in range(4)]
    assert days[0] > SSP_CHANGE
    assert not [s for s in worked(shifts, pas["Morag"], Kind.WORK) if s.local_date in days]


def test_sick_week_is_paid_ssp_in_its_period_and_its_export(demo, shifts, pas):
    from sqlalchemy import select

    from pa_employer.models import ExportSnapshot

    days = [s.local_date for s in worked(shifts, pas["Morag"], Kind.SICKNESS)]
    period = pay.current_period(demo, days[0])
    result = pay.price_period(demo, period.start, period.end, period.pay_date)
    morag = next(s for s in result.summaries if s.pa_id == pas["Morag"].id)
    assert morag.ssp_days == 4 and morag.ssp_pence > 0 and not morag.ssp_straddles
    assert f"Sick {days[0]:%d/%m/%Y} to {days[-1]:%d/%m/%Y}" in morag.ssp_reasons[0]
    with demo.reading() as session:  # the period went to payroll as a CSV with the SSP
        snapshot = session.scalars(
            select(ExportSnapshot).where(ExportSnapshot.period_start == period.start)
        ).one()
        text = snapshot.content.decode("utf-8-sig")
    ssp_rows = [row.split(",") for row in text.split("\r\n") if ",ssp," in row]
    assert len(ssp_rows) == 4
    assert sum(int(row[13].replace(".", "")) for row in ssp_rows) == morag.ssp_pence


def test_clock_change_night_is_eleven_hours(shifts, pas):
    saturday = date(2026, 10, 24)
    [night] = [s for s in worked(shifts, pas["Callum"]) if s.local_date == saturday]
    assert night.minutes == 11 * 60 and night.kind is Kind.WORK


def test_one_shift_on_a_bank_holiday(demo, shifts):
    holidays = {d for y in (2025, 2026) for d in scottish_bank_holidays(y)}
    on_holidays = [
        s for s in shifts if s.status is Status.WORKED and s.local_date in holidays and s.start_utc
    ]
    assert len(on_holidays) == 1
    day = on_holidays[0].local_date
    result = pay.price_period(demo, day, day)
    assert [line.rate_code for p in result.shifts for line in p.lines] == [RateCode.BANK_HOLIDAY]


def test_every_past_period_prices_without_missing_rates_and_is_locked(demo):
    periods = pay.periods(demo, TODAY - timedelta(days=400), TODAY - timedelta(days=28))
    locked = []
    for period in periods:
        result = pay.price_period(demo, period.start, period.end, period.pay_date)
        kinds = {w.kind for item in result.shifts for w in item.warnings}
        assert "missing_rate" not in kinds, period
        assert result.total_pence > 0
        locked.append(rota.is_locked(demo, period.start))
    assert all(locked)
    assert not rota.is_locked(demo, TODAY)


def test_irregular_pa_accrues_holiday(demo, pas):
    period = pay.current_period(demo, TODAY - timedelta(days=60))
    result = pay.price_period(demo, period.start, period.end)
    callum = next(s for s in result.summaries if s.pa_id == pas["Callum"].id)
    assert callum.holiday_accrued_minutes > 0


@pytest.mark.parametrize(
    "today",
    [date(2026, 1, 1), date(2026, 4, 10), date(2026, 8, 5), date(2026, 10, 25), date(2027, 12, 31)],
)
def test_calendar_for_any_today(today):
    callum_start = today - timedelta(days=14 * 30) + timedelta(days=21)
    cal = demo_calendar(today, callum_start)
    assert max(cal.summer) < today and max(cal.christmas) < today
    assert min(cal.summer) > callum_start and min(cal.christmas) > callum_start
    assert cal.sick_monday.weekday() == 0 and max(cal.sick_days) < today
    if today >= date(2026, 6, 1):
        assert cal.sick_monday > SSP_CHANGE
    assert not cal.sick_days & (cal.summer | cal.christmas | cal.holidays)
    assert cal.bank_holiday in cal.holidays and cal.bank_holiday <= today - timedelta(days=14)
    sunday = cal.clocks_back_saturday + timedelta(days=1)
    assert sunday.month == 10 and (sunday + timedelta(days=7)).month == 11 and sunday < today
    assert demo_calendar(today, callum_start) == cal  # deterministic


def test_same_today_same_history(tmp_path, shifts, demo):
    other = make_demo(tmp_path / "again.paemployer", user="Test", clock=clock_at(TODAY))
    try:
        again = list_shifts(other, TODAY - timedelta(days=500), TODAY + timedelta(days=60))
        money = ledger.lines_between(other, TODAY - timedelta(days=500), TODAY)
        assert money == ledger.lines_between(demo, TODAY - timedelta(days=500), TODAY)
    finally:
        other.close()

    def key(s):  # type: ignore[no-untyped-def]
        return (s.pa_id, s.kind, s.local_date, s.start_utc, s.minutes, s.status, s.notes)

    assert [key(s) for s in again] == [key(s) for s in shifts]


# -- the money (demo_money) -----------------------------------------------------------


def test_fourteen_months_of_money(demo):

    lines = ledger.lines_between(demo, TODAY - timedelta(days=500), TODAY)
    assert min(line.day for line in lines) == TODAY - relativedelta(months=14)
    assert lines[0].category == "opening_balance"
    dp = [line for line in lines if line.category == "dp_payment"]
    assert 15 <= len(dp) <= 16 and all(line.period_to and line.period_from for line in dp)
    assert {line.amount_pence for line in dp} == {225120, 239400}
    assert [line for line in lines if line.category == "client_contribution"]
    months = {(line.day.year, line.day.month) for line in lines}
    assert len(months) >= 14
    for category in ("pa_net_wages", "hmrc", "pension", "payroll_fees", "insurance"):
        assert [line for line in lines if line.category == category], category


def test_payroll_results_for_every_exported_period(demo):
    from pa_employer.services.timesheets.payroll import period_results

    for period in pay.periods(demo, TODAY - timedelta(days=400), TODAY - timedelta(days=28)):
        found = period_results(demo, period.start, period.start)
        assert found.results and not found.missing, period
        for r in found.results:
            assert r.gross_difference_pence == 0 and r.net_difference_pence == 0


def test_balance_today_has_commitments_and_a_positive_free_balance(demo):
    from pa_employer.services.money.balance import balance_on

    report = balance_on(demo, TODAY)
    kinds = {c.kind for c in report.commitments}
    assert {"wages", "hmrc", "pension"} <= kinds
    assert 0 < report.free_pence < report.bank_pence
    assert report.bank_pence < 4 * 239400  # a few weeks' payments, not a year's


def test_worked_example_6_course_and_certificate(demo, pas):
    from pa_employer.services.money import pots

    contingency, training = pots.pots(demo, TODAY)
    [course] = training.courses
    assert course.name == "Moving and handling" and course.cost.total_pence == 28330
    assert training.use.left_pence == 1670
    assert course.fee_line_id is not None
    with demo.reading() as session:
        from sqlalchemy import select

        from pa_employer.models import Certificate

        [cert] = session.scalars(select(Certificate)).all()
        assert cert.pa_id == pas["Callum"].id and cert.expires_on > TODAY
    [drawdown] = contingency.drawdowns
    assert drawdown.drawdown.premium_pence == 34920  # worked example 4


def test_cafe_split_bus_fares_and_bowling_linked_to_outcomes(demo):

    lines = ledger.lines_between(demo, TODAY - timedelta(days=500), TODAY)
    groups: dict[int, list] = {}
    for line in lines:
        if line.split_group is not None:
            groups.setdefault(line.split_group, []).append(line)
    [cafe] = groups.values()
    assert sum(line.amount_pence for line in cafe) == 610
    assert len(ledger.flags_on(demo, cafe)) == 1
    assert ledger.outcome_links(demo, cafe[0].id)
    bus = next(line for line in lines if line.amount_pence == 480)
    bowling = [line for line in lines if line.payee == "Rosemount Bowling Club"]
    assert bowling and ledger.outcome_links(demo, bus.id)
    assert all("bowling" in ledger.outcome_links(demo, b.id)[0].outcome for b in bowling)
    spend = ledger.spend_by_outcome(demo, TODAY - timedelta(days=500), TODAY)
    assert len(spend) == 3  # bowling, lunch club (and its monthly charge), hospital taxis
    # every quarter has spending linked to outcomes (the lunch club and the taxi)
    for months_back in (0, 3, 6, 9, 12):
        end = TODAY - timedelta(days=30 * months_back)
        assert ledger.spend_by_outcome(demo, end - timedelta(days=90), end)


def test_receipts_attached(demo):
    from pa_employer.core.account.ledger import receipt_media_type

    lines = ledger.lines_between(demo, TODAY - timedelta(days=500), TODAY)
    with_receipts = {line.id: ledger.receipts_for(demo, line.id) for line in lines}
    found = [r for rs in with_receipts.values() for r in rs]
    assert len({r.id for r in found}) >= 6
    assert {r.media_type for r in found} == {"image/png", "application/pdf"}
    for r in found:
        content = ledger.receipt_content(demo, r.id)
        assert receipt_media_type(content[:16]) == r.media_type
        assert len(content) < 5000


def test_receipt_pdf_is_well_formed():
    from pa_employer.demo.money import receipt_pdf

    pdf = receipt_pdf(["Shop (Aberdeen)", "GBP 1.00"])
    assert pdf.startswith(b"%PDF-1.4") and pdf.endswith(b"%%EOF\n")
    xref = int(pdf.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    assert pdf[xref:].startswith(b"xref")
    assert b"\\(Aberdeen\\)" in pdf


def test_the_demo_raises_none_of_the_declaration_checks(demo) -> None:  # type: ignore[no-untyped-def]
    """No family-member PA, every quarter's unmet hours explained, and the café receipt's
    split adds up to its total: none of these checks is raised on the demo's returns."""
    from pa_employer.core.council.returns import CheckCode
    from pa_employer.services import returns

    quiet = {CheckCode.FAMILY_APPROVAL, CheckCode.UNMET_NO_REASON, CheckCode.RECEIPT_OVERUSED}
    for start, end in (
        (date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 7, 1), date(2026, 9, 30)),
    ):
        figures = returns.build_return(demo, start, end)
        assert not [c for c in figures.checks if c.code in quiet], (start, figures.checks)
        assert figures.person_view.startswith("I like having the same faces")
        assert figures.hours.reasons[0].startswith("In the employer's words: Two weeks")
        assert figures.header.signer_capacity == "continuing attorney with financial powers"
        assert figures.header.legal_employer == "Jean Robertson"
