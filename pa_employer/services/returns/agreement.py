"""The figures of returns already sent against the figures now (``core.council.agreement``):
for the annual summary's note of what changed since a return was sent, and for the balance
on the last day of a sent return's period."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.council.agreement import SinceSent, changes_since, headlines
from pa_employer.core.council.returns import ReturnFigures, ReturnStatus, to_dict
from pa_employer.core.money import format_pence
from pa_employer.models import CouncilReturn
from pa_employer.services.money.balance import BalanceReport
from pa_employer.services.returns.periods import period_words
from pa_employer.services.storage.employer_file import EmployerFile


def _sent(session: Session, start: date, end: date) -> CouncilReturn | None:
    return session.scalars(
        select(CouncilReturn).where(
            CouncilReturn.status == ReturnStatus.SUBMITTED,
            CouncilReturn.start_date == start,
            CouncilReturn.end_date == end,
        )
    ).first()


def since_sent_in(session: Session, now: ReturnFigures) -> SinceSent | None:
    """``now`` (the figures of a period built today) against its return as sent; None when
    the period's return has not been sent."""
    h = now.header
    row = _sent(session, h.period_start, h.period_end)
    if row is None:
        return None
    sent = json.loads(row.figures or "{}")
    was = {
        line["line_id"]: (
            kind,
            line["amount_pence"],
            line["payee"],
            date.fromisoformat(line["day"]),
        )
        for kind in ("income", "expenditure")
        for line in sent.get(kind, {}).get("lines", [])
    }
    is_now = {
        line.line_id: (kind, line.amount_pence, line.payee, line.day)
        for kind, lines in (("income", now.income.lines), ("expenditure", now.expenditure.lines))
        for line in lines
    }
    words = []
    for line_id in sorted(set(was) | set(is_now)):
        a, b = was.get(line_id), is_now.get(line_id)
        if a == b:
            continue
        if a is None and b is not None:
            words.append(f"added since: {b[3]:%d %b %Y} {b[2]}, {format_pence(b[1])}")
        elif b is None and a is not None:
            words.append(f"removed since: {a[3]:%d %b %Y} {a[2]}, {format_pence(a[1])}")
        elif a is not None and b is not None:
            words.append(
                f"changed since: {b[3]:%d %b %Y} {b[2]}, "
                f"{format_pence(a[1])} to {format_pence(b[1])}"
            )
    return SinceSent(
        period_words(h.period_start, h.period_end),
        h.period_start,
        h.period_end,
        row.submitted_on,
        changes_since(headlines(sent), headlines(to_dict(now))),
        tuple(words),
    )


def balance_against_sent(ef: EmployerFile, report: BalanceReport) -> SinceSent | None:
    """The balance on the last day of a sent return's period against that return's
    closing balance, money owed and free balance; None when no sent return ends that day."""
    with ef.reading() as session:
        row = session.scalars(
            select(CouncilReturn).where(
                CouncilReturn.status == ReturnStatus.SUBMITTED,
                CouncilReturn.end_date == report.on,
            )
        ).first()
        if row is None:
            return None
        sent = headlines(json.loads(row.figures or "{}"))
        start, end, sent_on = row.start_date, row.end_date, row.submitted_on
    names = ("Closing balance", "Money already owed", "Free balance")
    now = dict(
        zip(names, (report.closing_pence, report.committed_pence, report.free_pence), strict=True)
    )
    return SinceSent(
        period_words(start, end),
        start,
        end,
        sent_on,
        changes_since({n: sent[n] for n in names}, now),
    )
