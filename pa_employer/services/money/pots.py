"""The training and contingency pots (DOMAIN.md section 5, worked examples 4 and 6):
budgets for spans of dates, training courses, certificates with expiry dates, and
cover or other costs drawn from contingency. One transaction per action, audited.

Certificate reminders for the Overview come from :func:`certificate_reminders` (not yet
part of ``services.check``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.account.pots import (
    ContingencyDrawdown,
    CoverReason,
    PotKind,
    PotUse,
    TrainingCost,
    contingency_used,
    training_used,
)
from pa_employer.core.reminders import Reminder, Urgency
from pa_employer.core.validation import InputError, Problem
from pa_employer.models import (
    Certificate,
    ContingencyDrawdownRow,
    LedgerLine,
    PARow,
    PotBudget,
    TrainingCourse,
)
from pa_employer.services.storage.employer_file import EmployerFile

#: A certificate is due for renewal this long before it expires (as PVG: 3 months).
RENEWAL_NOTICE = timedelta(days=91)


def _pa(session: Session, pa_id: int | None) -> None:
    if pa_id is not None and session.get(PARow, pa_id) is None:
        raise InputError([Problem("pa", f"there is no PA number {pa_id}")])


def _line(session: Session, line_id: int | None) -> None:
    if line_id is not None and session.get(LedgerLine, line_id) is None:
        raise InputError([Problem("ledger line", f"there is no ledger line number {line_id}")])


# -- budgets -------------------------------------------------------------------------


def set_budget(
    ef: EmployerFile,
    kind: PotKind,
    amount_pence: int,
    effective_from: date,
    effective_to: date | None = None,
    notes: str = "",
) -> int:
    """Set the training or contingency budget for a span of dates (not overlapping
    another budget of the same kind); returns its id."""
    problems = []
    if amount_pence < 0:
        problems.append(Problem("amount", "cannot be negative"))
    if effective_to is not None and effective_to < effective_from:
        problems.append(Problem("to", "is before the start"))
    if problems:
        raise InputError(problems)
    with ef.transaction() as session:
        for other in session.scalars(select(PotBudget).where(PotBudget.kind == kind.value)):
            ends_before = effective_to is not None and effective_to < other.effective_from
            starts_after = other.effective_to is not None and effective_from > other.effective_to
            if not (ends_before or starts_after):
                raise InputError(
                    [
                        Problem(
                            "from",
                            f"overlaps the {kind.value} budget from "
                            f"{other.effective_from:%d/%m/%Y}: end that one first",
                        )
                    ]
                )
        row = PotBudget(
            kind=kind.value,
            amount_pence=amount_pence,
            effective_from=effective_from,
            effective_to=effective_to,
            notes=notes,
        )
        session.add(row)
        session.flush()
        return row.id


def _budget_on(session: Session, kind: PotKind, day: date) -> PotBudget | None:
    query = select(PotBudget).where(
        PotBudget.kind == kind.value,
        PotBudget.effective_from <= day,
        (PotBudget.effective_to.is_(None)) | (PotBudget.effective_to >= day),
    )
    return session.scalars(query).first()


# -- training ------------------------------------------------------------------------


@dataclass(frozen=True)
class CourseInput:
    """A course: fee, the PA's paid training time and cover while they train (minutes
    at hourly rates), and the employer NI and pension on the training wages."""

    pa_id: int
    name: str
    course_date: date
    fee_pence: int = 0
    training_minutes: int = 0
    training_rate_pence: int = 0
    cover_minutes: int = 0
    cover_rate_pence: int = 0
    cover_by: str = ""
    on_costs_pence: int = 0
    fee_line_id: int | None = None
    notes: str = ""

    @property
    def cost(self) -> TrainingCost:
        return TrainingCost(
            self.name,
            self.fee_pence,
            self.training_minutes,
            self.training_rate_pence,
            self.cover_minutes,
            self.cover_rate_pence,
            self.on_costs_pence,
        )


_COURSE_NUMBERS = (
    "fee_pence",
    "training_minutes",
    "training_rate_pence",
    "cover_minutes",
    "cover_rate_pence",
    "on_costs_pence",
)


def record_course(ef: EmployerFile, course: CourseInput) -> int:
    problems = [Problem("course", "name is empty")] if not course.name.strip() else []
    problems += [
        Problem(name.removesuffix("_pence"), "cannot be negative")
        for name in _COURSE_NUMBERS
        if getattr(course, name) < 0
    ]
    if problems:
        raise InputError(problems)
    with ef.transaction() as session:
        _pa(session, course.pa_id)
        _line(session, course.fee_line_id)
        row = TrainingCourse(**{k: getattr(course, k) for k in CourseInput.__dataclass_fields__})
        row.name = course.name.strip()
        session.add(row)
        session.flush()
        return row.id


def _course(row: TrainingCourse) -> CourseInput:
    return CourseInput(**{k: getattr(row, k) for k in CourseInput.__dataclass_fields__})


def record_certificate(
    ef: EmployerFile,
    pa_id: int,
    name: str,
    achieved_on: date,
    expires_on: date | None = None,
    course_id: int | None = None,
) -> int:
    if not name.strip():
        raise InputError([Problem("certificate", "name is empty")])
    if expires_on is not None and expires_on < achieved_on:
        raise InputError([Problem("expires", "is before the date it was achieved")])
    with ef.transaction() as session:
        _pa(session, pa_id)
        if course_id is not None and session.get(TrainingCourse, course_id) is None:
            raise InputError([Problem("course", f"there is no course number {course_id}")])
        row = Certificate(
            pa_id=pa_id,
            name=name.strip(),
            achieved_on=achieved_on,
            expires_on=expires_on,
            course_id=course_id,
        )
        session.add(row)
        session.flush()
        return row.id


def certificate_reminders(ef: EmployerFile, today: date | None = None) -> list[Reminder]:
    """Certificates expired, or expiring within 3 months of ``today``, soonest first.
    Keys are ``certificate:<id>`` (explanations via ``services.check.explain``)."""
    today = today or ef.today()
    out: list[Reminder] = []
    with ef.reading() as session:
        query = (
            select(Certificate, PARow)
            .join(PARow, PARow.id == Certificate.pa_id)
            .where(Certificate.expires_on.is_not(None))
            .order_by(Certificate.expires_on, Certificate.id)
        )
        for cert, pa in session.execute(query):
            expires = cert.expires_on
            assert expires is not None
            if pa.leave_date is not None and pa.leave_date < today:
                continue
            if expires > today + RENEWAL_NOTICE:
                continue
            expired = expires < today
            out.append(
                Reminder(
                    key=f"certificate:{cert.id}",
                    kind="certificate",
                    urgency=Urgency.OVERDUE if expired else Urgency.SOON,
                    subject=f"{pa.first_name} {pa.last_name}".strip(),
                    title=f"{cert.name} certificate {'expired' if expired else 'expires'} "
                    f"{expires:%d %b %Y}",
                    detail="Book a refresher course and record the new certificate.",
                    due=expires,
                    pa_id=pa.id,
                )
            )
    return out


# -- contingency ---------------------------------------------------------------------


@dataclass(frozen=True)
class DrawdownInput:
    """Cover (or another cost) from contingency: the extra over the normal cost."""

    day: date
    reason: CoverReason
    cover_minutes: int
    cover_rate_pence: int
    normal_cost_pence: int
    pa_covered_id: int | None = None
    cover_provider: str = ""
    approval_reference: str = ""
    line_id: int | None = None
    notes: str = ""

    @property
    def drawdown(self) -> ContingencyDrawdown:
        return ContingencyDrawdown(
            self.reason,
            self.cover_minutes,
            self.cover_rate_pence,
            self.normal_cost_pence,
            self.approval_reference,
        )


def record_drawdown(ef: EmployerFile, item: DrawdownInput) -> int:
    problems = [
        Problem(name, "cannot be negative")
        for name in ("cover_minutes", "cover_rate_pence", "normal_cost_pence")
        if getattr(item, name) < 0
    ]
    if problems:
        raise InputError(problems)
    with ef.transaction() as session:
        _pa(session, item.pa_covered_id)
        _line(session, item.line_id)
        values = {k: getattr(item, k) for k in DrawdownInput.__dataclass_fields__}
        values["reason"] = item.reason.value
        row = ContingencyDrawdownRow(**values)
        session.add(row)
        session.flush()
        return row.id


def _drawdown(row: ContingencyDrawdownRow) -> DrawdownInput:
    values = {k: getattr(row, k) for k in DrawdownInput.__dataclass_fields__}
    values["reason"] = CoverReason(row.reason)
    return DrawdownInput(**values)


# -- report --------------------------------------------------------------------------


@dataclass(frozen=True)
class PotReport:
    """One pot on ``on``: its budget in force (None if none is set), what was used in
    the budget's span up to ``on``, and the items."""

    kind: PotKind
    on: date
    budget_from: date | None
    budget_to: date | None
    use: PotUse
    courses: list[CourseInput] = field(default_factory=list)
    drawdowns: list[DrawdownInput] = field(default_factory=list)

    @property
    def has_budget(self) -> bool:
        return self.budget_from is not None


