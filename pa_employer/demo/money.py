"""Fourteen months of the demo employer's money, dated relative to today.

Deterministic given today, and added after ``demo_history`` (it reads the exported pay
periods). Everything goes through the services a user's actions go through:

- An opening balance on the day the history starts; the Aberdeen City direct payment
  every four weeks (the support plan's amount in force, with the period it covers) and
  Jean's contribution paid in.
- Payroll results for every exported pay period, imported as the bureau's CSV. The
  figures are an ILLUSTRATION, not a payroll: gross is the exported timesheet total;
  tax 20% of pay above £966.92 per 4 weeks (1257L spread over 13 periods, not
  cumulative); employee NI 8% above £968 per 4 weeks (DOMAIN.md 3.2); no employer NI
  (the Employment Allowance covers it); NEST 5% employee and 3% employer of qualifying
  earnings (above £480 per 4 weeks) for PAs aged 22 or over earning at least £768.
- Money out: each PA's net wages on the pay date (the last period's are not yet paid
  today, so the balance shows them committed), HMRC quarterly (by the 22nd), NEST
  twelve days after the pay date, the payroll bureau's fee, the employers' liability
  premium, a moving and handling course (worked example 6) with its certificate, agency
  cover from contingency in Morag's sick week (worked example 4), the café receipt split
  (worked example 7: the PA's coffee is flagged by a prior-approval flag the demo adds
  to its council profile as an ASSUMPTION, not Aberdeen City policy), bus fares and
  bowling club fees linked to outcomes; small PDF and PNG receipts made here attached.
- The surplus above one 4-weekly payment reclaimed by the council at the annual
  review, so today's balance is a few weeks' payments.
- Training (£300) and contingency (£1,000) budgets for each plan year (from 1 April).
"""

from __future__ import annotations

import csv
import json
import struct
import tempfile
import zlib
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from pa_employer.core.account.ledger import Direction, LedgerEntry
from pa_employer.core.account.pots import CoverReason, PotKind
from pa_employer.core.council.profile import CategoryFlag
from pa_employer.core.pay.pay_periods import PayPeriod
from pa_employer.core.records import PA, FunderKind, RateCode, SupportPlan
from pa_employer.core.rules import Status
from pa_employer.demo.history import demo_calendar
from pa_employer.exports.payroll_csv import COLUMNS
from pa_employer.models import ExportSnapshot
from pa_employer.services.money import ledger, pots
from pa_employer.services.people import pas as people
from pa_employer.services.settings import council, plan
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets import pay
from pa_employer.services.timesheets.payroll import import_payroll

#: Illustrative per-4-week figures (DOMAIN.md 3.2); see the module docstring.
TAX_FREE_PENCE = 96692  # £12,570 / 13
NI_THRESHOLD_PENCE = 96800  # £242 x 4
PENSION_LOWER_PENCE = 48000
PENSION_UPPER_PENCE = 386700
PENSION_TRIGGER_PENCE = 76800
BUREAU = "North East Payroll Bureau"
BUREAU_FEE_PENCE = 2400
INSURANCE_PREMIUM_PENCE = 14250
COURSE_FEE_PENCE = 9500
COURSE_MINUTES = 7 * 60
AGENCY = "Granite City Care"
AGENCY_MINUTES = 24 * 60
AGENCY_RATE_PENCE = 2800
BOWLING_FEE_PENCE = 6500
CAFE = "The Rosemount Café"


@dataclass(frozen=True)
class Result:
    """One PA's illustrative payroll results for one period."""

    pa: PA
    period: PayPeriod
    gross: int
    tax: int
    employee_ni: int
    employee_pension: int
    employer_pension: int

    @property
    def net(self) -> int:
        return self.gross - self.tax - self.employee_ni - self.employee_pension

    @property
    def hmrc(self) -> int:
        return self.tax + self.employee_ni


def _pounds(pence: int) -> str:
    return f"{pence // 100}.{pence % 100:02d}"


