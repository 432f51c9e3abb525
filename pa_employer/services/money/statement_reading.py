"""Reading a statement file before it is imported: which format it is, which layout or
column mapping reads it, and what would be read (the preview the window and
``import bank --preview`` show). Column mappings are saved per account in the employer
file (table ``statement_mapping``, schema 0006) and used again, without asking, for the
next file with the same columns.

Formats: OFX/QFX (ofxtools), QIF, CAMT.053 XML, MT940 (mt-940), Excel (.xlsx, .xls),
Santander's text export, and CSV with any delimiter (a layout of
resources/statement_layouts.toml, a saved mapping, or a mapping given by the user).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pa_employer.core.account.statement import ReadStatement
from pa_employer.core.account.statement_mapping import (
    CUSTOM,
    STATEMENT,
    AmbiguousDates,
    guess_statement_mapping,
    layout_mapping,
    mapping_problems,
    read_table,
    read_with_layouts,
    table_signature,
)
from pa_employer.core.exchange.mapping import Mapping, parse_mapping
from pa_employer.core.exchange.table import Table
from pa_employer.core.validation import InputError, Problem, shown
from pa_employer.models import BankStatement, StatementMappingRow
from pa_employer.services.settings.resources import statement_layouts
from pa_employer.services.storage.employer_file import EmployerFile

#: How many rows of the file a preview shows.
PREVIEW_ROWS = 10
#: Formats read without a mapping (their structure names every field).
STRUCTURED = {"ofx": "OFX", "camt053": "CAMT.053 XML", "mt940": "MT940"}


@dataclass(frozen=True)
class StatementFile:
    """A statement file read into memory: its bytes, SHA-256 and, for a table-like file
    (CSV, text, Excel, QIF), its table."""

    path: Path
    data: bytes
    digest: str
    kind: str
    table: Table | None = None

    @property
    def filename(self) -> str:
        return str(self.path)


@dataclass(frozen=True)
class Preview:
    """What importing a file would read, or why it cannot yet: the layout or mapping
    used (and where it came from), the first rows as in the file, the statement read
    (None when it cannot be read), the problem, and the date formats to choose from
    when the dates are ambiguous."""

    file: StatementFile
    how: str
    layout: str
    mapping: Mapping | None
    read: ReadStatement | None
    problem: InputError | None = None
    date_choices: tuple[str, ...] = ()
    saved: bool = False

    @property
    def columns(self) -> tuple[str, ...]:
        return self.file.table.columns if self.file.table is not None else ()

    @property
    def first_rows(self) -> list[tuple[str, ...]]:
        table = self.file.table
        return [cells for _line, cells in table.rows[:PREVIEW_ROWS]] if table else []

    @property
    def money_in_pence(self) -> int:
        return sum(r.amount_pence for r in self.read.rows if r.amount_pence > 0) if self.read else 0

    @property
    def money_out_pence(self) -> int:
        return (
            -sum(r.amount_pence for r in self.read.rows if r.amount_pence < 0) if self.read else 0
        )


def load(path: Path | str) -> StatementFile:
    """The file's bytes and the kind of statement it is. Raises InputError naming it."""
    from pa_employer.exports.statement_camt import looks_like_camt
    from pa_employer.exports.statement_mt940 import looks_like_mt940
    from pa_employer.exports.statement_ofx import looks_like_ofx
    from pa_employer.exports.statement_qif import looks_like_qif, table_from_qif
    from pa_employer.exports.statement_table import read_table as read_file_table
    from pa_employer.exports.text_files import decode

    path = Path(path)
    filename = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem("file", exc.strerror or str(exc))], filename) from exc
    digest = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix in (".ofx", ".qfx") or looks_like_ofx(data):
        return StatementFile(path, data, digest, "ofx")
    if suffix == ".xml" or looks_like_camt(data):
        return StatementFile(path, data, digest, "camt053")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        table, kind = read_file_table(data, filename, _known_headers())
        return StatementFile(path, data, digest, kind, table)
    text = decode(data, filename)
    if suffix in (".sta", ".mt940", ".940") or looks_like_mt940(text):
        return StatementFile(path, data, digest, "mt940")
    if suffix == ".qif" or looks_like_qif(text):
        return StatementFile(path, data, digest, "qif", table_from_qif(text, filename))
    table, kind = read_file_table(data, filename, _known_headers())
    return StatementFile(path, data, digest, kind, table)


