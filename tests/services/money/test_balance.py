"""The balance report and the pots through the services: worked examples 3, 4, 6 and 7,
commitments itemised with their basis, the cap, netting and the recorded explanation."""

from dataclasses import replace
from datetime import date, time

import pytest

from pa_employer.core.account.ledger import Direction, LedgerEntry, LineStatus
from pa_employer.core.account.pots import CoverReason, PotKind
from pa_employer.core.pay.timesheet import Kind
from pa_employer.core.validation import InputError
from pa_employer.models import PayrollResult
from pa_employer.services import check
from pa_employer.services.money import ledger
from pa_employer.services.money import pots as pots_service
from pa_employer.services.money.balance import balance_on, describe, surplus_key
from pa_employer.services.money.pots import CourseInput, DrawdownInput
from pa_employer.services.people import pas as people
from pa_employer.services.rota.shifts import ShiftInput, record_shift
from pa_employer.services.settings import council, plan
from pa_employer.services.settings.resources import council_profiles

ON = date(2026, 7, 3)  # the end (and pay date) of pay period 4 of 2026/27
PERIODS = [
    (date(2026, 4, 11), date(2026, 5, 8)),
    (date(2026, 5, 9), date(2026, 6, 5)),
    (date(2026, 6, 6), date(2026, 7, 3)),
]


def money_in(day, pence, category="dp_payment"):
    return LedgerEntry(day, Direction.IN, pence, category, payee="Aberdeen City Council")


def add_results(ef, pa_id, rows):
    with ef.transaction() as session:
        for (start, end), net, tax in rows:
            session.add(
                PayrollResult(
                    pa_id=pa_id,
                    period_start=start,
                    period_end=end,
                    gross_pence=net + tax,
                    tax_pence=tax,
                    net_pence=net,
                    payment_date=end,
                )
            )


def worked_example_3(ef):
    """Statement balance £7,150; HMRC for the quarter (£640) not paid; the last period's
    wages (£1,900) not yet paid; 4-weekly DP £2,400; Aberdeen City's 4-week cap."""
    pa = people.list_pas(ef)[0]
    add_results(ef, pa.id, zip(PERIODS, [190000] * 3, [22000, 21000, 21000], strict=True))
    ledger.add_line(ef, money_in(date(2026, 4, 11), 375000, "opening_balance"))
    for day in (date(2026, 4, 17), date(2026, 5, 15), date(2026, 6, 12)):
        ledger.add_line(ef, money_in(day, 240000))
    for start, end in PERIODS[:2]:
        wages = LedgerEntry(
            end,
            Direction.OUT,
            190000,
            "pa_net_wages",
            pa_id=pa.id,
            period_from=start,
            period_to=end,
        )
        ledger.add_line(ef, wages)
    return pa


def test_worked_example_3_through_the_services(employer_file):
    ef = employer_file
    pa = worked_example_3(ef)
    report = balance_on(ef, ON)
    assert report.bank_pence == 715000
    assert [(c.kind, c.pence) for c in report.commitments] == [("wages", 190000), ("hmrc", 64000)]
    assert report.commitments[0].basis == "net pay in the payroll results"
    assert report.commitments[0].description == f"{pa.name}, 06 Jun 2026 to 03 Jul 2026"
    assert report.committed_pence == 254000
    assert report.free_pence == 461000
    assert report.cap_pence == 240000
    assert "Aberdeen City: 4 weeks" in report.cap_basis
    assert report.naive_surplus_pence == 475000
    assert report.free_surplus_pence == 221000
    assert report.netting is None  # Aberdeen City does not net
    assert report.explanation == ""
    text = "\n".join(describe(report))
    assert "£4,610.00" in text and "£2,210.00" in text and "£4,750.00" in text