def pot_in(session: Session, kind: PotKind, on: date) -> PotReport:
    budget = _budget_on(session, kind, on)
    if budget is None:
        return PotReport(kind, on, None, None, PotUse(0, 0))
    start, end = budget.effective_from, on
    if kind is PotKind.TRAINING:
        rows = session.scalars(
            select(TrainingCourse)
            .where(TrainingCourse.course_date >= start, TrainingCourse.course_date <= end)
            .order_by(TrainingCourse.course_date, TrainingCourse.id)
        )
        courses = [_course(r) for r in rows]
        use = training_used(budget.amount_pence, [c.cost for c in courses])
        return PotReport(kind, on, start, budget.effective_to, use, courses=courses)
    found = session.scalars(
        select(ContingencyDrawdownRow)
        .where(ContingencyDrawdownRow.day >= start, ContingencyDrawdownRow.day <= end)
        .order_by(ContingencyDrawdownRow.day, ContingencyDrawdownRow.id)
    )
    drawdowns = [_drawdown(r) for r in found]
    use = contingency_used(budget.amount_pence, [d.drawdown for d in drawdowns])
    return PotReport(kind, on, start, budget.effective_to, use, drawdowns=drawdowns)


def pots(ef: EmployerFile, on: date | None = None) -> tuple[PotReport, PotReport]:
    """(contingency, training) as on ``on`` (default today)."""
    on = on or ef.today()
    with ef.reading() as session:
        return pot_in(session, PotKind.CONTINGENCY, on), pot_in(session, PotKind.TRAINING, on)