def _known_headers() -> list[tuple[str, ...]]:
    return [lay.detect or lay.required for lay in statement_layouts().layouts.values()]


def _structured(file: StatementFile) -> ReadStatement:
    from pa_employer.exports.statement_camt import read_statement_camt
    from pa_employer.exports.statement_mt940 import read_statement_mt940
    from pa_employer.exports.statement_ofx import read_statement_ofx
    from pa_employer.exports.text_files import decode

    if file.kind == "ofx":
        return read_statement_ofx(file.data, file.filename)
    if file.kind == "camt053":
        return read_statement_camt(file.data, file.filename)
    return read_statement_mt940(decode(file.data, file.filename), file.filename)


# -- saved mappings -------------------------------------------------------------------


def saved_mapping(session: Session, account: str, table: Table) -> Mapping | None:
    """The mapping saved for this account and these columns, if any."""
    row = session.scalars(
        select(StatementMappingRow).where(
            StatementMappingRow.account == account,
            StatementMappingRow.signature == table_signature(table),
        )
    ).first()
    if row is None:
        return None
    try:
        return parse_mapping(row.mapping, STATEMENT)
    except InputError:
        return None  # a mapping saved by a later version: asked again, never a crash


def save_mapping_in(
    session: Session, account: str, table: Table, mapping: Mapping, today: object
) -> None:
    """Save (or replace) the mapping for this account and these columns."""
    signature = table_signature(table)
    row = session.scalars(
        select(StatementMappingRow).where(
            StatementMappingRow.account == account, StatementMappingRow.signature == signature
        )
    ).first()
    if row is None:
        session.add(
            StatementMappingRow(
                account=account, signature=signature, mapping=mapping.text(), used_on=today
            )
        )
    else:
        row.mapping = mapping.text()
        row.used_on = today  # type: ignore[assignment]


@dataclass(frozen=True)
class SavedMapping:
    id: int
    account: str
    columns: str
    mapping: str
    used_on: object = field(compare=False, default=None)


def list_mappings(ef: EmployerFile) -> list[SavedMapping]:
    """Every saved column mapping, by account."""
    with ef.reading() as session:
        rows = session.scalars(
            select(StatementMappingRow).order_by(
                StatementMappingRow.account, StatementMappingRow.id
            )
        )
        return [
            SavedMapping(r.id, r.account, r.signature.replace("|", ", "), r.mapping, r.used_on)
            for r in rows
        ]


def mapping_by_number(ef: EmployerFile, number: int) -> Mapping:
    """A saved mapping by its number (as ``statement-mappings`` lists them)."""
    with ef.reading() as session:
        row = session.get(StatementMappingRow, number)
        if row is None:
            raise InputError(
                [Problem("map", f"there is no saved column mapping number {number}")], "--map"
            )
        return parse_mapping(row.mapping, STATEMENT)


# -- preview --------------------------------------------------------------------------


def _as_mapping(mapping: Mapping | str | None) -> Mapping | None:
    if mapping is None or isinstance(mapping, Mapping):
        return mapping
    return parse_mapping(mapping, STATEMENT)


def _try(
    file: StatementFile, how: str, layout: str, mapping: Mapping, saved: bool = False
) -> Preview:
    assert file.table is not None
    try:
        read = read_table(file.table, mapping, file.filename, layout)
    except AmbiguousDates as exc:
        return Preview(file, how, layout, mapping, None, exc, tuple(exc.choices), saved)
    except InputError as exc:
        return Preview(file, how, layout, mapping, None, exc, (), saved)
    return Preview(file, how, layout, mapping, read, None, (), saved)