def test_paying_the_wages_and_hmrc_clears_the_commitments(employer_file):
    ef = employer_file
    pa = worked_example_3(ef)
    start, _end = PERIODS[2]
    ledger.add_line(
        ef,
        LedgerEntry(ON, Direction.OUT, 190000, "pa_net_wages", pa_id=pa.id, period_from=start),
    )
    ledger.add_line(ef, LedgerEntry(ON, Direction.OUT, 40000, "hmrc", payee="HMRC"))
    report = balance_on(ef, ON)
    assert report.bank_pence == 715000 - 230000
    assert [(c.kind, c.pence) for c in report.commitments] == [("hmrc", 24000)]
    assert "less £400.00 paid" in report.commitments[0].basis
    # the day before, the payments were not made and the bank balance was higher
    assert balance_on(ef, date(2026, 7, 2)).bank_pence == 715000


def test_wages_without_payroll_results_use_the_priced_gross(employer_file):
    ef = employer_file
    pa = people.list_pas(ef)[0]
    ledger.add_line(ef, money_in(date(2026, 10, 24), 100000, "opening_balance"))
    record_shift(ef, ShiftInput(pa.id, Kind.WORK, date(2026, 11, 4), time(9), time(17)))
    # the period 24 Oct to 20 Nov 2026 is still running on 19 Nov: the day worked is owed
    (running,) = balance_on(ef, date(2026, 11, 19)).commitments
    assert (running.kind, running.pence) == ("wages", 8 * 1345)
    assert running.description.endswith("24 Oct 2026 to 19 Nov 2026")
    assert "pay period running until 20 Nov 2026" in running.basis
    # and not before the day is worked
    assert balance_on(ef, date(2026, 11, 3)).commitments == []
    (wages,) = balance_on(ef, date(2026, 11, 20)).commitments
    assert (wages.kind, wages.pence) == ("wages", 8 * 1345)
    assert wages.basis == "gross pay of the shifts recorded (no payroll results)"


def test_unpaid_invoices_are_commitments_not_spending(employer_file):
    ef = employer_file
    ledger.add_line(ef, money_in(date(2026, 11, 1), 300000))
    invoice = LedgerEntry(
        date(2026, 11, 10),
        Direction.OUT,
        67200,
        "agency",
        payee="Care Agency Ltd",
        status=LineStatus.UNPAID,
    )
    line_id = ledger.add_line(ef, invoice)
    report = balance_on(ef, date(2026, 11, 23))
    assert report.bank_pence == 300000
    assert [(c.kind, c.pence, c.description) for c in report.commitments] == [
        ("invoice", 67200, "Care Agency Ltd, invoice of 10 Nov 2026")
    ]
    ledger.change_line(ef, replace(ledger.get_line(ef, line_id), status=LineStatus.PAID))
    report = balance_on(ef, date(2026, 11, 23))
    assert (report.bank_pence, report.commitments) == (232800, [])


def test_cap_unknown_gives_none_with_a_reason(employer_file):
    ef = employer_file
    council.choose_council(ef, "angus")
    ledger.add_line(ef, money_in(date(2026, 11, 1), 500000))
    report = balance_on(ef, date(2026, 11, 23))
    assert report.cap_pence is None and report.naive_surplus_pence is None
    assert report.free_surplus_pence is None
    assert report.cap_basis == "not known: Angus's retained-balance cap is not recorded"


def test_netting_council_shows_both_payments(employer_file):
    ef = employer_file
    profile = council.get_council_profile(ef)
    council.save_council_profile(ef, replace(profile, netting=True))
    pots_service.set_budget(ef, PotKind.CONTINGENCY, 200000, date(2026, 4, 1))
    ledger.add_line(ef, money_in(date(2026, 11, 1), 300000))
    ledger.add_line(
        ef,
        LedgerEntry(date(2026, 11, 5), Direction.OUT, 150000, "agency", status=LineStatus.UNPAID),
    )
    netting = balance_on(ef, date(2026, 11, 23)).netting
    # £2,400 + £2,000 - £3,000 on the bank balance; - £1,500 on the free balance
    assert netting.council_payment_pence == 140000
    assert netting.council_unrecovered_pence == 0
    assert netting.free_balance_payment_pence == 290000


def test_the_surplus_explanation_is_read_back(employer_file):
    ef = employer_file
    worked_example_3(ef)
    check.explain(ef, surplus_key(ON), "Saving for a planned short break in August")
    assert balance_on(ef, ON).explanation == "Saving for a planned short break in August"
    assert balance_on(ef, date(2026, 7, 4)).explanation == ""