def _age(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def illustrate(pa: PA, period: PayPeriod, gross: int) -> Result:
    """Simple, deterministic deductions (an illustration, not a payroll)."""
    tax = max(gross - TAX_FREE_PENCE, 0) // 5
    employee_ni = max(gross - NI_THRESHOLD_PENCE, 0) * 8 // 100
    pension_e = pension_r = 0
    born = pa.date_of_birth
    if gross >= PENSION_TRIGGER_PENCE and born is not None and _age(born, period.end) >= 22:
        qualifying = min(gross, PENSION_UPPER_PENCE) - PENSION_LOWER_PENCE
        pension_e, pension_r = qualifying * 5 // 100, qualifying * 3 // 100
    return Result(pa, period, gross, tax, employee_ni, pension_e, pension_r)


def exported_results(ef: EmployerFile, pas: list[PA], today: date) -> list[Result]:
    """Illustrative results for every exported pay period, from the exported totals."""
    by_number = {p.payroll_number: p for p in pas}
    with ef.reading() as session:
        snapshots = {
            (s.period_start, s.period_end): json.loads(s.inputs_json)["timesheet"]["pas"]
            for s in session.scalars(select(ExportSnapshot).order_by(ExportSnapshot.id))
        }
    if not snapshots:
        return []
    first = min(start for start, _end in snapshots)
    out: list[Result] = []
    for period in pay.periods(ef, first, today):
        for item in snapshots.get((period.start, period.end), []):
            gross = int(item["total_pence"])
            if gross > 0:
                out.append(illustrate(by_number[item["payroll_number"]], period, gross))
    return out


def _import_results(ef: EmployerFile, results: list[Result], folder: Path) -> None:
    path = folder / "NEPB payroll results.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for r in results:
            money = (r.gross, r.tax, r.employee_ni, 0, r.employee_pension, r.employer_pension)
            writer.writerow(
                [r.pa.payroll_number, r.period.start.isoformat(), r.period.end.isoformat()]
                + [_pounds(m) for m in (*money, r.net)]
                + [r.period.pay_date.isoformat()]
            )
    import_payroll(ef, path)


# -- generated receipts ----------------------------------------------------------------


def receipt_pdf(lines: list[str]) -> bytes:
    """A small valid one-page PDF with ``lines`` of text (Helvetica, ASCII)."""
    text = "".join(
        "({}) Tj 0 -16 Td ".format(
            line.encode("ascii", "replace")
            .decode()
            .replace("\\", "\\\\")
            .replace("(", "\\(")
            .replace(")", "\\)")
        )
        for line in lines
    )
    stream = f"BT /F1 11 Tf 40 380 Td {text}ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 420] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def receipt_png(width: int = 48, height: int = 64) -> bytes:
    """A small valid greyscale PNG: a till roll with printed bands."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(
        b"\x00" + bytes(90 if 6 <= x < width - 6 and y % 8 in (2, 3) else 250 for x in range(width))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


class _Receipts:
    def __init__(self, ef: EmployerFile, folder: Path) -> None:
        self.ef, self.folder = ef, folder

    def pdf(self, name: str, line_ids: list[int], lines: list[str]) -> None:
        path = self.folder / name
        path.write_bytes(receipt_pdf(lines))
        ledger.attach_receipt(self.ef, line_ids, path)

    def png(
        self, name: str, line_ids: list[int], size: tuple[int, int], total: int | None = None
    ) -> None:
        path = self.folder / name
        path.write_bytes(receipt_png(*size))
        ledger.attach_receipt(self.ef, line_ids, path, total)


# -- the money -------------------------------------------------------------------------


def _out(day: date, pence: int, category: str, payee: str, **more: Any) -> LedgerEntry:
    return LedgerEntry(day, Direction.OUT, pence, category, payee, **more)


def _income(support: SupportPlan, start: date, today: date) -> list[LedgerEntry]:
    out = [
        LedgerEntry(
            start,
            Direction.IN,
            185000,
            "opening_balance",
            "Opening balance",
            notes="Direct payment account balance on the statement when the records began",
        )
    ]
    day = start
    while day <= today:
        covers = (day, day + timedelta(days=27))
        for funder in support.funders:
            amount = funder.amount_on(day)
            if amount is None:
                continue
            if funder.kind is FunderKind.DIRECT_PAYMENT:
                out.append(
                    LedgerEntry(
                        day,
                        Direction.IN,
                        amount.amount_pence,
                        "dp_payment",
                        "Aberdeen City Council",
                        period_from=covers[0],
                        period_to=covers[1],
                    )
                )
            elif funder.kind is FunderKind.CLIENT_CONTRIBUTION:
                paid = day + timedelta(days=1)
                if paid <= today:
                    out.append(
                        LedgerEntry(
                            paid,
                            Direction.IN,
                            amount.amount_pence,
                            "client_contribution",
                            "Jean Robertson",
                            method="standing_order",
                            period_from=covers[0],
                            period_to=covers[1],
                        )
                    )
        day += timedelta(days=28)
    return out


def _tax_quarter_end(day: date) -> date:
    """The 5th of Jul, Oct, Jan or Apr ending the tax quarter ``day`` is in."""
    ends = [date(y, m, 5) for y in (day.year, day.year + 1) for m in (1, 4, 7, 10)]
    return min(end for end in ends if end >= day)


def _payroll_out(results: list[Result], today: date) -> list[LedgerEntry]:
    """Wages (not the last period's), HMRC quarterly, NEST, the bureau's fee."""
    out: list[LedgerEntry] = []
    periods = sorted({r.period for r in results}, key=lambda p: p.start)
    last = periods[-1] if periods else None
    quarters: dict[date, int] = {}
    for period in periods:
        these = [r for r in results if r.period == period]
        fee_day = period.pay_date - timedelta(days=2)
        if fee_day < today:
            out.append(
                _out(
                    fee_day,
                    BUREAU_FEE_PENCE,
                    "payroll_fees",
                    BUREAU,
                    method="direct_debit",
                    period_from=period.start,
                    period_to=period.end,
                    notes="Payroll run, payslips and RTI submission (£20 + VAT)",
                )
            )
        pension = sum(r.employee_pension + r.employer_pension for r in these)
        nest_day = period.pay_date + timedelta(days=12)
        if pension and nest_day < today and period != last:
            out.append(
                _out(
                    nest_day,
                    pension,
                    "pension",
                    "NEST",
                    method="direct_debit",
                    period_from=period.start,
                    period_to=period.end,
                    notes="Employee 5% and employer 3% of qualifying earnings",
                )
            )
        end = _tax_quarter_end(period.pay_date)
        quarters[end] = quarters.get(end, 0) + sum(r.hmrc for r in these)
        if period == last or period.pay_date >= today:
            continue
        for r in these:
            out.append(
                _out(
                    period.pay_date,
                    r.net,
                    "pa_net_wages",
                    f"{r.pa.first_name} {r.pa.last_name}",
                    period_from=period.start,
                    period_to=period.end,
                    pa_id=r.pa.id,
                    notes="Net pay as on the payslip",
                )
            )
    for end, pence in sorted(quarters.items()):
        paid = end.replace(day=19)  # due by the 22nd
        if pence and paid < today:
            out.append(
                _out(
                    paid,
                    pence,
                    "hmrc",
                    "HMRC",
                    period_to=end,
                    notes=f"PAYE tax and NI for the quarter to {end:%d %b %Y} (Accounts Office "
                    "reference 120PB00224411)",
                )
            )
    return out


def _reclaim(entries: list[LedgerEntry], day: date) -> LedgerEntry:
    """Aberdeen City reclaims the surplus at the annual financial review: what the
    account held then above one 4-weekly payment, in whole hundreds of pounds."""
    held = sum(e.signed_pence for e in entries if e.day <= day)
    pence = max(held - 239400, 10000) // 10000 * 10000
    return _out(
        day,
        pence,
        "council_repayment",
        "Aberdeen City Council",
        notes="Surplus reclaimed after the annual financial review",
    )


def _set_budgets(ef: EmployerFile, start: date, uplift: date) -> None:
    for kind, pence in ((PotKind.TRAINING, 30000), (PotKind.CONTINGENCY, 100000)):
        notes = "Agreed in the support plan"
        pots.set_budget(ef, kind, pence, start, uplift - timedelta(days=1), notes)
        pots.set_budget(ef, kind, pence, uplift, None, notes)


def _flag_subsistence(ef: EmployerFile) -> None:
    """The demo household's own note that the PA's food and drink needs asking first."""
    profile = council.get_council_profile(ef)
    if profile is None or profile.flags_for("pa_subsistence"):
        return
    flag = CategoryFlag(
        "pa_subsistence",
        "prior_approval",
        Status.ASSUMPTION,
        "Demo household's own note after a call with the SDS team: an assumption, "
        "not confirmed council policy",
    )
    council.save_council_profile(
        ef, replace(profile, category_flags=(*profile.category_flags, flag))
    )


def _wednesday_before(today: date, weeks: int) -> date:
    return today - timedelta(days=today.weekday()) - timedelta(weeks=weeks) + timedelta(days=2)


def add_money(ef: EmployerFile, today: date) -> int:
    """Add the demo's money to a demo file whose history is in; returns the lines added."""
    support = plan.get_plan(ef)
    assert support is not None
    pas = {p.payroll_number: p for p in people.list_pas(ef)}
    morag, callum = pas["JR01"], pas["JR02"]
    start = morag.start_date
    cal = demo_calendar(today, callum.start_date)
    sick_monday, training_day = cal.sick_monday, cal.training_day
    uplift = max(
        a.effective_from
        for f in support.funders
        if f.kind is FunderKind.DIRECT_PAYMENT
        for a in f.amounts
    )
    outcomes = [o.id for o in support.outcomes]
    bowling, lunch_club, well = outcomes[0], outcomes[2], outcomes[3]
    assert bowling is not None and lunch_club is not None and well is not None
    results = exported_results(ef, list(pas.values()), today)
    entries = _income(support, start, today) + _payroll_out(results, today)
    renewal = today - relativedelta(years=1) + timedelta(days=20)  # as insurance_expiry
    entries.append(
        _out(
            renewal,
            INSURANCE_PREMIUM_PENCE,
            "insurance",
            "Fish Insurance",
            method="card",
            period_from=renewal,
            period_to=renewal + relativedelta(years=1) - timedelta(days=1),
            notes="Employers' and public liability, £10m cover, policy PAE-551203",
        )
    )
    entries.append(_reclaim(entries, start + relativedelta(years=1, days=10)))
    with ef.transaction() as session:
        ids = [ledger.add_in(session, e).id for e in entries]
    by_category: dict[str, list[int]] = {}
    for entry, line_id in zip(entries, ids, strict=True):
        by_category.setdefault(entry.category, []).append(line_id)
    added = len(ids)

    with tempfile.TemporaryDirectory(prefix="pa-demo-money-") as name:
        folder = Path(name)
        if results:
            _import_results(ef, results, folder)
        receipts = _Receipts(ef, folder)
        receipts.pdf(
            "Fish Insurance renewal.pdf",
            by_category["insurance"],
            [
                "Fish Insurance",
                "Policy PAE-551203: employers' liability",
                f"Renewal from {renewal:%d/%m/%Y}",
                f"Premium paid: GBP {_pounds(INSURANCE_PREMIUM_PENCE)}",
            ],
        )
        receipts.pdf(
            "NEPB invoice.pdf",
            by_category.get("payroll_fees", by_category["insurance"])[-1:],
            [BUREAU, "Invoice: payroll run", f"Total GBP {_pounds(BUREAU_FEE_PENCE)}"],
        )

        # Worked example 6: the moving and handling course, from the training pot.
        booked = training_day - timedelta(days=14)
        fee_line = ledger.add_line(
            ef,
            _out(
                booked,
                COURSE_FEE_PENCE,
                "training",
                "Grampian Moving and Handling",
                method="card",
                pa_id=callum.id,
                notes=f"Moving and handling course for Callum on {training_day:%d/%m/%Y}",
            ),
        )
        receipts.pdf(
            "Moving and handling booking.pdf",
            [fee_line],
            ["Grampian Moving and Handling", "Course fee: Callum Fraser", "GBP 95.00 paid"],
        )
        training_rate = callum.rate_on(RateCode.TRAINING, training_day)
        cover_rate = morag.rate_on(RateCode.DAY, training_day)
        assert callum.id is not None and morag.id is not None
        assert training_rate is not None and cover_rate is not None
        course_id = pots.record_course(
            ef,
            pots.CourseInput(
                callum.id,
                "Moving and handling",
                training_day,
                fee_pence=COURSE_FEE_PENCE,
                training_minutes=COURSE_MINUTES,
                training_rate_pence=training_rate.amount_pence,
                cover_minutes=COURSE_MINUTES,
                cover_rate_pence=cover_rate.amount_pence,
                cover_by="Morag Stewart",
                fee_line_id=fee_line,
                notes="No employer NI (Employment Allowance) or pension (Callum is under 22)",
            ),
        )
        pots.record_certificate(
            ef,
            callum.id,
            "Moving and handling",
            training_day,
            training_day + relativedelta(years=1),
            course_id,
        )

        # Worked example 4: agency cover in Morag's sick week, from contingency.
        invoice = sick_monday + timedelta(days=11)
        if invoice < today:
            agency_line = ledger.add_line(
                ef,
                _out(
                    invoice,
                    AGENCY_MINUTES * AGENCY_RATE_PENCE // 60,
                    "sickness_cover",
                    AGENCY,
                    hours_minutes=AGENCY_MINUTES,
                    rate_pence=AGENCY_RATE_PENCE,
                    period_from=sick_monday,
                    period_to=sick_monday + timedelta(days=3),
                    notes="Agency cover while Morag was off sick (24 h at £28.00)",
                ),
            )
            receipts.pdf(
                "Granite City Care invoice.pdf",
                [agency_line],
                [AGENCY, "Cover: 24 hours at GBP 28.00", "Total GBP 672.00"],
            )
            normal = morag.rate_on(RateCode.DAY, sick_monday)
            assert normal is not None
            pots.record_drawdown(
                ef,
                pots.DrawdownInput(
                    sick_monday,
                    CoverReason.SICKNESS_COVER,
                    AGENCY_MINUTES,
                    AGENCY_RATE_PENCE,
                    AGENCY_MINUTES * normal.amount_pence // 60,
                    pa_covered_id=morag.id,
                    cover_provider=AGENCY,
                    line_id=agency_line,
                    notes="The extra over what Morag's hours would have cost",
                ),
            )
            added += 1

        # Worked example 7: the café receipt split, and the bus fares.
        _flag_subsistence(ef)
        cafe_day = _wednesday_before(today, 3)
        cafe = ledger.add_split(
            ef,
            610,
            [
                ledger.SplitPart(
                    _out(cafe_day, 320, "activities", CAFE, method="card", notes="Jean's coffee"),
                    lunch_club,
                    "Coffee with friends after the lunch club",
                ),
                ledger.SplitPart(
                    _out(
                        cafe_day,
                        290,
                        "pa_subsistence",
                        CAFE,
                        method="card",
                        pa_id=morag.id,
                        notes="Morag's coffee while supporting Jean",
                    )
                ),
            ],
        )
        receipts.png("Rosemount Cafe receipt.png", cafe, (48, 72), 610)
        bus = ledger.add_line(
            ef,
            _out(
                cafe_day,
                480,
                "activities",
                "First Aberdeen",
                method="card",
                notes="Bus fares to and from the lunch club (Jean and Morag)",
            ),
        )
        ledger.link_outcome(ef, bus, lunch_club, "Getting to the lunch club")
        receipts.png("Bus tickets.png", [bus], (40, 40))
        added += 3

        # The bowling club's season fees, each April in the history.
        for year in range(start.year, today.year + 1):
            season = date(year, 4, 1) + timedelta(days=(3 - date(year, 4, 1).weekday()) % 7)
            if not start <= season < today:
                continue
            fee = ledger.add_line(
                ef,
                _out(
                    season,
                    BOWLING_FEE_PENCE,
                    "activities",
                    "Rosemount Bowling Club",
                    method="card",
                    notes=f"Season membership {year}",
                ),
            )
            ledger.link_outcome(ef, fee, bowling, "Membership for Thursday afternoons")
            receipts.pdf(
                f"Bowling club {year}.pdf",
                [fee],
                ["Rosemount Bowling Club", f"Season {year}", "GBP 65.00 received"],
            )
            added += 1

        # Each month: the lunch club's charge, and a taxi to a hospital appointment.
        month = date(start.year, start.month, 1)
        while month < today:
            club_day = month + timedelta(days=(2 - month.weekday()) % 7 + 7)  # 2nd Wednesday
            taxi_day = month + timedelta(days=(1 - month.weekday()) % 7 + 14)  # 3rd Tuesday
            if start <= club_day < today:
                club = ledger.add_line(
                    ef,
                    _out(
                        club_day,
                        1200,
                        "activities",
                        "Rosemount Lunch Club",
                        method="card",
                        notes="Four Wednesday lunches",
                    ),
                )
                ledger.link_outcome(ef, club, lunch_club, "Lunch with friends every week")
                added += 1
            if start <= taxi_day < today:
                taxi = ledger.add_line(
                    ef,
                    _out(
                        taxi_day,
                        1850,
                        "outcome_purchase",
                        "ComCab Aberdeen",
                        method="card",
                        notes="Taxi to and from the hospital appointment (Jean and Morag)",
                    ),
                )
                ledger.link_outcome(ef, taxi, well, "Getting to every hospital appointment")
                receipts.png(f"Taxi {taxi_day:%Y-%m}.png", [taxi], (40, 56))
                added += 1
            month = (month + timedelta(days=32)).replace(day=1)
    _set_budgets(ef, start, uplift)
    return added