def _preview_structured(file: StatementFile, layout: str | None, chosen: Mapping | None) -> Preview:
    what = STRUCTURED[file.kind]
    if chosen is not None or (layout and layout.lower() not in ("ofx", file.kind)):
        problem = InputError(
            [Problem("map", f"a {what} file names its own fields: give no layout or mapping")],
            file.filename,
        )
        return Preview(file, what, file.kind, None, None, problem)
    try:
        return Preview(file, what, file.kind, None, _structured(file))
    except InputError as exc:
        return Preview(file, what, file.kind, None, None, exc)


def _extra(file: StatementFile) -> tuple[str, ...]:
    """A workbook's real dates come as YYYY-MM-DD, whatever the bank's layout says."""
    return ("%Y-%m-%d",) if file.kind == "xlsx" else ()


def _preview_santander(file: StatementFile) -> Preview:
    """Santander's text export: its own reader made the table; its layout maps it."""
    assert file.table is not None
    named = statement_layouts().layouts["santander_txt"]
    mapping = layout_mapping(named, file.table)
    try:
        read = read_table(file.table, mapping, file.filename, named.code, named.date_formats)
    except InputError as exc:
        return Preview(file, named.name, named.code, mapping, None, exc)
    return Preview(file, named.name, named.code, mapping, read)


def _preview_layout(file: StatementFile, layout: str) -> Preview:
    from pa_employer.exports.statement_csv import named_layout

    assert file.table is not None
    layouts = statement_layouts()
    try:
        named = named_layout(layouts, layout, file.filename)
    except InputError as exc:
        return Preview(file, "layout", layout, None, None, exc)
    assert named is not None
    mapping_of = layout_mapping(named, file.table)
    try:
        read = read_with_layouts(file.table, file.filename, layouts, named, _extra(file))
    except InputError as exc:
        return Preview(file, named.name, named.code, mapping_of, None, exc)
    return Preview(file, named.name, named.code, mapping_of, read)


def preview(
    file: StatementFile,
    layout: str | None = None,
    mapping: Mapping | str | None = None,
    saved: Mapping | None = None,
) -> Preview:
    """What importing ``file`` would read: with the mapping given, else the layout
    named, else the mapping saved for its columns, else the layout its header shows,
    else a proposed mapping (``how`` says which). Never raises for the file's content:
    the problem is in the preview."""
    layouts = statement_layouts()
    chosen = _as_mapping(mapping)
    if file.table is None:
        return _preview_structured(file, layout, chosen)
    if file.kind == "qif" and chosen is None:
        from pa_employer.exports.statement_qif import QIF_MAPPING

        # a QIF file's date format chosen before is saved as its mapping
        qif = saved or parse_mapping(QIF_MAPPING, STATEMENT)
        return _try(file, "QIF", "qif", qif, saved is not None)
    if chosen is not None:
        return _try(file, "your column mapping", CUSTOM, chosen)
    if file.kind == "santander_txt" and layout in (None, "", "santander_txt"):
        return _preview_santander(file)
    if layout:
        return _preview_layout(file, layout)
    if saved is not None:
        return _try(file, "the column mapping saved for this account", CUSTOM, saved, True)
    detected = layouts.all_detected(file.table.columns) if file.table.header_line else []
    if detected:
        try:
            read = read_with_layouts(file.table, file.filename, layouts, None, _extra(file))
            code = read.layout
            lay = layouts.layouts[code]
            return Preview(file, lay.name, code, layout_mapping(lay, file.table), read)
        except InputError as exc:
            lay = detected[0]
            return Preview(file, lay.name, lay.code, layout_mapping(lay, file.table), None, exc)
    guess = guess_statement_mapping(file.table)
    if mapping_problems(guess, file.table):
        problem = InputError(
            [
                Problem(
                    "columns",
                    "no layout knows these columns "
                    f"({', '.join(shown(c) for c in file.table.columns[:12])}): map them "
                    "(which column is the date, the description, the amount...)",
                )
            ],
            f"{file.filename}, line {file.table.header_line or 1}",
        )
        return Preview(file, "a proposed column mapping", CUSTOM, guess, None, problem)
    return _try(file, "a proposed column mapping", CUSTOM, guess)