def test_holiday_pay_counts_only_when_asked(employer_file):
    ef = employer_file
    ledger.add_line(ef, money_in(date(2026, 11, 1), 300000))
    assert balance_on(ef, date(2026, 11, 23)).commitments == []
    found = balance_on(ef, date(2026, 11, 23), count_holiday_pay=True).commitments
    assert found and {c.kind for c in found} == {"holiday_pay"}
    assert all(c.pence > 0 and "at the Day rate £13.45/h" in c.basis for c in found)


def test_worked_example_4_contingency_drawdown(employer_file):
    ef = employer_file
    pa = people.list_pas(ef)[0]
    pots_service.set_budget(ef, PotKind.CONTINGENCY, 100000, date(2026, 4, 1), date(2027, 3, 31))
    pots_service.record_drawdown(
        ef,
        DrawdownInput(
            date(2026, 4, 13),
            CoverReason.SICKNESS_COVER,
            cover_minutes=24 * 60,
            cover_rate_pence=2800,
            normal_cost_pence=32280,
            pa_covered_id=pa.id,
            cover_provider="Care Agency Ltd",
        ),
    )
    contingency, _training = pots_service.pots(ef, date(2026, 11, 23))
    (drawdown,) = contingency.drawdowns
    assert drawdown.reason is CoverReason.SICKNESS_COVER
    assert drawdown.drawdown.cover_cost_pence == 67200
    assert drawdown.drawdown.premium_pence == 34920
    assert (contingency.use.used_pence, contingency.use.left_pence) == (34920, 65080)
    assert balance_on(ef, date(2026, 11, 23)).contingency.use.used_pence == 34920


def test_worked_example_6_training_pot(employer_file):
    ef = employer_file
    pa = people.list_pas(ef)[0]
    pots_service.set_budget(ef, PotKind.TRAINING, 30000, date(2026, 4, 1), date(2027, 3, 31))
    course_id = pots_service.record_course(
        ef,
        CourseInput(
            pa.id,
            "Moving and handling",
            date(2026, 9, 14),
            fee_pence=9500,
            training_minutes=7 * 60,
            training_rate_pence=1345,
            cover_minutes=7 * 60,
            cover_rate_pence=1345,
            cover_by="Callum Fraser",
        ),
    )
    _contingency, training = pots_service.pots(ef, date(2026, 11, 23))
    assert (training.use.budget_pence, training.use.used_pence) == (30000, 28330)
    assert training.use.left_pence == 1670
    report = balance_on(ef, date(2026, 11, 23))
    assert report.training.use.left_pence == 1670
    # before the course nothing was used
    assert balance_on(ef, date(2026, 9, 13)).training.use.used_pence == 0
    pots_service.record_certificate(
        ef, pa.id, "Moving and handling", date(2026, 9, 14), date(2027, 1, 31), course_id
    )
    (reminder,) = pots_service.certificate_reminders(ef, date(2026, 11, 23))
    assert reminder.key.startswith("certificate:") and reminder.due == date(2027, 1, 31)
    assert reminder.urgency.value == "soon" and reminder.subject == pa.name
    assert pots_service.certificate_reminders(ef, date(2026, 10, 1)) == []
    (late,) = pots_service.certificate_reminders(ef, date(2027, 2, 1))
    assert late.urgency.value == "overdue"


def test_no_budget_and_bad_budgets(employer_file):
    ef = employer_file
    contingency, training = pots_service.pots(ef, date(2026, 11, 23))
    assert not contingency.has_budget and not training.has_budget
    pots_service.set_budget(ef, PotKind.TRAINING, 30000, date(2026, 4, 1), date(2027, 3, 31))
    with pytest.raises(InputError, match="overlaps"):
        pots_service.set_budget(ef, PotKind.TRAINING, 30000, date(2027, 1, 1))
    pots_service.set_budget(ef, PotKind.TRAINING, 35000, date(2027, 4, 1))
    with pytest.raises(InputError):
        pots_service.set_budget(ef, PotKind.CONTINGENCY, -1, date(2026, 4, 1))
    with pytest.raises(InputError):
        pots_service.set_budget(ef, PotKind.CONTINGENCY, 1, date(2026, 4, 1), date(2026, 3, 1))
    _c, training = pots_service.pots(ef, date(2027, 5, 1))
    assert training.use.budget_pence == 35000


