"""Payroll results in the provider's own columns: read through a column mapping
(``core.pay.payroll_results``) for one pay period chosen for the file, previewed
(the first rows, the totals, the PAs of the period with no row) before anything is
saved, and imported with the mapping saved for that provider (table
``payroll_mapping``, schema 0008) so the next file with the same columns is read
without asking.

The CSV with this program's own column names (docs/formats.md) is still read by
``payroll.import_payroll``; this module reads any other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.exchange.mapping import Mapping, parse_mapping
from pa_employer.core.exchange.table import Table
from pa_employer.core.pay.pay_periods import PayPeriod
from pa_employer.core.pay.payroll_results import (
    PAYROLL_RESULTS,
    People,
    Preset,
    ReadResults,
    detect_preset,
    guess_results_mapping,
    mapping_problems,
    read_results,
    signature,
)
from pa_employer.core.validation import InputError, Problem, shown
from pa_employer.models import PARow, PayrollMappingRow
from pa_employer.services.settings.resources import payroll_result_presets
from pa_employer.services.storage.employer_file import EmployerFile
from pa_employer.services.timesheets import payroll
from pa_employer.services.timesheets.pay import current_period

#: How many rows of the file a preview shows.
PREVIEW_ROWS = 10
#: The provider a mapping is saved under when none is chosen.
OTHER = "other"


@dataclass(frozen=True)
class ResultsFile:
    """A results file read into a table (CSV with any delimiter, or Excel)."""

    path: Path
    table: Table

    @property
    def filename(self) -> str:
        return str(self.path)


def load(path: Path | str) -> ResultsFile:
    """The file as a table. Raises InputError naming it."""
    from pa_employer.exports.statement_table import read_table

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem("file", exc.strerror or str(exc))], str(path)) from exc
    known = [tuple(s for s in spec.synonyms[:3]) for spec in PAYROLL_RESULTS.fields]
    table, _kind = read_table(data, str(path), known)
    if not table.columns:
        raise InputError([Problem("file", "is empty")], str(path))
    return ResultsFile(path, table)


def providers() -> dict[str, str]:
    """Each provider's key and name (the presets of payroll_result_presets.toml)."""
    return {key: p.name for key, p in payroll_result_presets().items()}


def pay_period(ef: EmployerFile, day: date) -> PayPeriod:
    """The employer's pay period containing ``day``; InputError without a pay calendar."""
    return current_period(ef, day)


def check_period(ef: EmployerFile, start: date, end: date) -> None:
    """Refuse a period that is not one of the employer's pay periods."""
    period = pay_period(ef, start)
    if (period.start, period.end) != (start, end):
        raise InputError(
            [
                Problem(
                    "period",
                    f"{start:%d/%m/%Y} to {end:%d/%m/%Y} is not a pay period of this employer "
                    f"(the pay period containing {start:%d/%m/%Y} is {period.start:%d/%m/%Y} to "
                    f"{period.end:%d/%m/%Y})",
                )
            ]
        )


# -- saved mappings --------------------------------------------------------------------


def _provider(provider: str) -> str:
    return (provider or OTHER)[:20]


def saved_mapping(session: Session, provider: str, table: Table) -> Mapping | None:
    """The mapping saved for this provider's files with these columns, if any."""
    row = session.scalars(
        select(PayrollMappingRow).where(
            PayrollMappingRow.provider == _provider(provider),
            PayrollMappingRow.signature == signature(table),
        )
    ).first()
    if row is None:
        return None
    try:
        return parse_mapping(row.mapping, PAYROLL_RESULTS)
    except InputError:
        return None  # saved by a later version: asked again


def saved_for_any(session: Session, table: Table) -> tuple[str, Mapping] | None:
    """The provider and mapping saved last for files with these columns, any provider."""
    row = session.scalars(
        select(PayrollMappingRow)
        .where(PayrollMappingRow.signature == signature(table))
        .order_by(PayrollMappingRow.used_on.desc(), PayrollMappingRow.id.desc())
    ).first()
    if row is None:
        return None
    try:
        return row.provider, parse_mapping(row.mapping, PAYROLL_RESULTS)
    except InputError:
        return None