def preview_loaded(
    ef: EmployerFile | None,
    file: StatementFile,
    account: str = "bank",
    layout: str | None = None,
    mapping: Mapping | str | None = None,
) -> Preview:
    """``preview`` of a file already loaded, with the mapping saved for this account's
    files with these columns when no layout or mapping is given."""
    saved = None
    if ef is not None and file.table is not None and not layout and mapping is None:
        with ef.reading() as session:
            saved = saved_mapping(session, account, file.table)
    return preview(file, layout, mapping, saved)


def layout_names() -> dict[str, str]:
    """Each layout's code and the bank's name, in the order they are tried (not
    Santander's text export: its own reader knows it, and it is no CSV layout)."""
    return {
        code: lay.name
        for code, lay in statement_layouts().layouts.items()
        if code != "santander_txt"
    }


def preview_file(
    ef: EmployerFile | None,
    path: Path | str,
    account: str = "bank",
    layout: str | None = None,
    mapping: Mapping | str | None = None,
) -> Preview:
    """Load ``path`` and preview it, using the mapping saved for this account's files
    with these columns when no layout or mapping is given. Raises InputError only for a
    file that cannot be read at all (missing, not text, broken XML...)."""
    return preview_loaded(ef, load(path), account, layout, mapping)


#: Layouts that are no one bank's: a file in them may come from any bank.
ANY_BANK = frozenset({"generic", "signed", CUSTOM, "ofx", "qif", "camt053", "mt940"})


def check_bank(
    session: Session, account: str, read: ReadStatement, filename: str, chosen: bool
) -> None:
    """Refuse a file in one bank's layout when this account's statements so far were in
    another bank's, unless the user chose the layout or mapping (the account moved
    bank) or the account numbers can tell (``check_account``)."""
    if chosen or read.layout in ANY_BANK:
        return
    earlier = session.scalars(
        select(BankStatement)
        .where(BankStatement.account == account, BankStatement.layout.not_in(ANY_BANK))
        .order_by(BankStatement.id.desc())
    ).first()
    if earlier is None or earlier.layout in ("", read.layout):
        return
    if read.account_number and earlier.account_number:
        return
    layouts = statement_layouts().layouts
    mine = layouts[read.layout].name if read.layout in layouts else read.layout
    theirs = layouts[earlier.layout].name if earlier.layout in layouts else earlier.layout
    raise InputError(
        [
            Problem(
                "layout",
                f"this file is in the layout of {mine}, but the statements of this account "
                f"so far are {theirs}'s ({earlier.source_file}): is it another bank's "
                "statement? If the account has moved bank, choose the layout yourself "
                "(--layout, or Layout in the window). Nothing was imported",
            )
        ],
        filename,
    )


def check_account(session: Session, account: str, read: ReadStatement, filename: str) -> None:
    """Refuse a file that says it is from another account than this account's earlier
    statements said."""
    if not read.account_number:
        return
    earlier = session.scalars(
        select(BankStatement)
        .where(BankStatement.account == account, BankStatement.account_number != "")
        .order_by(BankStatement.id.desc())
    ).first()
    if earlier is None:
        return
    mine = _digits(read.account_number)
    theirs = _digits(earlier.account_number)
    if len(mine) >= 4 and len(theirs) >= 4 and mine[-4:] != theirs[-4:]:
        raise InputError(
            [
                Problem(
                    "account",
                    f"this file is from the account {shown(read.account_number)}, but the "
                    f"statements of this account so far are from {shown(earlier.account_number)} "
                    f"({earlier.source_file}): is it another bank's or another account's "
                    "statement? Nothing was imported",
                )
            ],
            filename,
        )


def _digits(text: str) -> str:
    """The digits of an account number (banks mask the rest: XXXX XXXX 9185)."""
    return "".join(ch for ch in text if ch.isdigit())
