"""Worked examples on the demo employer (issue 14 item 1): its sent July to September
return, the current quarter's draft, the balance on the same days and the annual summary
agree, and every section adds up."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader

from pa_employer.core.council.outcome_totals import EMPLOYING_WORDS
from pa_employer.demo.employer import make_demo
from pa_employer.services import returns
from pa_employer.services.money.balance import balance_on
from pa_employer.services.returns.agreement import balance_against_sent, since_sent_in
from pa_employer.services.settings import plan
from pa_employer.services.storage.employer_file import EmployerFile

TODAY = date(2026, 11, 23)
Q2 = (date(2026, 7, 1), date(2026, 9, 30))
Q3 = (date(2026, 10, 1), date(2026, 12, 31))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmployerFile]:
    moment = datetime(2026, 11, 23, 10, tzinfo=UTC)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PA_EMPLOYER_HOME", str(tmp_path_factory.mktemp("home")))
        ef = make_demo(
            tmp_path_factory.mktemp("demo") / "demo.paemployer", user="T", clock=lambda: moment
        )
        yield ef
        ef.close()


@pytest.fixture(scope="module")
def sent_q2(demo):  # type: ignore[no-untyped-def]
    (info,) = [r for r in returns.list_returns(demo) if (r.start, r.end) == Q2]
    return returns.submitted_figures(demo, info.id)


def test_the_sent_return_shows_the_unrecorded_fee_and_foots(sent_q2) -> None:  # type: ignore[no-untyped-def]
    f = sent_q2
    r = f["reconciliation"]
    # the statement's closing balance, the £5 fee the records did not have yet on its own line
    assert [
        (d["pence"], "QUARTERLY ACCOUNT FEE" in d["description"]) for d in r["differences"]
    ] == [(-500, True)]
    assert r["closing_pence"] == r["ledger_closing_pence"] - 500
    assert "bank statement" in r["closing_source"]
    opening, money_in = f["income"]["opening_pence"], f["income"]["total_pence"]
    money_out = f["expenditure"]["total_pence"]
    assert opening + money_in - money_out == r["ledger_closing_pence"]
    # the free balance is the closing balance less what is owed, wages worked included
    assert r["free_pence"] == r["closing_pence"] - sum(c["pence"] for c in r["commitments"])
    running = [c for c in r["commitments"] if "running until" in c["basis"]]
    assert running and all(c["pence"] > 0 for c in running)
    # the outcomes add up to the money out, PA costs as one line
    o = f["outcomes"]
    assert o["total_pence"] == money_out
    employing = {t["category"] for t in o["employing_by_category"]}
    assert {"pa_net_wages", "hmrc", "pension", "payroll_fees"} <= employing
    assert o["employing_pence"] == sum(t["pence"] for t in o["employing_by_category"])


def test_the_balance_on_the_same_day_agrees_with_the_sent_return(demo, sent_q2) -> None:  # type: ignore[no-untyped-def]
    report = balance_on(demo, Q2[1])
    r = sent_q2["reconciliation"]
    assert report.closing_pence == r["closing_pence"]
    assert report.free_pence == r["free_pence"]
    assert report.committed_pence == sum(c["pence"] for c in r["commitments"])
    since = balance_against_sent(demo, report)
    assert since is not None and since.changes == ()
    # the fee is in the records now, so the records and the statement agree
    assert report.bank_pence == report.closing_pence and report.differences == ()


def test_the_figures_now_say_what_changed_since_the_return_was_sent(demo) -> None:  # type: ignore[no-untyped-def]
    with demo.reading() as session:
        now = returns.build_in(demo, session, *Q2, summary=True)
        since = since_sent_in(session, now)
    assert since is not None
    assert [(c.figure, c.difference_pence) for c in since.changes] == [("Money out", 500)]
    assert len(since.line_changes) == 1 and "QUARTERLY ACCOUNT FEE" in since.line_changes[0]


def test_the_current_quarter_keeps_the_repayment_and_the_cover_apart(demo) -> None:  # type: ignore[no-untyped-def]
    f = returns.build_return(demo, *Q3)
    o = f.outcomes
    repaid = sum(x.amount_pence for x in f.expenditure.lines if x.category == "council_repayment")
    assert repaid > 0 and o.repaid_pence == repaid
    cover = sum(x.amount_pence for x in f.expenditure.lines if x.category == "sickness_cover")
    assert cover > 0
    assert ("sickness_cover", cover) in [(t.category, t.pence) for t in o.employing_by_category]
    assert o.total_pence == f.expenditure.total_pence
    text = _text(returns.render_pdf(f))
    assert EMPLOYING_WORDS in text
    assert "Repayment to the council" in text
    assert "These add up to the money out for the period (section C)" in text
    # hours are planned only to today: the rest of December is not unmet
    weekly = plan.get_plan(demo).agreed_weekly_minutes
    assert f.hours.planned_minutes == weekly * ((TODAY - Q3[0]).days + 1) // 7


def test_the_annual_summary_counts_no_quarter_not_yet_come(demo) -> None:  # type: ignore[no-untyped-def]
    first, last, pdf = returns.annual_summary(demo, TODAY)
    assert (first, last) == (date(2026, 4, 1), date(2027, 3, 31))
    text = _text(pdf)
    assert "1 Jan to 31 Mar 2027 (not begun)" in text
    assert "1 Oct to 23 Nov 2026 (so far)" in text
    assert "The year to 23 Nov 2026" in text
    assert "Money out: " in text and "as sent" in text
    assert "These returns give the same figures as above: 01 Apr 2026 to 30 Jun 2026" in text


def _text(pdf: bytes) -> str:
    words = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(words.split())  # table cells wrap