# -- lists and changes for the Money page's pots tab ---------------------------------


@dataclass(frozen=True)
class BudgetRecord:
    id: int
    kind: PotKind
    amount_pence: int
    effective_from: date
    effective_to: date | None
    notes: str = ""


def budgets(ef: EmployerFile, kind: PotKind | None = None) -> list[BudgetRecord]:
    """Every pot budget (of ``kind``, if given), oldest first."""
    with ef.reading() as session:
        query = select(PotBudget).order_by(PotBudget.kind, PotBudget.effective_from)
        if kind is not None:
            query = query.where(PotBudget.kind == kind.value)
        return [
            BudgetRecord(
                r.id, PotKind(r.kind), r.amount_pence, r.effective_from, r.effective_to, r.notes
            )
            for r in session.scalars(query)
        ]


def set_year_budget(
    ef: EmployerFile,
    kind: PotKind,
    amount_pence: int,
    effective_from: date,
    effective_to: date | None,
    notes: str = "",
) -> int:
    """Set the budget for a span (normally a plan year), in one action: a budget of this
    kind starting the same day is changed; one with no end that started earlier is ended
    the day before; any other overlap is refused (as ``set_budget``). Returns its id."""
    problems = []
    if amount_pence < 0:
        problems.append(Problem("amount", "cannot be negative"))
    if effective_to is not None and effective_to < effective_from:
        problems.append(Problem("to", "is before the start"))
    if problems:
        raise InputError(problems)
    with ef.transaction() as session:
        same: PotBudget | None = None
        for other in session.scalars(select(PotBudget).where(PotBudget.kind == kind.value)):
            if other.effective_from == effective_from:
                same = other
                continue
            ends_before = effective_to is not None and effective_to < other.effective_from
            starts_after = other.effective_to is not None and effective_from > other.effective_to
            if ends_before or starts_after:
                continue
            if other.effective_to is None and other.effective_from < effective_from:
                other.effective_to = effective_from - timedelta(days=1)
                continue
            raise InputError(
                [
                    Problem(
                        "from",
                        f"overlaps the {kind.value} budget from "
                        f"{other.effective_from:%d/%m/%Y}: change that one instead",
                    )
                ]
            )
        if same is None:
            same = PotBudget(kind=kind.value, effective_from=effective_from)
            session.add(same)
        same.amount_pence = amount_pence
        same.effective_to = effective_to
        same.notes = notes
        session.flush()
        return same.id


@dataclass(frozen=True)
class CourseRecord:
    """A recorded course with its id and the PA's name."""

    id: int
    pa_name: str
    course: CourseInput