def save_mapping_in(
    session: Session, provider: str, table: Table, mapping: Mapping, today: date
) -> None:
    who, sig = _provider(provider), signature(table)
    row = session.scalars(
        select(PayrollMappingRow).where(
            PayrollMappingRow.provider == who, PayrollMappingRow.signature == sig
        )
    ).first()
    if row is None:
        session.add(
            PayrollMappingRow(provider=who, signature=sig, mapping=mapping.text(), used_on=today)
        )
    else:
        row.mapping = mapping.text()
        row.used_on = today


@dataclass(frozen=True)
class SavedPayrollMapping:
    id: int
    provider: str
    columns: str
    mapping: str


def list_mappings(ef: EmployerFile) -> list[SavedPayrollMapping]:
    """Every saved payroll column mapping, by provider."""
    with ef.reading() as session:
        rows = session.scalars(
            select(PayrollMappingRow).order_by(PayrollMappingRow.provider, PayrollMappingRow.id)
        )
        return [
            SavedPayrollMapping(r.id, r.provider, r.signature.replace("|", ", "), r.mapping)
            for r in rows
        ]


def mapping_by_number(ef: EmployerFile, number: int) -> Mapping:
    """A saved payroll mapping by its number (as ``payroll-mappings`` lists them)."""
    with ef.reading() as session:
        row = session.get(PayrollMappingRow, number)
        if row is None:
            raise InputError(
                [Problem("map", f"there is no saved payroll column mapping number {number}")],
                "--map",
            )
        return parse_mapping(row.mapping, PAYROLL_RESULTS)


# -- preview ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Missing:
    """A PA paid in the period's timesheet with no row in the file."""

    name: str
    payroll_number: str
    timesheet_pence: int


@dataclass(frozen=True)
class Preview:
    """What importing the file for ``start``..``end`` would record, or why not: the
    mapping and where it came from, the rows read (None when refused), the problem,
    the PAs of the period's timesheet with no row, and each PA's name."""

    file: ResultsFile
    start: date
    end: date
    provider: str
    how: str
    mapping: Mapping
    read: ReadResults | None
    problem: InputError | None = None
    missing: tuple[Missing, ...] = ()
    names: dict[str, str] = field(default_factory=dict)
    saved: bool = False

    @property
    def first_rows(self) -> list[tuple[str, ...]]:
        return [cells for _line, cells in self.file.table.rows[:PREVIEW_ROWS]]

    def total(self, key: str) -> int:
        if self.read is None:
            return 0
        return sum(getattr(p, f"{key}_pence") for p in self.read.lines)

    @property
    def count(self) -> int:
        return len(self.read.lines) if self.read else 0


def _as_mapping(ef: EmployerFile | None, mapping: Mapping | str | None) -> Mapping | None:
    if mapping is None or isinstance(mapping, Mapping):
        return mapping
    text = mapping.strip()
    if text.isascii() and text.isdigit():
        if ef is None:
            raise InputError([Problem("map", "a saved mapping needs the employer file")])
        return mapping_by_number(ef, int(text))
    return parse_mapping(text, PAYROLL_RESULTS)


def _choose(
    file: ResultsFile,
    provider: str,
    chosen: Mapping | None,
    saved: Mapping | None,
    presets: dict[str, Preset],
) -> tuple[str, str, Mapping, bool]:
    """(provider, how, mapping, saved) for a file."""
    if chosen is not None:
        return provider, "your column mapping", chosen, False
    if saved is not None:
        return provider, "the column mapping saved for this provider", saved, True
    preset = presets.get(provider) if provider else None
    if preset is not None and preset.recognises(file.table):
        return provider, f"{preset.name}'s published columns", preset.mapping, False
    found = detect_preset(presets, file.table)
    if found is not None:
        return provider or found.key, f"{found.name}'s published columns", found.mapping, False
    return provider, "columns matched by their names", guess_results_mapping(file.table), False


