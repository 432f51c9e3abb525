"""ReturnFigures built by hand for the return PDF tests (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from pa_employer.core.council.profile import RETURN_SECTIONS
from pa_employer.core.council.returns import (
    Adjustment,
    Attachment,
    CategoryTotal,
    CheckCode,
    CheckItem,
    Commitment,
    Compliance,
    Expenditure,
    Header,
    Hours,
    Income,
    MoneyLine,
    Outcomes,
    OutcomeSpend,
    PACompliance,
    PAHours,
    Reconciliation,
    ReturnFigures,
    StatementBalance,
)

START, END = date(2026, 7, 1), date(2026, 9, 30)

_CATEGORIES = (
    ("pa_net_wages", "PA wages (net)", "Bank transfer"),
    ("hmrc", "HMRC (PAYE tax and National Insurance)", "Direct debit"),
    ("pension", "Pension contributions", "Direct debit"),
    ("payroll_fees", "Payroll service fees", "Card"),
)


def spending(count: int) -> tuple[MoneyLine, ...]:
    """``count`` lines of money out, amounts all different (1,001p, 1,002p, ...)."""
    lines = []
    for i in range(count):
        category, label, method = _CATEGORIES[i % len(_CATEGORIES)]
        lines.append(
            MoneyLine(
                line_id=100 + i,
                day=START + timedelta(days=i % 92),
                payee=f"Payee number {i + 1}",
                amount_pence=1001 + i * 137,
                method=method,
                category=category,
                category_label=label,
                outcomes=("Get back to the bowling club",) if i % 5 == 0 else (),
                evidence=f"Receipt R{i + 1}" if i % 7 else "",
                notes="Paid late" if i % 11 == 0 else "",
                ref=f"E{i + 1}",
            )
        )
    return tuple(lines)


def figures(
    lines: int = 12,
    status: str = "draft",
    sections: tuple[str, ...] = tuple(RETURN_SECTIONS),
    adjustments: bool = False,
) -> ReturnFigures:
    spend = spending(lines)
    totals = []
    for category, label, _ in _CATEGORIES:
        mine = [x for x in spend if x.category == category]
        if mine:
            totals.append(
                CategoryTotal(category, label, sum(x.amount_pence for x in mine), len(mine))
            )
    income_lines = (
        MoneyLine(
            1,
            date(2026, 7, 1),
            "Aberdeen City Council",
            339400,
            "Bank transfer",
            "dp_payment",
            "Direct payment",
            period_covered="Jul 2026",
            evidence='Bank 1 Jul 2026, £3,394.00 in, "ABERDEEN CITY COUNCIL"',
            ref="I1",
        ),
        MoneyLine(
            2,
            date(2026, 7, 28),
            "Jean Robertson",
            4000,
            "Standing order",
            "contribution",
            "Client contribution",
            evidence='Bank 28 Jul 2026, £40.00 in, "JEAN ROBERTSON SO" (ref 8812)',
            ref="I2",
        ),
    )
    header = Header(
        council="Aberdeen City",
        client_reference="ACC-SW-204871",
        period_start=START,
        period_end=END,
        frequency="quarterly",
        supported_person="Jean Robertson",
        representative="Alison Robertson",
        legal_basis="Power of attorney",
        account_type="Bank",
        account_name="J Robertson DP account",
        account_last4="4417",
        plan_reference="ACC-SDS-2025-0193",
        plan_date=date(2025, 9, 23),
        weekly_dp_pence=59850,
        agreed_weekly_minutes=42 * 60,
        paye_reference="120/PA00224411",
        accounts_office_reference="120PA00224411",
        payroll_provider="North East Payroll Bureau",
        insurer="Fish Insurance",
        insurance_policy="PAE-551203",
        insurance_expiry=date(2026, 12, 13),
        pension_provider="NEST",
        pension_employer_id="EMP0442917",
        pa_count=2,
    )
    total_out = sum(x.amount_pence for x in spend)
    return ReturnFigures(
        header=header,
        income=Income(
            1402061,
            "the bank statement of the account ending 4417, 1 Jul to 31 Jul 2026",
            income_lines,
            343400,
        ),
        expenditure=Expenditure(spend, tuple(totals), total_out),
        reconciliation=Reconciliation(
            statements=(
                StatementBalance(
                    "Bank", date(2026, 7, 1), date(2026, 7, 31), 1402061, 1299676, True
                ),
                StatementBalance(
                    "Bank", date(2026, 8, 1), date(2026, 8, 31), 1299676, 1367593, False
                ),
            ),
            ledger_closing_pence=1467442,
            closing_pence=1467442,
            closing_source="the ledger",
            commitments=(
                Commitment("Tax and National Insurance due to HMRC", 26458, "payroll results"),
                Commitment("Pension contributions due", 6920, "payroll results"),
            ),
            free_pence=1434064,
            cap_pence=239400,
            cap_basis="4 weeks of the direct payment",
            surplus_pence=1194664,
            shortfall_pence=0,
            explanation="Recruitment gap: a PA left in August",
        ),
        hours=Hours(
            planned_minutes=552 * 60,
            planned_basis="42 hours a week for 92 days",
            pa_minutes=377 * 60,
            agency_minutes=90,
            unmet_minutes=173 * 60 + 30,
            by_pa=(PAHours("Callum Fraser", 93 * 60), PAHours("Morag Stewart", 284 * 60)),
            reasons=("Morag Stewart: holiday, 36 hours", "Recruitment gap"),
        ),
        outcomes=Outcomes(
            (
                OutcomeSpend(1, "Get back to the bowling club", 12345, 3, "Went twice in August"),
                OutcomeSpend(2, "Keep living in my own flat", 0, 0, ""),
            ),
            not_linked_pence=total_out - 12345,
        ),
        compliance=Compliance(
            pas=(
                PACompliance(
                    "Callum Fraser",
                    "1602 9981 2207 4415",
                    date(2026, 4, 17),
                    date(2026, 3, 12),
                    date(2025, 10, 7),
                    "Kept in this program",
                ),
                PACompliance("Morag Stewart", "", None, None, None, ""),
            ),
            insurance_in_force=True,
            insurance_words="Fish Insurance until 13 Dec 2026",
            payroll_submissions=("Pay day 31 Jul 2026",),
            payroll_missing=(),
            pension_declaration=None,
        ),
        attachments=(
            Attachment(
                "bank_statements", "Bank statement 1 Jul to 31 Jul 2026", "Account ending 4417"
            ),
            Attachment("receipts", "shop.png", "Receipt R3"),
        ),
        adjustments=(
            (
                Adjustment(
                    "1 Apr 2026 to 30 Jun 2026",
                    42,
                    date(2026, 6, 3),
                    "Corner Shop",
                    2000,
                    2450,
                    "Amount corrected from the receipt",
                ),
            )
            if adjustments
            else ()
        ),
        checks=(
            CheckItem(CheckCode.MISSING_RECEIPT, "1 Jul 2026 Payee number 1: attach a receipt."),
            CheckItem(CheckCode.NO_PROGRESS_NOTE, "Write a line on progress towards the flat."),
        ),
        sections=sections,
        signer="Alison Robertson",
        iso_helper="Sandy Milne, Aberdeen Support Options",
        status=status,
        submitted_on=date(2026, 10, 20) if status == "submitted" else None,
    )


def submitted(**kwargs: object) -> ReturnFigures:
    return replace(figures(**kwargs), status="submitted", submitted_on=date(2026, 10, 20))  # type: ignore[arg-type]
