"""Exporting a pay period's timesheets to the payroll provider, and the snapshots kept.

One export is one transaction: price the period, build the file, store an immutable snapshot
(the bytes, their SHA-256 and the inputs) and lock the period (later changes become adjustments
in the next open period, services/rota/shifts.py). The file is written to a temporary file in
the target folder and flushed to disk before the commit, and renamed into place only after it
(exports/private_files.py): a crash at any moment leaves either no file, or a file whose period
is locked and whose snapshot is kept, byte for byte. If the file cannot be written nothing is
saved and the period stays open."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pa_employer.core.money import format_pence, round_pence
from pa_employer.core.pay.pay_periods import period_containing
from pa_employer.core.pay.sheet import (
    CodeTotal,
    SheetLeaver,
    SheetLine,
    SheetPA,
    Timesheet,
    build_timesheet,
)
from pa_employer.core.pay.timesheet import Kind, Status
from pa_employer.core.records import PA, Employer
from pa_employer.core.validation import InputError, Problem
from pa_employer.exports.payroll_layout import LayoutFile, pay_items, render_layout
from pa_employer.exports.private_files import Staged, stage, write_private
from pa_employer.exports.timesheet_csv import brightpay_csv, generic_csv, hourly_payments
from pa_employer.exports.timesheet_xlsx import timesheet_xlsx
from pa_employer.models import EmployerRow, ExportSnapshot, FlagNote, PayPeriodLock, ShiftRow
from pa_employer.reports.timesheet_pdf import timesheet_pdf
from pa_employer.services.errors import NotFound, StorageError
from pa_employer.services.people import pas as people
from pa_employer.services.rota import shifts
from pa_employer.services.settings import employer as employer_service
from pa_employer.services.settings.resources import payroll_layouts
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets.export_formats import (
    ABSENCES,
    ALIASES,
    BUILT_IN_NAMES,
    FormatChoice,
    canonical,
    format_choices,
    formats,
)
from pa_employer.services.timesheets.leavers import leavers_in
from pa_employer.services.timesheets.pay import PeriodPay, price_in

#: The formats built in code: how each is built from a timesheet, and its file name ending.
#: "brightpay" is the long layout as written before issue 13, kept so its old snapshots
#: are built again byte for byte; new exports name it "brightpay-long".
RENDERERS: dict[str, tuple[Callable[[Timesheet], bytes], str]] = {
    "csv": (generic_csv, "csv"),
    "brightpay": (brightpay_csv, "csv"),
    "xlsx": (timesheet_xlsx, "xlsx"),
    "pdf": (timesheet_pdf, "pdf"),
}
__all__ = ["ABSENCES", "ALIASES", "FormatChoice", "canonical", "format_choices", "formats"]


#: Sick days this many days either side of a period are looked at for spells across it.
_SICK_CONTEXT_DAYS = 28
_INPUTS_VERSION = 1


@dataclass(frozen=True)
class ExportResult:
    snapshot_id: int
    path: Path
    sha256: str
    #: True if this export locked the period; False if it was already locked.
    locked: bool
    warnings: list[str]
    #: The companion absences file (a layout that leaves SSP out), and its snapshot.
    absences_path: Path | None = None
    absences_snapshot_id: int | None = None


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    period_start: date
    period_end: date
    format: str
    filename: str
    sha256: str
    size: int
    created_at: str
    created_by: str


@dataclass(frozen=True)
class LockedPeriod:
    start: date
    end: date
    pay_date: date
    locked_at: str
    locked_by: str


def render_files(
    fmt: str, ts: Timesheet, groups: int | None = None, made: datetime | None = None
) -> LayoutFile:
    """One export format's file (and a payroll layout's absences file); ``made`` is when
    the export was made (the PDF's creation date)."""
    layouts = payroll_layouts()
    if fmt in layouts:
        return render_layout(layouts[fmt], ts, groups)
    if fmt == ABSENCES:
        from pa_employer.exports.payroll_layout import absences_csv

        return LayoutFile(absences_csv(ts), None, 0, ())
    if fmt not in RENDERERS:
        _check_format(fmt)
    if fmt == "pdf":
        return LayoutFile(timesheet_pdf(ts, made), None, 0, ())
    return LayoutFile(RENDERERS[fmt][0](ts), None, 0, ())


def render(
    fmt: str, ts: Timesheet, groups: int | None = None, made: datetime | None = None
) -> bytes:
    """The bytes of one export format."""
    return render_files(fmt, ts, groups, made).content


def _check_format(fmt: str) -> None:
    if fmt not in formats() and fmt not in RENDERERS and fmt != ABSENCES:
        raise InputError([Problem("format", f"should be one of: {', '.join(formats())}")])


def _ending(fmt: str) -> str:
    layouts = payroll_layouts()
    return layouts[fmt].ending if fmt in layouts else RENDERERS.get(fmt, ("", "csv"))[1]


def default_filename(fmt: str, start: date, end: date) -> str:
    fmt = canonical(fmt)
    kind = "timesheets" if fmt in BUILT_IN_NAMES else f"{fmt}-hours"
    return f"{kind}-{start.isoformat()}-to-{end.isoformat()}.{_ending(fmt)}"


def suggested_filename(ef: EmployerFile, fmt: str, start: date, end: date) -> str:
    """The name offered when saving an export: "Morag Stewart - timesheets 2026-11.csv"."""
    from pa_employer.services.settings.employer import file_name

    fmt = canonical(fmt)
    kind = "timesheets" if fmt in BUILT_IN_NAMES else f"{fmt} hours"
    return file_name(ef, kind, start, end, _ending(fmt))


def absences_path(path: Path) -> Path:
    """Where the companion absences file goes: beside the file, '-absences' added."""
    return path.with_name(f"{path.stem}-absences.csv")


def _calendar_pay_date(
    employer: Employer | None, start: date, end: date, warnings: list[str]
) -> date | None:
    if employer is None or employer.pay_anchor_date is None:
        return None
    period = period_containing(
        employer.pay_frequency, employer.pay_anchor_date, start, employer.pay_lag_days
    )
    if (period.start, period.end) == (start, end):
        return period.pay_date
    ours = f"{period.start:%d/%m/%Y} to {period.end:%d/%m/%Y}"
    text = f"{start:%d/%m/%Y} to {end:%d/%m/%Y} is not one of the employer's pay periods"
    warnings.append(f"{text} (the one containing {start:%d/%m/%Y} is {ours}).")
    return None


def _lock_for(session: Session, start: date, end: date) -> PayPeriodLock | None:
    """The lock of exactly this period, or None; refuses a period overlapping another lock."""
    overlap = (PayPeriodLock.period_start <= end, PayPeriodLock.period_end >= start)
    locks = session.scalars(select(PayPeriodLock).where(*overlap)).all()
    exact = [k for k in locks if (k.period_start, k.period_end) == (start, end)]
    for k in locks:
        if k not in exact:
            why = f"overlaps the pay period {k.period_start:%d/%m/%Y} to {k.period_end:%d/%m/%Y}"
            why += ", already sent to payroll; export whole pay periods"
            raise InputError([Problem("period", why)])
    return exact[0] if exact else None


def _other_sick_days(session: Session, start: date, end: date) -> dict[int, list[date]]:
    rows = session.execute(
        select(ShiftRow.pa_id, ShiftRow.local_date).where(
            ShiftRow.kind == Kind.SICKNESS.value,
            ShiftRow.status == Status.WORKED.value,
            ShiftRow.local_date >= start - timedelta(days=_SICK_CONTEXT_DAYS),
            ShiftRow.local_date <= end + timedelta(days=_SICK_CONTEXT_DAYS),
        )
    )
    out: dict[int, list[date]] = {}
    for pa_id, day in rows:
        if not start <= day <= end:
            out.setdefault(pa_id, []).append(day)
    return {pa_id: sorted(days) for pa_id, days in sorted(out.items())}


def _period_warnings(session: Session, priced: PeriodPay, pas: dict[int, PA]) -> list[str]:
    """Unexplained shift warnings, missing rates, pay below the floor, and a floor that is
    a last known figure (newer rules not loaded)."""
    found: dict[tuple[str, str], list[str]] = {}
    for item in priced.shifts:
        for warning in item.warnings:
            if warning.kind in (
                "missing_rate",
                "below_floor",
                "sleepover_below_floor",
                "last_known_figure",
            ):
                text = warning.message
                text = text if item.pa_name in text else f"{item.pa_name}: {text}"
                found.setdefault((item.pa_name, warning.kind), []).append(text)
    out = []
    for messages in found.values():
        more = len(set(messages)) - 1
        out.append(messages[0] + (f" (and {more} more days like it)." if more else "."))
    explained = {n.flag_key for n in session.scalars(select(FlagNote)) if n.explanation}
    unexplained: dict[tuple[str, str], list[str]] = {}
    by_id = shifts.warnings_in(session, [i.shift for i in priced.shifts], pas, priced.end)
    for item in priced.shifts:
        shift = item.shift
        for w in by_id.get(shift.id or 0, []):
            if w.key not in explained:
                text = f"{item.pa_name}, {shift.local_date:%d/%m/%Y}: {w.message}"
                unexplained.setdefault((item.pa_name, w.kind), []).append(text)
    for texts in unexplained.values():
        others = f"; and {len(texts) - 1} more like it" if len(texts) > 1 else ""
        out.append(f"{texts[0]} (no explanation recorded{others})")
    return list(dict.fromkeys(out))


def _format_warnings(fmt: str, ts: Timesheet) -> list[str]:
    """Where the file's hours x rate would not give the timesheet's pay to the penny."""
    if fmt == "brightpay":  # the long layout as before: hours to 2 places only
        return _rounding_warnings(ts)
    if fmt not in payroll_layouts():
        return []
    out = []
    ssp_item = payroll_layouts()[fmt].ssp == "item"
    for item in pay_items(ts, ssp_as_item=ssp_item):
        hours = item.hours
        if len(hours.partition(".")[2]) > 2:
            out.append(
                f"{item.pa.name}, {item.description}: the hours are written as {hours} "
                f"(not {Decimal(item.minutes) / 60:.2f}) so that hours x "
                f"{format_pence(item.rate_pence)} gives the timesheet's "
                f"{format_pence(item.amount_pence)} (each shift's pay is rounded to the "
                "penny on its own)."
            )
    return out


def _rounding_warnings(ts: Timesheet) -> list[str]:
    out = []
    for row in hourly_payments(ts):
        provider = round_pence(Decimal(row.hours) * row.rate_pence / 100)
        if provider != row.amount_pence:
            out.append(
                f"{row.pa.name}, {row.description}: {row.hours} h at "
                f"{format_pence(row.rate_pence)} comes to {format_pence(provider)}, but the "
                f"timesheet pays {format_pence(row.amount_pence)} (rounding of hours or rate)."
            )
    return out


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot store {value!r} in a snapshot")


def _rates_json(pas: list[PA], start: date, end: date) -> dict[str, list[dict[str, Any]]]:
    """Each PA's contract rates in force at any time in the period (for the audit trail)."""
    return {
        pa.payroll_number: [
            asdict(r)
            for r in pa.rates
            if r.effective_from <= end and (r.effective_to is None or r.effective_to >= start)
        ]
        for pa in pas
    }


def inputs_json(
    ts: Timesheet, fmt: str, pas: list[PA], warnings: list[str], groups: int = 0
) -> str:
    """What a snapshot was built from: the period, the timesheet (every priced line with its
    reason, and each PA's summary), the rates in force, the warnings shown and (a layout
    with Payment n groups) the groups per row."""
    exported = {pa.payroll_number for pa in ts.pas}
    payload = {
        "version": _INPUTS_VERSION,
        "format": fmt,
        **({"payment_groups": groups} if groups else {}),
        "period": {"start": ts.period_start, "end": ts.period_end, "pay_date": ts.pay_date},
        "total_pence": ts.total_pence,
        "timesheet": asdict(ts),
        "rates": _rates_json(
            [p for p in pas if p.payroll_number in exported], ts.period_start, ts.period_end
        ),
        "warnings": warnings,
    }
    return json.dumps(payload, default=_json_default, sort_keys=True, indent=1, ensure_ascii=False)


def timesheet_from_inputs(text: str) -> Timesheet:
    """The timesheet stored in a snapshot's inputs."""
    data = json.loads(text)["timesheet"]
    pas = tuple(
        SheetPA(
            **{
                **p,
                "by_code": tuple(CodeTotal(**c) for c in p["by_code"]),
                "holiday_accrued_minutes": Decimal(p["holiday_accrued_minutes"]),
                "ssp_reasons": tuple(p.get("ssp_reasons", ())),
            }
        )
        for p in data["pas"]
    )
    lines = tuple(
        SheetLine(**{**line, "shift_date": date.fromisoformat(line["shift_date"])})
        for line in data["lines"]
    )
    pay_date = data["pay_date"]
    who = (data["employer_ref"], data["employer_name"], data["supported_person"])
    start, end = date.fromisoformat(data["period_start"]), date.fromisoformat(data["period_end"])
    leavers = tuple(
        SheetLeaver(**{**item, "leaving_date": date.fromisoformat(item["leaving_date"])})
        for item in data.get("leavers", ())  # exports before schema 0015 have none
    )
    return Timesheet(
        *who, start, end, date.fromisoformat(pay_date) if pay_date else None, pas, lines, leavers
    )


def _destination(dest: Path, fmt: str, start: date, end: date) -> Path:
    if dest.is_dir():
        return dest / default_filename(fmt, start, end)
    if not dest.parent.is_dir():
        raise InputError([Problem("file", f"the folder {dest.parent} does not exist")])
    return dest


def _groups_for(fmt: str, employer: Employer | None, payment_groups: int | None) -> int:
    """The Payment n groups per row: as asked, else the employer's setting (a layout
    without groups: 0). Refuses a number the product does not allow."""
    layout = payroll_layouts().get(fmt)
    if layout is None or layout.shape != "groups":
        return 0
    groups = payment_groups or (employer.payroll_payment_groups if employer else 0)
    groups = groups or layout.groups_default
    if not 1 <= groups <= layout.groups_max:
        why = f"{layout.provider} takes 1 to {layout.groups_max} payment groups per row"
        raise InputError([Problem("payment groups", why)])
    return groups


def _remember(session: Session, employer: Employer | None, fmt: str, groups: int) -> None:
    """The employer's payroll layout and payment groups (checked by ``_groups_for``), kept
    for the next export; the rest of the employer's details are left as they are."""
    if employer is None or fmt not in payroll_layouts():
        return
    row = session.scalars(select(EmployerRow)).first()
    if row is None:
        return
    row.payroll_layout = fmt
    row.payroll_payment_groups = groups or row.payroll_payment_groups


def _timesheet_in(
    session: Session, employer: Employer | None, start: date, end: date, pay_date: date
) -> tuple[Timesheet, PeriodPay, list[PA]]:
    """The period's timesheet as the exports and the printed sheet show it."""
    priced = price_in(session, start, end, pay_date)
    pas = people.load_all(session)
    sick = _other_sick_days(session, start, end)
    leaving = leavers_in(session, pas, start, end)
    return build_timesheet(priced, employer, pas, pay_date, sick, leaving), priced, pas


def period_timesheet(
    ef: EmployerFile, start: date, end: date, pay_date: date | None = None
) -> Timesheet:
    """The period's timesheet as an export would build it now (read only: nothing is
    saved and the period is not locked)."""
    if end < start:
        raise InputError([Problem("to", "the end of the period is before its start")])
    with ef.reading() as session:
        employer = employer_service.load(session)
        lock = _lock_for(session, start, end)
        calendar = _calendar_pay_date(employer, start, end, [])
        pay_date = pay_date or (lock.pay_date if lock else None) or calendar or end
        ts, _priced, _pas = _timesheet_in(session, employer, start, end, pay_date)
    return ts


def printable_pdf(ef: EmployerFile, start: date, end: date, pay_date: date | None = None) -> bytes:
    """The period's timesheets as the PDF export draws them, to print for signatures;
    nothing is saved and the period is not locked."""
    ts = period_timesheet(ef, start, end, pay_date)
    return timesheet_pdf(ts, ef.now().replace(microsecond=0))


def group_warnings_for(fmt: str, ts: Timesheet, groups: int) -> list[str]:
    """For a layout with Payment n groups (BrightPay hourly): each PA needing more
    groups per row than ``groups``, in words, before exporting ([] for other formats)."""
    from pa_employer.exports.payroll_layout import group_warnings

    layout = payroll_layouts().get(canonical(fmt))
    if layout is None or layout.shape != "groups":
        return []
    return group_warnings(layout, ts, groups)[1]


def _snapshot_row(
    ef: EmployerFile,
    start: date,
    end: date,
    fmt: str,
    path: Path,
    content: bytes,
    inputs: str,
    made: datetime,
) -> ExportSnapshot:
    return ExportSnapshot(
        period_start=start,
        period_end=end,
        format=fmt,
        filename=path.name,
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        inputs_json=inputs,
        created_at=made.isoformat(timespec="seconds"),
        created_by=ef.user,
    )


def export_period(
    ef: EmployerFile,
    start: date,
    end: date,
    fmt: str,
    dest: Path,
    pay_date: date | None = None,
    payment_groups: int | None = None,
) -> ExportResult:
    """Export one pay period's timesheets to ``dest`` (a file, or a folder to put the file
    in), store the snapshot and lock the period: all of it, or none of it. A payroll layout
    that leaves SSP and absences out also writes its absences file beside it (both kept
    as snapshots). ``payment_groups`` (a layout with Payment n groups) is remembered as
    the employer's setting, as is the layout."""
    fmt = canonical(fmt)
    _check_format(fmt)
    if end < start:
        raise InputError([Problem("to", "the end of the period is before its start")])
    path = _destination(Path(dest), fmt, start, end)
    staged: list[Staged] = []
    try:
        with ef.transaction() as session:
            warnings: list[str] = []
            employer = employer_service.load(session)
            groups = _groups_for(fmt, employer, payment_groups)
            lock = _lock_for(session, start, end)
            calendar = _calendar_pay_date(employer, start, end, warnings)
            pay_date = pay_date or (lock.pay_date if lock else None) or calendar or end
            ts, priced, pas = _timesheet_in(session, employer, start, end, pay_date)
            if not ts.pas:
                warnings.append("There are no worked shifts or absences in this period.")
            warnings += [leaver.note for leaver in ts.leavers]
            warnings += _period_warnings(session, priced, {p.id: p for p in pas if p.id})
            warnings += _format_warnings(fmt, ts)
            made = ef.now().replace(microsecond=0)
            files = render_files(fmt, ts, groups or None, made)
            warnings += files.warnings
            inputs = inputs_json(ts, fmt, pas, warnings, files.groups)
            snapshot = _snapshot_row(ef, start, end, fmt, path, files.content, inputs, made)
            session.add(snapshot)
            side: ExportSnapshot | None = None
            if files.absences is not None:
                side_path = absences_path(path)
                side = _snapshot_row(
                    ef, start, end, ABSENCES, side_path, files.absences, inputs, made
                )
                session.add(side)
            if lock is None:
                by = {"locked_at": snapshot.created_at, "locked_by": ef.user}
                period = {"period_start": start, "period_end": end}
                session.add(PayPeriodLock(**period, pay_date=pay_date, **by))
            _remember(session, employer, fmt, groups)
            session.flush()
            targets = [(path, files.content)]
            if side is not None and files.absences is not None:
                targets.append((absences_path(path), files.absences))
            for target, content in targets:
                try:
                    staged.append(stage(target, content))
                except OSError as exc:
                    raise StorageError(
                        f"Could not write {target}: {exc.strerror or exc}. Nothing was saved "
                        "and the pay period was not locked."
                    ) from exc
            result = ExportResult(
                snapshot.id,
                path,
                snapshot.sha256,
                lock is None,
                warnings,
                absences_path(path) if side is not None else None,
                side.id if side is not None else None,
            )
    except BaseException:
        for done in staged:  # the save failed after a file was written: take it back
            done.discard()
        raise
    for done in staged:  # saved: only now do the files appear
        try:
            done.put_in_place()
        except OSError as exc:
            raise StorageError(
                f"The export is saved (snapshot {result.snapshot_id}) and the pay period is "
                f"locked, but a file could not be put beside {path}: {exc.strerror or exc}. "
                "If the file is open in another program, close it, then write it again from "
                f"the saved snapshot: pa-employer reprint FILE {result.snapshot_id} --out PATH."
            ) from exc
    return result


def list_snapshots(ef: EmployerFile) -> list[SnapshotInfo]:
    """Every export snapshot, oldest first (without the file contents)."""
    s = ExportSnapshot
    columns = (s.id, s.period_start, s.period_end, s.format, s.filename, s.sha256)
    size = func.length(s.content)
    query = select(*columns, size, s.created_at, s.created_by).order_by(s.id)
    with ef.reading() as session:
        return [SnapshotInfo(*row) for row in session.execute(query)]


def _snapshot(session: Session, snapshot_id: int) -> ExportSnapshot:
    snapshot = session.get(ExportSnapshot, snapshot_id)
    if snapshot is None:
        raise NotFound(f"There is no export snapshot number {snapshot_id}.")
    return snapshot


def reproduce_snapshot(ef: EmployerFile, snapshot_id: int, dest: Path) -> Path:
    """Write the file exactly as it was exported (byte for byte) to ``dest``."""
    with ef.reading() as session:
        snapshot = _snapshot(session, snapshot_id)
        content, fmt = snapshot.content, snapshot.format
        start, end, name = snapshot.period_start, snapshot.period_end, snapshot.filename
    path = Path(dest)
    if path.is_dir():
        path = path / (name or default_filename(fmt, start, end))
    try:
        write_private(path, content)
    except OSError as exc:
        raise StorageError(f"Could not write {path}: {exc.strerror or exc}.") from exc
    return path


def regenerate(ef: EmployerFile, snapshot_id: int) -> bytes:
    """The snapshot's file built again from its stored inputs, to check it against the bytes."""
    with ef.reading() as session:
        snapshot = _snapshot(session, snapshot_id)
        fmt, text, at = snapshot.format, snapshot.inputs_json, snapshot.created_at
    groups = json.loads(text).get("payment_groups")
    return render(fmt, timesheet_from_inputs(text), groups, datetime.fromisoformat(at))


def locked_periods(ef: EmployerFile) -> list[LockedPeriod]:
    """Pay periods sent to payroll, oldest first."""
    with ef.reading() as session:
        locks = session.scalars(select(PayPeriodLock).order_by(PayPeriodLock.period_start))
        return [
            LockedPeriod(k.period_start, k.period_end, k.pay_date, k.locked_at, k.locked_by)
            for k in locks
        ]