def _people(session: Session) -> tuple[People, dict[str, int], dict[str, str]]:
    rows = session.execute(
        select(PARow.id, PARow.payroll_number, PARow.ni_number, PARow.first_name, PARow.last_name)
    ).all()
    people = People.of([(r.payroll_number, r.ni_number or "") for r in rows])
    ids = {r.payroll_number: r.id for r in rows}
    names = {r.payroll_number: f"{r.first_name} {r.last_name}".strip() for r in rows}
    return people, ids, names


def _missing(
    session: Session, start: date, end: date, read: ReadResults, names: dict[str, str]
) -> tuple[Missing, ...]:
    totals, _source = payroll.timesheet_totals(session, start, end)
    have = {p.payroll_number for p in read.lines}
    return tuple(
        Missing(names.get(n, n), n, pence)
        for n, pence in sorted(totals.items())
        if pence and n not in have
    )


def preview(
    ef: EmployerFile,
    file: ResultsFile,
    start: date,
    end: date,
    provider: str = "",
    mapping: Mapping | str | None = None,
) -> Preview:
    """What importing ``file`` for the pay period ``start``..``end`` would record: with
    the mapping given, else the one saved for this provider and these columns, else a
    preset whose published columns the header has, else one matched by names. Never
    raises for the file's content: the problem is in the preview."""
    chosen = _as_mapping(ef, mapping)
    presets = payroll_result_presets()
    with ef.reading() as session:
        saved = None
        if chosen is None and provider:
            saved = saved_mapping(session, provider, file.table)
        elif chosen is None:
            found = saved_for_any(session, file.table)
            if found is not None:
                provider, saved = found
        who, how, used, was_saved = _choose(file, provider, chosen, saved, presets)
        people, _ids, names = _people(session)
        try:
            check_period(ef, start, end)
            read = read_results(file.table, used, file.filename, (start, end), people)
        except InputError as exc:
            return Preview(file, start, end, who, how, used, None, exc, (), names, was_saved)
        missing = _missing(session, start, end, read, names)
    return Preview(file, start, end, who, how, used, read, None, missing, names, was_saved)


def import_mapped(
    ef: EmployerFile,
    file: ResultsFile,
    start: date,
    end: date,
    provider: str,
    mapping: Mapping,
) -> payroll.PayrollImport:
    """Record every row of ``file`` for the pay period ``start``..``end`` read with
    ``mapping``, or none; save the mapping for this provider's next file. One
    transaction."""
    problems = mapping_problems(mapping, file.table)
    if problems:
        raise InputError(problems, f"{file.filename}, the column mapping")
    check_period(ef, start, end)
    with ef.transaction() as session:
        people, ids, _names = _people(session)
        read = read_results(file.table, mapping, file.filename, (start, end), people)
        payroll.refuse_duplicates(session, read.lines, ids, file.filename)
        warnings = payroll.gross_warnings(session, read.lines, file.filename)
        payroll.record_lines(
            session, read.lines, ids, file.path.name, ef.now().isoformat(timespec="seconds")
        )
        save_mapping_in(session, provider or OTHER, file.table, mapping, ef.today())
        return payroll.PayrollImport(len(read.lines), warnings)


def is_own_format(table: Table) -> bool:
    """The file has this program's own payroll results columns (docs/formats.md)."""
    names = {c.strip().lower() for c in table.columns}
    return {"payroll_number", "period_start", "period_end", "gross", "net"} <= names


def describe(mapping: Mapping) -> str:
    """A mapping in words: 'Payroll number: Works No; Gross pay: Gross Pay...'."""
    parts = []
    for key, names in mapping.columns:
        spec = PAYROLL_RESULTS.spec(key)
        parts.append(f"{spec.label if spec else key}: {' + '.join(shown(n) for n in names)}")
    return "; ".join(parts)