def courses(ef: EmployerFile) -> list[CourseRecord]:
    """Every training course, newest first."""
    with ef.reading() as session:
        query = (
            select(TrainingCourse, PARow)
            .join(PARow, PARow.id == TrainingCourse.pa_id)
            .order_by(TrainingCourse.course_date.desc(), TrainingCourse.id.desc())
        )
        return [
            CourseRecord(row.id, f"{pa.first_name} {pa.last_name}".strip(), _course(row))
            for row, pa in session.execute(query)
        ]


def change_course(ef: EmployerFile, course_id: int, course: CourseInput) -> None:
    """Change a recorded course (same checks as ``record_course``)."""
    problems = [Problem("course", "name is empty")] if not course.name.strip() else []
    problems += [
        Problem(name.removesuffix("_pence"), "cannot be negative")
        for name in _COURSE_NUMBERS
        if getattr(course, name) < 0
    ]
    if problems:
        raise InputError(problems)
    with ef.transaction() as session:
        row = session.get(TrainingCourse, course_id)
        if row is None:
            raise InputError([Problem("course", f"there is no course number {course_id}")])
        _pa(session, course.pa_id)
        _line(session, course.fee_line_id)
        for key in CourseInput.__dataclass_fields__:
            setattr(row, key, getattr(course, key))
        row.name = course.name.strip()


@dataclass(frozen=True)
class CertificateRecord:
    """A certificate with what is due, in words."""

    id: int
    pa_id: int
    pa_name: str
    name: str
    achieved_on: date
    expires_on: date | None
    course_id: int | None
    due: str


def certificate_due_words(expires_on: date | None, today: date) -> str:
    """'Expired on 31/01/2027: book a refresher', 'Renew by 31/01/2027', 'Valid until …'."""
    if expires_on is None:
        return "Does not expire"
    if expires_on < today:
        return f"Expired on {expires_on:%d/%m/%Y}: book a refresher course"
    if expires_on <= today + RENEWAL_NOTICE:
        return f"Expires on {expires_on:%d/%m/%Y}: book a refresher course now"
    return f"Valid until {expires_on:%d/%m/%Y}"


def certificates(ef: EmployerFile, today: date | None = None) -> list[CertificateRecord]:
    """Every certificate by PA name then expiry (no expiry last), with what is due."""
    today = today or ef.today()
    with ef.reading() as session:
        query = select(Certificate, PARow).join(PARow, PARow.id == Certificate.pa_id)
        found = [
            CertificateRecord(
                cert.id,
                pa.id,
                f"{pa.first_name} {pa.last_name}".strip(),
                cert.name,
                cert.achieved_on,
                cert.expires_on,
                cert.course_id,
                certificate_due_words(cert.expires_on, today),
            )
            for cert, pa in session.execute(query)
        ]
    return sorted(found, key=lambda c: (c.pa_name, c.expires_on or date.max, c.id))


@dataclass(frozen=True)
class DrawdownRecord:
    """A recorded drawdown with its id and the covered PA's name ("" when none)."""

    id: int
    pa_name: str
    item: DrawdownInput


def drawdowns(ef: EmployerFile) -> list[DrawdownRecord]:
    """Every contingency drawdown, newest first."""
    with ef.reading() as session:
        names = {
            pa.id: f"{pa.first_name} {pa.last_name}".strip()
            for pa in session.scalars(select(PARow))
        }
        rows = session.scalars(
            select(ContingencyDrawdownRow).order_by(
                ContingencyDrawdownRow.day.desc(), ContingencyDrawdownRow.id.desc()
            )
        )
        return [
            DrawdownRecord(
                r.id, names.get(r.pa_covered_id, "") if r.pa_covered_id else "", _drawdown(r)
            )
            for r in rows
        ]


def _remove(ef: EmployerFile, table: type[Any], row_id: int, what: str) -> None:
    with ef.transaction() as session:
        row = session.get(table, row_id)
        if row is None:
            raise InputError([Problem(what, f"there is no {what} number {row_id}")])
        session.delete(row)


def remove_course(ef: EmployerFile, course_id: int) -> None:
    """Remove a training course (certificates from it are kept, without the link)."""
    _remove(ef, TrainingCourse, course_id, "course")


def remove_certificate(ef: EmployerFile, certificate_id: int) -> None:
    _remove(ef, Certificate, certificate_id, "certificate")


def remove_drawdown(ef: EmployerFile, drawdown_id: int) -> None:
    _remove(ef, ContingencyDrawdownRow, drawdown_id, "drawdown")