def test_worked_example_7_outcome_spend_in_the_period(employer_file):
    ef = employer_file
    outcome = plan.get_plan(ef).outcomes[2]
    day = date(2026, 11, 2)
    ledger.add_line(ef, money_in(date(2026, 11, 1), 10000))
    coffee = LedgerEntry(day, Direction.OUT, 320, "activities")
    ledger.add_split(
        ef,
        610,
        [
            ledger.SplitPart(coffee, outcome.id, "Seeing friends"),
            ledger.SplitPart(replace(coffee, amount_pence=290, category="pa_subsistence")),
        ],
    )
    bus = ledger.add_line(ef, replace(coffee, amount_pence=480))
    ledger.link_outcome(ef, bus, outcome.id, "Getting there")
    assert balance_on(ef, day).bank_pence == 10000 - 610 - 480
    (spent,) = ledger.spend_by_outcome(ef, date(2026, 11, 1), date(2026, 11, 30))
    assert spent.pence == 800


def test_certificate_expiry_is_on_the_overview_list(employer_file):
    """A certificate expiring soon shows in services.check (the Overview and `check`)."""
    from datetime import date as _date

    from pa_employer.models import Certificate
    from pa_employer.services import check
    from pa_employer.services.people import pas as people

    pa = people.list_pas(employer_file)[0]
    with employer_file.transaction() as session:
        session.add(
            Certificate(
                pa_id=pa.id,
                name="First aid",
                achieved_on=_date(2023, 12, 1),
                expires_on=_date(2026, 12, 1),
            )
        )
    found = [c.reminder for c in check.check(employer_file, _date(2026, 11, 23))]
    assert any(r.key.startswith("certificate:") and "First aid" in r.title for r in found)


def test_worked_example_3_under_three_councils_rules(employer_file):
    """The same account judged by Aberdeen City (4-week cap), Midlothian (netting of the
    next payment, cap not known) and South Lanarkshire (all unspent money returned)."""
    ef = employer_file
    worked_example_3(ef)
    profiles = council_profiles()
    aberdeen = balance_on(ef, ON, profile=profiles["aberdeen-city"])
    assert (aberdeen.cap_pence, aberdeen.naive_surplus_pence) == (240000, 475000)
    assert aberdeen.free_surplus_pence == 221000 and aberdeen.netting is None

    midlothian = balance_on(ef, ON, profile=profiles["midlothian"])
    assert midlothian.cap_pence is None and midlothian.free_surplus_pence is None
    # next payment = £2,400 + £0 contingency - £7,150 on the bank balance: nothing paid,
    # and £4,750 the netting cannot take stays reclaimable; on the free balance (£4,610)
    # the same sum leaves £2,210 reclaimable.
    assert midlothian.netting.council_payment_pence == 0
    assert midlothian.netting.council_unrecovered_pence == 475000
    assert midlothian.netting.free_balance_payment_pence == 0

    lanarkshire = balance_on(ef, ON, profile=profiles["south-lanarkshire"])
    assert lanarkshire.cap_pence == 0
    assert lanarkshire.naive_surplus_pence == 715000
    assert lanarkshire.free_surplus_pence == 461000
    assert "all unspent money must be returned" in lanarkshire.cap_basis
    # the employer's own profile is untouched by asking
    assert balance_on(ef, ON).cap_pence == 240000


def test_holiday_pay_counts_when_the_council_profile_says_so(employer_file):
    ef = employer_file
    ledger.add_line(ef, money_in(date(2026, 11, 1), 300000))
    profile = council.get_council_profile(ef)
    council.save_council_profile(ef, replace(profile, holiday_pay_counted=True))
    found = balance_on(ef, date(2026, 11, 23)).commitments
    assert found and {c.kind for c in found} == {"holiday_pay"}
    assert balance_on(ef, date(2026, 11, 23), count_holiday_pay=False).commitments == []
