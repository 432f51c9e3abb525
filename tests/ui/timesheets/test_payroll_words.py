"""The payroll panel's words for what is owed and how the results compare (no Qt)."""

from datetime import date

from pa_employer.services.timesheets.payroll import (
    EXPORTED,
    RECORDED,
    NetPay,
    PAResult,
    PayrollOwed,
    PeriodResults,
    Unmatched,
)
from pa_employer.ui.timesheets.payroll_panel import NO_RESULTS, check_lines, gross_words, owed_words

START, END = date(2026, 10, 24), date(2026, 11, 20)


def result(name: str, number: str, gross: int, net: int, sheet: int, **money: int) -> PAResult:
    return PAResult(
        1,
        name,
        number,
        START,
        END,
        gross,
        money.get("tax", 0),
        money.get("ee_ni", 0),
        money.get("er_ni", 0),
        money.get("ee_pen", 0),
        money.get("er_pen", 0),
        net,
        END,
        "r.csv",
        sheet,
        RECORDED if money.get("source") else EXPORTED,
    )


def found(*results: PAResult, missing: tuple[Unmatched, ...] = ()) -> PeriodResults:
    owed = PayrollOwed(
        START,
        END,
        [NetPay(1, r.name, r.payroll_number, START, END, r.net_pence, END) for r in results],
        gross_pence=sum(r.gross_pence for r in results),
        tax_pence=sum(r.tax_pence for r in results),
        employee_ni_pence=sum(r.employee_ni_pence for r in results),
        employer_ni_pence=sum(r.employer_ni_pence for r in results),
        employee_pension_pence=sum(r.employee_pension_pence for r in results),
        employer_pension_pence=sum(r.employer_pension_pence for r in results),
    )
    return PeriodResults(START, END, list(results), owed, list(missing), EXPORTED)


def test_no_results_says_how_to_import() -> None:
    assert owed_words(found()) == NO_RESULTS
    assert gross_words(found()) == ""
    assert check_lines(found(missing=(Unmatched("Morag Stewart", "PA001", 15695),))) == []


def test_two_pas_and_nothing_to_hmrc_or_the_pension() -> None:
    both = found(
        result("Callum Fraser", "PA002", 5380, 5380, 5380),
        result("Morag Stewart", "PA001", 15695, 15695, 15695),
    )
    assert owed_words(both, "") == (
        "Pay Callum Fraser £53.80 net and Morag Stewart £156.95 net; nothing to HMRC (no tax "
        "or NI); nothing to the pension provider (no pension contributions). The employer's "
        "cost: £210.75."
    )
    assert gross_words(both).startswith("The payroll gross £210.75 matches the timesheet £210.75")
    assert check_lines(both) == []


def test_recorded_timesheet_and_a_pa_without_results() -> None:
    morag = result("Morag Stewart", "PA001", 15695, 15695, 15695, source=1)
    some = found(morag, missing=(Unmatched("Callum Fraser", "PA002", 5380),))
    assert gross_words(some) == (
        "The payroll gross £156.95 matches the timesheet £156.95 (worked out from the shifts "
        "recorded: this period has not been exported), and each net pay is gross less tax, "
        "employee NI and pension."
    )
    assert check_lines(some) == [
        "Callum Fraser (PA002): no payroll results imported yet; the timesheet says £53.80."
    ]


def test_a_penny_out_on_net_pay_is_rounding() -> None:
    close = found(result("Morag Stewart", "PA001", 15695, 15694, 15695))
    assert check_lines(close) == []
    out = found(result("Morag Stewart", "PA001", 15695, 15693, 15695))
    assert gross_words(out).endswith("; see the checks below about net pay.")
    assert check_lines(out)[0].startswith("Morag Stewart: net pay £156.93 does not add up")
